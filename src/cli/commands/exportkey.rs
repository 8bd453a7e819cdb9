//! `-exportkey`: an entry's private key as PKCS#8 v1 PEM (no public key, no
//! attributes, whatever form it was stored in), encrypted by default
//! (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC), unencrypted only with
//! `-nocrypt`. keytool cannot export keys at all.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::keyfile::{self, EXPORT_ITERATIONS};
use rkeytool::{pem, storage};
use std::path::Path;
use zeroize::Zeroizing;

/// Runs `-exportkey`.
pub fn run(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    let alias = super::alias(args);
    let out_path = Path::new(args.value("file").ok_or_else(|| {
        CliError::new("-exportkey needs -file <file>")
            .hint("the key is written to a new file, created mode 0600")
    })?);
    let nocrypt = args.flag("nocrypt");
    if nocrypt && args.password("keyfilepass").is_some() {
        return Err(CliError::new(
            "-nocrypt and -keyfilepass cannot be used together",
        ));
    }
    if out_path.exists() {
        return Err(refuse_existing(out_path));
    }
    let (path, ks, store_password) = store::open_existing(args, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    if let Some(rkeytool::Entry::SecretKey(_)) = ks.get(alias).map(|e| &e.entry) {
        return export_secret(args, p, &ks, &store_password, alias, out_path);
    }
    let (_, pkcs8) = super::recover_key(args, p, &ks, &store_password, alias)?;
    let key = keyfile::PrivateKey::from_pkcs8_der(&pkcs8)?;
    // Always PKCS#8 v1, whatever form the key was stored in.
    let v1 = key.to_pkcs8_v1()?;

    let (bytes, how) = if nocrypt {
        let text = pem::encode_secret("PRIVATE KEY", &v1);
        (
            Zeroizing::new(text.as_bytes().to_vec()),
            "unencrypted".to_string(),
        )
    } else {
        let password = match prompt::from_arg(args.password("keyfilepass"), "keyfilepass")? {
            Some(pw) => pw,
            None => prompt::new_password(p, "password for the exported key", "keyfilepass")
                .map_err(|e| {
                    if e.message.starts_with("no ") {
                        e.hint("give it with -keyfilepass:env VAR, -keyfilepass:file FILE or -keyfilepass PASSWORD, or write the key unencrypted with -nocrypt")
                    } else {
                        e
                    }
                })?,
        };
        if password.char_len() < 6 {
            return Err(CliError::new(
                "Password for the exported key must be at least 6 characters",
            ));
        }
        let der = keyfile::encrypt_pkcs8(&v1, &password, EXPORT_ITERATIONS)?;
        (
            Zeroizing::new(pem::encode("ENCRYPTED PRIVATE KEY", &der).into_bytes()),
            format!(
                "encrypted with PBES2: PBKDF2-HMAC-SHA256 ({} iterations), AES-256-CBC",
                super::thousands(EXPORT_ITERATIONS)
            ),
        )
    };
    store::write_output(out_path, &bytes, storage::NewFile::Private, true).map_err(
        |e| match e {
            rkeytool::Error::Io { source, .. }
                if source.kind() == std::io::ErrorKind::AlreadyExists =>
            {
                refuse_existing(out_path)
            }
            other => other.into(),
        },
    )?;
    eprintln!(
        "{} private key of <{}> stored in file <{}> as PKCS#8, {how}",
        key.key_type().name(),
        rkeytool::keystore::normalize_alias(alias),
        out_path.display()
    );
    store::warn_if_jks(&path, &ks);
    Ok(())
}

/// A secret key's raw bytes (hex with `-rfc`), only with `-nocrypt`: the
/// file is new, mode 0600, and stderr says what was written.
fn export_secret(
    args: &Parsed,
    p: &mut Prompter,
    ks: &rkeytool::KeyStore,
    store_password: &rkeytool::Password,
    alias: &str,
    out_path: &Path,
) -> CliResult<()> {
    if !args.flag("nocrypt") {
        return Err(CliError::new(format!(
            "<{alias}> is a secret key: it can only be exported in the clear, with -nocrypt"
        ))
        .hint(
            "-exportkey -nocrypt writes its raw bytes (hex with -rfc) to a new file, mode 0600",
        ));
    }
    let key = super::recover_secret(args, p, ks, store_password, alias)?;
    if key.is_password() {
        return Err(CliError::new(format!(
            "<{alias}> is a stored password: use -exportpass"
        )));
    }
    let bytes = if args.flag("rfc") {
        let mut hex = Zeroizing::new(String::with_capacity(key.bytes.len() * 2 + 1));
        for b in key.bytes.iter() {
            hex.push_str(&format!("{b:02x}"));
        }
        hex.push('\n');
        Zeroizing::new(hex.as_bytes().to_vec())
    } else {
        key.bytes.clone()
    };
    storage::write_new_file(out_path, &bytes, true).map_err(|e| match e {
        rkeytool::Error::Io { source, .. }
            if source.kind() == std::io::ErrorKind::AlreadyExists =>
        {
            refuse_existing(out_path)
        }
        other => other.into(),
    })?;
    eprintln!(
        "Warning: the {}-bit {} secret key of <{}> is stored in the clear in file <{}>{}",
        key.bits(),
        key.algorithm,
        rkeytool::keystore::normalize_alias(alias),
        out_path.display(),
        if args.flag("rfc") { " (hex)" } else { "" }
    );
    Ok(())
}

fn refuse_existing(path: &Path) -> CliError {
    CliError::new(format!(
        "{} exists; refusing to overwrite it",
        path.display()
    ))
    .hint("choose another -file, or remove the old file first")
}
