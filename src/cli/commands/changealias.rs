//! `-changealias`: moves an entry to a new alias. As keytool, the key is
//! recovered first (so a wrong `-keypass` fails) and the entry gets a new
//! creation date.

use crate::cli::args::{StoreArgs, WriteArgs};
use crate::cli::error::CliResult;
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::recover::{key_and_password, pkcs12_keypass_warning, protect_for};
use crate::cli::store;
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, PrivateKeyEntry, StoreType, StoredEntry};
use std::io::Write;

/// `-changealias` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "changealias",
    aliases: &[],
    help: "Changes an entry's alias",
    options: &[
        Opt::Alias,
        Opt::Destalias,
        Opt::Keypass,
        Opt::Keystore,
        Opt::Cacerts,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
        Opt::Protected,
        Opt::Legacy,
        Opt::Macalg,
    ],
    keytool: true,
    run: start,
};

/// What `-changealias` takes from the command line.
struct Args<'a> {
    alias: &'a str,
    destalias: Option<&'a str>,
    keypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            destalias: p.value(Opt::Destalias),
            keypass: p.password(Opt::Keypass),
            store: StoreArgs::new(p),
            write: WriteArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p).map(|()| 0)
}

/// Runs `-changealias`.
fn run(args: &Args, p: &mut Prompter) -> CliResult<()> {
    // keytool asks for the destination alias before the store password.
    let dest = match args.destalias {
        Some(d) => d.to_string(),
        None if store::keystore_path(&args.store)?.exists() => prompt::alias(p, true)?,
        // open_for_change says the file does not exist.
        None => String::new(),
    };
    let mut open = store::open_for_change(&args.store, p)?;
    let alias = args.alias.to_string();
    let mut keypass = prompt::from_arg(args.keypass, "keypass")?;
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
            let (der, used) = key_and_password(
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
    store::save(&open, store::protection(&args.write)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}
