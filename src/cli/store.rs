//! Opening and saving the keystore a command works on, with keytool's
//! defaults, prompts and warnings.

use super::error::{CliError, CliResult};
use super::options::Parsed;
use super::prompt::{self, Prompter};
use rkeytool::pkcs12::Protection;
use rkeytool::{Error, KeyStore, Password, StoreType, storage};
use std::path::PathBuf;

/// The keystore file named by `-keystore`, else keytool's `~/.keystore`.
pub fn keystore_path(args: &Parsed) -> CliResult<PathBuf> {
    if args.flag("cacerts") {
        if args.value("keystore").is_some() {
            return Err(CliError::new(
                "The -keystore option and -cacerts option are mutually exclusive",
            ));
        }
        return cacerts_path();
    }
    if let Some(p) = args.value("keystore") {
        return Ok(PathBuf::from(p));
    }
    match std::env::var_os("HOME") {
        Some(h) => Ok(PathBuf::from(h).join(".keystore")),
        None => Err(CliError::new("no -keystore given and HOME is not set")),
    }
}

/// A keystore loaded from disk (or new), with the password that opens it.
pub struct OpenStore {
    /// Where it lives.
    pub path: PathBuf,
    /// The entries.
    pub store: KeyStore,
    /// The store password.
    pub password: Password,
    /// `-v`: say "[Storing <file>]" before writing, as keytool.
    pub verbose: bool,
    /// True for a password-less PKCS12 (JDK 18+ cacerts) opened without one:
    /// it is written back without a MAC. An empty password is a password.
    pub passwordless: bool,
    /// Held while the command reads, changes and writes the keystore.
    _lock: storage::WriteLock,
}

/// Takes the write lock for the file at `path` (see [`storage::lock`]): every
/// command that writes a keystore or an output file takes it first, and says
/// so when another rkeytool holds it.
pub fn lock_for_writing(path: &std::path::Path) -> CliResult<storage::WriteLock> {
    Ok(storage::lock(path, &mut say_waiting)?)
}

/// "Waiting for another rkeytool to finish writing in /abs/folder ..."
fn say_waiting(dir: &std::path::Path) {
    let shown = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    eprintln!(
        "Waiting for another rkeytool to finish writing in {} ...",
        shown.display()
    );
}

/// Writes an output file (a certificate, a request, a key) under the write
/// lock, keeping an existing file's identity; `new` is the mode of a new one.
pub fn write_output(
    path: &std::path::Path,
    bytes: &[u8],
    new: storage::NewFile,
    refuse_existing: bool,
) -> rkeytool::Result<()> {
    let _lock = storage::lock(path, &mut say_waiting)?;
    storage::write_file(path, bytes, new, refuse_existing)?;
    Ok(())
}

/// The `-storetype` asked for, if any.
pub fn requested_type(args: &Parsed) -> CliResult<Option<StoreType>> {
    match args.value("storetype") {
        None => Ok(None),
        Some(t) => StoreType::from_name(t).map(Some).ok_or_else(|| {
            CliError::new(format!("{t} not found"))
                .hint("rkeytool supports -storetype PKCS12, JKS, JCEKS, BKS, UBER, BCFKS and PEM")
        }),
    }
}

pub fn load_error(path: &std::path::Path, t: Option<StoreType>, e: Error) -> CliError {
    match (e, t) {
        (Error::WrongPassword, Some(t)) => super::error::integrity_failed(t, "storepass"),
        (Error::NotAKeystore { looks_like }, _) => super::error::not_a_keystore(path, looks_like),
        (e @ (Error::WrongPassword | Error::Io { .. } | Error::TooLarge { .. }), _) => {
            CliError::from(e)
        }
        (other, _) => CliError::from(other).in_file(path),
    }
}

/// Opens the keystore for a command that changes it, creating it in memory
/// when the file does not exist (PKCS12 unless `-storetype JKS`).
pub fn open_or_create(args: &Parsed, p: &mut Prompter) -> CliResult<OpenStore> {
    let path = keystore_path(args)?;
    let given = prompt::from_arg(args.password("storepass"), "storepass")?;
    let lock = lock_for_writing(&path)?;
    if path.exists() {
        let bytes = storage::read_keystore(&path)?;
        let t = storage::detect(&bytes).map_err(|e| load_error(&path, None, e))?;
        if t == StoreType::Pem {
            return Err(pem_unchanged(&path));
        }
        let passwordless = given.is_none() && storage::is_passwordless(&bytes);
        let password = match given {
            Some(pw) => pw,
            // A password-less PKCS12 (JDK 18+ cacerts) is opened and written without one.
            None if passwordless => Password::new(""),
            None => prompt::store_password(
                p,
                "Enter keystore password:  ",
                false,
                "keystore password",
                "storepass",
            )?,
        };
        let store = storage::decode(&bytes, (!passwordless).then_some(&password))
            .map_err(|e| load_error(&path, Some(t), e))?;
        Ok(OpenStore {
            path,
            store,
            password,
            verbose: args.flag("v"),
            passwordless,
            _lock: lock,
        })
    } else {
        let t = requested_type(args)?.unwrap_or(StoreType::Pkcs12);
        let password = match given {
            Some(pw) => pw,
            None => prompt::store_password(
                p,
                "Enter keystore password:  ",
                true,
                "keystore password",
                "storepass",
            )?,
        };
        if password.char_len() < 6 {
            return Err(super::error::password_too_short(
                super::error::ShortPassword::Keystore,
            ));
        }
        Ok(OpenStore {
            path,
            store: KeyStore::new(t),
            password,
            verbose: args.flag("v"),
            passwordless: false,
            _lock: lock,
        })
    }
}

/// Opens an existing keystore for reading. Without a password, keytool's
/// behaviour: ask on a terminal, read a line from stdin, and when there is
/// none, open without checking integrity (the caller warns).
pub fn open_existing(
    args: &Parsed,
    p: &mut Prompter,
    password_needed: bool,
) -> CliResult<(PathBuf, KeyStore, Option<Password>)> {
    let path = keystore_path(args)?;
    if !path.exists() {
        return Err(super::error::keystore_missing(&path));
    }
    let bytes = storage::read_keystore(&path)?;
    let t = storage::detect(&bytes).map_err(|e| load_error(&path, None, e))?;
    let given = prompt::from_arg(args.password("storepass"), "storepass")?;
    if given.is_none() && storage::is_passwordless(&bytes) {
        // JDK 18+ cacerts: nothing to verify, and keytool does not ask.
        let store = storage::decode(&bytes, None).map_err(|e| load_error(&path, Some(t), e))?;
        return Ok((path, store, Some(Password::new(""))));
    }
    // An empty `-storepass ""` (or empty :env/:file) is the empty password;
    // only an empty answer at the prompt means "none", as keytool reads it.
    let password = match given {
        Some(pw) => Some(pw),
        None => match p.secret("Enter keystore password:  ")? {
            Some(pw) if pw.is_empty() && !password_needed => None,
            other => other,
        },
    };
    if password.is_none() && password_needed {
        return Err(prompt::missing("keystore password", "storepass"));
    }
    let store =
        storage::decode(&bytes, password.as_ref()).map_err(|e| load_error(&path, Some(t), e))?;
    Ok((path, store, password))
}

/// How a PKCS12 is written: legacy when `-J-Dkeystore.pkcs12.legacy` or
/// `-legacy` asks, with a PBMAC1 MAC when `-macalg PBMAC1` does.
pub fn protection(args: &Parsed) -> CliResult<Protection> {
    let legacy = args.flag("legacy")
        || args
            .java_options
            .iter()
            .any(|j| j == "-Dkeystore.pkcs12.legacy" || j.starts_with("-Dkeystore.pkcs12.legacy="));
    let pbmac1 = match args.value("macalg") {
        None => false,
        Some(m) if m.eq_ignore_ascii_case("PBMAC1") => true,
        Some(m) if m.eq_ignore_ascii_case("HmacPBESHA256") => false,
        Some(m) => {
            return Err(CliError::new(format!("{m} not supported for -macalg"))
                .hint("rkeytool writes -macalg HmacPBESHA256 (the default) or PBMAC1"));
        }
    };
    match (legacy, pbmac1) {
        (true, true) => Err(CliError::new(
            "-macalg PBMAC1 and legacy PKCS12 protection cannot be combined",
        )),
        (true, false) => Ok(Protection::Legacy),
        (false, true) => Ok(Protection::Pbmac1),
        (false, false) => Ok(Protection::Modern),
    }
}

/// A PEM file has no aliases or passwords of its own to keep: it is
/// converted, never changed in place.
fn pem_unchanged(path: &std::path::Path) -> CliError {
    CliError::new(format!(
        "{}: rkeytool does not change PEM keystores; nothing was written",
        path.display()
    ))
    .hint("convert it first: rkeytool -importkeystore -srckeystore FILE -srcstoretype PEM -destkeystore KS.p12")
}

/// Writes the keystore back atomically. Keys kept as read are written back
/// unchanged; new keys carry their own password (or take the store password).
pub fn save(open: &OpenStore, protection: Protection) -> CliResult<()> {
    if open.store.store_type() == StoreType::Pem {
        return Err(pem_unchanged(&open.path));
    }
    if open.verbose {
        eprintln!("[Storing {}]", open.path.display());
    }
    // A store opened without a password (password-less PKCS12) stays so.
    let password = (!open.passwordless).then_some(&open.password);
    let bytes = storage::encode(&open.store, password, protection)?;
    storage::write_atomic(&open.path, &bytes)?;
    Ok(())
}

/// keytool's warning after a command on a JKS or JCEKS keystore that holds
/// a key, private or secret (a truststore such as cacerts gets none),
/// printed on stderr.
pub fn warn_if_jks(path: &std::path::Path, ks: &KeyStore) {
    if let Some(w) = proprietary_warning(ks, &path.display().to_string()) {
        eprintln!("\nWarning:\n{w}");
    }
}

/// keytool's `jks.storetype.warning` for `ks` written as `name`: only for
/// JKS and JCEKS, and only when some entry is not a trusted certificate.
pub fn proprietary_warning(ks: &KeyStore, name: &str) -> Option<String> {
    let t = ks.store_type();
    let has_key = ks.entries().iter().any(|e| e.entry.is_key());
    (matches!(t, StoreType::Jks | StoreType::Jceks) && has_key).then(|| {
        format!(
            "The {} keystore uses a proprietary format. It is recommended to migrate to PKCS12 which is an industry standard format using \"keytool -importkeystore -srckeystore {name} -destkeystore {name} -deststoretype pkcs12\".",
            t.name()
        )
    })
}

/// keytool's banner when a keystore was read without its password.
pub const INTEGRITY_WARNING: &str = "\n*****************  WARNING WARNING WARNING  *****************\n* The integrity of the information stored in your keystore  *\n* has NOT been verified!  In order to verify its integrity, *\n* you must provide your keystore password.                  *\n*****************  WARNING WARNING WARNING  *****************\n";

/// The JDK's cacerts: `$JAVA_HOME/lib/security/cacerts`, else the system's
/// `/etc/ssl/certs/java/cacerts`.
pub fn cacerts_path() -> CliResult<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(home) = std::env::var_os("JAVA_HOME") {
        candidates.push(PathBuf::from(home).join("lib/security/cacerts"));
    }
    candidates.push(PathBuf::from("/etc/ssl/certs/java/cacerts"));
    candidates.into_iter().find(|p| p.exists()).ok_or_else(|| {
        CliError::new("cannot find the JDK's cacerts")
            .hint("set JAVA_HOME, or install ca-certificates-java")
    })
}

/// The certificates of the JDK's cacerts, read without a password (it holds
/// only public certificates; integrity is not what -trustcacerts relies on).
pub fn cacerts_certificates() -> CliResult<Vec<rkeytool::Certificate>> {
    let path = cacerts_path()?;
    let bytes = storage::read_keystore(&path)?;
    let ks = storage::decode(&bytes, None)
        .or_else(|_| storage::decode(&bytes, Some(&Password::new("changeit"))))
        .map_err(|e| CliError::from(e).in_file(&path))?;
    Ok(ks
        .entries()
        .iter()
        .filter_map(|e| match &e.entry {
            rkeytool::Entry::TrustedCert(c) => Some(c.clone()),
            _ => None,
        })
        .collect())
}
