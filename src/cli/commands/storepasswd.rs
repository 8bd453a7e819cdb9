//! `-storepasswd`: a new store password. PKCS12 re-encrypts every key and
//! certificate with it; JKS keys keep their own key passwords and only the
//! integrity digest changes.

use super::importkeystore::{check_new_password, open_for_change};
use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::Password;

/// Runs `-storepasswd`.
pub fn run(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    let new = prompt::from_arg(args.password("new"), "new")?;
    check_new_password(new.as_ref())?;
    let mut open = open_for_change(args, p)?;
    let new = match new {
        Some(n) => n,
        None => ask_new(p, "keystore password", &open.password)?,
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
    store::save(&open, store::protection(args))?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}

/// keytool's `getNewPasswd`: on a terminal, "New <what>: " and "Re-enter new
/// <what>: ", at least 6 characters and different from the old; three tries.
pub fn ask_new(p: &mut Prompter, what: &str, old: &Password) -> CliResult<Password> {
    if !p.is_tty() {
        return Err(CliError::new(format!(
            "no new {what} given and there is no terminal to ask on"
        ))
        .hint("give it with -new:env VAR, -new:file FILE or -new PASSWORD"));
    }
    for _ in 0..3 {
        let Some(first) = p.secret(&format!("New {what}: "))? else {
            break;
        };
        if first.char_len() < 6 {
            eprintln!("Password is too short - must be at least 6 characters");
        } else if &first == old {
            eprintln!("Passwords must differ");
        } else {
            let again = p.secret(&format!("Re-enter new {what}: "))?;
            if again.as_ref() == Some(&first) {
                return Ok(first);
            }
            eprintln!("They don't match. Try again");
        }
    }
    Err(CliError::new("Too many failures - try later"))
}
