//! Secret keys as keytool makes them (`-genseckey`, `-importpass`): the
//! algorithm names it uses, their object identifiers, and the PKCS#8-shaped
//! structure the JDK's PKCS12 keystore shrouds them in.

use crate::error::{Error, KeySizes, Result};
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
    // The JDK's KnownOIDs.DESede (OIW); 1.2.840.113549.3.7 is its
    // "DESede/CBC/NoPadding", read back as such by the JDK. Earlier rkeytool
    // wrote the latter: still read as DESede.
    ("DESede", "1.3.14.3.2.17"),
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
        None => ObjectIdentifier::new(&key.algorithm).map_err(|_| Error::SecretKeyAlgorithm {
            alias: None,
            store_type: "PKCS12",
            algorithm: key.algorithm.clone(),
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

/// Generates a secret key as keytool's `-genseckey` does (`KeyGenerator`
/// of the JDK's SunJCE provider): `bits` defaults to 56 for DES and 168 for
/// DESede and is required otherwise. Errors carry the JDK's own wording.
pub fn generate(algorithm: &str, bits: Option<u32>) -> Result<SecretKey> {
    let name = canonical_name(algorithm)
        .filter(|n| !n.starts_with("PBE"))
        .ok_or_else(|| Error::NoSuchAlgorithm {
            algorithm: algorithm.to_string(),
            service: "KeyGenerator",
        })?;
    let bits = match (name, bits) {
        (_, Some(b)) => b,
        ("DES", None) => 56,
        ("DESede", None) => 168,
        _ => {
            return Err(Error::KeySizeNeeded {
                algorithm: name.to_string(),
            });
        }
    };
    let invalid = |allowed| Error::InvalidKeySize {
        algorithm: name.to_string(),
        bits,
        allowed,
    };
    let len = match name {
        "AES" => match bits {
            128 | 192 | 256 => bits as usize / 8,
            _ => return Err(invalid(KeySizes::OneOf(&[128, 192, 256]))),
        },
        "DES" => match bits {
            56 => 8,
            _ => return Err(invalid(KeySizes::OneOf(&[56]))),
        },
        "DESede" => match bits {
            112 | 168 => 24,
            _ => return Err(invalid(KeySizes::OneOf(&[112, 168]))),
        },
        _ => {
            if !(40..=1 << 16).contains(&bits) {
                return Err(invalid(KeySizes::Range {
                    min: 40,
                    max: 1 << 16,
                }));
            }
            bits.div_ceil(8) as usize
        }
    };
    let mut bytes = Zeroizing::new(vec![0u8; len]);
    rand::fill(&mut bytes[..]);
    if name == "DESede" && bits == 112 {
        // Two-key triple DES: the third key is the first, as the JDK makes it.
        let (k1, rest) = bytes.split_at_mut(16);
        rest.copy_from_slice(&k1[..8]);
    }
    if name.starts_with("DES") {
        for b in bytes.iter_mut() {
            // DES keys carry odd parity in each byte's low bit.
            *b = (*b & 0xFE) | u8::from((*b >> 1).count_ones() % 2 == 0);
        }
    }
    Ok(SecretKey {
        algorithm: name.to_string(),
        bytes,
    })
}

/// A password entry as `-importpass` makes it: a PBE key whose bytes are the
/// password's characters. As the JDK's `PBEKey`, only printable ASCII is
/// accepted.
pub fn password_key(password: &crate::Password) -> Result<SecretKey> {
    let text = password.expose();
    if text.chars().any(|c| !(' '..='~').contains(&c)) {
        return Err(Error::PasswordKeyNotAscii);
    }
    Ok(SecretKey {
        // What the JDK's "PBE" SecretKeyFactory names every key it makes.
        algorithm: "PBEWithMD5AndDES".into(),
        bytes: Zeroizing::new(text.as_bytes().to_vec()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_round_trips_and_names_the_jdk_way() {
        let k = generate("hmacsha256", Some(256)).unwrap();
        assert_eq!(k.algorithm, "HmacSHA256");
        assert_eq!(k.bytes.len(), 32);
        let back = from_pkcs8_shape(&to_pkcs8_shape(&k).unwrap()).unwrap();
        assert_eq!(back.algorithm, "HmacSHA256");
        assert_eq!(back.bytes, k.bytes);
        // DESede as keytool 25 writes it into PKCS12 (from `keytool
        // -importkeystore` of a JCEKS DESede key): OID 1.3.14.3.2.17, no parameters.
        let key = [0x5Au8; 24];
        let mut jdk = vec![0x30, 0x26, 0x02, 0x01, 0x00, 0x30, 0x07, 0x06, 0x05];
        jdk.extend([0x2b, 0x0e, 0x03, 0x02, 0x11, 0x04, 0x18]);
        jdk.extend(key);
        let k = from_pkcs8_shape(&jdk).unwrap();
        assert_eq!(k.algorithm, "DESede");
        let ours = to_pkcs8_shape(&k).unwrap();
        assert_eq!(&ours[7..14], &[0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x11]);
    }

    #[test]
    fn keytool_defaults_and_refusals() {
        assert_eq!(generate("DES", None).unwrap().bytes.len(), 8);
        assert_eq!(generate("DESede", None).unwrap().bytes.len(), 24);
        // keytool's words for these are in the binary (cli/error.rs) and
        // checked against keytool by tests/it/secret.rs.
        assert!(matches!(
            generate("AES", None),
            Err(Error::KeySizeNeeded { algorithm }) if algorithm == "AES"
        ));
        let e = generate("AES", Some(100)).unwrap_err();
        assert!(
            matches!(
                &e,
                Error::InvalidKeySize {
                    bits: 100,
                    allowed: KeySizes::OneOf([128, 192, 256]),
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "AES keys of 100 bits: the size must be 128, 192 or 256"
        );
        assert!(matches!(
            generate("HmacSHA256", Some(12)),
            Err(Error::InvalidKeySize {
                bits: 12,
                allowed: KeySizes::Range {
                    min: 40,
                    max: 65536
                },
                ..
            })
        ));
        assert!(matches!(
            generate("Blah", Some(128)),
            Err(Error::NoSuchAlgorithm { algorithm, service: "KeyGenerator" }) if algorithm == "Blah"
        ));
        assert_eq!(generate("HmacSHA256", Some(44)).unwrap().bytes.len(), 6);
        assert!(matches!(
            password_key(&crate::Password::new("pässword")),
            Err(Error::PasswordKeyNotAscii)
        ));
    }

    #[test]
    fn des_keys_have_odd_parity() {
        for b in generate("DESede", Some(168)).unwrap().bytes.iter() {
            assert_eq!(b.count_ones() % 2, 1);
        }
    }
}
