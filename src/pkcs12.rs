//! PKCS#12 keystores (RFC 7292), read and written as the JDK's
//! `PKCS12KeyStore` does, mapped onto keytool's model: key entries with
//! chains, and trusted certificates marked with Oracle's trusted-key-usage
//! attribute. The DER types come from the `pkcs12` and `cms` crates; the
//! ciphers and MACs are in [`crypto`]. Doing the walk here (rather than
//! through `p12-keystore`) lets a store be listed without its password, lets
//! legacy stores use different algorithms for keys and certificates as
//! keytool's do, and writes password-less stores.

use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, SecretKey, SecretKeyEntry, SecretMaterial,
    StoreType, StoredEntry, normalize_alias, now_millis,
};
use crate::password::Password;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::encrypted_data::EncryptedData;
use cms::enveloped_data::EncryptedContentInfo;
use crypto::{MacDigest, Pbe};
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode, Tag, Tagged};
use pkcs12::CertBag;
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::Pfx;
use pkcs12::safe_bag::SafeBag;
use x509_cert::attr::Attribute;
use zeroize::Zeroizing;

pub mod crypto;

/// True when `bytes` look like a DER SEQUENCE, the outer shape of a PFX.
pub fn looks_like_pkcs12(bytes: &[u8]) -> bool {
    bytes.first() == Some(&0x30)
}

const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const KEY_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.3");
const SECRET_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.5");
const X509_CERT: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.22.1");
const FRIENDLY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
/// Oracle's trusted-key-usage attribute: marks a trusted certificate entry.
const TRUSTED_KEY_USAGE: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.113894.746875.1.1");
const ANY_EXTENDED_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37.0");

fn bad(detail: impl Into<String>) -> Error {
    Error::malformed("PKCS#12", detail)
}

/// Java's `localKeyId` for entries it writes: the ASCII text "Time <millis>".
fn created_from_local_key_id(id: &[u8]) -> Option<i64> {
    std::str::from_utf8(id)
        .ok()?
        .strip_prefix("Time ")?
        .parse()
        .ok()
}

/// The PFX, and the authenticated safe's content octets (what the MAC covers).
fn parse_pfx(bytes: &[u8]) -> Result<(Pfx, Vec<u8>)> {
    let pfx = Pfx::from_der(bytes).map_err(|e| bad(e.to_string()))?;
    if pfx.auth_safe.content_type != DATA {
        return Err(Error::Unsupported(format!(
            "PKCS#12 authenticated safe of content type {} (only password integrity is supported)",
            pfx.auth_safe.content_type
        )));
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

/// One decoded bag.
enum Bag {
    Key {
        name: Option<String>,
        id: Option<Vec<u8>>,
        key: KeyMaterial,
    },
    Cert {
        name: Option<String>,
        id: Option<Vec<u8>>,
        trusted: bool,
        cert: Certificate,
    },
    Secret {
        name: Option<String>,
        id: Option<Vec<u8>>,
        key: SecretMaterial,
    },
}

/// The attributes keytool cares about: friendlyName, localKeyId, trusted usage.
fn bag_attributes(bag: &SafeBag) -> (Option<String>, Option<Vec<u8>>, bool) {
    let (mut name, mut id, mut trusted) = (None, None, false);
    for attr in bag.bag_attributes.iter().flat_map(|a| a.iter()) {
        let Some(v) = attr.values.iter().next() else {
            continue;
        };
        if attr.oid == FRIENDLY_NAME && v.tag() == Tag::BmpString {
            let units: Vec<u16> = v
                .value()
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            name = Some(String::from_utf16_lossy(&units));
        } else if attr.oid == LOCAL_KEY_ID && v.tag() == Tag::OctetString {
            id = Some(v.value().to_vec());
        } else if attr.oid == TRUSTED_KEY_USAGE {
            trusted = true;
        }
    }
    (name, id, trusted)
}

/// The content inside a bag's `[0] EXPLICIT` wrapper.
fn bag_value(bag: &SafeBag) -> Result<Vec<u8>> {
    let any = Any::from_der(&bag.bag_value).map_err(|e| bad(e.to_string()))?;
    Ok(any.value().to_vec())
}

/// The shrouded key inside a secret bag as the JDK writes it:
///
/// ```text
/// SecretBag ::= SEQUENCE {
///     secretTypeId  OBJECT IDENTIFIER,       -- pkcs8ShroudedKeyBag
///     secretValue   [0] EXPLICIT OCTET STRING -- DER EncryptedPrivateKeyInfo
/// }
/// ```
/// As `PKCS12KeyStore.loadSafeContents`, the type is not checked.
fn secret_bag_value(der: &[u8]) -> Result<Vec<u8>> {
    use der::Reader;
    let mut r = der::SliceReader::new(der).map_err(|e| bad(e.to_string()))?;
    let value = r
        .sequence(|r| -> der::Result<Any> {
            let _type: ObjectIdentifier = r.decode()?;
            r.decode()
        })
        .map_err(|e| bad(format!("secret bag: {e}")))?;
    if value.tag()
        != (Tag::ContextSpecific {
            constructed: true,
            number: der::TagNumber(0),
        })
    {
        return Err(bad("secret bag value is not [0]"));
    }
    let inner =
        OctetString::from_der(value.value()).map_err(|e| bad(format!("secret bag: {e}")))?;
    Ok(inner.into_bytes().into_vec())
}

/// A secret bag's value as the JDK writes it, around the shrouded key.
fn encode_secret_bag_value(epki: &[u8]) -> Result<Vec<u8>> {
    let octets = OctetString::new(epki.to_vec())?.to_der()?;
    let wrapped = Any::new(
        Tag::ContextSpecific {
            constructed: true,
            number: der::TagNumber(0),
        },
        octets,
    )?;
    let mut body = SHROUDED_KEY_BAG.to_der()?;
    body.extend_from_slice(&wrapped.to_der()?);
    Ok(Any::new(Tag::Sequence, body)?.to_der()?)
}

/// Decrypts a shrouded key bag's `EncryptedPrivateKeyInfo` into PKCS#8 DER.
/// A wrong password is [`Error::WrongPassword`].
pub fn decrypt_shrouded_key(epki_der: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let epki = EncryptedPrivateKeyInfo::from_der(epki_der).map_err(|e| bad(e.to_string()))?;
    retry_with_zero(password, |pw| {
        let mut budget = crypto::WorkBudget::default();
        crypto::decrypt(
            &epki.encryption_algorithm,
            epki.encrypted_data.as_bytes(),
            pw,
            &mut budget,
        )
    })
}

/// The JDK's `RetryWithZero`: what fails with the empty password is tried
/// again with the NULL password of Windows' password-less PFX files.
fn retry_with_zero<T>(password: &Password, f: impl Fn(&Password) -> Result<T>) -> Result<T> {
    match f(password) {
        Err(Error::WrongPassword) if password.is_empty() => {
            f(&Password::new(crypto::NULL_PASSWORD))
        }
        other => other,
    }
}

/// Shrouds PKCS#8 DER (or the JDK's PKCS#8-shaped secret key) under `password`.
fn shroud(plain: &[u8], password: &Password, pbe: Pbe, iterations: u32) -> Result<Vec<u8>> {
    let (alg, ct) = crypto::encrypt(pbe, iterations, plain, password)?;
    let epki = EncryptedPrivateKeyInfo {
        encryption_algorithm: alg,
        encrypted_data: OctetString::new(ct)?,
    };
    Ok(epki.to_der()?)
}

/// Decrypts a secret bag's shrouded key: the JDK's PKCS#8-shaped
/// `SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }`.
pub fn decrypt_secret_key(epki_der: &[u8], password: &Password) -> Result<SecretKey> {
    let plain = decrypt_shrouded_key(epki_der, password)?;
    crate::secret::from_pkcs8_shape(&plain)
}

fn decode_bags(safe_contents: &[u8], out: &mut Vec<Bag>) -> Result<()> {
    let bags = Vec::<SafeBag>::from_der(safe_contents).map_err(|e| bad(e.to_string()))?;
    for bag in &bags {
        let (name, id, trusted) = bag_attributes(bag);
        match bag.bag_id {
            KEY_BAG => out.push(Bag::Key {
                name,
                id,
                key: KeyMaterial::Plain(Zeroizing::new(bag_value(bag)?)),
            }),
            // Kept as read: listing never needs a key password, and a key
            // may have a password of its own (the KeyStore API allows it).
            SHROUDED_KEY_BAG => out.push(Bag::Key {
                name,
                id,
                key: KeyMaterial::Pkcs12Shrouded(bag_value(bag)?),
            }),
            SECRET_BAG => out.push(Bag::Secret {
                name,
                id,
                key: SecretMaterial::Pkcs12Protected(secret_bag_value(&bag_value(bag)?)?),
            }),
            CERT_BAG => {
                let cb = CertBag::from_der(&bag_value(bag)?).map_err(|e| bad(e.to_string()))?;
                if cb.cert_id != X509_CERT {
                    return Err(Error::Unsupported(
                        "PKCS#12 certificate type other than X.509".into(),
                    ));
                }
                let cert = Certificate::from_der(cb.cert_value.as_bytes())?;
                out.push(Bag::Cert {
                    name,
                    id,
                    trusted,
                    cert,
                });
            }
            // CRLs and nested safes: keytool ignores them too.
            _ => {}
        }
    }
    Ok(())
}

/// Decodes a PKCS#12 keystore.
///
/// With a password, the MAC (when there is one) is verified and encrypted
/// safes decrypted. Without one, as keytool does, the MAC is not checked and
/// encrypted safes (usually the certificates) are skipped, so keys have
/// whatever chain could be read (often none). Keys and secret keys are never
/// decrypted here: they stay [`KeyMaterial::Pkcs12Shrouded`] and
/// [`SecretMaterial::Pkcs12Protected`] until used, so a store whose keys have
/// passwords of their own lists with the store password alone. A
/// password-less store (JDK 18+ cacerts) reads completely either way.
pub fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    match password {
        Some(pw) => retry_with_zero(pw, |pw| decode_with(bytes, Some(pw))),
        None => decode_with(bytes, None),
    }
}

fn decode_with(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    let (pfx, data) = parse_pfx(bytes)?;
    if let (Some(mac), Some(pw)) = (&pfx.mac_data, password) {
        crypto::verify_mac(mac, pw, &data)?;
    }
    let safes = Vec::<ContentInfo>::from_der(&data).map_err(|e| bad(e.to_string()))?;
    let mut bags = Vec::new();
    let mut budget = crypto::WorkBudget::default();
    for safe in &safes {
        match safe.content_type {
            DATA => {
                let content = OctetString::from_der(&safe.content.to_der()?)
                    .map_err(|e| bad(e.to_string()))?;
                decode_bags(content.as_bytes(), &mut bags)?;
            }
            ENCRYPTED_DATA => {
                let Some(pw) = password else { continue };
                let ed = EncryptedData::from_der(&safe.content.to_der()?)
                    .map_err(|e| bad(e.to_string()))?;
                let eci = &ed.enc_content_info;
                if let Some(ct) = &eci.encrypted_content {
                    let plain =
                        crypto::decrypt(&eci.content_enc_alg, ct.as_bytes(), pw, &mut budget)?;
                    decode_bags(&plain, &mut bags)?;
                }
            }
            other => {
                return Err(Error::Unsupported(format!(
                    "PKCS#12 safe of content type {other}"
                )));
            }
        }
    }
    Ok(assemble(bags))
}

/// keytool's model from the bags: keys matched to their leaf by localKeyId,
/// chains by issuer, trusted certificates by Oracle's attribute.
fn assemble(bags: Vec<Bag>) -> KeyStore {
    let certs: Vec<(&Option<Vec<u8>>, &Certificate)> = bags
        .iter()
        .filter_map(|b| match b {
            Bag::Cert { id, cert, .. } => Some((id, cert)),
            Bag::Key { .. } | Bag::Secret { .. } => None,
        })
        .collect();
    let key_count = bags.iter().filter(|b| matches!(b, Bag::Key { .. })).count();
    let index = ChainIndex::new(certs.iter().map(|(_, c)| *c));
    let mut by_id: std::collections::HashMap<&[u8], &Certificate> =
        std::collections::HashMap::new();
    for (id, c) in &certs {
        if let Some(id) = id.as_deref() {
            by_id.entry(id).or_insert(*c);
        }
    }
    let mut store = KeyStore::new(StoreType::Pkcs12);
    let mut unnamed = 0u32;
    let mut next_alias = |name: &Option<String>| match name {
        Some(n) => normalize_alias(n),
        None => {
            unnamed += 1;
            unnamed.to_string()
        }
    };
    for bag in &bags {
        let (name, id, key) = match bag {
            Bag::Key { name, id, key } => (name, id, key),
            Bag::Secret { name, id, key } => {
                store.upsert(StoredEntry {
                    alias: next_alias(name),
                    created_millis: id
                        .as_deref()
                        .and_then(created_from_local_key_id)
                        .unwrap_or_else(now_millis),
                    entry: Entry::SecretKey(SecretKeyEntry {
                        key: key.clone(),
                        password: None,
                    }),
                });
                continue;
            }
            Bag::Cert { .. } => continue,
        };
        // Java's workaround: a lone key without localKeyId goes with the first certificate.
        let leaf = match id {
            Some(id) => by_id.get(id.as_slice()).map(|c| (*c).clone()),
            None if key_count == 1 => certs.first().map(|(_, c)| (*c).clone()),
            None => None,
        };
        // Without the password the certificates were not readable: keytool
        // lists such an entry with "Certificate chain length: 0". A key
        // without a certificate is kept too, never dropped.
        let chain = leaf.map(|leaf| index.chain(leaf)).unwrap_or_default();
        let created = id
            .as_deref()
            .and_then(created_from_local_key_id)
            .unwrap_or_else(now_millis);
        store.upsert(StoredEntry {
            alias: next_alias(name),
            created_millis: created,
            entry: Entry::PrivateKey(PrivateKeyEntry {
                key: key.clone(),
                chain,
                password: None,
            }),
        });
    }
    for bag in &bags {
        let Bag::Cert {
            name,
            id,
            trusted,
            cert,
        } = bag
        else {
            continue;
        };
        if *trusted {
            let alias = next_alias(name);
            if store.contains(&alias) {
                continue;
            }
            store.upsert(StoredEntry {
                alias,
                created_millis: id
                    .as_deref()
                    .and_then(created_from_local_key_id)
                    .unwrap_or_else(now_millis),
                entry: Entry::TrustedCert(cert.clone()),
            });
        }
    }
    store
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

const AUTHORITY_KEY_ID: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.5.29.35");
const SUBJECT_KEY_ID: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.5.29.14");

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
    cert.is_self_issued() && cert.verify_signature(cert).is_ok()
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

impl Protection {
    /// (key PBE, certificate PBE, PBE iterations, MAC digest, MAC iterations), as the JDK's.
    fn params(self) -> (Pbe, Pbe, u32, MacDigest, u32) {
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

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value])?,
    })
}

/// friendlyName as Java writes it: a BMPString of the UTF-16 code units.
fn friendly_name(name: &str) -> Result<Attribute> {
    let bytes: Vec<u8> = name.encode_utf16().flat_map(u16::to_be_bytes).collect();
    attribute(FRIENDLY_NAME, Any::new(Tag::BmpString, bytes)?)
}

fn local_key_id(id: &[u8]) -> Result<Attribute> {
    attribute(LOCAL_KEY_ID, Any::new(Tag::OctetString, id.to_vec())?)
}

fn safe_bag(bag_id: ObjectIdentifier, value: &[u8], attrs: Vec<Attribute>) -> Result<SafeBag> {
    // The crate's encoder adds the `[0] EXPLICIT` wrapper itself (its decoder keeps it).
    Ok(SafeBag {
        bag_id,
        bag_value: value.to_vec(),
        bag_attributes: if attrs.is_empty() {
            None
        } else {
            Some(SetOfVec::try_from(attrs)?)
        },
    })
}

fn cert_bag(cert: &Certificate, attrs: Vec<Attribute>) -> Result<SafeBag> {
    let cb = CertBag {
        cert_id: X509_CERT,
        cert_value: OctetString::new(cert.der().to_vec())?,
    };
    safe_bag(CERT_BAG, &cb.to_der()?, attrs)
}

fn data_content_info(content: &[u8]) -> Result<ContentInfo> {
    Ok(ContentInfo {
        content_type: DATA,
        content: Any::from_der(&OctetString::new(content.to_vec())?.to_der()?)?,
    })
}

/// Encodes `store` as PKCS#12 the way the JDK's `PKCS12KeyStore.engineStore`
/// does: a Data safe of shrouded key bags (friendlyName = alias, localKeyId =
/// `"Time <creation millis>"`), then an EncryptedData safe of certificate bags
/// (each chain leaf first; trusted certificates marked with Oracle's
/// attribute), then the MAC.
///
/// Keys read from a PKCS#12 file are written back as read; keys in the clear
/// are shrouded with their entry's password, else the store password.
/// No `password` writes a password-less store, as JDK 18+ cacerts: no MAC
/// and certificates not encrypted (keys, if any, are still shrouded, under
/// the empty password). An empty password is a password like any other.
pub fn encode(
    store: &KeyStore,
    password: Option<&Password>,
    protection: Protection,
) -> Result<Vec<u8>> {
    let (key_pbe, cert_pbe, iterations, mac_digest, mac_iterations) = protection.params();
    let empty = Password::new("");
    let store_password = password.unwrap_or(&empty);
    let mut key_bags = Vec::new();
    let mut cert_bags = Vec::new();
    for e in store.entries() {
        let id = format!("Time {}", e.created_millis);
        let key_attrs = || -> Result<Vec<Attribute>> {
            Ok(vec![friendly_name(&e.alias)?, local_key_id(id.as_bytes())?])
        };
        match &e.entry {
            Entry::PrivateKey(pk) => {
                let epki = match &pk.key {
                    KeyMaterial::Pkcs12Shrouded(blob) => blob.clone(),
                    KeyMaterial::Plain(der) => shroud(
                        der,
                        pk.password.as_ref().unwrap_or(store_password),
                        key_pbe,
                        iterations,
                    )?,
                    KeyMaterial::JksProtected(_)
                    | KeyMaterial::JceksProtected(_)
                    | KeyMaterial::BksSealed(_)
                    | KeyMaterial::BcfksEncrypted(_) => {
                        return Err(Error::InvalidInput(format!(
                            "key for alias <{}> must be recovered before it can be written as PKCS12",
                            e.alias
                        )));
                    }
                };
                key_bags.push(safe_bag(SHROUDED_KEY_BAG, &epki, key_attrs()?)?);
                for (i, c) in pk.chain.iter().enumerate() {
                    let attrs = if i == 0 { key_attrs()? } else { Vec::new() };
                    cert_bags.push(cert_bag(c, attrs)?);
                }
            }
            Entry::SecretKey(sk) => {
                let epki = match &sk.key {
                    SecretMaterial::Pkcs12Protected(blob) => blob.clone(),
                    SecretMaterial::Plain(k) => shroud(
                        &crate::secret::to_pkcs8_shape(k)?,
                        sk.password.as_ref().unwrap_or(store_password),
                        key_pbe,
                        iterations,
                    )?,
                    SecretMaterial::BksRaw(_) => {
                        return Err(Error::EntryNotSupported {
                            alias: e.alias.clone(),
                            store_type: "PKCS12",
                            kind: "opaque BKS secret",
                        });
                    }
                    SecretMaterial::JceksSealed(_)
                    | SecretMaterial::BksSealed(_)
                    | SecretMaterial::BcfksEncrypted(_) => {
                        return Err(Error::InvalidInput(format!(
                            "secret key for alias <{}> must be recovered before it can be written as PKCS12",
                            e.alias
                        )));
                    }
                };
                key_bags.push(safe_bag(
                    SECRET_BAG,
                    &encode_secret_bag_value(&epki)?,
                    key_attrs()?,
                )?);
            }
            Entry::TrustedCert(c) => {
                let usage = attribute(
                    TRUSTED_KEY_USAGE,
                    Any::from_der(&ANY_EXTENDED_KEY_USAGE.to_der()?)?,
                )?;
                cert_bags.push(cert_bag(c, vec![friendly_name(&e.alias)?, usage])?);
            }
        }
    }
    let passwordless = password.is_none();
    let mut safes = Vec::new();
    if !key_bags.is_empty() {
        safes.push(data_content_info(&key_bags.to_der()?)?);
    }
    if !cert_bags.is_empty() {
        let plain = Zeroizing::new(cert_bags.to_der()?);
        if passwordless {
            safes.push(data_content_info(&plain)?);
        } else {
            let (alg, ct) = crypto::encrypt(cert_pbe, iterations, &plain, store_password)?;
            let ed = EncryptedData {
                version: CmsVersion::V0,
                enc_content_info: EncryptedContentInfo {
                    content_type: DATA,
                    content_enc_alg: alg,
                    encrypted_content: Some(OctetString::new(ct)?),
                },
                unprotected_attrs: None,
            };
            safes.push(ContentInfo {
                content_type: ENCRYPTED_DATA,
                content: Any::from_der(&ed.to_der()?)?,
            });
        }
    }
    let auth_safe = safes.to_der()?;
    let mac_data = if passwordless {
        None
    } else {
        Some(crypto::make_mac(
            mac_digest,
            mac_iterations,
            store_password,
            &auth_safe,
        )?)
    };
    let pfx = Pfx {
        version: pkcs12::pfx::Version::V3,
        auth_safe: data_content_info(&auth_safe)?,
        mac_data,
    };
    Ok(pfx.to_der()?)
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
    mac_digest_oid(bytes).is_some_and(|oid| oid == "1.3.14.3.2.26")
}

/// The digest algorithm of the PFX's MAC, if it has one.
fn mac_digest_oid(bytes: &[u8]) -> Option<String> {
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
    Some(alg.oid.to_string())
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
                                | Error::Unsupported(_))
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
        assert!(matches!(r, Err(Error::Unsupported(_))), "{r:?}");
    }
}
