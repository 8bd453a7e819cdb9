//! `-importkeystore`: copies one or every entry of a keystore into another
//! (JKS→PKCS12, PKCS12→JKS, PKCS12→PKCS12, or in place), with keytool's
//! prompts, messages and `.old` backup. The whole destination is built in
//! memory and written once: a failed import leaves it byte for byte as it was.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::{
    Entry, Error, KeyMaterial, KeyStore, Password, PrivateKeyEntry, StoreType, StoredEntry,
    storage, text,
};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// keytool's banner when the source keystore was read without its password.
const SRC_INTEGRITY_WARNING: &str = "\n*****************  WARNING WARNING WARNING  *****************\n* The integrity of the information stored in the srckeystore*\n* has NOT been verified!  In order to verify its integrity, *\n* you must provide the srckeystore password.                *\n*****************  WARNING WARNING WARNING  *****************\n";

/// keytool's warning when `-keypass` (or `-srckeypass`, `-destkeypass`) differs
/// from the store password of a PKCS12 keystore.
pub fn pkcs12_keypass_warning(option: &str) {
    eprintln!(
        "Warning:  Different store and key passwords not supported for PKCS12 KeyStores. Ignoring user-specified {option} value."
    );
}

/// Refuses a new password under 6 characters, as keytool does before anything else.
pub fn check_new_password(p: Option<&Password>) -> CliResult<()> {
    match p {
        Some(p) if p.char_len() < 6 => Err(crate::cli::error::password_too_short(
            crate::cli::error::ShortPassword::New,
        )),
        _ => Ok(()),
    }
}

/// Recovers the PKCS#8 key of a key entry, as keytool's `recoverEntry`:
/// `key_pass` when given (a wrong one fails), else the store password, else
/// (JKS) ask on a terminal. Returns the key and the password that opened it.
pub fn recover_key(
    alias: &str,
    pk: &PrivateKeyEntry,
    store_password: Option<&Password>,
    key_pass: Option<&Password>,
    key_pass_option: &str,
    p: &mut Prompter,
) -> CliResult<(Zeroizing<Vec<u8>>, Password)> {
    let cannot = |hint: String| crate::cli::error::cannot_recover_key(alias, hint);
    match &pk.key {
        KeyMaterial::Plain(der) => Ok((
            der.clone(),
            store_password.cloned().unwrap_or_else(|| Password::new("")),
        )),
        KeyMaterial::JksProtected(_)
        | KeyMaterial::JceksProtected(_)
        | KeyMaterial::Pkcs12Shrouded(_)
        | KeyMaterial::BksSealed(_)
        | KeyMaterial::BcfksEncrypted(_) => {
            let attempt = |pw: &Password| match pk.pkcs8(alias, pw) {
                Ok(der) => Ok(Some(der)),
                Err(Error::CannotRecoverKey { .. }) => Ok(None),
                Err(e) => Err(CliError::from(e)),
            };
            if let Some(k) = key_pass
                && let Some(der) = attempt(k)?
            {
                return Ok((der, k.clone()));
            }
            // A PKCS12 key with a password of its own (the KeyStore API
            // allows it) opens with the key password, the others with the
            // store password: both are tried.
            if let Some(s) = store_password
                && let Some(der) = attempt(s)?
            {
                return Ok((der, s.clone()));
            }
            // keytool's getKeyPasswd, on a terminal or from standard input.
            if let Some(k) = prompt::key_password(p, alias)? {
                return match attempt(&k)? {
                    Some(der) => Ok((der, k)),
                    None => Err(cannot(format!(
                        "give the entry's key password with -{key_pass_option}"
                    ))),
                };
            }
            Err(cannot(format!(
                "the key password differs from the store password; give it with -{key_pass_option}"
            )))
        }
    }
}

/// The key as the destination keeps it: PKCS#8 for PKCS12, Sun-protected
/// with `password` for JKS and JCEKS (each with its own key protector).
pub fn protect_for(
    t: StoreType,
    der: Zeroizing<Vec<u8>>,
    password: &Password,
) -> CliResult<KeyMaterial> {
    Ok(KeyMaterial::for_store(t, der, password)?)
}

fn type_option(args: &Parsed, name: &str) -> CliResult<Option<StoreType>> {
    match args.value(name) {
        None => Ok(None),
        Some(t) => StoreType::from_name(t).map(Some).ok_or_else(|| {
            CliError::new(format!("{t} not found")).hint(format!(
                "rkeytool supports -{name} PKCS12, JKS, JCEKS, BKS, UBER, BCFKS and PEM"
            ))
        }),
    }
}

/// True when both names lead to one file (symbolic or hard links included).
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => (x.dev(), x.ino()) == (y.dev(), y.ino()),
        _ => false,
    }
}

/// The first of `F.old`, `F.old2`, `F.old3`… that does not exist.
fn backup_name(src: &str) -> String {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{src}.old")
        } else {
            format!("{src}.old{n}")
        };
        if !Path::new(&name).exists() {
            return name;
        }
        n += 1;
    }
}

/// Runs `-importkeystore`.
pub fn run(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    let src_name = args
        .value("srckeystore")
        .ok_or_else(|| CliError::new("Please specify -srckeystore"))?
        .to_string();
    let src_path = PathBuf::from(&src_name);
    let dest_path = match args.value("destkeystore") {
        Some(d) => PathBuf::from(d),
        None => match std::env::var_os("HOME") {
            Some(h) => PathBuf::from(h).join(".keystore"),
            None => return Err(CliError::new("no -destkeystore given and HOME is not set")),
        },
    };
    let dest_name = dest_path.display().to_string();
    let src_alias = args.value("srcalias");
    let dest_alias = args.value("destalias");
    if src_alias.is_none() && dest_alias.is_some() {
        return Err(CliError::new(
            "if alias not specified, destalias and srckeypass must not be specified",
        ));
    }
    let src_keypass = prompt::from_arg(args.password("srckeypass"), "srckeypass")?;
    let dest_keypass = prompt::from_arg(args.password("destkeypass"), "destkeypass")?;
    check_new_password(dest_keypass.as_ref())?;
    type_option(args, "srcstoretype")?;
    let dest_type_asked = type_option(args, "deststoretype")?;

    // Like every writer, hold the destination's write lock from before
    // anything is read until the write is done.
    let _lock = store::lock_for_writing(&dest_path)?;

    // --- The source.
    let src_bytes = storage::read_keystore(&src_path)?;
    if src_bytes.is_empty() {
        return Err(crate::cli::error::keystore_empty(&src_name, true));
    }
    let src_type = storage::detect(&src_bytes)
        .map_err(|e| crate::cli::store::load_error(&src_path, None, e))?;
    let in_place = same_file(&src_path, &dest_path);
    if !in_place {
        eprintln!("Importing keystore {src_name} to {dest_name}...");
    }
    // keytool asks for the destination's password first, then the source's.
    let given_dest_pass = prompt::from_arg(args.password("deststorepass"), "deststorepass")?;
    // A folder (or a name ending in '/') with -deststoretype PEM is a
    // Kubernetes TLS secret, always written new (pemstore::write_kubernetes).
    let k8s_dest =
        dest_type_asked == Some(StoreType::Pem) && (dest_path.is_dir() || dest_name.ends_with('/'));
    let dest_exists = !in_place && !k8s_dest && dest_path.exists();
    let given_dest_pass = match given_dest_pass {
        Some(pw) => Some(pw),
        None if in_place => None,
        None => {
            let passwordless = dest_exists
                && storage::read_keystore(&dest_path)
                    .map(|b| storage::is_passwordless(&b))
                    .unwrap_or(false);
            if passwordless {
                None
            } else {
                Some(prompt::store_password(
                    p,
                    "Enter destination keystore password:  ",
                    !dest_exists,
                    "destination keystore password",
                    "deststorepass",
                )?)
            }
        }
    };
    let src_passwordless = storage::is_passwordless(&src_bytes);
    let mut dest_passwordless = false;
    let src_pass = match prompt::from_arg(args.password("srcstorepass"), "srcstorepass")? {
        Some(pw) => Some(pw),
        None if src_passwordless => None,
        None => p
            .secret("Enter source keystore password:  ")?
            .filter(|pw| !pw.is_empty()),
    };
    let src = storage::decode(&src_bytes, src_pass.as_ref()).map_err(|e| match e {
        Error::WrongPassword => {
            crate::cli::error::integrity_failed(src_type, "srcstorepass").in_file(&src_path)
        }
        other => CliError::from(other).in_file(&src_path),
    })?;
    if src_pass.is_none() && !src_passwordless {
        eprint!("{SRC_INTEGRITY_WARNING}");
        eprintln!();
    }

    // --- The destination, in memory.
    let (mut dest, dest_pass) = if dest_exists {
        let bytes = storage::read_keystore(&dest_path)?;
        if bytes.is_empty() {
            return Err(crate::cli::error::keystore_empty(&dest_name, false));
        }
        let found = storage::detect(&bytes)
            .map_err(|e| crate::cli::store::load_error(&dest_path, None, e))?;
        dest_passwordless = given_dest_pass.is_none() && storage::is_passwordless(&bytes);
        let pass = match given_dest_pass {
            Some(pw) => pw,
            None if dest_passwordless => Password::new(""),
            None => {
                return Err(prompt::missing(
                    "destination keystore password",
                    "deststorepass",
                ));
            }
        };
        let ks = storage::decode(&bytes, Some(&pass)).map_err(|e| match e {
            Error::WrongPassword => {
                crate::cli::error::integrity_failed(found, "deststorepass").in_file(&dest_path)
            }
            other => CliError::from(other).in_file(&dest_path),
        })?;
        (ks, pass)
    } else {
        let pass = match (given_dest_pass, in_place) {
            (Some(pw), _) => pw,
            (None, true) => {
                dest_passwordless = src_pass.is_none();
                src_pass.clone().unwrap_or_else(|| Password::new(""))
            }
            (None, false) => {
                return Err(prompt::missing(
                    "destination keystore password",
                    "deststorepass",
                ));
            }
        };
        if pass.char_len() < 6 {
            return Err(crate::cli::error::password_too_short(
                crate::cli::error::ShortPassword::Keystore,
            ));
        }
        (
            KeyStore::new(dest_type_asked.unwrap_or(StoreType::Pkcs12)),
            pass,
        )
    };
    let dest_type = dest.store_type();
    let dest_keypass = match dest_keypass {
        Some(k) if dest_type == StoreType::Pkcs12 && k != dest_pass => {
            pkcs12_keypass_warning("-destkeypass");
            None
        }
        other => other,
    };

    // --- The entries.
    let aliases: Vec<String> = match src_alias {
        Some(a) => {
            if !src.contains(a) {
                return Err(crate::cli::error::alias_not_found(a));
            }
            vec![a.to_string()]
        }
        None => src.entries().iter().map(|e| e.alias.clone()).collect(),
    };
    let mut warnings = Vec::new();
    let mut ok = 0usize;
    for alias in &aliases {
        let Some(stored) = src.get(alias) else {
            continue;
        };
        let mut new_alias = dest_alias.unwrap_or(alias).to_string();
        if dest.contains(&new_alias) {
            if args.flag("noprompt") {
                eprintln!("Warning: Overwriting existing alias {alias} in destination keystore");
            } else {
                let overwrite = p.yes_no(&format!(
                    "Existing entry alias {alias} exists, overwrite? [no]:  "
                ))?;
                let Some(overwrite) = overwrite else {
                    return Err(CliError::new(format!(
                        "Existing entry alias {alias} exists in {dest_name}; not overwritten: confirmation needed and standard input is empty"
                    ))
                    .hint("add -noprompt to overwrite it, or import it alone with -srcalias and -destalias"));
                };
                if !overwrite {
                    let a = p
                        .answer(
                            "Enter new alias name\t(RETURN to cancel import for this entry):  ",
                        )?
                        .unwrap_or_default();
                    if a.is_empty() {
                        eprintln!("Entry for alias {alias} not imported.");
                        continue;
                    }
                    new_alias = a;
                }
            }
        }
        let entry = match &stored.entry {
            Entry::TrustedCert(c) => Entry::TrustedCert(c.clone()),
            Entry::PrivateKey(pk) => {
                if dest_type == StoreType::Pkcs12
                    && !rkeytool::chain::is_valid_key_entry_chain(&pk.chain)
                {
                    // keytool skips the entry; we write nothing rather than lose it.
                    return Err(CliError::new(format!(
                        "Problem importing entry for alias {alias}: java.security.KeyStoreException: Certificate chain is not valid; nothing was written"
                    )));
                }
                // Beyond keytool: with every entry, -srckeypass is tried first
                // and the usual store-password-then-ask follows.
                let first = match (&src_keypass, src_alias) {
                    (Some(k), None) => match pk.pkcs8(alias, k) {
                        Ok(der) => Some((der, k.clone())),
                        Err(Error::CannotRecoverKey { .. }) => None,
                        Err(e) => return Err(e.into()),
                    },
                    _ => None,
                };
                let (der, used) = match first {
                    Some(r) => r,
                    None => recover_key(
                        alias,
                        pk,
                        src_pass.as_ref(),
                        src_keypass.as_ref().filter(|_| src_alias.is_some()),
                        "srckeypass",
                        p,
                    )?,
                };
                let new_pass = match (&dest_keypass, dest_type) {
                    (Some(k), _) => k.clone(),
                    (None, StoreType::Pkcs12 | StoreType::Pem) => dest_pass.clone(),
                    (None, _) => used,
                };
                Entry::PrivateKey(PrivateKeyEntry {
                    key: protect_for(dest_type, der, &new_pass)?,
                    chain: pk.chain.clone(),
                    password: StoreType::entry_password(&new_pass, &dest_pass),
                })
            }
            Entry::SecretKey(sk) => {
                if !dest_type.holds_secret_keys() {
                    // keytool skips the entry; we write nothing rather than lose it.
                    return Err(crate::cli::error::cannot_store_non_private_keys(Some((
                        alias, dest_type,
                    ))));
                }
                // -srckeypass first, then the store password (a store of
                // keys under several passwords, as BKS and JCEKS allow).
                let empty = Password::new("");
                let mut candidates: Vec<&Password> =
                    src_keypass.iter().chain(src_pass.iter()).collect();
                candidates.dedup_by(|a, b| a == b);
                if candidates.is_empty() {
                    candidates.push(&empty);
                }
                let mut recovered = None;
                for (i, pw) in candidates.iter().enumerate() {
                    match sk.recover(alias, pw) {
                        Err(Error::CannotRecoverKey { .. }) if i + 1 < candidates.len() => {}
                        other => {
                            recovered = Some(other?);
                            break;
                        }
                    }
                }
                let Some(key) = recovered else {
                    return Err(Error::CannotRecoverKey {
                        alias: alias.to_string(),
                    }
                    .into());
                };
                Entry::SecretKey(rkeytool::SecretKeyEntry {
                    key: rkeytool::SecretMaterial::Plain(key),
                    password: dest_keypass.clone(),
                })
            }
        };
        let label = format!("<{}>", rkeytool::keystore::normalize_alias(&new_alias));
        match &entry {
            Entry::PrivateKey(pk) => {
                if let Some(c) = pk.chain.first() {
                    warnings.extend(text::weak_warnings(c, &label, false));
                }
            }
            Entry::TrustedCert(c) => warnings.extend(text::weak_warnings(c, &label, true)),
            Entry::SecretKey(_) => {}
        }
        dest.upsert(StoredEntry {
            alias: new_alias,
            created_millis: stored.created_millis,
            entry,
        });
        ok += 1;
        if src_alias.is_none() {
            eprintln!("Entry for alias {alias} successfully imported.");
        }
    }
    if src_alias.is_none() {
        eprintln!(
            "Import command completed:  {ok} entries successfully imported, {} entries failed or cancelled",
            aliases.len() - ok
        );
    }

    // --- Write once; in place, back up the original first.
    let dest_store_pass = (!dest_passwordless).then_some(&dest_pass);
    if k8s_dest {
        if args.flag("v") {
            eprintln!("[Storing {dest_name}]");
        }
        rkeytool::pemstore::write_kubernetes(&dest, &dest_path)?;
        return Ok(());
    }
    let bytes = storage::encode(&dest, dest_store_pass, store::protection(args)?)?;
    let backup = if in_place {
        let name = backup_name(&src_name);
        std::fs::copy(&src_path, &name)
            .map_err(|e| CliError::new(format!("cannot back up {src_name} as {name}: {e}")))?;
        Some(name)
    } else {
        None
    };
    if args.flag("v") {
        eprintln!("[Storing {dest_name}]");
    }
    storage::write_atomic(&dest_path, &bytes)?;

    if let Some(w) = store::proprietary_warning(&dest, &dest_name) {
        warnings.push(w);
    }
    if let Some(b) = backup {
        warnings.push(if src_type == dest_type {
            format!("The original keystore \"{src_name}\" is backed up as \"{b}\"...")
        } else {
            format!(
                "Migrated \"{src_name}\" to {}. The {} keystore is backed up as \"{b}\".",
                dest_type.name(),
                src_type.name()
            )
        });
    }
    if !warnings.is_empty() {
        eprintln!("\nWarning:");
        for w in warnings {
            eprintln!("{w}");
        }
    }
    Ok(())
}

/// Opens an existing keystore for a command that changes it (`-delete`,
/// `-changealias`, `-storepasswd`, `-keypasswd`): it must exist.
pub fn open_for_change(args: &Parsed, p: &mut Prompter) -> CliResult<store::OpenStore> {
    let path = store::keystore_path(args)?;
    if !path.exists() {
        return Err(crate::cli::error::keystore_missing(&path));
    }
    store::open_or_create(args, p)
}

/// The alias to work on when not given (`-delete`, `-changealias`): asked
/// for as keytool does, on a terminal or from standard input.
pub fn ask_alias(p: &mut Prompter, prompt: &str, missing: &str) -> CliResult<String> {
    match p.answer(prompt)? {
        Some(a) if !a.is_empty() => Ok(a),
        _ => Err(CliError::new(missing)),
    }
}
