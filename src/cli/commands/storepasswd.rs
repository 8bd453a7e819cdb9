//! `-storepasswd`: a new store password. PKCS12 re-encrypts every key and
//! certificate with it; JKS keys keep their own key passwords and only the
//! integrity digest changes.

use super::importkeystore::{check_new_password, open_for_change};
use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;

/// Runs `-storepasswd`.
pub fn run(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    let new = prompt::from_arg(args.password("new"), "new")?;
    check_new_password(new.as_ref())?;
    let mut open = open_for_change(args, p)?;
    let new = match new {
        Some(n) => n,
        None => prompt::changed_password(p, "keystore password", &open.password, "new")?,
    };
    if open.store.store_type() == rkeytool::StoreType::Pkcs12 {
        // keytool re-protects every PKCS12 key with the new store password.
        let old = open.password.clone();
        open.store.recover_keys(&old).map_err(|e| match e {
            rkeytool::Error::CannotRecoverKey { alias } => CliError::new(format!(
                "Cannot change the store password: the key of <{alias}> has a password of its own"
            ))
            .hint("every PKCS12 key takes the new store password; keytool refuses this store too"),
            other => other.into(),
        })?;
    }
    open.password = new.clone();
    store::save(&open, store::protection(args)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}
