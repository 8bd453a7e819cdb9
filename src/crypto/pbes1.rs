//! PBES1 with MD5 and DES (RFC 8018 §6.1, `pbeWithMD5AndDES-CBC`): what
//! the JDK's PKCS12 keystore shrouds an `-importpass -keyalg
//! PBEWithMD5AndDES` entry with.
//!
//! ```text
//! PBEParameter ::= SEQUENCE { salt OCTET STRING (SIZE(8)), iterationCount INTEGER }
//! DK = PBKDF1-MD5(P, S, c, 16); key = DK[0..8], IV = DK[8..16]; DES-CBC, PKCS#5 padding
//! ```

use crate::error::{Error, Result};
use crate::password::Password;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
use md5::{Digest, Md5};
use zeroize::Zeroizing;

/// PBKDF1 with MD5 (RFC 8018 §5.1) over the password's bytes as Java's
/// `PBEKey` keeps them (ASCII; Java refuses others, and so a non-ASCII
/// password cannot be the right one).
fn pbkdf1_md5(password: &Password, salt: &[u8], iterations: u32) -> Result<Zeroizing<[u8; 16]>> {
    if !password.expose().is_ascii() {
        return Err(Error::WrongPassword);
    }
    let mut h = Md5::new();
    h.update(password.expose().as_bytes());
    h.update(salt);
    let mut t = Zeroizing::new([0u8; 16]);
    t.copy_from_slice(&h.finalize());
    for _ in 1..iterations {
        let d = Md5::digest(&t[..]);
        t.copy_from_slice(&d);
    }
    Ok(t)
}

/// Decrypts `pbeWithMD5AndDES-CBC` data; bad padding is a wrong password.
/// The caller has checked `iterations`.
pub fn decrypt_md5_des(
    format: &'static str,
    password: &Password,
    salt: &[u8],
    iterations: u32,
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    if salt.len() != 8 {
        return Err(Error::malformed(
            format,
            "pbeWithMD5AndDES salt is not 8 bytes",
        ));
    }
    let dk = pbkdf1_md5(password, salt, iterations)?;
    cbc::Decryptor::<des::Des>::new_from_slices(&dk[..8], &dk[8..16])
        .map_err(|_| Error::CryptoFailed {
            operation: "DES key",
        })?
        .decrypt_padded_vec::<Pkcs7>(data)
        .map(Zeroizing::new)
        .map_err(|_| Error::WrongPassword)
}
