//! Keystore files: format detection by content, the formats side by side
//! (decode, encode, [`KeyStore::open`], [`KeyStore::save`]), and the file
//! layer's bounded reads, identity-keeping writes and lock ([`crate::files`],
//! re-exported here).

mod sniff;

pub use crate::files::{
    MAX_INPUT_BYTES, MAX_KEYSTORE_BYTES, MAX_PASSWORD_LINE, NewFile, WriteLock, Written,
    format_size, lock, read_bounded, read_file, read_line_bounded, read_password_file, read_stream,
    resolve_links, write_file,
};
pub use sniff::looks_like;

use crate::error::{Error, Result};
use crate::keystore::{KeyStore, Source, StoreType};
use crate::password::Password;
use crate::{bcfks, bks, jceks, jks, pemstore, pkcs12};
use std::path::Path;

/// Reads a keystore, at most [`MAX_KEYSTORE_BYTES`], as
/// [`crate::files::read_keystore`] does (a file being rewritten in place is
/// read from its complete copy); a folder is a PEM keystore (a Kubernetes
/// TLS secret, say): its PEM files as one text.
pub fn read_keystore(path: &Path) -> Result<Vec<u8>> {
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return pemstore::read_folder(path);
    }
    crate::files::read_keystore(path)
}

/// Recognises a keystore by its content, never by its name.
pub fn detect(bytes: &[u8]) -> Result<StoreType> {
    if jks::is_jks(bytes) {
        Ok(StoreType::Jks)
    } else if jceks::is_jceks(bytes) {
        Ok(StoreType::Jceks)
    } else if pemstore::looks_like_pem(bytes) {
        // PEM text is a keystore when it holds a certificate; a key or a
        // request alone is named for what it is.
        if pemstore::has_certificate(bytes) {
            Ok(StoreType::Pem)
        } else {
            Err(Error::NotAKeystore {
                looks_like: sniff::looks_like(bytes),
            })
        }
    } else if pkcs12::looks_like_pkcs12(bytes) {
        if bcfks::is_bcfks(bytes) {
            return Ok(StoreType::Bcfks);
        }
        // A certificate, key or request in DER starts as a PFX does.
        match sniff::der_kind(bytes) {
            Some(looks_like) => Err(Error::NotAKeystore { looks_like }),
            None => Ok(StoreType::Pkcs12),
        }
    } else if let Some(t) = bks::detect(bytes) {
        Ok(t)
    } else {
        Err(Error::NotAKeystore {
            looks_like: sniff::looks_like(bytes),
        })
    }
}

/// True for a keystore that needs no password to be read whole: a
/// password-less PKCS12 (JDK 18+ cacerts: no MAC, nothing encrypted), or
/// PEM (no integrity check; encrypted keys ask for their key password when used).
pub fn is_passwordless(bytes: &[u8]) -> bool {
    match detect(bytes) {
        Ok(StoreType::Pkcs12) => pkcs12::is_passwordless(bytes),
        Ok(StoreType::Pem) => true,
        _ => false,
    }
}

/// True for a PKCS12 file with legacy protection (3DES/RC2, SHA-1 MAC).
pub fn is_legacy_pkcs12(bytes: &[u8]) -> bool {
    matches!(detect(bytes), Ok(StoreType::Pkcs12)) && pkcs12::is_legacy(bytes)
}

/// Decodes a keystore of any supported format. With a password the
/// integrity check (JKS/JCEKS digest, PKCS#12 MAC) is verified; keys stay
/// protected as read.
pub fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    match detect(bytes)? {
        StoreType::Jks => jks::decode(bytes, password),
        StoreType::Jceks => jceks::decode(bytes, password),
        StoreType::Pkcs12 => pkcs12::decode(bytes, password),
        StoreType::Pem => pemstore::decode(bytes),
        StoreType::Bks | StoreType::Uber => bks::decode_detected(bytes, password),
        StoreType::Bcfks => bcfks::decode(bytes, password),
    }
}

/// Encodes a keystore in its own format. Keys kept as read are written back
/// unchanged; keys in the clear are protected with their entry's password,
/// else the store password. No `store_password` writes a password-less
/// PKCS12 (JDK 18+ cacerts); JKS and JCEKS need one.
pub fn encode(
    store: &KeyStore,
    store_password: Option<&Password>,
    protection: pkcs12::Protection,
) -> Result<Vec<u8>> {
    let need = || {
        store_password.ok_or_else(|| Error::PasswordNeeded {
            store_type: store.store_type().name(),
            reading: false,
        })
    };
    match store.store_type() {
        StoreType::Jks => jks::encode(store, need()?),
        StoreType::Jceks => jceks::encode(store, need()?),
        StoreType::Pkcs12 => pkcs12::encode(store, store_password, protection),
        StoreType::Pem => pemstore::encode(store, need()?),
        StoreType::Bks | StoreType::Uber => bks::encode(store, need()?),
        StoreType::Bcfks => bcfks::encode(store, need()?),
    }
}

/// Opening and saving a keystore: the formats side by side, so the model
/// ([`crate::keystore`]) and the formats do not import each other.
impl KeyStore {
    /// Opens a keystore of any supported format from a file or bytes,
    /// recognised by its content. With a password its integrity is checked
    /// (a wrong one is [`Error::WrongPassword`]); without one it is read as
    /// keytool reads it without a password. Keys stay protected as read.
    pub fn open<'a>(
        source: impl Into<Source<'a>>,
        password: Option<&Password>,
    ) -> Result<KeyStore> {
        match source.into() {
            Source::Path(p) => decode(&read_file(p)?, password),
            Source::Bytes(b) => decode(b, password),
        }
    }

    /// The keystore in its format (PKCS12 as JDK 17+ writes it). Keys kept
    /// as read are written back unchanged; keys in the clear are protected
    /// with their entry's password, else `password`.
    pub fn to_bytes(&self, password: Option<&Password>) -> Result<Vec<u8>> {
        encode(self, password, pkcs12::Protection::Modern)
    }

    /// Writes the keystore to `path` under the storage layer's write lock,
    /// atomically and keeping the file's identity: the old file stays whole
    /// if anything fails.
    pub fn save(
        &self,
        path: impl AsRef<std::path::Path>,
        password: Option<&Password>,
    ) -> Result<()> {
        let bytes = self.to_bytes(password)?;
        // The same lock and identity-keeping write as the rkeytool commands.
        let _lock = lock(path.as_ref(), &mut |_| {})?;
        write_atomic(path.as_ref(), &bytes)?;
        Ok(())
    }
}

/// Writes `bytes` to the keystore at `path`, keeping the file's identity
/// (links, owner, group, mode, ACLs and other extended attributes, hard
/// links): see [`write_file`]. A new keystore is created mode 0600.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Written> {
    write_file(path, bytes, NewFile::Private, false)
}

/// Writes a new secret file that must not exist yet (exported keys), mode
/// 0600. With `refuse_existing`, an existing file is an `AlreadyExists` error.
pub fn write_new_file(path: &Path, bytes: &[u8], refuse_existing: bool) -> Result<Written> {
    write_file(path, bytes, NewFile::Private, refuse_existing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_by_content() {
        assert_eq!(
            detect(&[0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2]).unwrap(),
            StoreType::Jks
        );
        assert_eq!(detect(&[0x30, 0x82]).unwrap(), StoreType::Pkcs12);
        assert!(matches!(
            detect(b"hello"),
            Err(Error::NotAKeystore {
                looks_like: crate::error::LooksLike::Unknown
            })
        ));
        assert_eq!(detect(&[0xCE, 0xCE, 0xCE, 0xCE]).unwrap(), StoreType::Jceks);
    }
}
