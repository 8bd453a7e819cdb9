//! "Is this keystore good to deploy?": findings per alias, each with a
//! severity, a stable code, a message and a hint on how to fix it.

use crate::cert::Certificate;
use crate::keys::{PrivateKey, public_key_matches};
use crate::keystore::{Entry, KeyStore, StoreType};
use crate::password::Password;
use crate::text;
use serde::Serialize;
use std::collections::HashMap;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth fixing; the keystore still works.
    Warning,
    /// The keystore, or this entry, will not work as it is.
    Error,
}

/// One thing found.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// How serious.
    pub severity: Severity,
    /// A stable code for scripts, e.g. `expires-soon`.
    pub code: &'static str,
    /// What is wrong, for people.
    pub message: String,
    /// How to fix it with rkeytool, when there is a way.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Finding {
    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Finding {
            severity,
            code,
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// What the checks need besides the store.
pub struct Options<'a> {
    /// Now, seconds since the epoch.
    pub now: i64,
    /// Warn about certificates that expire within this many days.
    pub warn_days: i64,
    /// The password for a key entry (JKS keys may have their own).
    pub key_password: &'a dyn Fn(&str) -> Option<Password>,
    /// True when the PKCS#12 file uses legacy algorithms (3DES, RC2, SHA-1 MAC).
    pub legacy_pkcs12: bool,
}

/// Findings about the store as a whole, and per alias (in the store's sorted order).
#[derive(Debug, Default)]
pub struct Report {
    /// Findings that concern the file itself.
    pub store: Vec<Finding>,
    /// Findings per alias.
    pub entries: Vec<(String, Vec<Finding>)>,
}

impl Report {
    /// True when anything is an error.
    pub fn has_errors(&self) -> bool {
        self.store
            .iter()
            .chain(self.entries.iter().flat_map(|(_, f)| f.iter()))
            .any(|f| f.severity == Severity::Error)
    }
}

/// Checks every entry of `ks` (or only `only`).
pub fn check(ks: &KeyStore, only: Option<&str>, opts: &Options) -> Report {
    let mut report = Report::default();
    match ks.store_type() {
        StoreType::Jks => report.store.push(
            Finding::new(Severity::Warning, "jks-format", "the keystore is in Sun's proprietary JKS format")
                .hint("convert it: rkeytool -importkeystore -srckeystore KS -destkeystore KS.p12 -deststoretype PKCS12"),
        ),
        StoreType::Pkcs12 if opts.legacy_pkcs12 => report.store.push(
            Finding::new(Severity::Warning, "legacy-pkcs12", "the keystore uses legacy PKCS#12 algorithms (3DES/RC2, SHA-1 MAC)")
                .hint("rewrite it with modern algorithms: rkeytool -storepasswd, or -importkeystore into a new PKCS12 file"),
        ),
        StoreType::Jceks => report.store.push(
            Finding::new(Severity::Warning, "jceks-format", "the keystore is in Sun's proprietary JCEKS format")
                .hint("convert it: rkeytool -importkeystore -srckeystore KS -destkeystore KS.p12 -deststoretype PKCS12"),
        ),
        StoreType::Bks | StoreType::Uber => report.store.push(
            Finding::new(Severity::Warning, "bks-format", format!("the keystore is in BouncyCastle's proprietary {} format (keys sealed with 3DES under SHA-1 key derivation)", ks.store_type().name()))
                .hint("keep it only where a BouncyCastle reader (Android) needs it; elsewhere convert it: rkeytool -importkeystore -srckeystore KS -destkeystore KS.p12 -deststoretype PKCS12"),
        ),
        StoreType::Pkcs12 | StoreType::Pem | StoreType::Bcfks => {}
    }

    let trusted: Vec<&Certificate> = ks
        .entries()
        .iter()
        .filter_map(|e| match &e.entry {
            Entry::TrustedCert(c) => Some(c),
            _ => None,
        })
        .collect();
    // Duplicates: the same certificate under two aliases, reported once per
    // certificate, on the first of its aliases: linear in the entries, however
    // many aliases share one certificate.
    let mut by_fingerprint: HashMap<[u8; 32], Vec<&str>> = HashMap::new();
    for e in ks.entries() {
        if let Some(c) = e.entry.certificate() {
            by_fingerprint.entry(c.sha256()).or_default().push(&e.alias);
        }
    }
    for aliases in by_fingerprint.values_mut() {
        aliases.sort_unstable();
    }

    for alias in ks.sorted_aliases() {
        if only.is_some_and(|o| crate::keystore::normalize_alias(o) != alias) {
            continue;
        }
        let Some(e) = ks.get(alias) else { continue };
        let mut f = Vec::new();
        match &e.entry {
            Entry::PrivateKey(pk) => {
                check_key(alias, pk, opts, &mut f);
                check_chain(&pk.chain, &trusted, &mut f);
                for (i, c) in pk.chain.iter().enumerate() {
                    let is_root = i + 1 == pk.chain.len() && c.is_self_issued();
                    check_certificate(c, i, is_root, opts, &mut f);
                }
            }
            Entry::TrustedCert(c) => {
                check_certificate(c, 0, c.is_self_issued(), opts, &mut f);
                if !is_ca(c) {
                    f.push(
                        Finding::new(Severity::Warning, "trusted-not-ca", "trusted certificate is not a CA certificate (no BasicConstraints CA:true)")
                            .hint(format!("if this is a server's own certificate, trust its CA instead: rkeytool -delete -alias {alias}")),
                    );
                }
            }
            // A secret key has no certificate to check.
            Entry::SecretKey(_) => {}
        }
        if let Some(c) = e.entry.certificate()
            && let Some(aliases) = by_fingerprint.get(&c.sha256())
            && aliases.len() > 1
            && aliases.first() == Some(&alias)
        {
            f.push(
                Finding::new(
                    Severity::Warning,
                    "duplicate-certificate",
                    duplicates_message(&aliases[1..]),
                )
                .hint("keep one: rkeytool -delete -alias <the other>"),
            );
        }
        report.entries.push((alias.to_string(), f));
    }
    report
}

/// The most aliases a duplicate finding names.
const DUPLICATES_NAMED: usize = 10;

/// "the same certificate is also stored under <b>, <c>" (the first ten, then a count).
fn duplicates_message(others: &[&str]) -> String {
    let named = &others[..others.len().min(DUPLICATES_NAMED)];
    let mut m = format!(
        "the same certificate is also stored under <{}>",
        named.join(">, <")
    );
    if others.len() > named.len() {
        let more = others.len() - named.len();
        m.push_str(&format!(
            " and {more} more alias{}",
            if more == 1 { "" } else { "es" }
        ));
    }
    m
}

fn check_key(
    alias: &str,
    pk: &crate::keystore::PrivateKeyEntry,
    opts: &Options,
    f: &mut Vec<Finding>,
) {
    let password = (opts.key_password)(alias);
    let Some(password) = password else {
        f.push(
            Finding::new(
                Severity::Error,
                "key-unrecoverable",
                "no key password to check the private key with",
            )
            .hint("give it with -keypass"),
        );
        return;
    };
    let der = match pk.pkcs8(alias, &password) {
        Ok(d) => d,
        Err(e) => {
            f.push(
                Finding::new(
                    Severity::Error,
                    "key-unrecoverable",
                    format!("the private key cannot be decrypted: {e}"),
                )
                .hint("give the entry's key password with -keypass"),
            );
            return;
        }
    };
    let key = match PrivateKey::from_pkcs8_der_for_signing(&der) {
        Ok(k) => k,
        Err(e) => {
            f.push(Finding::new(
                Severity::Error,
                "key-unreadable",
                format!("the private key cannot be read: {e}"),
            ));
            return;
        }
    };
    match pk.chain.first() {
        None => f.push(Finding::new(Severity::Error, "no-certificate", "the key has no certificate")),
        Some(leaf) => match leaf.spki_der().and_then(|s| public_key_matches(&key, &s)) {
            Ok(true) => {}
            _ => f.push(
                Finding::new(Severity::Error, "key-mismatch", "the private key does not match the certificate's public key")
                    .hint("import the certificate issued for this key: rkeytool -importcert -alias ALIAS -file REPLY"),
            ),
        },
    }
}

fn check_chain(chain: &[Certificate], trusted: &[&Certificate], f: &mut Vec<Finding>) {
    for (i, pair) in chain.windows(2).enumerate() {
        let (child, parent) = (&pair[0], &pair[1]);
        if child.parsed().tbs_certificate().issuer() != parent.parsed().tbs_certificate().subject()
        {
            f.push(
                Finding::new(
                    Severity::Error,
                    "chain-broken",
                    format!(
                        "certificate #{} was not issued by certificate #{} (issuer {} is not {})",
                        i + 1,
                        i + 2,
                        crate::dname::format(child.parsed().tbs_certificate().issuer()),
                        crate::dname::format(parent.parsed().tbs_certificate().subject())
                    ),
                )
                .hint("re-import the CA's reply with the right intermediate: rkeytool -importcert"),
            );
        } else if crate::keys::verify_certificate(child, parent).is_err() {
            f.push(Finding::new(Severity::Error, "chain-broken", format!(
                "the signature of certificate #{} does not verify with certificate #{}'s key", i + 1, i + 2
            )).hint("re-import the CA's reply with the right intermediate: rkeytool -importcert"));
        }
    }
    let Some(last) = chain.last() else { return };
    if last.is_self_issued() {
        if crate::keys::verify_certificate(last, last).is_err() {
            f.push(Finding::new(
                Severity::Error,
                "chain-broken",
                "the root certificate's self-signature does not verify",
            ));
        }
    } else if !trusted.iter().any(|t| crate::keys::is_signed_by(last, t)) {
        f.push(Finding::new(Severity::Warning, "chain-incomplete", format!(
            "the chain ends at {}, whose issuer {} is not in the keystore",
            crate::dname::format(last.parsed().tbs_certificate().subject()),
            crate::dname::format(last.parsed().tbs_certificate().issuer())
        )).hint("add the issuing CA: rkeytool -importcert -alias CA -file ca.pem (or import the full chain as the reply)"));
    }
}

fn check_certificate(
    c: &Certificate,
    index: usize,
    is_root: bool,
    opts: &Options,
    f: &mut Vec<Finding>,
) {
    let tbs = c.parsed().tbs_certificate();
    let validity = tbs.validity();
    let not_before = validity.not_before.to_unix_duration().as_secs() as i64;
    let not_after = validity.not_after.to_unix_duration().as_secs() as i64;
    let which = if index == 0 {
        "certificate".to_string()
    } else {
        format!("certificate #{}", index + 1)
    };
    let until = text::java_date(not_after);
    if opts.now > not_after {
        f.push(
            Finding::new(
                Severity::Error,
                "expired",
                format!("{which} expired on {until}"),
            )
            .hint("renew it: rkeytool -certreq, then -importcert the new reply"),
        );
    } else if opts.now < not_before {
        f.push(Finding::new(
            Severity::Error,
            "not-yet-valid",
            format!(
                "{which} is not valid before {}",
                text::java_date(not_before)
            ),
        ));
    } else if not_after - opts.now < opts.warn_days * 86400 {
        let days = (not_after - opts.now) / 86400;
        f.push(
            Finding::new(
                Severity::Warning,
                "expires-soon",
                format!("{which} expires in {days} days, on {until}"),
            )
            .hint("renew it: rkeytool -certreq, then -importcert the new reply"),
        );
    }
    let info = text::key_info(tbs.subject_public_key_info());
    if info.algorithm == "RSA" && info.bits.is_some_and(|b| b < 2048) {
        f.push(
            Finding::new(
                Severity::Warning,
                "weak-key",
                format!("{which} has a {}-bit RSA key", info.bits.unwrap_or(0)),
            )
            .hint("make a new key: rkeytool -genkeypair -keyalg RSA -keysize 2048 (or more)"),
        );
    }
    if !is_root {
        let sig = text::signature_algorithm_name(c);
        let upper = sig.to_ascii_uppercase();
        if upper.starts_with("SHA1WITH")
            || upper.starts_with("MD5WITH")
            || upper.starts_with("MD2WITH")
        {
            let better = if upper.ends_with("WITHECDSA") {
                "SHA256withECDSA"
            } else {
                "SHA256withRSA"
            };
            f.push(
                Finding::new(
                    Severity::Warning,
                    "weak-signature",
                    format!("{which} is signed with {sig}"),
                )
                .hint(format!(
                    "ask the CA to reissue it with SHA-256 (rkeytool -certreq -sigalg {better})"
                )),
            );
        }
    }
}

/// True for a CA certificate: BasicConstraints with CA:true.
pub fn is_ca(c: &Certificate) -> bool {
    use der::Decode;
    let Some(exts) = c.parsed().tbs_certificate().extensions() else {
        return false;
    };
    exts.iter()
        .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS)
        .and_then(|e| {
            x509_cert::ext::pkix::BasicConstraints::from_der(e.extn_value.as_bytes()).ok()
        })
        .is_some_and(|bc| bc.ca)
}
