//! Keystore files: format detection by content, bounded reads, writes that
//! keep the file's identity, and the writers' lock.

mod lock;
mod read;
mod write;

pub use lock::{WriteLock, lock};
pub use read::{
    MAX_INPUT_BYTES, MAX_KEYSTORE_BYTES, MAX_PASSWORD_LINE, format_size, read_bounded, read_file,
    read_keystore, read_line_bounded, read_password_file, read_stream,
};
pub use write::{NewFile, Written, resolve_links, write_file};

use crate::error::{Error, Result};
use crate::keystore::{KeyStore, StoreType};
use crate::password::Password;
use crate::{jks, pkcs12};
use std::path::Path;

/// JCEKS magic number (Sun's JceKeyStore).
pub const JCEKS_MAGIC: [u8; 4] = [0xCE, 0xCE, 0xCE, 0xCE];

/// Recognises a keystore by its content, never by its name.
pub fn detect(bytes: &[u8]) -> Result<StoreType> {
    if jks::is_jks(bytes) {
        Ok(StoreType::Jks)
    } else if bytes.starts_with(&JCEKS_MAGIC) {
        Err(Error::Unsupported("JCEKS keystores".into()))
    } else if pkcs12::looks_like_pkcs12(bytes) {
        Ok(StoreType::Pkcs12)
    } else {
        Err(Error::NotAKeystore)
    }
}

/// Decodes a keystore of either format. With a password the integrity check
/// (JKS digest, PKCS#12 MAC) is verified.
pub fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    match detect(bytes)? {
        StoreType::Jks => jks::decode(bytes, password),
        StoreType::Pkcs12 => pkcs12::decode(bytes, password),
    }
}

/// Encodes a keystore in its own format.
pub fn encode(
    store: &KeyStore,
    store_password: &Password,
    key_password: &Password,
    protection: pkcs12::Protection,
) -> Result<Vec<u8>> {
    match store.store_type() {
        StoreType::Jks => jks::encode(store, store_password, key_password),
        StoreType::Pkcs12 => pkcs12::encode(store, store_password, protection),
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
        assert!(matches!(detect(b"hello"), Err(Error::NotAKeystore)));
        assert!(matches!(detect(&JCEKS_MAGIC), Err(Error::Unsupported(_))));
    }
}
