//! Generating key pairs as `-genkeypair` does.

use super::PrivateKey;
use super::algorithm::{EcCurve, KeyAlgorithm, cannot_sign};
use super::ec::{ec_p256, ec_p384, ec_p521};
use super::signer::Signer;
use crate::error::{Error, Result};
use rsa::RsaPrivateKey;
use zeroize::Zeroizing;

impl Signer {
    /// Generates a key pair as `-genkeypair` does: RSA of `size` bits, EC on
    /// the curve of `size` bits (256, 384, 521), or Ed25519 (`size` 255).
    pub fn generate(alg: KeyAlgorithm, size: u32) -> Result<Self> {
        match alg {
            KeyAlgorithm::Rsa => {
                if !(512..=16384).contains(&size) {
                    return Err(Error::InvalidKeyPairSize {
                        algorithm: "RSA",
                        bits: size,
                        hint: None,
                    });
                }
                let mut rng = rand::rng();
                let key = RsaPrivateKey::new(&mut rng, size as usize).map_err(|_| {
                    Error::CryptoFailed {
                        operation: "RSA key generation",
                    }
                })?;
                Ok(Signer::Rsa(key))
            }
            KeyAlgorithm::RsassaPss => match Self::generate(KeyAlgorithm::Rsa, size) {
                Ok(Signer::Rsa(k)) => Ok(Signer::RsaPss(k)),
                Ok(_) => Err(Error::CryptoFailed {
                    operation: "RSA key generation",
                }),
                Err(Error::InvalidKeyPairSize { hint, .. }) => Err(Error::InvalidKeyPairSize {
                    algorithm: "RSASSA-PSS",
                    bits: size,
                    hint,
                }),
                Err(e) => Err(e),
            },
            KeyAlgorithm::Ec => Ok(Self::generate_ec(EcCurve::from_bits(size)?)),
            KeyAlgorithm::Ed448 => {
                if size != 448 {
                    return Err(Error::InvalidKeyPairSize {
                        algorithm: "Ed448",
                        bits: size,
                        hint: Some("it is always 448"),
                    });
                }
                Ok(Self::generate_ed448())
            }
            KeyAlgorithm::Ed25519 => {
                if size != 255 {
                    return Err(Error::InvalidKeyPairSize {
                        algorithm: "Ed25519",
                        bits: size,
                        hint: Some("it is always 255"),
                    });
                }
                Ok(Self::generate_ed25519())
            }
            KeyAlgorithm::Dsa => Ok(Signer::Dsa(super::dsa::generate(size)?)),
            KeyAlgorithm::X25519 | KeyAlgorithm::X448 => Err(cannot_sign()),
        }
    }

    /// Generates an EC key on `curve`.
    pub fn generate_ec(curve: EcCurve) -> Self {
        match curve {
            EcCurve::P256 => Signer::P256(ec_p256::generate()),
            EcCurve::P384 => Signer::P384(ec_p384::generate()),
            EcCurve::P521 => Signer::P521(ec_p521::generate()),
        }
    }

    /// Generates an Ed25519 key.
    pub fn generate_ed25519() -> Self {
        let mut seed = Zeroizing::new([0u8; 32]);
        rand::fill(&mut seed[..]);
        Signer::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// Generates an Ed448 key.
    pub fn generate_ed448() -> Self {
        let mut seed = Zeroizing::new(ed448_goldilocks::SecretKey::default());
        rand::fill(&mut seed[..]);
        Signer::Ed448(ed448_goldilocks::SigningKey::from(&*seed))
    }
}

impl PrivateKey {
    /// Generates a key pair as `-genkeypair` does: RSA or RSASSA-PSS of
    /// `size` bits, EC on the curve of `size` bits (256, 384, 521), Ed25519
    /// (`size` 255), Ed448 (448) or DSA (on keytool's domain parameters).
    ///
    /// Its PKCS#8 is in the form keytool 17 and 25 write: a v1
    /// `PrivateKeyInfo`; for EC, the namedCurve in the AlgorithmIdentifier
    /// and an `ECPrivateKey` holding only the fixed-length scalar; for
    /// Ed25519 and Ed448, the seed (RFC 8410) and no public key; for
    /// RSASSA-PSS, id-RSASSA-PSS without parameters. keytool, OpenSSL and
    /// the RustCrypto crates all read it.
    pub fn generate(alg: KeyAlgorithm, size: u32) -> Result<Self> {
        Self::from_signer(Signer::generate(alg, size)?)
    }

    /// Generates an EC key on `curve`.
    pub fn generate_ec(curve: EcCurve) -> Result<Self> {
        Self::from_signer(Signer::generate_ec(curve))
    }

    /// Generates an Ed25519 key.
    pub fn generate_ed25519() -> Result<Self> {
        Self::from_signer(Signer::generate_ed25519())
    }

    /// Generates an Ed448 key.
    pub fn generate_ed448() -> Result<Self> {
        Self::from_signer(Signer::generate_ed448())
    }
}
