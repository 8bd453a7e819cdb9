//! BouncyCastle's BKS and UBER keystores (`org.bouncycastle.jcajce.provider.keystore.bc.BcKeyStoreSpi`).
//!
//! Both start with the same header and hold the same entry records
//! (big-endian integers, strings in `DataOutput.writeUTF` form):
//!
//! ```text
//! u32 version (0, 1 or 2) | i32 salt length, salt | i32 iteration count
//! entry, until a type byte 0:
//!   u8 type (1 certificate, 2 key, 3 secret, 4 sealed) | UTF alias | i64 date millis
//!   | i32 chain length | certificate, chain length times
//!   | type 1: certificate        type 2: key record (see [`sealed`])
//!   | type 3, 4: i32 len, bytes (3: opaque secret bytes; 4: a sealed key record)
//!   certificate: UTF type "X.509" | i32 len, DER
//! ```
//!
//! **BKS** follows the entries (the closing 0 included) with an HMAC-SHA1
//! keyed from the store password by the PKCS#12 KDF ([`pbe`]). **UBER**
//! encrypts everything after the header, the entries followed by their
//! SHA-1, with `PBEWithSHAAndTwofish-CBC`, so it cannot be listed without
//! its password.
//!
//! A key entry written through the KeyStore API is always sealed (type 4)
//! with its own password; a private key entry carries its chain, a secret
//! key entry none (this is how keytool tells them apart, and so do we,
//! without the key password). Aliases keep their case, as BouncyCastle's
//! `Hashtable` keeps them; two that differ only in case cannot both be held
//! by rkeytool's model, and such a file is refused rather than one dropped.
//!
//! We write BKS version 2 (what BouncyCastle 1.72 writes, and Android reads)
//! and UBER version 1 (what BouncyCastle writes for UBER).

mod decode;
mod encode;
pub(crate) mod pbe;
pub(crate) mod sealed;

use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, SecretKeyEntry, SecretMaterial, StoreType,
    StoredEntry, Writable,
};
use crate::password::Password;
use sealed::KeyRecord;

/// The format name of BKS errors.
const FORMAT: &str = "BKS";
/// The format name of UBER errors.
const FORMAT_UBER: &str = "UBER";

/// Entry types.
const TYPE_END: u8 = 0;
const TYPE_CERTIFICATE: u8 = 1;
const TYPE_KEY: u8 = 2;
const TYPE_SECRET: u8 = 3;
const TYPE_SEALED: u8 = 4;

/// Length of the BKS HMAC-SHA1 and of the UBER SHA-1 digest.
const MAC_LEN: usize = 20;

/// One entry as the file holds it: keys still sealed.
#[derive(Clone, Debug)]
pub(crate) struct Record {
    /// The alias as spelled in the file.
    pub alias: String,
    /// Creation date, Java milliseconds.
    pub created_millis: i64,
    /// The certificate chain (empty for none).
    pub chain: Vec<Certificate>,
    /// What the entry holds.
    pub body: RecordBody,
}

/// The four entry kinds.
#[derive(Clone, Debug)]
pub(crate) enum RecordBody {
    /// Type 1: a trusted certificate.
    Certificate(Certificate),
    /// Type 2: a key in the clear.
    Key(KeyRecord),
    /// Type 3: opaque secret bytes (`KeyStore.setKeyEntry(alias, byte[], chain)`).
    Secret(Vec<u8>),
    /// Type 4: a sealed key record, exactly as stored.
    Sealed(Vec<u8>),
}

/// What the content of `bytes` says it is: BKS, UBER, or neither.
///
/// Both begin with version, salt and iteration count. A file whose entries
/// walk to an end marker and a MAC that ends the file is BKS. Otherwise a
/// header BouncyCastle would accept for UBER (20-byte salt) followed by
/// whole Twofish blocks is UBER: its encrypted body starts with a 0 byte
/// (an end marker) in 1 file of 256, and then walks as an empty BKS store
/// with bytes left over, so a walk that does not consume the file is not
/// enough. Any other plausible header is a BKS (with trailing bytes, which
/// BouncyCastle ignores, or damaged). With the password both readings can
/// be checked: see [`decode_detected`].
pub fn detect(bytes: &[u8]) -> Option<StoreType> {
    let header = decode::header(bytes, FORMAT).ok()?;
    if decode::bks_end(bytes).ok() == Some(bytes.len()) {
        return Some(StoreType::Bks);
    }
    if uber_shaped(&header, bytes.len()) {
        return Some(StoreType::Uber);
    }
    Some(StoreType::Bks)
}

/// A header BouncyCastle would accept for UBER followed by whole Twofish blocks.
fn uber_shaped(header: &decode::Header<'_>, len: usize) -> bool {
    let rest = len - header.body_start;
    header.salt.len() == pbe::SALT_LEN && rest >= 32 && rest.is_multiple_of(16)
}

/// Decodes a file [`detect`] takes for BKS or UBER, checking the other
/// reading when the first one fails its password check and the file has
/// that shape too: a BKS file with trailing bytes can look like UBER, and
/// (far less likely) an UBER body can walk as a whole BKS file. The
/// reading whose MAC or digest verifies under `password` wins; when
/// neither does, the answer is [`Error::WrongPassword`]. Without a
/// password there is nothing to check, and [`detect`]'s answer stands.
pub fn decode_detected(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    // No header at all: BKS's reading names what is wrong with it.
    let t = detect(bytes).unwrap_or(StoreType::Bks);
    let first = match t {
        StoreType::Uber => decode_uber(bytes, password),
        _ => decode_bks(bytes, password),
    };
    match first {
        Err(Error::WrongPassword) if password.is_some() => {
            let other = match t {
                StoreType::Uber => decode::bks_end(bytes)
                    .is_ok()
                    .then(|| decode_bks(bytes, password)),
                _ => decode::header(bytes, FORMAT)
                    .is_ok_and(|h| uber_shaped(&h, bytes.len()))
                    .then(|| decode_uber(bytes, password)),
            };
            match other {
                Some(Ok(store)) => Ok(store),
                _ => Err(Error::WrongPassword),
            }
        }
        other => other,
    }
}

/// Decodes a BKS keystore (versions 0, 1 and 2); with a password, checks its HMAC.
///
/// Private keys stay [`KeyMaterial::BksSealed`] and secret keys
/// [`SecretMaterial::BksSealed`] as read; opaque secrets (type 3) are
/// [`SecretMaterial::BksRaw`]. Without a password the MAC must be present
/// but is not checked, as BouncyCastle reads a store with no password.
///
/// Errors: [`Error::WrongPassword`] when the MAC does not match;
/// [`Error::Malformed`] for damaged or truncated input (every length and
/// count is checked against the bytes left before anything is allocated);
/// [`Error::UnsupportedFeature`] for what the model cannot hold (see [`into_store`]).
pub fn decode_bks(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    into_store(decode::bks(bytes, password)?, StoreType::Bks)
}

/// Decodes an UBER keystore (versions 1 and 2); it needs its password.
///
/// Errors: [`Error::WrongPassword`] when the body does not decrypt to
/// entries and their digest (a wrong password and a damaged body look the
/// same), [`Error::Malformed`] for a damaged header, and
/// [`Error::PasswordNeeded`] without a password.
pub fn decode_uber(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    into_store(decode::uber(bytes, password)?, StoreType::Uber)
}

/// Encodes `store` as BKS version 2 or (for [`StoreType::Uber`]) UBER
/// version 1, in the store's entry order.
///
/// Sealed keys and opaque secrets are written back unchanged, keeping their
/// own passwords. Keys in the clear are sealed with their entry's password,
/// else `store_password`. A key still protected by another format (JKS,
/// JCEKS, PKCS#12) must be recovered first and is refused naming its alias.
pub fn encode(store: &KeyStore, store_password: &Password) -> Result<Vec<u8>> {
    let format = match store.store_type() {
        StoreType::Uber => StoreType::Uber,
        _ => StoreType::Bks,
    };
    let records = store
        .entries()
        .iter()
        .map(|e| record(e, format, store_password))
        .collect::<Result<Vec<_>>>()?;
    match format {
        StoreType::Uber => encode::uber(&records, store_password),
        _ => encode::bks(&records, store_password),
    }
}

/// A private key sealed for a BKS or UBER store under `password`.
pub(crate) fn seal_private_key(pkcs8: &[u8], password: &Password) -> Result<Vec<u8>> {
    sealed::seal(&KeyRecord::private(pkcs8), password)
}

/// The PKCS#8 private key of a sealed entry.
pub(crate) fn unseal_private_key(
    blob: &[u8],
    password: &Password,
) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    sealed::unseal_private(blob, password)
}

/// The secret key of a sealed entry.
pub(crate) fn unseal_secret_key(
    blob: &[u8],
    password: &Password,
) -> Result<crate::keystore::SecretKey> {
    sealed::unseal_secret(blob, password)
}

/// The records as model entries.
///
/// A sealed entry with a chain is a private key entry, one without a secret
/// key entry (as keytool tells them apart). A key in the clear (type 2) is
/// read as a key in the clear, and sealed with the entry's password when
/// written. Refused with [`Error::UnsupportedFeature`]: a public key or
/// opaque secret bytes with a chain; with [`Error::AliasesDifferInCase`]:
/// two aliases that differ only in case.
fn into_store(records: Vec<Record>, t: StoreType) -> Result<KeyStore> {
    let mut store = KeyStore::new(t);
    let name = t.name();
    for r in records {
        let alias = r.alias;
        let unsupported = |what: &str| Error::UnsupportedFeature {
            format: name,
            feature: format!("entry <{alias}>: {what}"),
        };
        let entry = match r.body {
            RecordBody::Certificate(c) => Entry::TrustedCert(c),
            RecordBody::Sealed(blob) if !r.chain.is_empty() => Entry::PrivateKey(PrivateKeyEntry {
                key: KeyMaterial::BksSealed(blob),
                chain: r.chain,
                password: None,
            }),
            RecordBody::Sealed(blob) => Entry::SecretKey(SecretKeyEntry {
                key: SecretMaterial::BksSealed(blob),
                password: None,
            }),
            RecordBody::Secret(bytes) if r.chain.is_empty() => Entry::SecretKey(SecretKeyEntry {
                key: SecretMaterial::BksRaw(bytes),
                password: None,
            }),
            RecordBody::Secret(_) => {
                return Err(unsupported(
                    "opaque secret bytes with a certificate chain cannot be kept",
                ));
            }
            RecordBody::Key(k) if k.is_private_pkcs8() && !r.chain.is_empty() => {
                Entry::PrivateKey(PrivateKeyEntry::new(k.encoded, r.chain))
            }
            RecordBody::Key(k) if k.is_raw_secret() && r.chain.is_empty() => {
                Entry::SecretKey(SecretKeyEntry::new(k.algorithm, k.encoded))
            }
            RecordBody::Key(k) => {
                return Err(unsupported(&format!(
                    "an unprotected key of type {} in {} form cannot be kept",
                    k.kind, k.format
                )));
            }
        };
        // Java's Hashtable: the same alias twice, the last wins.
        if let Some(existing) = store.get(&alias)
            && existing.alias != alias
        {
            return Err(Error::AliasesDifferInCase {
                store_type: name,
                first: existing.alias.clone(),
                second: alias,
            });
        }
        store.upsert(StoredEntry {
            alias,
            created_millis: r.created_millis,
            entry,
        });
    }
    Ok(store)
}

/// One model entry as a record, sealing keys in the clear.
fn record(stored: &StoredEntry, format: StoreType, store_password: &Password) -> Result<Record> {
    let alias = &stored.alias;
    let (chain, body) = match &stored.entry {
        Entry::PrivateKey(pk) => {
            let blob = match pk.key.writable_as(alias, format)? {
                Writable::Kept(blob) => blob.to_vec(),
                Writable::Clear(der) => {
                    let pw = pk.password.as_ref().unwrap_or(store_password);
                    seal_private_key(der, pw)?
                }
            };
            if pk.chain.is_empty() {
                return Err(Error::NoChain {
                    alias: alias.to_string(),
                });
            }
            (pk.chain.clone(), RecordBody::Sealed(blob))
        }
        Entry::TrustedCert(c) => (Vec::new(), RecordBody::Certificate(c.clone())),
        Entry::SecretKey(sk) => {
            let body = match &sk.key {
                SecretMaterial::BksRaw(bytes) => RecordBody::Secret(bytes.clone()),
                key => match key.writable_as(alias, format)? {
                    Writable::Kept(blob) => RecordBody::Sealed(blob.to_vec()),
                    Writable::Clear(k) => {
                        let pw = sk.password.as_ref().unwrap_or(store_password);
                        RecordBody::Sealed(sealed::seal(
                            &KeyRecord::secret(&k.algorithm, &k.bytes),
                            pw,
                        )?)
                    }
                },
            };
            (Vec::new(), body)
        }
    };
    Ok(Record {
        alias: stored.alias.clone(),
        created_millis: stored.created_millis,
        chain,
        body,
    })
}

#[cfg(test)]
mod tests;
