//! rkeytool: a keytool-compatible keystore library and tool.
//!
//! The library reads and writes JKS and PKCS#12 keystores, generates keys,
//! self-signed certificates and PKCS#10 requests, and parses keytool's
//! `-dname` and `-ext` syntax. The `rkeytool` binary is a thin client of it.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bundle;
pub mod calendar;
pub mod cert;
pub mod chain;
pub mod csr;
pub mod dname;
pub mod error;
pub mod ext;
pub mod generation;
pub mod jceks;
pub mod jks;
pub mod json;
pub mod keyfile;
pub mod keygen;
pub mod keystore;
pub mod password;
pub mod pem;
pub mod pkcs12;
pub mod pkcs7;
pub mod secret;
pub mod storage;
pub mod text;
pub mod verify;

pub use cert::Certificate;
pub use error::{Error, Result};
pub use generation::Generation;
pub use keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, SecretKey, SecretKeyEntry, SecretMaterial,
    StoreType, StoredEntry,
};
pub use password::Password;
