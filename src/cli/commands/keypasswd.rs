//! `-keypasswd`: a new password for one JKS or JCEKS key entry — a private
//! key, or (JCEKS) a secret key, as keytool allows. PKCS12 keys always use
//! the store password, and keytool refuses the command for them.

use crate::cli::args::{StoreArgs, WriteArgs};
use crate::cli::error::{CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::recover::{key_and_password, protect_for};
use crate::cli::store;
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, PrivateKeyEntry, SecretKeyEntry, SecretMaterial, StoreType};
use std::io::Write;

/// `-keypasswd` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "keypasswd",
    aliases: &[],
    help: "Changes the key password of an entry",
    options: &[
        Opt::Alias,
        Opt::Keypass,
        Opt::New,
        Opt::Keystore,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
    ],
    keytool: true,
    run: start,
};

/// What `-keypasswd` takes from the command line.
struct Args<'a> {
    alias: &'a str,
    keypass: Option<&'a PasswordArg>,
    new: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            keypass: p.password(Opt::Keypass),
            new: p.password(Opt::New),
            store: StoreArgs::new(p),
            write: WriteArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p).map(|()| 0)
}

/// Runs `-keypasswd`.
fn run(args: &Args, p: &mut Prompter) -> CliResult<()> {
    let new = prompt::from_arg(args.new, "new")?;
    prompt::check_new_password(new.as_ref())?;
    let keypass = prompt::from_arg(args.keypass, "keypass")?;
    let mut open = store::open_for_change(&args.store, p)?;
    if open.store.store_type() == StoreType::Pkcs12 {
        return Err(Fault::KeypasswdPkcs12.into());
    }
    let alias = args.alias.to_string();
    let stored = open
        .store
        .get(&alias)
        .cloned()
        .ok_or_else(|| crate::cli::error::alias_not_found(&alias))?;
    let store_type = open.store.store_type();
    let entry = match stored.entry {
        Entry::PrivateKey(pk) => {
            let (der, old) = key_and_password(
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
    store::save(&open, store::protection(&args.write)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}
