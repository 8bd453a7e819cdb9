//! The password-based crypto of BouncyCastle's BKS and UBER keystores, all on
//! the PKCS#12 key derivation (RFC 7292 Appendix B) with SHA-1:
//!
//! - the BKS integrity check: HMAC-SHA1 keyed with derived MAC material
//!   (ID 3), 20 bytes for version 2 and, by an old BouncyCastle slip kept
//!   for compatibility, 20 *bits* (2 bytes) for versions 0 and 1;
//! - sealed keys: `PBEWithSHAAnd3-KeyTripleDES-CBC` (24-byte key, 8-byte IV);
//! - the UBER body: `PBEWithSHAAndTwofish-CBC` (32-byte key, 16-byte IV).
//!
//! The password is fed as `PBEParametersGenerator.PKCS12PasswordToBytes`
//! makes it: UTF-16BE code units and a two-byte NUL, or nothing at all for
//! the empty password.

use crate::error::{Error, Result};
use crate::password::Password;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, block_padding::Pkcs7};
use hmac::{KeyInit, Mac};
use pkcs12::kdf::{Pkcs12KeyType, derive_key};
use zeroize::Zeroizing;

/// The largest iteration count we derive with. BouncyCastle writes
/// 1024–2047 and caps UBER at 65536; JDK PKCS12 allows 5,000,000, and so do we.
pub(crate) const MAX_ITERATIONS: i32 = 5_000_000;

/// The salt length BouncyCastle writes everywhere (and demands for UBER).
pub(crate) const SALT_LEN: usize = 20;

/// The largest salt we accept when reading: BouncyCastle only writes 20.
pub(crate) const MAX_SALT_LEN: usize = 1024;

/// `PKCS12PasswordToBytes`: UTF-16BE with a NUL terminator; empty for "".
fn password_bytes(password: &Password) -> Zeroizing<Vec<u8>> {
    if password.is_empty() {
        return Zeroizing::new(Vec::new());
    }
    let mut v = password.utf16be();
    v.extend_from_slice(&[0, 0]);
    v
}

/// Checks an iteration count read from a file before any derivation.
pub(crate) fn check_iterations(n: i32, format: &'static str, what: &str) -> Result<i32> {
    if n <= 0 {
        return Err(Error::malformed(
            format,
            format!("{what}: iteration count {n}"),
        ));
    }
    if n > MAX_ITERATIONS {
        return Err(Error::Unsupported(format!(
            "{format} {what}: iteration count {n} (at most {MAX_ITERATIONS})"
        )));
    }
    Ok(n)
}

fn derive(
    password: &Password,
    salt: &[u8],
    id: Pkcs12KeyType,
    iterations: i32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(derive_key::<sha1::Sha1>(
        &password_bytes(password),
        salt,
        id,
        iterations,
        len,
    ))
}

/// The BKS integrity HMAC-SHA1 over `body`; `version` picks the key length.
pub(crate) fn bks_mac(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    version: u32,
    body: &[u8],
) -> Result<[u8; 20]> {
    let key_len = if version >= 2 { 20 } else { 2 };
    let key = derive(password, salt, Pkcs12KeyType::Mac, iterations, key_len);
    let mut mac = <hmac::Hmac<sha1::Sha1> as KeyInit>::new_from_slice(&key)
        .map_err(|_| Error::Crypto("HMAC-SHA1 key".into()))?;
    mac.update(body);
    Ok(mac.finalize().into_bytes().into())
}

/// Encrypts with `PBEWithSHAAnd3-KeyTripleDES-CBC`.
pub(crate) fn tdes_encrypt(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Vec<u8>> {
    let key = derive(password, salt, Pkcs12KeyType::EncryptionKey, iterations, 24);
    let iv = derive(password, salt, Pkcs12KeyType::Iv, iterations, 8);
    Ok(cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
        .map_err(|_| Error::Crypto("3DES key".into()))?
        .encrypt_padded_vec::<Pkcs7>(data))
}

/// Decrypts `PBEWithSHAAnd3-KeyTripleDES-CBC`; bad padding is a wrong password.
pub(crate) fn tdes_decrypt(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let key = derive(password, salt, Pkcs12KeyType::EncryptionKey, iterations, 24);
    let iv = derive(password, salt, Pkcs12KeyType::Iv, iterations, 8);
    cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
        .map_err(|_| Error::Crypto("3DES key".into()))?
        .decrypt_padded_vec::<Pkcs7>(data)
        .map(Zeroizing::new)
        .map_err(|_| Error::WrongPassword)
}

/// Encrypts with `PBEWithSHAAndTwofish-CBC`.
pub(crate) fn twofish_encrypt(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Vec<u8>> {
    let key = derive(password, salt, Pkcs12KeyType::EncryptionKey, iterations, 32);
    let iv = derive(password, salt, Pkcs12KeyType::Iv, iterations, 16);
    Ok(
        cbc::Encryptor::<twofish::Twofish>::new_from_slices(&key, &iv)
            .map_err(|_| Error::Crypto("Twofish key".into()))?
            .encrypt_padded_vec::<Pkcs7>(data),
    )
}

/// Decrypts `PBEWithSHAAndTwofish-CBC`; bad padding is a wrong password.
pub(crate) fn twofish_decrypt(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let key = derive(password, salt, Pkcs12KeyType::EncryptionKey, iterations, 32);
    let iv = derive(password, salt, Pkcs12KeyType::Iv, iterations, 16);
    cbc::Decryptor::<twofish::Twofish>::new_from_slices(&key, &iv)
        .map_err(|_| Error::Crypto("Twofish key".into()))?
        .decrypt_padded_vec::<Pkcs7>(data)
        .map(Zeroizing::new)
        .map_err(|_| Error::WrongPassword)
}

/// A fresh salt and iteration count as BouncyCastle picks them: 20 random
/// bytes, 1024 + (random & 1023).
pub(crate) fn fresh_params() -> ([u8; SALT_LEN], i32) {
    let salt: [u8; SALT_LEN] = rand::random();
    let r: u32 = rand::random();
    (salt, 1024 + (r & 1023) as i32)
}
