//! `-gencert`: sign a PKCS#10 request with a keystore entry acting as CA.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use rkeytool::cert::{self, CertificateTemplate};
use rkeytool::keygen::{PrivateKey, SignatureAlgorithm};
use rkeytool::keystore::now_millis;
use rkeytool::{csr, dname, ext, pem, storage};
use std::io::Write;
use std::path::Path;

/// Runs `-gencert`.
pub fn run(args: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = super::alias(args);
    let (input, source) = super::read_input(args, "infile")?;
    let source = source.as_str();
    let request_der = if pem::is_pem(&input) {
        pem::decode_all(&String::from_utf8_lossy(&input))?
            .into_iter()
            .find(|b| b.label.ends_with("CERTIFICATE REQUEST"))
            .map(|b| b.der)
            .ok_or_else(|| CliError::new(format!("{source}: no certificate request found")))?
    } else {
        input
    };
    let request =
        csr::decode(&request_der).map_err(|e| CliError::from(e).in_file(Path::new(source)))?;
    // keytool's PKCS10 refuses a request whose signature does not verify.
    csr::verify_der(&request_der, &request)
        .map_err(|_| CliError::new("Invalid PKCS #10 signature"))?;

    let (path, ks, store_password) = store::open_existing(args, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    let (pk, pkcs8) = super::recover_key(args, p, &ks, &store_password, alias)?;
    let ca_key = PrivateKey::from_pkcs8_der(&pkcs8)?;
    let ca_cert = pk
        .chain
        .first()
        .ok_or_else(|| CliError::new(format!("Alias <{alias}> has no certificate")))?;
    let sigalg = match args.value("sigalg") {
        Some(s) => SignatureAlgorithm::from_name(s)?,
        None => SignatureAlgorithm::default_for(&ca_key),
    };
    let validity =
        super::number(args, "validity")?.unwrap_or(super::genkeypair::DEFAULT_VALIDITY_DAYS);
    let now_s = now_millis() / 1000;
    let not_before = match args.value("startdate") {
        Some(s) => rkeytool::calendar::parse_startdate(s, now_s)?,
        None => now_s,
    };
    let subject = match args.value("dname") {
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
    let extensions = ext::parse_all(args.values("ext"))?.build(
        &spki_der,
        Some(&authority_key_id),
        Some(&requested),
    )?;
    let template = CertificateTemplate {
        serial: cert::random_serial(),
        issuer: ca_tbs.subject().clone(),
        subject,
        not_before,
        not_after: not_before + i64::from(validity) * 86400,
        spki_der,
        extensions,
    };
    let issued = cert::issue(&template, &ca_key, sigalg)?;
    let bytes = if args.flag("rfc") {
        pem::encode_java("CERTIFICATE", issued.der()).into_bytes()
    } else {
        issued.der().to_vec()
    };
    match args.value("outfile") {
        Some(f) => store::write_output(Path::new(f), &bytes, storage::NewFile::Public, false)?,
        None => out.write_all(&bytes).map_err(crate::cli::io_err)?,
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}
