//! Sun's JKS keystore format (magic `FEEDFEED`, version 2).
//!
//! PLACEHOLDER: the codec is being written in decode.rs / encode.rs / key_protector.rs.

pub mod key_protector;

use crate::error::{Error, Result};
use crate::keystore::KeyStore;
use crate::password::Password;

/// JKS magic number.
pub const MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];

/// True when `bytes` start with the JKS magic.
pub fn is_jks(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Decodes a JKS keystore; with a password, verifies the integrity digest.
pub fn decode(_bytes: &[u8], _password: Option<&Password>) -> Result<KeyStore> {
    Err(Error::Unsupported("JKS (not yet implemented)".into()))
}

/// Encodes `store` as JKS; plain keys are protected with `key_password`.
pub fn encode(_store: &KeyStore, _store_password: &Password, _key_password: &Password) -> Result<Vec<u8>> {
    Err(Error::Unsupported("JKS (not yet implemented)".into()))
}
