//! Sun's PBEWithMD5AndTripleDES (`com.sun.crypto.provider.PBES1Core`,
//! algorithm "DESede"): the cipher behind JCEKS key protection.
//!
//! ```text
//! pw      = the password's characters, one byte each (PBEKey accepts only
//!           printable ASCII, U+0020..U+007E)
//! salt    = 8 bytes; if its two halves are equal, the first half is reversed
//! for half h in salt[0..4], salt[4..8]:
//!     d = MD5(h ‖ pw); repeat (iterations - 1) times: d = MD5(d ‖ pw)
//! derived = d(first half) ‖ d(second half)          -- 32 bytes
//! key     = derived[0..24], iv = derived[24..32]
//! cipher  = DESede/CBC/PKCS5Padding
//! ```
//!
//! The parameters travel as PKCS#5 `PBEParameter ::= SEQUENCE { salt OCTET
//! STRING (SIZE(8)), iterationCount INTEGER }`.

use crate::error::{Error, Result};
use crate::password::Password;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, block_padding::Pkcs7};
use der::asn1::OctetStringRef;
use der::{Decode, Encode, Sequence};
use md5::{Digest, Md5};
use zeroize::Zeroizing;

/// The iteration count the JDK writes (`KeyProtector.DEFAULT_ITERATION_COUNT`,
/// unless `jdk.jceks.iterationCount` says otherwise).
pub const ITERATIONS: u32 = 200_000;

/// The most iterations the JDK accepts when it reads (`MAX_ITERATION_COUNT`),
/// and so the most we spend on one key: the crypto layer's one cap.
pub const MAX_ITERATIONS: u32 = crate::crypto::MAX_ITERATIONS;

/// Salt length fixed by the algorithm.
pub const SALT_LEN: usize = 8;

/// PKCS#5 `PBEParameter`, as `com.sun.crypto.provider.PBEParameters` encodes it.
#[derive(Sequence)]
struct PbeParameter<'a> {
    salt: &'a OctetStringRef,
    iteration_count: u32,
}

/// Salt and iteration count, checked against the JDK's limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// The 8-byte salt.
    pub salt: [u8; SALT_LEN],
    /// The iteration count, 1..=[`MAX_ITERATIONS`].
    pub iterations: u32,
}

impl Params {
    /// Fresh random salt and the JDK's iteration count.
    pub fn random() -> Params {
        let mut salt = [0u8; SALT_LEN];
        rand::fill(&mut salt[..]);
        Params {
            salt,
            iterations: ITERATIONS,
        }
    }

    /// Parses DER `PBEParameter`; `format` names the container in errors.
    pub fn from_der(der: &[u8], format: &'static str) -> Result<Params> {
        let p = PbeParameter::from_der(der)
            .map_err(|e| Error::malformed(format, format!("PBE parameters: {e}")))?;
        let salt: [u8; SALT_LEN] = p.salt.as_bytes().try_into().map_err(|_| {
            Error::malformed(
                format,
                format!(
                    "PBE salt of {} bytes; PBEWithMD5AndTripleDES needs 8",
                    p.salt.as_bytes().len()
                ),
            )
        })?;
        crate::crypto::check_iterations(format, i64::from(p.iteration_count))?;
        Ok(Params {
            salt,
            iterations: p.iteration_count,
        })
    }

    /// DER `PBEParameter`, as the JDK writes it.
    pub fn to_der(&self) -> Result<Vec<u8>> {
        Ok(PbeParameter {
            salt: OctetStringRef::new(&self.salt)?,
            iteration_count: self.iterations,
        }
        .to_der()?)
    }
}

/// The password as `PBEKey` encodes it: one byte per character, printable
/// ASCII only. keytool refuses other key passwords for JCEKS ("Password is
/// not ASCII"), and so do we.
fn password_bytes(password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let s = password.expose();
    if !s.bytes().all(|b| (0x20..=0x7E).contains(&b)) {
        return Err(Error::KeyPasswordNotAscii { alias: None });
    }
    Ok(Zeroizing::new(s.as_bytes().to_vec()))
}

/// The DESede key and IV derived from `pw` and `params`.
fn derive(pw: &[u8], params: &Params) -> (Zeroizing<[u8; 24]>, [u8; 8]) {
    let mut salt = params.salt;
    if salt[..4] == salt[4..] {
        salt[..4].reverse();
    }
    let mut derived = Zeroizing::new([0u8; 32]);
    for (half, out) in salt.chunks(4).zip(derived.chunks_mut(16)) {
        let mut md = Md5::new();
        md.update(half);
        md.update(pw);
        let mut d = Zeroizing::new(<[u8; 16]>::from(md.finalize()));
        for _ in 1..params.iterations {
            let mut md = Md5::new();
            md.update(&d[..]);
            md.update(pw);
            md.finalize_into((&mut *d).into());
        }
        out.copy_from_slice(&d[..]);
    }
    let mut key = Zeroizing::new([0u8; 24]);
    key.copy_from_slice(&derived[..24]);
    let mut iv = [0u8; 8];
    iv.copy_from_slice(&derived[24..]);
    (key, iv)
}

/// Encrypts `plain` under `password`.
pub fn encrypt(plain: &[u8], password: &Password, params: &Params) -> Result<Vec<u8>> {
    let pw = password_bytes(password)?;
    let (key, iv) = derive(&pw, params);
    let enc = cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key[..], &iv).map_err(|_| {
        Error::CryptoFailed {
            operation: "DESede key",
        }
    })?;
    Ok(enc.encrypt_padded_vec::<Pkcs7>(plain))
}

/// Decrypts `data` under `password`; bad padding (almost always a wrong
/// password, as the JDK's "Given final block not properly padded") is
/// [`Error::WrongPassword`].
pub fn decrypt(data: &[u8], password: &Password, params: &Params) -> Result<Zeroizing<Vec<u8>>> {
    let pw = password_bytes(password)?;
    if data.is_empty() || !data.len().is_multiple_of(8) {
        return Err(Error::WrongPassword);
    }
    let (key, iv) = derive(&pw, params);
    let dec = cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key[..], &iv).map_err(|_| {
        Error::CryptoFailed {
            operation: "DESede key",
        }
    })?;
    dec.decrypt_padded_vec::<Pkcs7>(data)
        .map(Zeroizing::new)
        .map_err(|_| Error::WrongPassword)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(salt: [u8; 8], iterations: u32) -> Params {
        Params { salt, iterations }
    }

    #[test]
    fn derivation_known_answer() {
        // By hand from the definition: one iteration, distinct halves.
        let p = params([1, 2, 3, 4, 5, 6, 7, 8], 1);
        let (key, iv) = derive(b"pw", &p);
        let a: [u8; 16] = Md5::new()
            .chain_update([1, 2, 3, 4])
            .chain_update(b"pw")
            .finalize()
            .into();
        let b: [u8; 16] = Md5::new()
            .chain_update([5, 6, 7, 8])
            .chain_update(b"pw")
            .finalize()
            .into();
        assert_eq!(&key[..16], &a);
        assert_eq!(&key[16..], &b[..8]);
        assert_eq!(&iv, &b[8..]);
        // Two iterations chain MD5(d ‖ pw).
        let (key2, _) = derive(b"pw", &params([1, 2, 3, 4, 5, 6, 7, 8], 2));
        let a2: [u8; 16] = Md5::new()
            .chain_update(a)
            .chain_update(b"pw")
            .finalize()
            .into();
        assert_eq!(&key2[..16], &a2);
    }

    #[test]
    fn equal_halves_reverse_the_first() {
        let (k1, iv1) = derive(b"pw", &params([1, 2, 3, 4, 1, 2, 3, 4], 3));
        let (k2, iv2) = derive(b"pw", &params([4, 3, 2, 1, 1, 2, 3, 4], 3));
        assert_eq!(k1, k2);
        assert_eq!(iv1, iv2);
    }

    #[test]
    fn round_trip_and_wrong_password() {
        let p = params([9; 8], 10);
        let pw = Password::new("changeit");
        let c = encrypt(b"hello world", &pw, &p).unwrap();
        assert_eq!(c.len(), 16);
        assert_eq!(&decrypt(&c, &pw, &p).unwrap()[..], b"hello world");
        // A wrong password almost always breaks the padding; find one that does.
        assert!(matches!(
            decrypt(&c, &Password::new("changeiu"), &p),
            Err(Error::WrongPassword)
        ));
        assert!(matches!(
            decrypt(&c[..15], &pw, &p),
            Err(Error::WrongPassword)
        ));
    }

    #[test]
    fn non_ascii_passwords_are_refused_as_the_jdk_does() {
        let p = params([9; 8], 1);
        for bad in ["kéy", "tab\t", "\u{7f}"] {
            assert!(matches!(
                encrypt(b"x", &Password::new(bad), &p),
                Err(Error::KeyPasswordNotAscii { alias: None })
            ));
        }
        // The empty password is a password.
        let c = encrypt(b"x", &Password::new(""), &p).unwrap();
        assert_eq!(&decrypt(&c, &Password::new(""), &p).unwrap()[..], b"x");
    }

    #[test]
    fn parameters_der() {
        let p = params([0xA1, 0xE2, 0x18, 0x0B, 0x51, 0x98, 0x72, 0x78], ITERATIONS);
        let der = p.to_der().unwrap();
        // As keytool 11-25 write it: 30 0F 04 08 <salt> 02 03 03 0D 40.
        assert_eq!(
            der,
            [
                0x30, 0x0F, 0x04, 0x08, 0xA1, 0xE2, 0x18, 0x0B, 0x51, 0x98, 0x72, 0x78, 0x02, 0x03,
                0x03, 0x0D, 0x40
            ]
        );
        assert_eq!(Params::from_der(&der, "JCEKS").unwrap(), p);
        for bad in [
            params([0; 8], 0).to_der().unwrap(),
            params([0; 8], MAX_ITERATIONS + 1).to_der().unwrap(),
        ] {
            assert!(matches!(
                Params::from_der(&bad, "JCEKS"),
                Err(Error::IterationLimit {
                    format: "JCEKS",
                    ..
                })
            ));
        }
        let short = [0x30, 0x08, 0x04, 0x03, 1, 2, 3, 0x02, 0x01, 0x01];
        assert!(matches!(
            Params::from_der(&short, "JCEKS"),
            Err(Error::Malformed { detail, .. }) if detail.contains("salt of 3 bytes")
        ));
    }
}
