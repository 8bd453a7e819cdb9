//! Typed arguments shared by the commands (ripgrep's "high args"): each
//! command file builds its own `Args` from the parse ([`Parsed`], the "low
//! args") with these groups, and nothing after that looks an option up by name.

use super::options::{Opt, Parsed, PasswordArg};

/// The keystore a command opens: `-keystore` (or `-destkeystore`),
/// `-cacerts`, `-storepass` (or `-deststorepass`), `-storetype`, `-v`.
#[derive(Debug, Clone, Copy)]
pub struct StoreArgs<'a> {
    /// `-keystore`, else keytool's `~/.keystore`.
    pub keystore: Option<&'a str>,
    /// `-cacerts`: the JDK's cacerts.
    pub cacerts: bool,
    /// `-storepass` in any of its forms.
    pub storepass: Option<&'a PasswordArg>,
    /// `-storetype`, as given.
    pub storetype: Option<&'a str>,
    /// `-v`.
    pub verbose: bool,
}

impl<'a> StoreArgs<'a> {
    /// The keystore options of a parse.
    pub fn new(p: &'a Parsed) -> Self {
        StoreArgs {
            keystore: p.value(Opt::Keystore),
            cacerts: p.flag(Opt::Cacerts),
            storepass: p.password(Opt::Storepass),
            storetype: p.value(Opt::Storetype),
            verbose: p.flag(Opt::V),
        }
    }
}

/// How a PKCS12 keystore is written: `-legacy` or
/// `-J-Dkeystore.pkcs12.legacy`, and `-macalg`.
#[derive(Debug, Clone, Copy)]
pub struct WriteArgs<'a> {
    /// Legacy algorithms (3DES, HMAC-SHA1).
    pub legacy: bool,
    /// `-macalg`, as given (checked when the store is written).
    pub macalg: Option<&'a str>,
}

impl<'a> WriteArgs<'a> {
    /// The writing options of a parse.
    pub fn new(p: &'a Parsed) -> Self {
        let legacy = p.flag(Opt::Legacy)
            || p.java_options.iter().any(|j| {
                j == "-Dkeystore.pkcs12.legacy" || j.starts_with("-Dkeystore.pkcs12.legacy=")
            });
        WriteArgs {
            legacy,
            macalg: p.value(Opt::Macalg),
        }
    }
}
