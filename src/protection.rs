//! Each format's key protection, chosen by store type: how a key in the
//! clear is protected as a JKS, JCEKS, BKS or UBER store keeps it, and how a
//! key kept as read is recovered with its password.
//!
//! The model ([`crate::keystore`]) knows no format; the formats import the
//! model; this module sits above both, so that no format and the model
//! import each other.

use crate::error::{Error, Result};
use crate::keystore::{KeyMaterial, SecretKey, SecretMaterial, StoreType};
use crate::password::Password;
use zeroize::Zeroizing;

impl KeyMaterial {
    /// A key in the clear as a store of type `t` keeps it: JKS, JCEKS, BKS,
    /// UBER and BCFKS keys are protected with `password` now (each format's key
    /// protection); PKCS12 keys stay in the clear until the store is written.
    pub fn for_store(t: StoreType, pkcs8: Zeroizing<Vec<u8>>, password: &Password) -> Result<Self> {
        Ok(match t {
            StoreType::Jks => {
                KeyMaterial::JksProtected(crate::jks::key_protector::protect(&pkcs8, password)?)
            }
            StoreType::Jceks => {
                KeyMaterial::JceksProtected(crate::jceks::key_protector::protect(&pkcs8, password)?)
            }
            StoreType::Pkcs12 | StoreType::Pem => KeyMaterial::Plain(pkcs8),
            StoreType::Bks | StoreType::Uber => {
                KeyMaterial::BksSealed(crate::bks::seal_private_key(&pkcs8, password)?)
            }
            StoreType::Bcfks => {
                KeyMaterial::BcfksEncrypted(crate::bcfks::encrypt_private_key(&pkcs8, password)?)
            }
        })
    }

    /// Decrypted PKCS#8 DER; a protected key needs its key password.
    /// A wrong password is [`Error::CannotRecoverKey`].
    pub fn pkcs8(&self, alias: &str, key_password: &Password) -> Result<Zeroizing<Vec<u8>>> {
        let cannot = |e: Error| match e {
            Error::WrongPassword => Error::CannotRecoverKey {
                alias: alias.to_string(),
            },
            other => other,
        };
        match self {
            KeyMaterial::Plain(der) => Ok(der.clone()),
            KeyMaterial::JksProtected(blob) => {
                crate::jks::key_protector::recover(blob, key_password).map_err(cannot)
            }
            KeyMaterial::Pkcs12Shrouded(blob) => {
                crate::pkcs12::decrypt_shrouded_key(blob, key_password).map_err(cannot)
            }
            KeyMaterial::JceksProtected(blob) => {
                crate::jceks::key_protector::recover(blob, key_password).map_err(cannot)
            }
            KeyMaterial::BksSealed(blob) => {
                crate::bks::unseal_private_key(blob, key_password).map_err(cannot)
            }
            KeyMaterial::BcfksEncrypted(blob) => {
                crate::bcfks::decrypt_private_key(blob, key_password).map_err(cannot)
            }
        }
    }
}

impl SecretMaterial {
    /// The key in the clear; a protected key needs its key password.
    /// A wrong password is [`Error::CannotRecoverKey`].
    pub fn recover(&self, alias: &str, key_password: &Password) -> Result<SecretKey> {
        let cannot = |e: Error| match e {
            Error::WrongPassword => Error::CannotRecoverKey {
                alias: alias.to_string(),
            },
            other => other,
        };
        match self {
            SecretMaterial::Plain(k) => Ok(k.clone()),
            SecretMaterial::Pkcs12Protected(blob) => {
                crate::pkcs12::decrypt_secret_key(blob, key_password).map_err(cannot)
            }
            SecretMaterial::JceksSealed(sealed) => {
                crate::jceks::sealed::unseal(sealed, key_password)
                    .map(|k| SecretKey {
                        algorithm: k.algorithm,
                        bytes: k.bytes,
                    })
                    .map_err(cannot)
            }
            SecretMaterial::BksSealed(blob) => {
                crate::bks::unseal_secret_key(blob, key_password).map_err(cannot)
            }
            SecretMaterial::BcfksEncrypted(blob) => {
                crate::bcfks::decrypt_secret_key(blob, key_password).map_err(cannot)
            }
            SecretMaterial::BksRaw(_) => Err(Error::OpaqueSecret {
                alias: alias.to_string(),
            }),
        }
    }
}
