//! The keys rkeytool signs with, as the RustCrypto crates hold them:
//! loaded from PKCS#8, written back in keytool's form, their public half.

use super::algorithm::{
    EC_PUBLIC_KEY, ED448, ED25519, EcCurve, KeyAlgorithm, RSA_ENCRYPTION, RSASSA_PSS,
    SignatureAlgorithm,
};
use super::ec::{ec_p256, ec_p384, ec_p521};
use super::pkcs8::{EcPrivateKey, KeyType};
use crate::error::{Error, Result};
use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode};
use pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::RsaPrivateKey;
use rsa::traits::PublicKeyParts;
use std::fmt;
use zeroize::Zeroizing;

/// A private key rkeytool can sign with, as its crate holds it. Debug never
/// shows key material.
#[derive(Clone)]
pub(super) enum Signer {
    /// An RSA key.
    Rsa(RsaPrivateKey),
    /// An ECDSA key on secp256r1.
    P256(p256::ecdsa::SigningKey),
    /// An ECDSA key on secp384r1.
    P384(p384::ecdsa::SigningKey),
    /// An ECDSA key on secp521r1.
    P521(p521::ecdsa::SigningKey),
    /// An Ed25519 key.
    Ed25519(ed25519_dalek::SigningKey),
    /// A DSA key.
    Dsa(::dsa::SigningKey),
    /// An Ed448 key.
    Ed448(ed448_goldilocks::SigningKey),
    /// An RSA key marked for RSASSA-PSS (id-RSASSA-PSS without parameters,
    /// as keytool and `openssl genpkey -algorithm RSA-PSS` make it).
    RsaPss(RsaPrivateKey),
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Signer::Rsa(k) => write!(f, "Signer::Rsa({} bits, <redacted>)", k.size() * 8),
            Signer::RsaPss(k) => {
                write!(f, "Signer::RsaPss({} bits, <redacted>)", k.size() * 8)
            }
            Signer::P256(_) => f.write_str("Signer::P256(<redacted>)"),
            Signer::P384(_) => f.write_str("Signer::P384(<redacted>)"),
            Signer::P521(_) => f.write_str("Signer::P521(<redacted>)"),
            Signer::Ed25519(_) => f.write_str("Signer::Ed25519(<redacted>)"),
            Signer::Ed448(_) => f.write_str("Signer::Ed448(<redacted>)"),
            Signer::Dsa(k) => write!(f, "Signer::Dsa({} bits, <redacted>)", super::dsa::bits(k)),
        }
    }
}

/// A PKCS#8 v1 `PrivateKeyInfo` (RFC 5208) around `inner`, with `parameters`
/// in the AlgorithmIdentifier when given; wiped on drop.
fn pkcs8_v1(
    oid: ObjectIdentifier,
    parameters: Option<&ObjectIdentifier>,
    inner: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    pkcs8_v1_with(oid, parameters.map(AnyRef::from), inner)
}

/// [`pkcs8_v1`] with any parameters.
fn pkcs8_v1_with(
    oid: ObjectIdentifier,
    parameters: Option<AnyRef<'_>>,
    inner: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let info: pkcs8::PrivateKeyInfoRef<'_> = pkcs8::PrivateKeyInfo::new(
        spki::AlgorithmIdentifier { oid, parameters },
        OctetStringRef::new(inner)?,
    );
    let mut out = Zeroizing::new(Vec::with_capacity(info.encoded_len()?.try_into()?));
    info.encode_to_vec(&mut out)?;
    Ok(out)
}

impl Signer {
    /// Loads a PKCS#8 `PrivateKeyInfo` (v1 or v2, with or without the public
    /// key and curve parameters inside an EC key).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(der)
            .map_err(|e| Error::malformed("PKCS#8 private key", e.to_string()))?;
        let oid = info.algorithm.oid;
        if oid == RSA_ENCRYPTION {
            let key = RsaPrivateKey::from_pkcs8_der(der)
                .map_err(|e| Error::malformed("PKCS#8 RSA private key", e.to_string()))?;
            Ok(Signer::Rsa(key))
        } else if oid == RSASSA_PSS {
            if info.algorithm.parameters.is_some() {
                // OpenSSL's `-pkeyopt rsa_pss_keygen_md:…` keys: signatures
                // restricted to the parameters, which we do not carry.
                return Err(Error::UnsupportedFeature {
                    format: "key",
                    feature: "RSASSA-PSS key restricted by parameters".into(),
                });
            }
            let key = RsaPrivateKey::from_pkcs8_der(der)
                .map_err(|e| Error::malformed("PKCS#8 RSASSA-PSS private key", e.to_string()))?;
            Ok(Signer::RsaPss(key))
        } else if oid == EC_PUBLIC_KEY {
            let curve_oid = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                .ok_or_else(|| Error::UnsupportedFeature {
                    format: "key",
                    feature: "explicit EC parameters".into(),
                })?;
            Ok(match EcCurve::from_oid(&curve_oid)? {
                EcCurve::P256 => Signer::P256(ec_p256::from_pkcs8(der)?),
                EcCurve::P384 => Signer::P384(ec_p384::from_pkcs8(der)?),
                EcCurve::P521 => Signer::P521(ec_p521::from_pkcs8(der)?),
            })
        } else if oid == ED25519 {
            let key = ed25519_dalek::SigningKey::from_pkcs8_der(der)
                .map_err(|e| Error::malformed("PKCS#8 Ed25519 private key", e.to_string()))?;
            Ok(Signer::Ed25519(key))
        } else if oid == super::dsa::DSA {
            Ok(Signer::Dsa(super::dsa::from_pkcs8(der)?))
        } else if super::xdh::is_xdh(&oid) {
            Err(Error::CannotSign { algorithm: "XDH" })
        } else if oid == ED448 {
            let key = ed448_goldilocks::SigningKey::try_from(info)
                .map_err(|e| Error::malformed("PKCS#8 Ed448 private key", e.to_string()))?;
            Ok(Signer::Ed448(key))
        } else {
            Err(Error::UnsupportedAlgorithm {
                format: "key",
                what: oid.to_string(),
            })
        }
    }

    /// SEC1 `ECPrivateKey` DER of an EC key, as OpenSSL writes `EC PRIVATE
    /// KEY`: with the named curve and the public key; wiped on drop.
    pub fn to_sec1_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        match self {
            Signer::P256(k) => ec_p256::sec1_der(k),
            Signer::P384(k) => ec_p384::sec1_der(k),
            Signer::P521(k) => ec_p521::sec1_der(k),
            Signer::Rsa(_)
            | Signer::RsaPss(_)
            | Signer::Ed25519(_)
            | Signer::Dsa(_)
            | Signer::Ed448(_) => Err(Error::UnsupportedFeature {
                format: "SEC1 (EC PRIVATE KEY)",
                feature: format!("{} keys", self.algorithm().name()),
            }),
        }
    }

    /// PKCS#8 DER, wiped on drop, in the form keytool 17 and 25 write: a v1
    /// `PrivateKeyInfo`; for EC, the namedCurve in the AlgorithmIdentifier and
    /// an `ECPrivateKey` holding only the fixed-length scalar; for Ed25519,
    /// the 32-byte seed (RFC 8410) and no public key. keytool, OpenSSL and
    /// the RustCrypto crates all read it.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        match self {
            Signer::Rsa(k) => {
                let doc = k.to_pkcs8_der().map_err(|_| Error::CryptoFailed {
                    operation: "PKCS#8 encoding",
                })?;
                Ok(Zeroizing::new(doc.as_bytes().to_vec()))
            }
            Signer::RsaPss(k) => {
                // As keytool writes it: id-RSASSA-PSS without parameters
                // around the PKCS#1 RSAPrivateKey.
                use rsa::pkcs1::EncodeRsaPrivateKey;
                let inner = k.to_pkcs1_der().map_err(|_| Error::CryptoFailed {
                    operation: "PKCS#1 encoding",
                })?;
                pkcs8_v1_with(RSASSA_PSS, None, inner.as_bytes())
            }
            Signer::P256(_) | Signer::P384(_) | Signer::P521(_) => {
                let scalar = match self {
                    Signer::P256(k) => ec_p256::scalar(k),
                    Signer::P384(k) => ec_p384::scalar(k),
                    Signer::P521(k) => ec_p521::scalar(k),
                    _ => {
                        return Err(Error::CryptoFailed {
                            operation: "not an EC key",
                        });
                    }
                };
                // As Java writes it: the curve in the AlgorithmIdentifier, no public key.
                let sec1 = EcPrivateKey {
                    version: 1,
                    private_key: OctetStringRef::new(&scalar)?,
                    parameters: None,
                    public_key: None,
                };
                let mut inner = Zeroizing::new(Vec::new());
                sec1.encode_to_vec(&mut inner)?;
                let curve = self.curve().map(EcCurve::oid);
                pkcs8_v1(EC_PUBLIC_KEY, curve.as_ref(), &inner)
            }
            Signer::Ed25519(k) => {
                let seed = Zeroizing::new(k.to_bytes());
                let mut inner = Zeroizing::new(Vec::new());
                OctetStringRef::new(&seed[..])?.encode_to_vec(&mut inner)?;
                pkcs8_v1(ED25519, None, &inner)
            }
            Signer::Dsa(k) => super::dsa::to_pkcs8(k),
            Signer::Ed448(k) => {
                // As keytool writes it: v1, the 57-byte seed, no public key.
                let seed = Zeroizing::new(k.to_bytes());
                let mut inner = Zeroizing::new(Vec::new());
                OctetStringRef::new(&seed[..])?.encode_to_vec(&mut inner)?;
                pkcs8_v1(ED448, None, &inner)
            }
        }
    }

    /// SubjectPublicKeyInfo DER of the public half (EC points uncompressed,
    /// as keytool writes them).
    pub fn public_key_der(&self) -> Result<Vec<u8>> {
        let enc = |_: spki::Error| Error::CryptoFailed {
            operation: "public key encoding",
        };
        match self {
            Signer::Rsa(k) => Ok(k
                .to_public_key()
                .to_public_key_der()
                .map_err(enc)?
                .into_vec()),
            Signer::RsaPss(k) => {
                use rsa::pkcs1::EncodeRsaPublicKey;
                let inner = k
                    .to_public_key()
                    .to_pkcs1_der()
                    .map_err(|_| Error::CryptoFailed {
                        operation: "public key encoding",
                    })?;
                let info = spki::SubjectPublicKeyInfoRef {
                    algorithm: spki::AlgorithmIdentifier {
                        oid: RSASSA_PSS,
                        parameters: None,
                    },
                    subject_public_key: BitStringRef::from_bytes(inner.as_bytes())?,
                };
                Ok(info.to_der()?)
            }
            Signer::P256(k) => ec_p256::public_key_der(k),
            Signer::P384(k) => ec_p384::public_key_der(k),
            Signer::P521(k) => ec_p521::public_key_der(k),
            Signer::Ed25519(k) => {
                let point = k.verifying_key().to_bytes();
                let info = spki::SubjectPublicKeyInfoRef {
                    algorithm: spki::AlgorithmIdentifier {
                        oid: ED25519,
                        parameters: None,
                    },
                    subject_public_key: BitStringRef::from_bytes(&point)?,
                };
                Ok(info.to_der()?)
            }
            Signer::Dsa(k) => super::dsa::public_key_der(k),
            Signer::Ed448(k) => {
                let point = k.verifying_key().to_bytes();
                let info = spki::SubjectPublicKeyInfoRef {
                    algorithm: spki::AlgorithmIdentifier {
                        oid: ED448,
                        parameters: None,
                    },
                    subject_public_key: BitStringRef::from_bytes(&point[..])?,
                };
                Ok(info.to_der()?)
            }
        }
    }

    /// The key algorithm.
    pub fn algorithm(&self) -> KeyAlgorithm {
        match self {
            Signer::Rsa(_) => KeyAlgorithm::Rsa,
            Signer::P256(_) | Signer::P384(_) | Signer::P521(_) => KeyAlgorithm::Ec,
            Signer::Ed25519(_) => KeyAlgorithm::Ed25519,
            Signer::Dsa(_) => KeyAlgorithm::Dsa,
            Signer::Ed448(_) => KeyAlgorithm::Ed448,
            Signer::RsaPss(_) => KeyAlgorithm::RsassaPss,
        }
    }

    /// The curve of an EC key.
    pub fn curve(&self) -> Option<EcCurve> {
        match self {
            Signer::P256(_) => Some(EcCurve::P256),
            Signer::P384(_) => Some(EcCurve::P384),
            Signer::P521(_) => Some(EcCurve::P521),
            Signer::Rsa(_)
            | Signer::RsaPss(_)
            | Signer::Ed25519(_)
            | Signer::Dsa(_)
            | Signer::Ed448(_) => None,
        }
    }

    /// Key size in bits, as keytool counts it (Ed25519: 255).
    pub fn bits(&self) -> u32 {
        match self {
            Signer::Rsa(k) | Signer::RsaPss(k) => (k.size() * 8) as u32,
            Signer::Ed25519(_) => 255,
            Signer::Dsa(k) => super::dsa::bits(k),
            Signer::Ed448(_) => 448,
            _ => self.curve().map_or(0, EcCurve::bits),
        }
    }

    /// How keytool 17 names the key in "Generating 256 bit EC (secp256r1)
    /// key pair": `RSA`, `EC (secp256r1)`, `Ed25519`.
    pub fn display_name(&self) -> String {
        match self.curve() {
            Some(c) => format!("EC ({})", c.name()),
            None => self.algorithm().name().to_string(),
        }
    }

    /// Checks that `alg` can be used with this key.
    pub fn check_signature_algorithm(&self, alg: SignatureAlgorithm) -> Result<()> {
        self.algorithm().check_signature_algorithm(alg)
    }

    /// The key's type, as [`super::pkcs8`] classifies the PKCS#8 we write for it.
    pub fn key_type(&self) -> KeyType {
        match self {
            Signer::Rsa(_) => KeyType::Rsa,
            Signer::RsaPss(_) => KeyType::RsassaPss,
            Signer::P256(_) | Signer::P384(_) | Signer::P521(_) => KeyType::Ec {
                curve: self.curve().map_or(EC_PUBLIC_KEY, EcCurve::oid),
            },
            Signer::Ed25519(_) => KeyType::Ed25519,
            Signer::Ed448(_) => KeyType::Ed448,
            Signer::Dsa(_) => KeyType::Dsa,
        }
    }
}
