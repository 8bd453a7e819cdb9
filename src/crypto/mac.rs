//! Password-based MACs and digest comparison: the PKCS#12 MAC (RFC 7292
//! Appendix B, HMAC keyed by the PKCS#12 KDF with the MAC's own digest),
//! PBMAC1 (RFC 8018 §7.1 as RFC 9579 puts it in PKCS#12), the
//! BouncyCastle BKS HMAC, and the one constant-time comparison.

use super::password::{Bmp, bmp};
use super::{SALT_LEN, check_iterations};
use crate::error::{Error, Result};
use crate::password::Password;
use const_oid::db::rfc5912;
use der::Tag;
use der::asn1::{Any, ObjectIdentifier, OctetString};
use hmac::{KeyInit, Mac};
use pkcs12::kdf::{Pkcs12KeyType, derive_key};
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

/// PBMAC1 (RFC 8018 §7.1; not in `const_oid`'s database).
pub const PBMAC1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");

/// True when `a` and `b` are equal, in time that depends only on their
/// lengths (`subtle`); lengths are public.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    subtle::ConstantTimeEq::ct_eq(a, b).into()
}

/// A MAC we write into PKCS#12 files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MacDigest {
    /// HmacPBESHA1.
    Sha1,
    /// HmacPBESHA256.
    Sha256,
    /// PBMAC1 (RFC 9579): PBKDF2-HMAC-SHA256 keying HMAC-SHA256.
    Pbmac1Sha256,
}

macro_rules! kdf_hmac {
    ($d:ty, $pw:expr, $salt:expr, $iter:expr, $data:expr) => {{
        let len = <$d as hmac::digest::OutputSizeUser>::output_size();
        let key = Zeroizing::new(derive_key::<$d>($pw, $salt, Pkcs12KeyType::Mac, $iter, len));
        hmac_of!($d, &key, $data)
    }};
}

macro_rules! hmac_of {
    ($d:ty, $key:expr, $data:expr) => {{
        let mut m =
            <hmac::Hmac<$d> as KeyInit>::new_from_slice($key).map_err(|_| Error::CryptoFailed {
                operation: "HMAC key",
            })?;
        m.update($data);
        m.finalize().into_bytes().to_vec()
    }};
}

/// The PKCS#12 MAC of `data`: HMAC with `digest`, keyed by the PKCS#12 KDF
/// with the same digest over the JDK-encoded password.
pub fn pkcs12_mac(
    digest: ObjectIdentifier,
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Vec<u8>> {
    let pw = bmp(password, Bmp::Jdk);
    Ok(match digest {
        rfc5912::ID_SHA_1 => kdf_hmac!(sha1::Sha1, &pw, salt, iterations, data),
        rfc5912::ID_SHA_224 => kdf_hmac!(sha2::Sha224, &pw, salt, iterations, data),
        rfc5912::ID_SHA_256 => kdf_hmac!(sha2::Sha256, &pw, salt, iterations, data),
        rfc5912::ID_SHA_384 => kdf_hmac!(sha2::Sha384, &pw, salt, iterations, data),
        rfc5912::ID_SHA_512 => kdf_hmac!(sha2::Sha512, &pw, salt, iterations, data),
        other => {
            return Err(Error::UnsupportedAlgorithm {
                format: "PKCS#12",
                what: format!("MAC digest {}", super::oid_name(&other)),
            });
        }
    })
}

/// The BouncyCastle BKS integrity HMAC-SHA1 over `body`, keyed with
/// `key_len` bytes of PKCS#12-KDF MAC material (20 for BKS version 2; 2 —
/// 20 *bits*, an old BouncyCastle slip — for versions 0 and 1).
pub fn bks_hmac_sha1(
    password: &Password,
    salt: &[u8],
    iterations: i32,
    key_len: usize,
    body: &[u8],
) -> Result<[u8; 20]> {
    let key = super::pkcs12_pbe::derive_sha1(
        &bmp(password, Bmp::BouncyCastle),
        salt,
        Pkcs12KeyType::Mac,
        iterations,
        key_len,
    );
    let mut mac = <hmac::Hmac<sha1::Sha1> as KeyInit>::new_from_slice(&key).map_err(|_| {
        Error::CryptoFailed {
            operation: "HMAC-SHA1 key",
        }
    })?;
    mac.update(body);
    Ok(mac.finalize().into_bytes().into())
}

/// Verifies a PFX's MAC over the authenticated safe's content: the
/// PKCS#12 KDF MAC of RFC 7292, or PBMAC1 (RFC 9579), whose parameters
/// carry their own salt and iteration count (MacData's are ignored).
/// A mismatch is [`Error::WrongPassword`].
pub fn verify_mac(mac: &pkcs12::MacData, password: &Password, data: &[u8]) -> Result<()> {
    let ours = if mac.mac.algorithm.oid == PBMAC1 {
        pbmac1::compute(&mac.mac.algorithm, password, data)?
    } else {
        check_iterations("PKCS#12", i64::from(mac.iterations))?;
        pkcs12_mac(
            mac.mac.algorithm.oid,
            password,
            mac.mac_salt.as_bytes(),
            mac.iterations,
            data,
        )?
    };
    if ct_eq(&ours, mac.mac.digest.as_bytes()) {
        Ok(())
    } else {
        Err(Error::WrongPassword)
    }
}

/// A fresh MAC over `data`, with a fresh salt.
pub fn make_mac(
    digest: MacDigest,
    iterations: u32,
    password: &Password,
    data: &[u8],
) -> Result<pkcs12::MacData> {
    let oid = match digest {
        MacDigest::Sha1 => rfc5912::ID_SHA_1,
        MacDigest::Sha256 => rfc5912::ID_SHA_256,
        MacDigest::Pbmac1Sha256 => return pbmac1::make(iterations, password, data),
    };
    let iterations = i32::try_from(iterations).map_err(|_| Error::IterationLimit {
        format: "PKCS#12 MAC",
        found: i64::from(iterations),
        max: i32::MAX as u64,
    })?;
    let salt: [u8; SALT_LEN] = rand::random();
    let value = pkcs12_mac(oid, password, &salt, iterations, data)?;
    Ok(pkcs12::MacData {
        mac: pkcs12::DigestInfo {
            algorithm: AlgorithmIdentifierOwned {
                oid,
                parameters: Some(Any::new(Tag::Null, Vec::<u8>::new())?),
            },
            digest: OctetString::new(value)?,
        },
        mac_salt: OctetString::new(salt.to_vec())?,
        iterations,
    })
}

pub mod pbmac1 {
    //! PBMAC1 in a PKCS#12 MacData (RFC 9579): the HMAC key is PBKDF2 of the
    //! password's UTF-8 bytes, as for PBES2.
    //!
    //! ```text
    //! PBMAC1-params ::= SEQUENCE {
    //!     keyDerivationFunc AlgorithmIdentifier {{PBMAC1-KDFs}},
    //!     messageAuthScheme AlgorithmIdentifier {{PBMAC1-MACs}} }
    //! ```
    //! RFC 9579 section 5: the KDF is PBKDF2 and its keyLength is required.

    use super::super::pbes2::{Prf, pbkdf2};
    use super::super::{SALT_LEN, check_iterations};
    use super::{Error, Password, Result};
    use der::{Decode, Encode, Sequence};
    use hmac::{KeyInit, Mac};
    use pkcs5::pbes2::{self, Pbkdf2Params, Pbkdf2Prf};
    use spki::AlgorithmIdentifierOwned;
    use zeroize::Zeroizing;

    /// The largest HMAC key we derive: SHA-512's block; RFC 9579 asks for the HMAC's output length.
    const MAX_KEY_LEN: u16 = 128;

    /// A fresh PBMAC1 MacData over `data`: PBKDF2-HMAC-SHA256 with a 20-byte
    /// salt and a 32-byte key, HMAC-SHA256. MacData's own salt and count,
    /// which RFC 9579 readers ignore, are "NOT USED" and 1, as in its Appendix A.
    pub fn make(iterations: u32, password: &Password, data: &[u8]) -> Result<pkcs12::MacData> {
        use der::asn1::{Any, OctetString};
        let salt: [u8; SALT_LEN] = rand::random();
        let kdf = Pbkdf2Params {
            salt: pbes2::Salt::new(salt).map_err(|_| Error::CryptoFailed {
                operation: "PBKDF2 salt",
            })?,
            iteration_count: iterations,
            key_length: Some(32),
            prf: Pbkdf2Prf::HmacWithSha256,
        };
        let params = Params {
            key_derivation_func: AlgorithmIdentifierOwned {
                oid: pbes2::PBKDF2_OID,
                parameters: Some(Any::from_der(&kdf.to_der()?)?),
            },
            message_auth_scheme: AlgorithmIdentifierOwned {
                oid: Pbkdf2Prf::HmacWithSha256.oid(),
                parameters: Some(Any::new(der::Tag::Null, Vec::<u8>::new())?),
            },
        };
        let algorithm = AlgorithmIdentifierOwned {
            oid: super::PBMAC1,
            parameters: Some(Any::from_der(&params.to_der()?)?),
        };
        let value = compute(&algorithm, password, data)?;
        Ok(pkcs12::MacData {
            mac: pkcs12::DigestInfo {
                algorithm,
                digest: OctetString::new(value)?,
            },
            mac_salt: OctetString::new(b"NOT USED".to_vec())?,
            iterations: 1,
        })
    }

    /// PBMAC1-params (RFC 8018 A.5).
    #[derive(Sequence)]
    pub struct Params {
        /// PBKDF2 and its parameters.
        pub key_derivation_func: AlgorithmIdentifierOwned,
        /// The HMAC.
        pub message_auth_scheme: AlgorithmIdentifierOwned,
    }

    fn unsupported(what: impl std::fmt::Display) -> Error {
        Error::UnsupportedAlgorithm {
            format: "PKCS#12",
            what: format!("PBMAC1 MAC {what}"),
        }
    }

    /// The PBMAC1 value of `data` under `password`, with the parameters in `alg`.
    pub fn compute(
        alg: &AlgorithmIdentifierOwned,
        password: &Password,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        let params = alg
            .parameters
            .as_ref()
            .ok_or_else(|| unsupported("without parameters"))?;
        let params = Params::from_der(&params.to_der()?)
            .map_err(|e| unsupported(format!("parameters: {e}")))?;
        let kdf = &params.key_derivation_func;
        if kdf.oid != pbes2::PBKDF2_OID {
            return Err(unsupported(format!(
                "key derivation {} (RFC 9579 uses PBKDF2)",
                kdf.oid
            )));
        }
        let kdf_params = kdf
            .parameters
            .as_ref()
            .ok_or_else(|| unsupported("PBKDF2 without parameters"))?;
        let p = Pbkdf2Params::from_der(&kdf_params.to_der()?)
            .map_err(|e| unsupported(format!("PBKDF2 parameters: {e}")))?;
        let key_len = p
            .key_length
            .ok_or_else(|| unsupported("without a PBKDF2 key length (RFC 9579 requires one)"))?;
        if key_len == 0 || key_len > MAX_KEY_LEN {
            return Err(unsupported(format!(
                "key length {key_len} (1 to {MAX_KEY_LEN} bytes)"
            )));
        }
        let n = check_iterations("PKCS#12", i64::from(p.iteration_count))?;
        let prf = Prf::from_oid(p.prf.oid())
            .ok_or_else(|| unsupported(format!("PBKDF2 function {}", p.prf.oid())))?;
        let mut key = Zeroizing::new(vec![0u8; usize::from(key_len)]);
        pbkdf2(
            prf,
            super::super::password::utf8(password),
            p.salt.as_ref(),
            n,
            &mut key,
        );
        let mac = params.message_auth_scheme.oid;
        Ok(match Prf::from_oid(mac) {
            Some(Prf::Sha1) => hmac_of!(sha1::Sha1, &key, data),
            Some(Prf::Sha224) => hmac_of!(sha2::Sha224, &key, data),
            Some(Prf::Sha256) => hmac_of!(sha2::Sha256, &key, data),
            Some(Prf::Sha384) => hmac_of!(sha2::Sha384, &key, data),
            Some(Prf::Sha512) => hmac_of!(sha2::Sha512, &key, data),
            None => return Err(unsupported(format!("algorithm {mac}"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_round_trips() {
        let pw = Password::new("changeit");
        for d in [MacDigest::Sha1, MacDigest::Sha256, MacDigest::Pbmac1Sha256] {
            let m = make_mac(d, 2048, &pw, b"data").unwrap();
            verify_mac(&m, &pw, b"data").unwrap();
            assert!(matches!(
                verify_mac(&m, &Password::new("nope"), b"data"),
                Err(Error::WrongPassword)
            ));
        }
    }

    #[test]
    fn huge_iteration_counts_are_refused_before_work() {
        let pw = Password::new("changeit");
        let mut m = make_mac(MacDigest::Sha256, 1, &pw, b"d").unwrap();
        m.iterations = i32::MAX;
        assert!(matches!(
            verify_mac(&m, &pw, b"d"),
            Err(Error::IterationLimit { format: "PKCS#12", found, max: 5_000_000 })
                if found == i64::from(i32::MAX)
        ));
    }

    #[test]
    fn ct_eq_compares() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
    }
}
