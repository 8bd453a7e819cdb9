//! `-importbundle`: every certificate of a PEM bundle, a PKCS#7 file or a
//! folder of certificate files becomes a trustedCertEntry, in one run
//! (keytool needs one JVM start per certificate). Certificates whose SHA-256
//! fingerprint the store already holds are skipped, so a second run adds
//! nothing. Aliases: see `rkeytool::bundle`. With `-sslserver host:port`,
//! the CA certificates of the chain a TLS server presents, shown first.

use crate::cli::args::{StoreArgs, WriteArgs};
use crate::cli::error::{CliError, CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed};
use crate::cli::prompt::Prompter;
use crate::cli::store;
use rkeytool::bundle::{self, AliasMaker};
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, StoredEntry, dname};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// `-importbundle` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "importbundle",
    aliases: &[],
    help: "Imports every certificate of a bundle as trusted",
    options: &[
        Opt::File,
        Opt::Sslserver,
        Opt::Noprompt,
        Opt::Aliasprefix,
        Opt::Keystore,
        Opt::Cacerts,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Legacy,
        Opt::Macalg,
        Opt::V,
    ],
    keytool: false,
    run: start,
};

/// What `-importbundle` takes from the command line.
struct Args<'a> {
    file: Option<&'a str>,
    sslserver: Option<&'a str>,
    noprompt: bool,
    aliasprefix: Option<&'a str>,
    store: StoreArgs<'a>,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            file: p.value(Opt::File),
            sslserver: p.value(Opt::Sslserver),
            noprompt: p.flag(Opt::Noprompt),
            aliasprefix: p.value(Opt::Aliasprefix),
            store: StoreArgs::new(p),
            write: WriteArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p).map(|()| 0)
}

/// Runs `-importbundle`.
fn run(args: &Args, p: &mut Prompter) -> CliResult<()> {
    let verbose = args.store.verbose;
    let (certificates, skipped_files, source) = match args.sslserver {
        Some(server) => {
            if args.file.is_some() {
                return Err(Fault::BundleFileAndServer.into());
            }
            match server_cas(args, p, server)? {
                Some(cas) => (cas, Vec::new(), server.to_string()),
                None => return Ok(()),
            }
        }
        None => {
            let file = Path::new(
                args.file
                    .ok_or_else(|| CliError::from(Fault::BundleNeedsFile))?,
            );
            let found = bundle::read(file).map_err(|e| CliError::from(e).in_file(file))?;
            if found.certificates.is_empty() {
                return Err(Fault::NoCertificateIn(file.to_path_buf()).into());
            }
            (
                found.certificates,
                found.skipped_files,
                file.display().to_string(),
            )
        }
    };
    let mut open = store::open_or_create(&args.store, p)?;
    let mut seen: HashSet<[u8; 32]> = open
        .store
        .entries()
        .iter()
        .filter_map(|e| e.entry.certificate())
        .map(|c| c.sha256())
        .collect();
    let prefix = args.aliasprefix.unwrap_or("");
    let mut aliases = AliasMaker::new();
    let now = now_millis();
    let (mut added, mut skipped) = (0usize, 0usize);
    for cert in certificates {
        if !seen.insert(cert.sha256()) {
            skipped += 1;
            continue;
        }
        let alias = aliases.unique(
            &open.store,
            &format!("{prefix}{}", bundle::base_alias(&cert)),
        );
        if verbose {
            eprintln!(
                "Adding <{alias}>: {}",
                dname::format(cert.parsed().tbs_certificate().subject())
            );
        }
        open.store.insert(StoredEntry {
            alias,
            created_millis: now,
            entry: Entry::TrustedCert(cert),
        })?;
        added += 1;
    }
    if added > 0 {
        store::save(&open, store::protection(&args.write)?)?;
    }
    eprintln!(
        "{added} {} added to keystore, {skipped} skipped (already present)",
        if added == 1 {
            "certificate"
        } else {
            "certificates"
        }
    );
    if !skipped_files.is_empty() {
        eprintln!(
            "Note: {} file(s) in {source} held no certificate",
            skipped_files.len(),
        );
        if verbose {
            for f in &skipped_files {
                eprintln!("  {}", f.display());
            }
        }
    }
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}

/// `-sslserver host:port`: the CA certificates (BasicConstraints CA:true) of
/// the chain the server presents, shown with their SHA-256 fingerprints and
/// confirmed (unless `-noprompt`) before anything is imported. `None` when
/// the answer is no.
fn server_cas(
    args: &Args,
    p: &mut Prompter,
    server: &str,
) -> CliResult<Option<Vec<rkeytool::Certificate>>> {
    let chain = super::sslserver::fetch(server)?;
    let cas: Vec<_> = chain.into_iter().filter(rkeytool::verify::is_ca).collect();
    if cas.is_empty() {
        return Err(Fault::OnlyServerCertificate(server.to_string()).into());
    }
    eprintln!("CA certificates presented by {server}:");
    for c in &cas {
        eprintln!(
            "  {}\n    SHA-256: {}",
            dname::format(c.parsed().tbs_certificate().subject()),
            rkeytool::cert::colon_hex(&c.sha256())
        );
    }
    if !args.noprompt {
        match p.yes_no("Trust these certificates? [no]:  ")? {
            Some(true) => {}
            Some(false) => {
                eprintln!("Certificates were not added to keystore");
                return Ok(None);
            }
            None => {
                return Err(Fault::BundleConfirmationNeeded.into());
            }
        }
    }
    Ok(Some(cas))
}
