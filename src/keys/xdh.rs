//! X25519 and X448 key-agreement keys (RFC 7748, RFC 8410) as keytool makes
//! them with `-keyalg XDH|X25519|X448 -signer ALIAS`: they cannot sign, so
//! their certificate is issued by another entry. PKCS#8 v1 with the raw
//! private key in an OCTET STRING and no public key, as keytool writes it.

use crate::error::{Error, Result};
use der::asn1::{BitStringRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode};
use zeroize::Zeroizing;

/// id-X25519 (RFC 8410).
pub const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
/// id-X448 (RFC 8410).
pub const X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");

/// True for the two XDH key OIDs.
pub fn is_xdh(oid: &ObjectIdentifier) -> bool {
    *oid == X25519 || *oid == X448
}

/// The public key of a raw private key on the curve `oid`.
fn public_point(oid: &ObjectIdentifier, private: &[u8]) -> Result<Vec<u8>> {
    let bad = || Error::malformed("XDH private key", "wrong length");
    if *oid == X25519 {
        let bytes: [u8; 32] = private.try_into().map_err(|_| bad())?;
        let secret = x25519_dalek::StaticSecret::from(bytes);
        Ok(x25519_dalek::PublicKey::from(&secret).to_bytes().to_vec())
    } else if *oid == X448 {
        let bytes: [u8; 56] = private.try_into().map_err(|_| bad())?;
        let secret = x448::StaticSecret::from(bytes);
        Ok(x448::PublicKey::from(&secret).as_bytes().to_vec())
    } else {
        Err(Error::UnsupportedAlgorithm {
            format: "key",
            what: oid.to_string(),
        })
    }
}

fn spki(oid: ObjectIdentifier, point: &[u8]) -> Result<Vec<u8>> {
    Ok(spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifier {
            oid,
            parameters: None,
        },
        subject_public_key: BitStringRef::from_bytes(point)?,
    }
    .to_der()?)
}

/// A new key on the curve `oid` (X25519 or X448): its PKCS#8 (wiped on
/// drop) and its SubjectPublicKeyInfo.
pub fn generate(oid: ObjectIdentifier) -> Result<(Zeroizing<Vec<u8>>, Vec<u8>)> {
    let len = if oid == X25519 { 32 } else { 56 };
    let mut private = Zeroizing::new(vec![0u8; len]);
    rand::fill(&mut private[..]);
    let point = public_point(&oid, &private)?;
    let mut inner = Zeroizing::new(Vec::new());
    OctetStringRef::new(&private[..])?.encode_to_vec(&mut inner)?;
    let info = pkcs8::PrivateKeyInfoRef::new(
        spki::AlgorithmIdentifier {
            oid,
            parameters: None,
        },
        OctetStringRef::new(&inner)?,
    );
    let mut der = Zeroizing::new(Vec::new());
    info.encode_to_vec(&mut der)?;
    Ok((der, spki(oid, &point)?))
}

/// The SubjectPublicKeyInfo of an XDH PKCS#8 key; None for other keys.
pub fn public_key_der(pkcs8: &[u8]) -> Result<Option<Vec<u8>>> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(pkcs8)?;
    let oid = info.algorithm.oid;
    if !is_xdh(&oid) {
        return Ok(None);
    }
    let private = <&OctetStringRef>::from_der(info.private_key.as_bytes())?;
    Ok(Some(spki(oid, &public_point(&oid, private.as_bytes())?)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_carry_their_public_key() {
        for oid in [X25519, X448] {
            let (pkcs8, spki_der) = generate(oid).unwrap();
            assert_eq!(public_key_der(&pkcs8).unwrap(), Some(spki_der));
        }
    }
}
