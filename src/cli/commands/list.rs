//! `-list`: keytool's listing, line for line (scripts parse it).

use crate::cli::args::StoreArgs;
use crate::cli::error::CliResult;
use crate::cli::options::{CmdDef, Opt, Parsed};
use crate::cli::prompt::Prompter;
use crate::cli::{store, write_out};
use rkeytool::cert::colon_hex;
use rkeytool::{Entry, StoreType, StoredEntry, text};
use std::io::Write;

/// `-list` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "list",
    aliases: &[],
    help: "Lists entries in a keystore",
    options: &[
        Opt::Rfc,
        Opt::Alias,
        Opt::Keystore,
        Opt::Cacerts,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
        Opt::Protected,
        Opt::Json,
    ],
    keytool: true,
    run: start,
};

/// What `-list` takes from the command line.
struct Args<'a> {
    alias: Option<&'a str>,
    rfc: bool,
    json: bool,
    store: StoreArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: p.value(Opt::Alias),
            rfc: p.flag(Opt::Rfc),
            json: p.flag(Opt::Json),
            store: StoreArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p, out).map(|()| 0)
}

const SEPARATOR: &str = "\n\n*******************************************\n*******************************************\n\n\n";

/// Runs `-list`.
fn run(args: &Args, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let (path, ks, password) = store::open_existing(&args.store, p, false)?;
    if args.json {
        let doc = rkeytool::json::document(&path.display().to_string(), &ks, args.alias, None);
        if let Some(a) = args.alias
            && !ks.contains(a)
        {
            return Err(crate::cli::error::alias_not_found(a));
        }
        let text = serde_json::to_string_pretty(&doc).map_err(crate::cli::error::json_failed)?;
        write_out(out, &text)?;
        return write_out(out, "\n");
    }
    let verbose = args.store.verbose;
    let rfc = args.rfc;
    if password.is_none() {
        eprint!("{}", store::INTEGRITY_WARNING);
    }
    let mut s = String::new();
    let mut warnings = Vec::new();
    match args.alias {
        Some(alias) => {
            let e = ks
                .get(alias)
                .ok_or_else(|| crate::cli::error::alias_not_found(alias))?;
            entry(&mut s, e, verbose, rfc);
            warnings.extend(weak(e));
        }
        None => {
            // The JDK provider that implements the type.
            let provider = match ks.store_type() {
                StoreType::Jceks => "SunJCE",
                StoreType::Jks | StoreType::Pkcs12 => "SUN",
                // No JDK provider reads PEM keystores.
                StoreType::Pem => "rkeytool",
                StoreType::Bks | StoreType::Uber | StoreType::Bcfks => "BC",
            };
            s.push_str(&format!(
                "Keystore type: {}\nKeystore provider: {provider}\n\n",
                ks.store_type().name()
            ));
            let n = ks.len();
            s.push_str(&format!(
                "Your keystore contains {n} {}\n\n",
                if n == 1 { "entry" } else { "entries" }
            ));
            for alias in ks.sorted_aliases() {
                if let Some(e) = ks.get(alias) {
                    entry(&mut s, e, verbose, rfc);
                    warnings.extend(weak(e));
                    if verbose || rfc {
                        s.push_str(SEPARATOR);
                    }
                }
                if s.len() > 1 << 16 {
                    write_out(out, &s)?;
                    s.clear();
                }
            }
        }
    }
    write_out(out, &s)?;
    out.flush().map_err(crate::cli::io_err)?;
    if !warnings.is_empty() {
        eprintln!("\nWarning:");
        for w in &warnings {
            eprintln!("{w}");
        }
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}

/// keytool's closing warnings for weak algorithms in an entry.
fn weak(e: &StoredEntry) -> Vec<String> {
    let label = format!("<{}>", e.alias);
    match &e.entry {
        Entry::PrivateKey(pk) => pk
            .chain
            .first()
            .map(|c| text::weak_warnings(c, &label, false))
            .unwrap_or_default(),
        Entry::TrustedCert(c) => text::weak_warnings(c, &label, true),
        Entry::SecretKey(_) => Vec::new(),
    }
}

/// One entry, as keytool's doPrintEntry prints it.
fn entry(s: &mut String, e: &StoredEntry, verbose: bool, rfc: bool) {
    let date = text::list_date(e.created_millis);
    if verbose || rfc {
        s.push_str(&format!(
            "Alias name: {}\nCreation date: {date}\nEntry type: {}\n",
            e.alias,
            e.entry.type_name()
        ));
        match &e.entry {
            Entry::PrivateKey(pk) => {
                s.push_str(&format!("Certificate chain length: {}\n", pk.chain.len()));
                for (i, c) in pk.chain.iter().enumerate() {
                    s.push_str(&format!("Certificate[{}]:\n", i + 1));
                    cert(s, c, rfc);
                }
            }
            Entry::TrustedCert(c) => {
                s.push('\n');
                if rfc {
                    cert(s, c, rfc);
                } else {
                    s.push_str(&text::certificate_verbose_with(c, true));
                }
            }
            // keytool prints nothing more for a secret key.
            Entry::SecretKey(_) => {}
        }
    } else {
        s.push_str(&format!("{}, {date}, {}, \n", e.alias, e.entry.type_name()));
        if let Some(c) = e.entry.certificate() {
            s.push_str(&format!(
                "Certificate fingerprint (SHA-256): {}\n",
                colon_hex(&c.sha256())
            ));
        } else if let Entry::PrivateKey(pk) = &e.entry {
            // A key whose certificates could not be read (no store password).
            s.push_str(&format!("Certificate chain length: {}\n", pk.chain.len()));
        }
    }
}

fn cert(s: &mut String, c: &rkeytool::Certificate, rfc: bool) {
    if rfc {
        s.push_str(&rkeytool::pem::encode_java("CERTIFICATE", c.der()));
    } else {
        s.push_str(&text::certificate_verbose(c));
    }
}
