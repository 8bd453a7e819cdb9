//! `-gencrl` (hidden in keytool's help): a CRL signed with a keystore key.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::crl::{self, Revoked};
use rkeytool::keygen::{PrivateKey, SignatureAlgorithm};
use rkeytool::keystore::now_millis;
use rkeytool::{pem, storage};
use std::io::Write;
use std::path::Path;

/// Runs `-gencrl`: `-id serial[:reason]` (repeated; none gives an empty
/// CRL, as keytool), issued by `-alias`'s certificate subject, this update
/// at `-startdate` (else now), next update `-validity` days later (90).
pub fn run(args: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = super::alias(args);
    let revoked = args
        .values("id")
        .iter()
        .map(|id| Revoked::parse(id))
        .collect::<Result<Vec<_>, _>>()?;
    let validity =
        super::number(args, "validity")?.unwrap_or(super::genkeypair::DEFAULT_VALIDITY_DAYS);
    let now_s = now_millis() / 1000;
    let this_update = match args.value("startdate") {
        Some(s) => rkeytool::calendar::parse_startdate(s, now_s)?,
        None => now_s,
    };
    let (path, ks, store_password) = store::open_existing(args, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    let (pk, pkcs8) = super::recover_key(args, p, &ks, &store_password, alias)?;
    let key = PrivateKey::from_pkcs8_der(&pkcs8)?;
    let signer = pk
        .chain
        .first()
        .ok_or_else(|| CliError::new(format!("Alias <{alias}> has no certificate")))?;
    let sigalg = match args.value("sigalg") {
        Some(s) => SignatureAlgorithm::from_name(s)?,
        None => SignatureAlgorithm::default_for(&key),
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
    let bytes = if args.flag("rfc") {
        pem::encode_java("X509 CRL", &der).into_bytes()
    } else {
        der
    };
    match args.value("file") {
        Some(f) => store::write_output(Path::new(f), &bytes, storage::NewFile::Public, false)?,
        None => out.write_all(&bytes).map_err(crate::cli::io_err)?,
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}
