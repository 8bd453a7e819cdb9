//! Errors as people read them: one line, and where useful a hint saying what to do.
//! All the wording lives here.

use super::options::UsageError;
use rkeytool::{EntryKind, Error, KeySizes, LooksLike, PemProblem, ReplyProblem, StoreType};
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
    fn new(message: impl Into<String>) -> Self {
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

/// What BouncyCastle writes in BCFKS, for an algorithm it does not.
const BCFKS_ALGORITHMS: &str = "BouncyCastle writes BCFKS with PBKDF2 (HMAC-SHA512 or HMAC-SHA3-512) or scrypt, AES-256-CCM or AES-256-KWP, and an HMAC-SHA512 or HMAC-SHA3-512 MAC";

/// A PEM keystore's problem, in words.
fn pem_problem(problem: &PemProblem) -> Option<String> {
    Some(match problem {
        PemProblem::NoFile => "no PEM file in the folder".to_string(),
        PemProblem::LegacyEncryptedKey => {
            "unsupported: legacy-encrypted PEM keys (Proc-Type: 4,ENCRYPTED) in a PEM keystore"
                .to_string()
        }
        PemProblem::SeveralKeysSomeEncrypted => "unsupported: several private keys, some encrypted, in one PEM keystore: their certificates cannot be matched before the keys are decrypted".to_string(),
        PemProblem::Empty => "no private key or certificate in the PEM keystore".to_string(),
        PemProblem::KeyWithoutCertificate { index } => format!(
            "no certificate for private key {index} in the PEM keystore: a key entry needs its certificate"
        ),
        PemProblem::SecondKey { alias } => format!(
            "a Kubernetes TLS folder holds one private key; <{alias}> would be a second"
        ),
        PemProblem::NoKey => {
            "a Kubernetes TLS folder needs a private key entry; there is none".to_string()
        }
        PemProblem::Exists { path } => format!(
            "{} exists; rkeytool does not overwrite a Kubernetes TLS folder",
            path.display()
        ),
        _ => return None,
    })
}

/// "key" or "secret key", as keytool names what an entry holds.
fn key_word(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::PrivateKey => "key",
        EntryKind::SecretKey => "secret key",
        EntryKind::TrustedCert => "certificate",
    }
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        let message = match &e {
            Error::KeyMismatch {
                certificates: 1, ..
            } => "Public keys in reply and keystore don't match".to_string(),
            Error::KeyMismatch { alias, .. } => {
                format!("Certificate reply does not contain public key for <{alias}>")
            }
            Error::UnusableReply { problem, .. } => match problem {
                ReplyProblem::Empty => "Reply has no certificates",
                ReplyProblem::SameAsStored => {
                    "Certificate reply and certificate in keystore are identical"
                }
                _ => "Failed to establish chain from reply",
            }
            .to_string(),
            Error::ChainNotValid => "Certificate chain is not valid".to_string(),
            Error::WrongEntryKind { alias, wanted } => {
                format!("Alias <{alias}> has no {}", key_word(*wanted))
            }
            Error::KeyNotRecovered {
                alias,
                store_type,
                kind,
            } => format!(
                "{} for alias <{alias}> must be recovered before it can be written as {store_type}",
                key_word(*kind)
            ),
            Error::SecretKeyAlgorithm { .. } | Error::OpaqueSecret { .. } => {
                format!("unsupported: {e}")
            }
            Error::AliasesDifferInCase { .. } => {
                format!("unsupported: {e}; rkeytool cannot keep both")
            }
            // Key and signature parameters read as keytool users know them:
            // "unsupported: explicit EC parameters".
            Error::UnsupportedFeature {
                format: "key",
                feature,
            } => format!("unsupported: {feature}"),
            Error::UnsupportedFeature { format, feature } => {
                format!("unsupported: {format} {feature}")
            }
            Error::ScryptLimit {
                format,
                n,
                r,
                max_bytes,
            } => format!(
                "unsupported: {format} scrypt with N={n}, r={r} (at most {} MiB of memory)",
                max_bytes >> 20
            ),
            Error::PasswordNeeded {
                store_type,
                reading: true,
            } => {
                let a = if store_type.starts_with('U') {
                    "an"
                } else {
                    "a"
                };
                format!(
                    "{a} {store_type} keystore is encrypted whole: its store password is needed to read it"
                )
            }
            Error::PasswordNeeded { store_type, .. } => {
                format!("a {store_type} keystore needs a password")
            }
            Error::Pem { problem } => pem_problem(problem).unwrap_or_else(|| e.to_string()),
            Error::InvalidValue {
                option: "startdate",
                value,
                ..
            } => format!("Illegal startdate value: {value}"),
            Error::InvalidValue {
                option,
                value,
                reason,
            } => match reason {
                Some(r) => format!("Illegal value for -{option}: {value}: {r}"),
                None => format!("Illegal value for -{option}: {value}"),
            },
            Error::Syntax { message, .. } => message.clone(),
            Error::NoSuchAlgorithm { algorithm, service } => {
                format!(
                    "java.security.NoSuchAlgorithmException: {algorithm} {service} not available"
                )
            }
            Error::KeySizeNeeded { .. } => {
                "Please provide -keysize for secret key generation".to_string()
            }
            Error::InvalidKeySize { bits, allowed, .. } => {
                let why = match allowed {
                    KeySizes::OneOf(_) => format!("Wrong keysize: must be equal to {allowed}"),
                    KeySizes::Range { min, .. } if bits < min => {
                        format!("Key length must be at least {min} bits")
                    }
                    KeySizes::Range { max, .. } => format!("Key length must be at most {max} bits"),
                };
                format!("java.security.InvalidParameterException: {why}")
            }
            Error::KeyPasswordNotAscii { alias } => {
                let m = "JCEKS key passwords must be printable ASCII (the JDK refuses others: \"Password is not ASCII\")";
                match alias {
                    Some(a) => format!("alias <{a}>: {m}"),
                    None => m.to_string(),
                }
            }
            Error::PasswordKeyNotAscii => {
                "java.security.spec.InvalidKeySpecException: Password is not ASCII".to_string()
            }
            Error::DateOutOfRange { unix_seconds } if *unix_seconds < 0 => {
                "dates before 1970 are not supported".to_string()
            }
            Error::EmptyIssuer => "Empty issuer DN not allowed in X509Certificates".to_string(),
            Error::UnsupportedAlgorithm {
                format: format @ ("key" | "signature"),
                what,
            } => format!("unsupported: {format} algorithm {what}"),
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
            Error::UnsupportedAlgorithm {
                format: "BCFKS", ..
            } => Some(BCFKS_ALGORITHMS),
            Error::UnsupportedAlgorithm {
                format: "JCEKS" | "JKS",
                ..
            } => Some(
                "JKS and JCEKS keys are protected with Sun's KeyProtector (1.3.6.1.4.1.42.2.17.1.1); JCEKS keys also with PBEWithMD5AndTripleDES",
            ),
            Error::UnsupportedAlgorithm {
                format: "key" | "signature",
                ..
            } => None,
            Error::UnsupportedAlgorithm { .. } => Some(
                "rkeytool reads PBES2 (PBKDF2 or scrypt; AES or 3DES), PKCS#12 PBE (3DES, RC2), pbeWithMD5AndDES, and HMAC-SHA-1/SHA-2 or PBMAC1 MACs",
            ),
            Error::IterationLimit {
                format: "BCFKS", ..
            }
            | Error::ScryptLimit { .. } => Some(
                "rkeytool refuses a key derivation that costs more than the JDK allows; re-encrypt the store with a lower cost",
            ),
            Error::IterationLimit { .. } => Some(
                "the JDK refuses more than 5,000,000 iterations too; re-encrypt with fewer (OpenSSL uses 2,048, keytool 10,000)",
            ),
            Error::WrongPassword => Some("check -storepass (or -storepass:env / -storepass:file)"),
            Error::CannotRecoverKey { .. } => Some("give the entry's key password with -keypass"),
            Error::NotAKeystore { .. } => Some(
                "rkeytool reads JKS, JCEKS, PKCS12, BKS, UBER, BCFKS and PEM keystores; is this the right file?",
            ),
            Error::Malformed { .. } => {
                Some("the file may be truncated or damaged; restore it from a backup")
            }
            Error::SecretKeyAlgorithm { store_type, .. } => match *store_type {
                "BCFKS" => Some(
                    "BouncyCastle names AES, DESede, HmacSHA*, SEED, Camellia and ARIA keys only",
                ),
                "PKCS12" => Some(
                    "PKCS12 names a secret key's algorithm by OID: use a name the JDK knows (AES, DESede, HmacSHA256...) or a dotted OID",
                ),
                "JCEKS" => Some("JCEKS names a secret key's algorithm in printable ASCII"),
                _ => None,
            },
            Error::KeyPasswordNotAscii { .. } => {
                Some("give the key a password of its own in printable ASCII with -keypass")
            }
            Error::PasswordNeeded { .. } => {
                Some("give it with -storepass (or -storepass:env / -storepass:file)")
            }
            Error::Pem {
                problem: PemProblem::LegacyEncryptedKey,
            } => Some("convert the key with: openssl pkcs8 -topk8 -in KEY -out KEY.p8"),
            Error::Pem {
                problem: PemProblem::SecondKey { .. },
            } => Some("import one alias with -srcalias"),
            Error::OpaqueSecret { .. } => {
                Some("the entry holds raw bytes without an algorithm; keep it in its BKS keystore")
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

/// A fault of the command line or of a command, found by the CLI rather
/// than the library: each worded once here, with its hint beside it.
#[derive(Debug)]
pub enum Fault {
    /// `-completions` for a shell rkeytool does not write for.
    IllegalCompletions(String),
    /// `-keytoolversion` last, without its value.
    GenerationNeedsValue(String),
    /// `-keytoolversion` with a generation rkeytool does not follow.
    IllegalGeneration(String),
    /// `RKEYTOOL_KEYTOOL_VERSION` with a generation rkeytool does not follow.
    IllegalGenerationEnv(String),
    /// Standard output could not be written.
    Output(std::io::Error),
    /// `-keystore` or `-storetype` with `-cacerts`.
    KeystoreAndCacerts,
    /// No `-keystore` (or `-destkeystore`, the option named) and no HOME for `~/.keystore`.
    NoHome(&'static str),
    /// A store type rkeytool does not know, given with the option named.
    StoreTypeNotFound {
        /// The type as given.
        given: String,
        /// `storetype`, `srcstoretype`, `deststoretype`.
        option: &'static str,
    },
    /// `-macalg` other than HmacPBESHA256 or PBMAC1.
    MacalgNotSupported(String),
    /// `-macalg PBMAC1` with legacy protection.
    Pbmac1AndLegacy,
    /// A command that would change a PEM keystore.
    PemUnchanged(std::path::PathBuf),
    /// No cacerts file found.
    NoCacerts,
    /// A line of standard input that is not UTF-8.
    StdinNotUtf8,
    /// The terminal could not be read.
    TerminalRead(std::io::Error),
    /// keytool's answer after too many wrong answers to a question.
    TooManyRetries,
    /// keytool's answer after too many mismatched passwords.
    TooManyFailures,
    /// keytool's answer after too many mismatched key passwords.
    KeyNotAdded,
    /// `-<option>:env VAR` with VAR unset.
    EnvVarMissing {
        /// The variable.
        var: String,
        /// The password option.
        option: &'static str,
    },
    /// `-<option>:file F` that cannot be read.
    PasswordFile {
        /// Why (names the file).
        error: rkeytool::Error,
        /// The password option.
        option: &'static str,
    },
    /// `-<option>:file F` whose first line is not UTF-8.
    PasswordFileNotUtf8 {
        /// The file.
        path: String,
        /// The password option.
        option: &'static str,
    },
    /// A password needed, not given, and standard input empty.
    PasswordMissing {
        /// What password ("keystore password").
        what: String,
        /// The option that gives it.
        option: &'static str,
    },
    /// No alias given and none answered (`-delete`; `-changealias`'s destination).
    AliasNotGiven {
        /// True for `-changealias`'s destination alias.
        destination: bool,
    },
    /// `-genkeypair` or `-genseckey` without `-keyalg` (with an example for key pairs).
    KeyalgMissing {
        /// True for `-genkeypair`, which gets an example.
        key_pair: bool,
    },
    /// An X25519 or X448 key cannot sign its own certificate.
    XdhCannotSign,
    /// `-groupname` with `-keysize`.
    GroupnameAndKeysize,
    /// `-groupname` that does not fit `-keyalg`.
    GroupnameMismatch {
        /// The group as given.
        group: String,
        /// The key algorithm's name.
        keyalg: &'static str,
    },
    /// No `-dname` and no answers on standard input.
    NoDname,
    /// `-importpass` of an empty password.
    EmptyPasswordToStore,
    /// A certificate reply without certificates.
    ReplyHasNoCertificates,
    /// `-importcert` input that is no certificate.
    NotX509,
    /// A question declined by an empty standard input (`-importcert`).
    ConfirmationNeeded(String),
    /// `-importbundle` with both `-file` and `-sslserver`.
    BundleFileAndServer,
    /// `-importbundle` with neither.
    BundleNeedsFile,
    /// A bundle without certificates.
    NoCertificateIn(std::path::PathBuf),
    /// A TLS server that presented only its own certificate.
    OnlyServerCertificate(String),
    /// `-importbundle`'s question declined by an empty standard input.
    BundleConfirmationNeeded,
    /// `-importkey` without `-keyfile`.
    ImportkeyNeedsKeyfile,
    /// No certificate for the key in a key file.
    NoCertificateForKey(std::path::PathBuf),
    /// A key file whose password is wrong.
    KeyfileWrongPassword(std::path::PathBuf),
    /// A key and certificates that do not belong together (`-importkey`).
    KeyMismatch {
        /// The subject of the bottom certificate.
        subject: String,
        /// Where the certificates came from.
        certs: std::path::PathBuf,
        /// The key file.
        key: std::path::PathBuf,
    },
    /// A PKCS12 key with a password of its own blocks `-storepasswd`.
    KeyHasOwnPassword(String),
    /// `-exportpass` of a secret key that is no stored password.
    NotAStoredPassword {
        /// The alias.
        alias: String,
        /// The key's algorithm.
        algorithm: String,
    },
    /// Input that is neither a certificate nor a request (named).
    FailedToParse(String),
    /// A certificate request whose signature does not verify.
    InvalidRequestSignature,
    /// `-gencert` input without a request.
    NoRequestFound(String),
    /// `-exportkey` without `-file`.
    ExportkeyNeedsFile,
    /// `-nocrypt` with `-keyfilepass`.
    NocryptAndKeyfilepass,
    /// A secret key exported encrypted.
    SecretKeyNeedsNocrypt(String),
    /// `-exportkey` of a stored password.
    UseExportpass(String),
    /// `-exportkey`'s file exists.
    ExportFileExists(std::path::PathBuf),
    /// No certificate from a TLS server (with why, when known).
    NoServerCertificate(Option<String>),
    /// `-keypasswd` on PKCS12.
    KeypasswdPkcs12,
    /// `-importkeystore` without `-srckeystore`.
    SrckeystoreMissing,
    /// `-destalias` without `-srcalias`.
    DestaliasWithoutAlias,
    /// An existing destination entry, not overwritten for want of an answer.
    ExistingEntryNotOverwritten {
        /// The alias.
        alias: String,
        /// The destination keystore.
        dest: String,
    },
    /// A key entry whose chain does not match its key.
    ChainNotValid(String),
    /// `-importkeystore` in place could not back up the source.
    BackupFailed {
        /// The source.
        src: String,
        /// The backup's name.
        backup: String,
        /// Why.
        error: std::io::Error,
    },
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::cli::generation::OPTION;
        use rkeytool::generation::ENV_VAR;
        match self {
            Fault::IllegalCompletions(s) => write!(f, "Illegal -completions value: {s}"),
            Fault::GenerationNeedsValue(a) => write!(f, "Command option {a} needs an argument."),
            Fault::IllegalGeneration(v) => write!(f, "Illegal -{OPTION} value: {v}"),
            Fault::IllegalGenerationEnv(v) => write!(f, "Illegal {ENV_VAR} value: {v}"),
            Fault::Output(e) => write!(f, "cannot write output: {e}"),
            Fault::KeystoreAndCacerts => {
                f.write_str("The -keystore or -storetype option cannot be used with the -cacerts option")
            }
            Fault::NoHome(o) => write!(f, "no -{o} given and HOME is not set"),
            Fault::StoreTypeNotFound { given, .. } => write!(f, "{given} not found"),
            Fault::MacalgNotSupported(m) => write!(f, "{m} not supported for -macalg"),
            Fault::Pbmac1AndLegacy => {
                f.write_str("-macalg PBMAC1 and legacy PKCS12 protection cannot be combined")
            }
            Fault::PemUnchanged(p) => write!(
                f,
                "{}: rkeytool does not change PEM keystores; nothing was written",
                p.display()
            ),
            Fault::NoCacerts => f.write_str("cannot find the JDK's cacerts"),
            Fault::StdinNotUtf8 => f.write_str("standard input: a line is not valid UTF-8"),
            Fault::TerminalRead(e) => write!(f, "cannot read password from terminal: {e}"),
            Fault::TooManyRetries => f.write_str("Too many retries, program terminated"),
            Fault::TooManyFailures => f.write_str("Too many failures - try later"),
            Fault::KeyNotAdded => f.write_str("Too many failures - key not added to keystore"),
            Fault::EnvVarMissing { var, option } => write!(
                f,
                "Cannot find environment variable: {var} (given with -{option}:env)"
            ),
            Fault::PasswordFile { error, option } => {
                write!(f, "{error} (given with -{option}:file)")
            }
            Fault::PasswordFileNotUtf8 { path, option } => write!(
                f,
                "{path}: stream did not contain valid UTF-8 (given with -{option}:file)"
            ),
            Fault::PasswordMissing { what, .. } => {
                write!(f, "no {what} given and standard input is empty")
            }
            Fault::AliasNotGiven { destination: false } => f.write_str("Must specify alias"),
            Fault::AliasNotGiven { destination: true } => {
                f.write_str("Must specify destination alias")
            }
            Fault::KeyalgMissing { .. } => f.write_str("The -keyalg option must be specified."),
            Fault::XdhCannotSign => f.write_str("Cannot derive signature algorithm from XDH"),
            Fault::GroupnameAndKeysize => f.write_str("Cannot specify both -groupname and -keysize"),
            Fault::GroupnameMismatch { group, keyalg } => {
                write!(f, "-groupname {group} cannot be used with -keyalg {keyalg}")
            }
            Fault::NoDname => f.write_str("no -dname given and standard input is empty"),
            Fault::EmptyPasswordToStore => {
                f.write_str("The password to be stored is empty; nothing was stored")
            }
            Fault::ReplyHasNoCertificates => f.write_str("Reply has no certificates"),
            Fault::NotX509 => f.write_str("Input not an X.509 certificate"),
            Fault::ConfirmationNeeded(what) => write!(
                f,
                "{what}: confirmation needed and standard input is empty"
            ),
            Fault::BundleFileAndServer => {
                f.write_str("-importbundle takes -file or -sslserver, not both")
            }
            Fault::BundleNeedsFile => f.write_str("-importbundle needs -file <bundle>"),
            Fault::NoCertificateIn(p) => write!(f, "no certificate found in {}", p.display()),
            Fault::OnlyServerCertificate(s) => {
                write!(f, "{s} presented no CA certificate, only its own")
            }
            Fault::BundleConfirmationNeeded => f.write_str(
                "Certificates were not added to keystore: confirmation needed and standard input is empty",
            ),
            Fault::ImportkeyNeedsKeyfile => f.write_str("-importkey needs -keyfile <file>"),
            Fault::NoCertificateForKey(p) => {
                write!(f, "No certificate for the key in {}", p.display())
            }
            Fault::KeyfileWrongPassword(p) => {
                write!(f, "Cannot decrypt {}: wrong password", p.display())
            }
            Fault::KeyMismatch { subject, .. } => {
                write!(f, "Private key does not match the certificate {subject}")
            }
            Fault::KeyHasOwnPassword(a) => write!(
                f,
                "Cannot change the store password: the key of <{a}> has a password of its own"
            ),
            Fault::NotAStoredPassword { alias, algorithm } => {
                write!(f, "<{alias}> is a {algorithm} key, not a stored password")
            }
            Fault::FailedToParse(name) => write!(f, "Failed to parse input: {name}"),
            Fault::InvalidRequestSignature => f.write_str("Invalid PKCS #10 signature"),
            Fault::NoRequestFound(s) => write!(f, "{s}: no certificate request found"),
            Fault::ExportkeyNeedsFile => f.write_str("-exportkey needs -file <file>"),
            Fault::NocryptAndKeyfilepass => {
                f.write_str("-nocrypt and -keyfilepass cannot be used together")
            }
            Fault::SecretKeyNeedsNocrypt(a) => write!(
                f,
                "<{a}> is a secret key: it can only be exported in the clear, with -nocrypt"
            ),
            Fault::UseExportpass(a) => write!(f, "<{a}> is a stored password: use -exportpass"),
            Fault::ExportFileExists(p) => {
                write!(f, "{} exists; refusing to overwrite it", p.display())
            }
            Fault::NoServerCertificate(None) => f.write_str("No certificate from the SSL server"),
            Fault::NoServerCertificate(Some(e)) => {
                write!(f, "No certificate from the SSL server: {e}")
            }
            Fault::KeypasswdPkcs12 => {
                f.write_str("-keypasswd commands not supported if -storetype is PKCS12")
            }
            Fault::SrckeystoreMissing => f.write_str("Please specify -srckeystore"),
            Fault::DestaliasWithoutAlias => f.write_str(
                "if alias not specified, destalias and srckeypass must not be specified",
            ),
            Fault::ExistingEntryNotOverwritten { alias, dest } => write!(
                f,
                "Existing entry alias {alias} exists in {dest}; not overwritten: confirmation needed and standard input is empty"
            ),
            Fault::ChainNotValid(a) => write!(
                f,
                "Problem importing entry for alias {a}: java.security.KeyStoreException: Certificate chain is not valid; nothing was written"
            ),
            Fault::BackupFailed { src, backup, error } => {
                write!(f, "cannot back up {src} as {backup}: {error}")
            }
        }
    }
}

impl Fault {
    /// What to do about it, where we can say.
    pub fn hint(&self) -> Option<String> {
        let generation = || Some("rkeytool follows keytool 17, 21 or 25 (the default)".into());
        match self {
            Fault::IllegalCompletions(_) => Some(format!(
                "rkeytool -completions {}",
                crate::cli::shell::SHELLS
            )),
            Fault::GenerationNeedsValue(_)
            | Fault::IllegalGeneration(_)
            | Fault::IllegalGenerationEnv(_) => generation(),
            Fault::StoreTypeNotFound { option, .. } => Some(format!(
                "rkeytool supports -{option} PKCS12, JKS, JCEKS, BKS, UBER, BCFKS and PEM"
            )),
            Fault::MacalgNotSupported(_) => {
                Some("rkeytool writes -macalg HmacPBESHA256 (the default) or PBMAC1".into())
            }
            Fault::PemUnchanged(_) => Some(
                "convert it first: rkeytool -importkeystore -srckeystore FILE -srcstoretype PEM -destkeystore KS.p12".into(),
            ),
            Fault::NoCacerts => Some("set JAVA_HOME, or install ca-certificates-java".into()),
            Fault::PasswordMissing { option, .. } => Some(format!(
                "give it with -{option}:env VAR, -{option}:file FILE or -{option} PASSWORD"
            )),
            Fault::KeyalgMissing { key_pair: true } => {
                Some("for example: -keyalg RSA -keysize 2048".into())
            }
            Fault::XdhCannotSign => Some(
                "an X25519 or X448 key cannot sign its own certificate: give -signer ALIAS, an entry whose key signs it".into(),
            ),
            Fault::GroupnameMismatch { .. } => {
                Some("-groupname names an EC curve: secp256r1, secp384r1 or secp521r1".into())
            }
            Fault::NoDname => Some(
                "give the name, e.g. -dname \"CN=app.example.com, OU=IT, O=Example, L=Paris, C=FR\"".into(),
            ),
            Fault::ConfirmationNeeded(_) => Some(
                "add -noprompt to import it without asking, or answer yes on standard input".into(),
            ),
            Fault::BundleNeedsFile => Some(
                "a PEM bundle such as /etc/ssl/certs/ca-certificates.crt, a PKCS#7 file, a folder of certificates, or -sslserver host:port".into(),
            ),
            Fault::OnlyServerCertificate(_) => Some(
                "ask the server's operator for its CA certificate and import it with -importcert".into(),
            ),
            Fault::BundleConfirmationNeeded => Some(
                "check the fingerprints, then add -noprompt or answer yes on standard input".into(),
            ),
            Fault::ImportkeyNeedsKeyfile => Some(
                "e.g. rkeytool -importkey -alias KeyName -keyfile KeyName.pem -file chain.pem -keystore KeyStoreName.p12".into(),
            ),
            Fault::KeyfileWrongPassword(_) => {
                Some("check -keyfilepass (or -keyfilepass:env / -keyfilepass:file)".into())
            }
            Fault::KeyMismatch { certs, key, .. } => Some(format!(
                "{} does not hold the certificate of the key in {}",
                certs.display(),
                key.display()
            )),
            Fault::KeyHasOwnPassword(_) => Some(
                "every PKCS12 key takes the new store password; keytool refuses this store too"
                    .into(),
            ),
            Fault::NotAStoredPassword { .. } => {
                Some("-exportkey -nocrypt writes a secret key's bytes".into())
            }
            Fault::NoCertificateForKey(_) => {
                Some("give the certificate chain with -file CERTS (PEM, DER or PKCS#7)".into())
            }
            Fault::SecretKeyNeedsNocrypt(_) => Some(
                "-exportkey -nocrypt writes its raw bytes (hex with -rfc) to a new file, mode 0600"
                    .into(),
            ),
            Fault::ExportkeyNeedsFile => {
                Some("the key is written to a new file, created mode 0600".into())
            }
            Fault::ExportFileExists(_) => {
                Some("choose another -file, or remove the old file first".into())
            }
            Fault::ExistingEntryNotOverwritten { .. } => Some(
                "add -noprompt to overwrite it, or import it alone with -srcalias and -destalias"
                    .into(),
            ),
            _ => None,
        }
    }
}

impl From<Fault> for CliError {
    fn from(fault: Fault) -> Self {
        if let Fault::Output(e) = &fault
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            return CliError::broken_pipe();
        }
        CliError {
            kind: Kind::Failure,
            message: fault.to_string(),
            hint: fault.hint(),
        }
    }
}

/// keytool's words for a command-line mistake.
impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsageError::IllegalOption(o) => write!(f, "Illegal option:  {o}"),
            UsageError::NoCommand => f.write_str("no command given"),
            UsageError::TwoCommands(c) => write!(f, "Only one command is allowed: {c}"),
            UsageError::MissingValue(o) => write!(f, "Command option {o} needs an argument."),
            UsageError::Unsupported(o) => write!(f, "{o} is not supported by rkeytool"),
            UsageError::Conf(m) => f.write_str(m),
        }
    }
}

impl From<UsageError> for CliError {
    fn from(e: UsageError) -> Self {
        let hint = match &e {
            UsageError::NoCommand => "try: rkeytool -help",
            _ => "see: rkeytool -help, or rkeytool -<command> -help",
        };
        CliError {
            kind: Kind::Failure,
            message: e.to_string(),
            hint: Some(hint.to_string()),
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
        | rkeytool::StoreType::Uber
        | rkeytool::StoreType::Bcfks => "Keystore was tampered with, or password was incorrect",
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
    /// `-genkeypair`: "Key pair not generated, alias <x> already exists".
    KeyPair,
    /// `-importkey`: "Key not imported, alias <x> already exists".
    Key,
}

/// An alias already taken: keytool's refusal, nothing written.
pub fn alias_taken(alias: &str, what: NotMade) -> CliError {
    CliError::new(match what {
        NotMade::Certificate => format!("Certificate not imported, alias <{alias}> already exists"),
        NotMade::SecretKey => format!("Secret Key not generated, alias <{alias}> already exists"),
        NotMade::DestinationAlias => format!("Destination alias <{alias}> already exists"),
        NotMade::KeyPair => format!("Key pair not generated, alias <{alias}> already exists"),
        NotMade::Key => format!("Key not imported, alias <{alias}> already exists"),
    })
}

/// The key password did not open the key (the library's
/// [`Error::CannotRecoverKey`]), with what to try instead.
pub fn cannot_recover_key(alias: &str, tried: KeyPasswordTried) -> CliError {
    let hint = match tried {
        KeyPasswordTried::Given => "check -keypass".to_string(),
        KeyPasswordTried::NotGiven => {
            "the entry has a password of its own; give it with -keypass".to_string()
        }
        KeyPasswordTried::Asked(option) => format!("give the entry's key password with -{option}"),
        KeyPasswordTried::StorePassword(option) => {
            format!("the key password differs from the store password; give it with -{option}")
        }
    };
    CliError::from(Error::CannotRecoverKey {
        alias: alias.to_string(),
    })
    .hint(hint)
}

/// Which key passwords failed, for [`cannot_recover_key`]'s hint.
#[derive(Debug, Clone, Copy)]
pub enum KeyPasswordTried {
    /// `-keypass`, given, did not open the key.
    Given,
    /// No `-keypass`, and the store password did not open it.
    NotGiven,
    /// The password answered did not open it (the option that gives it).
    Asked(&'static str),
    /// The store password did not, and nothing was answered (the option that gives it).
    StorePassword(&'static str),
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
    /// A key's own password (`-keypass` with JKS).
    Key,
    /// The password of a key file `-exportkey` writes.
    ExportedKey,
}

/// keytool's refusal of a password under 6 characters.
pub fn password_too_short(which: ShortPassword) -> CliError {
    CliError::new(match which {
        ShortPassword::Keystore => "Keystore password must be at least 6 characters",
        ShortPassword::New => "New password must be at least 6 characters",
        ShortPassword::Key => "Key password must be at least 6 characters",
        ShortPassword::ExportedKey => "Password for the exported key must be at least 6 characters",
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
    CliError::new(format!("Illegal use of {word}")).hint(format!(
        "rkeytool -completions {}, or rkeytool -manpage",
        super::shell::SHELLS
    ))
}

/// What `-exportkey` asks for when `-keyfilepass` is not given.
pub const EXPORTED_KEY_PASSWORD: &str = "password for the exported key";

/// `-exportkey` without a password for the key file and nowhere to ask:
/// the password's own error, with `-nocrypt` offered.
pub fn exported_key_password_missing(e: CliError) -> CliError {
    let missing = Fault::PasswordMissing {
        what: EXPORTED_KEY_PASSWORD.to_string(),
        option: "keyfilepass",
    };
    if e.message == missing.to_string() {
        e.hint("give it with -keyfilepass:env VAR, -keyfilepass:file FILE or -keyfilepass PASSWORD, or write the key unencrypted with -nocrypt")
    } else {
        e
    }
}

/// The result type of the command layer.
pub type CliResult<T> = Result<T, CliError>;
