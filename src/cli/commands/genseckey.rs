//! `-genseckey` (a new AES, DES, DESede or HMAC key) and `-importpass` (a
//! password kept as a PBE secret key), as keytool's `doGenSecretKey`. Only
//! PKCS12 (and JCEKS) can hold them; JKS refuses, as keytool's does.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, Password, SecretKey, SecretKeyEntry, StoreType, StoredEntry, secret};

/// Runs `-genseckey`.
pub fn run_genseckey(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    let keyalg = args
        .value("keyalg")
        .ok_or_else(|| CliError::new("The -keyalg option must be specified."))?;
    add(args, p, keyalg)
}

/// Runs `-importpass`.
pub fn run_importpass(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    add(args, p, args.value("keyalg").unwrap_or("PBE"))
}

fn add(args: &Parsed, p: &mut Prompter, keyalg: &str) -> CliResult<()> {
    let alias = super::alias(args).to_string();
    let keysize = super::number(args, "keysize")?;
    let mut open = store::open_or_create(args, p)?;
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
        if args.flag("v") {
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
    let given = prompt::from_arg(args.password("keypass"), "keypass")?;
    let (key_password, ignored) = t.new_key_password(given, &open.password);
    if ignored {
        super::importkeystore::pkcs12_keypass_warning("-keypass");
    }
    open.store.insert(StoredEntry {
        alias,
        created_millis: now_millis(),
        entry: Entry::SecretKey(SecretKeyEntry {
            key: rkeytool::SecretMaterial::Plain(key),
            password: StoreType::entry_password(&key_password, &open.password),
        }),
    })?;
    store::save(&open, store::protection(args)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}

/// The password `-importpass` stores: asked twice on a terminal (three
/// tries), else one line of standard input, as keytool's `promptForCredential`.
fn password_to_store(p: &mut Prompter) -> CliResult<Password> {
    let refuse_empty = |pw: Password| {
        if pw.is_empty() {
            // keytool stores an empty key that nothing can read back.
            Err(CliError::new(
                "The password to be stored is empty; nothing was stored",
            ))
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
    Err(CliError::new(
        "Too many failures - key not added to keystore",
    ))
}
