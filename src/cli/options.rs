//! keytool's command line: one table of commands and options, a parser for
//! single-dash long options in any order, and usage text from the same table.

use std::collections::HashMap;

/// One option: its name (without the dash), its value's placeholder (None
/// for a flag), and its help text, worded as keytool's.
pub struct OptDef {
    /// Name without the leading dash, lower-case.
    pub name: &'static str,
    /// Placeholder for the value, or None for a flag.
    pub arg: Option<&'static str>,
    /// One-line help.
    pub help: &'static str,
}

/// Every option any command takes.
pub const OPTIONS: &[OptDef] = &[
    OptDef {
        name: "alias",
        arg: Some("<alias>"),
        help: "alias name of the entry to process",
    },
    OptDef {
        name: "keyalg",
        arg: Some("<alg>"),
        help: "key algorithm name",
    },
    OptDef {
        name: "keysize",
        arg: Some("<size>"),
        help: "key bit size",
    },
    OptDef {
        name: "groupname",
        arg: Some("<name>"),
        help: "Group name. For example, an Elliptic Curve name.",
    },
    OptDef {
        name: "sigalg",
        arg: Some("<alg>"),
        help: "signature algorithm name",
    },
    OptDef {
        name: "dname",
        arg: Some("<name>"),
        help: "distinguished name",
    },
    OptDef {
        name: "startdate",
        arg: Some("<date>"),
        help: "certificate validity start date/time",
    },
    OptDef {
        name: "ext",
        arg: Some("<value>"),
        help: "X.509 extension",
    },
    OptDef {
        name: "validity",
        arg: Some("<days>"),
        help: "validity number of days",
    },
    OptDef {
        name: "file",
        arg: Some("<file>"),
        help: "output file name",
    },
    OptDef {
        name: "keypass",
        arg: Some("<arg>"),
        help: "key password",
    },
    OptDef {
        name: "keystore",
        arg: Some("<keystore>"),
        help: "keystore name",
    },
    OptDef {
        name: "cacerts",
        arg: None,
        help: "access the cacerts keystore",
    },
    OptDef {
        name: "storepass",
        arg: Some("<arg>"),
        help: "keystore password",
    },
    OptDef {
        name: "storetype",
        arg: Some("<type>"),
        help: "keystore type",
    },
    OptDef {
        name: "providername",
        arg: Some("<name>"),
        help: "provider name (accepted and ignored)",
    },
    OptDef {
        name: "rfc",
        arg: None,
        help: "output in RFC style",
    },
    OptDef {
        name: "json",
        arg: None,
        help: "print one JSON document (rkeytool extension)",
    },
    OptDef {
        name: "warndays",
        arg: Some("<days>"),
        help: "warn about certificates expiring within this many days (default 30)",
    },
    OptDef {
        name: "noprompt",
        arg: None,
        help: "do not prompt",
    },
    OptDef {
        name: "trustcacerts",
        arg: None,
        help: "trust certificates from cacerts",
    },
    OptDef {
        name: "chain",
        arg: None,
        help: "export the whole certificate chain, leaf first",
    },
    OptDef {
        name: "infile",
        arg: Some("<file>"),
        help: "input file name",
    },
    OptDef {
        name: "outfile",
        arg: Some("<file>"),
        help: "output file name",
    },
    OptDef {
        name: "legacy",
        arg: None,
        help: "write PKCS12 with legacy algorithms (3DES, HMAC-SHA1)",
    },
    OptDef {
        name: "macalg",
        arg: Some("<alg>"),
        help: "MAC of a PKCS12 written: HmacPBESHA256 (default) or PBMAC1 (RFC 9579)",
    },
    OptDef {
        name: "v",
        arg: None,
        help: "verbose output",
    },
    // -importkeystore, -changealias, -storepasswd, -keypasswd
    OptDef {
        name: "srckeystore",
        arg: Some("<keystore>"),
        help: "source keystore name",
    },
    OptDef {
        name: "destkeystore",
        arg: Some("<keystore>"),
        help: "destination keystore name",
    },
    OptDef {
        name: "srcstoretype",
        arg: Some("<type>"),
        help: "source keystore type",
    },
    OptDef {
        name: "deststoretype",
        arg: Some("<type>"),
        help: "destination keystore type",
    },
    OptDef {
        name: "srcstorepass",
        arg: Some("<arg>"),
        help: "source keystore password",
    },
    OptDef {
        name: "deststorepass",
        arg: Some("<arg>"),
        help: "destination keystore password",
    },
    OptDef {
        name: "srcprovidername",
        arg: Some("<name>"),
        help: "source keystore provider name (accepted and ignored)",
    },
    OptDef {
        name: "destprovidername",
        arg: Some("<name>"),
        help: "destination keystore provider name (accepted and ignored)",
    },
    OptDef {
        name: "srcalias",
        arg: Some("<alias>"),
        help: "source alias",
    },
    OptDef {
        name: "destalias",
        arg: Some("<alias>"),
        help: "destination alias",
    },
    OptDef {
        name: "srckeypass",
        arg: Some("<arg>"),
        help: "source key password",
    },
    OptDef {
        name: "destkeypass",
        arg: Some("<arg>"),
        help: "destination key password",
    },
    OptDef {
        name: "new",
        arg: Some("<arg>"),
        help: "new password",
    },
    OptDef {
        name: "keyfile",
        arg: Some("<file>"),
        help: "private key file (PEM or DER: PKCS#8, PKCS#1, SEC1, encrypted or not)",
    },
    OptDef {
        name: "keyfilepass",
        arg: Some("<arg>"),
        help: "password of the private key file",
    },
    OptDef {
        name: "nocrypt",
        arg: None,
        help: "write the private key unencrypted",
    },
    OptDef {
        name: "aliasprefix",
        arg: Some("<prefix>"),
        help: "prefix for the aliases of imported certificates",
    },
    // keytool's options that rkeytool accepts for its scripts' sake.
    OptDef {
        name: "dest",
        arg: Some("<alias>"),
        help: "destination alias (legacy spelling of -destalias)",
    },
    OptDef {
        name: "provider",
        arg: Some("<class>"),
        help: "legacy spelling of -providerclass (accepted and ignored)",
    },
    OptDef {
        name: "addprovider",
        arg: Some("<name>"),
        help: "add security provider by name (accepted and ignored)",
    },
    OptDef {
        name: "providerclass",
        arg: Some("<class>"),
        help: "add security provider by fully-qualified class name (accepted and ignored)",
    },
    OptDef {
        name: "providerarg",
        arg: Some("<arg>"),
        help: "configure argument for -addprovider or -providerclass (accepted and ignored)",
    },
    OptDef {
        name: "providerpath",
        arg: Some("<list>"),
        help: "provider classpath (accepted and ignored)",
    },
    OptDef {
        name: "protected",
        arg: None,
        help: "password through protected mechanism (not supported)",
    },
    OptDef {
        name: "srcprotected",
        arg: None,
        help: "source keystore password protected (not supported)",
    },
    OptDef {
        name: "destprotected",
        arg: None,
        help: "destination keystore password protected (not supported)",
    },
    OptDef {
        name: "signer",
        arg: Some("<alias>"),
        help: "signer alias",
    },
    OptDef {
        name: "signerkeypass",
        arg: Some("<arg>"),
        help: "signer key password",
    },
    OptDef {
        name: "sslserver",
        arg: Some("<server[:port]>"),
        help: "SSL server host and port",
    },
    OptDef {
        name: "jarfile",
        arg: Some("<file>"),
        help: "signed jar file",
    },
    OptDef {
        name: "id",
        arg: Some("<id:reason>"),
        help: "Serial ID of cert to revoke",
    },
    OptDef {
        name: "tls",
        arg: None,
        help: "display TLS configuration information (-showinfo only; accepted and ignored)",
    },
    OptDef {
        name: "nowarn",
        arg: None,
        help: "accepted; rkeytool still prints its warnings",
    },
    OptDef {
        name: "debug",
        arg: None,
        help: "accepted and ignored",
    },
];

/// keytool's own options (its `Option` enum, the legacy `-dest` and
/// `-provider`, and `-debug`, `-nowarn`): keytool's parser takes every one of
/// them with every command, and so does rkeytool for keytool's commands. The
/// per-command lists of [`COMMANDS`] are keytool's help lists.
pub const KEYTOOL_OPTIONS: &[&str] = &[
    "addprovider",
    "alias",
    "cacerts",
    "debug",
    "dest",
    "destalias",
    "destkeypass",
    "destkeystore",
    "destprotected",
    "destprovidername",
    "deststorepass",
    "deststoretype",
    "dname",
    "ext",
    "file",
    "groupname",
    "id",
    "infile",
    "jarfile",
    "keyalg",
    "keypass",
    "keysize",
    "keystore",
    "new",
    "noprompt",
    "nowarn",
    "outfile",
    "protected",
    "provider",
    "providerarg",
    "providerclass",
    "providername",
    "providerpath",
    "rfc",
    "sigalg",
    "signer",
    "signerkeypass",
    "srcalias",
    "srckeypass",
    "srckeystore",
    "srcprotected",
    "srcprovidername",
    "srcstorepass",
    "srcstoretype",
    "sslserver",
    "startdate",
    "storepass",
    "storetype",
    "tls",
    "trustcacerts",
    "v",
    "validity",
];

/// Options keytool reads into one and the same setting: `-srcalias` is
/// `-alias`, `-destkeystore` is `-keystore`, and so on. The last one given wins.
fn canonical(name: &str) -> &str {
    match name {
        "srcalias" => "alias",
        "destkeystore" => "keystore",
        "deststorepass" => "storepass",
        "deststoretype" => "storetype",
        "destprovidername" => "providername",
        "destprotected" => "protected",
        "dest" => "destalias",
        "provider" => "providerclass",
        other => other,
    }
}

/// keytool's options whose effect rkeytool does not have (a password typed
/// on a protected authentication path): refused with a clear line rather
/// than ignored, with every command.
fn unsupported(option: &str) -> bool {
    matches!(option, "protected" | "srcprotected")
}

/// One command, its legacy names, and the options it takes.
#[derive(Debug)]
pub struct CmdDef {
    /// Name without the dash.
    pub name: &'static str,
    /// Older names keytool still accepts.
    pub aliases: &'static [&'static str],
    /// One-line description, as keytool's.
    pub help: &'static str,
    /// Names of the options its help lists, in help order: keytool's list
    /// for keytool's commands, then rkeytool's additions.
    pub options: &'static [&'static str],
    /// True for keytool's own commands, which take every keytool option.
    pub keytool: bool,
}

/// Every command.
pub const COMMANDS: &[CmdDef] = &[
    CmdDef {
        name: "certreq",
        aliases: &[],
        help: "Generates a certificate request",
        options: &[
            "alias",
            "sigalg",
            "file",
            "keypass",
            "keystore",
            "dname",
            "ext",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
        ],
        keytool: true,
    },
    CmdDef {
        name: "genkeypair",
        aliases: &["genkey"],
        help: "Generates a key pair",
        options: &[
            "alias",
            "keyalg",
            "keysize",
            "groupname",
            "sigalg",
            "dname",
            "startdate",
            "ext",
            "validity",
            "keypass",
            "keystore",
            "signer",
            "signerkeypass",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
            "legacy",
            "macalg",
        ],
        keytool: true,
    },
    CmdDef {
        name: "exportcert",
        aliases: &["export"],
        help: "Exports certificate",
        options: &[
            "rfc",
            "alias",
            "file",
            "keystore",
            "cacerts",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
            "chain",
        ],
        keytool: true,
    },
    CmdDef {
        name: "gencert",
        aliases: &[],
        help: "Generates certificate from a certificate request",
        options: &[
            "rfc",
            "infile",
            "outfile",
            "alias",
            "sigalg",
            "dname",
            "startdate",
            "ext",
            "validity",
            "keypass",
            "keystore",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
        ],
        keytool: true,
    },
    CmdDef {
        name: "importcert",
        aliases: &["import"],
        help: "Imports a certificate or a certificate chain",
        options: &[
            "noprompt",
            "trustcacerts",
            "protected",
            "alias",
            "file",
            "keypass",
            "keystore",
            "cacerts",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "legacy",
            "macalg",
        ],
        keytool: true,
    },
    CmdDef {
        name: "printcert",
        aliases: &[],
        help: "Prints the content of a certificate",
        options: &[
            "rfc",
            "file",
            "sslserver",
            "jarfile",
            "keystore",
            "storepass",
            "storetype",
            "trustcacerts",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
        ],
        keytool: true,
    },
    CmdDef {
        name: "printcrl",
        aliases: &[],
        help: "Prints the content of a CRL file",
        options: &[
            "file",
            "keystore",
            "storepass",
            "storetype",
            "trustcacerts",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
        ],
        keytool: true,
    },
    CmdDef {
        name: "gencrl",
        aliases: &[],
        help: "Generates CRL",
        options: &[
            "rfc",
            "file",
            "id",
            "alias",
            "sigalg",
            "keypass",
            "keystore",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
        ],
        keytool: true,
    },
    CmdDef {
        name: "printcertreq",
        aliases: &[],
        help: "Prints the content of a certificate request",
        options: &["file", "v"],
        keytool: true,
    },
    CmdDef {
        name: "version",
        aliases: &[],
        help: "Prints the program version",
        options: &[],
        keytool: true,
    },
    CmdDef {
        name: "verify",
        aliases: &[],
        help: "Checks a keystore and reports what is wrong (rkeytool extension)",
        options: &[
            "alias",
            "keystore",
            "cacerts",
            "storepass",
            "keypass",
            "storetype",
            "warndays",
            "json",
            "v",
        ],
        keytool: false,
    },
    CmdDef {
        name: "changealias",
        aliases: &[],
        help: "Changes an entry's alias",
        options: &[
            "alias",
            "destalias",
            "keypass",
            "keystore",
            "cacerts",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
            "legacy",
            "macalg",
        ],
        keytool: true,
    },
    CmdDef {
        name: "delete",
        aliases: &[],
        help: "Deletes an entry",
        options: &[
            "alias",
            "keystore",
            "cacerts",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
            "legacy",
            "macalg",
        ],
        keytool: true,
    },
    CmdDef {
        name: "importkeystore",
        aliases: &[],
        help: "Imports one or all entries from another keystore",
        options: &[
            "srckeystore",
            "destkeystore",
            "srcstoretype",
            "deststoretype",
            "srcstorepass",
            "deststorepass",
            "srcprotected",
            "destprotected",
            "srcprovidername",
            "destprovidername",
            "srcalias",
            "destalias",
            "srckeypass",
            "destkeypass",
            "noprompt",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "legacy",
            "macalg",
        ],
        keytool: true,
    },
    CmdDef {
        name: "keypasswd",
        aliases: &[],
        help: "Changes the key password of an entry",
        options: &[
            "alias",
            "keypass",
            "new",
            "keystore",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
        ],
        keytool: true,
    },
    CmdDef {
        name: "storepasswd",
        aliases: &[],
        help: "Changes the store password of a keystore",
        options: &[
            "new",
            "keystore",
            "cacerts",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "legacy",
            "macalg",
        ],
        keytool: true,
    },
    CmdDef {
        name: "list",
        aliases: &[],
        help: "Lists entries in a keystore",
        options: &[
            "rfc",
            "alias",
            "keystore",
            "cacerts",
            "storepass",
            "storetype",
            "providername",
            "addprovider",
            "providerclass",
            "providerpath",
            "v",
            "protected",
            "json",
        ],
        keytool: true,
    },
    CmdDef {
        name: "importkey",
        aliases: &[],
        help: "Imports a private key file and its certificate chain",
        options: &[
            "alias",
            "keyfile",
            "keyfilepass",
            "file",
            "keypass",
            "keystore",
            "storepass",
            "storetype",
            "providername",
            "legacy",
            "macalg",
            "v",
        ],
        keytool: false,
    },
    CmdDef {
        name: "exportkey",
        aliases: &[],
        help: "Exports a private key as PKCS#8 PEM",
        options: &[
            "alias",
            "file",
            "keyfilepass",
            "nocrypt",
            "rfc",
            "keypass",
            "keystore",
            "storepass",
            "storetype",
            "providername",
            "v",
        ],
        keytool: false,
    },
    CmdDef {
        name: "genseckey",
        aliases: &[],
        help: "Generates a secret key",
        options: &[
            "alias",
            "keypass",
            "keyalg",
            "keysize",
            "keystore",
            "storepass",
            "storetype",
            "providername",
            "legacy",
            "macalg",
            "v",
        ],
        keytool: true,
    },
    CmdDef {
        name: "importpass",
        aliases: &[],
        help: "Imports a password",
        options: &[
            "alias",
            "keypass",
            "keyalg",
            "keysize",
            "keystore",
            "storepass",
            "storetype",
            "providername",
            "legacy",
            "macalg",
            "v",
        ],
        keytool: true,
    },
    CmdDef {
        name: "exportpass",
        aliases: &[],
        help: "Exports a password stored with -importpass (rkeytool only)",
        options: &[
            "alias",
            "file",
            "keypass",
            "keystore",
            "storepass",
            "storetype",
            "providername",
            "v",
        ],
        keytool: false,
    },
    CmdDef {
        name: "importbundle",
        aliases: &[],
        help: "Imports every certificate of a bundle as trusted",
        options: &[
            "file",
            "sslserver",
            "noprompt",
            "aliasprefix",
            "keystore",
            "cacerts",
            "storepass",
            "storetype",
            "providername",
            "legacy",
            "macalg",
            "v",
        ],
        keytool: false,
    },
];

/// A password given on the command line, in one of keytool's three forms.
#[derive(Clone)]
pub enum PasswordArg {
    /// `-storepass P`
    Literal(String),
    /// `-storepass:env VAR`
    Env(String),
    /// `-storepass:file F`
    File(String),
}

impl std::fmt::Debug for PasswordArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PasswordArg::Literal(_) => f.write_str("Literal(<redacted>)"),
            PasswordArg::Env(v) => write!(f, "Env({v})"),
            PasswordArg::File(p) => write!(f, "File({p})"),
        }
    }
}

/// A parsed command line.
#[derive(Debug)]
pub struct Parsed {
    /// The command's table entry.
    pub command: &'static CmdDef,
    values: HashMap<&'static str, Vec<String>>,
    passwords: HashMap<&'static str, PasswordArg>,
    flags: Vec<&'static str>,
    /// `-J...` options, accepted and ignored except the legacy PKCS12 switch.
    pub java_options: Vec<String>,
}

impl Parsed {
    /// The last value given for `name` (or for an option keytool reads
    /// into the same setting, such as `-destkeystore` for `-keystore`).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .get(canonical(name))
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value given for a repeatable option (`-ext`).
    pub fn values(&self, name: &str) -> &[String] {
        self.values
            .get(canonical(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// True when the flag was given.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.contains(&canonical(name))
    }

    /// A password option in any of its forms.
    pub fn password(&self, name: &str) -> Option<&PasswordArg> {
        self.passwords.get(canonical(name))
    }
}

/// What the command line asked for.
#[derive(Debug)]
pub enum Invocation {
    /// General help.
    Help,
    /// Help for one command.
    CommandHelp(&'static CmdDef),
    /// Run a command.
    Run(Parsed),
}

/// A command-line mistake, worded as keytool words it.
#[derive(Debug, PartialEq, Eq)]
pub enum UsageError {
    /// An option keytool does not know, or the command does not take.
    IllegalOption(String),
    /// No command given.
    NoCommand,
    /// Two commands given.
    TwoCommands(String),
    /// An option that needs a value was last.
    MissingValue(String),
    /// A keytool option whose effect rkeytool does not have.
    Unsupported(String),
    /// A `-conf` file that cannot be read or expanded.
    Conf(String),
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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

fn find_command(word: &str) -> Option<&'static CmdDef> {
    COMMANDS.iter().find(|c| {
        c.name.eq_ignore_ascii_case(word) || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(word))
    })
}

fn find_option(word: &str) -> Option<&'static OptDef> {
    OPTIONS.iter().find(|o| o.name.eq_ignore_ascii_case(word))
}

fn is_help(word: &str) -> bool {
    matches!(word, "-help" | "--help" | "-h" | "-?") || word.eq_ignore_ascii_case("-help")
}

/// Parses keytool-style arguments (without the program name).
pub fn parse(args: &[String]) -> Result<Invocation, UsageError> {
    let expanded = super::conf::expand(args).map_err(UsageError::Conf)?;
    let args = expanded.as_slice();
    let mut command: Option<&'static CmdDef> = None;
    let mut help = false;
    let mut pending: Vec<(&'static OptDef, String, Option<String>)> = Vec::new();
    let mut flags = Vec::new();
    let mut java_options = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if is_help(arg) {
            help = true;
            continue;
        }
        if let Some(j) = arg.strip_prefix("-J") {
            java_options.push(j.to_string());
            continue;
        }
        if arg.eq_ignore_ascii_case("-conf") {
            // Read by conf::expand; skip it and its file here.
            if i >= args.len() {
                return Err(UsageError::MissingValue(arg.clone()));
            }
            i += 1;
            continue;
        }
        let Some(word) = arg.strip_prefix('-') else {
            return Err(UsageError::IllegalOption(arg.clone()));
        };
        if let Some(cmd) = find_command(word) {
            if let Some(prev) = command
                && !std::ptr::eq(prev, cmd)
            {
                return Err(UsageError::TwoCommands(arg.clone()));
            }
            command = Some(cmd);
            continue;
        }
        let (base, suffix) = match word.split_once(':') {
            Some((b, s)) => (b, Some(s.to_ascii_lowercase())),
            None => (word, None),
        };
        let Some(def) = find_option(base) else {
            return Err(UsageError::IllegalOption(arg.clone()));
        };
        let is_password = def.name.ends_with("pass") || def.name == "new";
        if let Some(s) = &suffix
            && (!is_password || !(s == "env" || s == "file"))
        {
            return Err(UsageError::IllegalOption(arg.clone()));
        }
        match def.arg {
            None => flags.push(def.name),
            Some(_) => {
                let Some(v) = args.get(i) else {
                    return Err(UsageError::MissingValue(arg.clone()));
                };
                i += 1;
                pending.push((def, v.clone(), suffix));
            }
        }
    }
    let Some(command) = command else {
        return if help {
            Ok(Invocation::Help)
        } else {
            Err(UsageError::NoCommand)
        };
    };
    if help {
        return Ok(Invocation::CommandHelp(command));
    }
    let allowed =
        |n: &str| command.options.contains(&n) || (command.keytool && KEYTOOL_OPTIONS.contains(&n));
    let check = |n: &str| {
        if !allowed(n) {
            Err(UsageError::IllegalOption(format!("-{n}")))
        } else if unsupported(canonical(n)) {
            Err(UsageError::Unsupported(format!("-{n}")))
        } else {
            Ok(())
        }
    };
    for f in &flags {
        check(f)?;
    }
    let flags = flags.into_iter().map(canonical).collect();
    let mut values: HashMap<&'static str, Vec<String>> = HashMap::new();
    let mut passwords = HashMap::new();
    for (def, v, suffix) in pending {
        check(def.name)?;
        let name = canonical(def.name);
        if def.name.ends_with("pass") || def.name == "new" {
            let p = match suffix.as_deref() {
                Some("env") => PasswordArg::Env(v),
                Some("file") => PasswordArg::File(v),
                _ => PasswordArg::Literal(v),
            };
            passwords.insert(name, p);
        } else {
            values.entry(name).or_default().push(v);
        }
    }
    Ok(Invocation::Run(Parsed {
        command,
        values,
        passwords,
        flags,
        java_options,
    }))
}

/// keytool's general help.
pub fn general_help() -> String {
    let mut s = String::from("Key and Certificate Management Tool (rkeytool)\n\nCommands:\n\n");
    // keytool's help hides -gencrl.
    let mut commands: Vec<&CmdDef> = COMMANDS.iter().filter(|c| c.name != "gencrl").collect();
    commands.sort_by_key(|c| c.name);
    for c in commands {
        s.push_str(&format!(" -{:<19}{}\n", c.name, c.help));
    }
    s.push_str("\nUse \"rkeytool -?, -h, or --help\" for this help message\n");
    s.push_str("Use \"rkeytool -command_name --help\" for usage of command_name.\n");
    s.push_str(
        "Use \"rkeytool -version\" for the version, and \"-keytoolversion 17|21|25\" with any\n\
         command (or RKEYTOOL_KEYTOOL_VERSION) to follow that keytool's defaults and wording\n\
         (default 25).\n\
         Use \"rkeytool -completions bash|zsh|fish\" for shell completions, \"rkeytool -manpage\"\n\
         for the manual page.\n",
    );
    s
}

/// keytool's help for one command, from the same table.
pub fn command_help(c: &CmdDef) -> String {
    let mut s = format!(
        "rkeytool -{} [OPTION]...\n\n{}\n\nOptions:\n\n",
        c.name, c.help
    );
    for name in c.options {
        if let Some(o) = OPTIONS.iter().find(|o| o.name == *name) {
            let left = match o.arg {
                Some(a) => format!("-{} {}", o.name, a),
                None => format!("-{}", o.name),
            };
            s.push_str(&format!(" {left:<23} {}\n", o.help));
        }
    }
    s.push_str("\nUse \"rkeytool -?, -h, or --help\" for this help message\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Invocation, UsageError> {
        parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn guide_command_parses_in_any_order_and_case() {
        let Ok(Invocation::Run(r)) = p(&[
            "-alias",
            "KeyName",
            "-GENKEY",
            "-keyalg",
            "RSA",
            "-KeySize",
            "2048",
            "-dname",
            "CN=x",
            "-keystore",
            "KeyStoreName.jks",
            "-ext",
            "a",
            "-ext",
            "b",
            "-v",
        ]) else {
            panic!("did not parse");
        };
        assert_eq!(r.command.name, "genkeypair");
        assert_eq!(r.value("alias"), Some("KeyName"));
        assert_eq!(r.value("keysize"), Some("2048"));
        assert_eq!(r.values("ext"), ["a", "b"]);
        assert!(r.flag("v"));
    }

    #[test]
    fn every_command_option_is_in_the_table() {
        for c in COMMANDS {
            for o in c.options {
                assert!(
                    OPTIONS.iter().any(|d| d.name == *o),
                    "-{} of -{} has no OptDef",
                    o,
                    c.name
                );
            }
        }
    }

    #[test]
    fn options_keytool_reads_into_one_setting_are_one() {
        let Ok(Invocation::Run(r)) = p(&[
            "-importkeystore",
            "-srckeystore",
            "a.p12",
            "-keystore",
            "first.p12",
            "-destkeystore",
            "b.p12",
            "-alias",
            "x",
            "-dest",
            "y",
            "-deststorepass",
            "secret",
        ]) else {
            panic!("did not parse");
        };
        assert_eq!(r.value("destkeystore"), Some("b.p12"));
        assert_eq!(r.value("keystore"), Some("b.p12"));
        assert_eq!(r.value("srcalias"), Some("x"));
        assert_eq!(r.value("destalias"), Some("y"));
        assert!(r.password("storepass").is_some());
    }

    #[test]
    fn help_lists_are_keytools() {
        for c in COMMANDS.iter().filter(|c| c.keytool) {
            for o in c.options {
                assert!(
                    KEYTOOL_OPTIONS.contains(o)
                        || ["legacy", "macalg", "json", "chain"].contains(o),
                    "-{o} of -{} is neither keytool's nor a listed extension",
                    c.name
                );
            }
        }
    }

    #[test]
    fn password_forms() {
        let Ok(Invocation::Run(r)) = p(&["-list", "-storepass:env", "X"]) else {
            panic!()
        };
        assert!(matches!(r.password("storepass"), Some(PasswordArg::Env(v)) if v == "X"));
        assert_eq!(
            p(&["-list", "-storepass:bogus", "X"]).unwrap_err(),
            UsageError::IllegalOption("-storepass:bogus".into())
        );
    }

    #[test]
    fn errors_name_the_option() {
        assert_eq!(
            p(&["-list", "-foo"]).unwrap_err(),
            UsageError::IllegalOption("-foo".into())
        );
        // keytool takes each of its options with each of its commands...
        assert!(matches!(
            p(&["-list", "-keyalg", "RSA"]),
            Ok(Invocation::Run(_))
        ));
        // ...but rkeytool's own options stay with their commands,
        assert_eq!(
            p(&["-delete", "-json"]).unwrap_err(),
            UsageError::IllegalOption("-json".into())
        );
        // rkeytool's own commands take only their own options,
        assert_eq!(
            p(&["-verify", "-noprompt"]).unwrap_err(),
            UsageError::IllegalOption("-noprompt".into())
        );
        // and an option whose effect rkeytool lacks is refused by name.
        assert_eq!(
            p(&["-list", "-protected"]).unwrap_err(),
            UsageError::Unsupported("-protected".into())
        );
        assert_eq!(
            p(&["-list", "-alias"]).unwrap_err(),
            UsageError::MissingValue("-alias".into())
        );
        assert!(
            matches!(p(&["-list", "-help"]), Ok(Invocation::CommandHelp(c)) if c.name == "list")
        );
        assert!(matches!(p(&["-help"]), Ok(Invocation::Help)));
    }
}
