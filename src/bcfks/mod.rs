//! BouncyCastle's BCFKS keystore (`org.bouncycastle.jcajce.provider.keystore.bcfks.BcFKSKeyStoreSpi`),
//! the FIPS-minded BouncyCastle format: DER throughout ([`asn1`]).
//!
//! The whole store (`ObjectStoreData`: dates and the entries) is encrypted
//! with PBES2, and the encrypted store carries a password-keyed MAC; so a
//! BCFKS store cannot be listed without its password, and a wrong password
//! is told from a damaged file only by the MAC (a flipped byte anywhere in
//! the encrypted part reads as a wrong password, as it does to
//! BouncyCastle). Each key is encrypted again under its own password. All
//! keys come from the password and a purpose string ([`crypto`]).
//!
//! What BouncyCastle 1.72 writes by default, and what we write: PBKDF2 with
//! 51,200 iterations of HMAC-SHA512 over a 64-byte salt, AES-256-CCM
//! (12-byte nonce, 8-byte tag) for the store and for every key, and an
//! HMAC-SHA512 integrity check. We also read what `BCFKSLoadStoreParameter`
//! can ask it for: AES-256-KWP instead of CCM, HMAC-SHA3-512 instead of
//! HMAC-SHA512, scrypt instead of PBKDF2. A store signed instead of MACed
//! (`BCFKSLoadStoreParameter` with a signature key) is refused.
//!
//! Entry types: 0 a certificate, 1 a private key (`EncryptedPrivateKeyData`:
//! the `EncryptedPrivateKeyInfo` and the chain), 2 a secret key
//! (`EncryptedSecretKeyData` around `SecretKeyData`: the key's OID and
//! bytes), 3 and 4 the same as 1 and 2 but handed to `setKeyEntry` already
//! encrypted. Keys stay encrypted as read until a command needs them, so 3
//! and 4 are written back as 1 and 2 (BouncyCastle reads both the same
//! way). Aliases keep their case, as BouncyCastle's `HashMap` keeps them.
//! Comments (`ObjectData.comment`, never written by BouncyCastle's
//! `KeyStore`) and the store's own dates are not kept.

mod asn1;
mod crypto;

use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, SecretKey, SecretKeyEntry, SecretMaterial,
    StoreType, StoredEntry, Writable, now_millis,
};
use crate::password::Password;
use asn1::{
    EncryptedObjectStoreData, EncryptedPrivateKeyData, EncryptedPrivateKeyInfo,
    EncryptedSecretKeyData, ObjectData, ObjectStore, ObjectStoreData, PbkdMacIntegrityCheck,
    SecretKeyData,
};
use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Tag, Tagged};
use zeroize::Zeroizing;

/// The format name of BCFKS errors.
const FORMAT: &str = "BCFKS";

/// Entry types (`BcFKSKeyStoreSpi`).
const TYPE_CERTIFICATE: u8 = 0;
const TYPE_PRIVATE_KEY: u8 = 1;
const TYPE_SECRET_KEY: u8 = 2;
const TYPE_PROTECTED_PRIVATE_KEY: u8 = 3;
const TYPE_PROTECTED_SECRET_KEY: u8 = 4;

/// The DER PBES2 OID, as it opens BouncyCastle's store encryption algorithm.
const PBES2_OID_DER: [u8; 11] = [
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D,
];

/// True for a BCFKS keystore, from its first bytes: a SEQUENCE whose first
/// element is a SEQUENCE (the encrypted store data) opening with a PBES2
/// algorithm identifier. A PKCS#12 PFX opens with its INTEGER version, a
/// certificate's or request's first element with a version or serial, so
/// none of them matches; a truncated BCFKS file still does, and is then
/// reported as a damaged BCFKS store.
pub fn is_bcfks(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    for _ in 0..3 {
        match skip_header(rest, 0x30) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.starts_with(&PBES2_OID_DER)
}

/// The bytes after a DER header with `tag` (any definite length form).
fn skip_header(b: &[u8], tag: u8) -> Option<&[u8]> {
    let (&t, b) = b.split_first()?;
    let (&l, b) = b.split_first()?;
    if t != tag {
        return None;
    }
    match l {
        0..=0x7F => Some(b),
        0x81..=0x84 => b.get(usize::from(l & 0x7F)..),
        _ => None,
    }
}

fn malformed(detail: impl Into<String>) -> Error {
    Error::malformed(FORMAT, detail)
}

fn der_err(what: &str) -> impl Fn(der::Error) -> Error + '_ {
    move |e| malformed(format!("{what}: {e}"))
}

/// Decodes a BCFKS keystore; it needs its password.
///
/// Errors: [`Error::PasswordNeeded`] without a password; [`Error::WrongPassword`]
/// when the integrity MAC does not match; [`Error::Malformed`] for damaged
/// or truncated input; [`Error::UnsupportedFeature`] for a signed store,
/// [`Error::UnsupportedAlgorithm`] for an algorithm BouncyCastle does not
/// write, [`Error::IterationLimit`] or [`Error::ScryptLimit`] for a cost
/// above our caps, [`Error::AliasesDifferInCase`] for two aliases that
/// differ only in case. Bytes after the store are ignored, as
/// BouncyCastle ignores them. Keys stay encrypted as read.
pub fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    let mut reader = der::SliceReader::new(bytes).map_err(der_err("keystore"))?;
    let store = ObjectStore::decode(&mut reader).map_err(der_err("keystore"))?;
    if store.store_data.tag() != Tag::Sequence {
        return Err(malformed(format!(
            "store data of tag {}",
            store.store_data.tag()
        )));
    }
    let check = match store.integrity_check.tag() {
        Tag::Sequence => PbkdMacIntegrityCheck::from_der(
            &store
                .integrity_check
                .to_der()
                .map_err(der_err("integrity check"))?,
        )
        .map_err(der_err("integrity check"))?,
        t if t.is_context_specific() => {
            return Err(Error::UnsupportedFeature {
                format: FORMAT,
                feature:
                    "store signed with a key (BCFKSLoadStoreParameter with a store signature key)"
                        .into(),
            });
        }
        t => return Err(malformed(format!("integrity check of tag {t}"))),
    };
    let Some(password) = password else {
        return Err(Error::PasswordNeeded {
            store_type: FORMAT,
            reading: true,
        });
    };
    let store_der = store.store_data.to_der().map_err(der_err("store data"))?;
    // The MAC first: nothing encrypted is touched before the password is known good.
    let kdf = crypto::Kdf::parse(&check.pbkd_algorithm)?;
    let mac_key = kdf.derive(password, crypto::INTEGRITY_CHECK, None)?;
    let ours = crypto::mac(&check.mac_algorithm, &mac_key, &store_der)?;
    if !crate::crypto::mac::ct_eq(&ours, check.mac.as_bytes()) {
        return Err(Error::WrongPassword);
    }
    let plain;
    let data_der: &[u8] = if store.store_data.value().first() == Some(&0x30) {
        let enc = EncryptedObjectStoreData::from_der(&store_der).map_err(der_err("store data"))?;
        plain = crypto::decrypt(
            &enc.encryption_algorithm,
            crypto::STORE_ENCRYPTION,
            password,
            enc.encrypted_content.as_bytes(),
        )
        .map_err(|e| match e {
            // The MAC matched, so the password is right: the data is damaged.
            Error::WrongPassword => malformed("the store data does not decrypt"),
            other => other,
        })?;
        &plain
    } else {
        &store_der
    };
    let data = ObjectStoreData::from_der(data_der).map_err(der_err("store data"))?;
    if data.integrity_algorithm.to_der().ok() != check.mac_algorithm.to_der().ok() {
        return Err(malformed(
            "the store's integrity algorithm does not match its integrity check",
        ));
    }
    into_store(data.objects)
}

/// The entries as model entries (see the module notes).
fn into_store(objects: Vec<ObjectData>) -> Result<KeyStore> {
    let mut store = KeyStore::new(StoreType::Bcfks);
    for o in objects {
        let alias = o.identifier;
        let created_millis = asn1::time_millis(&o.last_modified_date, "entry date")?;
        let data = o.data.as_bytes();
        let entry = match o.kind {
            TYPE_CERTIFICATE => Entry::TrustedCert(
                Certificate::from_der(data)
                    .map_err(|e| malformed(format!("certificate of entry <{alias}>: {e}")))?,
            ),
            TYPE_PRIVATE_KEY | TYPE_PROTECTED_PRIVATE_KEY => {
                let k = EncryptedPrivateKeyData::from_der(data)
                    .map_err(|e| malformed(format!("private key of entry <{alias}>: {e}")))?;
                if k.certificates.is_empty() {
                    return Err(malformed(format!(
                        "private key of entry <{alias}> has no certificate"
                    )));
                }
                let chain = k
                    .certificates
                    .iter()
                    .map(|c| {
                        c.to_der()
                            .map_err(der_err("certificate"))
                            .and_then(|d| Certificate::from_der(&d))
                    })
                    .collect::<Result<Vec<_>>>()
                    .map_err(|e| malformed(format!("chain of entry <{alias}>: {e}")))?;
                let epki = k
                    .encrypted_private_key_info
                    .to_der()
                    .map_err(der_err("private key"))?;
                Entry::PrivateKey(PrivateKeyEntry {
                    key: KeyMaterial::BcfksEncrypted(epki),
                    chain,
                    password: None,
                })
            }
            TYPE_SECRET_KEY | TYPE_PROTECTED_SECRET_KEY => Entry::SecretKey(SecretKeyEntry {
                key: SecretMaterial::BcfksEncrypted(data.to_vec()),
                password: None,
            }),
            t => {
                return Err(Error::UnsupportedFeature {
                    format: FORMAT,
                    feature: format!("entry <{alias}> of unknown type {t}"),
                });
            }
        };
        if let Some(existing) = store.get(&alias)
            && existing.alias != alias
        {
            return Err(Error::AliasesDifferInCase {
                store_type: "BCFKS",
                first: existing.alias.clone(),
                second: alias,
            });
        }
        store.upsert(StoredEntry {
            alias,
            created_millis,
            entry,
        });
    }
    Ok(store)
}

/// Encodes `store` as BouncyCastle 1.72 writes BCFKS by default.
///
/// Keys kept as read from a BCFKS store are written back unchanged, keeping
/// their own passwords; keys in the clear are encrypted with their entry's
/// password, else `store_password`. A key still protected by another
/// format must be recovered first, and a secret key BouncyCastle cannot
/// name (a PBE password of `-importpass`, an unknown algorithm) is refused
/// naming its alias.
pub fn encode(store: &KeyStore, store_password: &Password) -> Result<Vec<u8>> {
    let now = now_millis();
    let objects = store
        .entries()
        .iter()
        .map(|e| object(e, store_password))
        .collect::<Result<Vec<_>>>()?;
    let created = store
        .entries()
        .iter()
        .map(|e| e.created_millis)
        .min()
        .unwrap_or(now)
        .min(now);
    let data = ObjectStoreData {
        version: 1,
        integrity_algorithm: crypto::hmac_sha512_id(),
        creation_date: asn1::time(created)?,
        last_modified_date: asn1::time(now)?,
        objects,
        comment: None,
    };
    let plain = Zeroizing::new(data.to_der().map_err(der_err("store data"))?);
    let (alg, ciphertext) = crypto::encrypt(crypto::STORE_ENCRYPTION, store_password, &plain)?;
    let enc = EncryptedObjectStoreData {
        encryption_algorithm: alg,
        encrypted_content: OctetString::new(ciphertext).map_err(der_err("store data"))?,
    };
    let store_der = enc.to_der().map_err(der_err("store data"))?;
    let (kdf_alg, kdf) = crypto::new_pbkdf2(64)?;
    let key = kdf.derive(store_password, crypto::INTEGRITY_CHECK, None)?;
    let mac_alg = crypto::hmac_sha512_id();
    let mac = crypto::mac(&mac_alg, &key, &store_der)?;
    let check = PbkdMacIntegrityCheck {
        mac_algorithm: mac_alg,
        pbkd_algorithm: kdf_alg,
        mac: OctetString::new(mac).map_err(der_err("MAC"))?,
    };
    ObjectStore {
        store_data: Any::from_der(&store_der).map_err(der_err("store data"))?,
        integrity_check: Any::encode_from(&check).map_err(der_err("integrity check"))?,
    }
    .to_der()
    .map_err(der_err("keystore"))
}

/// One model entry as an `ObjectData`, encrypting keys in the clear.
fn object(stored: &StoredEntry, store_password: &Password) -> Result<ObjectData> {
    let alias = &stored.alias;
    let (kind, data) = match &stored.entry {
        Entry::TrustedCert(c) => (TYPE_CERTIFICATE, c.der().to_vec()),
        Entry::PrivateKey(pk) => {
            let epki = match pk.key.writable_as(alias, StoreType::Bcfks)? {
                Writable::Kept(b) => b.to_vec(),
                Writable::Clear(der) => {
                    encrypt_private_key(der, pk.password.as_ref().unwrap_or(store_password))?
                }
            };
            if pk.chain.is_empty() {
                return Err(Error::NoChain {
                    alias: alias.to_string(),
                });
            }
            let data = EncryptedPrivateKeyData {
                encrypted_private_key_info: Any::from_der(&epki).map_err(der_err("private key"))?,
                certificates: pk
                    .chain
                    .iter()
                    .map(|c| Any::from_der(c.der()).map_err(der_err("certificate")))
                    .collect::<Result<_>>()?,
            };
            (
                TYPE_PRIVATE_KEY,
                data.to_der().map_err(der_err("private key"))?,
            )
        }
        Entry::SecretKey(sk) => {
            let data = match sk.key.writable_as(alias, StoreType::Bcfks)? {
                Writable::Kept(b) => b.to_vec(),
                Writable::Clear(k) => {
                    encrypt_secret_key(alias, k, sk.password.as_ref().unwrap_or(store_password))?
                }
            };
            (TYPE_SECRET_KEY, data)
        }
    };
    let date = asn1::time(stored.created_millis)?;
    Ok(ObjectData {
        kind,
        identifier: alias.clone(),
        creation_date: date.clone(),
        last_modified_date: date,
        data: OctetString::new(data).map_err(der_err("entry"))?,
        comment: None,
    })
}

/// A PKCS#8 private key as a BCFKS `EncryptedPrivateKeyInfo` under `password`.
pub(crate) fn encrypt_private_key(pkcs8: &[u8], password: &Password) -> Result<Vec<u8>> {
    let (alg, ciphertext) = crypto::encrypt(crypto::PRIVATE_KEY_ENCRYPTION, password, pkcs8)?;
    EncryptedPrivateKeyInfo {
        encryption_algorithm: alg,
        encrypted_data: OctetString::new(ciphertext).map_err(der_err("private key"))?,
    }
    .to_der()
    .map_err(der_err("private key"))
}

/// The PKCS#8 private key of a BCFKS `EncryptedPrivateKeyInfo`.
/// A wrong password is [`Error::WrongPassword`].
pub(crate) fn decrypt_private_key(blob: &[u8], password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let info = EncryptedPrivateKeyInfo::from_der(blob).map_err(der_err("private key"))?;
    let der = crypto::decrypt(
        &info.encryption_algorithm,
        crypto::PRIVATE_KEY_ENCRYPTION,
        password,
        info.encrypted_data.as_bytes(),
    )?;
    if pkcs8::PrivateKeyInfoRef::from_der(&der).is_err() {
        return Err(malformed("decrypted private key is not PKCS#8"));
    }
    Ok(der)
}

/// A secret key as a BCFKS `EncryptedSecretKeyData` under `password`.
pub(crate) fn encrypt_secret_key(
    alias: &str,
    key: &SecretKey,
    password: &Password,
) -> Result<Vec<u8>> {
    let oid = secret_key_oid(&key.algorithm, key.bytes.len()).ok_or_else(|| {
        Error::SecretKeyAlgorithm {
            alias: Some(alias.to_string()),
            store_type: "BCFKS",
            algorithm: key.algorithm.clone(),
        }
    })?;
    let plain = Zeroizing::new(
        SecretKeyData {
            key_algorithm: oid,
            key_bytes: OctetString::new(key.bytes.to_vec()).map_err(der_err("secret key"))?,
        }
        .to_der()
        .map_err(der_err("secret key"))?,
    );
    let (alg, ciphertext) = crypto::encrypt(crypto::SECRET_KEY_ENCRYPTION, password, &plain)?;
    EncryptedSecretKeyData {
        key_encryption_algorithm: alg,
        encrypted_key_data: OctetString::new(ciphertext).map_err(der_err("secret key"))?,
    }
    .to_der()
    .map_err(der_err("secret key"))
}

/// The secret key of a BCFKS `EncryptedSecretKeyData`.
/// A wrong password is [`Error::WrongPassword`].
pub(crate) fn decrypt_secret_key(blob: &[u8], password: &Password) -> Result<SecretKey> {
    let enc = EncryptedSecretKeyData::from_der(blob).map_err(der_err("secret key"))?;
    let plain = crypto::decrypt(
        &enc.key_encryption_algorithm,
        crypto::SECRET_KEY_ENCRYPTION,
        password,
        enc.encrypted_key_data.as_bytes(),
    )?;
    let data = SecretKeyData::from_der(&plain).map_err(der_err("secret key"))?;
    let bytes = Zeroizing::new(data.key_bytes.as_bytes().to_vec());
    Ok(SecretKey {
        algorithm: secret_key_name(&data.key_algorithm, bytes.len()),
        bytes,
    })
}

/// BouncyCastle's secret key algorithms (`BcFKSKeyStoreSpi.oidMap`, and
/// AES), by keytool's name; sized families by key length.
const SECRET_KEY_OIDS: &[(&str, Option<usize>, &str)] = &[
    ("AES", None, "2.16.840.1.101.3.4.1"),
    ("DESede", None, "1.3.14.3.2.17"),
    ("HmacSHA1", None, "1.2.840.113549.2.7"),
    ("HmacSHA224", None, "1.2.840.113549.2.8"),
    ("HmacSHA256", None, "1.2.840.113549.2.9"),
    ("HmacSHA384", None, "1.2.840.113549.2.10"),
    ("HmacSHA512", None, "1.2.840.113549.2.11"),
    ("HmacSHA512/224", None, "1.2.840.113549.2.12"),
    ("HmacSHA512/256", None, "1.2.840.113549.2.13"),
    ("HmacSHA3-224", None, "2.16.840.1.101.3.4.2.13"),
    ("HmacSHA3-256", None, "2.16.840.1.101.3.4.2.14"),
    ("HmacSHA3-384", None, "2.16.840.1.101.3.4.2.15"),
    ("HmacSHA3-512", None, "2.16.840.1.101.3.4.2.16"),
    ("SEED", None, "1.2.410.200004.1.4"),
    ("Camellia", Some(16), "1.2.392.200011.61.1.1.1.2"),
    ("Camellia", Some(24), "1.2.392.200011.61.1.1.1.3"),
    ("Camellia", Some(32), "1.2.392.200011.61.1.1.1.4"),
    ("ARIA", Some(16), "1.2.410.200046.1.1.2"),
    ("ARIA", Some(24), "1.2.410.200046.1.1.7"),
    ("ARIA", Some(32), "1.2.410.200046.1.1.12"),
];

/// The OID BouncyCastle stores for a secret key algorithm; a dotted OID
/// (an algorithm read from a BCFKS store that we cannot name) stands for itself.
fn secret_key_oid(algorithm: &str, len: usize) -> Option<ObjectIdentifier> {
    let upper = algorithm.to_ascii_uppercase();
    if upper.starts_with("PBE") {
        return None;
    }
    let upper = match upper.as_str() {
        "TRIPLEDES" | "TDEA" => "DESEDE".to_string(),
        "HMACSHA512(224)" => "HMACSHA512/224".to_string(),
        "HMACSHA512(256)" => "HMACSHA512/256".to_string(),
        _ if upper.contains("AES") => "AES".to_string(),
        _ => upper,
    };
    SECRET_KEY_OIDS
        .iter()
        .find(|(name, size, _)| name.eq_ignore_ascii_case(&upper) && size.is_none_or(|s| s == len))
        .and_then(|(_, _, oid)| ObjectIdentifier::new(oid).ok())
        .or_else(|| {
            algorithm
                .contains('.')
                .then(|| ObjectIdentifier::new(algorithm).ok())
                .flatten()
        })
}

/// keytool's name for a secret key algorithm OID; else the OID itself.
fn secret_key_name(oid: &ObjectIdentifier, len: usize) -> String {
    let dotted = oid.to_string();
    SECRET_KEY_OIDS
        .iter()
        .find(|(_, size, o)| *o == dotted && size.is_none_or(|s| s == len))
        .map(|(name, _, _)| name.to_string())
        .unwrap_or(dotted)
}

#[cfg(test)]
mod tests;
