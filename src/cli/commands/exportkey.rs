//! `-exportkey`: an entry's private key as PKCS#8 PEM, encrypted by default
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
    let (_, pkcs8) = super::recover_key(args, p, &ks, &store_password, alias)?;
    let key = keyfile::PrivateKey::from_pkcs8_der(&pkcs8)?;

    let (bytes, how) = if nocrypt {
        let text = pem::encode_secret("PRIVATE KEY", key.pkcs8_der());
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
        let der = keyfile::encrypt_pkcs8(key.pkcs8_der(), &password, EXPORT_ITERATIONS)?;
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

fn refuse_existing(path: &Path) -> CliError {
    CliError::new(format!(
        "{} exists; refusing to overwrite it",
        path.display()
    ))
    .hint("choose another -file, or remove the old file first")
}
