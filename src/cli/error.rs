//! Errors as people read them: one line, and where useful a hint saying what to do.
//! All the wording lives here.

use rkeytool::{Error, LooksLike, StoreType};
use std::fmt;
use std::path::Path;

/// A failure the binary reports before exiting with status 1 (or, for a
/// closed standard output, ends quietly with status 0).
#[derive(Debug)]
pub struct CliError {
    /// What kind of ending this is.
    pub kind: Kind,
    /// The error line (without the "rkeytool error: " prefix).
    pub message: String,
    /// What to do about it, if we can say.
    pub hint: Option<String>,
}

/// How the program ends on a [`CliError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An error: one line on stderr, exit status 1.
    Failure,
    /// Standard output was closed by its reader (`rkeytool -list | head`):
    /// not an error, nothing printed, exit status 0.
    BrokenPipe,
}

impl CliError {
    /// An error with just a message.
    pub fn new(message: impl Into<String>) -> Self {
        CliError {
            kind: Kind::Failure,
            message: message.into(),
            hint: None,
        }
    }

    /// Standard output was closed: the program ends quietly.
    pub fn broken_pipe() -> Self {
        CliError {
            kind: Kind::BrokenPipe,
            message: String::new(),
            hint: None,
        }
    }

    /// Adds a hint line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Puts the file name in front, as "<file>: message", unless it already names it.
    pub fn in_file(mut self, file: &std::path::Path) -> Self {
        let f = file.display().to_string();
        if !self.message.contains(&f) {
            self.message = format!("{f}: {}", self.message);
        }
        self
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        let message = match &e {
            Error::UnsupportedAlgorithm { format, what } => {
                format!("unsupported: {format} {what}")
            }
            Error::IterationLimit { format, found, max } => {
                format!("unsupported: {format} iteration count {found} (at most {max})")
            }
            Error::WorkLimit { format, max } => format!(
                "unsupported: {format} file asks for more than {max} key-derivation iterations in all"
            ),
            _ => e.to_string(),
        };
        let hint = match &e {
            Error::UnsupportedAlgorithm { .. } => Some(
                "rkeytool reads PBES2 (PBKDF2 or scrypt; AES or 3DES), PKCS#12 PBE (3DES, RC2), pbeWithMD5AndDES, and HMAC-SHA-1/SHA-2 or PBMAC1 MACs",
            ),
            Error::IterationLimit { .. } => Some(
                "the JDK refuses more than 5,000,000 iterations too; re-encrypt with fewer (OpenSSL uses 2,048, keytool 10,000)",
            ),
            Error::WrongPassword => Some("check -storepass (or -storepass:env / -storepass:file)"),
            Error::CannotRecoverKey { .. } => Some("give the entry's key password with -keypass"),
            Error::NotAKeystore { .. } => Some(
                "rkeytool reads JKS, JCEKS, PKCS12, BKS, UBER and PEM keystores; is this the right file?",
            ),
            Error::Malformed { .. } => {
                Some("the file may be truncated or damaged; restore it from a backup")
            }
            _ => None,
        };
        CliError {
            kind: Kind::Failure,
            message,
            hint: hint.map(str::to_string),
        }
    }
}

/// keytool's words when a keystore's integrity check fails: a JKS digest
/// cannot tell a wrong password from an altered file, a PKCS#12 MAC is
/// reported as a wrong password.
pub fn integrity_failed(t: rkeytool::StoreType, option: &str) -> CliError {
    let message = match t {
        rkeytool::StoreType::Jks
        | rkeytool::StoreType::Jceks
        | rkeytool::StoreType::Bks
        | rkeytool::StoreType::Uber => "Keystore was tampered with, or password was incorrect",
        rkeytool::StoreType::Pkcs12 | rkeytool::StoreType::Pem => "keystore password was incorrect",
    };
    CliError::new(message).hint(format!(
        "check -{option} (or -{option}:env / -{option}:file)"
    ))
}

/// No entry under `alias`: the library's [`Error::AliasNotFound`], worded
/// as keytool words it ("Alias <x> does not exist").
pub fn alias_not_found(alias: &str) -> CliError {
    CliError::from(Error::AliasNotFound(alias.to_string()))
}

/// A file given as `-keystore` (or `-srckeystore`) that is something else:
/// named as what it is, with what to do with it instead. keytool says
/// "Unrecognized keystore format" (or "Invalid keystore format") without
/// naming the file or the cause; scripts test the exit status, which is 1
/// in both. An empty file gets keytool's own words, which name both.
pub fn not_a_keystore(file: &Path, looks_like: LooksLike) -> CliError {
    let f = file.display();
    let read_cert = format!(
        "to read it: rkeytool -printcert -file {f}; to trust it: rkeytool -importcert -file {f} -keystore <keystore>"
    );
    let (message, hint) = match looks_like {
        LooksLike::Empty => (
            format!("Keystore file exists, but is empty: {f}"),
            "an empty file is no keystore; remove it, or name a new file, to create one"
                .to_string(),
        ),
        LooksLike::Certificate | LooksLike::Certificates => (
            format!("{f} is {}, not a keystore", looks_like.describe()),
            read_cert,
        ),
        LooksLike::CertificateRequest => (
            format!("{f} is a certificate request, not a keystore"),
            format!(
                "to read it: rkeytool -printcertreq -file {f}; to sign it: rkeytool -gencert -infile {f} -keystore <keystore>"
            ),
        ),
        LooksLike::PrivateKey => (
            format!("{f} is a private key file, not a keystore"),
            format!(
                "to store it: rkeytool -importkey -keyfile {f} -file <certificate> -keystore <keystore>"
            ),
        ),
        _ => return CliError::from(Error::NotAKeystore { looks_like }).in_file(file),
    };
    CliError::new(message).hint(hint)
}

/// What an entry lacks for the command: keytool's "Alias <x> has no key".
#[derive(Debug, Clone, Copy)]
pub enum Lacks {
    /// No certificate (a secret key entry).
    Certificate,
    /// No private key (a trusted certificate or a secret key).
    Key,
    /// No secret key.
    SecretKey,
}

/// "Alias <x> has no certificate" (key, secret key), keytool's words.
pub fn alias_lacks(alias: &str, what: Lacks) -> CliError {
    let what = match what {
        Lacks::Certificate => "certificate",
        Lacks::Key => "key",
        Lacks::SecretKey => "secret key",
    };
    CliError::new(format!("Alias <{alias}> has no {what}"))
}

/// What a command would have made under an alias already taken, in
/// keytool's words: "Certificate not imported, alias <x> already exists".
#[derive(Debug, Clone, Copy)]
pub enum NotMade {
    /// `-importcert` of a trusted certificate.
    Certificate,
    /// `-genseckey`, `-importpass`.
    SecretKey,
    /// `-changealias`: "Destination alias <x> already exists".
    DestinationAlias,
}

/// An alias already taken: keytool's refusal, nothing written.
pub fn alias_taken(alias: &str, what: NotMade) -> CliError {
    CliError::new(match what {
        NotMade::Certificate => format!("Certificate not imported, alias <{alias}> already exists"),
        NotMade::SecretKey => format!("Secret Key not generated, alias <{alias}> already exists"),
        NotMade::DestinationAlias => format!("Destination alias <{alias}> already exists"),
    })
}

/// The key password did not open the key (the library's
/// [`Error::CannotRecoverKey`]), with what to try instead.
pub fn cannot_recover_key(alias: &str, hint: impl Into<String>) -> CliError {
    CliError::from(Error::CannotRecoverKey {
        alias: alias.to_string(),
    })
    .hint(hint)
}

/// keytool's "Keystore file does not exist: <file>".
pub fn keystore_missing(file: &Path) -> CliError {
    CliError::new(format!("Keystore file does not exist: {}", file.display()))
}

/// keytool's "Keystore file exists, but is empty: <file>" (for
/// `-importkeystore`'s source: "Source keystore file exists…").
pub fn keystore_empty(file: &str, source: bool) -> CliError {
    let which = if source {
        "Source keystore"
    } else {
        "Keystore"
    };
    CliError::new(format!("{which} file exists, but is empty: {file}"))
}

/// Which password is too short.
#[derive(Debug, Clone, Copy)]
pub enum ShortPassword {
    /// A new keystore's password.
    Keystore,
    /// `-new`.
    New,
}

/// keytool's refusal of a password under 6 characters.
pub fn password_too_short(which: ShortPassword) -> CliError {
    CliError::new(match which {
        ShortPassword::Keystore => "Keystore password must be at least 6 characters",
        ShortPassword::New => "New password must be at least 6 characters",
    })
}

/// keytool's "Illegal value for -<option>: <value>".
pub fn illegal_value(option: &str, value: &str) -> CliError {
    CliError::new(format!("Illegal value for -{option}: {value}"))
}

/// `-json` output that could not be written.
pub fn json_failed(e: impl fmt::Display) -> CliError {
    CliError::new(format!("cannot write JSON: {e}"))
}

/// JKS keystores hold no secret keys: the JDK's KeyStoreException, as
/// keytool prints it (with the alias when importing).
pub fn cannot_store_non_private_keys(importing: Option<(&str, StoreType)>) -> CliError {
    match importing {
        None => CliError::new("java.security.KeyStoreException: Cannot store non-PrivateKeys"),
        Some((alias, dest)) => CliError::new(format!(
            "Problem importing entry for alias {alias}: java.security.KeyStoreException: Cannot store non-PrivateKeys; nothing was written"
        ))
        .hint(format!(
            "a {} keystore cannot hold secret keys: import into PKCS12 instead",
            dest.name()
        )),
    }
}

/// A file the command makes exists already; it is never overwritten.
pub fn refuse_overwrite(file: &Path) -> CliError {
    CliError::new(format!(
        "{} exists; refusing to overwrite it",
        file.display()
    ))
}

/// A command line `-completions`/`-manpage` cannot take.
pub fn usage_line(word: &str) -> CliError {
    CliError::new(format!("Illegal use of {word}"))
}

/// The result type of the command layer.
pub type CliResult<T> = Result<T, CliError>;
