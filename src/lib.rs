//! rkeytool: a keytool-compatible keystore library and tool.
//!
//! The library reads and writes JKS and PKCS#12 keystores, generates keys,
//! self-signed certificates and PKCS#10 requests, and parses keytool's
//! `-dname` and `-ext` syntax. The `rkeytool` binary is a thin client of it.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cert;
pub mod dname;
pub mod error;
pub mod ext;
pub mod jks;
pub mod keystore;
pub mod password;

pub use cert::Certificate;
pub use error::{Error, Result};
pub use keystore::{Entry, KeyMaterial, KeyStore, PrivateKeyEntry, StoreType, StoredEntry};
pub use password::Password;
