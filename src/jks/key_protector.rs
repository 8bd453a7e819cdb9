//! Sun's JKS key protector (OID 1.3.6.1.4.1.42.2.17.1.1): the envelope.
//!
//! `sun.security.provider.KeyProtector` protects a PKCS#8 key with Sun's
//! SHA-1 keystream ([`crate::crypto::sun_jks`]: salt ‖ encrypted ‖ check) and
//! wraps the result in a PKCS#8 `EncryptedPrivateKeyInfo`:
//!
//! ```text
//! EncryptedPrivateKeyInfo ::= SEQUENCE {
//!     encryptionAlgorithm  AlgorithmIdentifier,  -- 1.3.6.1.4.1.42.2.17.1.1
//!     encryptedData        OCTET STRING }        -- salt ‖ encrypted ‖ check
//! ```
//!
//! JDK 17 writes the algorithm's parameters as NULL; JDK 21 and later omit them.

use super::FORMAT;
use crate::crypto::sun_jks::{self, SALT_LEN};
use crate::error::{Error, Result};
use crate::password::Password;
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Sequence};
use spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

/// Sun's proprietary key protection algorithm.
pub const KEY_PROTECTOR_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.4.1.42.2.17.1.1");

/// PKCS#8 `EncryptedPrivateKeyInfo` (RFC 5208 §6), with the algorithm left open.
#[derive(Sequence)]
struct EncryptedPrivateKeyInfo<'a> {
    encryption_algorithm: AlgorithmIdentifierRef<'a>,
    encrypted_data: &'a OctetStringRef,
}

/// Encrypts PKCS#8 DER into a JKS `EncryptedPrivateKeyInfo` blob.
///
/// The salt is fresh from the thread-local CSPRNG; the algorithm identifier
/// carries NULL parameters, as JDK 17 writes it (all JDKs read that form).
/// Fails with [`Error::Malformed`] when `pkcs8` is not a DER PKCS#8
/// `PrivateKeyInfo`, which Java could not load back.
pub fn protect(pkcs8: &[u8], password: &Password) -> Result<Vec<u8>> {
    let mut salt = [0u8; SALT_LEN];
    rand::fill(&mut salt[..]);
    protect_with_salt(pkcs8, password, &salt)
}

/// [`protect`] with a given salt, so that known answers can be tested.
fn protect_with_salt(pkcs8: &[u8], password: &Password, salt: &[u8; SALT_LEN]) -> Result<Vec<u8>> {
    pkcs8::PrivateKeyInfoRef::from_der(pkcs8)
        .map_err(|e| Error::malformed("PKCS#8", format!("not a private key: {e}")))?;
    let protected = sun_jks::encrypt(pkcs8, password, salt);

    let info = EncryptedPrivateKeyInfo {
        encryption_algorithm: AlgorithmIdentifierRef {
            oid: KEY_PROTECTOR_OID,
            parameters: Some(AnyRef::NULL),
        },
        encrypted_data: OctetStringRef::new(&protected)?,
    };
    Ok(info.to_der()?)
}

/// Decrypts a JKS key blob into the PKCS#8 DER that was protected.
///
/// Accepts the algorithm identifier with NULL parameters (JDK 17) and
/// without parameters (JDK 21+); like Java, it does not look at them.
/// Errors: [`Error::WrongPassword`] when the check digest does not match
/// (compared in constant time), [`Error::UnsupportedAlgorithm`] naming the OID of any
/// other algorithm, [`Error::Malformed`] when the blob does not decode.
pub fn recover(blob: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let malformed =
        |detail: String| Error::malformed(FORMAT, format!("private key blob: {detail}"));
    let info = EncryptedPrivateKeyInfo::from_der(blob).map_err(|e| malformed(e.to_string()))?;
    let oid = info.encryption_algorithm.oid;
    if oid != KEY_PROTECTOR_OID {
        return Err(Error::UnsupportedAlgorithm {
            format: FORMAT,
            what: format!("key protection algorithm {oid}"),
        });
    }
    sun_jks::decrypt(info.encrypted_data.as_bytes(), password)
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

    #[test]
    fn protect_then_recover() {
        let pw = Password::new("kéypass€");
        let blob = protect(ED25519_PKCS8, &pw).unwrap();
        assert_eq!(&recover(&blob, &pw).unwrap()[..], ED25519_PKCS8);
        // A fresh salt each time.
        assert_ne!(blob, protect(ED25519_PKCS8, &pw).unwrap());
    }

    #[test]
    fn blob_layout_is_jdk17s() {
        let salt = [7u8; SALT_LEN];
        let blob = protect_with_salt(ED25519_PKCS8, &Password::new("pw"), &salt).unwrap();
        let data_len = SALT_LEN + ED25519_PKCS8.len() + sun_jks::DIGEST_LEN; // 88
        let mut head = vec![0x30, 0x6a, 0x30, 0x0e, 0x06, 0x0a];
        head.extend_from_slice(&[0x2b, 0x06, 0x01, 0x04, 0x01, 0x2a, 0x02, 0x11, 0x01, 0x01]);
        head.extend_from_slice(&[0x05, 0x00, 0x04, data_len as u8]);
        head.extend_from_slice(&salt);
        assert_eq!(&blob[..head.len()], &head[..]);
        assert_eq!(blob.len(), head.len() - SALT_LEN + data_len);
    }

    #[test]
    fn reproduces_keytools_blobs_given_their_salt() {
        // Known answers from real keytool: decrypt each JDK 17 key blob, protect the
        // plaintext again with the same salt, and get keytool's exact bytes back.
        // JDK 25's blobs differ only by the missing NULL parameters.
        use crate::keystore::{Entry, KeyMaterial};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/jks");
        let cases = [
            ("jdk17-mixed.jks", "changeit", "otherpass", true),
            ("jdk17-nonascii.jks", "pässwörd€", "kéypass€", true),
            ("jdk25.jks", "changeit", "otherpass", false),
        ];
        let mut seen = 0;
        for (file, store_pw, key_pw, with_null) in cases {
            let bytes = std::fs::read(dir.join(file)).unwrap();
            let ks = super::super::decode(&bytes, Some(&Password::new(store_pw))).unwrap();
            for e in ks.entries() {
                let Entry::PrivateKey(pk) = &e.entry else {
                    continue;
                };
                let KeyMaterial::JksProtected(blob) = &pk.key else {
                    unreachable!()
                };
                let key_pw = Password::new(key_pw);
                let plain = recover(blob, &key_pw).unwrap();
                let info = EncryptedPrivateKeyInfo::from_der(blob).unwrap();
                assert_eq!(
                    info.encryption_algorithm.parameters.is_some(),
                    with_null,
                    "{file}"
                );
                let salt = sun_jks::salt_of(info.encrypted_data.as_bytes()).unwrap();
                let mut again = protect_with_salt(&plain, &key_pw, salt).unwrap();
                if !with_null {
                    let mut ours = EncryptedPrivateKeyInfo::from_der(&again).unwrap();
                    ours.encryption_algorithm.parameters = None;
                    again = ours.to_der().unwrap();
                }
                assert!(&again == blob, "{file} <{}>", e.alias);
                seen += 1;
            }
        }
        assert_eq!(seen, 4);
    }

    #[test]
    fn wrong_password() {
        let blob = protect(ED25519_PKCS8, &Password::new("right")).unwrap();
        assert!(matches!(
            recover(&blob, &Password::new("wrong")),
            Err(Error::WrongPassword)
        ));
        assert!(matches!(
            recover(&blob, &Password::new("")),
            Err(Error::WrongPassword)
        ));
    }

    #[test]
    fn parameters_absent_or_null_are_both_read() {
        let pw = Password::new("pw");
        let salt = [3u8; SALT_LEN];
        let with_null = protect_with_salt(ED25519_PKCS8, &pw, &salt).unwrap();
        // Drop the 05 00 and shorten both enclosing lengths, as JDK 21+ writes it.
        let mut without = with_null.clone();
        without.drain(16..18);
        without[1] -= 2;
        without[3] -= 2;
        assert_eq!(
            &without[2..16],
            &[
                0x30, 0x0c, 0x06, 0x0a, 0x2b, 6, 1, 4, 1, 0x2a, 2, 0x11, 1, 1
            ]
        );
        assert_eq!(&recover(&without, &pw).unwrap()[..], ED25519_PKCS8);
    }

    #[test]
    fn other_algorithms_are_unsupported_by_oid() {
        // PBES2 (1.2.840.113549.1.5.13) with empty parameters and some data.
        let info = EncryptedPrivateKeyInfo {
            encryption_algorithm: AlgorithmIdentifierRef {
                oid: ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13"),
                parameters: None,
            },
            encrypted_data: OctetStringRef::new(&[0u8; 48]).unwrap(),
        };
        let blob = info.to_der().unwrap();
        match recover(&blob, &Password::new("pw")) {
            Err(Error::UnsupportedAlgorithm {
                format: "JKS",
                what,
            }) => {
                assert_eq!(what, "key protection algorithm 1.2.840.113549.1.5.13")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn malformed_blobs() {
        let pw = Password::new("pw");
        let blob = protect(ED25519_PKCS8, &pw).unwrap();
        for n in 0..blob.len() {
            assert!(
                matches!(
                    recover(&blob[..n], &pw),
                    Err(Error::Malformed { format: "JKS", .. })
                ),
                "prefix {n}"
            );
        }
        let mut trailing = blob.clone();
        trailing.push(0);
        assert!(matches!(
            recover(&trailing, &pw),
            Err(Error::Malformed { .. })
        ));
        // Protected data shorter than salt + check.
        let info = EncryptedPrivateKeyInfo {
            encryption_algorithm: AlgorithmIdentifierRef {
                oid: KEY_PROTECTOR_OID,
                parameters: None,
            },
            encrypted_data: OctetStringRef::new(&[0u8; 39]).unwrap(),
        };
        let short = info.to_der().unwrap();
        assert!(
            matches!(recover(&short, &pw), Err(Error::Malformed { detail, .. }) if detail.contains("too short"))
        );
    }

    #[test]
    fn protect_refuses_what_is_not_pkcs8() {
        assert!(matches!(
            protect(b"\x30\x03\x02\x01\x00", &Password::new("pw")),
            Err(Error::Malformed {
                format: "PKCS#8",
                ..
            })
        ));
    }
}
