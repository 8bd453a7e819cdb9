//! Makes a truststore with N distinct certificates, for the benchmarks; with
//! `same`, N aliases holding one certificate (the `-verify` duplicates case).
//!
//! Usage: cargo run --release --example gen_truststore -- N OUT [PKCS12|JKS] [PASSWORD] [same]

use rkeytool::cert::{self, CertificateTemplate};
use rkeytool::keys::{KeyAlgorithm, PrivateKey, SignatureAlgorithm};
use rkeytool::{Entry, KeyStore, Password, StoreType, StoredEntry, dname, ext, pkcs12, storage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first(), args.get(1)) else {
        return Err("usage: gen_truststore N OUT [PKCS12|JKS] [PASSWORD]".into());
    };
    let n: usize = n.parse()?;
    let t = StoreType::from_name(args.get(2).map_or("PKCS12", String::as_str)).ok_or("bad type")?;
    let password = Password::new(args.get(3).map_or("changeit", String::as_str));
    let key = PrivateKey::generate(KeyAlgorithm::Rsa, 2048)?;
    let spki = key.public_key_der()?;
    let same = args.get(4).is_some_and(|a| a == "same");
    let mut ks = KeyStore::new(t);
    let mut first = None;
    for i in 0..n {
        if same && let Some(c) = &first {
            ks.insert(StoredEntry {
                alias: format!("benchca{i:05}"),
                created_millis: 1_700_000_000_000,
                entry: Entry::TrustedCert(Clone::clone(c)),
            })?;
            continue;
        }
        let name = dname::parse(&format!("CN=Bench CA {i:05}, O=rkeytool benchmarks, C=FR"))?;
        let template = CertificateTemplate {
            serial: cert::random_serial(),
            issuer: name.clone(),
            subject: name,
            not_before: 1_700_000_000,
            not_after: 1_700_000_000 + 3650 * 86400,
            spki_der: spki.clone(),
            extensions: ext::parse_all(&["bc:c".to_string()])?.build(&spki, None, None)?,
        };
        let c = rkeytool::keys::issue(&template, &key, SignatureAlgorithm::Sha256WithRsa)?;
        first.get_or_insert_with(|| c.clone());
        ks.insert(StoredEntry {
            alias: format!("benchca{i:05}"),
            created_millis: 1_700_000_000_000,
            entry: Entry::TrustedCert(c),
        })?;
    }
    let bytes = storage::encode(&ks, Some(&password), pkcs12::Protection::Modern)?;
    storage::write_atomic(std::path::Path::new(out), &bytes)?;
    Ok(())
}
