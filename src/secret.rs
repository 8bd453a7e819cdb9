//! Secret keys as keytool makes them (`-genseckey`, `-importpass`): the
//! algorithm names it uses, their object identifiers, and the PKCS#8-shaped
//! structure the JDK's PKCS12 keystore shrouds them in.

use crate::error::{Error, Result};
use crate::keystore::SecretKey;
use der::Encode;
use der::asn1::{Null, ObjectIdentifier, OctetString};
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

/// keytool's secret key algorithms with the object identifier the JDK's
/// `AlgorithmId.get(name)` gives them (`sun.security.util.KnownOIDs`).
const ALGORITHMS: &[(&str, &str)] = &[
    ("AES", "2.16.840.1.101.3.4.1"),
    ("DES", "1.3.14.3.2.7"),
    ("DESede", "1.2.840.113549.3.7"),
    ("HmacSHA1", "1.2.840.113549.2.7"),
    ("HmacSHA224", "1.2.840.113549.2.8"),
    ("HmacSHA256", "1.2.840.113549.2.9"),
    ("HmacSHA384", "1.2.840.113549.2.10"),
    ("HmacSHA512", "1.2.840.113549.2.11"),
    ("HmacSHA512/224", "1.2.840.113549.2.12"),
    ("HmacSHA512/256", "1.2.840.113549.2.13"),
    ("HmacSHA3-224", "2.16.840.1.101.3.4.2.13"),
    ("HmacSHA3-256", "2.16.840.1.101.3.4.2.14"),
    ("HmacSHA3-384", "2.16.840.1.101.3.4.2.15"),
    ("HmacSHA3-512", "2.16.840.1.101.3.4.2.16"),
    ("PBEWithMD5AndDES", "1.2.840.113549.1.5.3"),
    ("PBEWithSHA1AndDESede", "1.2.840.113549.1.12.1.3"),
    ("PBEWithSHA1AndRC2_40", "1.2.840.113549.1.12.1.6"),
    ("PBEWithSHA1AndRC2_128", "1.2.840.113549.1.12.1.5"),
    ("PBEWithSHA1AndRC4_40", "1.2.840.113549.1.12.1.2"),
    ("PBEWithSHA1AndRC4_128", "1.2.840.113549.1.12.1.1"),
    ("PBES2", "1.2.840.113549.1.5.13"),
];

/// The canonical name of `name` (matched without regard to case), if keytool knows it.
pub fn canonical_name(name: &str) -> Option<&'static str> {
    ALGORITHMS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(n, _)| *n)
}

fn oid_of(name: &str) -> Option<ObjectIdentifier> {
    ALGORITHMS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .and_then(|(_, o)| ObjectIdentifier::new(o).ok())
}

fn name_of(oid: &ObjectIdentifier) -> Option<&'static str> {
    let s = oid.to_string();
    ALGORITHMS.iter().find(|(_, o)| *o == s).map(|(n, _)| *n)
}

fn bad(detail: impl Into<String>) -> Error {
    Error::malformed("PKCS#12 secret key", detail)
}

/// Parses the JDK's PKCS#8-shaped secret key:
///
/// ```text
/// SEQUENCE { version INTEGER (0), algorithm AlgorithmIdentifier, key OCTET STRING }
/// ```
pub fn from_pkcs8_shape(der: &[u8]) -> Result<SecretKey> {
    use der::Reader;
    let mut r = der::SliceReader::new(der).map_err(|e| bad(e.to_string()))?;
    let (alg, key) = r
        .sequence(
            |r| -> der::Result<(AlgorithmIdentifierOwned, OctetString)> {
                let _version: u8 = r.decode()?;
                let alg: AlgorithmIdentifierOwned = r.decode()?;
                let key: OctetString = r.decode()?;
                Ok((alg, key))
            },
        )
        .map_err(|e| bad(e.to_string()))?;
    let algorithm = match name_of(&alg.oid) {
        Some(n) => n.to_string(),
        None => alg.oid.to_string(),
    };
    Ok(SecretKey {
        algorithm,
        bytes: Zeroizing::new(key.into_bytes().into_vec()),
    })
}

/// The JDK's PKCS#8-shaped secret key for `key`, wiped on drop.
pub fn to_pkcs8_shape(key: &SecretKey) -> Result<Zeroizing<Vec<u8>>> {
    let oid = match oid_of(&key.algorithm) {
        Some(o) => o,
        None => ObjectIdentifier::new(&key.algorithm).map_err(|_| {
            Error::Unsupported(format!("secret key algorithm {} in PKCS12", key.algorithm))
        })?,
    };
    let alg = AlgorithmIdentifierOwned {
        oid,
        parameters: Some(der::Any::from(Null)),
    };
    let mut body = Zeroizing::new(0u8.to_der()?);
    body.extend_from_slice(&alg.to_der()?);
    body.extend_from_slice(&OctetString::new(key.bytes.to_vec())?.to_der()?);
    let seq = der::asn1::Any::new(der::Tag::Sequence, body.to_vec())?;
    Ok(Zeroizing::new(seq.to_der()?))
}
