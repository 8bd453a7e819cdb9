//! Sun's JKS keystore format (magic `FEEDFEED`, versions 1 and 2).
//!
//! The layout, as `sun.security.provider.JavaKeyStore` reads and writes it
//! (all integers big-endian, strings in Java's `DataOutput.writeUTF` form):
//!
//! ```text
//! u32 magic 0xFEEDFEED | u32 version (1 or 2) | i32 entry count
//! entry, count times:
//!   i32 tag = 1 (private key): UTF alias | i64 date millis | i32 len, key blob
//!                              | i32 chain length | certificate, chain length times
//!   i32 tag = 2 (trusted cert): UTF alias | i64 date millis | certificate
//!   certificate: (version 2 only: UTF type, "X.509") | i32 len, DER
//! SHA-1( UTF-16BE(store password) ‖ "Mighty Aphrodite" ‖ every byte above )
//! ```
//!
//! A key blob is a DER `EncryptedPrivateKeyInfo` protected by the key
//! password with Sun's proprietary scheme, see [`key_protector`].
//!
//! The split follows keystore-go (`decoder.go`, `encoder.go`,
//! `keyprotector.go`), but the whole file is in memory, so the decoder walks
//! a bounds-checked cursor and hashes the parsed prefix once at the end
//! instead of feeding a hash as it reads. Every length is checked against the
//! bytes left before anything is allocated, digests are compared in constant
//! time, passwords are real UTF-16BE, and names use Java's modified UTF-8.

pub(crate) mod common;
mod decode;
mod encode;
pub mod key_protector;

use crate::error::Result;
use crate::keystore::KeyStore;
use crate::password::Password;

/// JKS magic number.
pub const MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];

/// The format name used in [`crate::Error::Malformed`].
const FORMAT: &str = "JKS";

/// Length of the integrity digest at the end of the file (SHA-1).
pub(crate) use crate::crypto::sun_jks::DIGEST_LEN;

/// Entry tag of a private key entry.
const TAG_PRIVATE_KEY: i32 = 1;
/// Entry tag of a trusted certificate entry.
const TAG_TRUSTED_CERT: i32 = 2;

/// The only certificate type keytool writes.
pub(crate) const CERT_TYPE_X509: &str = "X.509";

/// True when `bytes` start with the JKS magic.
pub fn is_jks(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Decodes a JKS keystore; with a password, verifies the integrity digest.
///
/// Aliases are lower-cased as keytool's JKS provider does; private keys stay
/// [`KeyMaterial::JksProtected`](crate::KeyMaterial::JksProtected), so no key
/// password is needed. Without a password the trailing digest must still be
/// present but is not checked (keytool lists such stores with a warning).
/// Bytes after the digest are ignored, as Java ignores them.
///
/// Errors: [`Error::WrongPassword`](crate::Error::WrongPassword) when the
/// digest does not match, [`Error::Malformed`](crate::Error::Malformed) for
/// damaged or truncated input, [`Error::UnsupportedFeature`](crate::Error::UnsupportedFeature)
/// for a certificate type other than X.509 or an alias that is not valid
/// Unicode (an unpaired UTF-16 surrogate).
pub fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    decode::decode(bytes, password)
}

/// Encodes `store` as JKS version 2, in the store's entry order.
///
/// [`KeyMaterial::Plain`](crate::KeyMaterial::Plain) keys are protected with
/// their entry's password, else `store_password` (keytool's default
/// `-keypass`); [`KeyMaterial::JksProtected`](crate::KeyMaterial::JksProtected)
/// blobs are written back unchanged (so they keep the key password they had).
/// The file ends with the integrity digest keyed by `store_password`. A
/// secret key is refused with [`Error::EntryNotSupported`](crate::Error::EntryNotSupported):
/// JKS cannot hold one.
pub fn encode(store: &KeyStore, store_password: &Password) -> Result<Vec<u8>> {
    encode::encode(store, store_password)
}

/// The integrity digest keyed by the store password ([`crate::crypto::sun_jks`]).
pub(crate) use crate::crypto::sun_jks::store_digest as integrity_digest;

#[cfg(test)]
mod tests {
    //! Tests against keystores written by real keytool (see fixtures/jks/README.md),
    //! and of keytool reading what we write.

    use super::*;
    use crate::cert::Certificate;
    use crate::error::Error;
    use crate::keystore::{Entry, KeyMaterial, PrivateKeyEntry, StoreType, StoredEntry};
    use std::io::Write;
    use std::path::Path;
    use std::process::{Command, Stdio};

    fn fixture(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/jks")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn pw(s: &str) -> Password {
        Password::new(s)
    }

    /// Every keytool-made keystore with its store password.
    fn keystores() -> Vec<(&'static str, Password)> {
        vec![
            ("jdk17-mixed.jks", pw("changeit")),
            ("jdk17-nonascii.jks", pw("pässwörd€")),
            ("jdk17-empty.jks", pw("changeit")),
            ("jdk25.jks", pw("changeit")),
        ]
    }

    /// Every private key in the fixtures: keystore, store password, alias, key password.
    fn keys() -> Vec<(&'static str, Password, &'static str, Password)> {
        vec![
            (
                "jdk17-mixed.jks",
                pw("changeit"),
                "rsa-key",
                pw("otherpass"),
            ),
            (
                "jdk17-mixed.jks",
                pw("changeit"),
                "ec-chain",
                pw("otherpass"),
            ),
            (
                "jdk17-nonascii.jks",
                pw("pässwörd€"),
                "schlüssel-€-😀",
                pw("kéypass€"),
            ),
            ("jdk25.jks", pw("changeit"), "key25", pw("otherpass")),
        ]
    }

    fn key_entry<'a>(ks: &'a KeyStore, alias: &str) -> &'a PrivateKeyEntry {
        match &ks.get(alias).unwrap_or_else(|| panic!("no {alias}")).entry {
            Entry::PrivateKey(pk) => pk,
            other => panic!("{alias}: {other:?}"),
        }
    }

    fn blob(pk: &PrivateKeyEntry) -> &[u8] {
        match &pk.key {
            KeyMaterial::JksProtected(b) => b,
            other => panic!("{other:?}"),
        }
    }

    /// The SubjectPublicKeyInfo DER of a PKCS#8 key, as openssl derives it.
    fn openssl_public_key(pkcs8: &[u8]) -> Vec<u8> {
        let mut child = Command::new("openssl")
            .args(["pkey", "-inform", "DER", "-pubout", "-outform", "DER"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("openssl");
        child.stdin.take().unwrap().write_all(pkcs8).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "openssl pkey failed");
        out.stdout
    }

    /// (year, month, day) of a Unix day number (Howard Hinnant's civil_from_days).
    fn civil_from_days(z: i64) -> (i64, u32, u32) {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    /// keytool's "Creation date:" line for a date in milliseconds (UTC, as the fixtures were made).
    fn keytool_date(millis: i64) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (y, m, d) = civil_from_days(millis.div_euclid(86_400_000));
        format!("{} {d}, {y}", MONTHS[m as usize - 1])
    }

    /// (alias, creation date) pairs from a saved `keytool -list -v`, in keytool's order.
    fn listed(list_file: &str) -> Vec<(String, String)> {
        let text = String::from_utf8(fixture(list_file)).unwrap();
        let mut out = Vec::new();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if let Some(alias) = line.strip_prefix("Alias name: ") {
                let date = lines
                    .next()
                    .unwrap()
                    .strip_prefix("Creation date: ")
                    .unwrap();
                out.push((alias.to_string(), date.to_string()));
            }
        }
        out
    }

    #[test]
    fn is_jks_sees_the_magic() {
        assert!(is_jks(&fixture("jdk17-mixed.jks")));
        assert!(!is_jks(b"\x30\x82\x01\x00"));
        assert!(!is_jks(b"\xFE\xED"));
    }

    #[test]
    fn decodes_keytool17_store() {
        let ks = decode(&fixture("jdk17-mixed.jks"), Some(&pw("changeit"))).unwrap();
        assert_eq!(ks.store_type(), StoreType::Jks);
        // File order is the JDK's Hashtable order; keytool -list prints sorted.
        let order: Vec<&str> = ks.entries().iter().map(|e| e.alias.as_str()).collect();
        assert_eq!(order, ["rsa-key", "ca", "zeta-peer", "ec-chain"]);
        let listed = listed("jdk17-mixed.list.txt");
        let listed_aliases: Vec<&str> = listed.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(ks.sorted_aliases(), listed_aliases);
        for (alias, date) in &listed {
            assert_eq!(
                &keytool_date(ks.get(alias).unwrap().created_millis),
                date,
                "{alias}"
            );
        }

        let ca = fixture("jdk17-mixed.ca.der");
        let rsa = key_entry(&ks, "RSA-Key");
        assert_eq!(rsa.chain.len(), 1);
        assert_eq!(rsa.chain[0].der(), fixture("jdk17-mixed.rsa-key.der"));
        let ec = key_entry(&ks, "ec-chain");
        assert_eq!(ec.chain.len(), 2);
        assert_eq!(ec.chain[0].der(), fixture("jdk17-mixed.ec-chain.der"));
        assert_eq!(ec.chain[1].der(), ca);
        for (alias, der) in [
            ("ca", ca.clone()),
            ("zeta-peer", fixture("jdk17-mixed.zeta-peer.der")),
        ] {
            match &ks.get(alias).unwrap().entry {
                Entry::TrustedCert(c) => assert_eq!(c.der(), der),
                other => panic!("{alias}: {other:?}"),
            }
        }
        // JDK 17 writes NULL algorithm parameters in key blobs.
        assert_eq!(
            &blob(rsa)[4..20],
            b"\x30\x0e\x06\x0a\x2b\x06\x01\x04\x01\x2a\x02\x11\x01\x01\x05\x00"
        );
    }

    #[test]
    fn decodes_non_ascii_password_and_alias() {
        let bytes = fixture("jdk17-nonascii.jks");
        let ks = decode(&bytes, Some(&pw("pässwörd€"))).unwrap();
        assert_eq!(ks.len(), 1);
        let e = &ks.entries()[0];
        assert_eq!(e.alias, "schlüssel-€-😀");
        assert_eq!(listed("jdk17-nonascii.list.txt")[0].0, e.alias);
        assert_eq!(
            key_entry(&ks, "SCHLÜSSEL-€-😀").chain[0].der(),
            fixture("jdk17-nonascii.key.der")
        );
        // The surrogate pair as two three-byte sequences, not four-byte UTF-8.
        assert!(
            bytes
                .windows(6)
                .any(|w| w == [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80])
        );
    }

    #[test]
    fn decodes_keytool25_store_without_null_parameters() {
        let ks = decode(&fixture("jdk25.jks"), Some(&pw("changeit"))).unwrap();
        let order: Vec<&str> = ks.entries().iter().map(|e| e.alias.as_str()).collect();
        assert_eq!(order, ["key25", "ca"]);
        let key = key_entry(&ks, "key25");
        assert_eq!(key.chain[0].der(), fixture("jdk25.key25.der"));
        // JDK 25: AlgorithmIdentifier without parameters.
        assert_eq!(
            &blob(key)[2..16],
            b"\x30\x0c\x06\x0a\x2b\x06\x01\x04\x01\x2a\x02\x11\x01\x01"
        );
        assert_eq!(blob(key)[16], 0x04);
    }

    #[test]
    fn listing_without_password_skips_the_check() {
        for (name, password) in keystores() {
            let bytes = fixture(name);
            let checked = decode(&bytes, Some(&password)).unwrap();
            let unchecked = decode(&bytes, None).unwrap();
            assert_eq!(checked.sorted_aliases(), unchecked.sorted_aliases());
            // A damaged digest is only noticed with a password.
            let mut bad = bytes.clone();
            *bad.last_mut().unwrap() ^= 1;
            assert!(decode(&bad, None).is_ok());
            assert!(matches!(
                decode(&bad, Some(&password)),
                Err(Error::WrongPassword)
            ));
        }
    }

    #[test]
    fn wrong_store_password() {
        for (name, wrong) in [
            ("jdk17-mixed.jks", "changeiT"),
            ("jdk17-mixed.jks", ""),
            ("jdk17-mixed.jks", "otherpass"),
            ("jdk17-nonascii.jks", "passwörd€"),
            // The password's UTF-8 bytes taken as Latin-1: what a byte-oriented encoder would hash.
            ("jdk17-nonascii.jks", "pÃ¤sswÃ¶rdâ\u{82}¬"),
            ("jdk17-empty.jks", "changeit "),
            ("jdk25.jks", "changeme"),
        ] {
            assert!(
                matches!(
                    decode(&fixture(name), Some(&pw(wrong))),
                    Err(Error::WrongPassword)
                ),
                "{name} with {wrong:?}"
            );
        }
    }

    #[test]
    fn recovers_keys_that_match_their_certificates() {
        for (name, store_pw, alias, key_pw) in keys() {
            let ks = decode(&fixture(name), Some(&store_pw)).unwrap();
            let pk = key_entry(&ks, alias);
            let pkcs8 = key_protector::recover(blob(pk), &key_pw).unwrap();
            assert_eq!(
                openssl_public_key(&pkcs8),
                pk.chain[0].spki_der().unwrap(),
                "{name} {alias}"
            );
            assert_eq!(pk.pkcs8(alias, &key_pw).unwrap(), pkcs8);
        }
    }

    #[test]
    fn wrong_key_password() {
        for (name, store_pw, alias, key_pw) in keys() {
            let ks = decode(&fixture(name), Some(&store_pw)).unwrap();
            let pk = key_entry(&ks, alias);
            // keytool's default key password is the store password; these keys have their own.
            for wrong in [
                store_pw.clone(),
                pw(""),
                pw(&format!("{}x", key_pw.expose())),
            ] {
                assert!(matches!(
                    key_protector::recover(blob(pk), &wrong),
                    Err(Error::WrongPassword)
                ));
                assert!(matches!(
                    pk.pkcs8(alias, &wrong),
                    Err(Error::CannotRecoverKey { alias: a }) if a == alias
                ));
            }
        }
    }

    #[test]
    fn round_trip_is_byte_identical() {
        for (name, password) in keystores() {
            let bytes = fixture(name);
            let ks = decode(&bytes, Some(&password)).unwrap();
            let again = encode(&ks, &password).unwrap();
            assert!(again == bytes, "{name} changed on round trip");
        }
    }

    #[test]
    fn empty_store_matches_keytool_byte_for_byte() {
        let ours = encode(&KeyStore::new(StoreType::Jks), &pw("changeit")).unwrap();
        assert_eq!(ours, fixture("jdk17-empty.jks"));
    }

    #[test]
    fn every_prefix_is_an_error() {
        for (name, password) in keystores() {
            let bytes = fixture(name);
            for n in 0..bytes.len() {
                for p in [Some(&password), None] {
                    match decode(&bytes[..n], p) {
                        Err(Error::Malformed { format: "JKS", .. }) => {}
                        other => panic!("{name}[..{n}] with password {}: {other:?}", p.is_some()),
                    }
                }
            }
        }
    }

    #[test]
    fn every_damaged_byte_is_an_error_with_the_password() {
        for (name, password) in keystores() {
            let bytes = fixture(name);
            for i in 0..bytes.len() {
                let mut bad = bytes.clone();
                bad[i] ^= 0x5A;
                assert!(decode(&bad, Some(&password)).is_err(), "{name}: byte {i}");
                let _ = decode(&bad, None); // must not panic
            }
        }
    }

    #[test]
    fn trailing_bytes_after_the_digest_are_ignored_like_java() {
        let mut bytes = fixture("jdk17-mixed.jks");
        bytes.extend_from_slice(b"junk");
        assert_eq!(decode(&bytes, Some(&pw("changeit"))).unwrap().len(), 4);
    }

    #[test]
    fn debian_system_cacerts_when_present() {
        // Debian's ca-certificates-java writes /etc/ssl/certs/java/cacerts as JKS
        // (password "changeit"): ~140 real CA certificates, not made by us or keytool.
        let path = Path::new("/etc/ssl/certs/java/cacerts");
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("skipping: {} not present", path.display());
            return;
        };
        if !is_jks(&bytes) {
            eprintln!("skipping: {} is not JKS", path.display());
            return;
        }
        let ks = decode(&bytes, Some(&pw("changeit"))).unwrap();
        assert!(ks.len() > 50, "{}", ks.len());
        assert!(
            ks.entries()
                .iter()
                .all(|e| matches!(e.entry, Entry::TrustedCert(_)))
        );
        assert!(encode(&ks, &pw("changeit")).unwrap() == bytes);
    }

    /// Writes `ks` as JKS version 1 (no certificate type strings), as JDK 1.1 did.
    fn encode_v1(ks: &KeyStore, store_pw: &Password) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(1u32.to_be_bytes());
        out.extend((ks.len() as i32).to_be_bytes());
        for e in ks.entries() {
            let tag: i32 = if matches!(e.entry, Entry::PrivateKey(_)) {
                1
            } else {
                2
            };
            out.extend(tag.to_be_bytes());
            out.extend((e.alias.len() as u16).to_be_bytes()); // ASCII aliases only
            out.extend(e.alias.as_bytes());
            out.extend(e.created_millis.to_be_bytes());
            let certs: Vec<&Certificate> = match &e.entry {
                Entry::PrivateKey(pk) => {
                    out.extend((blob(pk).len() as i32).to_be_bytes());
                    out.extend(blob(pk));
                    out.extend((pk.chain.len() as i32).to_be_bytes());
                    pk.chain.iter().collect()
                }
                Entry::TrustedCert(c) => vec![c],
                Entry::SecretKey(_) => panic!("JKS holds no secret keys"),
            };
            for c in certs {
                out.extend((c.der().len() as i32).to_be_bytes());
                out.extend(c.der());
            }
        }
        let digest = integrity_digest(store_pw, &out);
        out.extend(digest);
        out
    }

    #[test]
    fn decodes_version_1() {
        let v2 = decode(&fixture("jdk17-mixed.jks"), Some(&pw("changeit"))).unwrap();
        let v1_bytes = encode_v1(&v2, &pw("changeit"));
        let v1 = decode(&v1_bytes, Some(&pw("changeit"))).unwrap();
        assert_eq!(v1.len(), v2.len());
        for (a, b) in v1.entries().iter().zip(v2.entries()) {
            assert_eq!(a.alias, b.alias);
            assert_eq!(a.created_millis, b.created_millis);
            assert_eq!(a.entry.certificate(), b.entry.certificate());
        }
        assert_eq!(
            blob(key_entry(&v1, "ec-chain")),
            blob(key_entry(&v2, "ec-chain"))
        );
        // Written back, it becomes version 2: the keytool file again.
        assert_eq!(
            encode(&v1, &pw("changeit")).unwrap(),
            fixture("jdk17-mixed.jks")
        );
        for n in 0..v1_bytes.len() {
            assert!(decode(&v1_bytes[..n], Some(&pw("changeit"))).is_err());
        }
    }

    #[test]
    fn duplicate_aliases_keep_the_last_like_javas_hashtable() {
        let ks = decode(&fixture("jdk17-mixed.jks"), None).unwrap();
        let ca = ks.get("ca").unwrap().clone();
        let mut first = ca.clone();
        first.alias = "dup".into();
        first.created_millis = 1;
        let mut second = ca;
        second.alias = "dup".into();
        second.created_millis = 2;
        // KeyStore refuses duplicates, so splice two encodings together by hand.
        let one = |e: &StoredEntry| {
            let mut s = KeyStore::new(StoreType::Jks);
            s.insert(e.clone()).unwrap();
            let b = encode(&s, &pw("p")).unwrap();
            b[12..b.len() - 20].to_vec()
        };
        let mut bytes = MAGIC.to_vec();
        bytes.extend(2u32.to_be_bytes());
        bytes.extend(2i32.to_be_bytes());
        bytes.extend(one(&first));
        bytes.extend(one(&second));
        let digest = integrity_digest(&pw("p"), &bytes);
        bytes.extend(digest);
        let ks = decode(&bytes, Some(&pw("p"))).unwrap();
        assert_eq!(ks.len(), 1);
        assert_eq!(ks.get("DUP").unwrap().created_millis, 2);
    }

    // keytool reading what we write: tests/it/jks.rs (keytool of JDK 11 to 25).
}
