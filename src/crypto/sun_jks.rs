//! Sun's JKS password crypto (`sun.security.provider.KeyProtector` and
//! `JavaKeyStore`'s integrity check): a SHA-1 keystream that protects a key,
//! and a password-keyed SHA-1 digest that seals a JKS or JCEKS file.
//!
//! ```text
//! pw        = UTF-16BE(password)
//! salt      = 20 random bytes
//! d[0]      = SHA-1(pw ‖ salt),  d[i] = SHA-1(pw ‖ d[i-1])
//! encrypted = plaintext XOR (d[0] ‖ d[1] ‖ …, cut to the plaintext's length)
//! check     = SHA-1(pw ‖ plaintext)
//! protected = salt ‖ encrypted ‖ check
//!
//! store digest = SHA-1(pw ‖ "Mighty Aphrodite" ‖ every byte before it)
//! ```
//!
//! No iteration count: the work is one SHA-1 per 20 bytes of key, so there is
//! nothing for a file to inflate. The envelope around `protected` (a PKCS#8
//! `EncryptedPrivateKeyInfo` naming OID 1.3.6.1.4.1.42.2.17.1.1) is the
//! format's business: [`crate::jks::key_protector`].

use super::mac::ct_eq;
use crate::error::{Error, Result};
use crate::password::Password;
use sha1::{Digest, Sha1};
use zeroize::Zeroizing;

/// Length of a SHA-1 digest: the keystream blocks, the key check and the store digest.
pub const DIGEST_LEN: usize = 20;

/// Length of the random salt at the front of the protected data.
pub const SALT_LEN: usize = 20;

/// The string `JavaKeyStore` mixes into the store digest after the password.
const WHITENER: &[u8] = b"Mighty Aphrodite";

/// XORs `data` in place with the keystream started from `salt`.
fn apply_keystream(data: &mut [u8], pw: &[u8], salt: &[u8; SALT_LEN]) {
    let mut digest: Zeroizing<[u8; DIGEST_LEN]> = Zeroizing::new(*salt);
    for chunk in data.chunks_mut(DIGEST_LEN) {
        let mut md = Sha1::new();
        md.update(pw);
        md.update(&digest[..]);
        md.finalize_into((&mut *digest).into());
        for (b, k) in chunk.iter_mut().zip(digest.iter()) {
            *b ^= k;
        }
    }
}

/// SHA-1(pw ‖ plaintext): the check value after the encrypted key.
fn check_digest(pw: &[u8], plaintext: &[u8]) -> [u8; DIGEST_LEN] {
    let mut md = Sha1::new();
    md.update(pw);
    md.update(plaintext);
    md.finalize().into()
}

/// Protects `plaintext` under `password` with `salt`: salt ‖ encrypted ‖ check.
pub fn encrypt(plaintext: &[u8], password: &Password, salt: &[u8; SALT_LEN]) -> Vec<u8> {
    let pw = password.utf16be();
    // Encrypted in a wiped buffer: it holds the plaintext until the keystream is applied.
    let mut encrypted = Zeroizing::new(plaintext.to_vec());
    apply_keystream(&mut encrypted, &pw, salt);
    let mut protected = Vec::with_capacity(SALT_LEN + plaintext.len() + DIGEST_LEN);
    protected.extend_from_slice(salt);
    protected.extend_from_slice(&encrypted);
    protected.extend_from_slice(&check_digest(&pw, plaintext));
    protected
}

/// The salt at the front of protected data, when there is one.
pub fn salt_of(protected: &[u8]) -> Option<&[u8; SALT_LEN]> {
    protected.first_chunk::<SALT_LEN>()
}

/// Recovers the plaintext from salt ‖ encrypted ‖ check.
///
/// Errors: [`Error::WrongPassword`] when the check digest does not match
/// (compared in constant time); [`Error::Malformed`] (format "JKS") when the
/// data is shorter than a salt and a check.
pub fn decrypt(protected: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let too_short = || {
        Error::malformed(
            "JKS",
            format!(
                "private key blob: {} bytes of protected data, too short",
                protected.len()
            ),
        )
    };
    let (salt, rest) = protected
        .split_first_chunk::<SALT_LEN>()
        .ok_or_else(too_short)?;
    let (encrypted, check) = rest
        .split_last_chunk::<DIGEST_LEN>()
        .ok_or_else(too_short)?;
    let pw = password.utf16be();
    let mut plain = Zeroizing::new(encrypted.to_vec());
    apply_keystream(&mut plain, &pw, salt);
    if !ct_eq(&check_digest(&pw, &plain), check) {
        return Err(Error::WrongPassword);
    }
    Ok(plain)
}

/// SHA-1 over UTF-16BE(password) ‖ "Mighty Aphrodite" ‖ `body`: the digest
/// that ends a JKS or JCEKS file.
pub fn store_digest(password: &Password, body: &[u8]) -> [u8; DIGEST_LEN] {
    let mut md = Sha1::new();
    md.update(&password.utf16be()[..]);
    md.update(WHITENER);
    md.update(body);
    md.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha1(parts: &[&[u8]]) -> [u8; DIGEST_LEN] {
        let mut md = Sha1::new();
        for p in parts {
            md.update(p);
        }
        md.finalize().into()
    }

    #[test]
    fn keystream_spans_several_digests_and_a_partial_one() {
        // 48 bytes of plaintext: two full SHA-1 blocks and eight bytes of a third.
        let plain: Vec<u8> = (0u8..48).collect();
        let pw = Password::new("pw");
        let salt = [1u8; SALT_LEN];
        let data = encrypt(&plain, &pw, &salt);
        let pwb = pw.utf16be();
        let d0 = sha1(&[&pwb, &salt]);
        let d1 = sha1(&[&pwb, &d0]);
        let d2 = sha1(&[&pwb, &d1]);
        let stream: Vec<u8> = d0.iter().chain(&d1).chain(&d2[..8]).copied().collect();
        let expect: Vec<u8> = plain.iter().zip(&stream).map(|(p, k)| p ^ k).collect();
        assert_eq!(&data[..SALT_LEN], &salt);
        assert_eq!(&data[SALT_LEN..SALT_LEN + 48], &expect[..]);
        assert_eq!(&data[SALT_LEN + 48..], &sha1(&[&pwb, &plain]));
        assert_eq!(salt_of(&data), Some(&salt));
    }

    #[test]
    fn round_trip_and_wrong_password() {
        let pw = Password::new("kéypass€");
        let data = encrypt(b"some key bytes", &pw, &[9u8; SALT_LEN]);
        assert_eq!(&decrypt(&data, &pw).unwrap()[..], b"some key bytes");
        for wrong in ["kéypass", ""] {
            assert!(matches!(
                decrypt(&data, &Password::new(wrong)),
                Err(Error::WrongPassword)
            ));
        }
    }

    #[test]
    fn shorter_than_salt_and_check_is_damage() {
        let pw = Password::new("pw");
        // Salt and check with nothing between is an empty key, not damage.
        let empty = encrypt(b"", &pw, &[2u8; SALT_LEN]);
        assert_eq!(empty.len(), SALT_LEN + DIGEST_LEN);
        assert!(decrypt(&empty, &pw).unwrap().is_empty());
        for n in 0..SALT_LEN + DIGEST_LEN {
            match decrypt(&empty[..n], &pw) {
                Err(Error::Malformed { format, detail }) => {
                    assert_eq!(format, "JKS");
                    assert_eq!(
                        detail,
                        format!("private key blob: {n} bytes of protected data, too short")
                    );
                }
                other => panic!("{n}: {other:?}"),
            }
        }
    }

    #[test]
    fn store_digest_is_password_whitener_body() {
        let pw = Password::new("changeit");
        assert_eq!(
            store_digest(&pw, b"body"),
            sha1(&[&pw.utf16be(), b"Mighty Aphrodite", b"body"])
        );
    }
}
