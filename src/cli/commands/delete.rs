//! `-delete`: removes an entry.

use super::importkeystore::{ask_alias, open_for_change};
use crate::cli::error::CliResult;
use crate::cli::options::Parsed;
use crate::cli::prompt::Prompter;
use crate::cli::store;

/// Runs `-delete`.
pub fn run(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    // keytool asks for the alias before the store password.
    let alias = match args.value("alias") {
        Some(a) => a.to_string(),
        None if store::keystore_path(args)?.exists() => {
            ask_alias(p, "Enter alias name:  ", "Must specify alias")?
        }
        // open_for_change says the file does not exist.
        None => String::new(),
    };
    let mut open = open_for_change(args, p)?;
    if open.store.remove(&alias).is_none() {
        return Err(crate::cli::error::alias_not_found(&alias));
    }
    store::save(&open, store::protection(args)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}
