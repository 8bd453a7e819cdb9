//! `-certreq`: a PKCS#10 request from a key entry.

use crate::cli::error::{CliError, CliResult};
use crate::cli::options::Parsed;
use crate::cli::prompt::{self, Prompter};
use crate::cli::{store, write_out};
use rkeytool::keygen::{PrivateKey, SignatureAlgorithm};
use rkeytool::{Entry, StoreType, csr, dname, ext, pem, storage};
use std::io::Write;
use std::path::Path;

/// Runs `-certreq`.
pub fn run(args: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = super::alias(args);
    let (path, ks, store_password) = store::open_existing(args, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    let stored = ks
        .get(alias)
        .ok_or_else(|| CliError::new(format!("Alias <{alias}> does not exist")))?;
    let Entry::PrivateKey(pk) = &stored.entry else {
        return Err(CliError::new(format!("Alias <{alias}> has no key")));
    };
    let key_password = match ks.store_type() {
        StoreType::Pkcs12 => super::pkcs12_key_password(
            prompt::from_arg(args.password("keypass"), "keypass")?,
            &store_password,
        ),
        StoreType::Jks => match prompt::from_arg(args.password("keypass"), "keypass")? {
            Some(k) => k,
            None => store_password.clone(),
        },
    };
    let pkcs8 = match pk.pkcs8(&stored.alias, &key_password) {
        Ok(k) => k,
        Err(rkeytool::Error::CannotRecoverKey { .. })
            if ks.store_type() == StoreType::Jks
                && args.password("keypass").is_none()
                && p.is_tty() =>
        {
            let k = p
                .secret(&format!("Enter key password for <{alias}>:  "))?
                .ok_or_else(|| prompt::missing("key password", "keypass"))?;
            pk.pkcs8(&stored.alias, &k)?
        }
        Err(e) => return Err(e.into()),
    };
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
        Some(f) => storage::write_atomic(Path::new(f), text.as_bytes())?,
        None => write_out(out, &text)?,
    }
    store::warn_if_jks(&path, &ks);
    Ok(())
}
