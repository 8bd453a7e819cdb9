//! `-importkeystore`: copies one or every entry of a keystore into another
//! (JKS→PKCS12, PKCS12→JKS, PKCS12→PKCS12, or in place), with keytool's
//! prompts, messages and `.old` backup. The whole destination is built in
//! memory and written once: a failed import leaves it byte for byte as it was.

use crate::cli::args::WriteArgs;
use crate::cli::error::{CliError, CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter, check_new_password};
use crate::cli::recover::{key_and_password, pkcs12_keypass_warning, protect_for};
use crate::cli::store;
use rkeytool::{
    Entry, Error, KeyStore, Password, PrivateKeyEntry, StoreType, StoredEntry, storage, text,
};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `-importkeystore` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "importkeystore",
    aliases: &[],
    help: "Imports one or all entries from another keystore",
    options: &[
        Opt::Srckeystore,
        Opt::Destkeystore,
        Opt::Srcstoretype,
        Opt::Deststoretype,
        Opt::Srcstorepass,
        Opt::Deststorepass,
        Opt::Srcprotected,
        Opt::Destprotected,
        Opt::Srcprovidername,
        Opt::Destprovidername,
        Opt::Srcalias,
        Opt::Destalias,
        Opt::Srckeypass,
        Opt::Destkeypass,
        Opt::Noprompt,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
        Opt::Legacy,
        Opt::Macalg,
    ],
    keytool: true,
    run: start,
};

/// What `-importkeystore` takes from the command line.
struct Args<'a> {
    srckeystore: Option<&'a str>,
    destkeystore: Option<&'a str>,
    srcalias: Option<&'a str>,
    destalias: Option<&'a str>,
    srcstoretype: Option<&'a str>,
    deststoretype: Option<&'a str>,
    srcstorepass: Option<&'a PasswordArg>,
    deststorepass: Option<&'a PasswordArg>,
    srckeypass: Option<&'a PasswordArg>,
    destkeypass: Option<&'a PasswordArg>,
    noprompt: bool,
    verbose: bool,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            srckeystore: p.value(Opt::Srckeystore),
            destkeystore: p.value(Opt::Destkeystore),
            srcalias: p.value(Opt::Srcalias),
            destalias: p.value(Opt::Destalias),
            srcstoretype: p.value(Opt::Srcstoretype),
            deststoretype: p.value(Opt::Deststoretype),
            srcstorepass: p.password(Opt::Srcstorepass),
            deststorepass: p.password(Opt::Deststorepass),
            srckeypass: p.password(Opt::Srckeypass),
            destkeypass: p.password(Opt::Destkeypass),
            noprompt: p.flag(Opt::Noprompt),
            verbose: p.flag(Opt::V),
            write: WriteArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p).map(|()| 0)
}

/// keytool's banner when the source keystore was read without its password.
const SRC_INTEGRITY_WARNING: &str = "\n*****************  WARNING WARNING WARNING  *****************\n* The integrity of the information stored in the srckeystore*\n* has NOT been verified!  In order to verify its integrity, *\n* you must provide the srckeystore password.                *\n*****************  WARNING WARNING WARNING  *****************\n";

fn type_option(opt: Opt, value: Option<&str>) -> CliResult<Option<StoreType>> {
    let name = opt.name();
    match value {
        None => Ok(None),
        Some(t) => StoreType::from_name(t).map(Some).ok_or_else(|| {
            CliError::from(Fault::StoreTypeNotFound {
                given: t.to_string(),
                option: name,
            })
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
fn run(args: &Args, p: &mut Prompter) -> CliResult<()> {
    let src_name = args
        .srckeystore
        .ok_or(Fault::SrckeystoreMissing)?
        .to_string();
    let src_path = PathBuf::from(&src_name);
    let dest_path = match args.destkeystore {
        Some(d) => PathBuf::from(d),
        None => match std::env::var_os("HOME") {
            Some(h) => PathBuf::from(h).join(".keystore"),
            None => return Err(Fault::NoHome("destkeystore").into()),
        },
    };
    let dest_name = dest_path.display().to_string();
    let src_alias = args.srcalias;
    let dest_alias = args.destalias;
    if src_alias.is_none() && dest_alias.is_some() {
        return Err(Fault::DestaliasWithoutAlias.into());
    }
    let src_keypass = prompt::from_arg(args.srckeypass, "srckeypass")?;
    let dest_keypass = prompt::from_arg(args.destkeypass, "destkeypass")?;
    check_new_password(dest_keypass.as_ref())?;
    type_option(Opt::Srcstoretype, args.srcstoretype)?;
    let dest_type_asked = type_option(Opt::Deststoretype, args.deststoretype)?;

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
    let given_dest_pass = prompt::from_arg(args.deststorepass, "deststorepass")?;
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
    let src_pass = match prompt::from_arg(args.srcstorepass, "srcstorepass")? {
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
            if args.noprompt {
                eprintln!("Warning: Overwriting existing alias {alias} in destination keystore");
            } else {
                let overwrite = p.yes_no(&format!(
                    "Existing entry alias {alias} exists, overwrite? [no]:  "
                ))?;
                let Some(overwrite) = overwrite else {
                    return Err(Fault::ExistingEntryNotOverwritten {
                        alias: alias.to_string(),
                        dest: dest_name.clone(),
                    }
                    .into());
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
                    return Err(Fault::ChainNotValid(alias.to_string()).into());
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
                    None => key_and_password(
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
        if args.verbose {
            eprintln!("[Storing {dest_name}]");
        }
        rkeytool::pemstore::write_kubernetes(&dest, &dest_path)?;
        return Ok(());
    }
    let bytes = storage::encode(&dest, dest_store_pass, store::protection(&args.write)?)?;
    let backup = if in_place {
        let name = backup_name(&src_name);
        std::fs::copy(&src_path, &name).map_err(|error| Fault::BackupFailed {
            src: src_name.clone(),
            backup: name.clone(),
            error,
        })?;
        Some(name)
    } else {
        None
    };
    if args.verbose {
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
