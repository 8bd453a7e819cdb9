//! keytool's algorithm names: key algorithms (`-keyalg`), named curves
//! (`-groupname`), signature algorithms (`-sigalg`) and RSASSA-PSS
//! parameters, with their OIDs and keytool's defaults.

use super::PrivateKey;
use super::signer::Signer;
use crate::error::{Error, Result};
use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Any, Decode, Encode};
use sha2::Digest;
use spki::AlgorithmIdentifierOwned;

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
            _ => Err(Error::UnsupportedAlgorithm {
                format: "key",
                what: name.to_string(),
            }),
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
        Err(Error::SignatureAlgorithmMismatch {
            algorithm: alg.name().to_string(),
            key: self.name(),
            usable: Some(usable),
        })
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
        Err(Error::UnknownCurve {
            name: name.to_string(),
            known_elsewhere: known_elsewhere.contains(&wanted.as_str()),
        })
    }

    /// The curve for an EC `-keysize`.
    pub fn from_bits(bits: u32) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.bits() == bits)
            .ok_or(Error::InvalidKeyPairSize {
                algorithm: "EC",
                bits,
                hint: Some("use 256, 384 or 521, or -groupname"),
            })
    }

    /// The curve named by a namedCurve OID.
    pub fn from_oid(oid: &ObjectIdentifier) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.oid() == *oid)
            .ok_or_else(|| Error::UnsupportedFeature {
                format: "key",
                feature: format!("EC curve {oid}"),
            })
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
    pub(super) fn field_len(self) -> usize {
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
        let hash = PssHash::from_oid(&p.hash.oid).ok_or_else(|| Error::UnsupportedFeature {
            format: "key",
            feature: format!("RSASSA-PSS digest {}", p.hash.oid),
        })?;
        let mgf_hash = p.mask_gen.parameters.as_ref().map(|a| a.oid);
        if p.mask_gen.oid != MGF1 || mgf_hash != Some(hash.oid()) {
            return Err(Error::UnsupportedFeature {
                format: "key",
                feature: "RSASSA-PSS with a mask generation function other than MGF1 with the message digest"
                    .into(),
            });
        }
        if p.trailer_field != rsa::pkcs1::TrailerField::BC {
            return Err(Error::UnsupportedFeature {
                format: "key",
                feature: "RSASSA-PSS trailer field other than 1".into(),
            });
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
            salt_len: u8::try_from(self.salt_len).map_err(|_| Error::CryptoFailed {
                operation: "RSASSA-PSS parameter encoding",
            })?,
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
    /// functions ([`super::issue()`], [`crate::csr::create`]) take the
    /// one keytool picks for the key ([`SignatureAlgorithm::for_key`]).
    RsassaPss(PssHash),
}

impl SignatureAlgorithm {
    /// Every algorithm, RSASSA-PSS with its ASN.1 default digest (SHA-1).
    const ALL: [SignatureAlgorithm; 17] = {
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
    };

    /// The one table: keytool's name, the OID and the key algorithm it needs.
    fn spec(self) -> (&'static str, ObjectIdentifier, KeyAlgorithm) {
        use KeyAlgorithm as K;
        use SignatureAlgorithm::*;
        const fn oid(s: &str) -> ObjectIdentifier {
            ObjectIdentifier::new_unwrap(s)
        }
        match self {
            Sha1WithRsa => ("SHA1withRSA", const { oid("1.2.840.113549.1.1.5") }, K::Rsa),
            Sha256WithRsa => (
                "SHA256withRSA",
                const { oid("1.2.840.113549.1.1.11") },
                K::Rsa,
            ),
            Sha384WithRsa => (
                "SHA384withRSA",
                const { oid("1.2.840.113549.1.1.12") },
                K::Rsa,
            ),
            Sha512WithRsa => (
                "SHA512withRSA",
                const { oid("1.2.840.113549.1.1.13") },
                K::Rsa,
            ),
            Sha1WithEcdsa => ("SHA1withECDSA", const { oid("1.2.840.10045.4.1") }, K::Ec),
            Sha224WithEcdsa => (
                "SHA224withECDSA",
                const { oid("1.2.840.10045.4.3.1") },
                K::Ec,
            ),
            Sha256WithEcdsa => (
                "SHA256withECDSA",
                const { oid("1.2.840.10045.4.3.2") },
                K::Ec,
            ),
            Sha384WithEcdsa => (
                "SHA384withECDSA",
                const { oid("1.2.840.10045.4.3.3") },
                K::Ec,
            ),
            Sha512WithEcdsa => (
                "SHA512withECDSA",
                const { oid("1.2.840.10045.4.3.4") },
                K::Ec,
            ),
            Ed25519 => ("Ed25519", ED25519, K::Ed25519),
            Sha1WithDsa => ("SHA1withDSA", const { oid("1.2.840.10040.4.3") }, K::Dsa),
            Sha224WithDsa => (
                "SHA224withDSA",
                const { oid("2.16.840.1.101.3.4.3.1") },
                K::Dsa,
            ),
            Sha256WithDsa => (
                "SHA256withDSA",
                const { oid("2.16.840.1.101.3.4.3.2") },
                K::Dsa,
            ),
            Sha384WithDsa => (
                "SHA384withDSA",
                const { oid("2.16.840.1.101.3.4.3.3") },
                K::Dsa,
            ),
            Sha512WithDsa => (
                "SHA512withDSA",
                const { oid("2.16.840.1.101.3.4.3.4") },
                K::Dsa,
            ),
            Ed448 => ("Ed448", ED448, K::Ed448),
            RsassaPss(_) => ("RSASSA-PSS", RSASSA_PSS, K::RsassaPss),
        }
    }

    /// Parses a `-sigalg` value, case-insensitively. `EdDSA` means Ed25519, as
    /// keytool takes it with an Ed25519 key; `RSASSA-PSS` names no digest and
    /// stands for SHA-256 until [`SignatureAlgorithm::for_key`] picks one.
    pub fn from_name(name: &str) -> Result<Self> {
        if name.eq_ignore_ascii_case("EdDSA") {
            return Ok(SignatureAlgorithm::Ed25519);
        }
        match Self::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(name))
        {
            Some(SignatureAlgorithm::RsassaPss(_)) => {
                Ok(SignatureAlgorithm::RsassaPss(PssHash::Sha256))
            }
            Some(a) => Ok(a),
            None => Err(Error::UnsupportedAlgorithm {
                format: "signature",
                what: name.to_string(),
            }),
        }
    }

    /// keytool's name, e.g. `SHA256withRSA`, `SHA256withECDSA`, `Ed25519`.
    pub fn name(self) -> &'static str {
        self.spec().0
    }

    /// The algorithm's OID.
    pub fn oid(self) -> ObjectIdentifier {
        self.spec().1
    }

    /// The algorithm named by a signatureAlgorithm OID, if we know it
    /// (RSASSA-PSS with its SHA-1 default: its parameters name the digest).
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.oid() == *oid)
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
    /// An error when `key` is not one rkeytool signs with.
    pub fn for_key(self, key: &PrivateKey) -> Result<Self> {
        Ok(match self {
            SignatureAlgorithm::RsassaPss(_) => SignatureAlgorithm::RsassaPss(
                PssHash::for_key_bits(key.bits()?, crate::generation::Profile::current()),
            ),
            other => other,
        })
    }

    /// The key algorithm this signature needs.
    pub fn key_algorithm(self) -> KeyAlgorithm {
        self.spec().2
    }

    /// keytool's default for a key in the current generation (see
    /// [`SignatureAlgorithm::default_for_in`]); Ed25519 for Ed25519.
    pub fn default_for(key: &PrivateKey) -> Result<Self> {
        Self::default_for_in(key, crate::generation::Profile::current())
    }

    /// keytool's default for a key in that generation
    /// (`SignatureUtil.getDefaultSigAlgForKey`): keytool 17 signs RSA keys
    /// up to 3072 bits and EC keys below 384 bits with SHA-256, keytool 21
    /// and 25 with SHA-384; larger keys get SHA-384 (RSA up to 7680 bits,
    /// EC below 512) or SHA-512 alike.
    /// An error when `key` is not one rkeytool signs with.
    pub fn default_for_in(key: &PrivateKey, profile: &crate::generation::Profile) -> Result<Self> {
        Ok(Self::default_for_signer(&*key.signer()?, profile))
    }

    fn default_for_signer(key: &Signer, profile: &crate::generation::Profile) -> Self {
        let bits = key.bits();
        match key {
            Signer::Rsa(_) => {
                if bits <= profile.rsa_sha256_max_bits {
                    SignatureAlgorithm::Sha256WithRsa
                } else if bits <= 7680 {
                    SignatureAlgorithm::Sha384WithRsa
                } else {
                    SignatureAlgorithm::Sha512WithRsa
                }
            }
            Signer::P256(_) | Signer::P384(_) | Signer::P521(_) => {
                if bits <= profile.ec_sha256_max_bits {
                    SignatureAlgorithm::Sha256WithEcdsa
                } else if bits < 512 {
                    SignatureAlgorithm::Sha384WithEcdsa
                } else {
                    SignatureAlgorithm::Sha512WithEcdsa
                }
            }
            Signer::Ed25519(_) => SignatureAlgorithm::Ed25519,
            // ifcFfcStrength: SHA-256 up to 3072 bits, the largest DSA key.
            Signer::Dsa(_) => SignatureAlgorithm::Sha256WithDsa,
            Signer::Ed448(_) => SignatureAlgorithm::Ed448,
            Signer::RsaPss(_) => {
                SignatureAlgorithm::RsassaPss(PssHash::for_key_bits(bits, profile))
            }
        }
    }

    /// The message digest of an ECDSA algorithm; `None` for the others.
    pub(super) fn ecdsa_digest(self, message: &[u8]) -> Option<Vec<u8>> {
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

/// keytool's words for a key that cannot sign (`-keyalg XDH` without `-signer`).
pub(super) fn cannot_sign() -> Error {
    Error::CannotSign { algorithm: "XDH" }
}
