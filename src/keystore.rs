//! The format-neutral keystore model: entries under case-insensitive aliases.
//!
//! Keys stay protected as read: a PKCS#12 shrouded key bag or secret bag, a
//! JKS or JCEKS protected key, a JCEKS sealed secret key are kept as the
//! bytes of the file until a command needs the key itself, so listing,
//! deleting, renaming and copying an entry never needs its key password, and
//! a rewrite carries the entry through unchanged.

use crate::cert::Certificate;
use crate::error::{EntryKind, Error, Result};
use crate::password::Password;
use std::collections::HashMap;
use std::fmt;
use zeroize::Zeroizing;

/// The on-disk format of a keystore.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreType {
    /// Sun's proprietary JKS.
    Jks,
    /// Sun's proprietary JCEKS (JKS with secret keys and stronger key protection).
    Jceks,
    /// PKCS#12 (RFC 7292), keytool's default since JDK 9.
    Pkcs12,
    /// PEM text: keys and certificates in a file or folder ([`crate::pemstore`]).
    Pem,
    /// BouncyCastle's BKS (versions 0–2 read, version 2 written): aliases keep their case.
    Bks,
    /// BouncyCastle's UBER: BKS entries encrypted whole with Twofish.
    Uber,
    /// BouncyCastle's BCFKS: DER, encrypted whole with AES-256-CCM ([`crate::bcfks`]).
    Bcfks,
}

impl StoreType {
    /// keytool's name for the type, as `-list` prints it.
    pub fn name(self) -> &'static str {
        match self {
            StoreType::Jks => "JKS",
            StoreType::Jceks => "JCEKS",
            StoreType::Pkcs12 => "PKCS12",
            StoreType::Pem => "PEM",
            StoreType::Bks => "BKS",
            StoreType::Uber => "UBER",
            StoreType::Bcfks => "BCFKS",
        }
    }

    /// Parses a `-storetype` value, case-insensitively.
    pub fn from_name(name: &str) -> Option<StoreType> {
        match name.to_ascii_uppercase().as_str() {
            "JKS" => Some(StoreType::Jks),
            "JCEKS" => Some(StoreType::Jceks),
            "PEM" => Some(StoreType::Pem),
            "PKCS12" | "PKCS#12" | "P12" | "PFX" => Some(StoreType::Pkcs12),
            "BKS" => Some(StoreType::Bks),
            "UBER" => Some(StoreType::Uber),
            "BCFKS" => Some(StoreType::Bcfks),
            _ => None,
        }
    }

    /// True for the formats whose keys each have their own password (JKS,
    /// JCEKS, BKS, UBER, BCFKS); a PKCS12 key uses the store password unless the entry says otherwise.
    pub fn has_key_passwords(self) -> bool {
        !matches!(self, StoreType::Pkcs12)
    }

    /// True for the formats whose provider folds aliases to lower case (the
    /// JDK's); BouncyCastle's BKS, UBER and BCFKS keep an alias as it was given.
    pub fn folds_alias_case(self) -> bool {
        !matches!(self, StoreType::Bks | StoreType::Uber | StoreType::Bcfks)
    }

    /// keytool's rule for the password of a key being added to a store of
    /// this type: PKCS12 keys take the store password (a different `given`
    /// one is ignored, and the second value says so, for keytool's warning);
    /// JKS and JCEKS keys take `given`, else the store password.
    pub fn new_key_password(
        self,
        given: Option<Password>,
        store_password: &Password,
    ) -> (Password, bool) {
        match (self, given) {
            (StoreType::Pkcs12, Some(k)) => {
                let ignored = &k != store_password;
                (store_password.clone(), ignored)
            }
            (_, Some(k)) => (k, false),
            (_, None) => (store_password.clone(), false),
        }
    }

    /// The per-entry password to record for a key protected by `key_password`
    /// in a store protected by `store_password`: `None` when they are the same.
    pub fn entry_password(key_password: &Password, store_password: &Password) -> Option<Password> {
        (key_password != store_password).then(|| key_password.clone())
    }

    /// True when the format can hold secret keys (`-genseckey`, `-importpass`).
    pub fn holds_secret_keys(self) -> bool {
        !matches!(self, StoreType::Jks | StoreType::Pem)
    }
}

/// A private key: decrypted PKCS#8, or still protected as read from a file.
#[derive(Clone)]
pub enum KeyMaterial {
    /// PKCS#8 `PrivateKeyInfo` DER, wiped on drop.
    Plain(Zeroizing<Vec<u8>>),
    /// A JKS `EncryptedPrivateKeyInfo` under Sun's JKS key protector
    /// (OID 1.3.6.1.4.1.42.2.17.1.1), kept as read.
    JksProtected(Vec<u8>),
    /// A JCEKS `EncryptedPrivateKeyInfo` under Sun's JCE key protector,
    /// PBEWithMD5AndTripleDES (OID 1.3.6.1.4.1.42.2.19.1), kept as read.
    JceksProtected(Vec<u8>),
    /// A PKCS#12 shrouded key bag's `EncryptedPrivateKeyInfo` DER, kept as read.
    Pkcs12Shrouded(Vec<u8>),
    /// A BKS or UBER sealed key (salt, iterations, key record under
    /// PBEWithSHAAnd3-KeyTripleDES-CBC), kept as read.
    BksSealed(Vec<u8>),
    /// A BCFKS `EncryptedPrivateKeyInfo` (PBES2: PBKDF2 or scrypt, AES-256-CCM
    /// or AES-256-KWP), kept as read.
    BcfksEncrypted(Vec<u8>),
}

impl fmt::Debug for KeyMaterial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyMaterial::Plain(_) => f.write_str("KeyMaterial::Plain(<redacted>)"),
            KeyMaterial::JksProtected(b) => {
                write!(f, "KeyMaterial::JksProtected({} bytes)", b.len())
            }
            KeyMaterial::JceksProtected(b) => {
                write!(f, "KeyMaterial::JceksProtected({} bytes)", b.len())
            }
            KeyMaterial::Pkcs12Shrouded(b) => {
                write!(f, "KeyMaterial::Pkcs12Shrouded({} bytes)", b.len())
            }
            KeyMaterial::BksSealed(b) => write!(f, "KeyMaterial::BksSealed({} bytes)", b.len()),
            KeyMaterial::BcfksEncrypted(b) => {
                write!(f, "KeyMaterial::BcfksEncrypted({} bytes)", b.len())
            }
        }
    }
}

impl KeyMaterial {
    /// True when the key is still protected as read from a file.
    pub fn is_protected(&self) -> bool {
        !matches!(self, KeyMaterial::Plain(_))
    }

    /// The key as a writer of `format` takes it: in the clear, to protect
    /// now, or a protected form that format keeps as read (JCEKS keeps JKS's
    /// protector, PEM the PKCS#8 envelope of a PKCS#12 shrouded key). A key
    /// another format protects is [`Error::KeyNotRecovered`]: the keystore's
    /// recover step comes first.
    pub fn writable_as(
        &self,
        alias: &str,
        format: StoreType,
    ) -> Result<Writable<'_, Zeroizing<Vec<u8>>>> {
        use StoreType as T;
        match (self, format) {
            (KeyMaterial::Plain(der), _) => Ok(Writable::Clear(der)),
            (KeyMaterial::JksProtected(b), T::Jks | T::Jceks)
            | (KeyMaterial::JceksProtected(b), T::Jceks)
            | (KeyMaterial::Pkcs12Shrouded(b), T::Pkcs12 | T::Pem)
            | (KeyMaterial::BksSealed(b), T::Bks | T::Uber)
            | (KeyMaterial::BcfksEncrypted(b), T::Bcfks) => Ok(Writable::Kept(b)),
            _ => Err(Error::KeyNotRecovered {
                alias: alias.to_string(),
                store_type: format.name(),
                kind: EntryKind::PrivateKey,
            }),
        }
    }
}

/// A key as a writer takes it ([`KeyMaterial::writable_as`],
/// [`SecretMaterial::writable_as`]).
pub enum Writable<'a, K> {
    /// In the clear: the writer protects it with the entry's password.
    Clear(&'a K),
    /// Protected as this format keeps it, as read: written unchanged.
    Kept(&'a [u8]),
}

/// A secret key in the clear: keytool's algorithm name and the key's bytes
/// (`SecretKey.getEncoded()`: for a password entry of `-importpass`, the
/// password's characters).
#[derive(Clone)]
pub struct SecretKey {
    /// The algorithm as keytool names it: `AES`, `DESede`, `HmacSHA256`,
    /// `PBE`, `PBEWithHmacSHA256AndAES_256`...
    pub algorithm: String,
    /// The key bytes, wiped on drop.
    pub bytes: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey({}, <redacted>)", self.algorithm)
    }
}

impl SecretKey {
    /// The key size in bits, as keytool reports it.
    pub fn bits(&self) -> usize {
        self.bytes.len() * 8
    }

    /// True for a password stored with `-importpass` (a PBE key).
    pub fn is_password(&self) -> bool {
        self.algorithm.to_ascii_uppercase().starts_with("PBE")
    }
}

/// A secret key: in the clear, or still protected as read from a file.
#[derive(Clone)]
pub enum SecretMaterial {
    /// Algorithm and bytes.
    Plain(SecretKey),
    /// A PKCS#12 secret bag's `EncryptedPrivateKeyInfo` DER (the JDK wraps
    /// the key as a PKCS#8-shaped structure and shrouds it), kept as read.
    Pkcs12Protected(Vec<u8>),
    /// A JCEKS entry's Java-serialized `SealedObjectForKeyProtector`, kept as read.
    JceksSealed(Vec<u8>),
    /// A BKS or UBER sealed key record, kept as read.
    BksSealed(Vec<u8>),
    /// A BKS or UBER opaque secret (`KeyStore.setKeyEntry(alias, byte[], null)`):
    /// bytes with no algorithm, kept as read; BouncyCastle cannot return
    /// them as a key, and neither can we, but they are never dropped.
    BksRaw(Vec<u8>),
    /// A BCFKS `EncryptedSecretKeyData`, kept as read.
    BcfksEncrypted(Vec<u8>),
}

impl fmt::Debug for SecretMaterial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretMaterial::Plain(k) => write!(f, "SecretMaterial::Plain({k:?})"),
            SecretMaterial::Pkcs12Protected(b) => {
                write!(f, "SecretMaterial::Pkcs12Protected({} bytes)", b.len())
            }
            SecretMaterial::JceksSealed(b) => {
                write!(f, "SecretMaterial::JceksSealed({} bytes)", b.len())
            }
            SecretMaterial::BksSealed(b) => {
                write!(f, "SecretMaterial::BksSealed({} bytes)", b.len())
            }
            SecretMaterial::BksRaw(b) => write!(f, "SecretMaterial::BksRaw({} bytes)", b.len()),
            SecretMaterial::BcfksEncrypted(b) => {
                write!(f, "SecretMaterial::BcfksEncrypted({} bytes)", b.len())
            }
        }
    }
}

impl SecretMaterial {
    /// True when the key is still protected as read from a file.
    pub fn is_protected(&self) -> bool {
        !matches!(self, SecretMaterial::Plain(_))
    }

    /// The key as a writer of `format` takes it, as
    /// [`KeyMaterial::writable_as`]. An opaque BKS secret is no key, so it is
    /// [`Error::EntryNotSupported`] here: BKS and UBER writers take its bytes
    /// as they are ([`SecretMaterial::BksRaw`]) before asking.
    pub fn writable_as(&self, alias: &str, format: StoreType) -> Result<Writable<'_, SecretKey>> {
        use StoreType as T;
        match (self, format) {
            (SecretMaterial::Plain(k), _) => Ok(Writable::Clear(k)),
            (SecretMaterial::BksRaw(_), _) => Err(Error::EntryNotSupported {
                alias: alias.to_string(),
                store_type: format.name(),
                kind: "opaque BKS secret",
            }),
            (SecretMaterial::Pkcs12Protected(b), T::Pkcs12)
            | (SecretMaterial::JceksSealed(b), T::Jceks)
            | (SecretMaterial::BksSealed(b), T::Bks | T::Uber)
            | (SecretMaterial::BcfksEncrypted(b), T::Bcfks) => Ok(Writable::Kept(b)),
            _ => Err(Error::KeyNotRecovered {
                alias: alias.to_string(),
                store_type: format.name(),
                kind: EntryKind::SecretKey,
            }),
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
    /// The password a [`KeyMaterial::Plain`] key is protected with when the
    /// store is written; `None` means the store password (keytool's default
    /// for `-keypass`, and the only choice keytool offers for PKCS12).
    /// A protected key is written back as read and keeps its own password.
    pub password: Option<Password>,
}

impl PrivateKeyEntry {
    /// A key in the clear with its chain, protected by the store password when written.
    pub fn new(pkcs8: Zeroizing<Vec<u8>>, chain: Vec<Certificate>) -> Self {
        PrivateKeyEntry {
            key: KeyMaterial::Plain(pkcs8),
            chain,
            password: None,
        }
    }

    /// Decrypted PKCS#8 DER; a protected key needs its key password.
    pub fn pkcs8(&self, alias: &str, key_password: &Password) -> Result<Zeroizing<Vec<u8>>> {
        self.key.pkcs8(alias, key_password)
    }
}

/// keytool's SecretKeyEntry.
#[derive(Clone, Debug)]
pub struct SecretKeyEntry {
    /// The key.
    pub key: SecretMaterial,
    /// As [`PrivateKeyEntry::password`]: the password a plain key is
    /// protected with when written; `None` means the store password.
    pub password: Option<Password>,
}

impl SecretKeyEntry {
    /// A secret key in the clear, protected by the store password when written.
    pub fn new(algorithm: impl Into<String>, bytes: Zeroizing<Vec<u8>>) -> Self {
        SecretKeyEntry {
            key: SecretMaterial::Plain(SecretKey {
                algorithm: algorithm.into(),
                bytes,
            }),
            password: None,
        }
    }

    /// The key in the clear; a protected key needs its key password.
    pub fn recover(&self, alias: &str, key_password: &Password) -> Result<SecretKey> {
        self.key.recover(alias, key_password)
    }
}

/// What an alias holds.
#[derive(Clone, Debug)]
pub enum Entry {
    /// keytool's PrivateKeyEntry.
    PrivateKey(PrivateKeyEntry),
    /// keytool's trustedCertEntry.
    TrustedCert(Certificate),
    /// keytool's SecretKeyEntry: `-genseckey` keys and `-importpass` passwords.
    SecretKey(SecretKeyEntry),
}

impl Entry {
    /// keytool's word for the entry type.
    pub fn type_name(&self) -> &'static str {
        match self {
            Entry::PrivateKey(_) => "PrivateKeyEntry",
            Entry::TrustedCert(_) => "trustedCertEntry",
            Entry::SecretKey(_) => "SecretKeyEntry",
        }
    }

    /// The certificate keytool fingerprints: the leaf, or the trusted certificate.
    pub fn certificate(&self) -> Option<&Certificate> {
        match self {
            Entry::PrivateKey(pk) => pk.chain.first(),
            Entry::TrustedCert(c) => Some(c),
            Entry::SecretKey(_) => None,
        }
    }

    /// True for the entries that hold a key (private or secret).
    pub fn is_key(&self) -> bool {
        !matches!(self, Entry::TrustedCert(_))
    }

    /// True when the entry's key is still protected as read.
    pub fn is_protected(&self) -> bool {
        match self {
            Entry::PrivateKey(pk) => pk.key.is_protected(),
            Entry::SecretKey(sk) => sk.key.is_protected(),
            Entry::TrustedCert(_) => false,
        }
    }
}

/// Where [`KeyStore::open`] reads a keystore from: a file, or bytes in memory.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// A keystore file.
    Path(&'a std::path::Path),
    /// A keystore's bytes.
    Bytes(&'a [u8]),
}

impl<'a> From<&'a std::path::Path> for Source<'a> {
    fn from(p: &'a std::path::Path) -> Self {
        Source::Path(p)
    }
}

impl<'a> From<&'a std::path::PathBuf> for Source<'a> {
    fn from(p: &'a std::path::PathBuf) -> Self {
        Source::Path(p)
    }
}

impl<'a> From<&'a str> for Source<'a> {
    fn from(p: &'a str) -> Self {
        Source::Path(std::path::Path::new(p))
    }
}

impl<'a> From<&'a [u8]> for Source<'a> {
    fn from(b: &'a [u8]) -> Self {
        Source::Bytes(b)
    }
}

impl<'a> From<&'a Vec<u8>> for Source<'a> {
    fn from(b: &'a Vec<u8>) -> Self {
        Source::Bytes(b)
    }
}

/// A key pair to generate with its self-signed certificate, as `-genkeypair`
/// makes it (the command calls [`KeyStore::add_key_pair`]).
#[derive(Clone, Debug)]
pub struct KeyPairSpec {
    /// The key algorithm (`-keyalg`).
    pub algorithm: crate::keys::KeyAlgorithm,
    /// The key size in bits (`-keysize`); `None` for keytool's default.
    pub bits: Option<u32>,
    /// The subject and issuer, in keytool's `-dname` syntax.
    pub dname: String,
    /// Days of validity (`-validity`, keytool's default 90).
    pub validity_days: u32,
    /// Start of validity, seconds since the epoch; `None` for now.
    pub not_before: Option<i64>,
    /// The signature algorithm (`-sigalg`); `None` for keytool's default for the key.
    pub signature_algorithm: Option<crate::keys::SignatureAlgorithm>,
    /// Extensions in keytool's `-ext` syntax.
    pub extensions: Vec<String>,
}

impl KeyPairSpec {
    /// keytool's defaults for `algorithm` and `dname`: default size, 90 days
    /// from now, default signature algorithm, no extensions.
    pub fn new(algorithm: crate::keys::KeyAlgorithm, dname: impl Into<String>) -> Self {
        KeyPairSpec {
            algorithm,
            bits: None,
            dname: dname.into(),
            validity_days: 90,
            not_before: None,
            signature_algorithm: None,
            extensions: Vec::new(),
        }
    }

    /// Generates the key and its self-signed certificate: a private key
    /// entry (protected by the store password when written) and the
    /// signature algorithm used.
    pub fn generate(&self) -> Result<(PrivateKeyEntry, crate::keys::SignatureAlgorithm)> {
        use crate::cert::{self, CertificateTemplate};
        use crate::keys::{PrivateKey, SignatureAlgorithm};
        if let Some(s) = self.signature_algorithm {
            self.algorithm.check_signature_algorithm(s)?;
        }
        let subject = crate::dname::parse(&self.dname)?;
        let ext_request = crate::ext::parse_all(&self.extensions)?;
        let key = PrivateKey::generate(
            self.algorithm,
            self.bits.unwrap_or(self.algorithm.default_size()),
        )?;
        let sigalg = match self.signature_algorithm {
            Some(s) => s,
            None => SignatureAlgorithm::default_for(&key)?,
        };
        key.check_signature_algorithm(sigalg)?;
        let spki_der = key.public_key_der()?;
        let extensions = ext_request.build(&spki_der, None, None)?;
        let not_before = self.not_before.unwrap_or_else(|| now_millis() / 1000);
        let template = CertificateTemplate {
            serial: cert::random_serial(),
            issuer: subject.clone(),
            subject,
            not_before,
            not_after: not_before + i64::from(self.validity_days) * 86400,
            spki_der,
            extensions,
        };
        let certificate = crate::keys::issue(&template, &key, sigalg)?;
        Ok((
            PrivateKeyEntry::new(key.into_pkcs8_der(), vec![certificate]),
            sigalg,
        ))
    }
}

/// An entry with its alias and creation date.
#[derive(Clone, Debug)]
pub struct StoredEntry {
    /// The alias: lower-case, except in the formats that keep case (BKS, UBER, BCFKS).
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

    /// Generates a key pair and its self-signed certificate under `alias`
    /// (the code `-genkeypair` runs). Refuses an alias that exists.
    pub fn add_key_pair(&mut self, alias: &str, spec: &KeyPairSpec) -> Result<&StoredEntry> {
        if self.contains(alias) {
            return Err(Error::AliasExists(normalize_alias(alias)));
        }
        let (entry, _) = spec.generate()?;
        self.insert(StoredEntry {
            alias: alias.to_string(),
            created_millis: now_millis(),
            entry: Entry::PrivateKey(entry),
        })?;
        self.get(alias)
            .ok_or_else(|| Error::AliasNotFound(alias.to_string()))
    }

    /// Adds a secret key under `alias` (protected by the store password when
    /// written). Refuses an alias that exists, and a format that cannot hold
    /// one (JKS) with [`Error::EntryNotSupported`].
    pub fn add_secret_key(&mut self, alias: &str, key: SecretKey) -> Result<()> {
        if !self.store_type.holds_secret_keys() {
            return Err(Error::EntryNotSupported {
                alias: normalize_alias(alias),
                store_type: self.store_type.name(),
                kind: "secret key",
            });
        }
        self.insert(StoredEntry {
            alias: alias.to_string(),
            created_millis: now_millis(),
            entry: Entry::SecretKey(SecretKeyEntry {
                key: SecretMaterial::Plain(key),
                password: None,
            }),
        })
    }

    /// The format.
    pub fn store_type(&self) -> StoreType {
        self.store_type
    }

    /// Changes the format the store will be written in; aliases are
    /// lower-cased when the new format folds case.
    pub fn set_store_type(&mut self, t: StoreType) {
        self.store_type = t;
        if t.folds_alias_case() {
            for e in &mut self.entries {
                e.alias = normalize_alias(&e.alias);
            }
        }
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

    /// Adds a new entry; its alias is lower-cased unless the format keeps
    /// case (BKS, UBER, BCFKS). Refuses an alias that exists, in any case.
    pub fn insert(&mut self, mut entry: StoredEntry) -> Result<()> {
        if self.store_type.folds_alias_case() {
            entry.alias = normalize_alias(&entry.alias);
        }
        let key = normalize_alias(&entry.alias);
        if let Some(&i) = self.index.get(&key) {
            return Err(Error::AliasExists(self.entries[i].alias.clone()));
        }
        self.index.insert(key, self.entries.len());
        self.entries.push(entry);
        Ok(())
    }

    /// Adds or replaces the entry under its alias, keeping its position when it existed.
    pub fn upsert(&mut self, mut entry: StoredEntry) {
        if self.store_type.folds_alias_case() {
            entry.alias = normalize_alias(&entry.alias);
        }
        let key = normalize_alias(&entry.alias);
        match self.index.get(&key) {
            Some(&i) => self.entries[i] = entry,
            None => {
                self.index.insert(key, self.entries.len());
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

    /// The passwords to try, in order, for the key of an entry, by keytool's
    /// rule made one: a JKS or JCEKS key opens with `key_password` when given,
    /// else the store password; a PKCS12 key with the store password, then
    /// (an entry with its own password, as the KeyStore API makes) `key_password`.
    pub fn key_password_candidates<'a>(
        &self,
        store_password: Option<&'a Password>,
        key_password: Option<&'a Password>,
    ) -> Vec<&'a Password> {
        let mut v: Vec<&Password> = match self.store_type {
            StoreType::Pkcs12 => store_password.into_iter().chain(key_password).collect(),
            _ => key_password.or(store_password).into_iter().collect(),
        };
        v.dedup_by(|a, b| a == b);
        v
    }

    /// The private key of `alias` as PKCS#8 DER, trying the passwords of
    /// [`KeyStore::key_password_candidates`]; returns the one that opened it.
    pub fn private_key(
        &self,
        alias: &str,
        store_password: Option<&Password>,
        key_password: Option<&Password>,
    ) -> Result<(Zeroizing<Vec<u8>>, Option<Password>)> {
        let e = self
            .get(alias)
            .ok_or_else(|| Error::AliasNotFound(alias.to_string()))?;
        let Entry::PrivateKey(pk) = &e.entry else {
            return Err(Error::WrongEntryKind {
                alias: alias.to_string(),
                wanted: EntryKind::PrivateKey,
            });
        };
        if let KeyMaterial::Plain(der) = &pk.key {
            return Ok((der.clone(), pk.password.clone()));
        }
        for pw in self.key_password_candidates(store_password, key_password) {
            match pk.pkcs8(&e.alias, pw) {
                Err(Error::CannotRecoverKey { .. }) => continue,
                Ok(der) => return Ok((der, Some(pw.clone()))),
                Err(other) => return Err(other),
            }
        }
        Err(Error::CannotRecoverKey {
            alias: e.alias.clone(),
        })
    }

    /// The secret key of `alias` in the clear, trying the passwords of
    /// [`KeyStore::key_password_candidates`].
    pub fn secret_key(
        &self,
        alias: &str,
        store_password: Option<&Password>,
        key_password: Option<&Password>,
    ) -> Result<SecretKey> {
        let e = self
            .get(alias)
            .ok_or_else(|| Error::AliasNotFound(alias.to_string()))?;
        let Entry::SecretKey(sk) = &e.entry else {
            return Err(Error::WrongEntryKind {
                alias: alias.to_string(),
                wanted: EntryKind::SecretKey,
            });
        };
        if let SecretMaterial::Plain(k) = &sk.key {
            return Ok(k.clone());
        }
        for pw in self.key_password_candidates(store_password, key_password) {
            match sk.recover(&e.alias, pw) {
                Err(Error::CannotRecoverKey { .. }) => continue,
                other => return other,
            }
        }
        Err(Error::CannotRecoverKey {
            alias: e.alias.clone(),
        })
    }

    /// Decrypts every key kept as read with `key_password`, leaving it in the
    /// clear (to be protected with the store password on the next write).
    /// For a new PKCS12 store password (`-storepasswd`), as keytool re-protects
    /// every key with it. The first key that does not open is
    /// [`Error::CannotRecoverKey`] naming its alias, and nothing is changed.
    pub fn recover_keys(&mut self, key_password: &Password) -> Result<()> {
        let mut recovered = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            match &e.entry {
                Entry::PrivateKey(pk) if pk.key.is_protected() => {
                    let der = pk.pkcs8(&e.alias, key_password)?;
                    recovered.push((
                        i,
                        Entry::PrivateKey(PrivateKeyEntry::new(der, pk.chain.clone())),
                    ));
                }
                Entry::SecretKey(sk) if sk.key.is_protected() => {
                    let k = sk.recover(&e.alias, key_password)?;
                    recovered.push((
                        i,
                        Entry::SecretKey(SecretKeyEntry {
                            key: SecretMaterial::Plain(k),
                            password: None,
                        }),
                    ));
                }
                _ => {}
            }
        }
        for (i, entry) in recovered {
            self.entries[i].entry = entry;
        }
        Ok(())
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

    const FORMATS: [StoreType; 7] = [
        StoreType::Jks,
        StoreType::Jceks,
        StoreType::Pkcs12,
        StoreType::Pem,
        StoreType::Bks,
        StoreType::Uber,
        StoreType::Bcfks,
    ];

    /// What a writer of each format gets for `material`: "clear", "kept",
    /// or the error's text.
    fn outcomes<K: 'static>(
        writable: impl Fn(StoreType) -> Result<Writable<'static, K>>,
    ) -> Vec<String> {
        FORMATS
            .iter()
            .map(|&t| match writable(t) {
                Ok(Writable::Clear(_)) => format!("{}: clear", t.name()),
                Ok(Writable::Kept(_)) => format!("{}: kept", t.name()),
                Err(e) => format!("{}: {e}", t.name()),
            })
            .collect()
    }

    #[test]
    fn each_format_keeps_only_its_own_protection_and_refuses_the_rest() {
        let leak = |m: KeyMaterial| -> &'static KeyMaterial { Box::leak(Box::new(m)) };
        let jks = leak(KeyMaterial::JksProtected(vec![1]));
        assert_eq!(
            outcomes(|t| jks.writable_as("k", t)),
            [
                "JKS: kept",
                "JCEKS: kept",
                "PKCS12: the private key of <k> must be decrypted before it is written as PKCS12",
                "PEM: the private key of <k> must be decrypted before it is written as PEM",
                "BKS: the private key of <k> must be decrypted before it is written as BKS",
                "UBER: the private key of <k> must be decrypted before it is written as UBER",
                "BCFKS: the private key of <k> must be decrypted before it is written as BCFKS",
            ]
        );
        let kept_by = |m: KeyMaterial| -> Vec<&'static str> {
            let m = leak(m);
            FORMATS
                .iter()
                .filter(|&&t| matches!(m.writable_as("k", t), Ok(Writable::Kept(_))))
                .map(|t| t.name())
                .collect()
        };
        assert_eq!(kept_by(KeyMaterial::JceksProtected(vec![1])), ["JCEKS"]);
        assert_eq!(
            kept_by(KeyMaterial::Pkcs12Shrouded(vec![1])),
            ["PKCS12", "PEM"]
        );
        assert_eq!(kept_by(KeyMaterial::BksSealed(vec![1])), ["BKS", "UBER"]);
        assert_eq!(kept_by(KeyMaterial::BcfksEncrypted(vec![1])), ["BCFKS"]);
        let plain = leak(KeyMaterial::Plain(Zeroizing::new(vec![1])));
        assert!(
            outcomes(|t| plain.writable_as("k", t))
                .iter()
                .all(|o| o.ends_with(": clear"))
        );

        let secret = |m: SecretMaterial| -> &'static SecretMaterial { Box::leak(Box::new(m)) };
        let raw = secret(SecretMaterial::BksRaw(vec![1]));
        let refused: Vec<String> = FORMATS
            .iter()
            .map(|t| {
                let n = t.name();
                format!(
                    "{n}: {n} keystores cannot hold the opaque BKS secret <s>; nothing was written"
                )
            })
            .collect();
        assert_eq!(outcomes(|t| raw.writable_as("s", t)), refused);
        let sealed = secret(SecretMaterial::JceksSealed(vec![1]));
        assert_eq!(
            outcomes(|t| sealed.writable_as("s", t))[1..3],
            [
                "JCEKS: kept",
                "PKCS12: the secret key of <s> must be decrypted before it is written as PKCS12",
            ]
        );
        let kept_by = |m: SecretMaterial| -> Vec<&'static str> {
            let m = secret(m);
            FORMATS
                .iter()
                .filter(|&&t| matches!(m.writable_as("s", t), Ok(Writable::Kept(_))))
                .map(|t| t.name())
                .collect()
        };
        assert_eq!(
            kept_by(SecretMaterial::Pkcs12Protected(vec![1])),
            ["PKCS12"]
        );
        assert_eq!(kept_by(SecretMaterial::BksSealed(vec![1])), ["BKS", "UBER"]);
        assert_eq!(kept_by(SecretMaterial::BcfksEncrypted(vec![1])), ["BCFKS"]);
    }

    #[test]
    fn alias_lookup_ignores_case_and_remove_reindexes() {
        let mut ks = KeyStore::new(StoreType::Pkcs12);
        let cert_free = |alias: &str| StoredEntry {
            alias: alias.into(),
            created_millis: 0,
            entry: Entry::PrivateKey(PrivateKeyEntry::new(Zeroizing::new(vec![]), vec![])),
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
