//! `-exportcert` (legacy `-export`): an entry's certificate, DER or `-rfc` PEM,
//! byte for byte what keytool writes; `-chain` exports the whole chain.

use crate::cli::args::StoreArgs;
use crate::cli::error::CliResult;
use crate::cli::options::{CmdDef, Opt, Parsed};
use crate::cli::prompt::Prompter;
use crate::cli::{store, write_out};
use rkeytool::{Entry, pem, pkcs7, storage};
use std::io::Write;
use std::path::Path;

/// `-exportcert` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "exportcert",
    aliases: &["export"],
    help: "Exports certificate",
    options: &[
        Opt::Rfc,
        Opt::Alias,
        Opt::File,
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
        Opt::Chain,
    ],
    keytool: true,
    run: start,
};

/// What `-exportcert` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    chain: bool,
    rfc: bool,
    file: Option<&'a str>,
    store: StoreArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            chain: p.flag(Opt::Chain),
            rfc: p.flag(Opt::Rfc),
            file: p.value(Opt::File),
            store: StoreArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p, out).map(|()| 0)
}

/// Runs `-exportcert`.
fn run(args: &Args, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = args.alias;
    let (path, ks, password) = store::open_existing(&args.store, p, false)?;
    if password.is_none() {
        eprint!("{}", store::INTEGRITY_WARNING);
    }
    let e = ks
        .get(alias)
        .ok_or_else(|| crate::cli::error::alias_not_found(alias))?;
    let certs = match (&e.entry, args.chain) {
        (Entry::PrivateKey(pk), true) => pk.chain.clone(),
        (entry, _) => entry.certificate().cloned().into_iter().collect(),
    };
    if certs.is_empty() {
        return Err(crate::cli::error::alias_lacks(
            alias,
            crate::cli::error::Lacks::Certificate,
        ));
    }
    let bytes: Vec<u8> = if args.rfc {
        certs
            .iter()
            .map(|c| pem::encode_java("CERTIFICATE", c.der()))
            .collect::<String>()
            .into_bytes()
    } else if certs.len() == 1 {
        certs[0].der().to_vec()
    } else {
        pkcs7::encode_certificates(&certs)?
    };
    match args.file {
        Some(f) => {
            store::write_output(Path::new(f), &bytes, storage::NewFile::Public, false)?;
            eprintln!("Certificate stored in file <{f}>");
        }
        None => {
            out.write_all(&bytes).map_err(crate::cli::io_err)?;
            if !args.rfc {
                write_out(out, "")?;
            }
        }
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}
