//! Passwords: never printed, zeroized when dropped, encoded as the formats need.

use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A keystore or key password.
///
/// Its `Debug` output is redacted and it is wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Wraps a password.
    pub fn new(s: impl Into<String>) -> Self {
        Password(s.into())
    }

    /// The password as text, for APIs that take `&str`.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Number of characters, as keytool counts them (UTF-16 code units).
    pub fn char_len(&self) -> usize {
        self.0.encode_utf16().count()
    }

    /// True for the empty password.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// UTF-16BE bytes, as Java's `char[]` is fed to digests (JKS integrity and key protection).
    pub fn utf16be(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(self.0.len() * 2));
        for unit in self.0.encode_utf16() {
            out.extend_from_slice(&unit.to_be_bytes());
        }
        out
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let p = Password::new("s3cret-pass");
        assert!(!format!("{p:?}").contains("s3cret"));
    }

    #[test]
    fn utf16be_of_non_ascii() {
        let p = Password::new("pä€");
        assert_eq!(&p.utf16be()[..], &[0x00, 0x70, 0x00, 0xe4, 0x20, 0xac]);
        assert_eq!(p.char_len(), 3);
    }
}
