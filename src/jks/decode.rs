//! Reading JKS: a bounds-checked cursor over the whole file.

use super::common::{Reader, read_cert};
use super::{DIGEST_LEN, FORMAT, MAGIC, TAG_PRIVATE_KEY, TAG_TRUSTED_CERT, integrity_digest};
use crate::crypto::mac::ct_eq;
use crate::error::{Error, Result};
use crate::keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, StoreType, StoredEntry, normalize_alias,
};
use crate::password::Password;

/// Smallest possible entry: tag, empty alias, date, and either an empty key
/// blob with no certificates or a version-1 certificate of length zero.
const MIN_ENTRY_LEN: usize = 4 + 2 + 8 + 4;
/// Smallest possible certificate record (version 1: just its length).
const MIN_CERT_LEN: usize = 4;

/// See [`super::decode`].
pub(super) fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    let mut r = Reader::new(bytes, FORMAT);
    if r.array::<4>("magic")? != MAGIC {
        return Err(r.malformed("does not start with the JKS magic FEEDFEED"));
    }
    let version = r.u32("version")?;
    if version != 1 && version != 2 {
        return Err(r.malformed(format!("unknown JKS version {version}")));
    }
    let count = r.count("entry count", MIN_ENTRY_LEN, DIGEST_LEN)?;

    let mut store = KeyStore::new(StoreType::Jks);
    for _ in 0..count {
        let at = r.pos;
        let tag = r.i32("entry tag")?;
        let entry = match tag {
            TAG_PRIVATE_KEY => {
                let alias = normalize_alias(&r.utf("alias")?);
                let created_millis = r.i64("creation date")?;
                let blob = r.length_prefixed("private key")?.to_vec();
                let n = r.count("certificate chain length", MIN_CERT_LEN, DIGEST_LEN)?;
                let mut chain = Vec::with_capacity(n);
                for _ in 0..n {
                    chain.push(read_cert(&mut r, version, &alias)?);
                }
                StoredEntry {
                    alias,
                    created_millis,
                    entry: Entry::PrivateKey(PrivateKeyEntry {
                        key: KeyMaterial::JksProtected(blob),
                        chain,
                        password: None,
                    }),
                }
            }
            TAG_TRUSTED_CERT => {
                let alias = normalize_alias(&r.utf("alias")?);
                let created_millis = r.i64("creation date")?;
                let cert = read_cert(&mut r, version, &alias)?;
                StoredEntry {
                    alias,
                    created_millis,
                    entry: Entry::TrustedCert(cert),
                }
            }
            other => {
                return Err(r.malformed(format!("unknown entry tag {other} at offset {at}")));
            }
        };
        // Java keeps the last of two entries whose aliases fold to the same name.
        store.upsert(entry);
    }

    let body_end = r.pos;
    let stored = r.take(DIGEST_LEN, "integrity digest")?;
    if let Some(password) = password {
        let body = bytes
            .get(..body_end)
            .ok_or_else(|| r.malformed("internal bounds"))?;
        if !ct_eq(&integrity_digest(password, body), stored) {
            return Err(Error::WrongPassword);
        }
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(count: i32) -> Vec<u8> {
        let mut v = MAGIC.to_vec();
        v.extend(2u32.to_be_bytes());
        v.extend(count.to_be_bytes());
        v
    }

    fn detail(e: Error) -> String {
        match e {
            Error::Malformed { format, detail } => {
                assert_eq!(format, "JKS");
                detail
            }
            other => panic!("expected Malformed, got {other:?}"),
        }
    }

    #[test]
    fn header_errors() {
        assert!(detail(decode(b"", None).unwrap_err()).contains("magic"));
        assert!(detail(decode(b"\xCE\xCE\xCE\xCE\0\0\0\x02", None).unwrap_err()).contains("magic"));
        let mut v = MAGIC.to_vec();
        v.extend(3u32.to_be_bytes());
        v.extend([0; 24]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("version 3"));
    }

    #[test]
    fn empty_store_needs_its_digest() {
        let v = header(0);
        assert!(detail(decode(&v, None).unwrap_err()).contains("integrity digest"));
        let mut v = header(0);
        v.extend([0; 20]);
        assert!(decode(&v, None).unwrap().is_empty());
        assert!(matches!(
            decode(&v, Some(&Password::new("changeit"))),
            Err(Error::WrongPassword)
        ));
    }

    #[test]
    fn huge_counts_and_lengths_are_refused_before_allocating() {
        let mut v = header(i32::MAX);
        v.extend([0; 64]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("entry count"));
        assert!(detail(decode(&header(-1), None).unwrap_err()).contains("negative entry count"));

        // One key entry whose blob claims 2 GiB.
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend(i32::MAX.to_be_bytes());
        v.extend([0; 40]);
        assert!(
            detail(decode(&v, None).unwrap_err()).contains("private key needs 2147483647 bytes")
        );

        // A negative blob length.
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend((-5i32).to_be_bytes());
        v.extend([0; 40]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("negative length -5"));

        // A chain length the file cannot hold.
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend(0i32.to_be_bytes());
        v.extend(1000i32.to_be_bytes());
        v.extend([0; 40]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("certificate chain length 1000"));
    }

    #[test]
    fn unknown_tag_and_secret_key_entries_are_malformed() {
        // Tag 3 is JCEKS's secret key entry; Sun's JKS reader refuses it too.
        let mut v = header(1);
        v.extend(3i32.to_be_bytes());
        v.extend([0; 60]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("unknown entry tag 3"));
    }

    #[test]
    fn key_entry_without_certificates_is_read() {
        // keytool never writes one, but Java reads it (chain = null).
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 2, b'A', b'b']);
        v.extend(42i64.to_be_bytes());
        v.extend(3i32.to_be_bytes());
        v.extend([9, 9, 9]);
        v.extend(0i32.to_be_bytes());
        let pw = Password::new("pw");
        let digest = integrity_digest(&pw, &v);
        v.extend(digest);
        let ks = decode(&v, Some(&pw)).unwrap();
        let e = ks.get("ab").unwrap();
        assert_eq!(e.alias, "ab");
        assert_eq!(e.created_millis, 42);
        match &e.entry {
            Entry::PrivateKey(pk) => {
                assert!(pk.chain.is_empty());
                assert!(matches!(&pk.key, KeyMaterial::JksProtected(b) if b == &[9, 9, 9]));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_certificate_types_are_unsupported() {
        let mut v = header(1);
        v.extend(2i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend([0, 3, b'P', b'G', b'P']);
        v.extend(0i32.to_be_bytes());
        v.extend([0; 20]);
        assert!(
            matches!(decode(&v, None), Err(Error::UnsupportedFeature { feature, .. }) if feature.contains("\"PGP\""))
        );
    }

    #[test]
    fn unparsable_certificate_is_malformed_jks() {
        let mut v = header(1);
        v.extend(2i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend([0, 5, b'X', b'.', b'5', b'0', b'9']);
        v.extend(3i32.to_be_bytes());
        v.extend([0x30, 0x01, 0x00]);
        v.extend([0; 20]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("certificate of entry <a>"));
    }

    #[test]
    fn unpaired_surrogate_alias_is_unsupported() {
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 3, 0xED, 0xA0, 0xBD]);
        v.extend([0; 40]);
        assert!(
            matches!(decode(&v, None), Err(Error::UnsupportedFeature { feature, .. }) if feature.contains("surrogate"))
        );
    }
}
