//! Key pairs: generation, loading from PKCS#8, signing, and keytool's signature-algorithm names.
//!
//! RSA, EC on the NIST curves keytool 17 makes (secp256r1, secp384r1,
//! secp521r1), Ed25519, Ed448 and DSA (on keytool's domain parameters,
//! [`dsa`]). Private keys are written as PKCS#8 in the exact
//! form keytool writes them (see [`PrivateKey::to_pkcs8_der`]); any PKCS#8
//! form OpenSSL or keytool writes is read.

pub mod dsa;
pub mod file;
pub mod xdh;

use crate::error::{Error, Result};
use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Any, Decode, Encode};
use pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::RsaPrivateKey;
use rsa::traits::PublicKeyParts;
use sha2::Digest;
use spki::AlgorithmIdentifierOwned;
use std::fmt;
use zeroize::Zeroizing;

/// rsaEncryption (PKCS#1).
pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-ecPublicKey (RFC 5480).
pub const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// id-Ed25519 (RFC 8410), both the key and the signature algorithm.
pub const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
/// id-Ed448 (RFC 8410), both the key and the signature algorithm.
pub const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
/// id-RSASSA-PSS (RFC 8017, RFC 4055): both the key (keytool's
/// `-keyalg RSASSA-PSS`) and the signature algorithm.
pub const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// id-mgf1 (RFC 8017).
const MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");

/// A key algorithm keytool's `-keyalg` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// RSA.
    Rsa,
    /// ECDSA keys on a named NIST curve.
    Ec,
    /// Ed25519 (keytool also calls it `EdDSA`).
    Ed25519,
    /// DSA on keytool's domain parameters (1024, 2048 or 3072 bits).
    Dsa,
    /// Ed448 (keytool 17: also `EdDSA` with `-keysize 448`).
    Ed448,
    /// X25519 key agreement (`XDH`): cannot sign, made with `-signer`.
    X25519,
    /// X448 key agreement (`XDH -keysize 448`): cannot sign.
    X448,
    /// An RSA key marked for RSASSA-PSS signatures (`-keyalg RSASSA-PSS`).
    RsassaPss,
}

impl KeyAlgorithm {
    /// Parses a `-keyalg` value, case-insensitively: `RSA`, `EC`, `Ed25519`
    /// or `EdDSA` (which keytool 17 makes Ed25519 unless `-keysize 448`).
    pub fn from_name(name: &str) -> Result<Self> {
        match name.to_ascii_uppercase().as_str() {
            "RSA" => Ok(KeyAlgorithm::Rsa),
            "EC" => Ok(KeyAlgorithm::Ec),
            "ED25519" | "EDDSA" => Ok(KeyAlgorithm::Ed25519),
            "DSA" => Ok(KeyAlgorithm::Dsa),
            "ED448" => Ok(KeyAlgorithm::Ed448),
            "XDH" | "X25519" => Ok(KeyAlgorithm::X25519),
            "X448" => Ok(KeyAlgorithm::X448),
            "RSASSA-PSS" => Ok(KeyAlgorithm::RsassaPss),
            _ => Err(Error::Unsupported(format!("key algorithm {name}"))),
        }
    }

    /// keytool 17's default key size for the algorithm (EC: secp256r1).
    pub fn default_size(self) -> u32 {
        self.default_size_in(crate::generation::Profile::current())
    }

    /// The size keytool of that generation gives a key without `-keysize`
    /// or `-groupname`: RSA 2048 and EC secp256r1 for keytool 17, RSA 3072
    /// and EC secp384r1 for keytool 21 and 25.
    pub fn default_size_in(self, profile: &crate::generation::Profile) -> u32 {
        match self {
            KeyAlgorithm::Rsa | KeyAlgorithm::RsassaPss => profile.default_rsa_bits,
            KeyAlgorithm::Ec => profile.default_ec_bits,
            KeyAlgorithm::Ed25519 => 255,
            // keytool 17 and 25 alike.
            KeyAlgorithm::Dsa => 2048,
            KeyAlgorithm::Ed448 | KeyAlgorithm::X448 => 448,
            KeyAlgorithm::X25519 => 255,
        }
    }

    /// keytool's name.
    pub fn name(self) -> &'static str {
        match self {
            KeyAlgorithm::Rsa => "RSA",
            KeyAlgorithm::Ec => "EC",
            KeyAlgorithm::Ed25519 => "Ed25519",
            KeyAlgorithm::Dsa => "DSA",
            KeyAlgorithm::Ed448 => "Ed448",
            KeyAlgorithm::X25519 => "X25519",
            KeyAlgorithm::X448 => "X448",
            KeyAlgorithm::RsassaPss => "RSASSA-PSS",
        }
    }

    /// True for the key-agreement algorithms, which cannot sign.
    pub fn is_xdh(self) -> bool {
        matches!(self, KeyAlgorithm::X25519 | KeyAlgorithm::X448)
    }

    /// Checks that `alg` signs with keys of this algorithm.
    pub fn check_signature_algorithm(self, alg: SignatureAlgorithm) -> Result<()> {
        if self.is_xdh() {
            return Err(cannot_sign());
        }
        if alg.key_algorithm() == self {
            return Ok(());
        }
        // RSA and RSASSA-PSS keys are both RSA keys: keytool signs with
        // either scheme whatever the key is marked for.
        let rsa_family = |k| matches!(k, KeyAlgorithm::Rsa | KeyAlgorithm::RsassaPss);
        if rsa_family(self) && rsa_family(alg.key_algorithm()) {
            return Ok(());
        }
        let usable = match self {
            KeyAlgorithm::Rsa | KeyAlgorithm::RsassaPss => {
                "SHA256withRSA, SHA384withRSA, SHA512withRSA or RSASSA-PSS"
            }
            KeyAlgorithm::Ec => "SHA256withECDSA, SHA384withECDSA or SHA512withECDSA",
            KeyAlgorithm::Ed25519 => "Ed25519",
            KeyAlgorithm::Dsa => "SHA256withDSA",
            KeyAlgorithm::Ed448 => "Ed448",
            KeyAlgorithm::X25519 | KeyAlgorithm::X448 => "none",
        };
        // RSA, EC and Ed25519 take "an", DSA "a".
        let article = if self == KeyAlgorithm::Dsa { "a" } else { "an" };
        Err(Error::InvalidInput(format!(
            "Signature algorithm {} cannot be used with {article} {} key (use {usable})",
            alg.name(),
            self.name()
        )))
    }
}

/// A named elliptic curve keytool 17 makes keys on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EcCurve {
    /// secp256r1 (NIST P-256, prime256v1).
    P256,
    /// secp384r1 (NIST P-384).
    P384,
    /// secp521r1 (NIST P-521).
    P521,
}

impl EcCurve {
    /// Every curve, smallest first.
    pub const ALL: [EcCurve; 3] = [EcCurve::P256, EcCurve::P384, EcCurve::P521];

    /// Parses a `-groupname` value as Java's curve database does: the SEC
    /// name (`secp256r1`), the NIST name (`NIST P-256`) or the OID,
    /// case-insensitively.
    pub fn from_name(name: &str) -> Result<Self> {
        let wanted = name.trim().to_ascii_lowercase();
        for c in Self::ALL {
            let nist = format!("nist p-{}", c.bits());
            if wanted == c.name() || wanted == nist || wanted == c.oid().to_string() {
                return Ok(c);
            }
        }
        let known_elsewhere = [
            "secp256k1",
            "secp224r1",
            "secp192r1",
            "brainpoolp256r1",
            "brainpoolp384r1",
            "brainpoolp512r1",
            "x25519",
            "x448",
        ];
        if known_elsewhere.contains(&wanted.as_str()) {
            Err(Error::Unsupported(format!(
                "curve {name}: use secp256r1, secp384r1 or secp521r1"
            )))
        } else {
            Err(Error::InvalidInput(format!(
                "Unknown curve name: {name} (use secp256r1, secp384r1 or secp521r1)"
            )))
        }
    }

    /// The curve for an EC `-keysize`.
    pub fn from_bits(bits: u32) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.bits() == bits)
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "Invalid key size: {bits} bits for EC (use 256, 384 or 521, or -groupname)"
                ))
            })
    }

    /// The curve named by a namedCurve OID.
    pub fn from_oid(oid: &ObjectIdentifier) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.oid() == *oid)
            .ok_or_else(|| Error::Unsupported(format!("EC curve {oid}")))
    }

    /// The SEC name keytool prints: `secp256r1`.
    pub fn name(self) -> &'static str {
        match self {
            EcCurve::P256 => "secp256r1",
            EcCurve::P384 => "secp384r1",
            EcCurve::P521 => "secp521r1",
        }
    }

    /// The namedCurve OID.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            EcCurve::P256 => const { ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7") },
            EcCurve::P384 => const { ObjectIdentifier::new_unwrap("1.3.132.0.34") },
            EcCurve::P521 => const { ObjectIdentifier::new_unwrap("1.3.132.0.35") },
        }
    }

    /// Field size in bits.
    pub fn bits(self) -> u32 {
        match self {
            EcCurve::P256 => 256,
            EcCurve::P384 => 384,
            EcCurve::P521 => 521,
        }
    }

    /// Length in bytes of a scalar or coordinate.
    fn field_len(self) -> usize {
        (self.bits() as usize).div_ceil(8)
    }
}

/// The message digest of an RSASSA-PSS signature; MGF1 uses the same one
/// and the salt is as long as the digest, as keytool signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PssHash {
    /// SHA-1 (the ASN.1 default; read, never chosen by keytool).
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256: keytool 17's choice up to 3072-bit keys.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl PssHash {
    const ALL: [PssHash; 5] = [
        PssHash::Sha1,
        PssHash::Sha224,
        PssHash::Sha256,
        PssHash::Sha384,
        PssHash::Sha512,
    ];

    /// The digest's OID.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            PssHash::Sha1 => const { ObjectIdentifier::new_unwrap("1.3.14.3.2.26") },
            PssHash::Sha224 => const { ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.4") },
            PssHash::Sha256 => const { ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1") },
            PssHash::Sha384 => const { ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2") },
            PssHash::Sha512 => const { ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3") },
        }
    }

    /// The digest named by `oid`.
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.oid() == *oid)
    }

    /// Output length in bytes, which is also keytool's salt length.
    pub fn output_len(self) -> usize {
        match self {
            PssHash::Sha1 => 20,
            PssHash::Sha224 => 28,
            PssHash::Sha256 => 32,
            PssHash::Sha384 => 48,
            PssHash::Sha512 => 64,
        }
    }

    /// keytool's digest for an RSA key of `bits` in that generation
    /// (`SignatureUtil.getDefaultSigAlgForKey`, the same thresholds as for
    /// `SHAnnnwithRSA`).
    pub fn for_key_bits(bits: u32, profile: &crate::generation::Profile) -> Self {
        if bits <= profile.rsa_sha256_max_bits {
            PssHash::Sha256
        } else if bits <= 7680 {
            PssHash::Sha384
        } else {
            PssHash::Sha512
        }
    }
}

/// RSASSA-PSS parameters (RFC 8017 A.2.3) as read from an
/// AlgorithmIdentifier: the digest (MGF1 must use the same one, as the
/// JDK and OpenSSL write them) and the salt length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PssParams {
    /// Message digest, also MGF1's.
    pub hash: PssHash,
    /// Salt length in bytes.
    pub salt_len: usize,
}

impl PssParams {
    /// Decodes `RSASSA-PSS-params`, with the ASN.1 defaults (SHA-1, MGF1
    /// with SHA-1, salt 20, trailer 1) for absent fields. Digests other than
    /// SHA-1/224/256/384/512, an MGF1 digest unlike the message digest and
    /// a trailer other than 1 are refused as unsupported.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let p = rsa::pkcs1::RsaPssParams::<Any>::from_der(der)
            .map_err(|e| Error::malformed("RSASSA-PSS parameters", e.to_string()))?;
        let hash = PssHash::from_oid(&p.hash.oid)
            .ok_or_else(|| Error::Unsupported(format!("RSASSA-PSS digest {}", p.hash.oid)))?;
        let mgf_hash = p.mask_gen.parameters.as_ref().map(|a| a.oid);
        if p.mask_gen.oid != MGF1 || mgf_hash != Some(hash.oid()) {
            return Err(Error::Unsupported(
                "RSASSA-PSS with a mask generation function other than MGF1 with the message digest"
                    .into(),
            ));
        }
        if p.trailer_field != rsa::pkcs1::TrailerField::BC {
            return Err(Error::Unsupported(
                "RSASSA-PSS trailer field other than 1".into(),
            ));
        }
        Ok(PssParams {
            hash,
            salt_len: usize::from(p.salt_len),
        })
    }

    /// The DER `RSASSA-PSS-params` as keytool writes them: the digest and
    /// MGF1 with NULL parameters, the salt length, no trailer field.
    pub fn to_der(self) -> Result<Vec<u8>> {
        let hash = spki::AlgorithmIdentifierRef {
            oid: self.hash.oid(),
            parameters: Some(AnyRef::NULL),
        };
        let p = rsa::pkcs1::RsaPssParamsRef {
            hash,
            mask_gen: spki::AlgorithmIdentifier {
                oid: MGF1,
                parameters: Some(hash),
            },
            salt_len: u8::try_from(self.salt_len)
                .map_err(|_| Error::InvalidInput("RSASSA-PSS salt too long".into()))?,
            trailer_field: rsa::pkcs1::TrailerField::BC,
        };
        Ok(p.to_der()?)
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
    /// ecdsa-with-SHA1: weak (keytool warns).
    Sha1WithEcdsa,
    /// ecdsa-with-SHA224.
    Sha224WithEcdsa,
    /// ecdsa-with-SHA256.
    Sha256WithEcdsa,
    /// ecdsa-with-SHA384.
    Sha384WithEcdsa,
    /// ecdsa-with-SHA512.
    Sha512WithEcdsa,
    /// Ed25519 (RFC 8410): pure EdDSA, no separate hash.
    Ed25519,
    /// id-dsa-with-sha1: weak (keytool warns).
    Sha1WithDsa,
    /// id-dsa-with-sha224.
    Sha224WithDsa,
    /// id-dsa-with-sha256: keytool's default for DSA keys.
    Sha256WithDsa,
    /// id-dsa-with-sha384.
    Sha384WithDsa,
    /// id-dsa-with-sha512.
    Sha512WithDsa,
    /// Ed448 (RFC 8410): pure EdDSA, no separate hash.
    Ed448,
    /// RSASSA-PSS with this digest for message and MGF1 and a salt as long
    /// as the digest. `-sigalg RSASSA-PSS` names no digest: the signing
    /// functions ([`crate::cert::issue`], [`crate::csr::create`]) take the
    /// one keytool picks for the key ([`SignatureAlgorithm::for_key`]).
    RsassaPss(PssHash),
}

impl SignatureAlgorithm {
    /// Parses a `-sigalg` value, case-insensitively. `EdDSA` means Ed25519, as
    /// keytool takes it with an Ed25519 key.
    pub fn from_name(name: &str) -> Result<Self> {
        match name.to_ascii_uppercase().as_str() {
            "SHA1WITHRSA" => Ok(SignatureAlgorithm::Sha1WithRsa),
            "SHA256WITHRSA" => Ok(SignatureAlgorithm::Sha256WithRsa),
            "SHA384WITHRSA" => Ok(SignatureAlgorithm::Sha384WithRsa),
            "SHA512WITHRSA" => Ok(SignatureAlgorithm::Sha512WithRsa),
            "SHA1WITHECDSA" => Ok(SignatureAlgorithm::Sha1WithEcdsa),
            "SHA224WITHECDSA" => Ok(SignatureAlgorithm::Sha224WithEcdsa),
            "SHA256WITHECDSA" => Ok(SignatureAlgorithm::Sha256WithEcdsa),
            "SHA384WITHECDSA" => Ok(SignatureAlgorithm::Sha384WithEcdsa),
            "SHA512WITHECDSA" => Ok(SignatureAlgorithm::Sha512WithEcdsa),
            "ED25519" | "EDDSA" => Ok(SignatureAlgorithm::Ed25519),
            "SHA1WITHDSA" => Ok(SignatureAlgorithm::Sha1WithDsa),
            "SHA224WITHDSA" => Ok(SignatureAlgorithm::Sha224WithDsa),
            "SHA256WITHDSA" => Ok(SignatureAlgorithm::Sha256WithDsa),
            "SHA384WITHDSA" => Ok(SignatureAlgorithm::Sha384WithDsa),
            "SHA512WITHDSA" => Ok(SignatureAlgorithm::Sha512WithDsa),
            "ED448" => Ok(SignatureAlgorithm::Ed448),
            "RSASSA-PSS" => Ok(SignatureAlgorithm::RsassaPss(PssHash::Sha256)),
            _ => Err(Error::Unsupported(format!("signature algorithm {name}"))),
        }
    }

    /// keytool's name, e.g. `SHA256withRSA`, `SHA256withECDSA`, `Ed25519`.
    pub fn name(self) -> &'static str {
        match self {
            SignatureAlgorithm::Sha1WithRsa => "SHA1withRSA",
            SignatureAlgorithm::Sha256WithRsa => "SHA256withRSA",
            SignatureAlgorithm::Sha384WithRsa => "SHA384withRSA",
            SignatureAlgorithm::Sha512WithRsa => "SHA512withRSA",
            SignatureAlgorithm::Sha1WithEcdsa => "SHA1withECDSA",
            SignatureAlgorithm::Sha224WithEcdsa => "SHA224withECDSA",
            SignatureAlgorithm::Sha256WithEcdsa => "SHA256withECDSA",
            SignatureAlgorithm::Sha384WithEcdsa => "SHA384withECDSA",
            SignatureAlgorithm::Sha512WithEcdsa => "SHA512withECDSA",
            SignatureAlgorithm::Ed25519 => "Ed25519",
            SignatureAlgorithm::Sha1WithDsa => "SHA1withDSA",
            SignatureAlgorithm::Sha224WithDsa => "SHA224withDSA",
            SignatureAlgorithm::Sha256WithDsa => "SHA256withDSA",
            SignatureAlgorithm::Sha384WithDsa => "SHA384withDSA",
            SignatureAlgorithm::Sha512WithDsa => "SHA512withDSA",
            SignatureAlgorithm::Ed448 => "Ed448",
            SignatureAlgorithm::RsassaPss(_) => "RSASSA-PSS",
        }
    }

    /// The algorithm's OID.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            SignatureAlgorithm::Sha1WithRsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5") }
            }
            SignatureAlgorithm::Sha256WithRsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11") }
            }
            SignatureAlgorithm::Sha384WithRsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12") }
            }
            SignatureAlgorithm::Sha512WithRsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13") }
            }
            SignatureAlgorithm::Sha1WithEcdsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.10045.4.1") }
            }
            SignatureAlgorithm::Sha224WithEcdsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.1") }
            }
            SignatureAlgorithm::Sha256WithEcdsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2") }
            }
            SignatureAlgorithm::Sha384WithEcdsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3") }
            }
            SignatureAlgorithm::Sha512WithEcdsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4") }
            }
            SignatureAlgorithm::Ed25519 => ED25519,
            SignatureAlgorithm::Sha1WithDsa => {
                const { ObjectIdentifier::new_unwrap("1.2.840.10040.4.3") }
            }
            SignatureAlgorithm::Sha224WithDsa => {
                const { ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.1") }
            }
            SignatureAlgorithm::Sha256WithDsa => {
                const { ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.2") }
            }
            SignatureAlgorithm::Sha384WithDsa => {
                const { ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.3") }
            }
            SignatureAlgorithm::Sha512WithDsa => {
                const { ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.4") }
            }
            SignatureAlgorithm::Ed448 => ED448,
            SignatureAlgorithm::RsassaPss(_) => RSASSA_PSS,
        }
    }

    /// The algorithm named by a signatureAlgorithm OID, if we know it
    /// (RSASSA-PSS with its SHA-1 default: its parameters name the digest).
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        use SignatureAlgorithm::*;
        [
            Sha1WithRsa,
            Sha256WithRsa,
            Sha384WithRsa,
            Sha512WithRsa,
            Sha1WithEcdsa,
            Sha224WithEcdsa,
            Sha256WithEcdsa,
            Sha384WithEcdsa,
            Sha512WithEcdsa,
            Ed25519,
            Sha1WithDsa,
            Sha224WithDsa,
            Sha256WithDsa,
            Sha384WithDsa,
            Sha512WithDsa,
            Ed448,
            RsassaPss(PssHash::Sha1),
        ]
        .into_iter()
        .find(|a| a.oid() == *oid)
    }

    /// The AlgorithmIdentifier as keytool writes it: NULL parameters for RSA,
    /// none for ECDSA (RFC 5758 §3.2), DSA (RFC 3279 §2.2.2, RFC 5758 §3.1)
    /// and Ed25519 (RFC 8410 §3); for RSASSA-PSS the digest, MGF1 with the
    /// same digest and the salt length, each written out (RFC 4055 §3.1).
    pub fn algorithm_identifier(self) -> Result<AlgorithmIdentifierOwned> {
        let parameters = match self.key_algorithm() {
            KeyAlgorithm::Rsa => Some(Any::null()),
            KeyAlgorithm::RsassaPss => {
                let hash = match self {
                    SignatureAlgorithm::RsassaPss(h) => h,
                    _ => PssHash::Sha256,
                };
                let params = PssParams {
                    hash,
                    salt_len: hash.output_len(),
                };
                Some(Any::from_der(&params.to_der()?)?)
            }
            KeyAlgorithm::Ec
            | KeyAlgorithm::Ed25519
            | KeyAlgorithm::Dsa
            | KeyAlgorithm::Ed448
            | KeyAlgorithm::X25519
            | KeyAlgorithm::X448 => None,
        };
        Ok(AlgorithmIdentifierOwned {
            oid: self.oid(),
            parameters,
        })
    }

    /// The algorithm as keytool signs with it using `key`: RSASSA-PSS takes
    /// the digest keytool picks for the key (see [`PssHash::for_key_bits`]);
    /// the others are unchanged.
    pub fn for_key(self, key: &PrivateKey) -> Self {
        match self {
            SignatureAlgorithm::RsassaPss(_) => SignatureAlgorithm::RsassaPss(
                PssHash::for_key_bits(key.bits(), crate::generation::Profile::current()),
            ),
            other => other,
        }
    }

    /// The key algorithm this signature needs.
    pub fn key_algorithm(self) -> KeyAlgorithm {
        match self {
            SignatureAlgorithm::Sha1WithRsa
            | SignatureAlgorithm::Sha256WithRsa
            | SignatureAlgorithm::Sha384WithRsa
            | SignatureAlgorithm::Sha512WithRsa => KeyAlgorithm::Rsa,
            SignatureAlgorithm::Sha1WithEcdsa
            | SignatureAlgorithm::Sha224WithEcdsa
            | SignatureAlgorithm::Sha256WithEcdsa
            | SignatureAlgorithm::Sha384WithEcdsa
            | SignatureAlgorithm::Sha512WithEcdsa => KeyAlgorithm::Ec,
            SignatureAlgorithm::Ed25519 => KeyAlgorithm::Ed25519,
            SignatureAlgorithm::Sha1WithDsa
            | SignatureAlgorithm::Sha224WithDsa
            | SignatureAlgorithm::Sha256WithDsa
            | SignatureAlgorithm::Sha384WithDsa
            | SignatureAlgorithm::Sha512WithDsa => KeyAlgorithm::Dsa,
            SignatureAlgorithm::Ed448 => KeyAlgorithm::Ed448,
            SignatureAlgorithm::RsassaPss(_) => KeyAlgorithm::RsassaPss,
        }
    }

    /// keytool's default for a key in the current generation (see
    /// [`SignatureAlgorithm::default_for_in`]); Ed25519 for Ed25519.
    pub fn default_for(key: &PrivateKey) -> Self {
        Self::default_for_in(key, crate::generation::Profile::current())
    }

    /// keytool's default for a key in that generation
    /// (`SignatureUtil.getDefaultSigAlgForKey`): keytool 17 signs RSA keys
    /// up to 3072 bits and EC keys below 384 bits with SHA-256, keytool 21
    /// and 25 with SHA-384; larger keys get SHA-384 (RSA up to 7680 bits,
    /// EC below 512) or SHA-512 alike.
    pub fn default_for_in(key: &PrivateKey, profile: &crate::generation::Profile) -> Self {
        let bits = key.bits();
        match key {
            PrivateKey::Rsa(_) => {
                if bits <= profile.rsa_sha256_max_bits {
                    SignatureAlgorithm::Sha256WithRsa
                } else if bits <= 7680 {
                    SignatureAlgorithm::Sha384WithRsa
                } else {
                    SignatureAlgorithm::Sha512WithRsa
                }
            }
            PrivateKey::P256(_) | PrivateKey::P384(_) | PrivateKey::P521(_) => {
                if bits <= profile.ec_sha256_max_bits {
                    SignatureAlgorithm::Sha256WithEcdsa
                } else if bits < 512 {
                    SignatureAlgorithm::Sha384WithEcdsa
                } else {
                    SignatureAlgorithm::Sha512WithEcdsa
                }
            }
            PrivateKey::Ed25519(_) => SignatureAlgorithm::Ed25519,
            // ifcFfcStrength: SHA-256 up to 3072 bits, the largest DSA key.
            PrivateKey::Dsa(_) => SignatureAlgorithm::Sha256WithDsa,
            PrivateKey::Ed448(_) => SignatureAlgorithm::Ed448,
            PrivateKey::RsaPss(_) => {
                SignatureAlgorithm::RsassaPss(PssHash::for_key_bits(bits, profile))
            }
        }
    }

    /// The message digest of an ECDSA algorithm; `None` for the others.
    fn ecdsa_digest(self, message: &[u8]) -> Option<Vec<u8>> {
        Some(match self {
            SignatureAlgorithm::Sha1WithEcdsa => sha1::Sha1::digest(message).to_vec(),
            SignatureAlgorithm::Sha224WithEcdsa => sha2::Sha224::digest(message).to_vec(),
            SignatureAlgorithm::Sha256WithEcdsa => sha2::Sha256::digest(message).to_vec(),
            SignatureAlgorithm::Sha384WithEcdsa => sha2::Sha384::digest(message).to_vec(),
            SignatureAlgorithm::Sha512WithEcdsa => sha2::Sha512::digest(message).to_vec(),
            _ => return None,
        })
    }
}

/// The per-curve ECDSA operations, one module per RustCrypto curve crate.
macro_rules! ec_curve {
    ($module:ident, $curve:ident) => {
        mod $module {
            use super::{Error, Result};
            use ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
            use pkcs8::{DecodePrivateKey, EncodePublicKey};
            use zeroize::Zeroizing;

            pub type Key = $curve::ecdsa::SigningKey;

            pub fn generate() -> Key {
                use $curve::elliptic_curve::Generate;
                Key::generate_from_rng(&mut rand::rng())
            }

            pub fn from_pkcs8(der: &[u8]) -> Result<Key> {
                Key::from_pkcs8_der(der)
                    .map_err(|e| Error::malformed("PKCS#8 EC private key", e.to_string()))
            }

            /// SEC1 `ECPrivateKey` as OpenSSL writes it: curve and public key inside.
            pub fn sec1_der(key: &Key) -> Result<Zeroizing<Vec<u8>>> {
                $curve::SecretKey::from(key)
                    .to_sec1_der()
                    .map_err(|e| Error::Crypto(format!("SEC1 encoding: {e}")))
            }

            /// The private scalar, big-endian, fixed length.
            pub fn scalar(key: &Key) -> Zeroizing<Vec<u8>> {
                Zeroizing::new(key.to_bytes().to_vec())
            }

            pub fn public_key_der(key: &Key) -> Result<Vec<u8>> {
                Ok(key
                    .verifying_key()
                    .to_public_key_der()
                    .map_err(|e| Error::Crypto(format!("public key encoding: {e}")))?
                    .into_vec())
            }

            /// r ‖ s, each fixed length.
            pub fn sign_prehash(key: &Key, prehash: &[u8]) -> Result<Vec<u8>> {
                let sig: $curve::ecdsa::Signature = key
                    .sign_prehash(prehash)
                    .map_err(|e| Error::Crypto(format!("ECDSA signing: {e}")))?;
                Ok(sig.to_bytes().to_vec())
            }

            /// Verifies r ‖ s (fixed length) with the SEC1 point `point`.
            pub fn verify_prehash(point: &[u8], prehash: &[u8], rs: &[u8]) -> Result<()> {
                let key = $curve::ecdsa::VerifyingKey::from_sec1_bytes(point)
                    .map_err(|_| Error::malformed("EC public key", "not a point on the curve"))?;
                let sig = $curve::ecdsa::Signature::from_slice(rs)
                    .map_err(|_| Error::Crypto("signature does not verify".into()))?;
                key.verify_prehash(prehash, &sig)
                    .map_err(|_| Error::Crypto("signature does not verify".into()))
            }
        }
    };
}

ec_curve!(ec_p256, p256);
ec_curve!(ec_p384, p384);
ec_curve!(ec_p521, p521);

/// keytool's words for a key that cannot sign (`-keyalg XDH` without `-signer`).
fn cannot_sign() -> Error {
    Error::InvalidInput("Cannot derive signature algorithm from XDH".into())
}

/// A private key we can sign with. Debug never shows key material.
#[derive(Clone)]
pub enum PrivateKey {
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

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrivateKey::Rsa(k) => write!(f, "PrivateKey::Rsa({} bits, <redacted>)", k.size() * 8),
            PrivateKey::RsaPss(k) => {
                write!(f, "PrivateKey::RsaPss({} bits, <redacted>)", k.size() * 8)
            }
            PrivateKey::P256(_) => f.write_str("PrivateKey::P256(<redacted>)"),
            PrivateKey::P384(_) => f.write_str("PrivateKey::P384(<redacted>)"),
            PrivateKey::P521(_) => f.write_str("PrivateKey::P521(<redacted>)"),
            PrivateKey::Ed25519(_) => f.write_str("PrivateKey::Ed25519(<redacted>)"),
            PrivateKey::Ed448(_) => f.write_str("PrivateKey::Ed448(<redacted>)"),
            PrivateKey::Dsa(k) => write!(
                f,
                "PrivateKey::Dsa({} bits, <redacted>)",
                crate::keys::dsa::bits(k)
            ),
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

impl PrivateKey {
    /// Generates a key pair as `-genkeypair` does: RSA of `size` bits, EC on
    /// the curve of `size` bits (256, 384, 521), or Ed25519 (`size` 255).
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
            KeyAlgorithm::RsassaPss => match Self::generate(KeyAlgorithm::Rsa, size) {
                Ok(PrivateKey::Rsa(k)) => Ok(PrivateKey::RsaPss(k)),
                Ok(_) => Err(Error::Crypto("RSA key generation".into())),
                Err(Error::InvalidInput(_)) => Err(Error::InvalidInput(format!(
                    "Invalid key size: {size} bits for RSASSA-PSS"
                ))),
                Err(e) => Err(e),
            },
            KeyAlgorithm::Ec => Ok(Self::generate_ec(EcCurve::from_bits(size)?)),
            KeyAlgorithm::Ed448 => {
                if size != 448 {
                    return Err(Error::InvalidInput(format!(
                        "Invalid key size: {size} bits for Ed448 (it is always 448)"
                    )));
                }
                Ok(Self::generate_ed448())
            }
            KeyAlgorithm::Ed25519 => {
                if size != 255 {
                    return Err(Error::InvalidInput(format!(
                        "Invalid key size: {size} bits for Ed25519 (it is always 255)"
                    )));
                }
                Ok(Self::generate_ed25519())
            }
            KeyAlgorithm::Dsa => Ok(PrivateKey::Dsa(crate::keys::dsa::generate(size)?)),
            KeyAlgorithm::X25519 | KeyAlgorithm::X448 => Err(cannot_sign()),
        }
    }

    /// Generates an EC key on `curve`.
    pub fn generate_ec(curve: EcCurve) -> Self {
        match curve {
            EcCurve::P256 => PrivateKey::P256(ec_p256::generate()),
            EcCurve::P384 => PrivateKey::P384(ec_p384::generate()),
            EcCurve::P521 => PrivateKey::P521(ec_p521::generate()),
        }
    }

    /// Generates an Ed25519 key.
    pub fn generate_ed25519() -> Self {
        let mut seed = Zeroizing::new([0u8; 32]);
        rand::fill(&mut seed[..]);
        PrivateKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// Generates an Ed448 key.
    pub fn generate_ed448() -> Self {
        let mut seed = Zeroizing::new(ed448_goldilocks::SecretKey::default());
        rand::fill(&mut seed[..]);
        PrivateKey::Ed448(ed448_goldilocks::SigningKey::from(&*seed))
    }

    /// Loads a PKCS#8 `PrivateKeyInfo` (v1 or v2, with or without the public
    /// key and curve parameters inside an EC key).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(der)
            .map_err(|e| Error::malformed("PKCS#8 private key", e.to_string()))?;
        let oid = info.algorithm.oid;
        if oid == RSA_ENCRYPTION {
            let key = RsaPrivateKey::from_pkcs8_der(der)
                .map_err(|e| Error::malformed("PKCS#8 RSA private key", e.to_string()))?;
            Ok(PrivateKey::Rsa(key))
        } else if oid == RSASSA_PSS {
            if info.algorithm.parameters.is_some() {
                // OpenSSL's `-pkeyopt rsa_pss_keygen_md:…` keys: signatures
                // restricted to the parameters, which we do not carry.
                return Err(Error::Unsupported(
                    "RSASSA-PSS key restricted by parameters".into(),
                ));
            }
            let key = RsaPrivateKey::from_pkcs8_der(der)
                .map_err(|e| Error::malformed("PKCS#8 RSASSA-PSS private key", e.to_string()))?;
            Ok(PrivateKey::RsaPss(key))
        } else if oid == EC_PUBLIC_KEY {
            let curve_oid = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                .ok_or_else(|| Error::Unsupported("explicit EC parameters".into()))?;
            Ok(match EcCurve::from_oid(&curve_oid)? {
                EcCurve::P256 => PrivateKey::P256(ec_p256::from_pkcs8(der)?),
                EcCurve::P384 => PrivateKey::P384(ec_p384::from_pkcs8(der)?),
                EcCurve::P521 => PrivateKey::P521(ec_p521::from_pkcs8(der)?),
            })
        } else if oid == ED25519 {
            let key = ed25519_dalek::SigningKey::from_pkcs8_der(der)
                .map_err(|e| Error::malformed("PKCS#8 Ed25519 private key", e.to_string()))?;
            Ok(PrivateKey::Ed25519(key))
        } else if oid == crate::keys::dsa::DSA {
            Ok(PrivateKey::Dsa(crate::keys::dsa::from_pkcs8(der)?))
        } else if crate::keys::xdh::is_xdh(&oid) {
            Err(Error::InvalidInput(
                "Cannot derive signature algorithm: an XDH (X25519, X448) key cannot sign".into(),
            ))
        } else if oid == ED448 {
            let key = ed448_goldilocks::SigningKey::try_from(info)
                .map_err(|e| Error::malformed("PKCS#8 Ed448 private key", e.to_string()))?;
            Ok(PrivateKey::Ed448(key))
        } else {
            Err(Error::Unsupported(format!("private key algorithm {oid}")))
        }
    }

    /// Loads a SEC1 `ECPrivateKey` (OpenSSL's `EC PRIVATE KEY`), which must
    /// name its curve; a public key in it must match the private key.
    pub fn from_sec1_der(der: &[u8]) -> Result<Self> {
        let key = crate::keys::file::PrivateKey::from_sec1_der(der)?;
        Self::from_pkcs8_der(key.pkcs8_der())
    }

    /// SEC1 `ECPrivateKey` DER of an EC key, as OpenSSL writes `EC PRIVATE
    /// KEY`: with the named curve and the public key; wiped on drop.
    pub fn to_sec1_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        match self {
            PrivateKey::P256(k) => ec_p256::sec1_der(k),
            PrivateKey::P384(k) => ec_p384::sec1_der(k),
            PrivateKey::P521(k) => ec_p521::sec1_der(k),
            PrivateKey::Rsa(_)
            | PrivateKey::RsaPss(_)
            | PrivateKey::Ed25519(_)
            | PrivateKey::Dsa(_)
            | PrivateKey::Ed448(_) => Err(Error::InvalidInput(format!(
                "SEC1 (EC PRIVATE KEY) holds EC keys only, not {} keys",
                self.algorithm().name()
            ))),
        }
    }

    /// PKCS#8 DER, wiped on drop, in the form keytool 17 and 25 write: a v1
    /// `PrivateKeyInfo`; for EC, the namedCurve in the AlgorithmIdentifier and
    /// an `ECPrivateKey` holding only the fixed-length scalar; for Ed25519,
    /// the 32-byte seed (RFC 8410) and no public key. keytool, OpenSSL and
    /// the RustCrypto crates all read it.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        match self {
            PrivateKey::Rsa(k) => {
                let doc = k
                    .to_pkcs8_der()
                    .map_err(|e| Error::Crypto(format!("PKCS#8 encoding: {e}")))?;
                Ok(Zeroizing::new(doc.as_bytes().to_vec()))
            }
            PrivateKey::RsaPss(k) => {
                // As keytool writes it: id-RSASSA-PSS without parameters
                // around the PKCS#1 RSAPrivateKey.
                use rsa::pkcs1::EncodeRsaPrivateKey;
                let inner = k
                    .to_pkcs1_der()
                    .map_err(|e| Error::Crypto(format!("PKCS#1 encoding: {e}")))?;
                pkcs8_v1_with(RSASSA_PSS, None, inner.as_bytes())
            }
            PrivateKey::P256(_) | PrivateKey::P384(_) | PrivateKey::P521(_) => {
                let scalar = match self {
                    PrivateKey::P256(k) => ec_p256::scalar(k),
                    PrivateKey::P384(k) => ec_p384::scalar(k),
                    PrivateKey::P521(k) => ec_p521::scalar(k),
                    _ => return Err(Error::Crypto("not an EC key".into())),
                };
                // As Java writes it: the curve in the AlgorithmIdentifier, no public key.
                let sec1 = crate::keys::file::EcPrivateKey {
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
            PrivateKey::Ed25519(k) => {
                let seed = Zeroizing::new(k.to_bytes());
                let mut inner = Zeroizing::new(Vec::new());
                OctetStringRef::new(&seed[..])?.encode_to_vec(&mut inner)?;
                pkcs8_v1(ED25519, None, &inner)
            }
            PrivateKey::Dsa(k) => crate::keys::dsa::to_pkcs8(k),
            PrivateKey::Ed448(k) => {
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
        let enc = |e: spki::Error| Error::Crypto(format!("public key encoding: {e}"));
        match self {
            PrivateKey::Rsa(k) => Ok(k
                .to_public_key()
                .to_public_key_der()
                .map_err(enc)?
                .into_vec()),
            PrivateKey::RsaPss(k) => {
                use rsa::pkcs1::EncodeRsaPublicKey;
                let inner = k
                    .to_public_key()
                    .to_pkcs1_der()
                    .map_err(|e| Error::Crypto(format!("public key encoding: {e}")))?;
                let info = spki::SubjectPublicKeyInfoRef {
                    algorithm: spki::AlgorithmIdentifier {
                        oid: RSASSA_PSS,
                        parameters: None,
                    },
                    subject_public_key: BitStringRef::from_bytes(inner.as_bytes())?,
                };
                Ok(info.to_der()?)
            }
            PrivateKey::P256(k) => ec_p256::public_key_der(k),
            PrivateKey::P384(k) => ec_p384::public_key_der(k),
            PrivateKey::P521(k) => ec_p521::public_key_der(k),
            PrivateKey::Ed25519(k) => {
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
            PrivateKey::Dsa(k) => crate::keys::dsa::public_key_der(k),
            PrivateKey::Ed448(k) => {
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
            PrivateKey::Rsa(_) => KeyAlgorithm::Rsa,
            PrivateKey::P256(_) | PrivateKey::P384(_) | PrivateKey::P521(_) => KeyAlgorithm::Ec,
            PrivateKey::Ed25519(_) => KeyAlgorithm::Ed25519,
            PrivateKey::Dsa(_) => KeyAlgorithm::Dsa,
            PrivateKey::Ed448(_) => KeyAlgorithm::Ed448,
            PrivateKey::RsaPss(_) => KeyAlgorithm::RsassaPss,
        }
    }

    /// The curve of an EC key.
    pub fn curve(&self) -> Option<EcCurve> {
        match self {
            PrivateKey::P256(_) => Some(EcCurve::P256),
            PrivateKey::P384(_) => Some(EcCurve::P384),
            PrivateKey::P521(_) => Some(EcCurve::P521),
            PrivateKey::Rsa(_)
            | PrivateKey::RsaPss(_)
            | PrivateKey::Ed25519(_)
            | PrivateKey::Dsa(_)
            | PrivateKey::Ed448(_) => None,
        }
    }

    /// Key size in bits, as keytool counts it (Ed25519: 255).
    pub fn bits(&self) -> u32 {
        match self {
            PrivateKey::Rsa(k) | PrivateKey::RsaPss(k) => (k.size() * 8) as u32,
            PrivateKey::Ed25519(_) => 255,
            PrivateKey::Dsa(k) => crate::keys::dsa::bits(k),
            PrivateKey::Ed448(_) => 448,
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

    /// Signs `message` with `alg`. ECDSA signatures come DER-encoded
    /// (`Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`, RFC 3279), as
    /// X.509 and PKCS#10 carry them.
    pub fn sign(&self, alg: SignatureAlgorithm, message: &[u8]) -> Result<Vec<u8>> {
        use rsa::signature::{SignatureEncoding, Signer};
        self.check_signature_algorithm(alg)?;
        let ecdsa = |sign: &dyn Fn(&[u8]) -> Result<Vec<u8>>| -> Result<Vec<u8>> {
            let digest = alg
                .ecdsa_digest(message)
                .ok_or_else(|| Error::Crypto(format!("{} is not ECDSA", alg.name())))?;
            ecdsa_der(&sign(&digest)?)
        };
        match self {
            PrivateKey::Rsa(k) | PrivateKey::RsaPss(k) => {
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
                        return Err(Error::Crypto(format!("{} is not RSA", other.name())));
                    }
                };
                sig.map_err(|e| Error::Crypto(format!("signing: {e}")))
            }
            PrivateKey::P256(k) => ecdsa(&|d| ec_p256::sign_prehash(k, d)),
            PrivateKey::P384(k) => ecdsa(&|d| ec_p384::sign_prehash(k, d)),
            PrivateKey::P521(k) => ecdsa(&|d| ec_p521::sign_prehash(k, d)),
            PrivateKey::Ed25519(k) => {
                use ed25519_dalek::Signer as _;
                Ok(k.sign(message).to_bytes().to_vec())
            }
            PrivateKey::Ed448(k) => Ok(k.sign_raw(message).to_bytes().to_vec()),
            PrivateKey::Dsa(k) => {
                use crate::keys::dsa::sign;
                match alg {
                    SignatureAlgorithm::Sha1WithDsa => sign::<sha1::Sha1>(k, message),
                    SignatureAlgorithm::Sha224WithDsa => sign::<sha2::Sha224>(k, message),
                    SignatureAlgorithm::Sha256WithDsa => sign::<sha2::Sha256>(k, message),
                    SignatureAlgorithm::Sha384WithDsa => sign::<sha2::Sha384>(k, message),
                    SignatureAlgorithm::Sha512WithDsa => sign::<sha2::Sha512>(k, message),
                    other => Err(Error::Crypto(format!("{} is not DSA", other.name()))),
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

/// Verifies an RSASSA-PSS signature under `params`.
fn pss_verify(
    key: rsa::RsaPublicKey,
    params: PssParams,
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    use rsa::signature::Verifier;
    fn with<D>(
        key: rsa::RsaPublicKey,
        salt: usize,
        message: &[u8],
        sig: &rsa::pss::Signature,
    ) -> rsa::signature::Result<()>
    where
        D: Digest + sha2::digest::FixedOutputReset,
    {
        rsa::pss::VerifyingKey::<D>::new_with_salt_len(key, salt).verify(message, sig)
    }
    let bad = || Error::Crypto("signature does not verify".into());
    let sig = rsa::pss::Signature::try_from(signature).map_err(|_| bad())?;
    let salt = params.salt_len;
    match params.hash {
        PssHash::Sha1 => with::<sha1::Sha1>(key, salt, message, &sig),
        PssHash::Sha224 => with::<sha2::Sha224>(key, salt, message, &sig),
        PssHash::Sha256 => with::<sha2::Sha256>(key, salt, message, &sig),
        PssHash::Sha384 => with::<sha2::Sha384>(key, salt, message, &sig),
        PssHash::Sha512 => with::<sha2::Sha512>(key, salt, message, &sig),
    }
    .map_err(|_| bad())
}

/// `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 §2.2.3).
#[derive(der::Sequence)]
struct EcdsaSigValue<'a> {
    r: UintRef<'a>,
    s: UintRef<'a>,
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

/// A DER ECDSA signature as fixed-length r ‖ s for a field of `len` bytes.
fn ecdsa_fixed(der: &[u8], len: usize) -> Option<Vec<u8>> {
    let v = EcdsaSigValue::from_der(der).ok()?;
    let mut out = vec![0u8; 2 * len];
    for (i, n) in [v.r.as_bytes(), v.s.as_bytes()].into_iter().enumerate() {
        let pad = len.checked_sub(n.len())?;
        out.get_mut(i * len + pad..(i + 1) * len)?
            .copy_from_slice(n);
    }
    Some(out)
}

/// Checks that a PKCS#8 key and a SubjectPublicKeyInfo are halves of one pair.
pub fn public_key_matches(key: &PrivateKey, spki_der: &[u8]) -> Result<bool> {
    let ours = key.public_key_der()?;
    let theirs = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
    let ours = spki::SubjectPublicKeyInfoRef::from_der(&ours)?;
    // For EC the curve matters too (secp256k1 points have P-256's length);
    // RSA parameters (NULL or absent) do not.
    let same_curve = ours.algorithm.oid != EC_PUBLIC_KEY
        || ours.algorithm.parameters.map(|p| p.value().to_vec())
            == theirs.algorithm.parameters.map(|p| p.value().to_vec());
    Ok(ours.algorithm.oid == theirs.algorithm.oid
        && same_curve
        && ours.subject_public_key == theirs.subject_public_key)
}

/// Verifies `signature` over `message` with the SubjectPublicKeyInfo `spki_der`
/// under the signature algorithm `alg` (as found in a certificate or request):
/// RSA PKCS#1 v1.5 with SHA-1/224/256/384/512, ECDSA with SHA-1/224/256/384/512
/// on P-256/P-384/P-521, and Ed25519.
pub fn verify_signature(
    spki_der: &[u8],
    alg: &spki::AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    let bad = || Error::Crypto("signature does not verify".into());
    let info = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
    let key_oid = info.algorithm.oid;
    if key_oid == RSA_ENCRYPTION || key_oid == RSASSA_PSS {
        return verify_rsa(spki_der, alg, message, signature);
    }
    let sigalg = SignatureAlgorithm::from_oid(&alg.oid)
        .ok_or_else(|| Error::Unsupported(format!("signature algorithm {}", alg.oid)))?;
    let point = info
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| Error::malformed("public key", "BIT STRING has unused bits"))?;
    if key_oid == EC_PUBLIC_KEY {
        let curve_oid = info
            .algorithm
            .parameters
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
            .ok_or_else(|| Error::Unsupported("EC public key without a named curve".into()))?;
        let curve = EcCurve::from_oid(&curve_oid)?;
        let digest = match sigalg.key_algorithm() {
            KeyAlgorithm::Ec => sigalg.ecdsa_digest(message).ok_or_else(bad)?,
            _ => {
                return Err(Error::InvalidInput(format!(
                    "signature algorithm {} does not go with an EC key",
                    sigalg.name()
                )));
            }
        };
        let rs = ecdsa_fixed(signature, curve.field_len()).ok_or_else(bad)?;
        match curve {
            EcCurve::P256 => ec_p256::verify_prehash(point, &digest, &rs),
            EcCurve::P384 => ec_p384::verify_prehash(point, &digest, &rs),
            EcCurve::P521 => ec_p521::verify_prehash(point, &digest, &rs),
        }
    } else if key_oid == crate::keys::dsa::DSA {
        use crate::keys::dsa::verify;
        match sigalg {
            SignatureAlgorithm::Sha1WithDsa => verify::<sha1::Sha1>(spki_der, message, signature),
            SignatureAlgorithm::Sha224WithDsa => {
                verify::<sha2::Sha224>(spki_der, message, signature)
            }
            SignatureAlgorithm::Sha256WithDsa => {
                verify::<sha2::Sha256>(spki_der, message, signature)
            }
            SignatureAlgorithm::Sha384WithDsa => {
                verify::<sha2::Sha384>(spki_der, message, signature)
            }
            SignatureAlgorithm::Sha512WithDsa => {
                verify::<sha2::Sha512>(spki_der, message, signature)
            }
            other => Err(Error::InvalidInput(format!(
                "signature algorithm {} does not go with a DSA key",
                other.name()
            ))),
        }
    } else if key_oid == ED448 {
        if sigalg != SignatureAlgorithm::Ed448 {
            return Err(Error::InvalidInput(format!(
                "signature algorithm {} does not go with an Ed448 key",
                sigalg.name()
            )));
        }
        let point = <[u8; 57]>::try_from(point)
            .map_err(|_| Error::malformed("Ed448 public key", "not 57 bytes"))?;
        let key = ed448_goldilocks::VerifyingKey::from_bytes(&point)
            .map_err(|_| Error::malformed("Ed448 public key", "not a curve point"))?;
        let sig = ed448_goldilocks::Signature::from_slice(signature).map_err(|_| bad())?;
        key.verify_raw(&sig, message).map_err(|_| bad())
    } else if key_oid == ED25519 {
        if sigalg != SignatureAlgorithm::Ed25519 {
            return Err(Error::InvalidInput(format!(
                "signature algorithm {} does not go with an Ed25519 key",
                sigalg.name()
            )));
        }
        let point: &[u8; 32] = point
            .try_into()
            .map_err(|_| Error::malformed("Ed25519 public key", "not 32 bytes"))?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(point)
            .map_err(|_| Error::malformed("Ed25519 public key", "not a curve point"))?;
        let sig = ed25519_dalek::Signature::from_slice(signature).map_err(|_| bad())?;
        key.verify_strict(message, &sig).map_err(|_| bad())
    } else {
        Err(Error::Unsupported(format!(
            "public key algorithm {key_oid}"
        )))
    }
}

/// RSA PKCS#1 v1.5 verification.
fn verify_rsa(
    spki_der: &[u8],
    alg: &spki::AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &[u8],
) -> Result<()> {
    use rsa::signature::Verifier;
    let bad = || Error::Crypto("signature does not verify".into());
    let oid = alg.oid.to_string();
    let key = rsa_public_key(spki_der)?;
    if alg.oid == RSASSA_PSS {
        let params = alg
            .parameters
            .as_ref()
            .ok_or_else(|| Error::malformed("RSASSA-PSS signature algorithm", "no parameters"))?;
        return pss_verify(
            key,
            PssParams::from_der(&params.to_der()?)?,
            message,
            signature,
        );
    }
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
        other => {
            let name = SignatureAlgorithm::from_oid(&alg.oid)
                .map(|a| a.name().to_string())
                .unwrap_or_else(|| other.to_string());
            return match SignatureAlgorithm::from_oid(&alg.oid) {
                Some(a) if a.key_algorithm() != KeyAlgorithm::Rsa => Err(Error::InvalidInput(
                    format!("signature algorithm {name} does not go with an RSA key"),
                )),
                _ => Err(Error::Unsupported(format!("signature algorithm {name}"))),
            };
        }
    };
    r.map_err(|_| bad())
}

/// The RSA public key of an rsaEncryption or id-RSASSA-PSS
/// SubjectPublicKeyInfo (the latter with or without parameters).
fn rsa_public_key(spki_der: &[u8]) -> Result<rsa::RsaPublicKey> {
    use rsa::pkcs1::DecodeRsaPublicKey;
    let malformed = |e: String| Error::malformed("RSA public key", e);
    let info = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
    if info.algorithm.oid == RSASSA_PSS {
        let bits = info
            .subject_public_key
            .as_bytes()
            .ok_or_else(|| malformed("BIT STRING has unused bits".into()))?;
        return rsa::RsaPublicKey::from_pkcs1_der(bits).map_err(|e| malformed(e.to_string()));
    }
    use spki::DecodePublicKey;
    rsa::RsaPublicKey::from_public_key_der(spki_der).map_err(|e| malformed(e.to_string()))
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

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    // Generated with keytool (OpenJDK 17.0, Debian) and dumped with
    // KeyStore.getKey(...).getEncoded() / getPublicKey().getEncoded():
    //   $ keytool -genkeypair -alias k -dname CN=x -keyalg EC -groupname secp256r1 \
    //       -keystore secp256r1.p12 -storepass changeit
    // (likewise secp521r1, and -keyalg Ed25519). Throwaway test keys.
    const JAVA_P256: &str = "3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420a39362afbe515531d67355065cbdbd17699157e55df6401d92d25e03884af9f2";
    const JAVA_P256_SPKI: &str = "3059301306072a8648ce3d020106082a8648ce3d030107034200040a5f69c69292fd7b446442a2d07aef556c3f916a7614121f8d6a1ba4836f3e593fb67d1d89644d71ccc6973d1467b8de88a1cb50639b7427804ba43e5a9014c4";
    const JAVA_P521: &str = "3060020100301006072a8648ce3d020106052b81040023044930470201010442005df6f12b77836a0bff619b8bfe803fbbe150796771551622b15ba0951da4273e3a1c00d9eb8df5c9663b474ac75b4fd07ef5bedd8e771e2a0a12114f20302b625a";
    const JAVA_ED25519: &str = "302e020100300506032b657004220420147465a05c2e9fe889df45e2fcea0deb7613a5a06df8114b7b65c7eec9622513";
    const JAVA_ED25519_SPKI: &str =
        "302a300506032b6570032100140ce06da26f01e84aab3c027f595703e7f81a9c95471e813118c1da5e6d2adb";
    // Generated with OpenSSL 3.0.19 (public key inside the ECPrivateKey):
    //   $ openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 \
    //       | openssl pkcs8 -topk8 -nocrypt -outform DER
    const OPENSSL_P384: &str = "3081b6020100301006072a8648ce3d020106052b8104002204819e30819b02010104302450339860b8e55d00b3ebaaa20dabb5b00739f0e45f386c58443c64d3d51ce9ecc94303400628c1c3cbd89427fc1dc5a164036200041df75581daef19b0ee019b76177e81e1fee280c399cf1571d849bdfa8d2afc7d0750a96ed6e5ea431efc15f30ba66eb7818ff9dc5fb97fd3b6bd177af1c8b521ad8f2ce2421234ff5917a8f51c2f4a85dacec4e043f345124e488ec7e53be00f";

    #[test]
    fn keytool_pkcs8_round_trips_byte_for_byte() {
        for (der, name, bits) in [
            (JAVA_P256, "EC (secp256r1)", 256),
            (JAVA_P521, "EC (secp521r1)", 521),
            (JAVA_ED25519, "Ed25519", 255),
        ] {
            let der = hex(der);
            let k = PrivateKey::from_pkcs8_der(&der).unwrap();
            assert_eq!(k.display_name(), name);
            assert_eq!(k.bits(), bits);
            assert_eq!(
                k.to_pkcs8_der().unwrap().as_slice(),
                der.as_slice(),
                "{name}"
            );
        }
        let k = PrivateKey::from_pkcs8_der(&hex(JAVA_P256)).unwrap();
        assert_eq!(k.public_key_der().unwrap(), hex(JAVA_P256_SPKI));
        let k = PrivateKey::from_pkcs8_der(&hex(JAVA_ED25519)).unwrap();
        assert_eq!(k.public_key_der().unwrap(), hex(JAVA_ED25519_SPKI));
    }

    #[test]
    fn openssl_pkcs8_with_public_key_is_read_and_written_as_keytool_does() {
        let k = PrivateKey::from_pkcs8_der(&hex(OPENSSL_P384)).unwrap();
        assert_eq!(k.curve(), Some(EcCurve::P384));
        assert_eq!(
            SignatureAlgorithm::default_for(&k),
            SignatureAlgorithm::Sha384WithEcdsa
        );
        let ours = k.to_pkcs8_der().unwrap();
        // v1, namedCurve secp384r1, ECPrivateKey { 1, 48-byte scalar } only.
        assert_eq!(ours.len(), 0x50);
        let prefix = hex("304e020100301006072a8648ce3d020106052b81040022043730350201010430");
        assert_eq!(&ours[..prefix.len()], prefix.as_slice());
        let again = PrivateKey::from_pkcs8_der(&ours).unwrap();
        assert_eq!(again.public_key_der().unwrap(), k.public_key_der().unwrap());
    }

    // Generated with OpenSSL 3.0.19 (SEC1, "EC PRIVATE KEY"), and its public key:
    //   $ openssl ecparam -name secp521r1 -genkey -noout -outform DER
    //   $ openssl ec -inform DER -pubout -outform DER
    const OPENSSL_P521_SEC1: &str = "3081dc0201010442009db8f54f4160c2d13d99b09f74a1c9caa853ac538778656eff45b4b8403669ee0c7a7bfd053e93284f5cfcb42fabd568c74e1ca46cdab398e956acbdf30940c0aba00706052b81040023a18189038186000400adfe9c08905c1d418cef9e709ddce5b0c1673f6f6763f1c5baf3225840e0d283b84164b11b0da86b162b71b32fd2772946c6c10558abf21d5e13641f1d728f40740169c6791d2a1719694207dfdb8c094334c526efdbd40dee7227e6e778382c5e1a52cfe32cb19d6fa7a23a79f2e2466bf67f7c812e7c8e708bb3b0c23ba013c59b2d";
    const OPENSSL_P521_SPKI: &str = "30819b301006072a8648ce3d020106052b81040023038186000400adfe9c08905c1d418cef9e709ddce5b0c1673f6f6763f1c5baf3225840e0d283b84164b11b0da86b162b71b32fd2772946c6c10558abf21d5e13641f1d728f40740169c6791d2a1719694207dfdb8c094334c526efdbd40dee7227e6e778382c5e1a52cfe32cb19d6fa7a23a79f2e2466bf67f7c812e7c8e708bb3b0c23ba013c59b2d";

    #[test]
    fn openssl_sec1_is_read_and_written_byte_for_byte() {
        let k = PrivateKey::from_sec1_der(&hex(OPENSSL_P521_SEC1)).unwrap();
        assert_eq!(k.curve(), Some(EcCurve::P521));
        assert_eq!(k.public_key_der().unwrap(), hex(OPENSSL_P521_SPKI));
        assert_eq!(
            k.to_sec1_der().unwrap().as_slice(),
            hex(OPENSSL_P521_SEC1).as_slice()
        );
        // A public key that is not the private key's is refused.
        let mut wrong = hex(OPENSSL_P521_SEC1);
        let last = wrong.len() - 1;
        wrong[last] ^= 1;
        assert!(PrivateKey::from_sec1_der(&wrong).is_err());
    }

    #[test]
    fn sec1_round_trips_with_curve_and_public_key() {
        let k = PrivateKey::from_pkcs8_der(&hex(OPENSSL_P384)).unwrap();
        let sec1 = k.to_sec1_der().unwrap();
        // The inner ECPrivateKey of OpenSSL's PKCS#8 is exactly this SEC1 form
        // but without [0] parameters.
        let again = PrivateKey::from_sec1_der(&sec1).unwrap();
        assert_eq!(again.public_key_der().unwrap(), k.public_key_der().unwrap());
        assert_eq!(again.to_pkcs8_der().unwrap(), k.to_pkcs8_der().unwrap());
        // No curve: refused.
        let bare = &hex(OPENSSL_P384)[26..];
        assert!(PrivateKey::from_sec1_der(bare).is_err());
        let ed = PrivateKey::generate_ed25519();
        assert!(ed.to_sec1_der().is_err());
    }

    #[test]
    fn every_curve_signs_with_every_ecdsa_digest() {
        use SignatureAlgorithm::*;
        for curve in EcCurve::ALL {
            let k = PrivateKey::generate_ec(curve);
            let spki = k.public_key_der().unwrap();
            for alg in [
                Sha1WithEcdsa,
                Sha224WithEcdsa,
                Sha256WithEcdsa,
                Sha384WithEcdsa,
                Sha512WithEcdsa,
            ] {
                let sig = k.sign(alg, b"tbs").unwrap();
                // DER SEQUENCE of two INTEGERs, at most 2 * (field + 1) + 6 bytes.
                assert_eq!(sig[0], 0x30);
                assert!(sig.len() <= 2 * (curve.field_len() + 1) + 6 + 3);
                let id = alg.algorithm_identifier().unwrap();
                assert!(id.parameters.is_none());
                verify_signature(&spki, &id, b"tbs", &sig).unwrap();
                assert!(verify_signature(&spki, &id, b"tbz", &sig).is_err());
            }
            let rsa_id = Sha256WithRsa.algorithm_identifier().unwrap();
            let sig = k.sign(Sha256WithEcdsa, b"tbs").unwrap();
            assert!(verify_signature(&spki, &rsa_id, b"tbs", &sig).is_err());
        }
    }

    #[test]
    fn ed25519_signs_and_verifies() {
        let k = PrivateKey::generate(KeyAlgorithm::Ed25519, 255).unwrap();
        let spki = k.public_key_der().unwrap();
        let id = SignatureAlgorithm::Ed25519.algorithm_identifier().unwrap();
        assert!(id.parameters.is_none());
        let sig = k.sign(SignatureAlgorithm::Ed25519, b"tbs").unwrap();
        assert_eq!(sig.len(), 64);
        verify_signature(&spki, &id, b"tbs", &sig).unwrap();
        assert!(verify_signature(&spki, &id, b"tbz", &sig).is_err());
        let again = PrivateKey::from_pkcs8_der(&k.to_pkcs8_der().unwrap()).unwrap();
        assert!(public_key_matches(&again, &spki).unwrap());
        assert!(PrivateKey::generate(KeyAlgorithm::Ed25519, 256).is_err());
    }

    #[test]
    fn ed448_and_dsa_sign_and_verify() {
        for (k, alg, id_alg) in [
            (
                PrivateKey::generate(KeyAlgorithm::Ed448, 448).unwrap(),
                SignatureAlgorithm::Ed448,
                114,
            ),
            (
                PrivateKey::generate(KeyAlgorithm::Dsa, 2048).unwrap(),
                SignatureAlgorithm::Sha256WithDsa,
                0,
            ),
        ] {
            assert_eq!(SignatureAlgorithm::default_for(&k), alg);
            let spki = k.public_key_der().unwrap();
            let id = alg.algorithm_identifier().unwrap();
            assert!(id.parameters.is_none());
            let sig = k.sign(alg, b"tbs").unwrap();
            if id_alg > 0 {
                assert_eq!(sig.len(), id_alg);
            }
            verify_signature(&spki, &id, b"tbs", &sig).unwrap();
            assert!(verify_signature(&spki, &id, b"tbz", &sig).is_err());
            let again = PrivateKey::from_pkcs8_der(&k.to_pkcs8_der().unwrap()).unwrap();
            assert!(public_key_matches(&again, &spki).unwrap());
            assert!(!format!("{k:?}").contains("secret"));
        }
        assert!(PrivateKey::generate(KeyAlgorithm::Ed448, 456).is_err());
    }

    #[test]
    fn mismatched_signature_algorithms_are_refused() {
        let ec = PrivateKey::generate_ec(EcCurve::P256);
        let err = ec
            .sign(SignatureAlgorithm::Sha256WithRsa, b"x")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("SHA256withRSA cannot be used with an EC key"),
            "{err}"
        );
        assert!(
            KeyAlgorithm::Rsa
                .check_signature_algorithm(SignatureAlgorithm::Sha256WithEcdsa)
                .is_err()
        );
        assert!(
            KeyAlgorithm::Ed25519
                .check_signature_algorithm(SignatureAlgorithm::Sha512WithEcdsa)
                .is_err()
        );
        let ed = PrivateKey::generate_ed25519();
        assert!(ed.sign(SignatureAlgorithm::Sha256WithEcdsa, b"x").is_err());
    }

    #[test]
    fn names_as_keytool_takes_them() {
        assert_eq!(KeyAlgorithm::from_name("ec").unwrap(), KeyAlgorithm::Ec);
        assert_eq!(
            KeyAlgorithm::from_name("EdDSA").unwrap(),
            KeyAlgorithm::Ed25519
        );
        assert_eq!(KeyAlgorithm::from_name("dsa").unwrap(), KeyAlgorithm::Dsa);
        assert_eq!(
            KeyAlgorithm::from_name("Ed448").unwrap(),
            KeyAlgorithm::Ed448
        );
        assert_eq!(
            KeyAlgorithm::from_name("xdh").unwrap(),
            KeyAlgorithm::X25519
        );
        assert!(KeyAlgorithm::from_name("DSA2").is_err());
        assert_eq!(
            SignatureAlgorithm::from_name("eddsa").unwrap(),
            SignatureAlgorithm::Ed25519
        );
        assert_eq!(EcCurve::from_name("SECP384R1").unwrap(), EcCurve::P384);
        assert_eq!(EcCurve::from_name("NIST P-521").unwrap(), EcCurve::P521);
        assert_eq!(
            EcCurve::from_name("1.2.840.10045.3.1.7").unwrap(),
            EcCurve::P256
        );
        assert!(EcCurve::from_name("prime256v1").is_err());
        assert!(EcCurve::from_name("secp256k1").is_err());
        assert_eq!(EcCurve::from_bits(521).unwrap(), EcCurve::P521);
        assert!(EcCurve::from_bits(255).is_err());
        let (v17, v25) = (
            crate::Generation::Jdk17.profile(),
            crate::Generation::Jdk25.profile(),
        );
        for (c, alg, alg25) in [
            (
                EcCurve::P256,
                SignatureAlgorithm::Sha256WithEcdsa,
                SignatureAlgorithm::Sha384WithEcdsa,
            ),
            (
                EcCurve::P384,
                SignatureAlgorithm::Sha384WithEcdsa,
                SignatureAlgorithm::Sha384WithEcdsa,
            ),
            (
                EcCurve::P521,
                SignatureAlgorithm::Sha512WithEcdsa,
                SignatureAlgorithm::Sha512WithEcdsa,
            ),
        ] {
            let k = PrivateKey::generate_ec(c);
            assert_eq!(SignatureAlgorithm::default_for_in(&k, v17), alg);
            assert_eq!(SignatureAlgorithm::default_for_in(&k, v25), alg25);
            assert_eq!(SignatureAlgorithm::from_oid(&alg.oid()), Some(alg));
        }
    }

    #[test]
    fn debug_shows_no_key_material() {
        let k = PrivateKey::from_pkcs8_der(&hex(JAVA_P256)).unwrap();
        let d = format!("{k:?}");
        assert_eq!(d, "PrivateKey::P256(<redacted>)");
        let k = PrivateKey::from_pkcs8_der(&hex(JAVA_ED25519)).unwrap();
        assert_eq!(format!("{k:?}"), "PrivateKey::Ed25519(<redacted>)");
    }

    #[test]
    fn damaged_keys_are_errors_not_panics() {
        let mut der = hex(JAVA_P256);
        let last = der.len() - 1;
        der.truncate(last);
        assert!(PrivateKey::from_pkcs8_der(&der).is_err());
        // P-256 OID with a P-521-length scalar.
        let mut der = hex(JAVA_P521);
        der[17..22].copy_from_slice(&[0x2a, 0x86, 0x48, 0xce, 0x3d]);
        assert!(PrivateKey::from_pkcs8_der(&der).is_err());
        let spki = hex(JAVA_P256_SPKI);
        let id = SignatureAlgorithm::Sha256WithEcdsa
            .algorithm_identifier()
            .unwrap();
        assert!(verify_signature(&spki, &id, b"x", &[0x30, 0x00]).is_err());
        assert!(verify_signature(&spki, &id, b"x", &[]).is_err());
        assert!(verify_signature(&spki, &id, b"x", &[0x30, 0x06, 2, 1, 0, 2, 1, 0]).is_err());
    }

    // The signature AlgorithmIdentifier of keytool 17's and 25's
    // `-genkeypair -keyalg RSASSA-PSS` certificates (2048 and 3072 bits):
    //   $ keytool -genkeypair -alias p -keyalg RSASSA-PSS -dname CN=p \
    //       -keystore k.p12 -storepass changeit
    const KEYTOOL17_PSS_ID: &str = "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120";
    const KEYTOOL25_PSS_ID: &str = "304106092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a06092a864886f70d010108300d06096086480165030402020500a203020130";

    #[test]
    fn rsassa_pss_as_keytool_writes_it() {
        let id = SignatureAlgorithm::RsassaPss(PssHash::Sha256)
            .algorithm_identifier()
            .unwrap();
        assert_eq!(id.to_der().unwrap(), hex(KEYTOOL17_PSS_ID));
        let id = SignatureAlgorithm::RsassaPss(PssHash::Sha384)
            .algorithm_identifier()
            .unwrap();
        assert_eq!(id.to_der().unwrap(), hex(KEYTOOL25_PSS_ID));
        let params = id.parameters.unwrap().to_der().unwrap();
        assert_eq!(
            PssParams::from_der(&params).unwrap(),
            PssParams {
                hash: PssHash::Sha384,
                salt_len: 48
            }
        );
        let (v17, v25) = (
            crate::Generation::Jdk17.profile(),
            crate::Generation::Jdk25.profile(),
        );
        assert_eq!(PssHash::for_key_bits(2048, v17), PssHash::Sha256);
        assert_eq!(PssHash::for_key_bits(3072, v17), PssHash::Sha256);
        assert_eq!(PssHash::for_key_bits(4096, v17), PssHash::Sha384);
        assert_eq!(PssHash::for_key_bits(2048, v25), PssHash::Sha384);
        assert_eq!(PssHash::for_key_bits(8192, v25), PssHash::Sha512);
    }

    #[test]
    fn rsassa_pss_keys_sign_both_ways_and_round_trip() {
        let k = PrivateKey::generate(KeyAlgorithm::RsassaPss, 1024).unwrap();
        assert_eq!(k.algorithm(), KeyAlgorithm::RsassaPss);
        assert_eq!(k.display_name(), "RSASSA-PSS");
        let spki = k.public_key_der().unwrap();
        // id-RSASSA-PSS without parameters, as keytool writes the key.
        let info = spki::SubjectPublicKeyInfoRef::from_der(&spki).unwrap();
        assert_eq!(
            info.algorithm.to_der().unwrap(),
            hex("300b06092a864886f70d01010a")
        );
        let der = k.to_pkcs8_der().unwrap();
        let info = pkcs8::PrivateKeyInfoRef::from_der(&der).unwrap();
        assert_eq!(
            info.algorithm.to_der().unwrap(),
            hex("300b06092a864886f70d01010a")
        );
        assert!(info.public_key.is_none());
        let again = PrivateKey::from_pkcs8_der(&der).unwrap();
        assert!(public_key_matches(&again, &spki).unwrap());
        for alg in [
            SignatureAlgorithm::RsassaPss(PssHash::Sha256),
            SignatureAlgorithm::RsassaPss(PssHash::Sha384),
            SignatureAlgorithm::Sha256WithRsa,
        ] {
            let id = alg.algorithm_identifier().unwrap();
            let sig = again.sign(alg, b"tbs").unwrap();
            verify_signature(&spki, &id, b"tbs", &sig).unwrap();
            assert!(verify_signature(&spki, &id, b"tbz", &sig).is_err());
        }
        // An RSA key signs with PSS too; the signature names its digest.
        let rsa = PrivateKey::generate(KeyAlgorithm::Rsa, 1024).unwrap();
        let alg = SignatureAlgorithm::from_name("rsassa-pss")
            .unwrap()
            .for_key(&rsa);
        let sig = rsa.sign(alg, b"tbs").unwrap();
        let id = alg.algorithm_identifier().unwrap();
        verify_signature(&rsa.public_key_der().unwrap(), &id, b"tbs", &sig).unwrap();
        // A salt other than the one the parameters name does not verify.
        let short = PssParams {
            hash: PssHash::Sha256,
            salt_len: 20,
        };
        let id_short = AlgorithmIdentifierOwned {
            oid: RSASSA_PSS,
            parameters: Some(Any::from_der(&short.to_der().unwrap()).unwrap()),
        };
        let sig = rsa
            .sign(SignatureAlgorithm::RsassaPss(PssHash::Sha256), b"tbs")
            .unwrap();
        assert!(verify_signature(&rsa.public_key_der().unwrap(), &id_short, b"tbs", &sig).is_err());
        // SHA-512 with a 64-byte salt does not fit a 1024-bit key (as the
        // JDK's "Key is too short").
        assert!(
            k.sign(SignatureAlgorithm::RsassaPss(PssHash::Sha512), b"tbs")
                .is_err()
        );
        assert!(
            KeyAlgorithm::Ec
                .check_signature_algorithm(SignatureAlgorithm::RsassaPss(PssHash::Sha256))
                .is_err()
        );
        assert!(format!("{k:?}").starts_with("PrivateKey::RsaPss(1024 bits"));
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
