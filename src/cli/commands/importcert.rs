//! `-importcert` (legacy `-import`): a CA's reply onto a key entry, or a
//! trusted certificate under a new alias.

use crate::cli::args::{StoreArgs, WriteArgs};
use crate::cli::error::{CliError, CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use crate::cli::write_out;
use rkeytool::keystore::now_millis;
use rkeytool::{Certificate, Entry, StoreType, StoredEntry, cert, chain, text};
use std::io::Write;
use std::path::Path;

/// `-importcert` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "importcert",
    aliases: &["import"],
    help: "Imports a certificate or a certificate chain",
    options: &[
        Opt::Noprompt,
        Opt::Trustcacerts,
        Opt::Protected,
        Opt::Alias,
        Opt::File,
        Opt::Keypass,
        Opt::Keystore,
        Opt::Cacerts,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
        Opt::Legacy,
        Opt::Macalg,
    ],
    keytool: true,
    run: start,
};

/// What `-importcert` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    file: Option<&'a str>,
    noprompt: bool,
    trustcacerts: bool,
    keypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            file: p.value(Opt::File),
            noprompt: p.flag(Opt::Noprompt),
            trustcacerts: p.flag(Opt::Trustcacerts),
            keypass: p.password(Opt::Keypass),
            store: StoreArgs::new(p),
            write: WriteArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p, out).map(|()| 0)
}

/// Runs `-importcert`.
fn run(args: &Args, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = args.alias.to_string();
    let (data, _) = super::read_input(args.file)?;
    let certs = cert::parse_certificates(&data).map_err(|e| {
        let c = CliError::from(e);
        match args.file {
            Some(f) => c.in_file(Path::new(f)),
            None => c,
        }
    })?;
    let mut open = store::open_or_create(&args.store, p)?;
    let key_password = match open.store.store_type() {
        StoreType::Pkcs12 | StoreType::Pem => crate::cli::recover::pkcs12_key_password(
            prompt::from_arg(args.keypass, "keypass")?,
            &open.password,
        ),
        StoreType::Jks | StoreType::Jceks | StoreType::Bks | StoreType::Uber | StoreType::Bcfks => {
            prompt::from_arg(args.keypass, "keypass")?.unwrap_or_else(|| open.password.clone())
        }
    };
    // The key itself stays as read: only its chain changes.
    let _ = key_password;
    let mut anchors: Vec<Certificate> = open
        .store
        .entries()
        .iter()
        .filter_map(|e| e.entry.certificate().cloned())
        .collect();
    if args.trustcacerts {
        anchors.extend(store::cacerts_certificates()?);
    }

    let message = match open.store.get(&alias).map(|e| e.entry.clone()) {
        Some(Entry::PrivateKey(mut pk)) => {
            let leaf = pk.chain.first().cloned().ok_or_else(|| {
                crate::cli::error::alias_lacks(&alias, crate::cli::error::Lacks::Certificate)
            })?;
            let reply =
                chain::check_reply(&alias, &leaf.spki_der()?, Some(&leaf), certs, &anchors)?;
            if !reply.root_trusted {
                let top = reply
                    .chain
                    .last()
                    .cloned()
                    .ok_or(Fault::ReplyHasNoCertificates)?;
                if !args.noprompt {
                    // keytool prints the certificate on stdout, the rest on stderr.
                    eprintln!("\nTop-level certificate in reply:\n");
                    write_out(out, &text::certificate_verbose(&top))?;
                    out.flush().map_err(crate::cli::io_err)?;
                    eprintln!();
                    eprint!("... is not trusted. ");
                    if !confirm(
                        p,
                        "Install reply anyway? [no]:  ",
                        "Certificate reply was not installed in keystore",
                    )? {
                        return Ok(());
                    }
                }
            }
            pk.chain = reply.chain;
            if let Some(e) = open.store.get_mut(&alias) {
                e.entry = Entry::PrivateKey(pk);
            }
            "Certificate reply was installed in keystore"
        }
        Some(Entry::TrustedCert(_) | Entry::SecretKey(_)) => {
            return Err(crate::cli::error::alias_taken(
                &alias,
                crate::cli::error::NotMade::Certificate,
            ));
        }
        None => {
            let Some(cert) = certs.into_iter().next() else {
                return Err(Fault::NotX509.into());
            };
            let existing = open
                .store
                .entries()
                .iter()
                .find(|e| e.entry.certificate() == Some(&cert))
                .map(|e| e.alias.clone());
            if !args.noprompt {
                let question = if let Some(other) = existing {
                    eprintln!("Certificate already exists in keystore under alias <{other}>");
                    Some("Do you still want to add it? [no]:  ")
                } else if !trusted_by(&cert, &anchors) {
                    // keytool prints the certificate on stdout.
                    write_out(out, &text::certificate_verbose(&cert))?;
                    out.flush().map_err(crate::cli::io_err)?;
                    Some("Trust this certificate? [no]:  ")
                } else {
                    None
                };
                if let Some(q) = question
                    && !confirm(p, q, "Certificate was not added to keystore")?
                {
                    return Ok(());
                }
            }
            open.store.insert(StoredEntry {
                alias: alias.clone(),
                created_millis: now_millis(),
                entry: Entry::TrustedCert(cert),
            })?;
            "Certificate was added to keystore"
        }
    };
    // keytool says so before it writes (and before "[Storing ...]" with -v).
    eprintln!("{message}");
    store::save(&open, store::protection(&args.write)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}

/// True when `cert` is one of `anchors` or is signed by one of them.
fn trusted_by(cert: &Certificate, anchors: &[Certificate]) -> bool {
    anchors.contains(cert)
        || anchors
            .iter()
            .any(|a| rkeytool::keys::is_signed_by(cert, a))
}

/// keytool's yes/no question, answered on a terminal or from standard
/// input (`echo yes | rkeytool -importcert ...`). A "no" is keytool's: the
/// `declined` message and exit 0 with the keystore untouched. Only when
/// standard input is empty is it an error (never a hang).
fn confirm(p: &mut Prompter, question: &str, declined: &str) -> CliResult<bool> {
    match p.yes_no(question)? {
        Some(true) => Ok(true),
        Some(false) => {
            eprintln!("{declined}");
            Ok(false)
        }
        None => Err(Fault::ConfirmationNeeded(declined.to_string()).into()),
    }
}
