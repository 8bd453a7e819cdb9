//! keytool's command line: the option catalogue ([`Opt`], [`OPTIONS`]), a
//! parser for single-dash long options in any order into raw values by
//! option ([`Parsed`], the "low args" each command turns into its typed
//! `Args`), and usage text from the same tables. The commands declare
//! themselves, each in its own file ([`COMMANDS`]).

use super::error::CliResult;
use super::prompt::Prompter;
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

/// Declares the option catalogue once: the [`Opt`] enum (one variant per
/// option, so a misspelt option does not compile) and the [`OPTIONS`] table
/// (name, value placeholder, help) that the parser, `-help`, the completions
/// and the man page read.
macro_rules! options {
    ($($variant:ident = $name:literal, $arg:expr, $help:literal;)*) => {
        /// An option, by name: commands read the parse through these.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Opt {
            $(
                #[doc = concat!("`-", $name, "`: ", $help)]
                $variant,
            )*
        }

        impl Opt {
            /// Every option, in table order.
            pub const ALL: &[Opt] = &[$(Opt::$variant,)*];

            /// The option's name, without the dash.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Opt::$variant => $name,)*
                }
            }
        }

        /// Every option any command takes.
        pub const OPTIONS: &[OptDef] = &[
            $(OptDef {
                name: $name,
                arg: $arg,
                help: $help,
            },)*
        ];
    };
}

options! {
    Alias = "alias", Some("<alias>"), "alias name of the entry to process";
    Keyalg = "keyalg", Some("<alg>"), "key algorithm name";
    Keysize = "keysize", Some("<size>"), "key bit size";
    Groupname = "groupname", Some("<name>"), "Group name. For example, an Elliptic Curve name.";
    Sigalg = "sigalg", Some("<alg>"), "signature algorithm name";
    Dname = "dname", Some("<name>"), "distinguished name";
    Startdate = "startdate", Some("<date>"), "certificate validity start date/time";
    Ext = "ext", Some("<value>"), "X.509 extension";
    Validity = "validity", Some("<days>"), "validity number of days";
    File = "file", Some("<file>"), "output file name";
    Keypass = "keypass", Some("<arg>"), "key password";
    Keystore = "keystore", Some("<keystore>"), "keystore name";
    Cacerts = "cacerts", None, "access the cacerts keystore";
    Storepass = "storepass", Some("<arg>"), "keystore password";
    Storetype = "storetype", Some("<type>"), "keystore type";
    Providername = "providername", Some("<name>"), "provider name (accepted and ignored)";
    Rfc = "rfc", None, "output in RFC style";
    Json = "json", None, "print one JSON document (rkeytool extension)";
    Warndays = "warndays", Some("<days>"), "warn about certificates expiring within this many days (default 30)";
    Noprompt = "noprompt", None, "do not prompt";
    Trustcacerts = "trustcacerts", None, "trust certificates from cacerts";
    Chain = "chain", None, "export the whole certificate chain, leaf first";
    Infile = "infile", Some("<file>"), "input file name";
    Outfile = "outfile", Some("<file>"), "output file name";
    Legacy = "legacy", None, "write PKCS12 with legacy algorithms (3DES, HMAC-SHA1)";
    Macalg = "macalg", Some("<alg>"), "MAC of a PKCS12 written: HmacPBESHA256 (default) or PBMAC1 (RFC 9579)";
    V = "v", None, "verbose output";
    // -importkeystore, -changealias, -storepasswd, -keypasswd
    Srckeystore = "srckeystore", Some("<keystore>"), "source keystore name";
    Destkeystore = "destkeystore", Some("<keystore>"), "destination keystore name";
    Srcstoretype = "srcstoretype", Some("<type>"), "source keystore type";
    Deststoretype = "deststoretype", Some("<type>"), "destination keystore type";
    Srcstorepass = "srcstorepass", Some("<arg>"), "source keystore password";
    Deststorepass = "deststorepass", Some("<arg>"), "destination keystore password";
    Srcprovidername = "srcprovidername", Some("<name>"), "source keystore provider name (accepted and ignored)";
    Destprovidername = "destprovidername", Some("<name>"), "destination keystore provider name (accepted and ignored)";
    Srcalias = "srcalias", Some("<alias>"), "source alias";
    Destalias = "destalias", Some("<alias>"), "destination alias";
    Srckeypass = "srckeypass", Some("<arg>"), "source key password";
    Destkeypass = "destkeypass", Some("<arg>"), "destination key password";
    New = "new", Some("<arg>"), "new password";
    Keyfile = "keyfile", Some("<file>"), "private key file (PEM or DER: PKCS#8, PKCS#1, SEC1, encrypted or not)";
    Keyfilepass = "keyfilepass", Some("<arg>"), "password of the private key file";
    Nocrypt = "nocrypt", None, "write the private key unencrypted";
    Aliasprefix = "aliasprefix", Some("<prefix>"), "prefix for the aliases of imported certificates";
    // keytool's options that rkeytool accepts for its scripts' sake.
    Dest = "dest", Some("<alias>"), "destination alias (legacy spelling of -destalias)";
    Provider = "provider", Some("<class>"), "legacy spelling of -providerclass (accepted and ignored)";
    Addprovider = "addprovider", Some("<name>"), "add security provider by name (accepted and ignored)";
    Providerclass = "providerclass", Some("<class>"), "add security provider by fully-qualified class name (accepted and ignored)";
    Providerarg = "providerarg", Some("<arg>"), "configure argument for -addprovider or -providerclass (accepted and ignored)";
    Providerpath = "providerpath", Some("<list>"), "provider classpath (accepted and ignored)";
    Protected = "protected", None, "password through protected mechanism (not supported)";
    Srcprotected = "srcprotected", None, "source keystore password protected (not supported)";
    Destprotected = "destprotected", None, "destination keystore password protected (not supported)";
    Signer = "signer", Some("<alias>"), "signer alias";
    Signerkeypass = "signerkeypass", Some("<arg>"), "signer key password";
    Sslserver = "sslserver", Some("<server[:port]>"), "SSL server host and port";
    Jarfile = "jarfile", Some("<file>"), "signed jar file";
    Id = "id", Some("<id:reason>"), "Serial ID of cert to revoke";
    Tls = "tls", None, "display TLS configuration information (-showinfo only; accepted and ignored)";
    Nowarn = "nowarn", None, "accepted; rkeytool still prints its warnings";
    Debug = "debug", None, "accepted and ignored";
}

impl Opt {
    /// True for a password option, which also takes `:env` and `:file`.
    pub fn is_password(self) -> bool {
        self.name().ends_with("pass") || self == Opt::New
    }

    /// The option's table entry.
    pub fn def(self) -> Option<&'static OptDef> {
        OPTIONS.iter().find(|o| o.name == self.name())
    }
}

/// keytool's own options (its `Option` enum, the legacy `-dest` and
/// `-provider`, and `-debug`, `-nowarn`): keytool's parser takes every one of
/// them with every command, and so does rkeytool for keytool's commands. The
/// per-command lists of [`COMMANDS`] are keytool's help lists.
pub const KEYTOOL_OPTIONS: &[Opt] = &[
    Opt::Addprovider,
    Opt::Alias,
    Opt::Cacerts,
    Opt::Debug,
    Opt::Dest,
    Opt::Destalias,
    Opt::Destkeypass,
    Opt::Destkeystore,
    Opt::Destprotected,
    Opt::Destprovidername,
    Opt::Deststorepass,
    Opt::Deststoretype,
    Opt::Dname,
    Opt::Ext,
    Opt::File,
    Opt::Groupname,
    Opt::Id,
    Opt::Infile,
    Opt::Jarfile,
    Opt::Keyalg,
    Opt::Keypass,
    Opt::Keysize,
    Opt::Keystore,
    Opt::New,
    Opt::Noprompt,
    Opt::Nowarn,
    Opt::Outfile,
    Opt::Protected,
    Opt::Provider,
    Opt::Providerarg,
    Opt::Providerclass,
    Opt::Providername,
    Opt::Providerpath,
    Opt::Rfc,
    Opt::Sigalg,
    Opt::Signer,
    Opt::Signerkeypass,
    Opt::Srcalias,
    Opt::Srckeypass,
    Opt::Srckeystore,
    Opt::Srcprotected,
    Opt::Srcprovidername,
    Opt::Srcstorepass,
    Opt::Srcstoretype,
    Opt::Sslserver,
    Opt::Startdate,
    Opt::Storepass,
    Opt::Storetype,
    Opt::Tls,
    Opt::Trustcacerts,
    Opt::V,
    Opt::Validity,
];

/// Options keytool reads into one and the same setting: `-srcalias` is
/// `-alias`, `-destkeystore` is `-keystore`, and so on. The last one given wins.
fn canonical(opt: Opt) -> Opt {
    match opt {
        Opt::Srcalias => Opt::Alias,
        Opt::Destkeystore => Opt::Keystore,
        Opt::Deststorepass => Opt::Storepass,
        Opt::Deststoretype => Opt::Storetype,
        Opt::Destprovidername => Opt::Providername,
        Opt::Destprotected => Opt::Protected,
        Opt::Dest => Opt::Destalias,
        Opt::Provider => Opt::Providerclass,
        other => other,
    }
}

/// keytool's options whose effect rkeytool does not have (a password typed
/// on a protected authentication path): refused with a clear line rather
/// than ignored, with every command.
fn unsupported(option: Opt) -> bool {
    matches!(option, Opt::Protected | Opt::Srcprotected)
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
    pub options: &'static [Opt],
    /// True for keytool's own commands, which take every keytool option.
    pub keytool: bool,
    /// The command's entry point: builds its typed arguments from the parse
    /// and runs it; returns the exit status.
    pub run: Run,
}

/// A command's entry point (see [`CmdDef::run`]).
pub type Run = fn(&Parsed, &mut Prompter, &mut dyn std::io::Write) -> CliResult<i32>;

/// Every command, in the order completions list them: each command file
/// declares its own entry.
pub use super::commands::COMMANDS;

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
    values: HashMap<Opt, Vec<String>>,
    passwords: HashMap<Opt, PasswordArg>,
    flags: Vec<Opt>,
    /// `-J...` options, accepted and ignored except the legacy PKCS12 switch.
    pub java_options: Vec<String>,
}

impl Parsed {
    /// The last value given for `name` (or for an option keytool reads
    /// into the same setting, such as `-destkeystore` for `-keystore`).
    pub fn value(&self, name: Opt) -> Option<&str> {
        self.values
            .get(&canonical(name))
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value given for a repeatable option (`-ext`).
    pub fn values(&self, name: Opt) -> &[String] {
        self.values
            .get(&canonical(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// True when the flag was given.
    pub fn flag(&self, name: Opt) -> bool {
        self.flags.contains(&canonical(name))
    }

    /// A password option in any of its forms.
    pub fn password(&self, name: Opt) -> Option<&PasswordArg> {
        self.passwords.get(&canonical(name))
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

/// A command-line mistake (worded in [`super::error`], as keytool words it).
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

fn find_command(word: &str) -> Option<&'static CmdDef> {
    COMMANDS.iter().find(|c| {
        c.name.eq_ignore_ascii_case(word) || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(word))
    })
}

fn find_option(word: &str) -> Option<Opt> {
    Opt::ALL
        .iter()
        .copied()
        .find(|o| o.name().eq_ignore_ascii_case(word))
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
    let mut pending: Vec<(Opt, String, Option<String>)> = Vec::new();
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
        let Some(opt) = find_option(base) else {
            return Err(UsageError::IllegalOption(arg.clone()));
        };
        if let Some(s) = &suffix
            && (!opt.is_password() || !(s == "env" || s == "file"))
        {
            return Err(UsageError::IllegalOption(arg.clone()));
        }
        match opt.def().and_then(|d| d.arg) {
            None => flags.push(opt),
            Some(_) => {
                let Some(v) = args.get(i) else {
                    return Err(UsageError::MissingValue(arg.clone()));
                };
                i += 1;
                pending.push((opt, v.clone(), suffix));
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
        |n: Opt| command.options.contains(&n) || (command.keytool && KEYTOOL_OPTIONS.contains(&n));
    let check = |n: Opt| {
        if !allowed(n) {
            Err(UsageError::IllegalOption(format!("-{}", n.name())))
        } else if unsupported(canonical(n)) {
            Err(UsageError::Unsupported(format!("-{}", n.name())))
        } else {
            Ok(())
        }
    };
    for f in &flags {
        check(*f)?;
    }
    let flags = flags.into_iter().map(canonical).collect();
    let mut values: HashMap<Opt, Vec<String>> = HashMap::new();
    let mut passwords = HashMap::new();
    for (opt, v, suffix) in pending {
        check(opt)?;
        let name = canonical(opt);
        if opt.is_password() {
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
    for opt in c.options {
        if let Some(o) = opt.def() {
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
        assert_eq!(r.value(Opt::Alias), Some("KeyName"));
        assert_eq!(r.value(Opt::Keysize), Some("2048"));
        assert_eq!(r.values(Opt::Ext), ["a", "b"]);
        assert!(r.flag(Opt::V));
    }

    #[test]
    fn every_option_is_in_the_table_once() {
        assert_eq!(Opt::ALL.len(), OPTIONS.len());
        for (opt, def) in Opt::ALL.iter().zip(OPTIONS) {
            assert_eq!(opt.name(), def.name);
            assert!(opt.def().is_some());
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
        assert_eq!(r.value(Opt::Destkeystore), Some("b.p12"));
        assert_eq!(r.value(Opt::Keystore), Some("b.p12"));
        assert_eq!(r.value(Opt::Srcalias), Some("x"));
        assert_eq!(r.value(Opt::Destalias), Some("y"));
        assert!(r.password(Opt::Storepass).is_some());
    }

    #[test]
    fn help_lists_are_keytools() {
        for c in COMMANDS.iter().filter(|c| c.keytool) {
            for o in c.options {
                assert!(
                    KEYTOOL_OPTIONS.contains(o)
                        || [Opt::Legacy, Opt::Macalg, Opt::Json, Opt::Chain].contains(o),
                    "-{} of -{} is neither keytool's nor a listed extension",
                    o.name(),
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
        assert!(matches!(r.password(Opt::Storepass), Some(PasswordArg::Env(v)) if v == "X"));
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
