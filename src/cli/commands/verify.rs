//! `-verify` (rkeytool's own): is this keystore good to deploy? One line per
//! finding, grouped by alias, a summary last; exit 1 when anything is an error.

use crate::cli::args::StoreArgs;
use crate::cli::error::{CliError, CliResult};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::{store, write_out};
use rkeytool::keystore::now_millis;
use rkeytool::verify::{self, Finding, Severity};
use rkeytool::{Error, StoreType, json, storage};
use std::io::{IsTerminal, Write};

/// `-verify` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "verify",
    aliases: &[],
    help: "Checks a keystore and reports what is wrong (rkeytool extension)",
    options: &[
        Opt::Alias,
        Opt::Keystore,
        Opt::Cacerts,
        Opt::Storepass,
        Opt::Keypass,
        Opt::Storetype,
        Opt::Warndays,
        Opt::Json,
        Opt::V,
    ],
    keytool: false,
    run: start,
};

/// What `-verify` takes from the command line.
struct Args<'a> {
    alias: Option<&'a str>,
    warndays: Option<&'a str>,
    json: bool,
    keypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: p.value(Opt::Alias),
            warndays: p.value(Opt::Warndays),
            json: p.flag(Opt::Json),
            keypass: p.password(Opt::Keypass),
            store: StoreArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p, out)
}

/// Runs `-verify`; returns the exit status.
fn run(args: &Args, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    let path = store::keystore_path(&args.store)?;
    if !path.exists() {
        return Err(crate::cli::error::keystore_missing(&path));
    }
    let bytes = storage::read_keystore(&path)?;
    let t = storage::detect(&bytes).map_err(|e| crate::cli::store::load_error(&path, None, e))?;
    let password = match prompt::from_arg(args.store.storepass, "storepass")? {
        Some(pw) => Some(pw),
        // PEM has no store password and no integrity check to make.
        None if t == StoreType::Pem => None,
        None => p
            .secret("Enter keystore password:  ")?
            .filter(|pw| !pw.is_empty()),
    };
    let mut store_findings = Vec::new();
    let ks = match storage::decode(&bytes, password.as_ref()) {
        Ok(ks) => {
            if password.is_none() && t != StoreType::Pem {
                store_findings.push(finding(
                    Severity::Warning,
                    "integrity-unchecked",
                    "no password given: the keystore's integrity was not checked",
                    Some("give the password with -storepass:env VAR or -storepass:file F"),
                ));
            }
            ks
        }
        Err(Error::WrongPassword) => {
            store_findings.push(finding(
                Severity::Error,
                "integrity",
                "keystore password was incorrect, or the file was altered",
                Some("check the password given with -storepass"),
            ));
            match storage::decode(&bytes, None) {
                Ok(ks) => ks,
                Err(_) => rkeytool::KeyStore::new(t),
            }
        }
        Err(e) => return Err(CliError::from(e).in_file(&path)),
    };
    let key_pass = prompt::from_arg(args.keypass, "keypass")?;
    let key_password = |_: &str| match ks.store_type() {
        StoreType::Pkcs12 => password.clone(),
        // A PEM store has no password: an encrypted key opens with -keypass.
        // A PEM key in the clear opens with any password.
        StoreType::Pem => key_pass
            .clone()
            .or_else(|| password.clone())
            .or_else(|| Some(rkeytool::Password::new(""))),
        _ => key_pass.clone().or_else(|| password.clone()),
    };
    let warn_days = match args.warndays {
        None => 30,
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|d| *d >= 0)
            .ok_or_else(|| crate::cli::error::illegal_value("warndays", v))?,
    };
    let opts = verify::Options {
        now: now_millis() / 1000,
        warn_days,
        key_password: &key_password,
        legacy_pkcs12: storage::is_legacy_pkcs12(&bytes),
    };
    let only = args.alias;
    if let Some(a) = only
        && !ks.contains(a)
    {
        return Err(crate::cli::error::alias_not_found(a));
    }
    let mut report = verify::check(&ks, only, &opts);
    store_findings.append(&mut report.store);
    report.store = store_findings;
    let failed = report.has_errors();
    if args.json {
        let doc = json::document(&path.display().to_string(), &ks, only, Some(report));
        let text = serde_json::to_string_pretty(&doc).map_err(crate::cli::error::json_failed)?;
        write_out(out, &text)?;
        write_out(out, "\n")?;
    } else {
        let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        write_out(
            out,
            &text_report(
                &path.display().to_string(),
                ks.store_type().name(),
                &report,
                colour,
            ),
        )?;
    }
    Ok(if failed { 1 } else { 0 })
}

fn finding(severity: Severity, code: &'static str, message: &str, hint: Option<&str>) -> Finding {
    Finding {
        severity,
        code,
        message: message.to_string(),
        hint: hint.map(str::to_string),
    }
}

fn text_report(path: &str, kind: &str, r: &verify::Report, colour: bool) -> String {
    let paint = |sev: Severity| -> String {
        let (word, code) = match sev {
            Severity::Error => ("ERROR", "31"),
            Severity::Warning => ("WARNING", "33"),
        };
        if colour {
            format!("\x1b[{code}m{word:<7}\x1b[0m")
        } else {
            format!("{word:<7}")
        }
    };
    let line = |s: &mut String, f: &Finding| {
        s.push_str(&format!(
            "  {} {}: {}\n",
            paint(f.severity),
            f.code,
            f.message
        ));
        if let Some(h) = &f.hint {
            s.push_str(&format!("          hint: {h}\n"));
        }
    };
    let mut s = format!("Keystore {path} ({kind})\n");
    for f in &r.store {
        line(&mut s, f);
    }
    let (mut errors, mut warnings) = (0, 0);
    for f in r
        .store
        .iter()
        .chain(r.entries.iter().flat_map(|(_, f)| f.iter()))
    {
        match f.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
    }
    for (alias, fs) in &r.entries {
        if fs.is_empty() {
            s.push_str(&format!("{alias}: ok\n"));
        } else {
            s.push_str(&format!("{alias}:\n"));
            for f in fs {
                line(&mut s, f);
            }
        }
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    s.push_str(&format!(
        "{}: {}, {}, {}\n",
        if errors > 0 { "FAILED" } else { "OK" },
        plural(r.entries.len(), "entry").replace("entrys", "entries"),
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    s
}
