//! Writing JKS version 2, as `JavaKeyStore.engineStore` does.

use super::common::{write_cert, write_len, write_modified_utf8};
use super::{FORMAT, MAGIC, TAG_PRIVATE_KEY, TAG_TRUSTED_CERT, integrity_digest, key_protector};
use crate::error::{Error, Result};
use crate::keystore::{Entry, KeyStore, StoreType, Writable};
use crate::password::Password;

/// The version keytool has written since JDK 1.2.
const VERSION_2: u32 = 2;

/// See [`super::encode`].
pub(super) fn encode(store: &KeyStore, store_password: &Password) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION_2.to_be_bytes());
    write_len(&mut out, store.len(), "entry count", FORMAT)?;
    for stored in store.entries() {
        match &stored.entry {
            Entry::PrivateKey(pk) => {
                out.extend_from_slice(&TAG_PRIVATE_KEY.to_be_bytes());
                write_modified_utf8(&mut out, &stored.alias, "alias", FORMAT)?;
                out.extend_from_slice(&stored.created_millis.to_be_bytes());
                let protected;
                let blob = match pk.key.writable_as(&stored.alias, StoreType::Jks)? {
                    Writable::Kept(blob) => blob,
                    Writable::Clear(pkcs8) => {
                        let key_password = pk.password.as_ref().unwrap_or(store_password);
                        protected = key_protector::protect(pkcs8, key_password)?;
                        &protected
                    }
                };
                write_len(&mut out, blob.len(), "private key", FORMAT)?;
                out.extend_from_slice(blob);
                write_len(&mut out, pk.chain.len(), "certificate chain", FORMAT)?;
                for cert in &pk.chain {
                    write_cert(&mut out, cert, FORMAT)?;
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
                write_modified_utf8(&mut out, &stored.alias, "alias", FORMAT)?;
                out.extend_from_slice(&stored.created_millis.to_be_bytes());
                write_cert(&mut out, cert, FORMAT)?;
            }
        }
    }
    let digest = integrity_digest(store_password, &out);
    out.extend_from_slice(&digest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
