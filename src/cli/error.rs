//! Errors as people read them: one line, and where useful a hint saying what to do.
//! All the wording lives here.

use rkeytool::Error;
use std::fmt;

/// A failure the binary reports before exiting with status 1.
#[derive(Debug)]
pub struct CliError {
    /// The error line (without the "rkeytool error: " prefix).
    pub message: String,
    /// What to do about it, if we can say.
    pub hint: Option<String>,
}

impl CliError {
    /// An error with just a message.
    pub fn new(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
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
        let message = e.to_string();
        let hint = match &e {
            Error::WrongPassword => Some("check -storepass (or -storepass:env / -storepass:file)"),
            Error::CannotRecoverKey { .. } => Some("give the entry's key password with -keypass"),
            Error::NotAKeystore => Some(
                "rkeytool reads JKS, JCEKS, PKCS12, BKS and UBER keystores; is this the right file?",
            ),
            Error::Malformed { .. } => {
                Some("the file may be truncated or damaged; restore it from a backup")
            }
            _ => None,
        };
        CliError {
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
        rkeytool::StoreType::Pkcs12 => "keystore password was incorrect",
    };
    CliError::new(message).hint(format!(
        "check -{option} (or -{option}:env / -{option}:file)"
    ))
}

/// The result type of the command layer.
pub type CliResult<T> = Result<T, CliError>;
