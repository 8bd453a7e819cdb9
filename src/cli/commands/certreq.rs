//! `-certreq`: a PKCS#10 request from a key entry.

use crate::cli::args::StoreArgs;
use crate::cli::error::CliResult;
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::recover;
use crate::cli::{store, write_out};
use rkeytool::keys::{PrivateKey, SignatureAlgorithm};
use rkeytool::{csr, dname, ext, pem, storage};
use std::io::Write;
use std::path::Path;

/// `-certreq` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "certreq",
    aliases: &[],
    help: "Generates a certificate request",
    options: &[
        Opt::Alias,
        Opt::Sigalg,
        Opt::File,
        Opt::Keypass,
        Opt::Keystore,
        Opt::Dname,
        Opt::Ext,
        Opt::Storepass,
        Opt::Storetype,
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

/// What `-certreq` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    dname: Option<&'a str>,
    file: Option<&'a str>,
    sigalg: Option<&'a str>,
    ext: &'a [String],
    keypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            dname: p.value(Opt::Dname),
            file: p.value(Opt::File),
            sigalg: p.value(Opt::Sigalg),
            ext: p.values(Opt::Ext),
            keypass: p.password(Opt::Keypass),
            store: StoreArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p, out).map(|()| 0)
}

/// Runs `-certreq`.
fn run(args: &Args, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = args.alias;
    let (path, ks, store_password) = store::open_existing(&args.store, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    let (pk, pkcs8) = recover::private_key(args.keypass, p, &ks, &store_password, alias)?;
    let key = PrivateKey::from_pkcs8_der_for_signing(&pkcs8)?;
    let leaf = pk.chain.first().ok_or_else(|| {
        crate::cli::error::alias_lacks(alias, crate::cli::error::Lacks::Certificate)
    })?;
    let subject = match args.dname {
        Some(d) => dname::parse(d)?,
        None => leaf.parsed().tbs_certificate().subject().clone(),
    };
    let sigalg = match args.sigalg {
        Some(s) => SignatureAlgorithm::from_name(s)?,
        None => SignatureAlgorithm::default_for(&key)?,
    };
    let ext_request = ext::parse_all(args.ext)?;
    let spki_der = key.public_key_der()?;
    let mut extensions = ext_request.build(&spki_der, None, None)?;
    // keytool drops the certificate's SubjectAltName from the request; users
    // trip on that, so carry it over unless -ext gives one.
    if ext::find_subject_alt_name(&extensions).is_none()
        && let Some(san) = leaf
            .parsed()
            .tbs_certificate()
            .extensions()
            .and_then(|exts| ext::find_subject_alt_name(exts))
    {
        extensions.push(san.clone());
        extensions.sort_by_key(|e| e.extn_id.to_string());
    }
    let der = csr::create(subject, &key, sigalg, extensions)?;
    let text = pem::encode_java("NEW CERTIFICATE REQUEST", &der);
    match args.file {
        Some(f) => {
            store::write_output(
                Path::new(f),
                text.as_bytes(),
                storage::NewFile::Public,
                false,
            )?;
            if args.store.verbose {
                eprintln!("Certification request stored in file <{f}>\nSubmit this to your CA");
            }
        }
        None => write_out(out, &text)?,
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}
