//! PKCS#12 password-based encryption (RFC 7292 Appendix B and C): the
//! PKCS#12 key derivation with SHA-1 keying a block cipher in CBC mode with
//! PKCS#7 padding, key and IV both derived (IDs 1 and 2).
//!
//! | cipher | OID | key | IV | who |
//! |---|---|---|---|---|
//! | 3-key 3DES | `pbeWithSHAAnd3-KeyTripleDES-CBC` 1.2.840.113549.1.12.1.3 | 24 | 8 | keys of legacy JDK stores (`keystore.pkcs12.legacy`), OpenSSL `-legacy`, BKS sealed keys |
//! | 2-key 3DES | `pbeWithSHAAnd2-KeyTripleDES-CBC` 1.2.840.113549.1.12.1.4 | 16 | 8 | `openssl pkcs8 -v1 PBE-SHA1-2DES` |
//! | RC2-128 | `pbeWithSHAAnd128BitRC2-CBC` 1.2.840.113549.1.12.1.5 | 16 | 8 | |
//! | RC2-40 | `pbewithSHAAnd40BitRC2-CBC` 1.2.840.113549.1.12.1.6 | 5 | 8 | certificates of legacy JDK stores, OpenSSL `-legacy` |
//! | Twofish | BouncyCastle's `PBEWithSHAAndTwofish-CBC` | 32 | 16 | UBER keystores |
//!
//! RC4 (`.1` and `.2`) is not here: no tool we work with writes it and the
//! crate set has no RC4; such files are refused, naming the algorithm.
//!
//! The password comes in already encoded ([`super::password::bmp`]), since
//! the JDK and BouncyCastle differ on the empty password.

use crate::error::{Error, Result};
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, block_padding::Pkcs7};
use const_oid::db::rfc7292;
use der::asn1::ObjectIdentifier;
use pkcs12::kdf::{Pkcs12KeyType, derive_key};
use zeroize::Zeroizing;

/// A cipher of the PKCS#12 PBE family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cipher {
    /// 3-key triple DES (`pbeWithSHAAnd3-KeyTripleDES-CBC`).
    Tdes3,
    /// 2-key triple DES (`pbeWithSHAAnd2-KeyTripleDES-CBC`).
    Tdes2,
    /// RC2 with a 128-bit key (`pbeWithSHAAnd128BitRC2-CBC`).
    Rc2_128,
    /// RC2 with a 40-bit key (`pbewithSHAAnd40BitRC2-CBC`).
    Rc2_40,
    /// Twofish with a 256-bit key (BouncyCastle's UBER store).
    Twofish,
}

impl Cipher {
    /// The cipher an RFC 7292 algorithm identifier names (not RC4, not Twofish).
    pub fn from_oid(oid: ObjectIdentifier) -> Option<Cipher> {
        Some(match oid {
            rfc7292::PBE_WITH_SHA_AND_3_KEY_TRIPLE_DES_CBC => Cipher::Tdes3,
            rfc7292::PBE_WITH_SHA_AND_2_KEY_TRIPLE_DES_CBC => Cipher::Tdes2,
            rfc7292::PBE_WITH_SHA_AND_128_BIT_RC_2_CBC => Cipher::Rc2_128,
            rfc7292::PBEWITH_SHA_AND_40_BIT_RC_2_CBC => Cipher::Rc2_40,
            _ => return None,
        })
    }

    /// The RFC 7292 identifier (Twofish has none there).
    pub fn oid(self) -> Option<ObjectIdentifier> {
        Some(match self {
            Cipher::Tdes3 => rfc7292::PBE_WITH_SHA_AND_3_KEY_TRIPLE_DES_CBC,
            Cipher::Tdes2 => rfc7292::PBE_WITH_SHA_AND_2_KEY_TRIPLE_DES_CBC,
            Cipher::Rc2_128 => rfc7292::PBE_WITH_SHA_AND_128_BIT_RC_2_CBC,
            Cipher::Rc2_40 => rfc7292::PBEWITH_SHA_AND_40_BIT_RC_2_CBC,
            Cipher::Twofish => return None,
        })
    }

    /// Key length in bytes.
    fn key_len(self) -> usize {
        match self {
            Cipher::Tdes3 => 24,
            Cipher::Tdes2 | Cipher::Rc2_128 => 16,
            Cipher::Rc2_40 => 5,
            Cipher::Twofish => 32,
        }
    }

    /// Block (and IV) length in bytes.
    fn block_len(self) -> usize {
        match self {
            Cipher::Twofish => 16,
            _ => 8,
        }
    }
}

/// The PKCS#12 KDF with SHA-1 (RFC 7292 Appendix B.2): `len` bytes of
/// material `id` from the encoded password, the salt and the count.
/// The caller has checked `iterations` ([`super::check_iterations`]).
pub fn derive_sha1(
    password: &[u8],
    salt: &[u8],
    id: Pkcs12KeyType,
    iterations: i32,
    len: usize,
) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(derive_key::<sha1::Sha1>(
        password, salt, id, iterations, len,
    ))
}

fn key_iv(
    cipher: Cipher,
    password: &[u8],
    salt: &[u8],
    iterations: i32,
) -> (Zeroizing<Vec<u8>>, Zeroizing<Vec<u8>>) {
    let key = derive_sha1(
        password,
        salt,
        Pkcs12KeyType::EncryptionKey,
        iterations,
        cipher.key_len(),
    );
    let iv = derive_sha1(
        password,
        salt,
        Pkcs12KeyType::Iv,
        iterations,
        cipher.block_len(),
    );
    (key, iv)
}

fn key_error(_: Cipher) -> Error {
    Error::CryptoFailed {
        operation: "PKCS#12 PBE key or IV size",
    }
}

macro_rules! cbc_encrypt {
    ($c:ty, $key:expr, $iv:expr, $data:expr, $cipher:expr) => {
        cbc::Encryptor::<$c>::new_from_slices($key, $iv)
            .map_err(|_| key_error($cipher))?
            .encrypt_padded_vec::<Pkcs7>($data)
    };
}

macro_rules! cbc_decrypt {
    ($c:ty, $key:expr, $iv:expr, $buf:expr, $cipher:expr) => {
        cbc::Decryptor::<$c>::new_from_slices($key, $iv)
            .map_err(|_| key_error($cipher))?
            .decrypt_padded::<Pkcs7>($buf)
            .map(<[u8]>::len)
    };
}

/// Encrypts `data` under the encoded `password`.
pub fn encrypt(
    cipher: Cipher,
    password: &[u8],
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Vec<u8>> {
    let (key, iv) = key_iv(cipher, password, salt, iterations);
    Ok(match cipher {
        Cipher::Tdes3 => cbc_encrypt!(des::TdesEde3, &key, &iv, data, cipher),
        Cipher::Tdes2 => cbc_encrypt!(des::TdesEde2, &key, &iv, data, cipher),
        Cipher::Rc2_128 | Cipher::Rc2_40 => cbc_encrypt!(rc2::Rc2, &key, &iv, data, cipher),
        Cipher::Twofish => cbc_encrypt!(twofish::Twofish, &key, &iv, data, cipher),
    })
}

/// Decrypts `data` under the encoded `password`. Bad padding, or a
/// ciphertext that is not whole blocks, is [`Error::WrongPassword`] (the
/// JDK's "Given final block not properly padded").
pub fn decrypt(
    cipher: Cipher,
    password: &[u8],
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    if data.is_empty() || !data.len().is_multiple_of(cipher.block_len()) {
        return Err(Error::WrongPassword);
    }
    let (key, iv) = key_iv(cipher, password, salt, iterations);
    let mut buf = Zeroizing::new(data.to_vec());
    let n = match cipher {
        Cipher::Tdes3 => cbc_decrypt!(des::TdesEde3, &key, &iv, &mut buf, cipher),
        Cipher::Tdes2 => cbc_decrypt!(des::TdesEde2, &key, &iv, &mut buf, cipher),
        Cipher::Rc2_128 | Cipher::Rc2_40 => cbc_decrypt!(rc2::Rc2, &key, &iv, &mut buf, cipher),
        Cipher::Twofish => cbc_decrypt!(twofish::Twofish, &key, &iv, &mut buf, cipher),
    }
    .map_err(|_| Error::WrongPassword)?;
    buf.truncate(n);
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::password::{Bmp, bmp};
    use crate::password::Password;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Known answers for the PKCS#12 KDF with SHA-1: Dr Stephen Henson's
    /// vectors (<http://www.drh-consultancy.demon.co.uk/test.txt>), as
    /// BouncyCastle's `org.bouncycastle.crypto.test.PKCS12Test` carries them
    /// (its runs 1, 2, 5, 8 and 9). First: password "smeg", salt
    /// 0A58CF64530D823F, one iteration.
    #[test]
    fn pkcs12_kdf_known_answers() {
        let pw = bmp(&Password::new("smeg"), Bmp::Jdk);
        let salt = hex("0A58CF64530D823F");
        assert_eq!(
            &derive_sha1(&pw, &salt, Pkcs12KeyType::EncryptionKey, 1, 24)[..],
            &hex("8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3")[..]
        );
        assert_eq!(
            &derive_sha1(&pw, &salt, Pkcs12KeyType::Iv, 1, 8)[..],
            &hex("79993DFE048D3B76")[..]
        );
        // "queeg", salt 1682C0FC5B3F7EC5, 1000 iterations.
        let pw = bmp(&Password::new("queeg"), Bmp::Jdk);
        let salt = hex("1682C0FC5B3F7EC5");
        assert_eq!(
            &derive_sha1(&pw, &salt, Pkcs12KeyType::EncryptionKey, 1000, 24)[..],
            &hex("483DD6E919D7DE2E8E648BA8F862F3FBFBDC2BCB2C02957F")[..]
        );
        assert_eq!(
            &derive_sha1(&pw, &salt, Pkcs12KeyType::Iv, 1000, 8)[..],
            &hex("9D461D1B00355C50")[..]
        );
        // MAC key: "smeg", salt 3D83C0E4546AC140, one iteration, 20 bytes.
        let pw = bmp(&Password::new("smeg"), Bmp::Jdk);
        assert_eq!(
            &derive_sha1(&pw, &hex("3D83C0E4546AC140"), Pkcs12KeyType::Mac, 1, 20)[..],
            &hex("8D967D88F6CAA9D714800AB3D48051D63F73A312")[..]
        );
    }

    #[test]
    fn every_cipher_round_trips() {
        let pw = bmp(&Password::new("pässwörd\u{1F511}"), Bmp::Jdk);
        for c in [
            Cipher::Tdes3,
            Cipher::Tdes2,
            Cipher::Rc2_128,
            Cipher::Rc2_40,
            Cipher::Twofish,
        ] {
            let ct = encrypt(c, &pw, &[7; 20], 3, b"plain text").unwrap();
            assert_eq!(
                &decrypt(c, &pw, &[7; 20], 3, &ct).unwrap()[..],
                b"plain text"
            );
            assert!(matches!(
                decrypt(c, &pw, &[7; 20], 3, &ct[1..]),
                Err(Error::WrongPassword)
            ));
            if let Some(oid) = c.oid() {
                assert_eq!(Cipher::from_oid(oid), Some(c));
            }
        }
    }
}
