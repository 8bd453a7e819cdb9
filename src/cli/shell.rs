//! Shell completions (`rkeytool -completions bash|zsh|fish`) and the manual
//! page (`rkeytool -manpage`, checked in as `man/rkeytool.1`), written from
//! the one option table ([`super::options`]) so they never drift from it.
//!
//! Written by hand rather than by `clap_complete`/`clap_mangen`: those know
//! only clap's `--long` options, and keytool's words are single-dash long
//! options (`-keystore`), commands included (`-list`), in any order. fish
//! has a form for exactly these (`complete -o`), which clap never emits;
//! README's design notes say more.

use super::error::{CliResult, Fault};
use super::options::{COMMANDS, CmdDef, OPTIONS, OptDef};

/// The shells `-completions` writes for.
pub const SHELLS: &str = "bash|zsh|fish";

/// rkeytool's words outside the command table, offered with the commands.
const META: &[(&str, &str)] = &[
    ("help", "Prints this help"),
    (
        "completions",
        "Prints shell completions: -completions bash|zsh|fish",
    ),
    ("manpage", "Prints the manual page (roff)"),
];

/// Options every command takes, outside the table: `-keytoolversion`
/// (removed before parsing) and `-conf`.
const GLOBAL: &[(&str, &str, Value)] = &[
    (
        "keytoolversion",
        "keytool generation to follow: 17, 21 or 25",
        Value::Words("17 21 25"),
    ),
    ("conf", "pre-configured options file", Value::File),
];

/// What follows an option on the command line.
#[derive(Clone, Copy, PartialEq)]
enum Value {
    None,
    File,
    Words(&'static str),
    Free,
}

fn value_of(o: &OptDef) -> Value {
    match (o.name, o.arg) {
        (_, None) => Value::None,
        ("storetype" | "srcstoretype" | "deststoretype", _) => Value::Words("PKCS12 JKS JCEKS"),
        ("keyalg", _) => Value::Words(
            "RSA EC Ed25519 EdDSA AES DES DESede HmacSHA1 HmacSHA224 HmacSHA256 HmacSHA384 HmacSHA512 PBEWithHmacSHA256AndAES_256",
        ),
        ("groupname", _) => Value::Words("secp256r1 secp384r1 secp521r1"),
        ("sigalg", _) => Value::Words(
            "SHA256withRSA SHA384withRSA SHA512withRSA SHA256withECDSA SHA384withECDSA SHA512withECDSA Ed25519",
        ),
        (name, Some(arg)) if arg == "<file>" || name.ends_with("keystore") => Value::File,
        _ => Value::Free,
    }
}

/// The options a command lists in its help, once each, with their table entries.
fn options_of(c: &CmdDef) -> Vec<&'static OptDef> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for opt in c.options {
        let name = opt.name();
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if let Some(o) = opt.def() {
            out.push(o);
        }
    }
    out
}

/// Writes the completion script for `shell`.
pub fn completions(shell: &str) -> CliResult<String> {
    match shell {
        "bash" => Ok(bash()),
        "zsh" => Ok(zsh()),
        "fish" => Ok(fish()),
        other => Err(Fault::IllegalCompletions(other.to_string()).into()),
    }
}

/// Single-quotes a word for bash, zsh and fish alike.
fn quote(s: &str) -> String {
    if s.contains('\'') {
        // fish reads '\'' inside single quotes; sh-like shells need '\''
        // outside them: both take the close-escape-reopen form.
        format!("'{}'", s.replace('\'', "'\\''"))
    } else {
        format!("'{s}'")
    }
}

fn command_words(c: &CmdDef) -> Vec<String> {
    std::iter::once(c.name)
        .chain(c.aliases.iter().copied())
        .map(|w| format!("-{w}"))
        .collect()
}

/// Option names (with the dash, `|`-joined) whose value has the given kind.
fn valued(pred: impl Fn(Value) -> bool) -> String {
    let mut names: Vec<String> = OPTIONS
        .iter()
        .filter(|o| pred(value_of(o)))
        .map(|o| format!("-{}", o.name))
        .collect();
    names.extend(
        GLOBAL
            .iter()
            .filter(|g| pred(g.2))
            .map(|g| format!("-{}", g.0)),
    );
    names.join("|")
}

/// Word lists: (option names `|`-joined, words).
fn word_lists() -> Vec<(String, &'static str)> {
    let mut lists: Vec<(String, &'static str)> = Vec::new();
    let all = OPTIONS
        .iter()
        .map(|o| (o.name, value_of(o)))
        .chain(GLOBAL.iter().map(|g| (g.0, g.2)));
    for (name, v) in all {
        if let Value::Words(w) = v {
            match lists.iter_mut().find(|(_, x)| *x == w) {
                Some((names, _)) => {
                    names.push_str(&format!("|-{name}"));
                }
                None => lists.push((format!("-{name}"), w)),
            }
        }
    }
    lists
}

fn top_words() -> Vec<String> {
    let mut words: Vec<String> = COMMANDS.iter().flat_map(command_words).collect();
    words.extend(META.iter().map(|(n, _)| format!("-{n}")));
    words.extend(GLOBAL.iter().map(|g| format!("-{}", g.0)));
    words
}

fn bash() -> String {
    let mut s = String::from(
        "# bash completion for rkeytool (written by `rkeytool -completions bash`).\n\
         # Load with: source <(rkeytool -completions bash)\n\
         _rkeytool() {\n\
         \x20   local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd= w i\n\
         \x20   for ((i = 1; i < COMP_CWORD; i++)); do\n\
         \x20       w=${COMP_WORDS[i],,}\n\
         \x20       case $w in\n",
    );
    for c in COMMANDS {
        s.push_str(&format!(
            "            {}) cmd={} ;;\n",
            command_words(c).join("|").to_lowercase(),
            c.name
        ));
    }
    s.push_str(&format!(
        "            {}) ((i++)) ;;\n\
         \x20       esac\n\
         \x20   done\n\
         \x20   case ${{prev,,}} in\n\
         \x20       {})\n\
         \x20           compopt -o filenames 2>/dev/null\n\
         \x20           mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n\
         \x20           return ;;\n",
        valued(|v| v != Value::None).to_lowercase(),
        valued(|v| v == Value::File).to_lowercase(),
    ));
    for (names, words) in word_lists() {
        s.push_str(&format!(
            "        {})\n\
             \x20           mapfile -t COMPREPLY < <(compgen -W {} -- \"$cur\")\n\
             \x20           return ;;\n",
            names.to_lowercase(),
            quote(words)
        ));
    }
    s.push_str(&format!(
        "        {})\n\
         \x20           COMPREPLY=()\n\
         \x20           return ;;\n\
         \x20   esac\n\
         \x20   local opts\n\
         \x20   case $cmd in\n",
        valued(|v| v == Value::Free).to_lowercase(),
    ));
    for c in COMMANDS {
        let opts: Vec<String> = options_of(c)
            .iter()
            .map(|o| format!("-{}", o.name))
            .chain(GLOBAL.iter().map(|g| format!("-{}", g.0)))
            .chain(std::iter::once("-help".to_string()))
            .collect();
        s.push_str(&format!(
            "        {}) opts={} ;;\n",
            c.name,
            quote(&opts.join(" "))
        ));
    }
    s.push_str(&format!(
        "        *) opts={} ;;\n\
         \x20   esac\n\
         \x20   mapfile -t COMPREPLY < <(compgen -W \"$opts\" -- \"$cur\")\n\
         }}\n\
         complete -F _rkeytool rkeytool\n",
        quote(&top_words().join(" "))
    ));
    s
}

fn zsh() -> String {
    let mut s = String::from(
        "#compdef rkeytool\n\
         # zsh completion for rkeytool (written by `rkeytool -completions zsh`).\n\
         # Save as _rkeytool in a folder of $fpath, or: source <(rkeytool -completions zsh)\n\
         _rkeytool() {\n\
         \x20   local cmd= w i\n\
         \x20   local -a opts\n\
         \x20   for ((i = 2; i < CURRENT; i++)); do\n\
         \x20       w=${(L)words[i]}\n\
         \x20       case $w in\n",
    );
    for c in COMMANDS {
        s.push_str(&format!(
            "            ({}) cmd={} ;;\n",
            command_words(c).join("|").to_lowercase(),
            c.name
        ));
    }
    s.push_str(&format!(
        "            ({}) ((i++)) ;;\n\
         \x20       esac\n\
         \x20   done\n\
         \x20   case ${{(L)words[CURRENT-1]}} in\n\
         \x20       ({}) _files; return ;;\n",
        valued(|v| v != Value::None).to_lowercase(),
        valued(|v| v == Value::File).to_lowercase(),
    ));
    for (names, words) in word_lists() {
        s.push_str(&format!(
            "        ({}) compadd -- {}; return ;;\n",
            names.to_lowercase(),
            words
        ));
    }
    s.push_str(&format!(
        "        ({}) _message value; return ;;\n\
         \x20   esac\n\
         \x20   case $cmd in\n",
        valued(|v| v == Value::Free).to_lowercase(),
    ));
    let described = |name: &str, help: &str| quote(&format!("-{name}:{help}"));
    for c in COMMANDS {
        let mut items: Vec<String> = options_of(c)
            .iter()
            .map(|o| described(o.name, o.help))
            .collect();
        items.extend(GLOBAL.iter().map(|g| described(g.0, g.1)));
        items.push(described("help", "Prints this command's usage"));
        s.push_str(&format!(
            "        ({}) opts=(\n            {}\n        ) ;;\n",
            c.name,
            items.join("\n            ")
        ));
    }
    let mut items: Vec<String> = Vec::new();
    for c in COMMANDS {
        for w in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
            items.push(described(w, c.help));
        }
    }
    items.extend(META.iter().map(|(n, h)| described(n, h)));
    items.extend(GLOBAL.iter().map(|g| described(g.0, g.1)));
    s.push_str(&format!(
        "        (*) opts=(\n            {}\n        ) ;;\n\
         \x20   esac\n\
         \x20   _describe -t options 'rkeytool option' opts\n\
         }}\n\
         if [ \"$funcstack[1]\" = \"_rkeytool\" ]; then\n\
         \x20   _rkeytool \"$@\"\n\
         else\n\
         \x20   compdef _rkeytool rkeytool\n\
         fi\n",
        items.join("\n            ")
    ));
    s
}

fn fish() -> String {
    let mut s = String::from(
        "# fish completion for rkeytool (written by `rkeytool -completions fish`).\n\
         # Save as ~/.config/fish/completions/rkeytool.fish, or: rkeytool -completions fish | source\n\
         function __rkeytool_command\n\
         \x20   set -l words (commandline -opc)\n\
         \x20   set -e words[1]\n\
         \x20   for w in $words\n\
         \x20       switch (string lower -- $w)\n",
    );
    for c in COMMANDS {
        s.push_str(&format!(
            "            case {}\n                echo {}\n                return\n",
            command_words(c).join(" ").to_lowercase(),
            c.name
        ));
    }
    s.push_str(
        "        end\n\
         \x20   end\n\
         \x20   echo none\n\
         end\n\
         function __rkeytool_using\n\
         \x20   test (__rkeytool_command) = $argv[1]\n\
         end\n\
         complete -c rkeytool -f\n",
    );
    let line = |cond: &str, name: &str, help: &str, v: Value| {
        let value = match v {
            Value::None => String::new(),
            Value::File => " -r -F".to_string(),
            Value::Words(w) => format!(" -x -a {}", quote(w)),
            Value::Free => " -x".to_string(),
        };
        format!(
            "complete -c rkeytool -n {} -o {name}{value} -d {}\n",
            quote(cond),
            quote(help)
        )
    };
    for c in COMMANDS {
        for w in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
            s.push_str(&line("__rkeytool_using none", w, c.help, Value::None));
        }
    }
    for (n, h) in META {
        s.push_str(&line("__rkeytool_using none", n, h, Value::None));
    }
    for c in COMMANDS {
        let cond = format!("__rkeytool_using {}", c.name);
        for o in options_of(c) {
            s.push_str(&line(&cond, o.name, o.help, value_of(o)));
        }
        s.push_str(&line(
            &cond,
            "help",
            "Prints this command's usage",
            Value::None,
        ));
    }
    for g in GLOBAL {
        s.push_str(&line("true", g.0, g.1, g.2));
    }
    s
}

/// Escapes text for roff: backslashes, dashes (so `-keystore` stays a
/// plain hyphen-minus), and a leading dot or quote.
fn roff(s: &str) -> String {
    let e = s.replace('\\', "\\e").replace('-', "\\-");
    if e.starts_with('.') || e.starts_with('\'') {
        format!("\\&{e}")
    } else {
        e
    }
}

/// The manual page, in roff (`man -l man/rkeytool.1`). No date in it, so
/// the checked-in copy stays current until the table or version changes.
pub fn manpage() -> String {
    let mut s = format!(
        ".TH RKEYTOOL 1 \"\" \"rkeytool {}\" \"User Commands\"\n\
         .\\\" Written by `rkeytool -manpage` (scripts/gen-man.sh); do not edit.\n\
         .SH NAME\n\
         rkeytool \\- keytool\\-compatible key and certificate management tool\n\
         .SH SYNOPSIS\n\
         .B rkeytool\n\
         .I \\-command\n\
         [\\fIoptions\\fR]...\n\
         .br\n\
         .B rkeytool \\-version\n\
         .br\n\
         .B rkeytool \\-completions\n\
         .IR bash | zsh | fish\n\
         .SH DESCRIPTION\n\
         .B rkeytool\n\
         manages JKS, JCEKS and PKCS#12 keystores, keys, certificates and\n\
         certificate requests with the options, defaults, prompts, messages and\n\
         files of the JDK's\n\
         .BR keytool (1).\n\
         Options are single\\-dash long options, given in any order; the\n\
         command is one of them. Option names and commands are case\\-insensitive.\n\
         Passwords are given as\n\
         .I \\-storepass password\\fR,\n\
         .I \\-storepass:env VAR\n\
         or\n\
         .I \\-storepass:file FILE\n\
         (likewise every option ending in \\fIpass\\fR); without one, rkeytool asks.\n\
         .SH COMMANDS\n",
        roff(env!("CARGO_PKG_VERSION"))
    );
    let mut commands: Vec<&CmdDef> = COMMANDS.iter().collect();
    commands.sort_by_key(|c| c.name);
    for c in commands {
        s.push_str(&format!(".SS \"\\-{}\"\n", c.name));
        s.push_str(&format!("{}.\n", roff(c.help.trim_end_matches('.'))));
        if !c.aliases.is_empty() {
            let a: Vec<String> = c.aliases.iter().map(|a| format!("\\-{a}")).collect();
            s.push_str(&format!("Also spelled {}.\n", a.join(", ")));
        }
        for o in options_of(c) {
            s.push_str(".TP\n");
            match o.arg {
                Some(a) => s.push_str(&format!(".BI \\-{} \" {}\"\n", o.name, roff(a))),
                None => s.push_str(&format!(".B \\-{}\n", o.name)),
            }
            s.push_str(&format!("{}\n", roff(o.help)));
        }
    }
    s.push_str(
        ".SH OPTIONS OF EVERY COMMAND\n\
         .TP\n\
         .BI \\-keytoolversion \" 17|21|25\"\n\
         Follow that keytool generation's defaults and wording (default 25).\n\
         .TP\n\
         .BI \\-conf \" file\"\n\
         Read options from a properties file, as keytool.\n\
         .TP\n\
         .BI \\-J option\n\
         Java options: \\fB\\-J\\-Dkeystore.pkcs12.legacy\\fR writes legacy PKCS#12,\n\
         \\fB\\-J\\-Duser.timezone=\\fIzone\\fR sets the time zone; others are ignored.\n\
         .TP\n\
         .B \\-help\n\
         Prints the usage of the command, or the list of commands.\n\
         .SH ENVIRONMENT\n\
         .TP\n\
         .B RKEYTOOL_KEYTOOL_VERSION\n\
         The keytool generation to follow (17, 21 or 25) when \\fB\\-keytoolversion\\fR is not given.\n\
         .TP\n\
         .B TZ\n\
         The time zone of printed and parsed dates (else /etc/localtime).\n\
         .TP\n\
         .B JAVA_HOME\n\
         Where \\fB\\-cacerts\\fR looks first (\\fI$JAVA_HOME/lib/security/cacerts\\fR).\n\
         .SH EXIT STATUS\n\
         0 on success; 1 on any error, reported as one line on standard error\n\
         (\\fBrkeytool error:\\fR ...), sometimes followed by a \\fBhint:\\fR line.\n\
         A failed command leaves the keystore as it was.\n\
         .SH SEE ALSO\n\
         .BR keytool (1),\n\
         .BR openssl (1)\n",
    );
    s
}
