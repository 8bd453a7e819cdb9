//! The password-based crypto of BCFKS (`BcFKSKeyStoreSpi.generateKey`,
//! `decryptData`, `calculateMac`).
//!
//! Every key is derived from the password and a *purpose* string
//! (`STORE_ENCRYPTION`, `INTEGRITY_CHECK`, `PRIVATE_KEY_ENCRYPTION`,
//! `SECRET_KEY_ENCRYPTION`), both fed as `PKCS12PasswordToBytes` makes them
//! (UTF-16BE and a two-byte NUL; nothing for the empty password) and
//! concatenated, through PBKDF2 (HMAC-SHA512, or HMAC-SHA3-512) or scrypt.
//! The data is encrypted with PBES2 naming AES-256-CCM (BouncyCastle's
//! default) or AES-256 key wrap with padding; the store's integrity is an
//! HMAC-SHA512 (or HMAC-SHA3-512) over the encrypted store data.
//!
//! Iteration counts, scrypt costs, salts and key lengths are checked before
//! anything is derived.

use super::FORMAT;
use super::asn1::{CcmParams, Pbes2Params, Pbkdf2Params, ScryptParams};
use crate::error::{Error, Result};
use crate::password::Password;
use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

pub(super) const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
pub(super) const PBKDF2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.12");
pub(super) const SCRYPT: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.11591.4.11");
pub(super) const HMAC_SHA512: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.2.11");
pub(super) const HMAC_SHA3_512: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.16");
pub(super) const AES256_CCM: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.47");
pub(super) const AES256_KWP: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.48");

/// What BouncyCastle 1.72 writes: PBKDF2 with 51,200 iterations of
/// HMAC-SHA512 over a 64-byte salt.
pub(super) const ITERATIONS: u32 = 50 * 1024;
pub(super) const SALT_LEN: usize = 64;
/// BouncyCastle's CCM parameters: a 12-byte nonce and an 8-byte tag.
const CCM_NONCE_LEN: usize = 12;

/// The largest PBKDF2 iteration count we derive with (as for PKCS#12 and BKS).
pub(super) const MAX_ITERATIONS: u32 = 5_000_000;
/// The largest salt we accept.
const MAX_SALT_LEN: usize = 1024;
/// The largest derived key: 64 bytes is what BouncyCastle asks for the MAC.
const MAX_KEY_LEN: usize = 128;
/// scrypt's memory (128·r·N bytes) at most 256 MiB, and r·p bounded.
const MAX_SCRYPT_MEMORY: u64 = 256 << 20;
const MAX_SCRYPT_RP: u64 = 1 << 10;

/// The derivation purposes.
pub(super) const STORE_ENCRYPTION: &str = "STORE_ENCRYPTION";
pub(super) const INTEGRITY_CHECK: &str = "INTEGRITY_CHECK";
pub(super) const PRIVATE_KEY_ENCRYPTION: &str = "PRIVATE_KEY_ENCRYPTION";
pub(super) const SECRET_KEY_ENCRYPTION: &str = "SECRET_KEY_ENCRYPTION";

fn malformed(detail: impl Into<String>) -> Error {
    Error::malformed(FORMAT, detail)
}

fn der_err(what: &str) -> impl Fn(der::Error) -> Error + '_ {
    move |e| malformed(format!("{what}: {e}"))
}

/// `PKCS12PasswordToBytes(password) ‖ PKCS12PasswordToBytes(purpose)`.
fn kdf_input(password: &Password, purpose: &str) -> Zeroizing<Vec<u8>> {
    let mut v = Zeroizing::new(Vec::new());
    if !password.is_empty() {
        v.extend_from_slice(&password.utf16be());
        v.extend_from_slice(&[0, 0]);
    }
    for u in purpose.encode_utf16() {
        v.extend_from_slice(&u.to_be_bytes());
    }
    v.extend_from_slice(&[0, 0]);
    v
}

/// A key derivation function as a file names it, checked and bounded.
pub(super) enum Kdf {
    Pbkdf2 {
        salt: Vec<u8>,
        iterations: u32,
        key_len: Option<usize>,
        sha3: bool,
    },
    Scrypt {
        salt: Vec<u8>,
        log_n: u8,
        r: u32,
        key_len: Option<usize>,
    },
}

fn check_key_len(n: Option<u32>) -> Result<Option<usize>> {
    match n {
        None => Ok(None),
        Some(n) if (1..=MAX_KEY_LEN as u32).contains(&n) => Ok(Some(n as usize)),
        Some(n) => Err(malformed(format!("derived key length {n}"))),
    }
}

fn check_salt(salt: &[u8]) -> Result<Vec<u8>> {
    if salt.is_empty() || salt.len() > MAX_SALT_LEN {
        return Err(malformed(format!("salt of {} bytes", salt.len())));
    }
    Ok(salt.to_vec())
}

impl Kdf {
    /// Reads and bounds a `KeyDerivationFunc`.
    pub(super) fn parse(alg: &AlgorithmIdentifierOwned) -> Result<Kdf> {
        let params = alg
            .parameters
            .as_ref()
            .ok_or_else(|| malformed("key derivation without parameters"))?
            .to_der()
            .map_err(der_err("key derivation parameters"))?;
        if alg.oid == PBKDF2 {
            let p = Pbkdf2Params::from_der(&params).map_err(der_err("PBKDF2 parameters"))?;
            let sha3 = match p.prf.as_ref().map(|a| a.oid) {
                Some(HMAC_SHA512) => false,
                Some(HMAC_SHA3_512) => true,
                Some(other) => {
                    return Err(Error::UnsupportedAlgorithm {
                        format: FORMAT,
                        what: format!("key derivation PBKDF2 with PRF {other}"),
                    });
                }
                None => {
                    return Err(Error::UnsupportedAlgorithm {
                        format: FORMAT,
                        what: "key derivation PBKDF2 with HMAC-SHA1".into(),
                    });
                }
            };
            if p.iterations == 0 {
                return Err(malformed("PBKDF2 iteration count 0"));
            }
            if p.iterations > MAX_ITERATIONS {
                return Err(Error::IterationLimit {
                    format: FORMAT,
                    found: i64::from(p.iterations),
                    max: u64::from(MAX_ITERATIONS),
                });
            }
            Ok(Kdf::Pbkdf2 {
                salt: check_salt(p.salt.as_bytes())?,
                iterations: p.iterations,
                key_len: check_key_len(p.key_length)?,
                sha3,
            })
        } else if alg.oid == SCRYPT {
            let p = ScryptParams::from_der(&params).map_err(der_err("scrypt parameters"))?;
            let n = p.cost;
            if n < 2 || !n.is_power_of_two() {
                return Err(malformed(format!("scrypt cost parameter {n}")));
            }
            // BouncyCastle passes the block size as the parallelization
            // parameter too (BcFKSKeyStoreSpi.generateKey), and so must we.
            let r = p.block_size;
            let memory = 128u64 * u64::from(r) * n;
            if r == 0 || memory > MAX_SCRYPT_MEMORY || u64::from(r) * u64::from(r) > MAX_SCRYPT_RP {
                return Err(Error::ScryptLimit {
                    format: FORMAT,
                    n,
                    r,
                    max_bytes: MAX_SCRYPT_MEMORY,
                });
            }
            Ok(Kdf::Scrypt {
                salt: check_salt(p.salt.as_bytes())?,
                log_n: n.trailing_zeros() as u8,
                r,
                key_len: check_key_len(p.key_length)?,
            })
        } else {
            Err(Error::UnsupportedAlgorithm {
                format: FORMAT,
                what: format!("key derivation {}", alg.oid),
            })
        }
    }

    /// The key for `purpose`; `default_len` when the parameters name none.
    pub(super) fn derive(
        &self,
        password: &Password,
        purpose: &str,
        default_len: Option<usize>,
    ) -> Result<Zeroizing<Vec<u8>>> {
        let input = kdf_input(password, purpose);
        match self {
            Kdf::Pbkdf2 {
                salt,
                iterations,
                key_len,
                sha3,
            } => {
                let len = key_len
                    .or(default_len)
                    .ok_or_else(|| malformed("PBKDF2 parameters name no key length"))?;
                let mut out = Zeroizing::new(vec![0u8; len]);
                if *sha3 {
                    pbkdf2::pbkdf2::<hmac::SimpleHmac<sha3::Sha3_512>>(
                        &input,
                        salt,
                        *iterations,
                        &mut out,
                    )
                    .map_err(|_| malformed("PBKDF2 key"))?;
                } else {
                    pbkdf2::pbkdf2_hmac::<sha2::Sha512>(&input, salt, *iterations, &mut out);
                }
                Ok(out)
            }
            Kdf::Scrypt {
                salt,
                log_n,
                r,
                key_len,
            } => {
                let len = key_len
                    .or(default_len)
                    .ok_or_else(|| malformed("scrypt parameters name no key length"))?;
                let params = scrypt::Params::new(*log_n, *r, *r)
                    .map_err(|e| malformed(format!("scrypt parameters: {e}")))?;
                let mut out = Zeroizing::new(vec![0u8; len]);
                scrypt::scrypt(&input, salt, &params, &mut out)
                    .map_err(|e| malformed(format!("scrypt: {e}")))?;
                Ok(out)
            }
        }
    }
}

/// A fresh PBKDF2-HMAC-SHA512 `KeyDerivationFunc` as BouncyCastle writes
/// it: random 64-byte salt, 51,200 iterations, the key length named.
pub(super) fn new_pbkdf2(key_len: u32) -> Result<(AlgorithmIdentifierOwned, Kdf)> {
    let salt: [u8; SALT_LEN] = rand::random();
    let params = Pbkdf2Params {
        salt: OctetString::new(salt.to_vec()).map_err(der_err("salt"))?,
        iterations: ITERATIONS,
        key_length: Some(key_len),
        prf: Some(hmac_sha512_id()),
    };
    let alg = AlgorithmIdentifierOwned {
        oid: PBKDF2,
        parameters: Some(Any::encode_from(&params).map_err(der_err("PBKDF2 parameters"))?),
    };
    let kdf = Kdf::Pbkdf2 {
        salt: salt.to_vec(),
        iterations: ITERATIONS,
        key_len: Some(key_len as usize),
        sha3: false,
    };
    Ok((alg, kdf))
}

/// `hmacWithSHA512` with its NULL parameters, as BouncyCastle names it.
pub(super) fn hmac_sha512_id() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: HMAC_SHA512,
        parameters: Some(Any::null()),
    }
}

/// The MAC of `data` under `key` with the named HMAC.
pub(super) fn mac(alg: &AlgorithmIdentifierOwned, key: &[u8], data: &[u8]) -> Result<Vec<u8>> {
    use hmac::{KeyInit, Mac};
    macro_rules! run {
        ($h:ty) => {{
            let mut m =
                <$h as KeyInit>::new_from_slice(key).map_err(|_| malformed("MAC key length"))?;
            m.update(data);
            Ok(m.finalize().into_bytes().to_vec())
        }};
    }
    match alg.oid {
        HMAC_SHA512 => run!(hmac::Hmac<sha2::Sha512>),
        HMAC_SHA3_512 => run!(hmac::SimpleHmac<sha3::Sha3_512>),
        other => Err(Error::UnsupportedAlgorithm {
            format: FORMAT,
            what: format!("integrity MAC {other}"),
        }),
    }
}

/// Decrypts `ciphertext` protected by a PBES2 `alg` for `purpose`.
///
/// A wrong password fails the CCM tag or the key-wrap check:
/// [`Error::WrongPassword`]. Unknown schemes are [`Error::UnsupportedAlgorithm`].
pub(super) fn decrypt(
    alg: &AlgorithmIdentifierOwned,
    purpose: &str,
    password: &Password,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    if alg.oid != PBES2 {
        return Err(Error::UnsupportedAlgorithm {
            format: FORMAT,
            what: format!("protection {}", alg.oid),
        });
    }
    let params = alg
        .parameters
        .as_ref()
        .ok_or_else(|| malformed("PBES2 without parameters"))?
        .to_der()
        .map_err(der_err("PBES2 parameters"))?;
    let p = Pbes2Params::from_der(&params).map_err(der_err("PBES2 parameters"))?;
    let scheme = p.encryption_scheme;
    // Checked before the (slow) derivation.
    let ccm = match scheme.oid {
        AES256_CCM => {
            let der = scheme
                .parameters
                .as_ref()
                .ok_or_else(|| malformed("AES-CCM without parameters"))?
                .to_der()
                .map_err(der_err("CCM parameters"))?;
            let c = CcmParams::from_der(&der).map_err(der_err("CCM parameters"))?;
            Some((c.nonce.as_bytes().to_vec(), c.icv_len.unwrap_or(12)))
        }
        AES256_KWP => None,
        other => {
            return Err(Error::UnsupportedAlgorithm {
                format: FORMAT,
                what: format!("encryption {other}"),
            });
        }
    };
    let kdf = Kdf::parse(&p.key_derivation_func)?;
    let key = kdf.derive(password, purpose, Some(32))?;
    if key.len() != 32 {
        return Err(malformed(format!("AES-256 key of {} bytes", key.len())));
    }
    match ccm {
        Some((nonce, tag)) => ccm_decrypt(&key, &nonce, tag, ciphertext),
        None => kwp_unwrap(&key, ciphertext),
    }
}

/// Encrypts `plain` as BouncyCastle does by default: PBES2 with
/// PBKDF2-HMAC-SHA512 (purpose `purpose`) and AES-256-CCM with a random
/// 12-byte nonce and an 8-byte tag. Returns the algorithm and the ciphertext.
pub(super) fn encrypt(
    purpose: &str,
    password: &Password,
    plain: &[u8],
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>)> {
    let (kdf_alg, kdf) = new_pbkdf2(32)?;
    let key = kdf.derive(password, purpose, None)?;
    let nonce: [u8; CCM_NONCE_LEN] = rand::random();
    let ciphertext = ccm_encrypt(&key, &nonce, plain)?;
    let ccm = CcmParams {
        nonce: OctetString::new(nonce.to_vec()).map_err(der_err("nonce"))?,
        icv_len: Some(8),
    };
    let pbes2 = Pbes2Params {
        key_derivation_func: kdf_alg,
        encryption_scheme: AlgorithmIdentifierOwned {
            oid: AES256_CCM,
            parameters: Some(Any::encode_from(&ccm).map_err(der_err("CCM parameters"))?),
        },
    };
    let alg = AlgorithmIdentifierOwned {
        oid: PBES2,
        parameters: Some(Any::encode_from(&pbes2).map_err(der_err("PBES2 parameters"))?),
    };
    Ok((alg, ciphertext))
}

fn ccm_encrypt(key: &[u8], nonce: &[u8; CCM_NONCE_LEN], plain: &[u8]) -> Result<Vec<u8>> {
    use ccm::aead::{Aead, KeyInit};
    use ccm::consts::{U8, U12};
    let c = ccm::Ccm::<aes::Aes256, U8, U12>::new_from_slice(key)
        .map_err(|_| malformed("AES-256 key length"))?;
    c.encrypt(&(*nonce).into(), plain)
        .map_err(|_| Error::CryptoFailed {
            operation: "AES-CCM encryption",
        })
}

fn ccm_decrypt(key: &[u8], nonce: &[u8], tag: u8, ciphertext: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    use ccm::aead::{Aead, KeyInit};
    use ccm::consts::{U4, U6, U7, U8, U10, U11, U12, U13, U14, U16};
    macro_rules! run {
        ($m:ty, $n:ty) => {{
            let c = ccm::Ccm::<aes::Aes256, $m, $n>::new_from_slice(key)
                .map_err(|_| malformed("AES-256 key length"))?;
            let n = ccm::Nonce::<$n>::try_from(nonce).map_err(|_| malformed("CCM nonce length"))?;
            c.decrypt(&n, ciphertext)
                .map(Zeroizing::new)
                .map_err(|_| Error::WrongPassword)
        }};
    }
    macro_rules! tags {
        ($n:ty) => {
            match tag {
                4 => run!(U4, $n),
                6 => run!(U6, $n),
                8 => run!(U8, $n),
                10 => run!(U10, $n),
                12 => run!(U12, $n),
                14 => run!(U14, $n),
                16 => run!(U16, $n),
                t => Err(malformed(format!("CCM tag length {t}"))),
            }
        };
    }
    match nonce.len() {
        7 => tags!(U7),
        11 => tags!(U11),
        12 => tags!(U12),
        13 => tags!(U13),
        n => Err(Error::UnsupportedFeature {
            format: FORMAT,
            feature: format!("AES-CCM nonce of {n} bytes"),
        }),
    }
}

pub(super) fn kwp_unwrap(key: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    use aes_kw::KeyInit;
    let kw = aes_kw::KwpAes256::new_from_slice(key).map_err(|_| malformed("AES-256 key length"))?;
    if wrapped.len() < 16 || !wrapped.len().is_multiple_of(8) {
        return Err(malformed(format!(
            "AES-KWP data of {} bytes",
            wrapped.len()
        )));
    }
    let mut buf = Zeroizing::new(vec![0u8; wrapped.len()]);
    let n = kw
        .unwrap_key(wrapped, &mut buf)
        .map_err(|_| Error::WrongPassword)?
        .len();
    buf.truncate(n);
    Ok(buf)
}

#[cfg(test)]
pub(super) fn kwp_wrap(key: &[u8], plain: &[u8]) -> Vec<u8> {
    use aes_kw::KeyInit;
    let kw = aes_kw::KwpAes256::new_from_slice(key).unwrap();
    let mut buf = vec![0u8; plain.len() + 16];
    kw.wrap_key(plain, &mut buf).unwrap().to_vec()
}
