//! The password as each password-based algorithm takes it: one place for
//! every encoding, so that PKCS#12, key files and the BouncyCastle stores
//! agree on what a password's bytes are.
//!
//! | algorithm | bytes |
//! |---|---|
//! | PBKDF2 (PBES2, PBMAC1) | UTF-8, as Java's `PBKDF2KeyImpl` and OpenSSL |
//! | PKCS#12 KDF, JDK and OpenSSL | BMPString: UTF-16BE code units, then `00 00`; the one-NUL password is no bytes at all |
//! | PKCS#12 KDF, BouncyCastle | the same, but the empty password is no bytes at all |
//!
//! Characters outside the Basic Multilingual Plane are written as their
//! UTF-16 surrogate pairs, four bytes each. That is what the JDK does: its
//! `PKCS12PBECipherCore.derive` (and BouncyCastle's `PKCS12PasswordToBytes`)
//! walk the password's `char[]`, and a Java `char` is a UTF-16 code unit, so
//! U+1F511 goes in as `D8 3D DD 11`. OpenSSL 3's `OPENSSL_utf82uni` makes
//! the same pairs. Refusing such passwords, as key files once did, would
//! refuse files the JDK and OpenSSL open.

use crate::password::Password;
use zeroize::Zeroizing;

/// The JDK's stand-in for a NULL password: a single NUL character, what
/// `PKCS12KeyStore.RetryWithZero` tries when the empty password fails.
pub const NULL_PASSWORD: &str = "\0";

/// Which PKCS#12-KDF password convention to follow for the edge cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bmp {
    /// The JDK (`PKCS12PBECipherCore.derive`) and OpenSSL: "" is `00 00`;
    /// the one-NUL password ([`NULL_PASSWORD`]) is no bytes.
    Jdk,
    /// BouncyCastle (`PBEParametersGenerator.PKCS12PasswordToBytes`): "" is no bytes.
    BouncyCastle,
}

/// The password as the PKCS#12 KDF takes it (RFC 7292 Appendix B.1): a
/// BMPString with a two-byte NUL terminator, surrogate pairs kept.
pub fn bmp(password: &Password, convention: Bmp) -> Zeroizing<Vec<u8>> {
    let none = match convention {
        Bmp::Jdk => password.expose() == NULL_PASSWORD,
        Bmp::BouncyCastle => password.is_empty(),
    };
    if none {
        return Zeroizing::new(Vec::new());
    }
    let mut v = password.utf16be();
    v.extend_from_slice(&[0, 0]);
    v
}

/// The password as PBKDF2 takes it: its UTF-8 bytes.
pub fn utf8(password: &Password) -> &[u8] {
    password.expose().as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_bmp_characters_are_surrogate_pairs_as_in_java() {
        // U+1F511 (key) is D83D DD11 in UTF-16; "a" is 0061.
        let p = Password::new("a\u{1F511}");
        assert_eq!(
            &bmp(&p, Bmp::Jdk)[..],
            &[0x00, 0x61, 0xD8, 0x3D, 0xDD, 0x11, 0x00, 0x00]
        );
        assert_eq!(bmp(&p, Bmp::Jdk), bmp(&p, Bmp::BouncyCastle));
    }

    #[test]
    fn the_empty_and_the_null_password() {
        let empty = Password::new("");
        let null = Password::new(NULL_PASSWORD);
        assert_eq!(&bmp(&empty, Bmp::Jdk)[..], &[0, 0]);
        assert!(bmp(&null, Bmp::Jdk).is_empty());
        assert!(bmp(&empty, Bmp::BouncyCastle).is_empty());
        assert_eq!(&bmp(&null, Bmp::BouncyCastle)[..], &[0, 0, 0, 0]);
    }
}
