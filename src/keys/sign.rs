//! Signing: RSA PKCS#1 v1.5 and RSASSA-PSS, ECDSA (DER `Ecdsa-Sig-Value`),
//! Ed25519, Ed448 and DSA.

use super::algorithm::{PssHash, SignatureAlgorithm};
use super::ec::{ec_p256, ec_p384, ec_p521};
use super::signer::Signer;
use crate::error::{Error, Result};
use der::Encode;
use der::asn1::UintRef;
use rsa::RsaPrivateKey;
use sha2::Digest;

impl Signer {
    /// Signs `message` with `alg`. ECDSA signatures come DER-encoded
    /// (`Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`, RFC 3279), as
    /// X.509 and PKCS#10 carry them.
    pub fn sign(&self, alg: SignatureAlgorithm, message: &[u8]) -> Result<Vec<u8>> {
        use rsa::signature::{SignatureEncoding, Signer as _};
        self.check_signature_algorithm(alg)?;
        let ecdsa = |sign: &dyn Fn(&[u8]) -> Result<Vec<u8>>| -> Result<Vec<u8>> {
            let digest =
                alg.ecdsa_digest(message)
                    .ok_or_else(|| Error::SignatureAlgorithmMismatch {
                        algorithm: alg.name().to_string(),
                        key: "EC",
                        usable: None,
                    })?;
            ecdsa_der(&sign(&digest)?)
        };
        match self {
            Signer::Rsa(k) | Signer::RsaPss(k) => {
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
                    SignatureAlgorithm::RsassaPss(h) => pss_sign(k, h, message),
                    other => {
                        return Err(Error::SignatureAlgorithmMismatch {
                            algorithm: other.name().to_string(),
                            key: "RSA",
                            usable: None,
                        });
                    }
                };
                sig.map_err(|_| Error::CryptoFailed {
                    operation: "signing",
                })
            }
            Signer::P256(k) => ecdsa(&|d| ec_p256::sign_prehash(k, d)),
            Signer::P384(k) => ecdsa(&|d| ec_p384::sign_prehash(k, d)),
            Signer::P521(k) => ecdsa(&|d| ec_p521::sign_prehash(k, d)),
            Signer::Ed25519(k) => {
                use ed25519_dalek::Signer as _;
                Ok(k.sign(message).to_bytes().to_vec())
            }
            Signer::Ed448(k) => Ok(k.sign_raw(message).to_bytes().to_vec()),
            Signer::Dsa(k) => {
                use super::dsa::sign;
                match alg {
                    SignatureAlgorithm::Sha1WithDsa => sign::<sha1::Sha1>(k, message),
                    SignatureAlgorithm::Sha224WithDsa => sign::<sha2::Sha224>(k, message),
                    SignatureAlgorithm::Sha256WithDsa => sign::<sha2::Sha256>(k, message),
                    SignatureAlgorithm::Sha384WithDsa => sign::<sha2::Sha384>(k, message),
                    SignatureAlgorithm::Sha512WithDsa => sign::<sha2::Sha512>(k, message),
                    other => Err(Error::SignatureAlgorithmMismatch {
                        algorithm: other.name().to_string(),
                        key: "DSA",
                        usable: None,
                    }),
                }
            }
        }
    }
}

/// An RSASSA-PSS signature with `hash` for message and MGF1 and a salt as
/// long as the digest, as keytool signs.
fn pss_sign(key: &RsaPrivateKey, hash: PssHash, message: &[u8]) -> rsa::signature::Result<Vec<u8>> {
    use rsa::signature::{RandomizedSigner, SignatureEncoding};
    fn with<D>(key: &RsaPrivateKey, message: &[u8]) -> rsa::signature::Result<Vec<u8>>
    where
        D: Digest + sha2::digest::FixedOutputReset + sha2::digest::Update,
    {
        let salt = <D as Digest>::output_size();
        rsa::pss::SigningKey::<D>::new_with_salt_len(key.clone(), salt)
            .try_sign_with_rng(&mut rand::rng(), message)
            .map(|s| s.to_vec())
    }
    match hash {
        PssHash::Sha1 => with::<sha1::Sha1>(key, message),
        PssHash::Sha224 => with::<sha2::Sha224>(key, message),
        PssHash::Sha256 => with::<sha2::Sha256>(key, message),
        PssHash::Sha384 => with::<sha2::Sha384>(key, message),
        PssHash::Sha512 => with::<sha2::Sha512>(key, message),
    }
}

/// `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 §2.2.3).
#[derive(der::Sequence)]
pub(super) struct EcdsaSigValue<'a> {
    pub(super) r: UintRef<'a>,
    pub(super) s: UintRef<'a>,
}

/// DER for a fixed-length r ‖ s.
fn ecdsa_der(rs: &[u8]) -> Result<Vec<u8>> {
    let (r, s) = rs.split_at(rs.len() / 2);
    Ok(EcdsaSigValue {
        r: UintRef::new(r)?,
        s: UintRef::new(s)?,
    }
    .to_der()?)
}
