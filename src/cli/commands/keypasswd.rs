//! `-keypasswd`: a new password for one JKS or JCEKS key entry — a private
//! key, or (JCEKS) a secret key, as keytool allows. PKCS12 keys always use
//! the store password, and keytool refuses the command for them.

use super::importkeystore::{check_new_password, open_for_change, protect_for, recover_key};
use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, PrivateKeyEntry, SecretKeyEntry, SecretMaterial, StoreType};

/// Runs `-keypasswd`.
pub fn run(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    let new = prompt::from_arg(args.password("new"), "new")?;
    check_new_password(new.as_ref())?;
    let keypass = prompt::from_arg(args.password("keypass"), "keypass")?;
    let mut open = open_for_change(args, p)?;
    if open.store.store_type() == StoreType::Pkcs12 {
        return Err(CliError::new(
            "-keypasswd commands not supported if -storetype is PKCS12",
        ));
    }
    let alias = super::alias(args).to_string();
    let stored = open
        .store
        .get(&alias)
        .cloned()
        .ok_or_else(|| crate::cli::error::alias_not_found(&alias))?;
    let store_type = open.store.store_type();
    let entry = match stored.entry {
        Entry::PrivateKey(pk) => {
            let (der, old) = recover_key(
                &alias,
                &pk,
                Some(&open.password),
                keypass.as_ref(),
                "keypass",
                p,
            )?;
            let new = match new {
                Some(n) => n,
                None => prompt::changed_password(
                    p,
                    &format!("key password for <{alias}>"),
                    &old,
                    "new",
                )?,
            };
            Entry::PrivateKey(PrivateKeyEntry {
                key: protect_for(store_type, der, &new)?,
                chain: pk.chain,
                password: StoreType::entry_password(&new, &open.password),
            })
        }
        Entry::SecretKey(sk) => {
            // -keypass, else the store password (keytool's first try).
            let old = keypass.unwrap_or_else(|| open.password.clone());
            let key = sk.recover(&alias, &old)?;
            let new = match new {
                Some(n) => n,
                None => prompt::changed_password(
                    p,
                    &format!("key password for <{alias}>"),
                    &old,
                    "new",
                )?,
            };
            Entry::SecretKey(SecretKeyEntry {
                key: SecretMaterial::Plain(key),
                password: StoreType::entry_password(&new, &open.password),
            })
        }
        Entry::TrustedCert(_) => {
            return Err(crate::cli::error::alias_lacks(
                &alias,
                crate::cli::error::Lacks::Key,
            ));
        }
    };
    if let Some(e) = open.store.get_mut(&alias) {
        // keytool's setKeyEntry gives the entry a new creation date.
        e.created_millis = now_millis();
        e.entry = entry;
    }
    store::save(&open, store::protection(args)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}
