//! `-printcrl`: keytool's text for the CRLs of a file (PEM or DER), each
//! followed by who verified it.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::store;
use crate::cli::write_out;
use rkeytool::crl::{self, Crl};
use rkeytool::{Entry, pem, storage, text};
use std::io::Write;
use std::path::Path;

/// Runs `-printcrl`.
pub fn run(args: &Parsed, out: &mut dyn Write) -> CliResult<()> {
    let (data, name) = super::read_input(args, "file")?;
    let crls = crl::parse_all(&data).map_err(|e| CliError::from(e).in_file(Path::new(&name)))?;
    let signers = keystore_signers(args)?;
    let mut s = String::new();
    for c in &crls {
        if args.flag("rfc") {
            s.push_str(&pem::encode_java("X509 CRL", c.der()));
        } else {
            s.push_str(&c.text());
            s.push('\n');
        }
        match verified_by(c, &signers) {
            Some((alias, key)) => {
                s.push_str(&format!("Verified by {alias} in keystore with a {key}\n"));
            }
            None => {
                s.push_str("*******************************************\n");
                if args.flag("trustcacerts") {
                    s.push_str("WARNING: not verified. Make sure -keystore is correct.\n");
                } else {
                    s.push_str(
                        "WARNING: not verified. Make sure -keystore is correct or specify -trustcacerts.\n",
                    );
                }
                s.push_str("*******************************************\n\n\n");
            }
        }
    }
    write_out(out, &s)
}

/// The certificates of the keystore (`-keystore`, else `~/.keystore` when
/// it exists) with their aliases, in the store's order: opened with
/// `-storepass` when given, else without a password, and never asked for
/// one, as keytool's `-printcrl`.
fn keystore_signers(args: &Parsed) -> CliResult<Vec<(String, rkeytool::Certificate)>> {
    let path = store::keystore_path(args)?;
    if !path.exists() {
        return Ok(Vec::new());
    }
    let bytes = storage::read_keystore(&path)?;
    let password = crate::cli::prompt::from_arg(args.password("storepass"), "storepass")?;
    let ks =
        storage::decode(&bytes, password.as_ref()).map_err(|e| CliError::from(e).in_file(&path))?;
    Ok(ks
        .entries()
        .iter()
        .filter_map(|e| match &e.entry {
            Entry::PrivateKey(pk) => pk.chain.first().map(|c| (e.alias.clone(), c.clone())),
            Entry::TrustedCert(c) => Some((e.alias.clone(), c.clone())),
            _ => None,
        })
        .collect())
}

fn verified_by(c: &Crl, signers: &[(String, rkeytool::Certificate)]) -> Option<(String, String)> {
    signers
        .iter()
        .find(|(_, cert)| c.is_signed_by(cert))
        .map(|(alias, cert)| {
            let spki = &cert.parsed().tbs_certificate().subject_public_key_info();
            (alias.clone(), text::public_key_description(spki))
        })
}
