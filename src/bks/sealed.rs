//! Keys in BKS and UBER: the key record, and sealed (password-protected) keys.
//!
//! A key record, as `BcKeyStoreSpi.encodeKey` writes it:
//!
//! ```text
//! u8 kind (0 private, 1 public, 2 secret) | UTF format ("PKCS#8", "X.509", "RAW")
//! | UTF algorithm | i32 len, encoded key
//! ```
//!
//! A sealed entry (type 4) holds `i32 salt length | salt | i32 iterations`
//! followed by the key record encrypted with `PBEWithSHAAnd3-KeyTripleDES-CBC`
//! under the entry's password.

use super::FORMAT;
use super::pbe;
use crate::error::{Error, Result};
use crate::jks::common::{Reader, write_len, write_modified_utf8};
use crate::password::Password;
use zeroize::Zeroizing;

/// Key kinds of a key record.
pub(crate) const KIND_PRIVATE: u8 = 0;
pub(crate) const KIND_PUBLIC: u8 = 1;
pub(crate) const KIND_SECRET: u8 = 2;

/// A key as BouncyCastle encodes it.
#[derive(Clone)]
pub(crate) struct KeyRecord {
    /// 0 private, 1 public, 2 secret.
    pub kind: u8,
    /// `Key.getFormat()`.
    pub format: String,
    /// `Key.getAlgorithm()`.
    pub algorithm: String,
    /// `Key.getEncoded()`, wiped on drop.
    pub encoded: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for KeyRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "KeyRecord({}, {}, {}, <redacted>)",
            self.kind, self.format, self.algorithm
        )
    }
}

impl KeyRecord {
    /// A private key in PKCS#8.
    pub fn private(pkcs8: &[u8]) -> Self {
        KeyRecord {
            kind: KIND_PRIVATE,
            format: "PKCS#8".into(),
            algorithm: algorithm_of_pkcs8(pkcs8),
            encoded: Zeroizing::new(pkcs8.to_vec()),
        }
    }

    /// A secret key.
    pub fn secret(algorithm: &str, bytes: &[u8]) -> Self {
        KeyRecord {
            kind: KIND_SECRET,
            format: "RAW".into(),
            algorithm: algorithm.into(),
            encoded: Zeroizing::new(bytes.to_vec()),
        }
    }

    /// True for a PKCS#8 private key.
    pub fn is_private_pkcs8(&self) -> bool {
        self.kind == KIND_PRIVATE && matches!(self.format.as_str(), "PKCS#8" | "PKCS8")
    }

    /// True for a raw secret key. BouncyCastle returns any "RAW" key as a
    /// `SecretKeySpec`, whatever its kind byte says.
    pub fn is_raw_secret(&self) -> bool {
        self.format == "RAW"
    }

    /// Reads a key record.
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let [kind] = r.array::<1>("key type")?;
        if kind > KIND_SECRET {
            return Err(r.malformed(format!("unknown key type {kind}")));
        }
        let format = r.utf("key format")?;
        let algorithm = r.utf("key algorithm")?;
        let encoded = Zeroizing::new(r.length_prefixed("key")?.to_vec());
        if !matches!(
            format.as_str(),
            "PKCS#8" | "PKCS8" | "X.509" | "X509" | "RAW"
        ) {
            return Err(Error::UnsupportedFeature {
                format: FORMAT,
                feature: format!("key in format {format:?}"),
            });
        }
        Ok(KeyRecord {
            kind,
            format,
            algorithm,
            encoded,
        })
    }

    /// Appends the record.
    pub fn write(&self, out: &mut Vec<u8>) -> Result<()> {
        out.push(self.kind);
        write_modified_utf8(out, &self.format, "key format", FORMAT)?;
        write_modified_utf8(out, &self.algorithm, "key algorithm", FORMAT)?;
        write_len(out, self.encoded.len(), "key", FORMAT)?;
        out.extend_from_slice(&self.encoded);
        Ok(())
    }
}

/// Java's name of a PKCS#8 key's algorithm, as `Key.getAlgorithm()` gives
/// it for the JDK's and BouncyCastle's keys (BouncyCastle reads the key by
/// the OID inside, not by this name).
fn algorithm_of_pkcs8(pkcs8: &[u8]) -> String {
    match pkcs8::PrivateKeyInfoRef::try_from(pkcs8) {
        Ok(info) => crate::text::algorithm_name(&info.algorithm.oid.to_string()),
        Err(_) => "UNKNOWN".into(),
    }
}

/// The parts of a sealed entry, checked without the password.
pub(crate) struct Sealed<'a> {
    salt: &'a [u8],
    iterations: i32,
    ciphertext: &'a [u8],
}

/// Splits a sealed entry; every length is checked against the bytes there are.
pub(crate) fn parse(blob: &[u8]) -> Result<Sealed<'_>> {
    let mut r = Reader::new(blob, FORMAT);
    let salt = r.length_prefixed("sealed key salt")?;
    if salt.is_empty() || salt.len() > pbe::MAX_SALT_LEN {
        return Err(r.malformed(format!("sealed key salt of {} bytes", salt.len())));
    }
    let iterations = pbe::check_iterations(r.i32("iteration count")?, FORMAT, "sealed key")?;
    let ciphertext = r.take(r.remaining(), "sealed key")?;
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(8) {
        return Err(Error::malformed(
            FORMAT,
            format!(
                "sealed key of {} bytes is not whole 3DES blocks",
                ciphertext.len()
            ),
        ));
    }
    Ok(Sealed {
        salt,
        iterations,
        ciphertext,
    })
}

/// Decrypts a sealed entry with `password`: a wrong one is
/// [`Error::WrongPassword`] (bad padding or a record that does not parse).
pub(crate) fn unseal(blob: &[u8], password: &Password) -> Result<KeyRecord> {
    let s = parse(blob)?;
    let plain = pbe::tdes_decrypt(password, s.salt, s.iterations, s.ciphertext)?;
    let mut r = Reader::new(&plain, FORMAT);
    // A wrong password passes the padding check one time in 256; what
    // follows then does not parse as a key record.
    KeyRecord::read(&mut r).map_err(|_| Error::WrongPassword)
}

/// Seals `key` under `password` with a fresh salt, as BouncyCastle does.
pub(crate) fn seal(key: &KeyRecord, password: &Password) -> Result<Vec<u8>> {
    let (salt, iterations) = pbe::fresh_params();
    let mut plain = Zeroizing::new(Vec::with_capacity(key.encoded.len() + 64));
    key.write(&mut plain)?;
    let ct = pbe::tdes_encrypt(password, &salt, iterations, &plain)?;
    let mut out = Vec::with_capacity(ct.len() + 28);
    write_len(&mut out, salt.len(), "salt", FORMAT)?;
    out.extend_from_slice(&salt);
    out.extend_from_slice(&iterations.to_be_bytes());
    out.extend_from_slice(&ct);
    Ok(out)
}

/// The private key of a sealed entry as PKCS#8.
pub(crate) fn unseal_private(blob: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let k = unseal(blob, password)?;
    if !k.is_private_pkcs8() {
        return Err(Error::UnsupportedFeature {
            format: FORMAT,
            feature: format!(
                "entry holding a {} key in {} form, not a PKCS#8 private key",
                kind_name(k.kind),
                k.format
            ),
        });
    }
    Ok(k.encoded)
}

/// The secret key of a sealed entry: algorithm and bytes.
pub(crate) fn unseal_secret(
    blob: &[u8],
    password: &Password,
) -> Result<crate::keystore::SecretKey> {
    let k = unseal(blob, password)?;
    if !k.is_raw_secret() {
        return Err(Error::UnsupportedFeature {
            format: FORMAT,
            feature: format!(
                "entry without a certificate holding a {} key in {} form (rkeytool reads only secret keys there)",
                kind_name(k.kind),
                k.format
            ),
        });
    }
    Ok(crate::keystore::SecretKey {
        algorithm: k.algorithm,
        bytes: k.encoded,
    })
}

fn kind_name(kind: u8) -> &'static str {
    match kind {
        KIND_PRIVATE => "private",
        KIND_PUBLIC => "public",
        _ => "secret",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_then_unseal() {
        let k = KeyRecord::secret("AES", &[7u8; 16]);
        let blob = seal(&k, &Password::new("pässwörd")).unwrap();
        let back = unseal_secret(&blob, &Password::new("pässwörd")).unwrap();
        assert_eq!(back.algorithm, "AES");
        assert_eq!(&back.bytes[..], &[7u8; 16]);
        assert!(matches!(
            unseal(&blob, &Password::new("wrong")),
            Err(Error::WrongPassword)
        ));
        assert!(matches!(
            unseal_private(&blob, &Password::new("pässwörd")),
            Err(Error::UnsupportedFeature { .. })
        ));
    }

    #[test]
    fn hostile_sealed_blobs_are_refused_before_work() {
        let mut huge_iter = 20i32.to_be_bytes().to_vec();
        huge_iter.extend([1u8; 20]);
        huge_iter.extend(i32::MAX.to_be_bytes());
        huge_iter.extend([0u8; 8]);
        assert!(matches!(
            parse(&huge_iter),
            Err(Error::IterationLimit { .. })
        ));
        let mut long_salt = i32::MAX.to_be_bytes().to_vec();
        long_salt.extend([0u8; 16]);
        assert!(matches!(parse(&long_salt), Err(Error::Malformed { .. })));
    }
}
