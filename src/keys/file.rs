//! Private key files as OpenSSL and Java tools write them, in and out.
//!
//! Read, PEM or DER, recognised by content:
//!
//! | form | PEM label | RFC |
//! |---|---|---|
//! | PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` | `PRIVATE KEY` | 5208, 5958 |
//! | PKCS#8 `EncryptedPrivateKeyInfo`: PBES2 (PBKDF2 with HMAC-SHA1/224/256/384/512 or scrypt; AES-128/192/256-CBC, AES-GCM, DES-EDE3-CBC), PKCS#12 PBE (3-key and 2-key 3DES, 128- and 40-bit RC2), `pbeWithMD5AndDES-CBC` | `ENCRYPTED PRIVATE KEY` | 5208, 8018, 7914, 7292 |
//! | PKCS#1 `RSAPrivateKey` | `RSA PRIVATE KEY` | 8017 |
//! | SEC1 `ECPrivateKey` (named curves) | `EC PRIVATE KEY` | 5915 |
//! | the two above with OpenSSL's `Proc-Type: 4,ENCRYPTED` / `DEK-Info` (AES-128/192/256-CBC, DES-EDE3-CBC; `EVP_BytesToKey` with MD5, one round) | | 1421 |
//!
//! Every key comes back as a [`PrivateKey`] (PKCS#8 DER in a wiped buffer),
//! whatever form it was read in; SEC1 keys are wrapped with `id-ecPublicKey`
//! and their curve, as `openssl pkcs8 -topk8` does. This module only
//! converts file forms to keys: [`super`] knows nothing of files.
//!
//! The decryption and encryption are [`crate::crypto`]'s, shared with
//! PKCS#12: the same iteration cap ([`MAX_ITERATIONS`], the JDK's
//! 5,000,000; OpenSSL writes 2,048, Java 10,000), the same scrypt bound
//! ([`MAX_SCRYPT_MEMORY`]), the same password bytes and the same errors.
//!
//! Written: PKCS#8, encrypted with PBES2 (PBKDF2-HMAC-SHA256,
//! [`EXPORT_ITERATIONS`] rounds, AES-256-CBC), which OpenSSL 3 and Java 17+
//! both read, or unencrypted.

use super::PrivateKey;
use super::oid_name;
use super::pkcs8::EcPrivateKey;
use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::password::Password;
use der::asn1::OctetString;
use der::{Decode, Encode};
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use std::fmt;
use zeroize::Zeroizing;

pub use crate::crypto::MAX_ITERATIONS;
pub use crate::crypto::pbes2::MAX_SCRYPT_MEMORY;

/// How errors name what they were reading.
const FORMAT: &str = "private key";

/// PBKDF2-HMAC-SHA256 rounds for keys we write: ten times Java's PKCS12
/// default, well under the caps of OpenSSL 3 and the JDK.
pub const EXPORT_ITERATIONS: u32 = 100_000;

fn unsupported(feature: impl Into<String>) -> Error {
    Error::UnsupportedFeature {
        format: FORMAT,
        feature: feature.into(),
    }
}

fn malformed(detail: impl Into<String>) -> Error {
    Error::malformed(FORMAT, detail)
}

// ---------------------------------------------------------------------------
// Key files
// ---------------------------------------------------------------------------

/// Which plain structure a legacy-encrypted PEM block holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plain {
    Pkcs8,
    Pkcs1,
    Sec1,
    /// OpenSSL's traditional `DSA PRIVATE KEY`.
    Dsa,
}

/// The key as found in the file, before any password is applied.
enum Source {
    Plain(Plain, Zeroizing<Vec<u8>>),
    Encrypted(Vec<u8>),
    Legacy {
        plain: Plain,
        cipher: String,
        iv: Vec<u8>,
        data: Vec<u8>,
    },
}

/// A private key file: its key (perhaps encrypted) and any certificates beside it.
pub struct KeyFile {
    source: Source,
    certificates: Vec<Certificate>,
}

impl fmt::Debug for KeyFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyFile")
            .field("encrypted", &self.is_encrypted())
            .field("certificates", &self.certificates.len())
            .finish()
    }
}

impl KeyFile {
    /// Finds the private key (exactly one) and the certificates in `data`,
    /// PEM or DER. Nothing is decrypted yet.
    pub fn parse(data: &[u8]) -> Result<KeyFile> {
        if crate::pem::is_pem(data) {
            Self::parse_pem(data)
        } else {
            Ok(KeyFile {
                source: Self::detect_der(data)?,
                certificates: Vec::new(),
            })
        }
    }

    fn parse_pem(data: &[u8]) -> Result<KeyFile> {
        let text = Zeroizing::new(String::from_utf8_lossy(data).into_owned());
        let mut source = None;
        let mut has_certificates = false;
        for block in crate::pem::decode_all(&text)? {
            let der = Zeroizing::new(block.der);
            let found = match block.label.as_str() {
                "PRIVATE KEY" => Some(Plain::Pkcs8),
                "RSA PRIVATE KEY" => Some(Plain::Pkcs1),
                "EC PRIVATE KEY" => Some(Plain::Sec1),
                "DSA PRIVATE KEY" => Some(Plain::Dsa),
                "ENCRYPTED PRIVATE KEY" => {
                    if source.is_some() {
                        return Err(more_than_one());
                    }
                    source = Some(Source::Encrypted(der.to_vec()));
                    continue;
                }
                "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" | "PKCS7" => {
                    has_certificates = true;
                    continue;
                }
                "OPENSSH PRIVATE KEY" => {
                    return Err(unsupported(
                        "OpenSSH private keys (convert with: ssh-keygen -p -m PKCS8 -f FILE)",
                    ));
                }
                "ENCRYPTED PRIVATE KEY INFO" | "ANY PRIVATE KEY" => {
                    return Err(unsupported(format!("PEM blocks labelled {}", block.label)));
                }
                _ => None,
            };
            let Some(plain) = found else { continue };
            if source.is_some() {
                return Err(more_than_one());
            }
            let encrypted = block
                .headers
                .iter()
                .any(|(k, v)| k.eq_ignore_ascii_case("Proc-Type") && v.contains("ENCRYPTED"));
            if !encrypted {
                source = Some(Source::Plain(plain, der));
                continue;
            }
            let dek = block
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("DEK-Info"))
                .map(|(_, v)| v.as_str())
                .ok_or_else(|| malformed("Proc-Type ENCRYPTED without a DEK-Info header"))?;
            let (cipher, iv_hex) = dek
                .split_once(',')
                .ok_or_else(|| malformed(format!("bad DEK-Info header: {dek}")))?;
            let iv = hex_decode(iv_hex.trim())
                .ok_or_else(|| malformed(format!("bad IV in DEK-Info header: {dek}")))?;
            source = Some(Source::Legacy {
                plain,
                cipher: cipher.trim().to_ascii_uppercase(),
                iv,
                data: der.to_vec(),
            });
        }
        let Some(source) = source else {
            return Err(Error::NoPrivateKey);
        };
        let certificates = if has_certificates {
            crate::cert::parse_certificates(data)?
        } else {
            Vec::new()
        };
        Ok(KeyFile {
            source,
            certificates,
        })
    }

    fn detect_der(der: &[u8]) -> Result<Source> {
        if EncryptedPrivateKeyInfo::from_der(der).is_ok() {
            return Ok(Source::Encrypted(der.to_vec()));
        }
        let plain = if pkcs8::PrivateKeyInfoRef::from_der(der).is_ok() {
            Plain::Pkcs8
        } else if pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(der).is_ok() {
            Plain::Pkcs1
        } else if EcPrivateKey::from_der(der).is_ok() {
            Plain::Sec1
        } else {
            return Err(Error::NotAPrivateKey);
        };
        Ok(Source::Plain(plain, Zeroizing::new(der.to_vec())))
    }

    /// True when a password is needed to read the key.
    pub fn is_encrypted(&self) -> bool {
        !matches!(self.source, Source::Plain(..))
    }

    /// How the key is protected, for messages: "PBES2 (...)" or None.
    pub fn encryption(&self) -> Option<String> {
        match &self.source {
            Source::Plain(..) => None,
            Source::Legacy { cipher, .. } => Some(format!("OpenSSL legacy PEM, {cipher}")),
            Source::Encrypted(der) => Some(
                EncryptedPrivateKeyInfo::from_der(der)
                    .map(|e| oid_name(&e.encryption_algorithm.oid))
                    .unwrap_or_else(|_| "encrypted PKCS#8".into()),
            ),
        }
    }

    /// The certificates that were in the file beside the key, in file order.
    pub fn certificates(&self) -> &[Certificate] {
        &self.certificates
    }

    /// The key as PKCS#8. An encrypted key needs `password`; a wrong one is
    /// [`Error::WrongPassword`], an algorithm we lack is [`Error::UnsupportedFeature`]
    /// naming it.
    pub fn decrypt(&self, password: Option<&Password>) -> Result<PrivateKey> {
        let (plain, der) = match &self.source {
            Source::Plain(plain, der) => {
                let key = plain_key(*plain, der)?;
                key.check_usable_by_jdk()?;
                return Ok(key);
            }
            Source::Encrypted(der) => (Plain::Pkcs8, decrypt_pkcs8(der, need(password)?)?),
            Source::Legacy {
                plain,
                cipher,
                iv,
                data,
            } => (
                *plain,
                crate::crypto::openssl_pem::decrypt(FORMAT, cipher, iv, data, need(password)?)?,
            ),
        };
        // Decryption "worked" but the result does not decode: the padding
        // happened to look right under a wrong key.
        let key = plain_key(plain, &der).map_err(|e| match e {
            Error::UnsupportedFeature { .. }
            | Error::UnsupportedAlgorithm { .. }
            | Error::NotUsableByJdk(_) => e,
            _ => Error::WrongPassword,
        })?;
        key.check_usable_by_jdk()?;
        Ok(key)
    }
}

fn more_than_one() -> Error {
    Error::TooMany {
        what: "private key in the file",
        max: 1,
    }
}

fn need(password: Option<&Password>) -> Result<&Password> {
    password.ok_or(Error::KeyPasswordNeeded)
}

fn plain_key(plain: Plain, der: &[u8]) -> Result<PrivateKey> {
    match plain {
        Plain::Pkcs8 => PrivateKey::from_pkcs8_der(der),
        Plain::Pkcs1 => PrivateKey::from_pkcs1_der(der),
        Plain::Sec1 => PrivateKey::from_sec1_der(der),
        Plain::Dsa => PrivateKey::from_openssl_dsa_der(der),
    }
}

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|p| u8::from_str_radix(p, 16).ok()))
        .collect()
}

// ---------------------------------------------------------------------------
// Decryption
// ---------------------------------------------------------------------------

fn decrypt_pkcs8(der: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let info = EncryptedPrivateKeyInfo::from_der(der)
        .map_err(|e| Error::malformed("encrypted PKCS#8 private key", e.to_string()))?;
    crate::crypto::decrypt(
        FORMAT,
        &info.encryption_algorithm,
        info.encrypted_data.as_bytes(),
        password,
        &mut crate::crypto::WorkBudget::default(),
    )
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// Encrypts PKCS#8 DER as `EncryptedPrivateKeyInfo` with PBES2:
/// PBKDF2-HMAC-SHA256 (`iterations` rounds, 16-byte random salt) and
/// AES-256-CBC (random IV), as `openssl pkcs8 -topk8 -v2 aes-256-cbc
/// -v2prf hmacWithSHA256` writes it. The password is used as UTF-8 bytes,
/// as OpenSSL and Java's PBKDF2 both do.
pub fn encrypt_pkcs8(pkcs8_der: &[u8], password: &Password, iterations: u32) -> Result<Vec<u8>> {
    crate::crypto::check_iterations(FORMAT, i64::from(iterations))?;
    let salt: [u8; 16] = rand::random();
    let (encryption_algorithm, ciphertext) =
        crate::crypto::pbes2::encrypt_aes256(iterations, &salt, pkcs8_der, password)?;
    let info = EncryptedPrivateKeyInfo {
        encryption_algorithm,
        encrypted_data: OctetString::new(ciphertext)?,
    };
    Ok(info.to_der()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyType;

    fn rsa_pkcs8() -> Zeroizing<Vec<u8>> {
        PrivateKey::generate(crate::keys::KeyAlgorithm::Rsa, 1024)
            .unwrap()
            .into_pkcs8_der()
    }

    #[test]
    fn encrypt_then_decrypt_round_trip_and_wrong_password() {
        let der = rsa_pkcs8();
        let pw = Password::new("s3cret-pass");
        let enc = encrypt_pkcs8(&der, &pw, 1000).unwrap();
        let pem = crate::pem::encode("ENCRYPTED PRIVATE KEY", &enc);
        let file = KeyFile::parse(pem.as_bytes()).unwrap();
        assert!(file.is_encrypted());
        let key = file.decrypt(Some(&pw)).unwrap();
        assert_eq!(key.pkcs8_der(), &der[..]);
        assert_eq!(key.key_type(), &KeyType::Rsa);
        assert!(matches!(
            file.decrypt(Some(&Password::new("wrong-pass"))),
            Err(Error::WrongPassword)
        ));
        assert!(matches!(file.decrypt(None), Err(Error::KeyPasswordNeeded)));
        // DER works too.
        let file = KeyFile::parse(&enc).unwrap();
        assert!(file.decrypt(Some(&pw)).is_ok());
    }

    #[test]
    fn iteration_cap() {
        let der = rsa_pkcs8();
        let pw = Password::new("x");
        assert!(matches!(
            encrypt_pkcs8(&der, &pw, MAX_ITERATIONS + 1),
            Err(Error::IterationLimit {
                format: "private key",
                ..
            })
        ));
    }

    #[test]
    fn pkcs1_is_wrapped_and_matches_its_public_key() {
        let der = rsa_pkcs8();
        let info = pkcs8::PrivateKeyInfoRef::from_der(&der).unwrap();
        let pkcs1 = info.private_key.as_bytes().to_vec();
        let file =
            KeyFile::parse(&crate::pem::encode("RSA PRIVATE KEY", &pkcs1).into_bytes()).unwrap();
        assert!(!file.is_encrypted());
        let key = file.decrypt(None).unwrap();
        assert_eq!(key.key_type(), &KeyType::Rsa);
        let k = PrivateKey::from_pkcs8_der_for_signing(&der).unwrap();
        assert_eq!(
            key.public_key_info().unwrap().unwrap(),
            k.public_key_der().unwrap()
        );
        assert!(!format!("{key:?}").contains("30 82"));
    }

    #[test]
    fn garbage_is_not_a_key() {
        assert!(KeyFile::parse(b"\x30\x03\x02\x01\x00").is_err());
        assert!(
            KeyFile::parse(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
                .is_err()
        );
        assert!(matches!(
            KeyFile::parse(
                b"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
            ),
            Err(Error::UnsupportedFeature { .. })
        ));
    }
}
