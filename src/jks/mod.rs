//! Sun's JKS keystore format (magic `FEEDFEED`, versions 1 and 2).
//!
//! The layout, as `sun.security.provider.JavaKeyStore` reads and writes it
//! (all integers big-endian, strings in Java's `DataOutput.writeUTF` form):
//!
//! ```text
//! u32 magic 0xFEEDFEED | u32 version (1 or 2) | i32 entry count
//! entry, count times:
//!   i32 tag = 1 (private key): UTF alias | i64 date millis | i32 len, key blob
//!                              | i32 chain length | certificate, chain length times
//!   i32 tag = 2 (trusted cert): UTF alias | i64 date millis | certificate
//!   certificate: (version 2 only: UTF type, "X.509") | i32 len, DER
//! SHA-1( UTF-16BE(store password) ‖ "Mighty Aphrodite" ‖ every byte above )
//! ```
//!
//! A key blob is a DER `EncryptedPrivateKeyInfo` protected by the key
//! password with Sun's proprietary scheme, see [`key_protector`].
//!
//! The split follows keystore-go (`decoder.go`, `encoder.go`,
//! `keyprotector.go`), but the whole file is in memory, so the decoder walks
//! a bounds-checked cursor and hashes the parsed prefix once at the end
//! instead of feeding a hash as it reads. Every length is checked against the
//! bytes left before anything is allocated, digests are compared in constant
//! time, passwords are real UTF-16BE, and names use Java's modified UTF-8.

mod decode;
mod encode;
pub mod key_protector;

use crate::error::Result;
use crate::keystore::KeyStore;
use crate::password::Password;
use sha1::{Digest, Sha1};

/// JKS magic number.
pub const MAGIC: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];

/// The format name used in [`crate::Error::Malformed`].
const FORMAT: &str = "JKS";

/// Length of a SHA-1 digest: the integrity digest and key protector digests.
const DIGEST_LEN: usize = 20;

/// The string `JavaKeyStore` mixes into the integrity digest after the password.
const WHITENER: &[u8] = b"Mighty Aphrodite";

/// Entry tag of a private key entry.
const TAG_PRIVATE_KEY: i32 = 1;
/// Entry tag of a trusted certificate entry.
const TAG_TRUSTED_CERT: i32 = 2;

/// The only certificate type keytool writes.
const CERT_TYPE_X509: &str = "X.509";

/// True when `bytes` start with the JKS magic.
pub fn is_jks(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Decodes a JKS keystore; with a password, verifies the integrity digest.
///
/// Aliases are lower-cased as keytool's JKS provider does; private keys stay
/// [`KeyMaterial::JksProtected`](crate::KeyMaterial::JksProtected), so no key
/// password is needed. Without a password the trailing digest must still be
/// present but is not checked (keytool lists such stores with a warning).
/// Bytes after the digest are ignored, as Java ignores them.
///
/// Errors: [`Error::WrongPassword`](crate::Error::WrongPassword) when the
/// digest does not match, [`Error::Malformed`](crate::Error::Malformed) for
/// damaged or truncated input, [`Error::Unsupported`](crate::Error::Unsupported)
/// for a certificate type other than X.509 or an alias that is not valid
/// Unicode (an unpaired UTF-16 surrogate).
pub fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    decode::decode(bytes, password)
}

/// Encodes `store` as JKS version 2, in the store's entry order.
///
/// [`KeyMaterial::Plain`](crate::KeyMaterial::Plain) keys are protected with
/// `key_password`; [`KeyMaterial::JksProtected`](crate::KeyMaterial::JksProtected)
/// blobs are written back unchanged (so they keep the key password they had).
/// The file ends with the integrity digest keyed by `store_password`.
pub fn encode(
    store: &KeyStore,
    store_password: &Password,
    key_password: &Password,
) -> Result<Vec<u8>> {
    encode::encode(store, store_password, key_password)
}

/// SHA-1 over UTF-16BE(password) ‖ "Mighty Aphrodite" ‖ `body`: the JKS integrity digest.
fn integrity_digest(password: &Password, body: &[u8]) -> [u8; DIGEST_LEN] {
    let mut md = Sha1::new();
    md.update(&password.utf16be()[..]);
    md.update(WHITENER);
    md.update(body);
    md.finalize().into()
}

/// Compares two byte strings in time that depends only on their lengths.
fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {}
