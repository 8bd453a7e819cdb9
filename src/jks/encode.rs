//! Writing JKS version 2, as `JavaKeyStore.engineStore` does.

use super::{
    CERT_TYPE_X509, MAGIC, TAG_PRIVATE_KEY, TAG_TRUSTED_CERT, integrity_digest, key_protector,
};
use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::keystore::{Entry, KeyMaterial, KeyStore};
use crate::password::Password;

/// The version keytool has written since JDK 1.2.
const VERSION_2: u32 = 2;

/// Encodes `s` as `DataOutput.writeUTF` does: one to three bytes per UTF-16
/// code unit, NUL as `C0 80`, characters outside the BMP as two three-byte
/// surrogates, behind a `u16` byte count.
pub(super) fn write_modified_utf8(out: &mut Vec<u8>, s: &str, what: &str) -> Result<()> {
    let mut buf = Vec::with_capacity(s.len());
    for unit in s.encode_utf16() {
        match unit {
            0x0001..=0x007F => buf.push(unit as u8),
            0x0000 | 0x0080..=0x07FF => {
                buf.push(0xC0 | (unit >> 6) as u8);
                buf.push(0x80 | (unit & 0x3F) as u8);
            }
            _ => {
                buf.push(0xE0 | (unit >> 12) as u8);
                buf.push(0x80 | ((unit >> 6) & 0x3F) as u8);
                buf.push(0x80 | (unit & 0x3F) as u8);
            }
        }
    }
    let len = u16::try_from(buf.len()).map_err(|_| {
        Error::InvalidInput(format!(
            "{what} is too long for JKS: {} bytes in modified UTF-8, at most 65535",
            buf.len()
        ))
    })?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&buf);
    Ok(())
}

/// Writes an `i32` length (or count) and fails cleanly past `i32::MAX`.
fn write_len(out: &mut Vec<u8>, n: usize, what: &str) -> Result<()> {
    let n = i32::try_from(n)
        .map_err(|_| Error::InvalidInput(format!("{what} is too large for JKS")))?;
    out.extend_from_slice(&n.to_be_bytes());
    Ok(())
}

fn write_cert(out: &mut Vec<u8>, cert: &Certificate) -> Result<()> {
    write_modified_utf8(out, CERT_TYPE_X509, "certificate type")?;
    write_len(out, cert.der().len(), "certificate")?;
    out.extend_from_slice(cert.der());
    Ok(())
}

/// See [`super::encode`].
pub(super) fn encode(store: &KeyStore, store_password: &Password) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION_2.to_be_bytes());
    write_len(&mut out, store.len(), "entry count")?;
    for stored in store.entries() {
        match &stored.entry {
            Entry::PrivateKey(pk) => {
                out.extend_from_slice(&TAG_PRIVATE_KEY.to_be_bytes());
                write_modified_utf8(&mut out, &stored.alias, "alias")?;
                out.extend_from_slice(&stored.created_millis.to_be_bytes());
                let protected;
                let blob = match &pk.key {
                    KeyMaterial::JksProtected(blob) => blob,
                    KeyMaterial::Plain(pkcs8) => {
                        let key_password = pk.password.as_ref().unwrap_or(store_password);
                        protected = key_protector::protect(pkcs8, key_password)?;
                        &protected
                    }
                    KeyMaterial::Pkcs12Shrouded(_) | KeyMaterial::JceksProtected(_) => {
                        return Err(Error::InvalidInput(format!(
                            "key for alias <{}> must be recovered before it can be written as JKS",
                            stored.alias
                        )));
                    }
                };
                write_len(&mut out, blob.len(), "private key")?;
                out.extend_from_slice(blob);
                write_len(&mut out, pk.chain.len(), "certificate chain")?;
                for cert in &pk.chain {
                    write_cert(&mut out, cert)?;
                }
            }
            Entry::SecretKey(_) => {
                return Err(Error::EntryNotSupported {
                    alias: stored.alias.clone(),
                    store_type: "JKS",
                    kind: "secret key",
                });
            }
            Entry::TrustedCert(cert) => {
                out.extend_from_slice(&TAG_TRUSTED_CERT.to_be_bytes());
                write_modified_utf8(&mut out, &stored.alias, "alias")?;
                out.extend_from_slice(&stored.created_millis.to_be_bytes());
                write_cert(&mut out, cert)?;
            }
        }
    }
    let digest = integrity_digest(store_password, &out);
    out.extend_from_slice(&digest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::decode::decode_modified_utf8;
    use super::*;

    fn utf(s: &str) -> Vec<u8> {
        let mut v = Vec::new();
        write_modified_utf8(&mut v, s, "alias").unwrap();
        v
    }

    #[test]
    fn modified_utf8_matches_write_utf() {
        assert_eq!(utf(""), [0, 0]);
        assert_eq!(utf("a"), [0, 1, b'a']);
        assert_eq!(utf("\0"), [0, 2, 0xC0, 0x80]);
        assert_eq!(utf("ü€"), [0, 5, 0xC3, 0xBC, 0xE2, 0x82, 0xAC]);
        assert_eq!(utf("\u{1F600}"), [0, 6, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]);
        assert_eq!(
            utf("\u{7FF}\u{800}\u{FFFF}"),
            [0, 8, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF]
        );
    }

    #[test]
    fn modified_utf8_round_trips() {
        for s in [
            "",
            "x",
            "a\0b",
            "Schlüssel-€-😀",
            "\u{10FFFF}\u{FFFF}\u{80}\u{7F}",
        ] {
            let v = utf(s);
            assert_eq!(decode_modified_utf8(&v[2..]).unwrap(), s);
        }
    }

    #[test]
    fn too_long_alias_is_refused() {
        let mut v = Vec::new();
        assert!(write_modified_utf8(&mut v, &"a".repeat(65535), "alias").is_ok());
        // 21846 × '€' is 65538 bytes.
        assert!(matches!(
            write_modified_utf8(&mut v, &"€".repeat(21846), "alias"),
            Err(Error::InvalidInput(m)) if m.contains("too long")
        ));
    }

    #[test]
    fn empty_store_known_answer() {
        // FEEDFEED, version 2, no entries, then
        // SHA-1(UTF-16BE("changeit") ‖ "Mighty Aphrodite" ‖ header); the same bytes are
        // checked against keytool's own empty store in the fixture tests.
        let out = encode(
            &KeyStore::new(crate::keystore::StoreType::Jks),
            &Password::new("changeit"),
        )
        .unwrap();
        assert_eq!(out.len(), 12 + 20);
        assert_eq!(
            &out[..12],
            &[0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0, 0, 0, 0]
        );
        use sha1::{Digest, Sha1};
        let mut md = Sha1::new();
        for c in "changeit".encode_utf16() {
            md.update(c.to_be_bytes());
        }
        md.update(b"Mighty Aphrodite");
        md.update(&out[..12]);
        assert_eq!(&out[12..], &md.finalize()[..]);
    }
}
