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
//! Every key comes back as PKCS#8 DER in a wiped buffer ([`PrivateKey`]),
//! whatever form it was read in; SEC1 keys are wrapped with `id-ecPublicKey`
//! and their curve, as `openssl pkcs8 -topk8` does.
//!
//! The decryption and encryption are [`crate::crypto`]'s, shared with
//! PKCS#12: the same iteration cap ([`MAX_ITERATIONS`], the JDK's
//! 5,000,000; OpenSSL writes 2,048, Java 10,000), the same scrypt bound
//! ([`MAX_SCRYPT_MEMORY`]), the same password bytes and the same errors.
//!
//! Written: PKCS#8, encrypted with PBES2 (PBKDF2-HMAC-SHA256,
//! [`EXPORT_ITERATIONS`] rounds, AES-256-CBC), which OpenSSL 3 and Java 17+
//! both read, or unencrypted.

use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::password::Password;
use der::asn1::{AnyRef, BitStringRef, Null, ObjectIdentifier, OctetString, OctetStringRef};
use der::{Decode, Encode, Sequence};
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use spki::AlgorithmIdentifierRef;
use std::fmt;
use zeroize::Zeroizing;

pub use crate::crypto::MAX_ITERATIONS;
pub use crate::crypto::pbes2::MAX_SCRYPT_MEMORY;

/// How errors name what they were reading.
const FORMAT: &str = "private key";

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

/// PBKDF2-HMAC-SHA256 rounds for keys we write: ten times Java's PKCS12
/// default, well under the caps of OpenSSL 3 and the JDK.
pub const EXPORT_ITERATIONS: u32 = 100_000;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
fn unsupported(what: impl Into<String>) -> Error {
    Error::Unsupported(what.into())
}

fn malformed(detail: impl Into<String>) -> Error {
    Error::malformed("private key", detail)
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
/// Shared with `keygen`, which writes it as Java does (no parameters, no
/// public key: both optional fields absent).
#[derive(Sequence)]
pub(crate) struct EcPrivateKey<'a> {
    /// Always 1.
    pub(crate) version: u8,
    /// The private scalar, big-endian, fixed length.
    pub(crate) private_key: &'a OctetStringRef,
    /// The named curve.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) parameters: Option<AnyRef<'a>>,
    /// The public point.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub(crate) public_key: Option<BitStringRef<'a>>,
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

/// A private key as PKCS#8 `PrivateKeyInfo` DER, wiped on drop, with its type.
#[derive(Clone)]
pub struct PrivateKey {
    pkcs8: Zeroizing<Vec<u8>>,
    key_type: KeyType,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({}, <redacted>)", self.key_type.name())
    }
}

/// The public half computed from the private key, for the algorithms
/// `keygen` signs with (EC on P-256/384/521, Ed25519); None for the others.
fn derived_public_key(pkcs8: &[u8]) -> Option<Vec<u8>> {
    crate::keys::PrivateKey::from_pkcs8_der(pkcs8)
        .ok()?
        .public_key_der()
        .ok()
}

impl PrivateKey {
    /// Checks and classifies PKCS#8 DER (v1 `PrivateKeyInfo` or v2 `OneAsymmetricKey`).
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
            oid: crate::keys::dsa::DSA,
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
                if crate::keys::EcCurve::from_oid(curve).is_err() {
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
    /// the private key for the curves keygen knows (P-256/384/521, Ed25519).
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
                    return Ok(derived_public_key(&self.pkcs8));
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
                    return Ok(derived_public_key(&self.pkcs8));
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
            KeyType::Dsa => return Ok(derived_public_key(&self.pkcs8)),
            KeyType::Other(_) => return crate::keys::xdh::public_key_der(&self.pkcs8),
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
    } else if oid == crate::keys::RSASSA_PSS {
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
    } else if oid == crate::keys::dsa::DSA {
        KeyType::Dsa
    } else {
        KeyType::Other(oid)
    })
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
            return Err(Error::InvalidInput(
                "no private key found in the file".into(),
            ));
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
            return Err(Error::InvalidInput(
                "not a private key: expected PEM, or DER PKCS#8, PKCS#1 or SEC1".into(),
            ));
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
    /// [`Error::WrongPassword`], an algorithm we lack is [`Error::Unsupported`]
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
            Error::Unsupported(_) | Error::NotUsableByJdk(_) => e,
            _ => Error::WrongPassword,
        })?;
        key.check_usable_by_jdk()?;
        Ok(key)
    }
}

fn more_than_one() -> Error {
    Error::InvalidInput("more than one private key in the file".into())
}

fn need(password: Option<&Password>) -> Result<&Password> {
    password
        .ok_or_else(|| Error::InvalidInput("the key is encrypted and no password was given".into()))
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

    fn rsa_pkcs8() -> Zeroizing<Vec<u8>> {
        crate::keys::PrivateKey::generate(crate::keys::KeyAlgorithm::Rsa, 1024)
            .unwrap()
            .to_pkcs8_der()
            .unwrap()
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
        assert!(matches!(file.decrypt(None), Err(Error::InvalidInput(_))));
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
        let k = crate::keys::PrivateKey::from_pkcs8_der(&der).unwrap();
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
            Err(Error::Unsupported(_))
        ));
    }
}
