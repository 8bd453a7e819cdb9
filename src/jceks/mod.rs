//! Sun's JCEKS keystore format (magic `CECECECE`, versions 1 and 2).
//!
//! The layout, as `com.sun.crypto.provider.JceKeyStore` reads and writes it
//! (big-endian integers, strings in `DataOutput.writeUTF` form):
//!
//! ```text
//! u32 magic 0xCECECECE | u32 version (1 or 2) | i32 entry count
//! entry, count times:
//!   i32 tag = 1 (private key):  UTF alias | i64 date millis | i32 len, key blob
//!                               | i32 chain length | certificate, chain length times
//!   i32 tag = 2 (trusted cert): UTF alias | i64 date millis | certificate
//!   i32 tag = 3 (secret key):   UTF alias | i64 date millis | serialized sealed key
//!   certificate: (version 2 only: UTF type, "X.509") | i32 len, DER
//! SHA-1( UTF-16BE(store password) ‖ "Mighty Aphrodite" ‖ every byte above )
//! ```
//!
//! Everything but the key protection and tag 3 is JKS's, and shared with
//! [`crate::jks`] (cursor, modified UTF-8, certificate records, integrity
//! digest). A key blob is a PKCS#8 `EncryptedPrivateKeyInfo` under
//! PBEWithMD5AndTripleDES ([`key_protector`]); a secret key is a
//! Java-serialized sealed object, matched byte for byte against what the
//! JDK writes ([`sealed`]). Key passwords are printable ASCII, as the JDK's
//! `PBEKey` demands; the store password may be anything.
//!
//! JDK 11, 17, 21 and 25 write identical structures (only salts, keys and
//! dates differ); all read version 1 and 2 and write version 2.

mod decode;
mod encode;
pub mod key_protector;
/// Sun's PBEWithMD5AndTripleDES, now in the crypto layer ([`crate::crypto::sun_pbe`]).
pub use crate::crypto::sun_pbe as pbe;
pub mod sealed;

use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, SecretKeyEntry, SecretMaterial, StoreType,
    StoredEntry, Writable,
};
use crate::password::Password;

/// JCEKS magic number.
pub const MAGIC: [u8; 4] = [0xCE, 0xCE, 0xCE, 0xCE];

/// The format name used in [`crate::Error::Malformed`].
const FORMAT: &str = "JCEKS";

/// Entry tags.
const TAG_PRIVATE_KEY: i32 = 1;
const TAG_TRUSTED_CERT: i32 = 2;
const TAG_SECRET_KEY: i32 = 3;

/// True when `bytes` start with the JCEKS magic.
pub fn is_jceks(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// One entry as the file holds it: keys still protected.
#[derive(Clone, Debug)]
pub(crate) struct Record {
    /// Lower-cased alias.
    pub alias: String,
    /// Creation date, Java milliseconds.
    pub created_millis: i64,
    /// What the entry holds.
    pub body: RecordBody,
}

/// The three entry kinds of JCEKS.
#[derive(Clone, Debug)]
pub(crate) enum RecordBody {
    /// A protected key blob (see [`key_protector`]) and its chain.
    PrivateKey {
        protected: Vec<u8>,
        chain: Vec<Certificate>,
    },
    /// A trusted certificate.
    TrustedCert(Certificate),
    /// A serialized sealed key (see [`sealed`]), exactly as stored.
    SecretKey { sealed: Vec<u8> },
}

/// Decodes a JCEKS keystore; with a password, verifies the integrity digest.
///
/// Aliases are lower-cased as the JDK's provider does (the last of two that
/// fold together wins, as in Java's `Hashtable`); private keys stay
/// [`KeyMaterial::JceksProtected`] and secret keys
/// [`SecretMaterial::JceksSealed`], exactly as read, so listing, deleting,
/// renaming and rewriting never need a key password. Without a password the
/// trailing digest must be present but is not checked (keytool lists such
/// stores with a warning). Bytes after the digest are ignored, as Java
/// ignores them.
///
/// Errors: [`Error::WrongPassword`] when the digest does not match,
/// [`Error::Malformed`] for damaged or truncated input (every length and
/// count is checked against the bytes left before anything is allocated;
/// each sealed secret key must be the serialization the JDK writes),
/// [`Error::UnsupportedFeature`] for a certificate type other than X.509, another
/// key protection algorithm, or an alias that is not valid Unicode.
pub fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    let mut store = KeyStore::new(StoreType::Jceks);
    for r in decode::decode(bytes, password)? {
        let entry = match r.body {
            RecordBody::PrivateKey { protected, chain } => Entry::PrivateKey(PrivateKeyEntry {
                key: KeyMaterial::JceksProtected(protected),
                chain,
                password: None,
            }),
            RecordBody::TrustedCert(cert) => Entry::TrustedCert(cert),
            RecordBody::SecretKey { sealed } => Entry::SecretKey(SecretKeyEntry {
                key: SecretMaterial::JceksSealed(sealed),
                password: None,
            }),
        };
        store.upsert(StoredEntry {
            alias: r.alias,
            created_millis: r.created_millis,
            entry,
        });
    }
    Ok(store)
}

/// Encodes `store` as JCEKS version 2, in the store's entry order.
///
/// Keys kept as read (JCEKS blobs and sealed objects, and JKS blobs, which
/// the JDK's JCEKS provider also recovers) are written back unchanged, so
/// they keep their own passwords. Keys in the clear are protected with their
/// entry's password, else `store_password` (keytool's default `-keypass`);
/// the JDK demands printable ASCII for these. A PKCS#12 key still encrypted
/// must be recovered first: it is refused naming its alias. The file ends
/// with the integrity digest keyed by `store_password`.
pub fn encode(store: &KeyStore, store_password: &Password) -> Result<Vec<u8>> {
    let records = store
        .entries()
        .iter()
        .map(|e| record(e, store_password))
        .collect::<Result<Vec<_>>>()?;
    encode::encode(&records, store_password)
}

/// One model entry as a JCEKS record, protecting keys in the clear.
fn record(stored: &StoredEntry, store_password: &Password) -> Result<Record> {
    let alias = &stored.alias;
    let for_alias = |e: Error| e.for_alias(alias);
    let body = match &stored.entry {
        Entry::PrivateKey(pk) => {
            let protected = match pk.key.writable_as(alias, StoreType::Jceks)? {
                Writable::Kept(blob) => blob.to_vec(),
                Writable::Clear(pkcs8) => {
                    let pw = pk.password.as_ref().unwrap_or(store_password);
                    key_protector::protect(pkcs8, pw).map_err(for_alias)?
                }
            };
            RecordBody::PrivateKey {
                protected,
                chain: pk.chain.clone(),
            }
        }
        Entry::TrustedCert(cert) => RecordBody::TrustedCert(cert.clone()),
        Entry::SecretKey(sk) => {
            let sealed = match sk.key.writable_as(alias, StoreType::Jceks)? {
                Writable::Kept(sealed) => sealed.to_vec(),
                Writable::Clear(key) => {
                    let pw = sk.password.as_ref().unwrap_or(store_password);
                    let form = sealed::KeyForm::for_algorithm(&key.algorithm);
                    sealed::seal(&key.algorithm, &key.bytes, form, pw).map_err(for_alias)?
                }
            };
            RecordBody::SecretKey { sealed }
        }
    };
    Ok(Record {
        alias: stored.alias.clone(),
        created_millis: stored.created_millis,
        body,
    })
}

/// The records of a file, for the tests.
#[cfg(test)]
fn decode_records(bytes: &[u8], password: Option<&Password>) -> Result<Vec<Record>> {
    decode::decode(bytes, password)
}

/// A file from records, for the tests.
#[cfg(test)]
fn encode_records(records: &[Record], store_password: &Password) -> Result<Vec<u8>> {
    encode::encode(records, store_password)
}

#[cfg(test)]
mod tests {
    //! Against keystores written by keytool 11, 17, 21 and 25 (see
    //! fixtures/jceks/README.md): what the JDK's KeyStore API recovered from
    //! each file is recorded beside it (`*.keys.txt`).

    use super::*;
    use crate::error::Error;
    use sha2::{Digest, Sha256};
    use std::path::Path;

    const JDKS: [&str; 4] = ["jdk11", "jdk17", "jdk21", "jdk25"];

    fn fixture(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/jceks")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn pw(s: &str) -> Password {
        Password::new(s)
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    /// The key password keytool was given for each alias of the fixtures.
    fn key_password(alias: &str) -> Password {
        match alias {
            "ec-key" | "hmac" => pw("otherpass"),
            "schlüssel-€-😀" => pw("keypass"),
            _ => pw("changeit"),
        }
    }

    /// Every keytool-made keystore with its store password.
    fn keystores() -> Vec<(String, Password)> {
        let mut v: Vec<(String, Password)> = JDKS
            .iter()
            .map(|j| (format!("{j}.jceks"), pw("changeit")))
            .collect();
        v.push(("jdk17-nonascii.jceks".into(), pw("pässwörd€")));
        v.push(("jdk17-empty.jceks".into(), pw("changeit")));
        v
    }

    /// What we recover, in KeyStoreDump's format, sorted by alias.
    fn dump(records: &[Record]) -> String {
        let mut lines: Vec<String> = records
            .iter()
            .map(|r| match &r.body {
                RecordBody::TrustedCert(c) => {
                    format!("{} trustedCert {}", r.alias, hex(&Sha256::digest(c.der())))
                }
                RecordBody::PrivateKey { protected, .. } => {
                    let der = key_protector::recover(protected, &key_password(&r.alias)).unwrap();
                    let alg = match pkcs8::PrivateKeyInfoRef::try_from(&der[..])
                        .unwrap()
                        .algorithm
                        .oid
                        .to_string()
                        .as_str()
                    {
                        "1.2.840.113549.1.1.1" => "RSA",
                        "1.2.840.10045.2.1" => "EC",
                        other => panic!("{other}"),
                    };
                    format!("{} privateKey {alg} {}", r.alias, hex(&der))
                }
                RecordBody::SecretKey { sealed } => {
                    let k = sealed::unseal(sealed, &key_password(&r.alias)).unwrap();
                    format!("{} secretKey {} {}", r.alias, k.algorithm, hex(&k.bytes))
                }
            })
            .collect();
        lines.sort();
        lines.iter().map(|l| format!("{l}\n")).collect()
    }

    #[test]
    fn recovers_what_the_jdk_recovers() {
        for (name, store_pw) in keystores() {
            let records = decode_records(&fixture(&name), Some(&store_pw)).unwrap();
            let want = name.replace(".jceks", ".keys.txt");
            if name.contains("empty") {
                assert!(records.is_empty());
                continue;
            }
            assert_eq!(
                dump(&records),
                String::from_utf8(fixture(&want)).unwrap(),
                "{name}"
            );
        }
    }

    #[test]
    fn every_jdk_writes_the_same_layout() {
        for j in JDKS {
            let records = decode_records(&fixture(&format!("{j}.jceks")), None).unwrap();
            let kinds: Vec<(&str, &str)> = records
                .iter()
                .map(|r| {
                    let kind = match &r.body {
                        RecordBody::PrivateKey { .. } => "key",
                        RecordBody::TrustedCert(_) => "cert",
                        RecordBody::SecretKey { sealed } => {
                            match sealed::unseal(sealed, &key_password(&r.alias))
                                .unwrap()
                                .form
                            {
                                sealed::KeyForm::SecretKeySpec => "SecretKeySpec",
                                sealed::KeyForm::KeyRep => "KeyRep",
                            }
                        }
                    };
                    (r.alias.as_str(), kind)
                })
                .collect();
            let mut kinds = kinds;
            kinds.sort();
            assert_eq!(
                kinds,
                [
                    ("aes", "SecretKeySpec"),
                    ("des3", "KeyRep"),
                    ("ec-key", "key"),
                    ("hmac", "SecretKeySpec"),
                    ("rsa-key", "key"),
                    ("stored-pass", "KeyRep"),
                    ("trusted", "cert"),
                ],
                "{j}"
            );
        }
    }

    /// The PBE parameters of a key blob or sealed object.
    fn params_of(r: &Record) -> pbe::Params {
        match &r.body {
            RecordBody::SecretKey { sealed } => sealed::parse(sealed).unwrap().params,
            RecordBody::PrivateKey { protected, .. } => {
                // The parameters follow the OID: SEQUENCE at a fixed offset after it.
                let oid = [0x2b, 0x06, 0x01, 0x04, 0x01, 0x2a, 0x02, 0x13, 0x01];
                let at = protected.windows(oid.len()).position(|w| w == oid).unwrap() + oid.len();
                pbe::Params::from_der(&protected[at..at + 17], "JCEKS").unwrap()
            }
            RecordBody::TrustedCert(_) => unreachable!(),
        }
    }

    #[test]
    fn we_reproduce_keytools_bytes_given_its_salt() {
        // Unseal / recover each key, protect it again with the same salt:
        // byte-for-byte the JDK's blob, for every JDK.
        let mut seen = 0;
        for j in JDKS {
            let records = decode_records(&fixture(&format!("{j}.jceks")), None).unwrap();
            for r in &records {
                let kp = key_password(&r.alias);
                match &r.body {
                    RecordBody::SecretKey { sealed } => {
                        let u = sealed::unseal(sealed, &kp).unwrap();
                        assert_eq!(u.form, sealed::KeyForm::for_algorithm(&u.algorithm));
                        let again = sealed::seal_with_params(
                            &u.algorithm,
                            &u.bytes,
                            u.form,
                            &kp,
                            &params_of(r),
                        )
                        .unwrap();
                        assert!(&again == sealed, "{j} <{}>", r.alias);
                    }
                    RecordBody::PrivateKey { protected, .. } => {
                        let der = key_protector::recover(protected, &kp).unwrap();
                        let again =
                            key_protector::protect_with_params(&der, &kp, &params_of(r)).unwrap();
                        assert!(&again == protected, "{j} <{}>", r.alias);
                    }
                    RecordBody::TrustedCert(_) => continue,
                }
                seen += 1;
            }
        }
        assert_eq!(seen, 4 * 6);
    }

    #[test]
    fn round_trip_is_byte_identical() {
        for (name, store_pw) in keystores() {
            let bytes = fixture(&name);
            let records = decode_records(&bytes, Some(&store_pw)).unwrap();
            assert!(
                encode_records(&records, &store_pw).unwrap() == bytes,
                "{name}"
            );
        }
    }

    #[test]
    fn wrong_store_password_and_no_password() {
        let bytes = fixture("jdk17.jceks");
        for wrong in ["changeiT", "", "pässwörd€"] {
            assert!(matches!(
                decode_records(&bytes, Some(&pw(wrong))),
                Err(Error::WrongPassword)
            ));
        }
        assert_eq!(decode_records(&bytes, None).unwrap().len(), 7);
        // A wrong key password is told apart from a damaged key.
        let records = decode_records(&bytes, None).unwrap();
        for r in &records {
            match &r.body {
                RecordBody::SecretKey { sealed } => assert!(matches!(
                    sealed::unseal(sealed, &pw("wrongpass")),
                    Err(Error::WrongPassword)
                )),
                RecordBody::PrivateKey { protected, .. } => assert!(matches!(
                    key_protector::recover(protected, &pw("wrongpass")),
                    Err(Error::WrongPassword)
                )),
                RecordBody::TrustedCert(_) => {}
            }
        }
    }

    #[test]
    fn empty_store_matches_keytool_byte_for_byte() {
        assert!(encode_records(&[], &pw("changeit")).unwrap() == fixture("jdk17-empty.jceks"));
    }

    #[test]
    fn every_prefix_is_a_clean_error() {
        for (name, store_pw) in keystores() {
            let bytes = fixture(&name);
            for n in 0..bytes.len() {
                for p in [Some(&store_pw), None] {
                    match decode_records(&bytes[..n], p) {
                        Err(Error::Malformed {
                            format: "JCEKS", ..
                        }) => {}
                        other => panic!("{name}[..{n}]: {other:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn every_flipped_byte_is_an_error_with_the_password() {
        for (name, store_pw) in keystores() {
            let bytes = fixture(&name);
            for i in 0..bytes.len() {
                let mut bad = bytes.clone();
                bad[i] ^= 0x5A;
                assert!(
                    decode_records(&bad, Some(&store_pw)).is_err(),
                    "{name}: byte {i}"
                );
                let _ = decode_records(&bad, None); // must not panic
            }
        }
    }

    #[test]
    fn trailing_bytes_after_the_digest_are_ignored_like_java() {
        let mut bytes = fixture("jdk25.jceks");
        bytes.extend_from_slice(b"junk");
        assert_eq!(
            decode_records(&bytes, Some(&pw("changeit"))).unwrap().len(),
            7
        );
    }

    fn header(count: i32) -> Vec<u8> {
        let mut v = MAGIC.to_vec();
        v.extend(2u32.to_be_bytes());
        v.extend(count.to_be_bytes());
        v
    }

    fn detail(e: Error) -> String {
        match e {
            Error::Malformed {
                format: "JCEKS",
                detail,
            } => detail,
            other => panic!("expected Malformed JCEKS, got {other:?}"),
        }
    }

    #[test]
    fn header_and_count_errors() {
        assert!(
            detail(decode_records(b"\xFE\xED\xFE\xED\0\0\0\x02", None).unwrap_err())
                .contains("magic")
        );
        let mut v = MAGIC.to_vec();
        v.extend(3u32.to_be_bytes());
        v.extend([0; 24]);
        assert!(detail(decode_records(&v, None).unwrap_err()).contains("version 3"));
        let mut v = header(i32::MAX);
        v.extend([0; 64]);
        assert!(detail(decode_records(&v, None).unwrap_err()).contains("entry count"));
        assert!(
            detail(decode_records(&header(-1), None).unwrap_err()).contains("negative entry count")
        );
        let mut v = header(1);
        v.extend(4i32.to_be_bytes());
        v.extend([0; 60]);
        assert!(detail(decode_records(&v, None).unwrap_err()).contains("unknown entry tag 4"));
        // A secret key entry that is not a sealed object.
        let mut v = header(1);
        v.extend(3i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend([0xAC, 0xED, 0, 5, 0x73, 0x72, 0, 0x10]);
        v.extend([0; 300]);
        assert!(detail(decode_records(&v, None).unwrap_err()).contains("secret key entry <a>"));
    }

    #[test]
    fn version_1_is_read() {
        // Version 1 has no certificate type strings; remove them from keytool's file.
        let v2 = decode_records(&fixture("jdk17.jceks"), None).unwrap();
        let mut v1 = MAGIC.to_vec();
        v1.extend(1u32.to_be_bytes());
        v1.extend((v2.len() as i32).to_be_bytes());
        for r in &v2 {
            let one = encode_records(std::slice::from_ref(r), &pw("x")).unwrap();
            let mut body = one[12..one.len() - 20].to_vec();
            let ty = [0u8, 5, b'X', b'.', b'5', b'0', b'9'];
            while let Some(at) = body.windows(ty.len()).position(|w| w == ty) {
                body.drain(at..at + ty.len());
            }
            v1.extend(body);
        }
        let digest = crate::jks::integrity_digest(&pw("changeit"), &v1);
        v1.extend(digest);
        let back = decode_records(&v1, Some(&pw("changeit"))).unwrap();
        assert_eq!(dump(&back), dump(&v2));
        assert!(encode_records(&back, &pw("changeit")).unwrap() == fixture("jdk17.jceks"));
    }
}
