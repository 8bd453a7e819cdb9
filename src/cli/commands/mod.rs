//! One file per command: each holds what the command accepts and what it does.

pub mod certreq;
pub mod changealias;
pub mod delete;
pub mod exportcert;
pub mod exportkey;
pub mod exportpass;
pub mod gencert;
pub mod gencrl;
pub mod genkeypair;
pub mod genseckey;
pub mod importbundle;
pub mod importcert;
pub mod importkey;
pub mod importkeystore;
pub mod jarfile;
pub mod keypasswd;
pub mod list;
pub mod printcert;
pub mod printcrl;
pub mod sslserver;
pub mod storepasswd;
pub mod verify;

use super::error::{CliError, CliResult};
use super::options::Parsed;
use super::prompt::Prompter;
use rkeytool::Password;
use std::io::Write;

/// Dispatches to the command's `run`; returns the exit status.
pub fn run(args: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    if args.command.name == "verify" {
        return verify::run(args, p, out);
    }
    match args.command.name {
        "genkeypair" => genkeypair::run(args, p),
        "certreq" => certreq::run(args, p, out),
        "exportcert" => exportcert::run(args, p, out),
        "gencert" => gencert::run(args, p, out),
        "importcert" => importcert::run(args, p, out),
        "list" => list::run(args, p, out),
        "printcert" => printcert::run_cert(args, out),
        "printcertreq" => printcert::run_req(args, out),
        "printcrl" => printcrl::run(args, out),
        "gencrl" => gencrl::run(args, p, out),
        "importkeystore" => importkeystore::run(args, p),
        "delete" => delete::run(args, p),
        "changealias" => changealias::run(args, p),
        "storepasswd" => storepasswd::run(args, p),
        "keypasswd" => keypasswd::run(args, p),
        "importkey" => importkey::run(args, p),
        "exportkey" => exportkey::run(args, p),
        "importbundle" => importbundle::run(args, p),
        "genseckey" => genseckey::run_genseckey(args, p),
        "importpass" => genseckey::run_importpass(args, p),
        "exportpass" => exportpass::run(args, p, out),
        "version" => super::write_out(out, &super::generation::version_line()),
        other => Err(CliError::new(format!(
            "command -{other} is not implemented yet"
        ))),
    }
    .map(|()| 0)
}

/// The alias to work on: `-alias`, else keytool's `mykey`.
pub fn alias(args: &Parsed) -> &str {
    args.value("alias").unwrap_or("mykey")
}

/// Formats a number with thousands separators, as keytool's messages do ("2,048").
pub fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Parses a positive whole number option.
pub fn number(args: &Parsed, name: &str) -> CliResult<Option<u32>> {
    match args.value(name) {
        None => Ok(None),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(Some)
            .ok_or_else(|| crate::cli::error::illegal_value(name, v)),
    }
}

/// The key password for an entry of a PKCS12 store: the store password;
/// a different `-keypass` gets keytool's warning and is ignored.
pub fn pkcs12_key_password(given: Option<Password>, store_password: &Password) -> Password {
    if let Some(k) = given
        && &k != store_password
    {
        eprintln!(
            "Warning:  Different store and key passwords not supported for PKCS12 KeyStores. Ignoring user-specified -keypass value."
        );
    }
    store_password.clone()
}

/// The key entry under `alias` and its decrypted PKCS#8, with the
/// library's rule ([`rkeytool::KeyStore::key_password_candidates`]): a
/// PKCS12 key opens with the store password, else `-keypass` (an entry with
/// its own password); a JKS key with `-keypass`, else the store password;
/// and when those fail on a terminal, the password asked for, as keytool.
pub fn recover_key<'a>(
    args: &Parsed,
    p: &mut Prompter,
    ks: &'a rkeytool::KeyStore,
    store_password: &Password,
    alias: &str,
) -> CliResult<(&'a rkeytool::PrivateKeyEntry, zeroize::Zeroizing<Vec<u8>>)> {
    use rkeytool::Entry;
    let stored = ks
        .get(alias)
        .ok_or_else(|| crate::cli::error::alias_not_found(alias))?;
    let Entry::PrivateKey(pk) = &stored.entry else {
        return Err(crate::cli::error::alias_lacks(
            alias,
            crate::cli::error::Lacks::Key,
        ));
    };
    let given = super::prompt::from_arg(args.password("keypass"), "keypass")?;
    match ks.private_key(alias, Some(store_password), given.as_ref()) {
        Ok((der, used)) => {
            if ks.store_type() == rkeytool::StoreType::Pkcs12
                && used.as_ref() == Some(store_password)
            {
                // keytool's warning when -keypass differs and was not needed.
                let _ = pkcs12_key_password(given, store_password);
            }
            Ok((pk, der))
        }
        Err(e @ rkeytool::Error::CannotRecoverKey { .. })
            if given.is_none() && ks.store_type().has_key_passwords() =>
        {
            // keytool's getKeyPasswd, on a terminal or from standard input;
            // with nothing there, the key's own error says what is wrong.
            match super::prompt::key_password(p, alias)? {
                Some(k) => Ok((pk, pk.pkcs8(&stored.alias, &k)?)),
                None => Err(e.into()),
            }
        }
        Err(rkeytool::Error::CannotRecoverKey { .. }) => {
            Err(crate::cli::error::cannot_recover_key(
                alias,
                if given.is_some() {
                    "check -keypass"
                } else {
                    "the entry has a password of its own; give it with -keypass"
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// The secret key under `alias` in the clear, by the same rule as [`recover_key`].
pub fn recover_secret(
    args: &Parsed,
    p: &mut Prompter,
    ks: &rkeytool::KeyStore,
    store_password: &Password,
    alias: &str,
) -> CliResult<rkeytool::SecretKey> {
    use rkeytool::Entry;
    let stored = ks
        .get(alias)
        .ok_or_else(|| crate::cli::error::alias_not_found(alias))?;
    let Entry::SecretKey(sk) = &stored.entry else {
        return Err(crate::cli::error::alias_lacks(
            alias,
            crate::cli::error::Lacks::SecretKey,
        ));
    };
    let given = super::prompt::from_arg(args.password("keypass"), "keypass")?;
    match ks.secret_key(alias, Some(store_password), given.as_ref()) {
        Ok(k) => Ok(k),
        Err(rkeytool::Error::CannotRecoverKey { .. }) if given.is_none() && p.is_tty() => {
            let k = p
                .secret(&format!("Enter key password for <{alias}>:  "))?
                .ok_or_else(|| super::prompt::missing("key password", "keypass"))?;
            Ok(sk.recover(&stored.alias, &k)?)
        }
        Err(rkeytool::Error::CannotRecoverKey { .. }) => {
            Err(crate::cli::error::cannot_recover_key(
                alias,
                if given.is_some() {
                    "check -keypass"
                } else {
                    "the entry has a password of its own; give it with -keypass"
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// The bytes of the file named by `option` (`-file`, `-infile`), else of
/// standard input, with a name for messages.
pub fn read_input(args: &Parsed, option: &str) -> CliResult<(Vec<u8>, String)> {
    match args.value(option) {
        Some(f) => Ok((
            rkeytool::storage::read_file(std::path::Path::new(f))?,
            f.to_string(),
        )),
        None => {
            let v = rkeytool::storage::read_stream(&mut std::io::stdin().lock(), "standard input")?;
            Ok((v, "standard input".into()))
        }
    }
}
