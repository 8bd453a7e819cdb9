//! `-importbundle`: every certificate of a PEM bundle, a PKCS#7 file or a
//! folder of certificate files becomes a trustedCertEntry, in one run
//! (keytool needs one JVM start per certificate). Certificates whose SHA-256
//! fingerprint the store already holds are skipped, so a second run adds
//! nothing. Aliases: see `rkeytool::bundle`.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::Prompter;
use crate::cli::store;
use rkeytool::bundle::{self, AliasMaker};
use rkeytool::keystore::now_millis;
use rkeytool::{Entry, StoredEntry, dname};
use std::collections::HashSet;
use std::path::Path;

/// Runs `-importbundle`.
pub fn run(args: &Parsed, p: &mut Prompter) -> CliResult<()> {
    let file = Path::new(args.value("file").ok_or_else(|| {
        CliError::new("-importbundle needs -file <bundle>").hint(
            "a PEM bundle such as /etc/ssl/certs/ca-certificates.crt, a PKCS#7 file, or a folder of certificates",
        )
    })?);
    let verbose = args.flag("v");
    let found = bundle::read(file).map_err(|e| CliError::from(e).in_file(file))?;
    if found.certificates.is_empty() {
        return Err(CliError::new(format!(
            "no certificate found in {}",
            file.display()
        )));
    }
    let mut open = store::open_or_create(args, p)?;
    let mut seen: HashSet<[u8; 32]> = open
        .store
        .entries()
        .iter()
        .filter_map(|e| e.entry.certificate())
        .map(|c| c.sha256())
        .collect();
    let prefix = args.value("aliasprefix").unwrap_or("");
    let mut aliases = AliasMaker::new();
    let now = now_millis();
    let (mut added, mut skipped) = (0usize, 0usize);
    for cert in found.certificates {
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
        store::save(&open, store::protection(args)?)?;
    }
    eprintln!(
        "{added} {} added to keystore, {skipped} skipped (already present)",
        if added == 1 {
            "certificate"
        } else {
            "certificates"
        }
    );
    if !found.skipped_files.is_empty() {
        eprintln!(
            "Note: {} file(s) in {} held no certificate",
            found.skipped_files.len(),
            file.display()
        );
        if verbose {
            for f in &found.skipped_files {
                eprintln!("  {}", f.display());
            }
        }
    }
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}
