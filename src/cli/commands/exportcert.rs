//! `-exportcert` (legacy `-export`): an entry's certificate, DER or `-rfc` PEM,
//! byte for byte what keytool writes; `-chain` exports the whole chain.

use crate::cli::error::CliResult;
use crate::cli::options::Parsed;
use crate::cli::prompt::Prompter;
use crate::cli::{store, write_out};
use rkeytool::{Entry, pem, pkcs7, storage};
use std::io::Write;
use std::path::Path;

/// Runs `-exportcert`.
pub fn run(args: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = super::alias(args);
    let (path, ks, password) = store::open_existing(args, p, false)?;
    if password.is_none() {
        eprint!("{}", store::INTEGRITY_WARNING);
    }
    let e = ks
        .get(alias)
        .ok_or_else(|| crate::cli::error::alias_not_found(alias))?;
    let certs = match (&e.entry, args.flag("chain")) {
        (Entry::PrivateKey(pk), true) => pk.chain.clone(),
        (entry, _) => entry.certificate().cloned().into_iter().collect(),
    };
    if certs.is_empty() {
        return Err(crate::cli::error::alias_lacks(
            alias,
            crate::cli::error::Lacks::Certificate,
        ));
    }
    let bytes: Vec<u8> = if args.flag("rfc") {
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
    match args.value("file") {
        Some(f) => {
            store::write_output(Path::new(f), &bytes, storage::NewFile::Public, false)?;
            eprintln!("Certificate stored in file <{f}>");
        }
        None => {
            out.write_all(&bytes).map_err(crate::cli::io_err)?;
            if !args.flag("rfc") {
                write_out(out, "")?;
            }
        }
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}
