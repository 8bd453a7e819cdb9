//! `-certreq`: a PKCS#10 request from a key entry.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::{store, write_out};
use rkeytool::keygen::{PrivateKey, SignatureAlgorithm};
use rkeytool::{csr, dname, ext, pem, storage};
use std::io::Write;
use std::path::Path;

/// Runs `-certreq`.
pub fn run(args: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = super::alias(args);
    let (path, ks, store_password) = store::open_existing(args, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    let (pk, pkcs8) = super::recover_key(args, p, &ks, &store_password, alias)?;
    let key = PrivateKey::from_pkcs8_der(&pkcs8)?;
    let leaf = pk
        .chain
        .first()
        .ok_or_else(|| CliError::new(format!("Alias <{alias}> has no certificate")))?;
    let subject = match args.value("dname") {
        Some(d) => dname::parse(d)?,
        None => leaf.parsed().tbs_certificate().subject().clone(),
    };
    let sigalg = match args.value("sigalg") {
        Some(s) => SignatureAlgorithm::from_name(s)?,
        None => SignatureAlgorithm::default_for(&key),
    };
    let ext_request = ext::parse_all(args.values("ext"))?;
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
    match args.value("file") {
        Some(f) => store::write_output(
            Path::new(f),
            text.as_bytes(),
            storage::NewFile::Public,
            false,
        )?,
        None => write_out(out, &text)?,
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}
