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
    /// A password-based algorithm rkeytool does not implement ([`crate::crypto`]),
    /// or a key or signature algorithm it does not know, named as the file
    /// (or the command line) names it.
    UnsupportedAlgorithm {
        /// The format or structure that asked for it, e.g. "PKCS#12" or "private key";
        /// "key" and "signature" for key and signature algorithms.
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
    /// A certificate reply whose certificates do not hold the public key of
    /// the key entry it is for: keytool's "Public keys in reply and
    /// keystore don't match".
    KeyMismatch {
        /// Alias of the key entry.
        alias: String,
        /// How many certificates the reply held.
        certificates: usize,
    },
    /// A certificate reply that holds the key's certificate but cannot be
    /// installed.
    UnusableReply {
        /// Alias of the key entry.
        alias: String,
        /// What is wrong with it.
        problem: ReplyProblem,
    },
    /// A certificate chain in which a certificate is not issued and signed
    /// by the next one, or a self-signed root whose signature fails.
    ChainNotValid,
    /// Input read for certificates held none.
    NoCertificate,
    /// The entry exists but is not of the kind the operation needs (a
    /// trusted certificate where a private key was wanted...).
    WrongEntryKind {
        /// Alias of the entry.
        alias: String,
        /// What the operation needs.
        wanted: EntryKind,
    },
    /// A key kept encrypted as read from another format cannot be written
    /// to this one before it is decrypted ([`crate::KeyStore`]'s recover
    /// step was skipped).
    KeyNotRecovered {
        /// Alias of the entry.
        alias: String,
        /// keytool's name of the format being written, e.g. "PKCS12".
        store_type: &'static str,
        /// What the entry holds.
        kind: EntryKind,
    },
    /// A format cannot hold a secret key of this algorithm (BCFKS names
    /// only the algorithms BouncyCastle knows; JCEKS needs a printable
    /// name; PKCS12 a name the JDK maps to an OID, or an OID).
    SecretKeyAlgorithm {
        /// Alias of the entry, when known.
        alias: Option<String>,
        /// keytool's name of the format.
        store_type: &'static str,
        /// The key's algorithm as stored.
        algorithm: String,
    },
    /// A keystore whose aliases compare equal ignoring case, which the
    /// model (as keytool) cannot keep apart.
    AliasesDifferInCase {
        /// keytool's name of the format.
        store_type: &'static str,
        /// The alias read first.
        first: String,
        /// The alias read second.
        second: String,
    },
    /// A private key entry without its certificate chain, which the format
    /// must write.
    NoChain {
        /// Alias of the entry.
        alias: String,
    },
    /// A BKS or UBER secret entry of raw bytes with no algorithm: it cannot
    /// be given to anything that needs a key.
    OpaqueSecret {
        /// Alias of the entry.
        alias: String,
    },
    /// Something a format allows, or a writer made, that rkeytool does not
    /// implement (not an algorithm: those are [`Error::UnsupportedAlgorithm`]).
    UnsupportedFeature {
        /// keytool's name of the format, e.g. "PKCS12" or "BCFKS"; "key" for
        /// key parameters (explicit EC parameters...), printed bare.
        format: &'static str,
        /// What the file uses, named as the file names it.
        feature: String,
    },
    /// scrypt parameters that ask for more memory than rkeytool spends on
    /// one key derivation: refused before any work is done.
    ScryptLimit {
        /// The format being decoded.
        format: &'static str,
        /// The cost parameter N.
        n: u64,
        /// The block size r.
        r: u32,
        /// The most memory rkeytool spends, in bytes.
        max_bytes: u64,
    },
    /// A value too long for the field a format writes it in.
    TooLong {
        /// The format being written.
        format: &'static str,
        /// What is too long, e.g. "alias".
        what: &'static str,
        /// Its length, in bytes.
        len: u64,
        /// The most the field holds.
        max: u64,
    },
    /// More items in one input than rkeytool reads.
    TooMany {
        /// What there are too many of, e.g. "PEM blocks in a keystore".
        what: &'static str,
        /// The cap.
        max: u64,
    },
    /// The store password is needed and was not given: to read a keystore
    /// that is encrypted whole (UBER, BCFKS), or to write one whose
    /// integrity check is keyed by it.
    PasswordNeeded {
        /// keytool's name of the format.
        store_type: &'static str,
        /// True when reading, false when writing.
        reading: bool,
    },
    /// A PEM keystore (file or Kubernetes TLS folder) that cannot be read or
    /// written as it is.
    Pem {
        /// What is wrong.
        problem: PemProblem,
    },
    /// A command-line value the library parses that it cannot take
    /// (`-id`, `-sslserver`, `-startdate`...).
    InvalidValue {
        /// The option, without its dash: "id", "sslserver", "startdate".
        option: &'static str,
        /// The value as given.
        value: String,
        /// Why, where the JDK says more than "illegal".
        reason: Option<String>,
    },
    /// A distinguished name or extension that does not parse, with the
    /// JDK's own message (keytool prints it as it is).
    Syntax {
        /// The option it came from, without its dash: "dname", "ext".
        option: &'static str,
        /// The JDK parser's message, e.g. `Invalid keyword "FOO"`.
        message: String,
    },
    /// An algorithm the JDK's providers have no generator (or factory) for.
    NoSuchAlgorithm {
        /// The algorithm as given.
        algorithm: String,
        /// The JDK service asked, e.g. "KeyGenerator" or "KeyPairGenerator".
        service: &'static str,
    },
    /// A key generation that needs a key size and got none.
    KeySizeNeeded {
        /// The algorithm.
        algorithm: String,
    },
    /// A key size the algorithm does not take.
    InvalidKeySize {
        /// The algorithm.
        algorithm: String,
        /// The size asked for, in bits.
        bits: u32,
        /// The sizes it takes.
        allowed: KeySizes,
    },
    /// A JCEKS key password outside printable ASCII: the JDK's PBE key
    /// refuses it, so the JDK could not read the key back.
    KeyPasswordNotAscii {
        /// Alias of the entry, when known.
        alias: Option<String>,
    },
    /// A password to be stored as a PBE secret key (`-importpass`) outside
    /// printable ASCII, which the JDK's `PBEKey` refuses.
    PasswordKeyNotAscii,
    /// A date a certificate or keystore cannot carry.
    DateOutOfRange {
        /// Seconds since 1970-01-01 UTC.
        unix_seconds: i64,
    },
    /// A certificate whose issuer name is empty, which the JDK refuses to read.
    EmptyIssuer,
    /// A cryptographic primitive refused its input (a key or IV of the wrong
    /// size, a signature that could not be made): a fault of rkeytool's, not
    /// of the file.
    CryptoFailed {
        /// What was being done, e.g. "HMAC key" or "PBES2 encryption".
        operation: &'static str,
    },
    /// A key file holds no private key.
    NoPrivateKey,
    /// A file given as a private key is none of the key forms rkeytool reads
    /// (PEM, or DER PKCS#8, PKCS#1 or SEC1).
    NotAPrivateKey,
    /// An encrypted private key was read without a password.
    KeyPasswordNeeded,
    /// A signature that does not verify with the key it was checked against.
    SignatureInvalid,
    /// A signature algorithm that does not go with the key.
    SignatureAlgorithmMismatch {
        /// The signature algorithm, e.g. "SHA256withRSA".
        algorithm: String,
        /// The key's algorithm, e.g. "EC".
        key: &'static str,
        /// The algorithms the key can sign with, when signing (keytool's
        /// wording); None when verifying.
        usable: Option<&'static str>,
    },
    /// A key pair size the algorithm's generator refuses (keytool's
    /// KeyPairGenerator wording, unlike [`Error::InvalidKeySize`]'s
    /// KeyGenerator wording).
    InvalidKeyPairSize {
        /// The algorithm, e.g. "RSA".
        algorithm: &'static str,
        /// The size asked for, in bits.
        bits: u32,
        /// What sizes it takes, when it says.
        hint: Option<&'static str>,
    },
    /// DSA prime and subprime sizes the JDK's generator refuses.
    InvalidDsaSizes {
        /// The size of p asked for, in bits.
        p_bits: u32,
        /// The size of q it goes with; None when p's size is out of range.
        q_bits: Option<u32>,
    },
    /// A key that cannot sign (XDH), asked for a signature algorithm.
    CannotSign {
        /// The key's algorithm, e.g. "XDH".
        algorithm: &'static str,
    },
    /// An elliptic curve name rkeytool does not make keys on.
    UnknownCurve {
        /// The name as given.
        name: String,
        /// True when it is a curve the JDK knows but rkeytool does not make.
        known_elsewhere: bool,
    },
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

/// Why a certificate reply that holds the key's certificate cannot be installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplyProblem {
    /// The reply holds no certificate.
    Empty,
    /// The reply is the one certificate the entry holds already.
    SameAsStored,
    /// The reply's certificate does not lead to a trusted certificate.
    NoChain,
}

/// The key sizes an algorithm takes, for [`Error::InvalidKeySize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySizes {
    /// Exactly one of these, in bits.
    OneOf(&'static [u32]),
    /// Any size in this range, in bits.
    Range {
        /// The least.
        min: u32,
        /// The most.
        max: u32,
    },
}

impl fmt::Display for KeySizes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySizes::OneOf(sizes) => {
                for (i, s) in sizes.iter().enumerate() {
                    match i {
                        0 => {}
                        _ if i + 1 == sizes.len() => f.write_str(" or ")?,
                        _ => f.write_str(", ")?,
                    }
                    write!(f, "{s}")?;
                }
                Ok(())
            }
            KeySizes::Range { min, max } => write!(f, "{min} to {max}"),
        }
    }
}

/// What is wrong with a PEM keystore.
#[derive(Debug)]
#[non_exhaustive]
pub enum PemProblem {
    /// A folder with no PEM file in it.
    NoFile,
    /// A key encrypted the legacy OpenSSL way (`Proc-Type: 4,ENCRYPTED`).
    LegacyEncryptedKey,
    /// Several private keys, some encrypted: their certificates cannot be
    /// matched before the keys are decrypted.
    SeveralKeysSomeEncrypted,
    /// Neither a private key nor a certificate.
    Empty,
    /// The private key at this position (from 1) has no certificate.
    KeyWithoutCertificate {
        /// Position of the key among the keys, from 1.
        index: usize,
    },
    /// A Kubernetes TLS folder holds one private key; this would be a second.
    SecondKey {
        /// Alias of the second key entry.
        alias: String,
    },
    /// A Kubernetes TLS folder needs a private key entry, and there is none.
    NoKey,
    /// A file of a Kubernetes TLS folder exists; it is never overwritten.
    Exists {
        /// The file.
        path: PathBuf,
    },
}

/// The kinds of entry a keystore holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A private key with its certificate chain.
    PrivateKey,
    /// A secret (symmetric) key.
    SecretKey,
    /// A trusted certificate.
    TrustedCert,
}

impl EntryKind {
    /// What it is, for people: "private key".
    pub fn describe(self) -> &'static str {
        match self {
            EntryKind::PrivateKey => "private key",
            EntryKind::SecretKey => "secret key",
            EntryKind::TrustedCert => "trusted certificate",
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

    /// Names `alias` in an error about one entry that was made without
    /// knowing which entry it was for.
    pub fn for_alias(self, alias: &str) -> Self {
        match self {
            Error::SecretKeyAlgorithm {
                alias: None,
                store_type,
                algorithm,
            } => Error::SecretKeyAlgorithm {
                alias: Some(alias.to_string()),
                store_type,
                algorithm,
            },
            Error::KeyPasswordNotAscii { alias: None } => Error::KeyPasswordNotAscii {
                alias: Some(alias.to_string()),
            },
            other => other,
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
            Error::KeyMismatch { alias, .. } => {
                write!(
                    f,
                    "certificate reply holds no certificate for the key of <{alias}>"
                )
            }
            Error::UnusableReply { alias, problem } => {
                let why = match problem {
                    ReplyProblem::Empty => "holds no certificate",
                    ReplyProblem::SameAsStored => "is the certificate the entry holds",
                    ReplyProblem::NoChain => "does not chain to a trusted certificate",
                };
                write!(f, "certificate reply for <{alias}> {why}")
            }
            Error::ChainNotValid => f.write_str("certificate chain is not valid"),
            Error::NoCertificate => f.write_str("no certificate found in the input"),
            Error::WrongEntryKind { alias, wanted } => {
                write!(f, "<{alias}> is not a {} entry", wanted.describe())
            }
            Error::KeyNotRecovered {
                alias,
                store_type,
                kind,
            } => write!(
                f,
                "the {} of <{alias}> must be decrypted before it is written as {store_type}",
                kind.describe()
            ),
            Error::SecretKeyAlgorithm {
                alias,
                store_type,
                algorithm,
            } => {
                write!(f, "{store_type} cannot hold secret key")?;
                if let Some(alias) = alias {
                    write!(f, " <{alias}>")?;
                }
                write!(f, " of algorithm {algorithm}")
            }
            Error::AliasesDifferInCase {
                store_type,
                first,
                second,
            } => write!(
                f,
                "{store_type} aliases <{first}> and <{second}> differ only in case"
            ),
            Error::NoChain { alias } => {
                write!(f, "private key <{alias}> has no certificate chain")
            }
            Error::OpaqueSecret { alias } => write!(
                f,
                "entry <{alias}> holds opaque BKS secret bytes with no key algorithm"
            ),
            Error::UnsupportedFeature { format, feature } => {
                write!(f, "{format}: unsupported {feature}")
            }
            Error::ScryptLimit {
                format,
                n,
                r,
                max_bytes,
            } => write!(
                f,
                "{format}: scrypt with N={n}, r={r} needs more than {}",
                format_size(*max_bytes)
            ),
            Error::TooLong {
                format,
                what,
                len,
                max,
            } => write!(
                f,
                "{what} is too long for {format}: {len} bytes, at most {max}"
            ),
            Error::TooMany { what, max } => write!(f, "more than {max} {what}"),
            Error::PasswordNeeded {
                store_type,
                reading: true,
            } => write!(f, "reading {store_type} needs the store password"),
            Error::PasswordNeeded { store_type, .. } => {
                write!(f, "writing {store_type} needs a store password")
            }
            Error::Pem { problem } => match problem {
                PemProblem::NoFile => f.write_str("no PEM file in the folder"),
                PemProblem::LegacyEncryptedKey => {
                    f.write_str("legacy-encrypted PEM key (Proc-Type: 4,ENCRYPTED) in a keystore")
                }
                PemProblem::SeveralKeysSomeEncrypted => {
                    f.write_str("several private keys, some encrypted, in one PEM keystore")
                }
                PemProblem::Empty => {
                    f.write_str("no private key or certificate in the PEM keystore")
                }
                PemProblem::KeyWithoutCertificate { index } => write!(
                    f,
                    "no certificate for private key {index} in the PEM keystore"
                ),
                PemProblem::SecondKey { alias } => write!(
                    f,
                    "a Kubernetes TLS folder holds one private key; <{alias}> would be a second"
                ),
                PemProblem::NoKey => {
                    f.write_str("a Kubernetes TLS folder needs a private key entry")
                }
                PemProblem::Exists { path } => write!(f, "{} exists", path.display()),
            },
            Error::InvalidValue {
                option,
                value,
                reason,
            } => {
                write!(f, "invalid -{option} value {value:?}")?;
                match reason {
                    Some(r) => write!(f, ": {r}"),
                    None => Ok(()),
                }
            }
            Error::Syntax { option, message } => write!(f, "-{option}: {message}"),
            Error::NoSuchAlgorithm { algorithm, service } => {
                write!(f, "no {service} for algorithm {algorithm}")
            }
            Error::KeySizeNeeded { algorithm } => {
                write!(f, "{algorithm} key generation needs a key size")
            }
            Error::InvalidKeySize {
                algorithm,
                bits,
                allowed,
            } => write!(
                f,
                "{algorithm} keys of {bits} bits: the size must be {allowed}"
            ),
            Error::KeyPasswordNotAscii { alias } => {
                f.write_str("JCEKS key password not printable ASCII")?;
                match alias {
                    Some(a) => write!(f, " for <{a}>"),
                    None => Ok(()),
                }
            }
            Error::PasswordKeyNotAscii => {
                f.write_str("a password stored as a key must be printable ASCII")
            }
            Error::DateOutOfRange { unix_seconds } => {
                write!(f, "date out of range: {unix_seconds} seconds since 1970")
            }
            Error::EmptyIssuer => f.write_str("certificate with an empty issuer name"),
            Error::CryptoFailed { operation } => {
                write!(f, "cryptographic operation failed: {operation}")
            }
            Error::NoPrivateKey => f.write_str("no private key found in the file"),
            Error::NotAPrivateKey => {
                f.write_str("not a private key: expected PEM, or DER PKCS#8, PKCS#1 or SEC1")
            }
            Error::KeyPasswordNeeded => {
                f.write_str("the key is encrypted and no password was given")
            }
            Error::SignatureInvalid => f.write_str("signature does not verify"),
            Error::SignatureAlgorithmMismatch {
                algorithm,
                key,
                usable,
            } => {
                let article = if *key == "DSA" { "a" } else { "an" };
                match usable {
                    Some(usable) => write!(
                        f,
                        "Signature algorithm {algorithm} cannot be used with {article} {key} key (use {usable})"
                    ),
                    None => write!(
                        f,
                        "signature algorithm {algorithm} does not go with {article} {key} key"
                    ),
                }
            }
            Error::InvalidKeyPairSize {
                algorithm,
                bits,
                hint,
            } => {
                write!(f, "Invalid key size: {bits} bits for {algorithm}")?;
                match hint {
                    Some(h) => write!(f, " ({h})"),
                    None => Ok(()),
                }
            }
            Error::InvalidDsaSizes {
                p_bits,
                q_bits: Some(q_bits),
            } => write!(
                f,
                "java.lang.IllegalArgumentException: Unsupported prime and subprime size combination: {p_bits}, {q_bits}"
            ),
            Error::InvalidDsaSizes { p_bits, .. } => write!(
                f,
                "java.lang.IllegalArgumentException: Invalid DSA Prime Size: {p_bits}"
            ),
            Error::CannotSign { algorithm } => {
                write!(f, "Cannot derive signature algorithm from {algorithm}")
            }
            Error::UnknownCurve {
                name,
                known_elsewhere: true,
            } => write!(
                f,
                "unsupported: curve {name}: use secp256r1, secp384r1 or secp521r1"
            ),
            Error::UnknownCurve { name, .. } => write!(
                f,
                "Unknown curve name: {name} (use secp256r1, secp384r1 or secp521r1)"
            ),
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
