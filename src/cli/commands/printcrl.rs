//! `-printcrl`: keytool's text for the CRLs of a file (PEM or DER), each
//! followed by who verified it.

use crate::cli::args::StoreArgs;
use crate::cli::error::{CliError, CliResult};
use crate::cli::options::{CmdDef, Opt, Parsed};
use crate::cli::prompt::Prompter;
use crate::cli::store;
use crate::cli::write_out;
use rkeytool::crl::{self, Crl};
use rkeytool::{Entry, pem, storage, text};
use std::io::Write;
use std::path::Path;

/// `-printcrl` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "printcrl",
    aliases: &[],
    help: "Prints the content of a CRL file",
    options: &[
        Opt::File,
        Opt::Keystore,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Trustcacerts,
        Opt::Providername,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
        Opt::Protected,
    ],
    keytool: true,
    run: start,
};

/// What `-printcrl` takes from the command line.
struct Args<'a> {
    file: Option<&'a str>,
    rfc: bool,
    trustcacerts: bool,
    store: StoreArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            file: p.value(Opt::File),
            rfc: p.flag(Opt::Rfc),
            trustcacerts: p.flag(Opt::Trustcacerts),
            store: StoreArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, _p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), out).map(|()| 0)
}

/// Runs `-printcrl`.
fn run(args: &Args, out: &mut dyn Write) -> CliResult<()> {
    let (data, name) = super::read_input(args.file)?;
    let crls = crl::parse_all(&data).map_err(|e| CliError::from(e).in_file(Path::new(&name)))?;
    let signers = keystore_signers(args)?;
    let mut s = String::new();
    for c in &crls {
        if args.rfc {
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
                if args.trustcacerts {
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
fn keystore_signers(args: &Args) -> CliResult<Vec<(String, rkeytool::Certificate)>> {
    let path = store::keystore_path(&args.store)?;
    if !path.exists() {
        return Ok(Vec::new());
    }
    let bytes = storage::read_keystore(&path)?;
    let password = crate::cli::prompt::from_arg(args.store.storepass, "storepass")?;
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
