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
//! the empty password ([`crate::crypto::password::Bmp::BouncyCastle`]).
//! The KDF, the ciphers and the HMAC are [`crate::crypto`]'s.

use crate::crypto::password::{Bmp, bmp};
use crate::crypto::pkcs12_pbe::{self, Cipher};
use crate::error::{Error, Result};
use crate::password::Password;
use zeroize::Zeroizing;

/// The salt length BouncyCastle writes everywhere (and demands for UBER).
pub(crate) const SALT_LEN: usize = 20;

/// The largest salt we accept when reading: BouncyCastle only writes 20.
pub(crate) const MAX_SALT_LEN: usize = 1024;

/// Checks an iteration count read from a file before any derivation: the
/// crypto layer's one cap ([`crate::crypto::MAX_ITERATIONS`], the JDK's
/// 5,000,000). BouncyCastle writes 1024–2047 and caps UBER at 65536.
pub(crate) fn check_iterations(n: i32, format: &'static str, what: &str) -> Result<i32> {
    if n <= 0 {
        return Err(Error::malformed(
            format,
            format!("{what}: iteration count {n}"),
        ));
    }
    crate::crypto::check_iterations(format, i64::from(n))?;
    Ok(n)
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
    crate::crypto::mac::bks_hmac_sha1(password, salt, iterations, key_len, body)
}

/// Encrypts with `PBEWithSHAAnd3-KeyTripleDES-CBC`.
pub(crate) fn tdes_encrypt(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Vec<u8>> {
    let pw = bmp(password, Bmp::BouncyCastle);
    pkcs12_pbe::encrypt(Cipher::Tdes3, &pw, salt, iterations, data)
}

/// Decrypts `PBEWithSHAAnd3-KeyTripleDES-CBC`; bad padding is a wrong password.
pub(crate) fn tdes_decrypt(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let pw = bmp(password, Bmp::BouncyCastle);
    pkcs12_pbe::decrypt(Cipher::Tdes3, &pw, salt, iterations, data)
}

/// Encrypts with `PBEWithSHAAndTwofish-CBC`.
pub(crate) fn twofish_encrypt(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Vec<u8>> {
    let pw = bmp(password, Bmp::BouncyCastle);
    pkcs12_pbe::encrypt(Cipher::Twofish, &pw, salt, iterations, data)
}

/// Decrypts `PBEWithSHAAndTwofish-CBC`; bad padding is a wrong password.
pub(crate) fn twofish_decrypt(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let pw = bmp(password, Bmp::BouncyCastle);
    pkcs12_pbe::decrypt(Cipher::Twofish, &pw, salt, iterations, data)
}

/// A fresh salt and iteration count as BouncyCastle picks them: 20 random
/// bytes, 1024 + (random & 1023).
pub(crate) fn fresh_params() -> ([u8; SALT_LEN], i32) {
    let salt: [u8; SALT_LEN] = rand::random();
    let r: u32 = rand::random();
    (salt, 1024 + (r & 1023) as i32)
}
