//! Reading PKCS#12: the MAC checked, encrypted safes opened through
//! [`crate::crypto`], the bags mapped onto keytool's model.

use super::{
    CERT_BAG, ChainIndex, DATA, ENCRYPTED_DATA, FRIENDLY_NAME, KEY_BAG, LOCAL_KEY_ID, SECRET_BAG,
    SHROUDED_KEY_BAG, TRUSTED_KEY_USAGE, X509_CERT, bad, created_from_local_key_id, parse_pfx,
    retry_with_zero,
};
use crate::cert::Certificate;
use crate::crypto::{self, WorkBudget};
use crate::error::{Error, Result};
use crate::keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, SecretKeyEntry, SecretMaterial, StoreType,
    StoredEntry, normalize_alias, now_millis,
};
use crate::password::Password;
use cms::content_info::ContentInfo;
use cms::encrypted_data::EncryptedData;
use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Tag, Tagged};
use pkcs12::CertBag;
use pkcs12::safe_bag::SafeBag;
use zeroize::Zeroizing;

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
                    return Err(Error::UnsupportedFeature {
                        format: "PKCS#12",
                        feature: "certificate type other than X.509".into(),
                    });
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
        crypto::mac::verify_mac(mac, pw, &data)?;
    }
    let safes = Vec::<ContentInfo>::from_der(&data).map_err(|e| bad(e.to_string()))?;
    let mut bags = Vec::new();
    let mut budget = WorkBudget::default();
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
                    let plain = crypto::decrypt(
                        "PKCS#12",
                        &eci.content_enc_alg,
                        ct.as_bytes(),
                        pw,
                        &mut budget,
                    )?;
                    decode_bags(&plain, &mut bags)?;
                }
            }
            other => {
                return Err(Error::UnsupportedFeature {
                    format: "PKCS#12",
                    feature: format!("safe of content type {other}"),
                });
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
