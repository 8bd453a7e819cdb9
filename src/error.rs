//! The library's error type: one variant per thing a caller can act on.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in the library.
///
/// Messages name the format and, where it helps, the alias or file; they
/// never contain a password or key material.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The keystore's integrity check failed: almost always a wrong password.
    WrongPassword,
    /// A private key entry could not be decrypted with the key password.
    CannotRecoverKey {
        /// Alias of the entry.
        alias: String,
    },
    /// A file is damaged or truncated: it started like the format but did not decode.
    Malformed {
        /// The format being decoded, e.g. "JKS" or "PKCS#12".
        format: &'static str,
        /// What was wrong, for people.
        detail: String,
    },
    /// The input is not a keystore of any supported kind.
    NotAKeystore {
        /// What it is instead, when it can be told.
        looks_like: LooksLike,
    },
    /// An algorithm, cipher or option that the format allows but we do not support.
    Unsupported(String),
    /// A password-based algorithm rkeytool does not implement ([`crate::crypto`]),
    /// named as the file names it.
    UnsupportedAlgorithm {
        /// The format or structure that asked for it, e.g. "PKCS#12" or "private key".
        format: &'static str,
        /// The algorithm, by name and OID where it has them.
        what: String,
    },
    /// A password-based key derivation asks for an iteration count outside
    /// 1..=`max` ([`crate::crypto::MAX_ITERATIONS`], the JDK's ceiling):
    /// refused before any work is done.
    IterationLimit {
        /// The format or structure that asked, e.g. "PKCS#12".
        format: &'static str,
        /// The count the file asks for (as read: it may be zero or negative).
        found: i64,
        /// The most we run.
        max: u64,
    },
    /// One file asks for more key-derivation work in all than rkeytool spends
    /// on one decode ([`crate::crypto::MAX_TOTAL_ITERATIONS`]).
    WorkLimit {
        /// The format being decoded.
        format: &'static str,
        /// The budget, in iterations.
        max: u64,
    },
    /// A private key that decodes but that Java keystores cannot hold or
    /// the JDK cannot use (multi-prime RSA, EC curves the JDK lacks...):
    /// refused on import. The text says why, in one line.
    NotUsableByJdk(String),
    /// No entry with this alias.
    AliasNotFound(String),
    /// An entry with this alias exists already.
    AliasExists(String),
    /// A keystore format cannot hold this entry (a secret key in JKS): the
    /// write is refused rather than the entry dropped.
    EntryNotSupported {
        /// Alias of the entry.
        alias: String,
        /// keytool's name of the format, e.g. "JKS".
        store_type: &'static str,
        /// What the entry is, e.g. "secret key".
        kind: &'static str,
    },
    /// A bad argument value (a distinguished name, an extension, a date...).
    InvalidInput(String),
    /// A cryptographic operation failed (key generation, signing).
    Crypto(String),
    /// A file or stream is larger than rkeytool reads for its kind.
    TooLarge {
        /// The file (or "standard input").
        name: String,
        /// What it was read as, e.g. "a keystore".
        what: &'static str,
        /// The cap, in bytes.
        limit: u64,
    },
    /// Reading or writing a file failed.
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// What a file given as a keystore is instead
/// ([`crate::storage::looks_like`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LooksLike {
    /// An empty file.
    Empty,
    /// One X.509 certificate (PEM or DER).
    Certificate,
    /// Certificates in a PKCS#7 (CMS SignedData) structure.
    Certificates,
    /// A PKCS#10 certificate request.
    CertificateRequest,
    /// A private key file (PKCS#8, encrypted or not, PKCS#1, SEC1).
    PrivateKey,
    /// Nothing rkeytool recognises.
    Unknown,
}

impl LooksLike {
    /// What it is, for people: "a certificate".
    pub fn describe(self) -> &'static str {
        match self {
            LooksLike::Empty => "an empty file",
            LooksLike::Certificate => "a certificate",
            LooksLike::Certificates => "a PKCS#7 certificate bundle",
            LooksLike::CertificateRequest => "a certificate request",
            LooksLike::PrivateKey => "a private key file",
            LooksLike::Unknown => "neither JKS nor PKCS#12",
        }
    }
}

impl Error {
    /// A damaged-file error for `format`.
    pub fn malformed(format: &'static str, detail: impl Into<String>) -> Self {
        Error::Malformed {
            format,
            detail: detail.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::WrongPassword => f.write_str("keystore password was incorrect"),
            Error::CannotRecoverKey { alias } => {
                write!(
                    f,
                    "Cannot recover key for alias <{alias}>: wrong key password"
                )
            }
            Error::Malformed { format, detail } => {
                write!(f, "damaged or truncated {format} data: {detail}")
            }
            Error::NotAKeystore {
                looks_like: LooksLike::Unknown,
            } => f.write_str("not a keystore: neither JKS nor PKCS#12"),
            Error::NotAKeystore { looks_like } => {
                write!(f, "{}, not a keystore", looks_like.describe())
            }
            Error::Unsupported(what) => write!(f, "unsupported: {what}"),
            // The wording for people is in the binary's `cli/error.rs`;
            // these are the plain library forms.
            Error::UnsupportedAlgorithm { format, what } => {
                write!(f, "{format}: unsupported {what}")
            }
            Error::IterationLimit { format, found, max } => {
                write!(f, "{format}: iteration count {found} outside 1..={max}")
            }
            Error::WorkLimit { format, max } => {
                write!(
                    f,
                    "{format}: more than {max} key-derivation iterations in all"
                )
            }
            Error::NotUsableByJdk(why) => f.write_str(why),
            Error::AliasNotFound(alias) => write!(f, "Alias <{alias}> does not exist"),
            Error::AliasExists(alias) => write!(f, "alias <{alias}> already exists"),
            Error::EntryNotSupported {
                alias,
                store_type,
                kind,
            } => write!(
                f,
                "{store_type} keystores cannot hold the {kind} <{alias}>; nothing was written"
            ),
            Error::InvalidInput(what) => f.write_str(what),
            Error::Crypto(what) => write!(f, "cryptographic operation failed: {what}"),
            Error::TooLarge { name, what, limit } => write!(
                f,
                "{name}: too large: rkeytool reads at most {} for {what}",
                format_size(*limit)
            ),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<der::Error> for Error {
    fn from(e: der::Error) -> Self {
        Error::malformed("DER", e.to_string())
    }
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// A cap for people: "512 MiB", "64 KiB".
pub fn format_size(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}
