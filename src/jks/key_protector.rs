//! Sun's JKS key protector (OID 1.3.6.1.4.1.42.2.17.1.1). PLACEHOLDER.

use crate::error::{Error, Result};
use crate::password::Password;
use zeroize::Zeroizing;

/// Encrypts PKCS#8 DER into a JKS `EncryptedPrivateKeyInfo` blob.
pub fn protect(_pkcs8: &[u8], _password: &Password) -> Result<Vec<u8>> {
    Err(Error::Unsupported("JKS key protection (not yet implemented)".into()))
}

/// Decrypts a JKS key blob; `Error::WrongPassword` when the check digest fails.
pub fn recover(_blob: &[u8], _password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    Err(Error::Unsupported("JKS key protection (not yet implemented)".into()))
}
