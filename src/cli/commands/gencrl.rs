//! `-gencrl` (hidden in keytool's help): a CRL signed with a keystore key.

use crate::cli::args::StoreArgs;
use crate::cli::error::CliResult;
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::recover;
use crate::cli::store;
use rkeytool::crl::{self, Revoked};
use rkeytool::keys::{PrivateKey, SignatureAlgorithm};
use rkeytool::keystore::now_millis;
use rkeytool::{pem, storage};
use std::io::Write;
use std::path::Path;

/// `-gencrl` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "gencrl",
    aliases: &[],
    help: "Generates CRL",
    options: &[
        Opt::Rfc,
        Opt::File,
        Opt::Id,
        Opt::Alias,
        Opt::Sigalg,
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

/// What `-gencrl` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    rfc: bool,
    file: Option<&'a str>,
    sigalg: Option<&'a str>,
    startdate: Option<&'a str>,
    id: &'a [String],
    validity: Option<&'a str>,
    keypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            rfc: p.flag(Opt::Rfc),
            file: p.value(Opt::File),
            sigalg: p.value(Opt::Sigalg),
            startdate: p.value(Opt::Startdate),
            id: p.values(Opt::Id),
            validity: p.value(Opt::Validity),
            keypass: p.password(Opt::Keypass),
            store: StoreArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p, out).map(|()| 0)
}

/// Runs `-gencrl`: `-id serial[:reason]` (repeated; none gives an empty
/// CRL, as keytool), issued by `-alias`'s certificate subject, this update
/// at `-startdate` (else now), next update `-validity` days later (90).
fn run(args: &Args, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = args.alias;
    let revoked = args
        .id
        .iter()
        .map(|id| Revoked::parse(id))
        .collect::<Result<Vec<_>, _>>()?;
    let validity = super::number(Opt::Validity, args.validity)?
        .unwrap_or(super::genkeypair::DEFAULT_VALIDITY_DAYS);
    let now_s = now_millis() / 1000;
    let this_update = match args.startdate {
        Some(s) => rkeytool::calendar::parse_startdate(s, now_s)?,
        None => now_s,
    };
    let (path, ks, store_password) = store::open_existing(&args.store, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    let (pk, pkcs8) = recover::private_key(args.keypass, p, &ks, &store_password, alias)?;
    let key = PrivateKey::from_pkcs8_der_for_signing(&pkcs8)?;
    let signer = pk.chain.first().ok_or_else(|| {
        crate::cli::error::alias_lacks(alias, crate::cli::error::Lacks::Certificate)
    })?;
    let sigalg = match args.sigalg {
        Some(s) => SignatureAlgorithm::from_name(s)?,
        None => SignatureAlgorithm::default_for(&key)?,
    };
    let issuer = der::Encode::to_der(signer.parsed().tbs_certificate().subject())
        .map_err(rkeytool::Error::from)?;
    let der = crl::generate(
        &issuer,
        this_update,
        this_update + i64::from(validity) * 86400,
        &revoked,
        &key,
        sigalg,
    )?;
    let bytes = if args.rfc {
        pem::encode_java("X509 CRL", &der).into_bytes()
    } else {
        der
    };
    match args.file {
        Some(f) => store::write_output(Path::new(f), &bytes, storage::NewFile::Public, false)?,
        None => out.write_all(&bytes).map_err(crate::cli::io_err)?,
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}
