//! `-importkey`: a private key file, in any form OpenSSL or Java tools write,
//! and its certificate chain become a PrivateKeyEntry. keytool has no such
//! command; people chain `openssl pkcs12 -export` and `keytool
//! -importkeystore` through a temporary file holding an unencrypted key.

use crate::cli::args::{StoreArgs, WriteArgs};
use crate::cli::error::{CliError, CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::keys::file::KeyFile;
use rkeytool::keystore::{normalize_alias, now_millis};
use rkeytool::{
    Certificate, Entry, Error, KeyMaterial, PrivateKeyEntry, StoreType, StoredEntry, cert, chain,
    dname, storage,
};
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

/// `-importkey` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "importkey",
    aliases: &[],
    help: "Imports a private key file and its certificate chain",
    options: &[
        Opt::Alias,
        Opt::Keyfile,
        Opt::Keyfilepass,
        Opt::File,
        Opt::Keypass,
        Opt::Keystore,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Legacy,
        Opt::Macalg,
        Opt::V,
    ],
    keytool: false,
    run: start,
};

/// What `-importkey` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    keyfile: Option<&'a str>,
    keyfilepass: Option<&'a PasswordArg>,
    file: Option<&'a str>,
    keypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            keyfile: p.value(Opt::Keyfile),
            keyfilepass: p.password(Opt::Keyfilepass),
            file: p.value(Opt::File),
            keypass: p.password(Opt::Keypass),
            store: StoreArgs::new(p),
            write: WriteArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p).map(|()| 0)
}

/// Runs `-importkey`.
fn run(args: &Args, p: &mut Prompter) -> CliResult<()> {
    let alias = normalize_alias(args.alias);
    let key_path = Path::new(
        args.keyfile
            .ok_or_else(|| CliError::from(Fault::ImportkeyNeedsKeyfile))?,
    );
    let data = Zeroizing::new(storage::read_file(key_path)?);
    let keyfile = KeyFile::parse(&data).map_err(|e| CliError::from(e).in_file(key_path))?;
    let (certs, certs_from) = match args.file {
        Some(f) => {
            let f = Path::new(f);
            let bytes = storage::read_file(f)?;
            let certs =
                cert::parse_certificates(&bytes).map_err(|e| CliError::from(e).in_file(f))?;
            (certs, f)
        }
        None => (keyfile.certificates().to_vec(), key_path),
    };
    if certs.is_empty() {
        return Err(Fault::NoCertificateForKey(key_path.to_path_buf()).into());
    }

    let mut open = store::open_or_create(&args.store, p)?;
    if open.store.contains(&alias) {
        return Err(crate::cli::error::alias_taken(
            &alias,
            crate::cli::error::NotMade::Key,
        ));
    }
    let key_password = key_password(args, open.store.store_type(), &open.password)?;

    let file_password = if keyfile.is_encrypted() {
        Some(match prompt::from_arg(args.keyfilepass, "keyfilepass")? {
            Some(pw) => pw,
            None => p
                .secret(&format!("Enter pass phrase for {}:  ", key_path.display()))?
                .ok_or_else(|| prompt::missing("password for the key file", "keyfilepass"))?,
        })
    } else {
        None
    };
    let key = keyfile
        .decrypt(file_password.as_ref())
        .map_err(|e| match e {
            Error::WrongPassword => Fault::KeyfileWrongPassword(key_path.to_path_buf()).into(),
            other => CliError::from(other).in_file(key_path),
        })?;

    // The leaf is the certificate that carries the key's public half.
    let mut leaf = None;
    for c in &certs {
        if key.matches_certificate(c)? {
            leaf = Some(c.clone());
            break;
        }
    }
    let Some(leaf) = leaf else {
        let subject = bottom_of(&certs)
            .map(|c| dname::format(c.parsed().tbs_certificate().subject()))
            .unwrap_or_default();
        return Err(Fault::KeyMismatch {
            subject,
            certs: certs_from.to_path_buf(),
            key: key_path.to_path_buf(),
        }
        .into());
    };
    let chain = chain::build(leaf, certs.iter());
    chain::verify_links(&chain).map_err(|e| CliError::from(e).in_file(certs_from))?;
    let unused = certs.iter().filter(|c| !chain.contains(c)).count();
    if unused > 0 {
        eprintln!(
            "Note: {unused} certificate(s) in {} are not in the key's chain and were not imported",
            certs_from.display()
        );
    }

    let key_type = key.key_type().name();
    let chain_len = chain.len();
    open.store.insert(StoredEntry {
        alias: alias.clone(),
        created_millis: now_millis(),
        entry: Entry::PrivateKey(PrivateKeyEntry {
            key: KeyMaterial::Plain(key.into_pkcs8_der()),
            chain,
            password: StoreType::entry_password(&key_password, &open.password),
        }),
    })?;
    store::save(&open, store::protection(&args.write)?)?;
    eprintln!(
        "Entry for alias {alias} successfully imported: {key_type} key, certificate chain length {chain_len}"
    );
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}

/// The key password: the store password for PKCS12 (as keytool), `-keypass`
/// or the store password for JKS.
fn key_password(
    args: &Args,
    t: StoreType,
    store_password: &rkeytool::Password,
) -> CliResult<rkeytool::Password> {
    let given = prompt::from_arg(args.keypass, "keypass")?;
    match (t, given) {
        (StoreType::Pkcs12 | StoreType::Pem, given) => Ok(
            crate::cli::recover::pkcs12_key_password(given, store_password),
        ),
        (_, Some(k)) if k.char_len() < 6 => Err(crate::cli::error::password_too_short(
            crate::cli::error::ShortPassword::Key,
        )),
        (_, Some(k)) => Ok(k),
        (_, None) => Ok(store_password.clone()),
    }
}

/// The certificate at the bottom of a set: one that issued none of the
/// others (the would-be leaf), else the first.
fn bottom_of(certs: &[Certificate]) -> Option<&Certificate> {
    certs
        .iter()
        .find(|c| {
            let subject = c.parsed().tbs_certificate().subject();
            !certs.iter().any(|other| {
                !std::ptr::eq(*c, other) && other.parsed().tbs_certificate().issuer() == subject
            })
        })
        .or_else(|| certs.first())
}
