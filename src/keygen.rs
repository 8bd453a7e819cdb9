//! Key pairs: generation, loading from PKCS#8, signing, and keytool's signature-algorithm names.

use crate::error::{Error, Result};
use der::asn1::ObjectIdentifier;
use der::{Any, Decode};
use pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::RsaPrivateKey;
use rsa::traits::PublicKeyParts;
use spki::AlgorithmIdentifierOwned;
use std::fmt;
use zeroize::Zeroizing;

/// rsaEncryption (PKCS#1).
pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// A key algorithm keytool's `-keyalg` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// RSA.
    Rsa,
}

impl KeyAlgorithm {
    /// Parses a `-keyalg` value, case-insensitively.
    pub fn from_name(name: &str) -> Result<Self> {
        match name.to_ascii_uppercase().as_str() {
            "RSA" => Ok(KeyAlgorithm::Rsa),
            _ => Err(Error::Unsupported(format!("key algorithm {name}"))),
        }
    }

    /// keytool's default key size for the algorithm.
    pub fn default_size(self) -> u32 {
        match self {
            KeyAlgorithm::Rsa => 2048,
        }
    }

    /// keytool's name.
    pub fn name(self) -> &'static str {
        match self {
            KeyAlgorithm::Rsa => "RSA",
        }
    }
}

/// A signature algorithm as keytool names it (`-sigalg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// sha1WithRSAEncryption: weak, for old peers only (keytool warns).
    Sha1WithRsa,
    /// sha256WithRSAEncryption.
    Sha256WithRsa,
    /// sha384WithRSAEncryption.
    Sha384WithRsa,
    /// sha512WithRSAEncryption.
    Sha512WithRsa,
}

impl SignatureAlgorithm {
    /// Parses a `-sigalg` value, case-insensitively.
    pub fn from_name(name: &str) -> Result<Self> {
        match name.to_ascii_uppercase().as_str() {
            "SHA1WITHRSA" => Ok(SignatureAlgorithm::Sha1WithRsa),
            "SHA256WITHRSA" => Ok(SignatureAlgorithm::Sha256WithRsa),
            "SHA384WITHRSA" => Ok(SignatureAlgorithm::Sha384WithRsa),
            "SHA512WITHRSA" => Ok(SignatureAlgorithm::Sha512WithRsa),
            _ => Err(Error::Unsupported(format!("signature algorithm {name}"))),
        }
    }

    /// keytool's name, e.g. `SHA256withRSA`.
    pub fn name(self) -> &'static str {
        match self {
            SignatureAlgorithm::Sha1WithRsa => "SHA1withRSA",
            SignatureAlgorithm::Sha256WithRsa => "SHA256withRSA",
            SignatureAlgorithm::Sha384WithRsa => "SHA384withRSA",
            SignatureAlgorithm::Sha512WithRsa => "SHA512withRSA",
        }
    }

    /// The algorithm's OID.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            SignatureAlgorithm::Sha1WithRsa => ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5"),
            SignatureAlgorithm::Sha256WithRsa => {
                ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11")
            }
            SignatureAlgorithm::Sha384WithRsa => {
                ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12")
            }
            SignatureAlgorithm::Sha512WithRsa => {
                ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13")
            }
        }
    }

    /// The AlgorithmIdentifier as keytool writes it (RSA: NULL parameters).
    pub fn algorithm_identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: self.oid(),
            parameters: Some(Any::null()),
        }
    }

    /// The key algorithm this signature needs.
    pub fn key_algorithm(self) -> KeyAlgorithm {
        KeyAlgorithm::Rsa
    }

    /// keytool's default for a key: SHA256withRSA up to 3072 bits, SHA384 up to 7680, else SHA512.
    pub fn default_for(key: &PrivateKey) -> Self {
        match key {
            PrivateKey::Rsa(k) => {
                let bits = k.size() * 8;
                if bits <= 3072 {
                    SignatureAlgorithm::Sha256WithRsa
                } else if bits <= 7680 {
                    SignatureAlgorithm::Sha384WithRsa
                } else {
                    SignatureAlgorithm::Sha512WithRsa
                }
            }
        }
    }
}

/// A private key we can sign with.
#[derive(Clone)]
pub enum PrivateKey {
    /// An RSA key.
    Rsa(RsaPrivateKey),
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrivateKey::Rsa(k) => write!(f, "PrivateKey::Rsa({} bits, <redacted>)", k.size() * 8),
        }
    }
}

impl PrivateKey {
    /// Generates a key pair as `-genkeypair` does.
    pub fn generate(alg: KeyAlgorithm, size: u32) -> Result<Self> {
        match alg {
            KeyAlgorithm::Rsa => {
                if !(512..=16384).contains(&size) {
                    return Err(Error::InvalidInput(format!(
                        "Invalid key size: {size} bits for RSA"
                    )));
                }
                let mut rng = rand::rng();
                let key = RsaPrivateKey::new(&mut rng, size as usize)
                    .map_err(|e| Error::Crypto(format!("RSA key generation: {e}")))?;
                Ok(PrivateKey::Rsa(key))
            }
        }
    }

    /// Loads a PKCS#8 `PrivateKeyInfo`.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(der)
            .map_err(|e| Error::malformed("PKCS#8 private key", e.to_string()))?;
        if info.algorithm.oid == RSA_ENCRYPTION {
            let key = RsaPrivateKey::from_pkcs8_der(der)
                .map_err(|e| Error::malformed("PKCS#8 RSA private key", e.to_string()))?;
            Ok(PrivateKey::Rsa(key))
        } else {
            Err(Error::Unsupported(format!(
                "private key algorithm {}",
                info.algorithm.oid
            )))
        }
    }

    /// PKCS#8 DER, wiped on drop.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        match self {
            PrivateKey::Rsa(k) => {
                let doc = k
                    .to_pkcs8_der()
                    .map_err(|e| Error::Crypto(format!("PKCS#8 encoding: {e}")))?;
                Ok(Zeroizing::new(doc.as_bytes().to_vec()))
            }
        }
    }

    /// SubjectPublicKeyInfo DER of the public half.
    pub fn public_key_der(&self) -> Result<Vec<u8>> {
        match self {
            PrivateKey::Rsa(k) => Ok(k
                .to_public_key()
                .to_public_key_der()
                .map_err(|e| Error::Crypto(format!("public key encoding: {e}")))?
                .into_vec()),
        }
    }

    /// The key algorithm.
    pub fn algorithm(&self) -> KeyAlgorithm {
        match self {
            PrivateKey::Rsa(_) => KeyAlgorithm::Rsa,
        }
    }

    /// Key size in bits.
    pub fn bits(&self) -> u32 {
        match self {
            PrivateKey::Rsa(k) => (k.size() * 8) as u32,
        }
    }

    /// Checks that `alg` can be used with this key.
    pub fn check_signature_algorithm(&self, alg: SignatureAlgorithm) -> Result<()> {
        if alg.key_algorithm() == self.algorithm() {
            Ok(())
        } else {
            Err(Error::InvalidInput(format!(
                "Signature algorithm {} is not compatible with a {} key",
                alg.name(),
                self.algorithm().name()
            )))
        }
    }

    /// Signs `message` with `alg`.
    pub fn sign(&self, alg: SignatureAlgorithm, message: &[u8]) -> Result<Vec<u8>> {
        use rsa::signature::{SignatureEncoding, Signer};
        self.check_signature_algorithm(alg)?;
        match self {
            PrivateKey::Rsa(k) => {
                let sig = match alg {
                    SignatureAlgorithm::Sha1WithRsa => {
                        rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new(k.clone())
                            .try_sign(message)
                            .map(|s| s.to_vec())
                    }
                    SignatureAlgorithm::Sha256WithRsa => {
                        rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(k.clone())
                            .try_sign(message)
                            .map(|s| s.to_vec())
                    }
                    SignatureAlgorithm::Sha384WithRsa => {
                        rsa::pkcs1v15::SigningKey::<sha2::Sha384>::new(k.clone())
                            .try_sign(message)
                            .map(|s| s.to_vec())
                    }
                    SignatureAlgorithm::Sha512WithRsa => {
                        rsa::pkcs1v15::SigningKey::<sha2::Sha512>::new(k.clone())
                            .try_sign(message)
                            .map(|s| s.to_vec())
                    }
                };
                sig.map_err(|e| Error::Crypto(format!("signing: {e}")))
            }
        }
    }
}

/// Checks that a PKCS#8 key and a SubjectPublicKeyInfo are halves of one pair.
pub fn public_key_matches(key: &PrivateKey, spki_der: &[u8]) -> Result<bool> {
    let ours = key.public_key_der()?;
    let theirs = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
    let ours = spki::SubjectPublicKeyInfoRef::from_der(&ours)?;
    Ok(ours.algorithm.oid == theirs.algorithm.oid
        && ours.subject_public_key == theirs.subject_public_key)
}

/// Verifies `signature` over `message` with the SubjectPublicKeyInfo `spki_der`
/// under the signature algorithm `alg` (as found in a certificate or request).
pub fn verify_signature(
    spki_der: &[u8],
    alg: &spki::AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    use rsa::signature::Verifier;
    use spki::DecodePublicKey;
    let bad = || Error::Crypto("signature does not verify".into());
    let oid = alg.oid.to_string();
    let key_oid = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?
        .algorithm
        .oid;
    if key_oid != RSA_ENCRYPTION {
        return Err(Error::Unsupported(format!(
            "public key algorithm {key_oid}"
        )));
    }
    let key = rsa::RsaPublicKey::from_public_key_der(spki_der)
        .map_err(|e| Error::malformed("RSA public key", e.to_string()))?;
    let sig = rsa::pkcs1v15::Signature::try_from(signature).map_err(|_| bad())?;
    let r = match oid.as_str() {
        "1.2.840.113549.1.1.5" => {
            rsa::pkcs1v15::VerifyingKey::<sha1::Sha1>::new(key).verify(message, &sig)
        }
        "1.2.840.113549.1.1.11" => {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key).verify(message, &sig)
        }
        "1.2.840.113549.1.1.12" => {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(key).verify(message, &sig)
        }
        "1.2.840.113549.1.1.13" => {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(key).verify(message, &sig)
        }
        "1.2.840.113549.1.1.14" => {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha224>::new(key).verify(message, &sig)
        }
        other => return Err(Error::Unsupported(format!("signature algorithm {other}"))),
    };
    r.map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generate_sign_and_reload() {
        let k = PrivateKey::generate(KeyAlgorithm::Rsa, 1024).unwrap();
        assert_eq!(k.bits(), 1024);
        let der = k.to_pkcs8_der().unwrap();
        let k2 = PrivateKey::from_pkcs8_der(&der).unwrap();
        assert!(public_key_matches(&k2, &k.public_key_der().unwrap()).unwrap());
        let sig = k2
            .sign(SignatureAlgorithm::Sha256WithRsa, b"hello")
            .unwrap();
        assert_eq!(sig.len(), 128);
        assert!(!format!("{k:?}").contains("Rsa(RsaPrivateKey"));
    }

    #[test]
    fn sigalg_names_round_trip() {
        for a in [
            SignatureAlgorithm::Sha256WithRsa,
            SignatureAlgorithm::Sha384WithRsa,
            SignatureAlgorithm::Sha512WithRsa,
        ] {
            assert_eq!(
                SignatureAlgorithm::from_name(&a.name().to_lowercase()).unwrap(),
                a
            );
        }
    }
}
