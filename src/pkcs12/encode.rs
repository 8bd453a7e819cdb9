//! Writing PKCS#12 as the JDK's `PKCS12KeyStore.engineStore` does, with
//! [`crate::crypto`]'s ciphers and MACs.

use super::{
    ANY_EXTENDED_KEY_USAGE, CERT_BAG, DATA, ENCRYPTED_DATA, FRIENDLY_NAME, LOCAL_KEY_ID,
    Protection, SECRET_BAG, SHROUDED_KEY_BAG, TRUSTED_KEY_USAGE, X509_CERT,
};
use crate::cert::Certificate;
use crate::crypto::{self, Pbe};
use crate::error::Result;
use crate::keystore::{Entry, KeyStore, StoreType, Writable};
use crate::password::Password;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::encrypted_data::EncryptedData;
use cms::enveloped_data::EncryptedContentInfo;
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode, Tag};
use pkcs12::CertBag;
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::Pfx;
use pkcs12::safe_bag::SafeBag;
use x509_cert::attr::Attribute;
use zeroize::Zeroizing;

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

/// Shrouds PKCS#8 DER (or the JDK's PKCS#8-shaped secret key) under `password`.
fn shroud(plain: &[u8], password: &Password, pbe: Pbe, iterations: u32) -> Result<Vec<u8>> {
    let (alg, ct) = crypto::encrypt(pbe, iterations, plain, password)?;
    let epki = EncryptedPrivateKeyInfo {
        encryption_algorithm: alg,
        encrypted_data: OctetString::new(ct)?,
    };
    Ok(epki.to_der()?)
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
                let epki = match pk.key.writable_as(&e.alias, StoreType::Pkcs12)? {
                    Writable::Clear(der) => shroud(
                        der,
                        pk.password.as_ref().unwrap_or(store_password),
                        key_pbe,
                        iterations,
                    )?,
                    Writable::Kept(blob) => blob.to_vec(),
                };
                key_bags.push(safe_bag(SHROUDED_KEY_BAG, &epki, key_attrs()?)?);
                for (i, c) in pk.chain.iter().enumerate() {
                    let attrs = if i == 0 { key_attrs()? } else { Vec::new() };
                    cert_bags.push(cert_bag(c, attrs)?);
                }
            }
            Entry::SecretKey(sk) => {
                let epki = match sk.key.writable_as(&e.alias, StoreType::Pkcs12)? {
                    Writable::Clear(k) => shroud(
                        &crate::secret::to_pkcs8_shape(k).map_err(|err| err.for_alias(&e.alias))?,
                        sk.password.as_ref().unwrap_or(store_password),
                        key_pbe,
                        iterations,
                    )?,
                    Writable::Kept(blob) => blob.to_vec(),
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
        Some(crypto::mac::make_mac(
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
