//! The machine-readable form of `-list -json` and `-verify -json`.

use crate::cert::{Certificate, colon_hex};
use crate::keystore::{KeyStore, StoredEntry};
use crate::text;
use crate::verify::{Finding, Report};
use serde::Serialize;
use std::collections::BTreeMap;

/// The whole document.
#[derive(Serialize)]
pub struct Document {
    /// The keystore file as given.
    pub keystore: String,
    /// `PKCS12` or `JKS`.
    #[serde(rename = "type")]
    pub store_type: &'static str,
    /// Findings about the file itself (with -verify).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<Finding>>,
    /// Entries, sorted by alias as keytool lists them.
    pub entries: Vec<EntryJson>,
    /// With -verify: `ok`, or `errors` when at least one finding is an error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
}

/// One entry.
#[derive(Serialize)]
pub struct EntryJson {
    /// Alias.
    pub alias: String,
    /// keytool's word: `PrivateKeyEntry` or `trustedCertEntry`.
    pub entry_type: &'static str,
    /// Creation date, RFC 3339 UTC.
    pub created: String,
    /// The certificate chain, leaf first (one certificate for a trusted entry).
    pub chain: Vec<CertJson>,
    /// With -verify: what was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<Finding>>,
}

/// One certificate.
#[derive(Serialize)]
pub struct CertJson {
    /// Subject, as keytool prints it.
    pub subject: String,
    /// Issuer, as keytool prints it.
    pub issuer: String,
    /// Serial number in hex, as keytool prints it.
    pub serial: String,
    /// notBefore, RFC 3339 UTC.
    pub not_before: String,
    /// notAfter, RFC 3339 UTC.
    pub not_after: String,
    /// SHA-1 fingerprint, colon-separated upper-case hex.
    pub sha1: String,
    /// SHA-256 fingerprint, colon-separated upper-case hex.
    pub sha256: String,
    /// Java's name of the signature algorithm.
    pub signature_algorithm: String,
    /// Java's name of the key algorithm.
    pub key_algorithm: String,
    /// Key size in bits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_size: Option<u32>,
    /// Extensions by name (or OID), with criticality and keytool's rendering.
    pub extensions: BTreeMap<String, ExtJson>,
}

/// One extension.
#[derive(Serialize)]
pub struct ExtJson {
    /// Dotted OID.
    pub oid: String,
    /// Criticality.
    pub critical: bool,
    /// keytool's text for it, line by line.
    pub text: Vec<String>,
}

/// RFC 3339 in UTC for seconds since the epoch.
pub fn rfc3339(unix_seconds: i64) -> String {
    match u64::try_from(unix_seconds)
        .ok()
        .and_then(|s| der::DateTime::from_unix_duration(std::time::Duration::from_secs(s)).ok())
    {
        Some(dt) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minutes(),
            dt.seconds()
        ),
        None => unix_seconds.to_string(),
    }
}

/// A certificate as JSON.
pub fn certificate(c: &Certificate) -> CertJson {
    let tbs = c.parsed().tbs_certificate();
    let v = tbs.validity();
    // Sizes as keytool 17 reckons them, whatever the generation: keytool 25
    // prints EdDSA and XDH keys without one, but JSON keeps the field.
    let info = text::key_info_in(
        tbs.subject_public_key_info(),
        crate::Generation::Jdk17.profile(),
    );
    let mut extensions = BTreeMap::new();
    if let Some(exts) = tbs.extensions() {
        for e in exts.iter() {
            let rendered = text::extension_items(std::slice::from_ref(e));
            let body: Vec<String> = rendered
                .lines()
                .skip(1)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            let oid = e.extn_id.to_string();
            let name = text::extension_name(&oid)
                .map(str::to_string)
                .unwrap_or_else(|| oid.clone());
            extensions.insert(
                name,
                ExtJson {
                    oid,
                    critical: e.critical,
                    text: body,
                },
            );
        }
    }
    CertJson {
        subject: crate::dname::format(tbs.subject()),
        issuer: crate::dname::format(tbs.issuer()),
        serial: text::serial_number_hex(c),
        not_before: rfc3339(v.not_before.to_unix_duration().as_secs() as i64),
        not_after: rfc3339(v.not_after.to_unix_duration().as_secs() as i64),
        sha1: colon_hex(&c.sha1()),
        sha256: colon_hex(&c.sha256()),
        signature_algorithm: text::signature_algorithm_name(c),
        key_algorithm: info.algorithm,
        key_size: info.bits,
        extensions,
    }
}

fn entry(e: &StoredEntry, findings: Option<Vec<Finding>>) -> EntryJson {
    let chain = match &e.entry {
        crate::Entry::PrivateKey(pk) => pk.chain.iter().map(certificate).collect(),
        crate::Entry::TrustedCert(c) => vec![certificate(c)],
        crate::Entry::SecretKey(_) => Vec::new(),
    };
    EntryJson {
        alias: e.alias.clone(),
        entry_type: e.entry.type_name(),
        created: rfc3339(e.created_millis.div_euclid(1000)),
        chain,
        findings,
    }
}

/// The document for `-list -json` (no report) or `-verify -json` (with one).
pub fn document(path: &str, ks: &KeyStore, only: Option<&str>, report: Option<Report>) -> Document {
    let (store_findings, mut per_alias, status) = match report {
        Some(r) => {
            let status = if r.has_errors() { "errors" } else { "ok" };
            (
                Some(r.store),
                Some(r.entries.into_iter().collect::<BTreeMap<_, _>>()),
                Some(status),
            )
        }
        None => (None, None, None),
    };
    let entries = ks
        .sorted_aliases()
        .into_iter()
        .filter(|a| only.is_none_or(|o| crate::keystore::normalize_alias(o) == *a))
        .filter_map(|a| ks.get(a))
        .map(|e| {
            let f = per_alias
                .as_mut()
                .map(|m| m.remove(&e.alias).unwrap_or_default());
            entry(e, f)
        })
        .collect();
    Document {
        keystore: path.to_string(),
        store_type: ks.store_type().name(),
        findings: store_findings,
        entries,
        status,
    }
}
