//! Sun's JCE key protector for private keys (`com.sun.crypto.provider.KeyProtector`):
//! PKCS#8 `EncryptedPrivateKeyInfo` under PBEWithMD5AndTripleDES.
//!
//! ```text
//! EncryptedPrivateKeyInfo ::= SEQUENCE {
//!     encryptionAlgorithm  AlgorithmIdentifier {
//!         algorithm   1.3.6.1.4.1.42.2.19.1,      -- JAVASOFT_JCEKeyProtector
//!         parameters  PBEParameter },              -- 8-byte salt, 200000 iterations
//!     encryptedData        OCTET STRING }          -- see super::pbe
//! ```
//!
//! JDK 11, 17, 21 and 25 write the same structure. Reading, the JDK also
//! accepts a key under the JKS protector (1.3.6.1.4.1.42.2.17.1.1), as a JKS
//! file loaded as JCEKS has; so do we.

use super::FORMAT;
use super::pbe::{self, Params};
use crate::error::{Error, Result};
use crate::password::Password;
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Sequence};
use spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

/// Sun's JCE key protector: PBEWithMD5AndTripleDES.
pub const KEY_PROTECTOR_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.4.1.42.2.19.1");

/// PKCS#8 `EncryptedPrivateKeyInfo` (RFC 5208 §6), with the algorithm left open.
#[derive(Sequence)]
struct EncryptedPrivateKeyInfo<'a> {
    encryption_algorithm: AlgorithmIdentifierRef<'a>,
    encrypted_data: &'a OctetStringRef,
}

/// Encrypts PKCS#8 DER into a JCEKS key blob with a fresh salt.
///
/// Fails with [`Error::Malformed`] when `pkcs8` is not DER PKCS#8, and
/// [`Error::KeyPasswordNotAscii`] when the password is not printable ASCII
/// (the JDK could not read the result).
pub fn protect(pkcs8: &[u8], password: &Password) -> Result<Vec<u8>> {
    protect_with_params(pkcs8, password, &Params::random())
}

/// [`protect`] with given parameters, for known answers.
pub(crate) fn protect_with_params(
    pkcs8: &[u8],
    password: &Password,
    params: &Params,
) -> Result<Vec<u8>> {
    pkcs8::PrivateKeyInfoRef::from_der(pkcs8)
        .map_err(|e| Error::malformed("PKCS#8", format!("not a private key: {e}")))?;
    let encrypted = pbe::encrypt(pkcs8, password, params)?;
    let params_der = params.to_der()?;
    let info = EncryptedPrivateKeyInfo {
        encryption_algorithm: AlgorithmIdentifierRef {
            oid: KEY_PROTECTOR_OID,
            parameters: Some(AnyRef::from_der(&params_der)?),
        },
        encrypted_data: OctetStringRef::new(&encrypted)?,
    };
    Ok(info.to_der()?)
}

/// Checks that `blob` is a key blob the JDK would try to recover: DER
/// `EncryptedPrivateKeyInfo` under either Sun protector, with sane PBE
/// parameters. Nothing is decrypted.
pub fn check(blob: &[u8]) -> Result<()> {
    parse(blob).map(|_| ())
}

enum Parsed<'a> {
    Jce(Params, &'a [u8]),
    Jks,
}

fn parse(blob: &[u8]) -> Result<Parsed<'_>> {
    let malformed =
        |detail: String| Error::malformed(FORMAT, format!("private key blob: {detail}"));
    let info = EncryptedPrivateKeyInfo::from_der(blob).map_err(|e| malformed(e.to_string()))?;
    let oid = info.encryption_algorithm.oid;
    if oid == crate::jks::key_protector::KEY_PROTECTOR_OID {
        return Ok(Parsed::Jks);
    }
    if oid != KEY_PROTECTOR_OID {
        return Err(Error::UnsupportedAlgorithm {
            format: "JCEKS",
            what: format!("key protection algorithm {oid}"),
        });
    }
    let params = info
        .encryption_algorithm
        .parameters
        .ok_or_else(|| malformed("missing PBE parameters".into()))?;
    let params = Params::from_der(&params.to_der()?, FORMAT)?;
    Ok(Parsed::Jce(params, info.encrypted_data.as_bytes()))
}

/// Decrypts a JCEKS key blob into PKCS#8 DER.
///
/// Errors: [`Error::WrongPassword`] when the padding or the decrypted
/// structure is wrong (there is no check value: the JDK reports a bad
/// padding the same way), [`Error::UnsupportedAlgorithm`] naming any other algorithm,
/// [`Error::Malformed`] when the blob does not decode,
/// [`Error::KeyPasswordNotAscii`] for a password the JDK cannot use.
pub fn recover(blob: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    match parse(blob)? {
        Parsed::Jks => crate::jks::key_protector::recover(blob, password),
        Parsed::Jce(params, data) => {
            let plain = pbe::decrypt(data, password, &params)?;
            // A wrong password passes the padding check one time in 256;
            // what comes out is then not PKCS#8.
            if pkcs8::PrivateKeyInfoRef::from_der(&plain).is_err() {
                return Err(Error::WrongPassword);
            }
            Ok(plain)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal but valid PKCS#8 `PrivateKeyInfo` (Ed25519, RFC 8410 §10.3).
    const ED25519_PKCS8: &[u8] = &[
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
        0x20, 0xd4, 0xee, 0x72, 0xdb, 0xf9, 0x13, 0x58, 0x4a, 0xd5, 0xb6, 0xd8, 0xf1, 0xf7, 0x69,
        0xf8, 0xad, 0x3a, 0xfe, 0x7c, 0x28, 0xcb, 0xf1, 0xd4, 0xfb, 0xe0, 0x97, 0xa8, 0x8f, 0x44,
        0x75, 0x58, 0x42,
    ];

    fn quick() -> Params {
        Params {
            salt: [1, 2, 3, 4, 5, 6, 7, 8],
            iterations: 3,
        }
    }

    #[test]
    fn protect_then_recover() {
        let pw = Password::new("otherpass");
        let blob = protect_with_params(ED25519_PKCS8, &pw, &quick()).unwrap();
        assert_eq!(&recover(&blob, &pw).unwrap()[..], ED25519_PKCS8);
        for wrong in ["otherpasS", "", "changeit"] {
            assert!(
                matches!(
                    recover(&blob, &Password::new(wrong)),
                    Err(Error::WrongPassword)
                ),
                "{wrong}"
            );
        }
    }

    #[test]
    fn layout_is_the_jdks() {
        let blob = protect_with_params(ED25519_PKCS8, &Password::new("pw"), &quick()).unwrap();
        // SEQUENCE { SEQUENCE { OID 42.2.19.1, SEQUENCE { OCTET STRING(8), INTEGER 3 } }, OCTET STRING(56) }
        let head = [
            0x30, 0x56, 0x30, 0x1a, 0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x2a, 0x02, 0x13,
            0x01, 0x30, 0x0d, 0x04, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x01, 0x03, 0x04, 0x38,
        ];
        assert_eq!(&blob[..head.len()], &head);
        assert_eq!(blob.len(), head.len() + 56);
        // A fresh salt each time, with the JDK's iteration count.
        let a = protect(ED25519_PKCS8, &Password::new("pw")).unwrap();
        let b = protect(ED25519_PKCS8, &Password::new("pw")).unwrap();
        assert_ne!(a, b);
        assert_eq!(&a[27..32], &[0x02, 0x03, 0x03, 0x0D, 0x40]);
    }

    #[test]
    fn a_jks_protected_key_is_recovered_as_the_jdk_does() {
        let pw = Password::new("pw");
        let blob = crate::jks::key_protector::protect(ED25519_PKCS8, &pw).unwrap();
        assert_eq!(&recover(&blob, &pw).unwrap()[..], ED25519_PKCS8);
    }

    #[test]
    fn damaged_blobs() {
        let pw = Password::new("pw");
        let blob = protect_with_params(ED25519_PKCS8, &pw, &quick()).unwrap();
        for n in 0..blob.len() {
            assert!(
                matches!(
                    recover(&blob[..n], &pw),
                    Err(Error::Malformed {
                        format: "JCEKS",
                        ..
                    })
                ),
                "prefix {n}"
            );
        }
        // The structure, salt and iteration count: always an error. The
        // ciphertext has no integrity check (nor has the JDK's): a flipped
        // byte there may decrypt to another valid-looking key, but never panics.
        for i in 0..blob.len() {
            let mut bad = blob.clone();
            bad[i] ^= 0x5A;
            let result = recover(&bad, &pw);
            assert!(i >= 32 || result.is_err(), "byte {i}");
        }
        let mut other = blob.clone();
        other[14] = 0x02; // 42.2.19.2
        assert!(
            matches!(recover(&other, &pw), Err(Error::UnsupportedAlgorithm { what, .. }) if what.contains("42.2.19.2"))
        );
    }

    #[test]
    fn protect_refuses_what_the_jdk_could_not_read() {
        assert!(matches!(
            protect(b"\x30\x03\x02\x01\x00", &Password::new("pw")),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(
            protect(ED25519_PKCS8, &Password::new("pässword")),
            Err(Error::KeyPasswordNotAscii { alias: None })
        ));
    }
}
