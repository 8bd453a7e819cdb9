//! Certificate bundles for `-importbundle`: every certificate of a PEM
//! bundle (`/etc/ssl/certs/ca-certificates.crt`), a PKCS#7 file or a folder
//! of PEM/DER files, and the aliases they are stored under.
//!
//! Aliases come from the subject: its CN, else its O, else its OU, else
//! "certificate"; lower-cased (keytool folds aliases anyway) and trimmed.
//! A name already taken gets "-2", "-3"... appended: no spaces or brackets
//! are added, so the alias stays easy to type on a command line.

use crate::cert::{self, Certificate};
use crate::error::{Error, Result};
use crate::keystore::{KeyStore, normalize_alias};
use const_oid::db::rfc4519::{CN, O, OU};
use der::asn1::Any;
use der::{Tag, Tagged};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What a bundle held.
#[derive(Debug, Default)]
pub struct Bundle {
    /// Every certificate, in file order (files of a folder by name).
    pub certificates: Vec<Certificate>,
    /// Files of a folder that held no certificate (READMEs, CRLs, keys...).
    pub skipped_files: Vec<PathBuf>,
}

/// Reads a bundle file or a folder of certificate files (not recursively;
/// symbolic links are followed).
pub fn read(path: &Path) -> Result<Bundle> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_dir() {
        let data = crate::files::read_file(path)?;
        return Ok(Bundle {
            certificates: cert::parse_certificates(&data)?,
            skipped_files: Vec::new(),
        });
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| Error::io(path, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()))
        .collect();
    files.sort();
    let mut bundle = Bundle::default();
    for f in files {
        let parsed = crate::files::read_file(&f).and_then(|d| cert::parse_certificates(&d));
        match parsed {
            Ok(certs) => bundle.certificates.extend(certs),
            Err(_) => bundle.skipped_files.push(f),
        }
    }
    Ok(bundle)
}

/// The alias a certificate gets before it is made unique: subject CN, else
/// O, else OU, else "certificate"; lower case.
pub fn base_alias(cert: &Certificate) -> String {
    let subject = cert.parsed().tbs_certificate().subject();
    for wanted in [CN, O, OU] {
        // The most specific attribute of its kind: the last in DER order.
        let found = subject
            .iter_rdn()
            .flat_map(|rdn| rdn.iter())
            .filter(|atv| atv.oid == wanted)
            .filter_map(|atv| value_as_string(&atv.value))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .last();
        if let Some(v) = found {
            return normalize_alias(&v);
        }
    }
    "certificate".into()
}

/// Hands out aliases not yet used in a store: "name", then "name-2",
/// "name-3"... Remembers the last suffix per name, so a bundle of n
/// certificates costs O(n) look-ups, not O(n²).
#[derive(Debug, Default)]
pub struct AliasMaker {
    next: HashMap<String, u32>,
}

impl AliasMaker {
    /// A fresh maker.
    pub fn new() -> Self {
        Self::default()
    }

    /// The first free alias for `base` in `store`.
    pub fn unique(&mut self, store: &KeyStore, base: &str) -> String {
        let base = normalize_alias(base);
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = if *n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            *n += 1;
            if !store.contains(&candidate) {
                return candidate;
            }
        }
    }
}

/// A string attribute value as text, whatever its string type.
fn value_as_string(value: &Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String => Some(String::from_utf8_lossy(bytes).into_owned()),
        Tag::PrintableString | Tag::Ia5String | Tag::GeneralString | Tag::VisibleString => {
            Some(String::from_utf8_lossy(bytes).into_owned())
        }
        Tag::TeletexString => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|p| match p {
                    [a, b] => u16::from_be_bytes([*a, *b]),
                    _ => 0xFFFD,
                })
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::{Entry, StoreType, StoredEntry};

    fn fixture_ca() -> Certificate {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ca.pem");
        cert::parse_certificates(&std::fs::read(path).unwrap())
            .unwrap()
            .remove(0)
    }

    #[test]
    fn alias_from_cn_and_made_unique() {
        let ca = fixture_ca();
        assert_eq!(base_alias(&ca), "fixture root ca");
        let mut ks = KeyStore::new(StoreType::Pkcs12);
        let mut maker = AliasMaker::new();
        for want in ["fixture root ca", "fixture root ca-2", "fixture root ca-3"] {
            let a = maker.unique(&ks, &base_alias(&ca));
            assert_eq!(a, want);
            ks.insert(StoredEntry {
                alias: a,
                created_millis: 0,
                entry: Entry::TrustedCert(ca.clone()),
            })
            .unwrap();
        }
        // A second maker on the same store skips what is taken.
        assert_eq!(
            AliasMaker::new().unique(&ks, "Fixture Root CA"),
            "fixture root ca-4"
        );
    }
}
