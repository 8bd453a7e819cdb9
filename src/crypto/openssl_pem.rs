//! OpenSSL's legacy PEM encryption (`Proc-Type: 4,ENCRYPTED` with
//! `DEK-Info: <cipher>,<IV>`, RFC 1421 style): the key is
//! `EVP_BytesToKey` with MD5 and one round over the password's bytes and
//! the IV's first 8 bytes; the cipher is CBC with PKCS#7 padding.

use crate::error::{Error, Result};
use crate::password::Password;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
use zeroize::Zeroizing;

/// OpenSSL's `EVP_BytesToKey` with MD5 and one round:
/// D_i = MD5(D_{i-1} || password || salt).
pub fn evp_bytes_to_key(password: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    use md5::{Digest, Md5};
    let mut out = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut prev: Option<Zeroizing<[u8; 16]>> = None;
    while out.len() < len {
        let mut h = Md5::new();
        if let Some(p) = &prev {
            h.update(p.as_slice());
        }
        h.update(password);
        h.update(salt);
        let d = Zeroizing::new(<[u8; 16]>::from(h.finalize()));
        out.extend_from_slice(d.as_slice());
        prev = Some(d);
    }
    out.truncate(len);
    out
}

/// Decrypts a legacy-encrypted PEM body; `cipher` is the DEK-Info name in
/// upper case. AES-128/192/256-CBC and DES-EDE3-CBC are read.
pub fn decrypt(
    format: &'static str,
    cipher: &str,
    iv: &[u8],
    data: &[u8],
    password: &Password,
) -> Result<Zeroizing<Vec<u8>>> {
    let (key_len, block) = match cipher {
        "AES-128-CBC" => (16, 16),
        "AES-192-CBC" => (24, 16),
        "AES-256-CBC" => (32, 16),
        "DES-EDE3-CBC" => (24, 8),
        other => {
            return Err(Error::UnsupportedAlgorithm {
                format,
                what: format!("legacy PEM encryption cipher {other}"),
            });
        }
    };
    if iv.len() != block {
        return Err(Error::malformed(
            format,
            format!("DEK-Info IV is {} bytes; {cipher} needs {block}", iv.len()),
        ));
    }
    if data.is_empty() || !data.len().is_multiple_of(block) {
        return Err(Error::malformed(
            format,
            "ciphertext is not a whole number of blocks",
        ));
    }
    let salt = iv.get(..8).unwrap_or(iv);
    let key = evp_bytes_to_key(super::password::utf8(password), salt, key_len);
    let mut buf = Zeroizing::new(data.to_vec());
    let bad = |_| Error::CryptoFailed {
        operation: "legacy PEM key or IV size",
    };
    let n = match cipher {
        "AES-128-CBC" => cbc::Decryptor::<aes::Aes128>::new_from_slices(&key, iv)
            .map_err(bad)?
            .decrypt_padded::<Pkcs7>(&mut buf)
            .map(<[u8]>::len),
        "AES-192-CBC" => cbc::Decryptor::<aes::Aes192>::new_from_slices(&key, iv)
            .map_err(bad)?
            .decrypt_padded::<Pkcs7>(&mut buf)
            .map(<[u8]>::len),
        "AES-256-CBC" => cbc::Decryptor::<aes::Aes256>::new_from_slices(&key, iv)
            .map_err(bad)?
            .decrypt_padded::<Pkcs7>(&mut buf)
            .map(<[u8]>::len),
        _ => cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, iv)
            .map_err(bad)?
            .decrypt_padded::<Pkcs7>(&mut buf)
            .map(<[u8]>::len),
    };
    let n = n.map_err(|_| Error::WrongPassword)?;
    buf.truncate(n);
    Ok(buf)
}

#[cfg(test)]
mod tests {
    #[test]
    fn evp_bytes_to_key_matches_openssl() {
        // openssl enc -aes-128-cbc -pass pass:password -S 0102030405060708 -P -md md5
        let k = super::evp_bytes_to_key(b"password", &[1, 2, 3, 4, 5, 6, 7, 8], 16);
        assert_eq!(
            &k[..],
            &[
                0xE7, 0xB0, 0x97, 0x1E, 0x52, 0xCA, 0x5C, 0xC8, 0xD0, 0x53, 0x9F, 0xB3, 0x41, 0x2F,
                0x63, 0x16
            ]
        );
    }
}
