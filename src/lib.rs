//! rkeytool: a keytool-compatible keystore library and tool.
//!
//! The library reads and writes JKS and PKCS#12 keystores, generates keys,
//! self-signed certificates and PKCS#10 requests, and parses keytool's
//! `-dname` and `-ext` syntax. The `rkeytool` binary is a thin client of it.
//!
//! Keys stay protected as they were read until they are used, so a store
//! can be listed, changed and saved without any key password, and every
//! entry keytool keeps (private keys, trusted certificates, secret keys and
//! stored passwords) is written back.
//!
//! Open a keystore made by keytool and look at its entries:
//!
//! ```standalone_crate
//! use rkeytool::{KeyStore, Password};
//!
//! let ks = KeyStore::open("fixtures/jks/jdk17-mixed.jks", Some(&Password::new("changeit")))?;
//! for e in ks.entries() {
//!     println!("{}: {}", e.alias, e.entry.type_name());
//! }
//! assert!(ks.get("ca").is_some());
//! # Ok::<(), rkeytool::Error>(())
//! ```
//!
//! Create a PKCS12 keystore, add a key pair with its self-signed
//! certificate (what `-genkeypair` does) and an AES key, and save it:
//!
//! ```standalone_crate
//! use rkeytool::keys::KeyAlgorithm;
//! use rkeytool::keystore::KeyPairSpec;
//! use rkeytool::{KeyStore, Password, StoreType, secret};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("app.p12");
//! let password = Password::new("changeit");
//! let mut ks = KeyStore::new(StoreType::Pkcs12);
//! ks.add_key_pair("server", &KeyPairSpec::new(KeyAlgorithm::Ec, "CN=app.example.com"))?;
//! ks.add_secret_key("session", secret::generate("AES", Some(256))?)?;
//! ks.save(&path, Some(&password))?;
//!
//! let back = KeyStore::open(&path, Some(&password))?;
//! assert_eq!(back.len(), 2);
//! let aes = back.secret_key("session", Some(&password), None)?;
//! assert_eq!(aes.bits(), 256);
//! # Ok::<(), rkeytool::Error>(())
//! ```
//!
//! Convert a JKS keystore to PKCS12 (keys are opened with their key
//! password, then take the new store password):
//!
//! ```standalone_crate
//! use rkeytool::{KeyStore, Password, StoreType};
//!
//! let mut ks = KeyStore::open("fixtures/jks/jdk17-mixed.jks", Some(&Password::new("changeit")))?;
//! ks.recover_keys(&Password::new("otherpass"))?;
//! ks.set_store_type(StoreType::Pkcs12);
//! let p12 = ks.to_bytes(Some(&Password::new("changeit")))?;
//! let again = KeyStore::open(&p12, Some(&Password::new("changeit")))?;
//! assert_eq!(again.len(), ks.len());
//! # Ok::<(), rkeytool::Error>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bcfks;
pub mod bks;
pub mod bundle;
pub mod calendar;
pub mod cert;
pub mod chain;
pub mod crl;
pub mod crypto;
pub mod csr;
pub mod dname;
pub mod error;
pub mod ext;
pub mod files;
pub mod generation;
pub mod jar;
pub mod jceks;
pub mod jks;
pub mod json;
pub mod keys;
pub mod keystore;
pub mod lenient;
pub mod password;
pub mod pem;
pub mod pemstore;
pub mod pkcs12;
pub mod pkcs7;
pub mod protection;
pub mod secret;
pub mod storage;
pub mod text;
pub mod tls;
pub(crate) mod tlv;
pub mod verify;

pub use cert::Certificate;
pub use error::{EntryKind, Error, KeySizes, LooksLike, PemProblem, ReplyProblem, Result};
pub use generation::Generation;
pub use keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, SecretKey, SecretKeyEntry, SecretMaterial,
    StoreType, StoredEntry, Writable,
};
pub use password::Password;
