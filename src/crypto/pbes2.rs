//! PBES2 (RFC 8018 §6.2): PBKDF2 (or scrypt, RFC 7914) keying a block
//! cipher, as OpenSSL 3 and JDK 17+ write PKCS#12 bags and as OpenSSL
//! writes `ENCRYPTED PRIVATE KEY` files.
//!
//! Read: PBKDF2 with HMAC-SHA1, -SHA224, -SHA256, -SHA384 or -SHA512, or
//! scrypt; AES-128/192/256-CBC, AES-128/256-GCM or DES-EDE3-CBC. Written:
//! PBKDF2-HMAC-SHA256 with AES-256-CBC. The password is its UTF-8 bytes
//! ([`super::password::utf8`]), as Java's `PBKDF2KeyImpl` and OpenSSL take it.
//!
//! The parameters are first read loosely ([`Pbkdf2Outline`], [`ScryptOutline`])
//! so that an algorithm we lack is refused by name and a costly one before
//! any work; `pkcs5` then decrypts.

use super::{WorkBudget, check_iterations, oid_name};
use crate::error::{Error, Result};
use crate::password::Password;
use const_oid::db::rfc6268;
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Any, Sequence};
use pkcs5::pbes2;
use pkcs12::pbe_params::Pbes2Params;
use spki::{AlgorithmIdentifierOwned, AlgorithmIdentifierRef};
use zeroize::Zeroizing;

/// Most memory scrypt may use (128 · N · r · p bytes): 256 MiB. OpenSSL's
/// default N=16384, r=8 needs 16 MiB.
pub const MAX_SCRYPT_MEMORY: u64 = 256 * 1024 * 1024;

/// RFC 8018 Appendix A.2, read loosely: the PRF may be one `pkcs5` lacks,
/// and is then named in the refusal; `pkcs12::pbe_params::Pbkdf2Params`
/// cannot read the PRF's DEFAULT (hmacWithSHA1, which OpenSSL omits).
///
/// ```text
/// PBKDF2-params ::= SEQUENCE {
///   salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier },
///   iterationCount INTEGER (1..MAX),
///   keyLength INTEGER (1..MAX) OPTIONAL,
///   prf AlgorithmIdentifier {{PBKDF2-PRFs}} DEFAULT algid-hmacWithSHA1 }
/// ```
#[derive(Sequence)]
pub struct Pbkdf2Outline<'a> {
    /// The salt (or its source).
    pub salt: AnyRef<'a>,
    /// The iteration count, as read (checked before use).
    pub iteration_count: u64,
    /// The key length, when given.
    pub key_length: Option<u32>,
    /// The PRF; absent means HMAC-SHA1.
    pub prf: Option<AlgorithmIdentifierRef<'a>>,
}

/// RFC 7914 §7.1, read to bound scrypt's memory before `pkcs5` runs it:
///
/// ```text
/// scrypt-params ::= SEQUENCE {
///   salt OCTET STRING,
///   costParameter INTEGER (1..MAX),
///   blockSize INTEGER (1..MAX),
///   parallelizationParameter INTEGER (1..MAX),
///   keyLength INTEGER (1..MAX) OPTIONAL }
/// ```
#[derive(Sequence)]
pub struct ScryptOutline<'a> {
    /// The salt.
    pub salt: &'a OctetStringRef,
    /// N.
    pub cost: u64,
    /// r.
    pub block_size: u64,
    /// p.
    pub parallelization: u64,
    /// The key length, when given.
    pub key_length: Option<u32>,
}

/// A PBKDF2 pseudo-random function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prf {
    /// HMAC-SHA1 (the default when none is named).
    Sha1,
    /// HMAC-SHA224.
    Sha224,
    /// HMAC-SHA256.
    Sha256,
    /// HMAC-SHA384.
    Sha384,
    /// HMAC-SHA512.
    Sha512,
}

impl Prf {
    /// The PRF an `hmacWithSHA…` OID names.
    pub fn from_oid(oid: ObjectIdentifier) -> Option<Prf> {
        Some(match oid {
            pbes2::HMAC_WITH_SHA1_OID => Prf::Sha1,
            rfc6268::ID_HMAC_WITH_SHA_224 => Prf::Sha224,
            rfc6268::ID_HMAC_WITH_SHA_256 => Prf::Sha256,
            rfc6268::ID_HMAC_WITH_SHA_384 => Prf::Sha384,
            rfc6268::ID_HMAC_WITH_SHA_512 => Prf::Sha512,
            _ => return None,
        })
    }

    /// Its `hmacWithSHA…` OID.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Prf::Sha1 => pbes2::HMAC_WITH_SHA1_OID,
            Prf::Sha224 => rfc6268::ID_HMAC_WITH_SHA_224,
            Prf::Sha256 => rfc6268::ID_HMAC_WITH_SHA_256,
            Prf::Sha384 => rfc6268::ID_HMAC_WITH_SHA_384,
            Prf::Sha512 => rfc6268::ID_HMAC_WITH_SHA_512,
        }
    }
}

/// PBKDF2 (RFC 8018 §5.2) with `prf`, filling `out`. The caller has
/// checked `iterations` ([`super::check_iterations`]).
pub fn pbkdf2(prf: Prf, password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
    use pbkdf2::pbkdf2_hmac;
    match prf {
        Prf::Sha1 => pbkdf2_hmac::<sha1::Sha1>(password, salt, iterations, out),
        Prf::Sha224 => pbkdf2_hmac::<sha2::Sha224>(password, salt, iterations, out),
        Prf::Sha256 => pbkdf2_hmac::<sha2::Sha256>(password, salt, iterations, out),
        Prf::Sha384 => pbkdf2_hmac::<sha2::Sha384>(password, salt, iterations, out),
        Prf::Sha512 => pbkdf2_hmac::<sha2::Sha512>(password, salt, iterations, out),
    }
}

/// The ciphers `pkcs5` decrypts for us.
const KNOWN_CIPHERS: [ObjectIdentifier; 6] = [
    pbes2::AES_128_CBC_OID,
    pbes2::AES_192_CBC_OID,
    pbes2::AES_256_CBC_OID,
    pbes2::AES_128_GCM_OID,
    pbes2::AES_256_GCM_OID,
    pbes2::DES_EDE3_CBC_OID,
];

/// Decrypts PBES2 `data` whose PBES2-params are `params`, after checking
/// the algorithms and the cost. A wrong password is [`Error::WrongPassword`].
pub fn decrypt(
    format: &'static str,
    params: &Any,
    data: &[u8],
    password: &Password,
    budget: &mut WorkBudget,
) -> Result<Zeroizing<Vec<u8>>> {
    let malformed = |what: &str, e: der::Error| Error::malformed(format, format!("{what}: {e}"));
    let outline: Pbes2Params = params
        .decode_as()
        .map_err(|e| malformed("PBES2 parameters", e))?;
    let unsupported = |what: String| Error::UnsupportedAlgorithm { format, what };
    let enc = outline.encryption.oid;
    if !KNOWN_CIPHERS.contains(&enc) {
        return Err(unsupported(format!("PBES2 cipher {}", oid_name(&enc))));
    }
    let kdf = &outline.kdf;
    let kdf_params = kdf
        .parameters
        .as_ref()
        .ok_or_else(|| Error::malformed(format, "PBES2 key derivation without parameters"))?;
    if kdf.oid == pbes2::PBKDF2_OID {
        let p: Pbkdf2Outline<'_> = kdf_params
            .decode_as()
            .map_err(|e| malformed("PBKDF2 parameters", e))?;
        if let Some(prf) = p.prf
            && Prf::from_oid(prf.oid).is_none()
        {
            return Err(unsupported(format!("PBKDF2 with {}", oid_name(&prf.oid))));
        }
        let n = check_iterations(format, i64::try_from(p.iteration_count).unwrap_or(i64::MAX))?;
        budget.spend(format, u64::from(n))?;
    } else if kdf.oid == pbes2::SCRYPT_OID {
        let p: ScryptOutline<'_> = kdf_params
            .decode_as()
            .map_err(|e| malformed("scrypt parameters", e))?;
        let work = p
            .cost
            .saturating_mul(p.block_size)
            .saturating_mul(p.parallelization.max(1));
        let memory = work.saturating_mul(128);
        if memory > MAX_SCRYPT_MEMORY {
            return Err(unsupported(format!(
                "scrypt parameters N={} r={} p={}: they need {} MiB; the limit is {} MiB",
                p.cost,
                p.block_size,
                p.parallelization,
                memory / (1024 * 1024),
                MAX_SCRYPT_MEMORY / (1024 * 1024)
            )));
        }
        // About one PBKDF2 iteration's work per N·r·p.
        budget.spend(format, work)?;
    } else {
        return Err(unsupported(format!(
            "PBES2 key derivation {}",
            oid_name(&kdf.oid)
        )));
    }
    let parsed = pbes2::Parameters::try_from(AnyRef::from(params))
        .map_err(|e| Error::malformed(format, format!("PBES2 parameters: {e}")))?;
    let plain = parsed
        .decrypt(super::password::utf8(password), data)
        .map_err(|e| match e {
            pkcs5::Error::DecryptFailed => Error::WrongPassword,
            pkcs5::Error::UnsupportedAlgorithm { oid } => {
                unsupported(format!("PBES2 algorithm {}", oid_name(&oid)))
            }
            other => Error::malformed(format, other.to_string()),
        })?;
    Ok(Zeroizing::new(plain))
}

/// Encrypts `data` with PBES2: PBKDF2-HMAC-SHA256 over `salt` and
/// `iterations`, AES-256-CBC with a fresh IV. Returns the algorithm
/// identifier and the ciphertext.
pub fn encrypt_aes256(
    iterations: u32,
    salt: &[u8],
    data: &[u8],
    password: &Password,
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>)> {
    let iv: [u8; 16] = rand::random();
    let p = pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(iterations, salt, iv).map_err(
        |_| Error::CryptoFailed {
            operation: "PBES2 parameters",
        },
    )?;
    let ct = p
        .encrypt(super::password::utf8(password), data)
        .map_err(|_| Error::CryptoFailed {
            operation: "PBES2 encryption",
        })?;
    let alg = AlgorithmIdentifierOwned {
        oid: pbes2::PBES2_OID,
        parameters: Some(Any::encode_from(&p)?),
    };
    Ok((alg, ct))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// RFC 6070 §2, PBKDF2-HMAC-SHA1 test vectors (the 16,777,216-iteration
    /// one is left out: minutes in a debug build, and over our cap).
    #[test]
    fn rfc6070_pbkdf2_hmac_sha1() {
        let cases: [(&[u8], &[u8], u32, &str); 4] = [
            (
                b"password",
                b"salt",
                1,
                "0c60c80f961f0e71f3a9b524af6012062fe037a6",
            ),
            (
                b"password",
                b"salt",
                2,
                "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
            ),
            (
                b"password",
                b"salt",
                4096,
                "4b007901b765489abead49d926f721d065a429c1",
            ),
            (
                b"passwordPASSWORDpassword",
                b"saltSALTsaltSALTsaltSALTsaltSALTsalt",
                4096,
                "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038",
            ),
        ];
        for (pw, salt, n, want) in cases {
            let want = hex(want);
            let mut out = vec![0; want.len()];
            pbkdf2(Prf::Sha1, pw, salt, n, &mut out);
            assert_eq!(out, want, "{n}");
        }
        // "pass\0word" / "sa\0lt", 4096 iterations, 16 bytes.
        let mut out = [0; 16];
        pbkdf2(Prf::Sha1, b"pass\0word", b"sa\0lt", 4096, &mut out);
        assert_eq!(&out[..], &hex("56fa6aa75548099dcc37d7f03425e0c3")[..]);
    }

    /// RFC 7914 §11, PBKDF2-HMAC-SHA256 test vectors.
    #[test]
    fn rfc7914_pbkdf2_hmac_sha256() {
        let mut out = [0; 64];
        pbkdf2(Prf::Sha256, b"passwd", b"salt", 1, &mut out);
        assert_eq!(
            &out[..],
            &hex("55 ac 04 6e 56 e3 08 9f ec 16 91 c2 25 44 b6 05
                  f9 41 85 21 6d de 04 65 e6 8b 9d 57 c2 0d ac bc
                  49 ca 9c cc f1 79 b6 45 99 16 64 b3 9d 77 ef 31
                  7c 71 b8 45 b1 e3 0b d5 09 11 20 41 d3 a1 97 83")[..]
        );
        pbkdf2(Prf::Sha256, b"Password", b"NaCl", 80000, &mut out);
        assert_eq!(
            &out[..],
            &hex("4d dc d8 f6 0b 98 be 21 83 0c ee 5e f2 27 01 f9
                  64 1a 44 18 d0 4c 04 14 ae ff 08 87 6b 34 ab 56
                  a1 d4 25 a1 22 58 33 54 9a db 84 1b 51 c9 b3 17
                  6a 27 2b de bb a1 d0 78 47 8f 62 b3 97 f3 3c 8d")[..]
        );
    }

    #[test]
    fn round_trip_wrong_password_and_named_refusals() {
        let pw = Password::new("pässwörd\u{1F511}");
        let (alg, ct) = encrypt_aes256(1000, &[3; 16], b"secret", &pw).unwrap();
        let params = alg.parameters.as_ref().unwrap();
        let mut budget = WorkBudget::default();
        assert_eq!(
            &decrypt("test", params, &ct, &pw, &mut budget).unwrap()[..],
            b"secret"
        );
        // PBES2 with a CBC cipher: a wrong password almost always breaks the
        // padding; when it does not, the plaintext is garbage.
        match decrypt("test", params, &ct, &Password::new("wrong"), &mut budget) {
            Err(Error::WrongPassword) => {}
            Ok(p) => assert_ne!(&p[..], b"secret"),
            Err(e) => panic!("{e}"),
        }
    }
}
