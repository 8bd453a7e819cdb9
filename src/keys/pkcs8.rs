//! The PKCS#8 side of [`PrivateKey`]: any well-formed PKCS#8 v1
//! `PrivateKeyInfo` or v2 `OneAsymmetricKey` (RFC 5208, 5958), kept as read
//! and classified by [`KeyType`]; the PKCS#1 (RFC 8017), SEC1 (RFC 5915) and
//! OpenSSL DSA forms wrapped into it; the JDK's limits; the public half.

use super::PrivateKey;
use super::algorithm::{EC_PUBLIC_KEY, ED448, ED25519, EcCurve, RSA_ENCRYPTION, RSASSA_PSS};
use crate::cert::Certificate;
use crate::error::{Error, Result};
use der::asn1::{AnyRef, BitStringRef, Null, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Sequence};
use spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

/// Names for the key-type and curve OIDs a message may need to show
/// (algorithm names are [`crate::crypto::oid_name`]'s).
const OID_NAMES: &[(&str, &str)] = &[
    ("1.2.840.10045.3.1.7", "secp256r1"),
    ("1.2.840.10045.3.1.1", "secp192r1"),
    ("1.3.132.0.28", "secp128r1"),
    ("1.3.132.0.29", "secp128r2"),
    ("1.3.132.0.8", "secp160r1"),
    ("1.3.132.0.9", "secp160k1"),
    ("1.3.132.0.31", "secp192k1"),
    ("1.3.132.0.32", "secp224k1"),
    ("1.3.132.0.33", "secp224r1"),
    ("1.3.132.0.34", "secp384r1"),
    ("1.3.132.0.35", "secp521r1"),
    ("1.3.132.0.10", "secp256k1"),
    ("1.2.840.10040.4.1", "DSA"),
    ("1.3.101.110", "X25519"),
    ("1.3.101.111", "X448"),
];

/// A readable name for `oid`: ours, else the crypto layer's (which falls
/// back on the OID database, else the dotted form).
pub fn oid_name(oid: &ObjectIdentifier) -> String {
    let dotted = oid.to_string();
    match OID_NAMES.iter().find(|(o, _)| *o == dotted) {
        Some((_, n)) => format!("{n} ({dotted})"),
        None => crate::crypto::oid_name(oid),
    }
}

fn unsupported(feature: impl Into<String>) -> Error {
    Error::UnsupportedFeature {
        format: "key",
        feature: feature.into(),
    }
}

/// The JDK's `ECPrivateKeyImpl` reads only `ecPrivkeyVer1` ("Invalid EC private key").
fn ec_version_refused(version: u8) -> Error {
    Error::NotUsableByJdk(format!(
        "EC private key version {version} is not supported by Java keystores (the JDK reads only version 1)"
    ))
}
// ---------------------------------------------------------------------------
// ASN.1 types
// ---------------------------------------------------------------------------

/// RFC 5915 §3:
///
/// ```text
/// ECPrivateKey ::= SEQUENCE {
///   version        INTEGER { ecPrivkeyVer1(1) } (ecPrivkeyVer1),
///   privateKey     OCTET STRING,
///   parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
///   publicKey  [1] BIT STRING OPTIONAL }
/// ```
///
/// Also written for the keys we generate, as Java writes it (no
/// parameters, no public key: both optional fields absent).
#[derive(Sequence)]
pub(super) struct EcPrivateKey<'a> {
    /// Always 1.
    pub(super) version: u8,
    /// The private scalar, big-endian, fixed length.
    pub(super) private_key: &'a OctetStringRef,
    /// The named curve.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) parameters: Option<AnyRef<'a>>,
    /// The public point.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) public_key: Option<BitStringRef<'a>>,
}

/// OpenSSL's `DSA PRIVATE KEY` (no RFC; `DSAPrivateKey` in OpenSSL's
/// `dsa_asn1.c`):
///
/// ```text
/// DSAPrivateKey ::= SEQUENCE {
///   version INTEGER (0), p INTEGER, q INTEGER, g INTEGER,
///   pub_key INTEGER, priv_key INTEGER }
/// ```
#[derive(Sequence)]
struct OpenSslDsaPrivateKey<'a> {
    version: u8,
    p: der::asn1::UintRef<'a>,
    q: der::asn1::UintRef<'a>,
    g: der::asn1::UintRef<'a>,
    y: der::asn1::UintRef<'a>,
    x: der::asn1::UintRef<'a>,
}

/// `Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }` (RFC 3279 §2.3.2).
#[derive(Sequence)]
struct DssParms<'a> {
    p: der::asn1::UintRef<'a>,
    q: der::asn1::UintRef<'a>,
    g: der::asn1::UintRef<'a>,
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

/// What kind of key a PKCS#8 structure holds.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyType {
    /// `rsaEncryption`.
    Rsa,
    /// `id-RSASSA-PSS`: an RSA key marked for PSS signatures (keytool's
    /// `-keyalg RSASSA-PSS`, OpenSSL's `RSA-PSS`), with or without parameters.
    RsassaPss,
    /// `id-ecPublicKey` on a named curve.
    Ec {
        /// The curve's OID (secp256r1 is 1.2.840.10045.3.1.7).
        curve: ObjectIdentifier,
    },
    /// `id-Ed25519`.
    Ed25519,
    /// `id-Ed448`.
    Ed448,
    /// `id-dsa` with its domain parameters.
    Dsa,
    /// Anything else, by algorithm OID.
    Other(ObjectIdentifier),
}

impl KeyType {
    /// The name keytool uses for the algorithm ("RSA", "EC", "Ed25519"...).
    pub fn name(&self) -> String {
        match self {
            KeyType::Rsa => "RSA".into(),
            KeyType::RsassaPss => "RSASSA-PSS".into(),
            KeyType::Ec { .. } => "EC".into(),
            KeyType::Ed25519 => "Ed25519".into(),
            KeyType::Ed448 => "Ed448".into(),
            KeyType::Dsa => "DSA".into(),
            KeyType::Other(oid) => oid_name(oid),
        }
    }
}

impl PrivateKey {
    /// Checks and classifies PKCS#8 DER (v1 `PrivateKeyInfo` or v2
    /// `OneAsymmetricKey`) and keeps it as it is, whatever the algorithm:
    /// a key rkeytool cannot sign with (X25519, X448, an RSASSA-PSS key
    /// restricted by parameters, another curve, an unknown OID) is held and
    /// stored, and only signing with it fails (see
    /// [`PrivateKey::from_pkcs8_der_for_signing`]).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(der)
            .map_err(|e| Error::malformed("PKCS#8 private key", e.to_string()))?;
        let key_type = classify(&info)?;
        // The inner structure must decode too: a key that cannot be used later
        // is better refused now.
        match &key_type {
            KeyType::Rsa | KeyType::RsassaPss => {
                pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(
                    info.private_key.as_bytes(),
                )
                .map_err(|e| Error::malformed("PKCS#8 RSA private key", e.to_string()))?;
            }
            KeyType::Ec { .. } => {
                EcPrivateKey::from_der(info.private_key.as_bytes())
                    .map_err(|e| Error::malformed("PKCS#8 EC private key", e.to_string()))?;
            }
            _ => {}
        }
        Ok(PrivateKey {
            pkcs8: Zeroizing::new(der.to_vec()),
            key_type,
            signer: None,
        })
    }

    /// Wraps a PKCS#1 `RSAPrivateKey` as PKCS#8.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self> {
        pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(der)
            .map_err(|e| Error::malformed("PKCS#1 RSA private key", e.to_string()))?;
        let algorithm = AlgorithmIdentifierRef {
            oid: RSA_ENCRYPTION,
            parameters: Some(AnyRef::from(Null)),
        };
        Self::wrap(algorithm, der)
    }

    /// Wraps a SEC1 `ECPrivateKey` as PKCS#8: the curve moves into the
    /// algorithm identifier, the public key stays (as OpenSSL writes it).
    pub fn from_sec1_der(der: &[u8]) -> Result<Self> {
        let ec = EcPrivateKey::from_der(der)
            .map_err(|e| Error::malformed("SEC1 EC private key", e.to_string()))?;
        if ec.version != 1 {
            return Err(ec_version_refused(ec.version));
        }
        let curve = match ec.parameters {
            Some(p) => p
                .decode_as::<ObjectIdentifier>()
                .map_err(|_| unsupported("explicit EC parameters"))?,
            None => {
                return Err(Error::malformed(
                    "SEC1 EC private key",
                    "no curve given in the key",
                ));
            }
        };
        let inner = Zeroizing::new(
            EcPrivateKey {
                version: 1,
                private_key: ec.private_key,
                parameters: None,
                public_key: ec.public_key,
            }
            .to_der()?,
        );
        let algorithm = AlgorithmIdentifierRef {
            oid: EC_PUBLIC_KEY,
            parameters: Some(AnyRef::from(&curve)),
        };
        Self::wrap(algorithm, &inner)
    }

    /// Wraps OpenSSL's traditional `DSA PRIVATE KEY` as PKCS#8: p, q and g
    /// move into the algorithm identifier, x into the private key (as
    /// `openssl pkcs8 -topk8` and keytool write DSA keys); y is dropped,
    /// being g^x mod p.
    pub fn from_openssl_dsa_der(der: &[u8]) -> Result<Self> {
        let k = OpenSslDsaPrivateKey::from_der(der)
            .map_err(|e| Error::malformed("DSA private key", e.to_string()))?;
        if k.version != 0 {
            return Err(Error::malformed(
                "DSA private key",
                format!("version {} is not 0", k.version),
            ));
        }
        let params = DssParms {
            p: k.p,
            q: k.q,
            g: k.g,
        }
        .to_der()?;
        let inner = Zeroizing::new(k.x.to_der()?);
        let algorithm = AlgorithmIdentifierRef {
            oid: super::dsa::DSA,
            parameters: Some(AnyRef::from_der(&params)?),
        };
        Self::wrap(algorithm, &inner)
    }

    fn wrap(algorithm: AlgorithmIdentifierRef<'_>, inner: &[u8]) -> Result<Self> {
        let info = pkcs8::PrivateKeyInfoRef::new(algorithm, OctetStringRef::new(inner)?);
        let der = Zeroizing::new(info.to_der()?);
        Self::from_pkcs8_der(&der)
    }

    /// Refuses a key that decodes but that the JDK then cannot recover or
    /// sign with (each checked against keytool 17 and 25's `KeyFactory` and
    /// `Signature`): multi-prime RSA ("Invalid RSA private key"), an inner
    /// `ECPrivateKey` of another version than 1 ("Invalid EC private key"),
    /// curves other than secp256r1/384r1/521r1 ("Curve not supported"), and
    /// an inner curve that is not the outer one (the JDK silently takes the
    /// outer one; we refuse the ambiguity).
    pub fn check_usable_by_jdk(&self) -> Result<()> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(&self.pkcs8)?;
        match &self.key_type {
            KeyType::Rsa | KeyType::RsassaPss => {
                let rsa = pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(
                    info.private_key.as_bytes(),
                )?;
                if rsa.version().is_multi() {
                    return Err(Error::NotUsableByJdk(
                        "multi-prime RSA keys are not supported by Java keystores".into(),
                    ));
                }
            }
            KeyType::Ec { curve } => {
                let ec = EcPrivateKey::from_der(info.private_key.as_bytes())?;
                if ec.version != 1 {
                    return Err(ec_version_refused(ec.version));
                }
                if let Some(inner) = ec.parameters {
                    let inner = inner
                        .decode_as::<ObjectIdentifier>()
                        .map_err(|_| unsupported("explicit EC parameters"))?;
                    if &inner != curve {
                        return Err(Error::NotUsableByJdk(
                            "EC key's curve parameters disagree".into(),
                        ));
                    }
                }
                if EcCurve::from_oid(curve).is_err() {
                    return Err(Error::NotUsableByJdk(format!(
                        "EC curve {} is not supported by Java keystores (the JDK signs on secp256r1, secp384r1 and secp521r1 only)",
                        oid_name(curve)
                    )));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The PKCS#8 DER.
    pub fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The key as a PKCS#8 v1 `PrivateKeyInfo` (RFC 5208): the algorithm and
    /// the private key as they are, without the v2 public key (RFC 5958) and
    /// without attributes, whatever form it was read in. OpenSSL 3.0 and
    /// Python's `cryptography` read only this form of EdDSA keys.
    pub fn to_pkcs8_v1(&self) -> Result<Zeroizing<Vec<u8>>> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(&self.pkcs8)?;
        let v1 = pkcs8::PrivateKeyInfoRef::new(info.algorithm, info.private_key);
        let mut out = Zeroizing::new(Vec::with_capacity(v1.encoded_len()?.try_into()?));
        v1.encode_to_vec(&mut out)?;
        Ok(out)
    }

    /// The PKCS#8 DER, handed over.
    pub fn into_pkcs8_der(self) -> Zeroizing<Vec<u8>> {
        self.pkcs8
    }

    /// The kind of key.
    pub fn key_type(&self) -> &KeyType {
        &self.key_type
    }

    /// The public half as SubjectPublicKeyInfo DER, when the key carries it:
    /// always for RSA, for EC when the SEC1 `publicKey` field is present,
    /// for EdDSA when the PKCS#8 v2 `publicKey` is; otherwise computed from
    /// the private key for the keys rkeytool signs with (EC on P-256/384/521,
    /// Ed25519, Ed448, DSA).
    /// None otherwise.
    pub fn public_key_info(&self) -> Result<Option<Vec<u8>>> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(&self.pkcs8)?;
        let spki = match &self.key_type {
            KeyType::Rsa => {
                let rsa = pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(
                    info.private_key.as_bytes(),
                )?;
                let public = rsa.public_key().to_der()?;
                spki::SubjectPublicKeyInfoRef {
                    algorithm: AlgorithmIdentifierRef {
                        oid: RSA_ENCRYPTION,
                        parameters: Some(AnyRef::from(Null)),
                    },
                    subject_public_key: BitStringRef::from_bytes(&public)?,
                }
                .to_der()?
            }
            KeyType::RsassaPss => {
                // The key's own AlgorithmIdentifier (and any PSS parameters
                // in it), as the JDK's RSAPublicKeyImpl keeps it.
                let rsa = pkcs1::RsaPrivateKey::<der::asn1::UintRef<'_>>::from_der(
                    info.private_key.as_bytes(),
                )?;
                let public = rsa.public_key().to_der()?;
                spki::SubjectPublicKeyInfoRef {
                    algorithm: info.algorithm,
                    subject_public_key: BitStringRef::from_bytes(&public)?,
                }
                .to_der()?
            }
            KeyType::Ec { curve } => {
                let ec = EcPrivateKey::from_der(info.private_key.as_bytes())?;
                let Some(point) = ec.public_key else {
                    return Ok(self.derived_public_key());
                };
                spki::SubjectPublicKeyInfoRef {
                    algorithm: AlgorithmIdentifierRef {
                        oid: EC_PUBLIC_KEY,
                        parameters: Some(AnyRef::from(curve)),
                    },
                    subject_public_key: point,
                }
                .to_der()?
            }
            KeyType::Ed25519 | KeyType::Ed448 => {
                let Some(point) = info.public_key else {
                    return Ok(self.derived_public_key());
                };
                spki::SubjectPublicKeyInfoRef {
                    algorithm: AlgorithmIdentifierRef {
                        oid: info.algorithm.oid,
                        parameters: None,
                    },
                    subject_public_key: point,
                }
                .to_der()?
            }
            KeyType::Dsa => return Ok(self.derived_public_key()),
            KeyType::Other(_) => return super::xdh::public_key_der(&self.pkcs8),
        };
        Ok(Some(spki))
    }

    /// True when `cert` carries this key's public half. An error when the
    /// key does not say what its public half is (EC keys without the SEC1
    /// `publicKey` field, EdDSA keys without the PKCS#8 v2 one).
    pub fn matches_certificate(&self, cert: &Certificate) -> Result<bool> {
        let Some(ours) = self.public_key_info()? else {
            return Err(unsupported(format!(
                "{} private keys without their public key: cannot check the key against the certificate",
                self.key_type.name()
            )));
        };
        let theirs_der = cert.spki_der()?;
        let ours = spki::SubjectPublicKeyInfoRef::from_der(&ours)?;
        let theirs = spki::SubjectPublicKeyInfoRef::from_der(&theirs_der)?;
        if ours.algorithm.oid != theirs.algorithm.oid {
            return Ok(false);
        }
        Ok(match &self.key_type {
            KeyType::Rsa | KeyType::RsassaPss => {
                // Compare the numbers, not the bytes, so that a certificate
                // with absent rather than NULL parameters still matches.
                let Some(bits) = theirs.subject_public_key.as_bytes() else {
                    return Ok(false);
                };
                let Some(mine) = ours.subject_public_key.as_bytes() else {
                    return Ok(false);
                };
                match (
                    pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(bits),
                    pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(mine),
                ) {
                    (Ok(t), Ok(o)) => {
                        t.modulus == o.modulus && t.public_exponent == o.public_exponent
                    }
                    _ => false,
                }
            }
            KeyType::Ec { curve } => {
                let their_curve = theirs
                    .algorithm
                    .parameters
                    .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
                their_curve.as_ref() == Some(curve)
                    && theirs.subject_public_key == ours.subject_public_key
            }
            _ => theirs.subject_public_key == ours.subject_public_key,
        })
    }
}

fn classify(info: &pkcs8::PrivateKeyInfoRef<'_>) -> Result<KeyType> {
    let oid = info.algorithm.oid;
    Ok(if oid == RSA_ENCRYPTION {
        KeyType::Rsa
    } else if oid == RSASSA_PSS {
        KeyType::RsassaPss
    } else if oid == EC_PUBLIC_KEY {
        let params = info.algorithm.parameters.ok_or_else(|| {
            Error::malformed(
                "PKCS#8 EC private key",
                "no curve in the algorithm identifier",
            )
        })?;
        let curve = params
            .decode_as::<ObjectIdentifier>()
            .map_err(|_| unsupported("explicit EC parameters"))?;
        KeyType::Ec { curve }
    } else if oid == ED25519 {
        KeyType::Ed25519
    } else if oid == ED448 {
        KeyType::Ed448
    } else if oid == super::dsa::DSA {
        KeyType::Dsa
    } else {
        KeyType::Other(oid)
    })
}
