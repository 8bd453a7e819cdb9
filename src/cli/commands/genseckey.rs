//! `-genseckey` (a new AES, DES, DESede or HMAC key) and `-importpass` (a
//! password kept as a PBE secret key), as keytool's `doGenSecretKey`. Only
//! PKCS12 (and JCEKS) can hold them; JKS refuses, as keytool's does.

use crate::cli::args::{StoreArgs, WriteArgs};
use crate::cli::error::{CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, Password, SecretKey, SecretKeyEntry, StoreType, StoredEntry, secret};
use std::io::Write;

/// `-genseckey` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "genseckey",
    aliases: &[],
    help: "Generates a secret key",
    options: &[
        Opt::Alias,
        Opt::Keypass,
        Opt::Keyalg,
        Opt::Keysize,
        Opt::Keystore,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Legacy,
        Opt::Macalg,
        Opt::V,
    ],
    keytool: true,
    run: start_genseckey,
};

/// What `-genseckey` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    keyalg: Option<&'a str>,
    keysize: Option<&'a str>,
    keypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            keyalg: p.value(Opt::Keyalg),
            keysize: p.value(Opt::Keysize),
            keypass: p.password(Opt::Keypass),
            store: StoreArgs::new(p),
            write: WriteArgs::new(p),
        }
    }
}

fn start_genseckey(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run_genseckey(&Args::new(parsed), p).map(|()| 0)
}
/// `-importpass` in the command table: its help, its options, its entry point.
pub const IMPORTPASS: CmdDef = CmdDef {
    name: "importpass",
    aliases: &[],
    help: "Imports a password",
    options: &[
        Opt::Alias,
        Opt::Keypass,
        Opt::Keyalg,
        Opt::Keysize,
        Opt::Keystore,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Legacy,
        Opt::Macalg,
        Opt::V,
    ],
    keytool: true,
    run: start_importpass,
};

fn start_importpass(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run_importpass(&Args::new(parsed), p).map(|()| 0)
}

/// Runs `-genseckey`.
fn run_genseckey(args: &Args, p: &mut Prompter) -> CliResult<()> {
    let keyalg = args
        .keyalg
        .ok_or(Fault::KeyalgMissing { key_pair: false })?;
    add(args, p, keyalg)
}

/// Runs `-importpass`.
fn run_importpass(args: &Args, p: &mut Prompter) -> CliResult<()> {
    add(args, p, args.keyalg.unwrap_or("PBE"))
}

fn add(args: &Args, p: &mut Prompter, keyalg: &str) -> CliResult<()> {
    let alias = args.alias.to_string();
    let keysize = super::number(Opt::Keysize, args.keysize)?;
    let mut open = store::open_or_create(&args.store, p)?;
    if open.store.contains(&alias) {
        return Err(crate::cli::error::alias_taken(
            &alias,
            crate::cli::error::NotMade::SecretKey,
        ));
    }
    let is_pbe = keyalg.to_ascii_uppercase().starts_with("PBE");
    let key: SecretKey = if is_pbe {
        let value = password_to_store(p)?;
        let key = secret::password_key(&value)?;
        if args.store.verbose {
            eprintln!("Generated {keyalg} secret key");
        }
        key
    } else {
        let key = secret::generate(keyalg, keysize)?;
        eprintln!(
            "Generated {}-bit {} secret key",
            keysize.unwrap_or(key.bits() as u32),
            key.algorithm
        );
        key
    };
    let t = open.store.store_type();
    if !t.holds_secret_keys() {
        return Err(crate::cli::error::cannot_store_non_private_keys(None));
    }
    let given = prompt::from_arg(args.keypass, "keypass")?;
    let (key_password, ignored) = t.new_key_password(given, &open.password);
    if ignored {
        crate::cli::recover::pkcs12_keypass_warning("-keypass");
    }
    open.store.insert(StoredEntry {
        alias,
        created_millis: now_millis(),
        entry: Entry::SecretKey(SecretKeyEntry {
            key: rkeytool::SecretMaterial::Plain(key),
            password: StoreType::entry_password(&key_password, &open.password),
        }),
    })?;
    store::save(&open, store::protection(&args.write)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}

/// The password `-importpass` stores: asked twice on a terminal (three
/// tries), else one line of standard input, as keytool's `promptForCredential`.
fn password_to_store(p: &mut Prompter) -> CliResult<Password> {
    let refuse_empty = |pw: Password| {
        if pw.is_empty() {
            // keytool stores an empty key that nothing can read back.
            Err(Fault::EmptyPasswordToStore.into())
        } else {
            Ok(pw)
        }
    };
    if !p.is_tty() {
        let line = p.line()?.unwrap_or_default();
        return refuse_empty(Password::new(line.as_str()));
    }
    for _ in 0..3 {
        let Some(first) = p.secret("Enter the password to be stored:  ")? else {
            break;
        };
        let again = p.secret("Re-enter password: ")?;
        if again.as_ref() == Some(&first) {
            return refuse_empty(first);
        }
        eprintln!("They don't match. Try again");
    }
    Err(Fault::KeyNotAdded.into())
}
