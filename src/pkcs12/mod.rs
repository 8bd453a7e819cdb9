//! PKCS#12 keystores (RFC 7292), read and written as the JDK's
//! `PKCS12KeyStore` does, mapped onto keytool's model: key entries with
//! chains, and trusted certificates marked with Oracle's trusted-key-usage
//! attribute. The DER types come from the `pkcs12` and `cms` crates; the
//! ciphers and MACs are [`crate::crypto`]'s ([`decode`] reads, [`encode`]
//! writes). Doing the walk here (rather than
//! through `p12-keystore`) lets a store be listed without its password, lets
//! legacy stores use different algorithms for keys and certificates as
//! keytool's do, and writes password-less stores.

use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::keystore::SecretKey;
use crate::password::Password;
use cms::content_info::ContentInfo;
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::Pfx;
use zeroize::Zeroizing;

pub mod crypto;
mod decode;
mod encode;

pub use decode::decode;
pub use encode::encode;

/// True when `bytes` look like a DER SEQUENCE, the outer shape of a PFX.
pub fn looks_like_pkcs12(bytes: &[u8]) -> bool {
    bytes.first() == Some(&0x30)
}

use const_oid::db::{rfc2985, rfc5280, rfc5911};

const DATA: ObjectIdentifier = rfc5911::ID_DATA;
const ENCRYPTED_DATA: ObjectIdentifier = rfc5911::ID_ENCRYPTED_DATA;
const KEY_BAG: ObjectIdentifier = pkcs12::PKCS_12_KEY_BAG_OID;
const SHROUDED_KEY_BAG: ObjectIdentifier = pkcs12::PKCS_12_PKCS8_KEY_BAG_OID;
const CERT_BAG: ObjectIdentifier = pkcs12::PKCS_12_CERT_BAG_OID;
const SECRET_BAG: ObjectIdentifier = pkcs12::PKCS_12_SECRET_BAG_OID;
const X509_CERT: ObjectIdentifier = pkcs12::PKCS_12_X509_CERT_OID;
const FRIENDLY_NAME: ObjectIdentifier = rfc2985::PKCS_9_AT_FRIENDLY_NAME;
const LOCAL_KEY_ID: ObjectIdentifier = rfc2985::PKCS_9_AT_LOCAL_KEY_ID;
/// Oracle's trusted-key-usage attribute: marks a trusted certificate entry
/// (not in the OID database).
const TRUSTED_KEY_USAGE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.113894.746875.1.1");
const ANY_EXTENDED_KEY_USAGE: ObjectIdentifier = rfc5280::ANY_EXTENDED_KEY_USAGE;

pub(crate) fn bad(detail: impl Into<String>) -> Error {
    Error::malformed("PKCS#12", detail)
}

/// Java's `localKeyId` for entries it writes: the ASCII text "Time <millis>".
pub(crate) fn created_from_local_key_id(id: &[u8]) -> Option<i64> {
    std::str::from_utf8(id)
        .ok()?
        .strip_prefix("Time ")?
        .parse()
        .ok()
}

/// The PFX, and the authenticated safe's content octets (what the MAC covers).
pub(crate) fn parse_pfx(bytes: &[u8]) -> Result<(Pfx, Vec<u8>)> {
    let pfx = Pfx::from_der(bytes).map_err(|e| bad(e.to_string()))?;
    if pfx.auth_safe.content_type != DATA {
        return Err(Error::UnsupportedFeature {
            format: "PKCS#12",
            feature: format!(
                "authenticated safe of content type {} (only password integrity is supported)",
                pfx.auth_safe.content_type
            ),
        });
    }
    let data = OctetString::from_der(&pfx.auth_safe.content.to_der()?)
        .map_err(|e| bad(e.to_string()))?
        .into_bytes()
        .into_vec();
    Ok((pfx, data))
}

/// True for a store that needs no password, as JDK 18+ writes cacerts: no
/// MAC and no encrypted safe (`PKCS12KeyStore.isPasswordless`).
pub fn is_passwordless(bytes: &[u8]) -> bool {
    let Ok((pfx, data)) = parse_pfx(bytes) else {
        return false;
    };
    if pfx.mac_data.is_some() {
        return false;
    }
    match Vec::<ContentInfo>::from_der(&data) {
        Ok(safes) => safes.iter().all(|s| s.content_type != ENCRYPTED_DATA),
        Err(_) => false,
    }
}

/// Decrypts a shrouded key bag's `EncryptedPrivateKeyInfo` into PKCS#8 DER.
/// A wrong password is [`Error::WrongPassword`].
pub fn decrypt_shrouded_key(epki_der: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let epki = EncryptedPrivateKeyInfo::from_der(epki_der).map_err(|e| bad(e.to_string()))?;
    retry_with_zero(password, |pw| {
        let mut budget = crate::crypto::WorkBudget::default();
        let plain = crate::crypto::decrypt(
            "PKCS#12",
            &epki.encryption_algorithm,
            epki.encrypted_data.as_bytes(),
            pw,
            &mut budget,
        )?;
        one_der_sequence(plain)
    })
}

/// A decryption under a wrong password ends in valid padding now and then
/// (about one time in 256 for CBC) and yields garbage: what is not one whole
/// DER SEQUENCE, as every PKCS#8 and PKCS#8-shaped key is, came from a wrong
/// password. So it is [`Error::WrongPassword`], and the NULL password of a
/// Windows PFX is still tried after the empty one.
fn one_der_sequence(plain: Zeroizing<Vec<u8>>) -> Result<Zeroizing<Vec<u8>>> {
    match der::AnyRef::from_der(&plain) {
        Ok(any) if der::Tagged::tag(&any) == der::Tag::Sequence => Ok(plain),
        _ => Err(Error::WrongPassword),
    }
}

/// The JDK's `RetryWithZero`: what fails with the empty password is tried
/// again with the NULL password of Windows' password-less PFX files.
pub(crate) fn retry_with_zero<T>(
    password: &Password,
    f: impl Fn(&Password) -> Result<T>,
) -> Result<T> {
    match f(password) {
        Err(Error::WrongPassword) if password.is_empty() => {
            f(&Password::new(crate::crypto::NULL_PASSWORD))
        }
        other => other,
    }
}

/// Decrypts a secret bag's shrouded key: the JDK's PKCS#8-shaped
/// `SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }`.
pub fn decrypt_secret_key(epki_der: &[u8], password: &Password) -> Result<SecretKey> {
    let plain = decrypt_shrouded_key(epki_der, password)?;
    crate::secret::from_pkcs8_shape(&plain)
}

/// Follows issuer names from `leaf` through `pool` until a self-issued
/// certificate or a missing link, without ever looping.
pub fn build_chain<'a>(
    leaf: Certificate,
    pool: impl Iterator<Item = &'a Certificate>,
) -> Vec<Certificate> {
    ChainIndex::new(pool).chain(leaf)
}

/// Certificates found by subject name, so that building every key's chain
/// in a large store stays linear in the number of certificates.
pub struct ChainIndex<'a> {
    by_subject: std::collections::HashMap<Vec<u8>, Vec<&'a Certificate>>,
}

impl<'a> ChainIndex<'a> {
    /// Indexes `pool` by subject.
    pub fn new(pool: impl Iterator<Item = &'a Certificate>) -> Self {
        let mut by_subject: std::collections::HashMap<Vec<u8>, Vec<&'a Certificate>> =
            std::collections::HashMap::new();
        for c in pool {
            if let Ok(key) = der::Encode::to_der(c.parsed().tbs_certificate().subject()) {
                by_subject.entry(key).or_default().push(c);
            }
        }
        ChainIndex { by_subject }
    }

    /// The chain from `leaf` up, as the JDK's `PKCS12KeyStore` builds it:
    /// stop at a self-signed certificate (its name is its issuer's AND its
    /// own key verifies it: an X25519 leaf issued by an Ed25519 entry with
    /// the same name is not), otherwise take the issuer by name, preferring
    /// the one whose subject key identifier is the authority key identifier
    /// (`findIssuer`); never a certificate already in the chain.
    pub fn chain(&self, leaf: Certificate) -> Vec<Certificate> {
        let mut chain = vec![leaf];
        while let Some(last) = chain.last() {
            if is_self_signed(last) {
                break;
            }
            let Ok(issuer) = der::Encode::to_der(last.parsed().tbs_certificate().issuer()) else {
                break;
            };
            let candidates = self
                .by_subject
                .get(&issuer)
                .map(|v| v.iter().filter(|c| !chain.contains(c)).collect::<Vec<_>>())
                .unwrap_or_default();
            let next = match key_identifier(last, AUTHORITY_KEY_ID) {
                None => candidates.first().copied(),
                Some(aki) => {
                    let mut fallback = None;
                    let mut exact = None;
                    for c in &candidates {
                        match key_identifier(c, SUBJECT_KEY_ID) {
                            Some(ski) if ski == aki => {
                                exact = Some(*c);
                                break;
                            }
                            Some(_) => {}
                            None => fallback = fallback.or(Some(*c)),
                        }
                    }
                    exact.or(fallback)
                }
            };
            match next {
                Some(c) => chain.push((*c).clone()),
                None => break,
            }
        }
        chain
    }
}

const AUTHORITY_KEY_ID: ObjectIdentifier = rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER;
const SUBJECT_KEY_ID: ObjectIdentifier = rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER;

/// The key identifier of a certificate's authority (2.5.29.35) or subject
/// (2.5.29.14) key identifier extension.
fn key_identifier(cert: &Certificate, which: der::asn1::ObjectIdentifier) -> Option<Vec<u8>> {
    use der::Decode;
    let ext = cert
        .parsed()
        .tbs_certificate()
        .extensions()?
        .iter()
        .find(|e| e.extn_id == which)?;
    let value = ext.extn_value.as_bytes();
    if which == AUTHORITY_KEY_ID {
        x509_cert::ext::pkix::AuthorityKeyIdentifier::from_der(value)
            .ok()?
            .key_identifier
            .map(|k| k.as_bytes().to_vec())
    } else {
        x509_cert::ext::pkix::SubjectKeyIdentifier::from_der(value)
            .ok()
            .map(|k| k.0.as_bytes().to_vec())
    }
}

/// Self-issued and verified by its own key (`KeyStoreUtil.isSelfSigned`).
fn is_self_signed(cert: &Certificate) -> bool {
    cert.is_self_issued() && crate::keys::verify_certificate(cert, cert).is_ok()
}

/// How a PKCS#12 file is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Protection {
    /// What JDK 17+ writes: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC, 10,000
    /// iterations) for keys and certificates, HMAC-SHA256 MAC, 10,000 iterations.
    #[default]
    Modern,
    /// What keytool writes with `-J-Dkeystore.pkcs12.legacy`, for JDK 8 before
    /// 8u301 and OpenSSL 1.x: keys pbeWithSHAAnd3-KeyTripleDES-CBC, certificates
    /// pbeWithSHAAnd40BitRC2-CBC, both 50,000 iterations; HMAC-SHA1 MAC, 100,000 iterations.
    Legacy,
    /// As [`Protection::Modern`], with a PBMAC1 MAC (RFC 9579):
    /// PBKDF2-HMAC-SHA256 (10,000 iterations, 32-byte key) keying HMAC-SHA256.
    /// OpenSSL 3.4+ reads it; keytool before JDK 26 does not.
    Pbmac1,
}

use crate::crypto::{MacDigest, Pbe};

impl Protection {
    /// (key PBE, certificate PBE, PBE iterations, MAC digest, MAC iterations), as the JDK's.
    pub(crate) fn params(self) -> (Pbe, Pbe, u32, MacDigest, u32) {
        match self {
            Protection::Modern => (
                Pbe::Pbes2Aes256,
                Pbe::Pbes2Aes256,
                10_000,
                MacDigest::Sha256,
                10_000,
            ),
            Protection::Pbmac1 => (
                Pbe::Pbes2Aes256,
                Pbe::Pbes2Aes256,
                10_000,
                MacDigest::Pbmac1Sha256,
                10_000,
            ),
            Protection::Legacy => (
                Pbe::Sha1Tdes,
                Pbe::Sha1Rc2_40,
                50_000,
                MacDigest::Sha1,
                100_000,
            ),
        }
    }
}

/// True when a PKCS#12 file uses legacy protection: a SHA-1 MAC or any
/// PKCS#12 PBE algorithm (pbeWithSHAAnd3-KeyTripleDES-CBC, RC2, RC4).
pub fn is_legacy(bytes: &[u8]) -> bool {
    // pkcs-12PbeIds: 1.2.840.113549.1.12.1.x, as DER after the OID tag and length.
    const PBE_PREFIX: [u8; 11] = [
        0x06, 0x0A, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01,
    ];
    if bytes.windows(PBE_PREFIX.len()).any(|w| w == PBE_PREFIX) {
        return true;
    }
    mac_digest_oid(bytes).is_some_and(|oid| oid == const_oid::db::rfc5912::ID_SHA_1)
}

/// The digest algorithm of the PFX's MAC, if it has one.
fn mac_digest_oid(bytes: &[u8]) -> Option<ObjectIdentifier> {
    use der::{Decode, Reader};
    let pfx = der::Any::from_der(bytes).ok()?;
    let mut r = der::SliceReader::new(pfx.value()).ok()?;
    let _version: der::Any = r.decode().ok()?;
    let _auth_safe: der::Any = r.decode().ok()?;
    if r.is_finished() {
        return None;
    }
    let mac_data: der::Any = r.decode().ok()?;
    let mut m = der::SliceReader::new(mac_data.value()).ok()?;
    let digest_info: der::Any = m.decode().ok()?;
    let mut d = der::SliceReader::new(digest_info.value()).ok()?;
    let alg: spki::AlgorithmIdentifierOwned = d.decode().ok()?;
    Some(alg.oid)
}

#[cfg(test)]
mod tests {
    //! Damage and truncation of keytool's and OpenSSL's PKCS#12 files: which
    //! error comes back, never a panic, never a silent success.

    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// keytool's (PBES2, HMAC-SHA256) and OpenSSL's legacy (3DES/RC2, SHA-1) stores.
    const STORES: [&str; 3] = ["keytool17.p12", "keytool25.p12", "openssl-legacy.p12"];

    fn pw() -> Password {
        Password::new("changeit")
    }

    /// A key shrouded under the NULL password of a Windows PFX, whose
    /// decryption under the empty password happens to end in valid padding:
    /// the empty password's garbage is not taken for the key, and the NULL
    /// password is tried after it, as the JDK's RetryWithZero does.
    #[test]
    fn garbage_with_valid_padding_is_a_wrong_password_and_the_null_password_follows() {
        let plain = Zeroizing::new(
            der::asn1::OctetString::new(vec![7u8; 40])
                .unwrap()
                .to_der()
                .unwrap(),
        );
        let key = Zeroizing::new([&[0x30, plain.len() as u8][..], &plain].concat());
        let null = Password::new(crate::crypto::NULL_PASSWORD);
        let empty = Password::new("");
        // Encrypt until the empty password's decryption passes the padding
        // check (about one time in 256; bounded so the test cannot spin).
        let found = (0..20_000).find_map(|_| {
            let (alg, ct) =
                crate::crypto::encrypt(crate::crypto::Pbe::Sha1Tdes, 1, &key, &null).ok()?;
            let mut budget = crate::crypto::WorkBudget::default();
            crate::crypto::decrypt("PKCS#12", &alg, &ct, &empty, &mut budget).ok()?;
            let epki = EncryptedPrivateKeyInfo {
                encryption_algorithm: alg,
                encrypted_data: OctetString::new(ct).ok()?,
            };
            epki.to_der().ok()
        });
        let epki = found.expect("no padding collision in 20,000 tries");
        assert_eq!(decrypt_shrouded_key(&epki, &empty).unwrap(), key);
        assert!(matches!(
            decrypt_shrouded_key(&epki, &Password::new("other")),
            Err(Error::WrongPassword)
        ));
    }

    #[test]
    fn the_right_password_reads_and_a_wrong_one_is_wrong_password() {
        for name in STORES {
            let bytes = fixture(name);
            let ks = decode(&bytes, Some(&pw())).unwrap();
            assert!(!ks.is_empty(), "{name}");
            assert!(
                matches!(
                    decode(&bytes, Some(&Password::new("wrong!"))),
                    Err(Error::WrongPassword)
                ),
                "{name}"
            );
            // The empty password is a password, and a wrong one here.
            assert!(
                matches!(
                    decode(&bytes, Some(&Password::new(""))),
                    Err(Error::WrongPassword)
                ),
                "{name}"
            );
        }
    }

    #[test]
    fn every_prefix_is_malformed() {
        for name in STORES {
            let bytes = fixture(name);
            for n in 0..bytes.len() {
                for p in [Some(pw()), None] {
                    match decode(&bytes[..n], p.as_ref()) {
                        Err(Error::Malformed {
                            format: "PKCS#12", ..
                        }) => {}
                        other => panic!("{name}[..{n}] password {}: {other:?}", p.is_some()),
                    }
                }
            }
        }
    }

    #[test]
    fn every_flipped_byte_is_an_error_with_the_password() {
        // keytool 25's file has keytool 17's layout: a MAC check per byte
        // of it too would only double the run.
        for name in ["keytool17.p12", "openssl-legacy.p12"] {
            let bytes = fixture(name);
            let (_, content) = parse_pfx(&bytes).unwrap();
            // Where the MAC-covered content sits in the file.
            let start = bytes
                .windows(content.len())
                .position(|w| w == content.as_slice())
                .unwrap();
            let covered = start..start + content.len();
            for i in 0..bytes.len() {
                let mut bad = bytes.clone();
                bad[i] ^= 0x5A;
                let r = decode(&bad, Some(&pw()));
                if covered.contains(&i) {
                    // The MAC is checked before the content is read: any change is caught there.
                    assert!(
                        matches!(r, Err(Error::WrongPassword)),
                        "{name}: byte {i}: {r:?}"
                    );
                } else {
                    assert!(
                        matches!(
                            r,
                            Err(Error::WrongPassword
                                | Error::Malformed { .. }
                                | Error::UnsupportedFeature { .. }
                                | Error::UnsupportedAlgorithm { .. }
                                | Error::IterationLimit { .. })
                        ),
                        "{name}: byte {i}: {r:?}"
                    );
                }
                // Without a password nothing is checked, but nothing panics either.
                let _ = decode(&bad, None);
            }
        }
    }

    #[test]
    fn an_unknown_mac_or_cipher_is_unsupported_not_damaged() {
        let bytes = fixture("keytool17.p12");
        // HMAC-SHA256's OID (2.16.840.1.101.3.4.2.1) in the MacData, made SHA-512/224 (…2.5).
        let sha256 = [
            0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        ];
        let at = bytes
            .windows(sha256.len())
            .rposition(|w| w == sha256)
            .unwrap();
        let mut other = bytes.clone();
        other[at + sha256.len() - 1] = 0x05;
        let r = decode(&other, Some(&pw()));
        assert!(
            matches!(
                r,
                Err(Error::UnsupportedAlgorithm {
                    format: "PKCS#12",
                    ..
                })
            ),
            "{r:?}"
        );
    }
}
