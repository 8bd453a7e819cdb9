//! The one password-based crypto layer: every format that turns a password
//! into a key comes here, so that they agree on the password's bytes, on how
//! much work a file may ask for, and on what a wrong password looks like.
//!
//! | module | what | used by |
//! |---|---|---|
//! | [`password`] | the password's bytes for each algorithm (BMPString with Java's surrogate pairs, UTF-8) | all below |
//! | [`pbes2`] | PBES2: PBKDF2 (every HMAC-SHA PRF) or scrypt; AES-CBC/GCM, 3DES | PKCS#12 bags, key files |
//! | [`pkcs12_pbe`] | the PKCS#12 KDF and its ciphers: 3DES (3- and 2-key), RC2-128/40, Twofish | PKCS#12 bags, key files, BKS, UBER |
//! | [`pbes1`] | `pbeWithMD5AndDES-CBC` | PKCS#12 (JDK `-importpass`), key files |
//! | [`openssl_pem`] | OpenSSL's legacy `DEK-Info` PEM encryption | key files |
//! | [`sun_jks`] | Sun's JKS KeyProtector (SHA-1 keystream and check) and the JKS/JCEKS store digest | JKS keys (also in JCEKS), JKS and JCEKS files |
//! | [`sun_pbe`] | Sun's PBEWithMD5AndTripleDES (MD5-chained key, 3DES-CBC) | JCEKS keys and sealed objects |
//! | [`mac`] | PKCS#12 MAC, PBMAC1, the BKS HMAC, constant-time comparison | PKCS#12, BKS, JKS/JCEKS digests |
//!
//! **One cap.** No derivation runs more than [`MAX_ITERATIONS`] (5,000,000)
//! iterations: the JDK's own ceiling (`MAX_ITERATION_COUNT` in
//! `sun.security.pkcs12.PKCS12KeyStore` and in both Sun `KeyProtector`s), so
//! that we refuse exactly what keytool refuses; RFC 8018's "10,000,000 for
//! especially critical keys", once the key files' cap, would open files the
//! JDK cannot. A count outside 1..=cap is [`Error::IterationLimit`], checked
//! before any work. One decode spends at most [`MAX_TOTAL_ITERATIONS`] in all
//! ([`WorkBudget`], [`Error::WorkLimit`]).
//!
//! **One password encoding.** Characters outside the Basic Multilingual
//! Plane go into the PKCS#12 KDF as UTF-16 surrogate pairs, as the JDK's
//! `PKCS12PBECipherCore`, BouncyCastle and OpenSSL 3 put them (see
//! [`password`]); they are no longer refused for key files.
//!
//! **One set of errors.** A wrong password is [`Error::WrongPassword`]
//! everywhere (bad padding, failed MAC); an algorithm we lack is
//! [`Error::UnsupportedAlgorithm`] naming it.

pub mod mac;
pub mod openssl_pem;
pub mod password;
pub mod pbes1;
pub mod pbes2;
pub mod pkcs12_pbe;
pub mod sun_jks;
pub mod sun_pbe;

use crate::error::{Error, Result};
use crate::password::Password;
use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use password::{Bmp, bmp};
use pkcs12_pbe::Cipher;
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

pub use mac::MacDigest;
pub use password::NULL_PASSWORD;

/// The most iterations one key derivation may ask for: the JDK's
/// `MAX_ITERATION_COUNT` (PKCS12KeyStore, KeyProtector), 5,000,000.
pub const MAX_ITERATIONS: u32 = 5_000_000;

/// What decoding one file may spend on key derivation in all: 200,000,000
/// iterations (about a minute here). A JDK store spends 10,000 per key and one
/// 10,000 for its certificates, so this allows some 20,000 keys, while a
/// hostile file of many bags at the per-operation ceiling cannot run for hours.
pub const MAX_TOTAL_ITERATIONS: u64 = 200_000_000;

/// The JDK's salt length for every PKCS#12 PBE and the MAC.
pub const SALT_LEN: usize = 20;

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
    pub fn spend(&mut self, format: &'static str, n: u64) -> Result<()> {
        self.left = self.left.checked_sub(n).ok_or(Error::WorkLimit {
            format,
            max: MAX_TOTAL_ITERATIONS,
        })?;
        Ok(())
    }
}

/// Checks an iteration count read from a file: 1..=[`MAX_ITERATIONS`], else
/// [`Error::IterationLimit`] naming `format`.
pub fn check_iterations(format: &'static str, n: i64) -> Result<u32> {
    match u32::try_from(n) {
        Ok(v) if (1..=MAX_ITERATIONS).contains(&v) => Ok(v),
        _ => Err(Error::IterationLimit {
            format,
            found: n,
            max: u64::from(MAX_ITERATIONS),
        }),
    }
}

/// Names for the algorithm OIDs a message may need to show, where the OID
/// database has none or a less familiar one (key types and curves are
/// [`crate::keys::oid_name`]'s).
const OID_NAMES: &[(&str, &str)] = &[
    ("1.2.840.113549.1.12.1.1", "pbeWithSHAAnd128BitRC4"),
    ("1.2.840.113549.1.12.1.2", "pbeWithSHAAnd40BitRC4"),
    ("1.2.840.113549.1.12.1.3", "pbeWithSHAAnd3-KeyTripleDES-CBC"),
    ("1.2.840.113549.1.12.1.4", "pbeWithSHAAnd2-KeyTripleDES-CBC"),
    ("1.2.840.113549.1.12.1.5", "pbeWithSHAAnd128BitRC2-CBC"),
    ("1.2.840.113549.1.12.1.6", "pbewithSHAAnd40BitRC2-CBC"),
    ("1.2.840.113549.1.5.1", "pbeWithMD2AndDES-CBC"),
    ("1.2.840.113549.1.5.3", "pbeWithMD5AndDES-CBC"),
    ("1.2.840.113549.1.5.4", "pbeWithMD2AndRC2-CBC"),
    ("1.2.840.113549.1.5.6", "pbeWithMD5AndRC2-CBC"),
    ("1.2.840.113549.1.5.10", "pbeWithSHA1AndDES-CBC"),
    ("1.2.840.113549.1.5.11", "pbeWithSHA1AndRC2-CBC"),
    ("1.2.840.113549.1.5.13", "PBES2"),
    ("1.2.840.113549.1.5.12", "PBKDF2"),
    ("1.3.6.1.4.1.11591.4.11", "scrypt"),
    ("2.16.840.1.101.3.4.1.2", "aes-128-cbc"),
    ("2.16.840.1.101.3.4.1.22", "aes-192-cbc"),
    ("2.16.840.1.101.3.4.1.42", "aes-256-cbc"),
    ("2.16.840.1.101.3.4.1.6", "aes-128-gcm"),
    ("2.16.840.1.101.3.4.1.26", "aes-192-gcm"),
    ("2.16.840.1.101.3.4.1.46", "aes-256-gcm"),
    ("1.2.840.113549.3.7", "des-ede3-cbc"),
    ("1.3.14.3.2.7", "des-cbc"),
    ("1.2.840.113549.3.2", "rc2-cbc"),
    ("1.2.392.200011.61.1.1.1.2", "camellia-128-cbc"),
    ("1.2.392.200011.61.1.1.1.3", "camellia-192-cbc"),
    ("1.2.392.200011.61.1.1.1.4", "camellia-256-cbc"),
    ("1.2.410.200004.1.4", "seed-cbc"),
    ("1.2.643.7.1.1.4.1", "hmacWithStreebog256"),
    ("1.2.840.113549.2.7", "hmacWithSHA1"),
    ("1.2.840.113549.2.8", "hmacWithSHA224"),
    ("1.2.840.113549.2.9", "hmacWithSHA256"),
    ("1.2.840.113549.2.10", "hmacWithSHA384"),
    ("1.2.840.113549.2.11", "hmacWithSHA512"),
    ("1.2.840.113549.2.12", "hmacWithSHA512-224"),
    ("1.2.840.113549.2.13", "hmacWithSHA512-256"),
];

/// A readable name for `oid`: ours, else the OID database's, else the dotted form.
pub fn oid_name(oid: &ObjectIdentifier) -> String {
    let dotted = oid.to_string();
    if let Some((_, n)) = OID_NAMES.iter().find(|(o, _)| *o == dotted) {
        return format!("{n} ({dotted})");
    }
    match const_oid::db::DB.by_oid(oid) {
        Some(n) => format!("{n} ({dotted})"),
        None => dotted,
    }
}

/// A PBE we write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pbe {
    /// PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC.
    Pbes2Aes256,
    /// pbeWithSHAAnd3-KeyTripleDES-CBC.
    Sha1Tdes,
    /// pbeWithSHAAnd40BitRC2-CBC.
    Sha1Rc2_40,
}

/// Decrypts `data` encrypted under `password` with the password-based
/// algorithm `alg`: PBES2, PKCS#12 PBE or `pbeWithMD5AndDES-CBC`. `format`
/// names the container in errors. A wrong password is
/// [`Error::WrongPassword`]; an algorithm we lack,
/// [`Error::UnsupportedAlgorithm`]; too many iterations,
/// [`Error::IterationLimit`] or [`Error::WorkLimit`], before any work.
pub fn decrypt(
    format: &'static str,
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
    password: &Password,
    budget: &mut WorkBudget,
) -> Result<Zeroizing<Vec<u8>>> {
    let known = alg.oid == pkcs5::pbes2::PBES2_OID
        || alg.oid == pkcs5::pbes1::PBE_WITH_MD5_AND_DES_CBC_OID
        || Cipher::from_oid(alg.oid).is_some();
    if !known {
        return Err(Error::UnsupportedAlgorithm {
            format,
            what: format!("encryption algorithm {}", oid_name(&alg.oid)),
        });
    }
    let params = alg.parameters.as_ref().ok_or_else(|| {
        Error::malformed(format, format!("{} without parameters", oid_name(&alg.oid)))
    })?;
    if alg.oid == pkcs5::pbes2::PBES2_OID {
        return pbes2::decrypt(format, params, data, password, budget);
    }
    // pkcs-12PbeParams (RFC 7292 Appendix C) and PKCS#5's PBEParameter
    // have the same shape: SEQUENCE { salt OCTET STRING, iterations INTEGER }.
    let p = pkcs12::pbe_params::Pkcs12PbeParams::from_der(&params.to_der()?)
        .map_err(|e| Error::malformed(format, format!("PBE parameters: {e}")))?;
    let n = check_iterations(format, i64::from(p.iterations))?;
    let salt = p.salt.as_bytes();
    match Cipher::from_oid(alg.oid) {
        Some(cipher) => {
            // Key and IV are two derivations.
            budget.spend(format, u64::from(n) * 2)?;
            pkcs12_pbe::decrypt(cipher, &bmp(password, Bmp::Jdk), salt, p.iterations, data)
        }
        None => {
            budget.spend(format, u64::from(n))?;
            pbes1::decrypt_md5_des(format, password, salt, n, data)
        }
    }
}

/// Encrypts `data` with `pbe` under `password`, a fresh 20-byte salt (and
/// IV); returns the algorithm identifier and the ciphertext.
pub fn encrypt(
    pbe: Pbe,
    iterations: u32,
    data: &[u8],
    password: &Password,
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>)> {
    let salt: [u8; SALT_LEN] = rand::random();
    let cipher = match pbe {
        Pbe::Pbes2Aes256 => return pbes2::encrypt_aes256(iterations, &salt, data, password),
        Pbe::Sha1Tdes => Cipher::Tdes3,
        Pbe::Sha1Rc2_40 => Cipher::Rc2_40,
    };
    let iterations = i32::try_from(iterations).map_err(|_| Error::IterationLimit {
        format: "PKCS#12 PBE",
        found: i64::from(iterations),
        max: i32::MAX as u64,
    })?;
    let ct = pkcs12_pbe::encrypt(cipher, &bmp(password, Bmp::Jdk), &salt, iterations, data)?;
    let params = pkcs12::pbe_params::Pkcs12PbeParams {
        salt: OctetString::new(salt.to_vec())?,
        iterations,
    };
    let oid = cipher.oid().ok_or(Error::CryptoFailed {
        operation: "PBE without an OID",
    })?;
    let alg = AlgorithmIdentifierOwned {
        oid,
        parameters: Some(Any::from_der(&params.to_der()?)?),
    };
    Ok((alg, ct))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_work_budget_stops_a_file_of_many_costly_bags() {
        let mut b = WorkBudget::default();
        for _ in 0..40 {
            b.spend("PKCS#12", u64::from(MAX_ITERATIONS)).unwrap();
        }
        assert!(matches!(
            b.spend("PKCS#12", 1),
            Err(Error::WorkLimit {
                format: "PKCS#12",
                max: MAX_TOTAL_ITERATIONS
            })
        ));
    }

    #[test]
    fn iteration_counts_outside_one_to_the_cap_are_refused() {
        assert_eq!(check_iterations("x", 1).unwrap(), 1);
        assert_eq!(check_iterations("x", 5_000_000).unwrap(), 5_000_000);
        for n in [0, -1, 5_000_001, i64::MAX] {
            assert!(matches!(
                check_iterations("x", n),
                Err(Error::IterationLimit { format: "x", found, max: 5_000_000 }) if found == n
            ));
        }
    }

    #[test]
    fn every_pbe_round_trips_and_a_wrong_password_fails() {
        let pw = Password::new("pässwörd€1\u{1F511}");
        for pbe in [Pbe::Pbes2Aes256, Pbe::Sha1Tdes, Pbe::Sha1Rc2_40] {
            let (alg, ct) = encrypt(pbe, 1000, b"secret data", &pw).unwrap();
            assert_eq!(
                &decrypt("t", &alg, &ct, &pw, &mut WorkBudget::default()).unwrap()[..],
                b"secret data"
            );
            // A wrong password almost always breaks the padding; never the plaintext.
            if let Ok(p) = decrypt(
                "t",
                &alg,
                &ct,
                &Password::new("other-pass"),
                &mut WorkBudget::default(),
            ) {
                assert_ne!(&p[..], b"secret data");
            }
        }
    }

    /// One `EncryptedPrivateKeyInfo`, read as a PKCS#12 shrouded key and as
    /// a key file: the same fault is the same typed error through both.
    #[test]
    fn the_same_fault_is_the_same_error_through_pkcs12_and_a_key_file() {
        use crate::keys::file::KeyFile;
        use crate::pkcs12::decrypt_shrouded_key;
        let pkcs8 = crate::keys::PrivateKey::generate(crate::keys::KeyAlgorithm::Rsa, 1024)
            .unwrap()
            .into_pkcs8_der();
        let pw = Password::new("right-pass");
        let wrong = Password::new("wrong-pass");
        let epki = crate::keys::file::encrypt_pkcs8(&pkcs8, &pw, 1000).unwrap();
        let file = KeyFile::parse(&epki).unwrap();
        assert_eq!(&decrypt_shrouded_key(&epki, &pw).unwrap()[..], &pkcs8[..]);
        assert_eq!(file.decrypt(Some(&pw)).unwrap().pkcs8_der(), &pkcs8[..]);
        assert!(matches!(
            decrypt_shrouded_key(&epki, &wrong),
            Err(Error::WrongPassword)
        ));
        assert!(matches!(
            file.decrypt(Some(&wrong)),
            Err(Error::WrongPassword)
        ));

        // PBES2 parameters asking for one iteration past the cap (nothing is derived).
        let params = pkcs5::pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(
            MAX_ITERATIONS + 1,
            &[1; 16],
            [2; 16],
        )
        .unwrap();
        let epki = pkcs12::pbe_params::EncryptedPrivateKeyInfo {
            encryption_algorithm: AlgorithmIdentifierOwned {
                oid: pkcs5::pbes2::PBES2_OID,
                parameters: Some(Any::encode_from(&params).unwrap()),
            },
            encrypted_data: OctetString::new(vec![0; 32]).unwrap(),
        }
        .to_der()
        .unwrap();
        let over = |e: Result<_>, format: &str| {
            assert!(
                matches!(
                    &e,
                    Err(Error::IterationLimit { format: f, found: 5_000_001, max: 5_000_000 })
                        if *f == format
                ),
                "{:?}",
                e.err()
            );
        };
        over(decrypt_shrouded_key(&epki, &pw).map(|_| ()), "PKCS#12");
        over(
            KeyFile::parse(&epki)
                .unwrap()
                .decrypt(Some(&pw))
                .map(|_| ()),
            "private key",
        );
    }

    #[test]
    fn unknown_algorithms_are_named() {
        let alg = AlgorithmIdentifierOwned {
            oid: ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.1"),
            parameters: None,
        };
        assert!(matches!(
            decrypt("t", &alg, b"x", &Password::new("p"), &mut WorkBudget::default()),
            Err(Error::UnsupportedAlgorithm { what, .. }) if what.contains("pbeWithSHAAnd128BitRC4")
        ));
    }
}
