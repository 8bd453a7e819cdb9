//! The format-neutral keystore model: entries under case-insensitive aliases.

use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::password::Password;
use std::collections::HashMap;
use std::fmt;
use zeroize::Zeroizing;

/// The on-disk format of a keystore.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreType {
    /// Sun's proprietary JKS.
    Jks,
    /// PKCS#12 (RFC 7292), keytool's default since JDK 9.
    Pkcs12,
}

impl StoreType {
    /// keytool's name for the type, as `-list` prints it.
    pub fn name(self) -> &'static str {
        match self {
            StoreType::Jks => "JKS",
            StoreType::Pkcs12 => "PKCS12",
        }
    }

    /// Parses a `-storetype` value, case-insensitively.
    pub fn from_name(name: &str) -> Option<StoreType> {
        match name.to_ascii_uppercase().as_str() {
            "JKS" => Some(StoreType::Jks),
            "PKCS12" | "PKCS#12" | "P12" | "PFX" => Some(StoreType::Pkcs12),
            _ => None,
        }
    }
}

/// A private key: either decrypted PKCS#8, or (JKS) still protected by its key password.
#[derive(Clone)]
pub enum KeyMaterial {
    /// PKCS#8 `PrivateKeyInfo` DER, wiped on drop.
    Plain(Zeroizing<Vec<u8>>),
    /// A JKS `EncryptedPrivateKeyInfo` blob, kept as read until someone needs the key.
    JksProtected(Vec<u8>),
    /// A PKCS#12 shrouded key read without the store password (keytool lists
    /// such stores with a warning); it can be neither used nor written.
    Encrypted(Vec<u8>),
}

impl fmt::Debug for KeyMaterial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyMaterial::Plain(_) => f.write_str("KeyMaterial::Plain(<redacted>)"),
            KeyMaterial::JksProtected(b) => {
                write!(f, "KeyMaterial::JksProtected({} bytes)", b.len())
            }
            KeyMaterial::Encrypted(b) => write!(f, "KeyMaterial::Encrypted({} bytes)", b.len()),
        }
    }
}

/// A private key with its certificate chain, leaf first.
#[derive(Clone, Debug)]
pub struct PrivateKeyEntry {
    /// The key.
    pub key: KeyMaterial,
    /// The certificate chain, leaf first; never empty in a valid store.
    pub chain: Vec<Certificate>,
}

impl PrivateKeyEntry {
    /// Decrypted PKCS#8 DER; for a JKS-protected key this needs the key password.
    pub fn pkcs8(&self, alias: &str, key_password: &Password) -> Result<Zeroizing<Vec<u8>>> {
        match &self.key {
            KeyMaterial::Plain(der) => Ok(der.clone()),
            KeyMaterial::Encrypted(_) => Err(Error::CannotRecoverKey {
                alias: alias.to_string(),
            }),
            KeyMaterial::JksProtected(blob) => {
                crate::jks::key_protector::recover(blob, key_password).map_err(|e| match e {
                    Error::WrongPassword => Error::CannotRecoverKey {
                        alias: alias.to_string(),
                    },
                    other => other,
                })
            }
        }
    }
}

/// What an alias holds.
#[derive(Clone, Debug)]
pub enum Entry {
    /// keytool's PrivateKeyEntry.
    PrivateKey(PrivateKeyEntry),
    /// keytool's trustedCertEntry.
    TrustedCert(Certificate),
}

impl Entry {
    /// keytool's word for the entry type.
    pub fn type_name(&self) -> &'static str {
        match self {
            Entry::PrivateKey(_) => "PrivateKeyEntry",
            Entry::TrustedCert(_) => "trustedCertEntry",
        }
    }

    /// The certificate keytool fingerprints: the leaf, or the trusted certificate.
    pub fn certificate(&self) -> Option<&Certificate> {
        match self {
            Entry::PrivateKey(pk) => pk.chain.first(),
            Entry::TrustedCert(c) => Some(c),
        }
    }
}

/// An entry with its alias and creation date.
#[derive(Clone, Debug)]
pub struct StoredEntry {
    /// The alias, lower-case.
    pub alias: String,
    /// Creation date, milliseconds since the Unix epoch (Java's `Date.getTime()`).
    pub created_millis: i64,
    /// The entry itself.
    pub entry: Entry,
}

/// A keystore: entries in file order, found by alias without regard to case.
#[derive(Clone, Debug)]
pub struct KeyStore {
    store_type: StoreType,
    entries: Vec<StoredEntry>,
    index: HashMap<String, usize>,
}

/// keytool stores aliases in lower case (both JKS and PKCS12 providers fold them).
pub fn normalize_alias(alias: &str) -> String {
    alias.to_lowercase()
}

/// Milliseconds since the epoch, now.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl KeyStore {
    /// An empty keystore of the given type.
    pub fn new(store_type: StoreType) -> Self {
        KeyStore {
            store_type,
            entries: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The format.
    pub fn store_type(&self) -> StoreType {
        self.store_type
    }

    /// Changes the format the store will be written in.
    pub fn set_store_type(&mut self, t: StoreType) {
        self.store_type = t;
    }

    /// Entries in file order.
    pub fn entries(&self) -> &[StoredEntry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry under `alias`, matched case-insensitively.
    pub fn get(&self, alias: &str) -> Option<&StoredEntry> {
        self.index
            .get(&normalize_alias(alias))
            .map(|&i| &self.entries[i])
    }

    /// Mutable access to the entry under `alias`.
    pub fn get_mut(&mut self, alias: &str) -> Option<&mut StoredEntry> {
        let i = *self.index.get(&normalize_alias(alias))?;
        Some(&mut self.entries[i])
    }

    /// True when `alias` exists.
    pub fn contains(&self, alias: &str) -> bool {
        self.index.contains_key(&normalize_alias(alias))
    }

    /// Adds a new entry; its alias is lower-cased. Refuses an alias that exists.
    pub fn insert(&mut self, mut entry: StoredEntry) -> Result<()> {
        entry.alias = normalize_alias(&entry.alias);
        if self.index.contains_key(&entry.alias) {
            return Err(Error::AliasExists(entry.alias));
        }
        self.index.insert(entry.alias.clone(), self.entries.len());
        self.entries.push(entry);
        Ok(())
    }

    /// Adds or replaces the entry under its alias, keeping its position when it existed.
    pub fn upsert(&mut self, mut entry: StoredEntry) {
        entry.alias = normalize_alias(&entry.alias);
        match self.index.get(&entry.alias) {
            Some(&i) => self.entries[i] = entry,
            None => {
                self.index.insert(entry.alias.clone(), self.entries.len());
                self.entries.push(entry);
            }
        }
    }

    /// Removes and returns the entry under `alias`.
    pub fn remove(&mut self, alias: &str) -> Option<StoredEntry> {
        let i = self.index.remove(&normalize_alias(alias))?;
        let removed = self.entries.remove(i);
        for idx in self.index.values_mut() {
            if *idx > i {
                *idx -= 1;
            }
        }
        Some(removed)
    }

    /// Aliases sorted as keytool lists them.
    pub fn sorted_aliases(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.entries.iter().map(|e| e.alias.as_str()).collect();
        v.sort_unstable();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_lookup_ignores_case_and_remove_reindexes() {
        let mut ks = KeyStore::new(StoreType::Pkcs12);
        let cert_free = |alias: &str| StoredEntry {
            alias: alias.into(),
            created_millis: 0,
            entry: Entry::PrivateKey(PrivateKeyEntry {
                key: KeyMaterial::Plain(Zeroizing::new(vec![])),
                chain: vec![],
            }),
        };
        ks.insert(cert_free("KeyName")).unwrap();
        ks.insert(cert_free("b")).unwrap();
        assert!(ks.get("KEYNAME").is_some());
        assert_eq!(ks.get("keyname").unwrap().alias, "keyname");
        assert!(
            matches!(ks.insert(cert_free("KEYname")), Err(Error::AliasExists(a)) if a == "keyname")
        );
        ks.remove("keyName").unwrap();
        assert_eq!(ks.get("B").unwrap().alias, "b");
    }
}
