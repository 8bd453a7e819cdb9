//! `-gencert`: sign a PKCS#10 request with a keystore entry acting as CA.

use crate::cli::args::StoreArgs;
use crate::cli::error::{CliError, CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::recover;
use crate::cli::store;
use rkeytool::cert::{self, CertificateTemplate};
use rkeytool::keys::{PrivateKey, SignatureAlgorithm};
use rkeytool::keystore::now_millis;
use rkeytool::{csr, dname, ext, pem, storage};
use std::io::Write;
use std::path::Path;

/// `-gencert` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "gencert",
    aliases: &[],
    help: "Generates certificate from a certificate request",
    options: &[
        Opt::Rfc,
        Opt::Infile,
        Opt::Outfile,
        Opt::Alias,
        Opt::Sigalg,
        Opt::Dname,
        Opt::Startdate,
        Opt::Ext,
        Opt::Validity,
        Opt::Keypass,
        Opt::Keystore,
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

/// What `-gencert` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    rfc: bool,
    dname: Option<&'a str>,
    infile: Option<&'a str>,
    outfile: Option<&'a str>,
    sigalg: Option<&'a str>,
    startdate: Option<&'a str>,
    ext: &'a [String],
    validity: Option<&'a str>,
    keypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            rfc: p.flag(Opt::Rfc),
            dname: p.value(Opt::Dname),
            infile: p.value(Opt::Infile),
            outfile: p.value(Opt::Outfile),
            sigalg: p.value(Opt::Sigalg),
            startdate: p.value(Opt::Startdate),
            ext: p.values(Opt::Ext),
            validity: p.value(Opt::Validity),
            keypass: p.password(Opt::Keypass),
            store: StoreArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p, out).map(|()| 0)
}

/// Runs `-gencert`.
fn run(args: &Args, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = args.alias;
    let (input, source) = super::read_input(args.infile)?;
    let source = source.as_str();
    let request_der = if pem::is_pem(&input) {
        pem::decode_all(&String::from_utf8_lossy(&input))?
            .into_iter()
            .find(|b| b.label.ends_with("CERTIFICATE REQUEST"))
            .map(|b| b.der)
            .ok_or_else(|| Fault::NoRequestFound(source.to_string()))?
    } else {
        input
    };
    let request =
        csr::decode(&request_der).map_err(|e| CliError::from(e).in_file(Path::new(source)))?;
    // keytool's PKCS10 refuses a request whose signature does not verify.
    csr::verify_der(&request_der, &request).map_err(|_| Fault::InvalidRequestSignature)?;

    let (path, ks, store_password) = store::open_existing(&args.store, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    let (pk, pkcs8) = recover::private_key(args.keypass, p, &ks, &store_password, alias)?;
    let ca_key = PrivateKey::from_pkcs8_der_for_signing(&pkcs8)?;
    let ca_cert = pk.chain.first().ok_or_else(|| {
        crate::cli::error::alias_lacks(alias, crate::cli::error::Lacks::Certificate)
    })?;
    let sigalg = match args.sigalg {
        Some(s) => SignatureAlgorithm::from_name(s)?,
        None => SignatureAlgorithm::default_for(&ca_key)?,
    };
    let validity = super::number(Opt::Validity, args.validity)?
        .unwrap_or(super::genkeypair::DEFAULT_VALIDITY_DAYS);
    let now_s = now_millis() / 1000;
    let not_before = match args.startdate {
        Some(s) => rkeytool::calendar::parse_startdate(s, now_s)?,
        None => now_s,
    };
    let subject = match args.dname {
        Some(d) => dname::parse(d)?,
        None => request.info.subject.clone(),
    };
    let ca_tbs = ca_cert.parsed().tbs_certificate();
    let authority_key_id = match ca_tbs
        .extensions()
        .and_then(|e| ext::find_subject_key_id(e))
    {
        Some(id) => id,
        None => ext::key_identifier(&ca_cert.spki_der()?)?.to_vec(),
    };
    let spki_der = der::Encode::to_der(&request.info.public_key).map_err(rkeytool::Error::from)?;
    let requested = csr::requested_extensions(&request)?;
    let extensions =
        ext::parse_all(args.ext)?.build(&spki_der, Some(&authority_key_id), Some(&requested))?;
    let template = CertificateTemplate {
        serial: cert::random_serial(),
        issuer: ca_tbs.subject().clone(),
        subject,
        not_before,
        not_after: not_before + i64::from(validity) * 86400,
        spki_der,
        extensions,
    };
    let issued = rkeytool::keys::issue(&template, &ca_key, sigalg)?;
    let bytes = if args.rfc {
        pem::encode_java("CERTIFICATE", issued.der()).into_bytes()
    } else {
        issued.der().to_vec()
    };
    match args.outfile {
        Some(f) => store::write_output(Path::new(f), &bytes, storage::NewFile::Public, false)?,
        None => out.write_all(&bytes).map_err(crate::cli::io_err)?,
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}
