//! `-exportkey`: an entry's private key as PKCS#8 v1 PEM (no public key, no
//! attributes, whatever form it was stored in), encrypted by default
//! (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC), unencrypted only with
//! `-nocrypt`. keytool cannot export keys at all.

use crate::cli::args::StoreArgs;
use crate::cli::error::{CliError, CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::recover;
use crate::cli::store;
use rkeytool::keys::file::{self as keyfile, EXPORT_ITERATIONS};
use rkeytool::{pem, storage};
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

/// `-exportkey` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "exportkey",
    aliases: &[],
    help: "Exports a private key as PKCS#8 PEM",
    options: &[
        Opt::Alias,
        Opt::File,
        Opt::Keyfilepass,
        Opt::Nocrypt,
        Opt::Rfc,
        Opt::Keypass,
        Opt::Keystore,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::V,
    ],
    keytool: false,
    run: start,
};

/// What `-exportkey` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    nocrypt: bool,
    rfc: bool,
    file: Option<&'a str>,
    keypass: Option<&'a PasswordArg>,
    keyfilepass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            nocrypt: p.flag(Opt::Nocrypt),
            rfc: p.flag(Opt::Rfc),
            file: p.value(Opt::File),
            keypass: p.password(Opt::Keypass),
            keyfilepass: p.password(Opt::Keyfilepass),
            store: StoreArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p).map(|()| 0)
}

/// Runs `-exportkey`.
fn run(args: &Args, p: &mut Prompter) -> CliResult<()> {
    let alias = args.alias;
    let out_path = Path::new(
        args.file
            .ok_or_else(|| CliError::from(Fault::ExportkeyNeedsFile))?,
    );
    let nocrypt = args.nocrypt;
    if nocrypt && args.keyfilepass.is_some() {
        return Err(Fault::NocryptAndKeyfilepass.into());
    }
    if out_path.exists() {
        return Err(refuse_existing(out_path));
    }
    let (path, ks, store_password) = store::open_existing(&args.store, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    if let Some(rkeytool::Entry::SecretKey(_)) = ks.get(alias).map(|e| &e.entry) {
        return export_secret(args, p, &ks, &store_password, alias, out_path);
    }
    let (_, pkcs8) = recover::private_key(args.keypass, p, &ks, &store_password, alias)?;
    let key = rkeytool::keys::PrivateKey::from_pkcs8_der(&pkcs8)?;
    // Always PKCS#8 v1, whatever form the key was stored in.
    let v1 = key.to_pkcs8_v1()?;

    let (bytes, how) = if nocrypt {
        let text = pem::encode_secret("PRIVATE KEY", &v1);
        (
            Zeroizing::new(text.as_bytes().to_vec()),
            "unencrypted".to_string(),
        )
    } else {
        let password = match prompt::from_arg(args.keyfilepass, "keyfilepass")? {
            Some(pw) => pw,
            None => {
                prompt::new_password(p, crate::cli::error::EXPORTED_KEY_PASSWORD, "keyfilepass")
                    .map_err(crate::cli::error::exported_key_password_missing)?
            }
        };
        if password.char_len() < 6 {
            return Err(crate::cli::error::password_too_short(
                crate::cli::error::ShortPassword::ExportedKey,
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
    args: &Args,
    p: &mut Prompter,
    ks: &rkeytool::KeyStore,
    store_password: &rkeytool::Password,
    alias: &str,
    out_path: &Path,
) -> CliResult<()> {
    if !args.nocrypt {
        return Err(Fault::SecretKeyNeedsNocrypt(alias.to_string()).into());
    }
    let key = recover::secret_key(args.keypass, p, ks, store_password, alias)?;
    if key.is_password() {
        return Err(Fault::UseExportpass(alias.to_string()).into());
    }
    let bytes = if args.rfc {
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
        if args.rfc { " (hex)" } else { "" }
    );
    Ok(())
}

fn refuse_existing(path: &Path) -> CliError {
    Fault::ExportFileExists(path.to_path_buf()).into()
}
