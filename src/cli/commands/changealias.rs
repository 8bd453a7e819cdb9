//! `-changealias`: moves an entry to a new alias. As keytool, the key is
//! recovered first (so a wrong `-keypass` fails) and the entry gets a new
//! creation date.

use super::importkeystore::{
    ask_alias, open_for_change, pkcs12_keypass_warning, protect_for, recover_key,
};
use crate::cli::error::CliResult;
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, PrivateKeyEntry, StoreType, StoredEntry};

/// Runs `-changealias`.
pub fn run(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    // keytool asks for the destination alias before the store password.
    let dest = match args.value("destalias") {
        Some(d) => d.to_string(),
        None if store::keystore_path(args)?.exists() => ask_alias(
            p,
            "Enter destination alias name:  ",
            "Must specify destination alias",
        )?,
        // open_for_change says the file does not exist.
        None => String::new(),
    };
    let mut open = open_for_change(args, p)?;
    let alias = super::alias(args).to_string();
    let mut keypass = prompt::from_arg(args.password("keypass"), "keypass")?;
    let store_type = open.store.store_type();
    if store_type == StoreType::Pkcs12
        && let Some(k) = &keypass
        && k != &open.password
    {
        pkcs12_keypass_warning("-keypass");
        keypass = None;
    }
    if open.store.contains(&dest) {
        return Err(crate::cli::error::alias_taken(
            &dest,
            crate::cli::error::NotMade::DestinationAlias,
        ));
    }
    let stored = open
        .store
        .get(&alias)
        .cloned()
        .ok_or_else(|| crate::cli::error::alias_not_found(&alias))?;
    let entry = match stored.entry {
        // Secret keys and certificates move as read: no key password needed.
        other @ (Entry::TrustedCert(_) | Entry::SecretKey(_)) => other,
        Entry::PrivateKey(pk) => {
            let (der, used) = recover_key(
                &alias,
                &pk,
                Some(&open.password),
                keypass.as_ref(),
                "keypass",
                p,
            )?;
            Entry::PrivateKey(PrivateKeyEntry {
                key: protect_for(store_type, der, &used)?,
                chain: pk.chain,
                password: StoreType::entry_password(&used, &open.password),
            })
        }
    };
    open.store.remove(&alias);
    open.store.insert(StoredEntry {
        alias: dest,
        created_millis: now_millis(),
        entry,
    })?;
    store::save(&open, store::protection(args)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}
