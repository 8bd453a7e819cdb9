//! The ciphers and MACs of PKCS#12 as keytool and OpenSSL use them:
//! PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for JDK 17+, the PKCS#12 KDF with
//! pbeWithSHAAnd3-KeyTripleDES-CBC and pbeWithSHAAnd40BitRC2-CBC for legacy
//! stores (RFC 7292 Appendix B and C), and the HMAC over the authenticated safe.
//!
//! Password encodings, as Java and OpenSSL 3 use them: the PKCS#12 KDF takes
//! the password as a BMPString (UTF-16BE, characters outside the BMP as
//! surrogate pairs) with a two-byte NUL terminator; PBKDF2 takes its UTF-8 bytes.

use crate::error::{Error, Result};
use crate::password::Password;
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, block_padding::Pkcs7};
use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Tag};
use hmac::{KeyInit, Mac};
use pkcs8::pkcs5::pbes2;
use pkcs12::kdf::{Pkcs12KeyType, derive_key};
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

/// PBES2 (RFC 8018).
pub const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
/// pbeWithSHAAnd3-KeyTripleDES-CBC.
pub const PBE_SHA1_3DES: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.3");
/// pbeWithSHAAnd40BitRC2-CBC.
pub const PBE_SHA1_RC2_40: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.6");
/// pbeWithSHAAnd128BitRC2-CBC.
pub const PBE_SHA1_RC2_128: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.5");

/// pbeWithMD5AndDES-CBC (PKCS#5 PBES1): what the JDK's PKCS12 keystore
/// shrouds an `-importpass -keyalg PBEWithMD5AndDES` entry with.
pub const PBE_MD5_DES: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.3");

const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA224: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.4");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// The JDK refuses iteration counts above this (PKCS12KeyStore.MAX_ITERATION_COUNT);
/// so do we, before deriving anything.
pub const MAX_ITERATIONS: u64 = 5_000_000;

/// The JDK's salt length for every PBE and the MAC.
pub const SALT_LEN: usize = 20;

/// A PBE algorithm we write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pbe {
    /// PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC.
    Pbes2Aes256,
    /// pbeWithSHAAnd3-KeyTripleDES-CBC.
    Sha1Tdes,
    /// pbeWithSHAAnd40BitRC2-CBC.
    Sha1Rc2_40,
}

/// A MAC digest we write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MacDigest {
    /// HmacPBESHA1.
    Sha1,
    /// HmacPBESHA256.
    Sha256,
    /// PBMAC1 (RFC 9579): PBKDF2-HMAC-SHA256 keying HMAC-SHA256.
    Pbmac1Sha256,
}

/// BMPString of the password with its NUL terminator, as the PKCS#12 KDF takes it.
///
/// The one-NUL password stands for the NULL password of Windows' and
/// OpenSSL's "no password" files: no bytes at all, as the JDK's
/// `PKCS12PBECipherCore.derive` reads `new char[1]`.
fn bmp_password(password: &Password) -> Zeroizing<Vec<u8>> {
    if password.expose() == NULL_PASSWORD {
        return Zeroizing::new(Vec::new());
    }
    let mut v = password.utf16be();
    v.extend_from_slice(&[0, 0]);
    v
}

/// The JDK's stand-in for a NULL password: a single NUL character, what
/// `PKCS12KeyStore.RetryWithZero` tries when the empty password fails.
pub const NULL_PASSWORD: &str = "\0";

/// What decoding one file may spend on key derivation in all: 200,000,000
/// iterations (about a minute here). A JDK store spends 10,000 per key and one
/// 10,000 for its certificates, so this allows some 20,000 keys, while a
/// hostile file of many bags at the per-operation ceiling cannot run for hours.
pub const MAX_TOTAL_ITERATIONS: u64 = 200_000_000;

/// The key-derivation work left for one decode.
#[derive(Debug)]
pub struct WorkBudget {
    left: u64,
}

impl Default for WorkBudget {
    fn default() -> Self {
        WorkBudget {
            left: MAX_TOTAL_ITERATIONS,
        }
    }
}

impl WorkBudget {
    /// Spends `n` iterations, or refuses when the file asks for too many in all.
    pub fn spend(&mut self, n: u64) -> Result<()> {
        self.left = self.left.checked_sub(n).ok_or_else(|| {
            Error::Unsupported(format!(
                "PKCS#12 file asks for more than {MAX_TOTAL_ITERATIONS} key-derivation iterations in all"
            ))
        })?;
        Ok(())
    }
}

fn check_iterations(n: i64) -> Result<()> {
    if n <= 0 || n > MAX_ITERATIONS as i64 {
        return Err(Error::Unsupported(format!(
            "PKCS#12 iteration count {n} (at most {MAX_ITERATIONS})"
        )));
    }
    Ok(())
}

fn bad(detail: impl Into<String>) -> Error {
    Error::malformed("PKCS#12", detail)
}

fn random_bytes<const N: usize>() -> [u8; N] {
    rand::random()
}

/// Decrypts `data` encrypted with `alg` under `password`. A padding failure
/// is a wrong password (the MAC, when there is one, has been checked first).
pub fn decrypt(
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
    password: &Password,
    budget: &mut WorkBudget,
) -> Result<Zeroizing<Vec<u8>>> {
    let params = alg
        .parameters
        .as_ref()
        .ok_or_else(|| bad("encryption algorithm without parameters"))?
        .to_der()?;
    match alg.oid {
        PBES2 => {
            let p = pbes2::Parameters::from_der(&params)
                .map_err(|e| Error::Unsupported(format!("PKCS#12 PBES2 parameters: {e}")))?;
            match &p.kdf {
                pbes2::Kdf::Pbkdf2(k) => {
                    check_iterations(i64::from(k.iteration_count))?;
                    budget.spend(u64::from(k.iteration_count))?;
                }
                _ => return Err(Error::Unsupported("PKCS#12 PBES2 with scrypt".into())),
            }
            p.decrypt(password.expose().as_bytes(), data)
                .map(Zeroizing::new)
                .map_err(|_| Error::WrongPassword)
        }
        PBE_SHA1_3DES | PBE_SHA1_RC2_40 | PBE_SHA1_RC2_128 => {
            let p = pkcs12::pbe_params::Pkcs12PbeParams::from_der(&params)?;
            check_iterations(i64::from(p.iterations))?;
            let iterations = u64::try_from(p.iterations).unwrap_or(0);
            // Key and IV are two derivations.
            budget.spend(iterations.saturating_mul(2))?;
            let salt = p.salt.as_bytes();
            let pw = bmp_password(password);
            let (key_len, ..) = pbes1_sizes(alg.oid);
            let key = Zeroizing::new(derive_key::<sha1::Sha1>(
                &pw,
                salt,
                Pkcs12KeyType::EncryptionKey,
                p.iterations,
                key_len,
            ));
            let iv = derive_key::<sha1::Sha1>(&pw, salt, Pkcs12KeyType::Iv, p.iterations, 8);
            let out = match alg.oid {
                PBE_SHA1_3DES => cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
                    .map_err(|_| bad("3DES key"))?
                    .decrypt_padded_vec::<Pkcs7>(data),
                _ => cbc::Decryptor::<rc2::Rc2>::new_from_slices(&key, &iv)
                    .map_err(|_| bad("RC2 key"))?
                    .decrypt_padded_vec::<Pkcs7>(data),
            };
            out.map(Zeroizing::new).map_err(|_| Error::WrongPassword)
        }
        PBE_MD5_DES => {
            // PBEParameter ::= SEQUENCE { salt OCTET STRING (SIZE(8)), iterationCount INTEGER }
            let p = pkcs12::pbe_params::Pkcs12PbeParams::from_der(&params)?;
            check_iterations(i64::from(p.iterations))?;
            let iterations = u64::try_from(p.iterations).unwrap_or(0);
            budget.spend(iterations)?;
            let dk = pbes1_md5(password, p.salt.as_bytes(), iterations)?;
            cbc::Decryptor::<des::Des>::new_from_slices(&dk[..8], &dk[8..16])
                .map_err(|_| bad("DES key"))?
                .decrypt_padded_vec::<Pkcs7>(data)
                .map(Zeroizing::new)
                .map_err(|_| Error::WrongPassword)
        }
        other => Err(Error::Unsupported(format!(
            "PKCS#12 encryption algorithm {other}"
        ))),
    }
}

/// PBKDF1 with MD5 (RFC 8018 5.1) over the password's bytes as Java's
/// `PBEKey` keeps them (each character's low 7 bits; Java refuses others).
fn pbes1_md5(password: &Password, salt: &[u8], iterations: u64) -> Result<Zeroizing<[u8; 16]>> {
    use md5::{Digest, Md5};
    if salt.len() != 8 {
        return Err(bad("pbeWithMD5AndDES salt is not 8 bytes"));
    }
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

/// (key length) of a PKCS#12-KDF cipher.
fn pbes1_sizes(oid: ObjectIdentifier) -> (usize,) {
    match oid {
        PBE_SHA1_3DES => (24,),
        PBE_SHA1_RC2_128 => (16,),
        _ => (5,),
    }
}

/// Encrypts `data` with a fresh salt (and IV); returns the algorithm identifier and ciphertext.
pub fn encrypt(
    pbe: Pbe,
    iterations: u32,
    data: &[u8],
    password: &Password,
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>)> {
    let salt: [u8; SALT_LEN] = random_bytes();
    match pbe {
        Pbe::Pbes2Aes256 => {
            let iv: [u8; 16] = random_bytes();
            let p = pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(iterations, &salt, iv)
                .map_err(|e| Error::Crypto(format!("PBES2 parameters: {e}")))?;
            let ct = p
                .encrypt(password.expose().as_bytes(), data)
                .map_err(|e| Error::Crypto(format!("PBES2: {e}")))?;
            let alg = AlgorithmIdentifierOwned {
                oid: PBES2,
                parameters: Some(Any::from_der(&p.to_der()?)?),
            };
            Ok((alg, ct))
        }
        Pbe::Sha1Tdes | Pbe::Sha1Rc2_40 => {
            let oid = if pbe == Pbe::Sha1Tdes {
                PBE_SHA1_3DES
            } else {
                PBE_SHA1_RC2_40
            };
            let iterations = i32::try_from(iterations).map_err(|_| bad("iteration count"))?;
            let pw = bmp_password(password);
            let (key_len,) = pbes1_sizes(oid);
            let key = Zeroizing::new(derive_key::<sha1::Sha1>(
                &pw,
                &salt,
                Pkcs12KeyType::EncryptionKey,
                iterations,
                key_len,
            ));
            let iv = derive_key::<sha1::Sha1>(&pw, &salt, Pkcs12KeyType::Iv, iterations, 8);
            let ct = if pbe == Pbe::Sha1Tdes {
                cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
                    .map_err(|_| Error::Crypto("3DES key".into()))?
                    .encrypt_padded_vec::<Pkcs7>(data)
            } else {
                cbc::Encryptor::<rc2::Rc2>::new_from_slices(&key, &iv)
                    .map_err(|_| Error::Crypto("RC2 key".into()))?
                    .encrypt_padded_vec::<Pkcs7>(data)
            };
            let params = pkcs12::pbe_params::Pkcs12PbeParams {
                salt: OctetString::new(salt.to_vec())?,
                iterations,
            };
            let alg = AlgorithmIdentifierOwned {
                oid,
                parameters: Some(Any::from_der(&params.to_der()?)?),
            };
            Ok((alg, ct))
        }
    }
}

macro_rules! hmac_with {
    ($d:ty, $pw:expr, $salt:expr, $iter:expr, $data:expr) => {{
        let len = <$d as hmac::digest::OutputSizeUser>::output_size();
        let key = Zeroizing::new(derive_key::<$d>($pw, $salt, Pkcs12KeyType::Mac, $iter, len));
        let mut m = <hmac::Hmac<$d> as KeyInit>::new_from_slice(&key)
            .map_err(|_| Error::Crypto("HMAC key".into()))?;
        m.update($data);
        m.finalize().into_bytes().to_vec()
    }};
}

fn compute(
    digest: ObjectIdentifier,
    password: &Password,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<Vec<u8>> {
    let pw = bmp_password(password);
    Ok(match digest {
        SHA1 => hmac_with!(sha1::Sha1, &pw, salt, iterations, data),
        SHA224 => hmac_with!(sha2::Sha224, &pw, salt, iterations, data),
        SHA256 => hmac_with!(sha2::Sha256, &pw, salt, iterations, data),
        SHA384 => hmac_with!(sha2::Sha384, &pw, salt, iterations, data),
        SHA512 => hmac_with!(sha2::Sha512, &pw, salt, iterations, data),
        other => {
            return Err(Error::Unsupported(format!(
                "PKCS#12 MAC digest algorithm {other}"
            )));
        }
    })
}

/// Verifies the PFX's MAC over the authenticated safe's content: the
/// PKCS#12 KDF MAC of RFC 7292, or PBMAC1 (RFC 9579), whose parameters
/// carry their own salt and iteration count (MacData's are ignored).
pub fn verify_mac(mac: &pkcs12::MacData, password: &Password, data: &[u8]) -> Result<()> {
    let ours = if mac.mac.algorithm.oid == PBMAC1 {
        pbmac1::compute(&mac.mac.algorithm, password, data)?
    } else {
        check_iterations(i64::from(mac.iterations))?;
        compute(
            mac.mac.algorithm.oid,
            password,
            mac.mac_salt.as_bytes(),
            mac.iterations,
            data,
        )?
    };
    // Constant time in the digests' contents (`subtle`); lengths are public.
    if subtle::ConstantTimeEq::ct_eq(ours.as_slice(), mac.mac.digest.as_bytes()).into() {
        Ok(())
    } else {
        Err(Error::WrongPassword)
    }
}

/// PBMAC1 (RFC 8018 7.1), the MAC of RFC 9579 PKCS#12 files.
pub const PBMAC1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");

mod pbmac1 {
    //! PBMAC1 in a PKCS#12 MacData (RFC 9579): the HMAC key is PBKDF2 of the
    //! password's UTF-8 bytes, as for PBES2.
    //!
    //! ```text
    //! PBMAC1-params ::= SEQUENCE {
    //!     keyDerivationFunc AlgorithmIdentifier {{PBMAC1-KDFs}},
    //!     messageAuthScheme AlgorithmIdentifier {{PBMAC1-MACs}} }
    //! ```
    //! RFC 9579 section 5: the KDF is PBKDF2 and its keyLength is required.

    use super::{Error, Password, Result, check_iterations};
    use der::{Decode, Encode, Sequence};
    use hmac::{KeyInit, Mac};
    use pkcs8::pkcs5::pbes2::{self, Pbkdf2Params, Pbkdf2Prf};
    use spki::AlgorithmIdentifierOwned;
    use zeroize::Zeroizing;

    /// The largest HMAC key we derive: SHA-512's block; RFC 9579 asks for the HMAC's output length.
    const MAX_KEY_LEN: u16 = 128;

    /// A fresh PBMAC1 MacData over `data`: PBKDF2-HMAC-SHA256 with a 20-byte
    /// salt and a 32-byte key, HMAC-SHA256. MacData's own salt and count,
    /// which RFC 9579 readers ignore, are "NOT USED" and 1, as in its Appendix A.
    pub fn make(iterations: u32, password: &Password, data: &[u8]) -> Result<pkcs12::MacData> {
        use der::asn1::{Any, OctetString};
        let salt: [u8; super::SALT_LEN] = super::random_bytes();
        let kdf = Pbkdf2Params {
            salt: pbes2::Salt::new(salt).map_err(|e| Error::Crypto(format!("PBKDF2 salt: {e}")))?,
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
        pub key_derivation_func: AlgorithmIdentifierOwned,
        pub message_auth_scheme: AlgorithmIdentifierOwned,
    }

    fn unsupported(what: impl std::fmt::Display) -> Error {
        Error::Unsupported(format!("PKCS#12 PBMAC1 MAC {what}"))
    }

    macro_rules! hmac_of {
        ($d:ty, $key:expr, $data:expr) => {{
            let mut m = <hmac::Hmac<$d> as KeyInit>::new_from_slice($key)
                .map_err(|_| Error::Crypto("HMAC key".into()))?;
            m.update($data);
            m.finalize().into_bytes().to_vec()
        }};
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
        check_iterations(i64::from(p.iteration_count))?;
        let mut key = Zeroizing::new(vec![0u8; usize::from(key_len)]);
        let pw = password.expose().as_bytes();
        let (salt, n) = (p.salt.as_ref(), p.iteration_count);
        match p.prf {
            Pbkdf2Prf::HmacWithSha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(pw, salt, n, &mut key),
            Pbkdf2Prf::HmacWithSha224 => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(pw, salt, n, &mut key),
            Pbkdf2Prf::HmacWithSha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(pw, salt, n, &mut key),
            Pbkdf2Prf::HmacWithSha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(pw, salt, n, &mut key),
            Pbkdf2Prf::HmacWithSha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(pw, salt, n, &mut key),
            other => return Err(unsupported(format!("PBKDF2 function {}", other.oid()))),
        }
        let mac = params.message_auth_scheme.oid;
        let schemes = [
            Pbkdf2Prf::HmacWithSha1,
            Pbkdf2Prf::HmacWithSha224,
            Pbkdf2Prf::HmacWithSha256,
            Pbkdf2Prf::HmacWithSha384,
            Pbkdf2Prf::HmacWithSha512,
        ];
        let scheme = schemes.into_iter().find(|s| s.oid() == mac);
        Ok(match scheme {
            Some(Pbkdf2Prf::HmacWithSha1) => hmac_of!(sha1::Sha1, &key, data),
            Some(Pbkdf2Prf::HmacWithSha224) => hmac_of!(sha2::Sha224, &key, data),
            Some(Pbkdf2Prf::HmacWithSha256) => hmac_of!(sha2::Sha256, &key, data),
            Some(Pbkdf2Prf::HmacWithSha384) => hmac_of!(sha2::Sha384, &key, data),
            Some(Pbkdf2Prf::HmacWithSha512) => hmac_of!(sha2::Sha512, &key, data),
            _ => return Err(unsupported(format!("algorithm {mac}"))),
        })
    }
}

/// A fresh MAC over `data`.
pub fn make_mac(
    digest: MacDigest,
    iterations: u32,
    password: &Password,
    data: &[u8],
) -> Result<pkcs12::MacData> {
    let oid = match digest {
        MacDigest::Sha1 => SHA1,
        MacDigest::Sha256 => SHA256,
        MacDigest::Pbmac1Sha256 => return pbmac1::make(iterations, password, data),
    };
    let iterations = i32::try_from(iterations).map_err(|_| bad("iteration count"))?;
    let salt: [u8; SALT_LEN] = random_bytes();
    let value = compute(oid, password, &salt, iterations, data)?;
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_work_budget_stops_a_file_of_many_costly_bags() {
        let mut b = super::WorkBudget::default();
        for _ in 0..40 {
            b.spend(super::MAX_ITERATIONS).unwrap();
        }
        let e = b.spend(1).unwrap_err();
        assert!(
            e.to_string().contains("key-derivation iterations in all"),
            "{e}"
        );
    }

    use super::*;

    #[test]
    fn every_pbe_round_trips_and_a_wrong_password_fails() {
        let pw = Password::new("pässwörd€1");
        for pbe in [Pbe::Pbes2Aes256, Pbe::Sha1Tdes, Pbe::Sha1Rc2_40] {
            let (alg, ct) = encrypt(pbe, 1000, b"secret data", &pw).unwrap();
            assert_eq!(
                &decrypt(&alg, &ct, &pw, &mut WorkBudget::default()).unwrap()[..],
                b"secret data"
            );
            // A wrong password almost always breaks the padding; never the plaintext.
            if let Ok(p) = decrypt(
                &alg,
                &ct,
                &Password::new("other-pass"),
                &mut WorkBudget::default(),
            ) {
                assert_ne!(&p[..], b"secret data");
            }
        }
    }

    #[test]
    fn mac_round_trips() {
        let pw = Password::new("changeit");
        let m = make_mac(MacDigest::Sha1, 2048, &pw, b"data").unwrap();
        verify_mac(&m, &pw, b"data").unwrap();
        assert!(matches!(
            verify_mac(&m, &Password::new("nope"), b"data"),
            Err(Error::WrongPassword)
        ));
    }

    #[test]
    fn huge_iteration_counts_are_refused_before_work() {
        let pw = Password::new("changeit");
        let mut m = make_mac(MacDigest::Sha256, 1, &pw, b"d").unwrap();
        m.iterations = i32::MAX;
        assert!(matches!(
            verify_mac(&m, &pw, b"d"),
            Err(Error::Unsupported(_))
        ));
    }
}
