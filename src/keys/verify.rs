//! Verifying signatures with a SubjectPublicKeyInfo, and telling whether a
//! private key and a public key are halves of one pair.

use super::PrivateKey;
use super::algorithm::{
    EC_PUBLIC_KEY, ED448, ED25519, EcCurve, KeyAlgorithm, PssHash, PssParams, RSA_ENCRYPTION,
    RSASSA_PSS, SignatureAlgorithm,
};
use super::ec::{ec_p256, ec_p384, ec_p521};
use super::sign::EcdsaSigValue;
use crate::cert::Certificate;
use crate::error::{Error, Result};
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use sha2::Digest;

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
    let bad = || Error::SignatureInvalid;
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
    let bad = || Error::SignatureInvalid;
    let info = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
    let key_oid = info.algorithm.oid;
    if key_oid == RSA_ENCRYPTION || key_oid == RSASSA_PSS {
        return verify_rsa(spki_der, alg, message, signature);
    }
    let sigalg =
        SignatureAlgorithm::from_oid(&alg.oid).ok_or_else(|| Error::UnsupportedAlgorithm {
            format: "signature",
            what: alg.oid.to_string(),
        })?;
    let point = info
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| Error::malformed("public key", "BIT STRING has unused bits"))?;
    if key_oid == EC_PUBLIC_KEY {
        let curve_oid = info
            .algorithm
            .parameters
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
            .ok_or_else(|| Error::UnsupportedFeature {
                format: "key",
                feature: "EC public key without a named curve".into(),
            })?;
        let curve = EcCurve::from_oid(&curve_oid)?;
        let digest = match sigalg.key_algorithm() {
            KeyAlgorithm::Ec => sigalg.ecdsa_digest(message).ok_or_else(bad)?,
            _ => {
                return Err(Error::SignatureAlgorithmMismatch {
                    algorithm: sigalg.name().to_string(),
                    key: "EC",
                    usable: None,
                });
            }
        };
        let rs = ecdsa_fixed(signature, curve.field_len()).ok_or_else(bad)?;
        match curve {
            EcCurve::P256 => ec_p256::verify_prehash(point, &digest, &rs),
            EcCurve::P384 => ec_p384::verify_prehash(point, &digest, &rs),
            EcCurve::P521 => ec_p521::verify_prehash(point, &digest, &rs),
        }
    } else if key_oid == super::dsa::DSA {
        use super::dsa::verify;
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
            other => Err(Error::SignatureAlgorithmMismatch {
                algorithm: other.name().to_string(),
                key: "DSA",
                usable: None,
            }),
        }
    } else if key_oid == ED448 {
        if sigalg != SignatureAlgorithm::Ed448 {
            return Err(Error::SignatureAlgorithmMismatch {
                algorithm: sigalg.name().to_string(),
                key: "Ed448",
                usable: None,
            });
        }
        let point = <[u8; 57]>::try_from(point)
            .map_err(|_| Error::malformed("Ed448 public key", "not 57 bytes"))?;
        let key = ed448_goldilocks::VerifyingKey::from_bytes(&point)
            .map_err(|_| Error::malformed("Ed448 public key", "not a curve point"))?;
        let sig = ed448_goldilocks::Signature::from_slice(signature).map_err(|_| bad())?;
        key.verify_raw(&sig, message).map_err(|_| bad())
    } else if key_oid == ED25519 {
        if sigalg != SignatureAlgorithm::Ed25519 {
            return Err(Error::SignatureAlgorithmMismatch {
                algorithm: sigalg.name().to_string(),
                key: "Ed25519",
                usable: None,
            });
        }
        let point: &[u8; 32] = point
            .try_into()
            .map_err(|_| Error::malformed("Ed25519 public key", "not 32 bytes"))?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(point)
            .map_err(|_| Error::malformed("Ed25519 public key", "not a curve point"))?;
        let sig = ed25519_dalek::Signature::from_slice(signature).map_err(|_| bad())?;
        key.verify_strict(message, &sig).map_err(|_| bad())
    } else {
        Err(Error::UnsupportedAlgorithm {
            format: "key",
            what: key_oid.to_string(),
        })
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
    let bad = || Error::SignatureInvalid;
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
                Some(a) if a.key_algorithm() != KeyAlgorithm::Rsa => {
                    Err(Error::SignatureAlgorithmMismatch {
                        algorithm: name,
                        key: "RSA",
                        usable: None,
                    })
                }
                _ => Err(Error::UnsupportedAlgorithm {
                    format: "signature",
                    what: name,
                }),
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

/// True when `issuer`'s key verifies `cert`'s signature and `issuer`'s
/// subject is `cert`'s issuer.
pub fn is_signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    let tbs = cert.parsed().tbs_certificate();
    if tbs.issuer() != issuer.parsed().tbs_certificate().subject() {
        return false;
    }
    verify_certificate(cert, issuer).is_ok()
}

/// Verifies `cert`'s signature with `issuer`'s public key.
pub fn verify_certificate(cert: &Certificate, issuer: &Certificate) -> Result<()> {
    let tbs_der = cert.tbs_der()?;
    let sig = cert
        .parsed()
        .signature()
        .as_bytes()
        .ok_or_else(|| Error::malformed("X.509 certificate", "signature has unused bits"))?;
    verify_signature(
        &issuer.spki_der()?,
        cert.parsed().signature_algorithm(),
        &tbs_der,
        sig,
    )
}
