//! PEM files and folders as keystores (`-storetype PEM`): private keys and
//! certificates in any order, with whatever text OpenSSL and others put
//! between blocks (`Bag Attributes`, `subject=`...), or a folder of such
//! files (a Kubernetes TLS secret: `tls.key`, `tls.crt`, `ca.crt`).
//!
//! Reading: every private key becomes a key entry whose chain is the
//! certificate carrying its public key, then its issuers from the file, leaf
//! first; every other certificate a trusted certificate entry. An alias is
//! the OpenSSL `friendlyName` bag attribute printed above the block, else
//! taken from the certificate's subject (see [`crate::bundle::base_alias`]).
//! Encrypted PKCS#8 keys (`ENCRYPTED PRIVATE KEY`) stay encrypted until used,
//! and then need their key password, as a PKCS12 key does.
//!
//! Writing a file: each key entry as `ENCRYPTED PRIVATE KEY` (PBES2,
//! AES-256-CBC, PBKDF2-HMAC-SHA256) under the store password, then its chain;
//! trusted certificates after; every block preceded by a `Bag Attributes`
//! `friendlyName` line so that the aliases come back when it is read.
//! Writing a Kubernetes folder: see [`write_kubernetes`]. Secret keys have no
//! PEM form: a write that holds one is refused, never dropped.

use crate::cert::Certificate;
use crate::error::{EntryKind, Error, PemProblem, Result};
use crate::keys::PrivateKey;
use crate::keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, StoreType, StoredEntry, Writable,
    normalize_alias, now_millis,
};
use crate::password::Password;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The most files read from a PEM folder.
pub const MAX_FOLDER_FILES: usize = 1000;

/// The most PEM blocks in one PEM keystore.
pub const MAX_BLOCKS: usize = 100_000;

/// PBKDF2 iterations for the keys of a PEM file we write (OpenSSL 3's default is 2048).
pub const KEY_ITERATIONS: u32 = 10_000;

/// The file names of a Kubernetes TLS secret (and cert-manager's CA).
pub const K8S_KEY: &str = "tls.key";
/// The leaf certificate and its intermediates, leaf first.
pub const K8S_CERT: &str = "tls.crt";
/// The root of the chain and any trusted certificates.
pub const K8S_CA: &str = "ca.crt";

/// True when `bytes` are PEM text: a `-----BEGIN ` line, and not DER (whose
/// second byte, a long length, is 0x80 or more).
pub fn looks_like_pem(bytes: &[u8]) -> bool {
    crate::pem::is_pem(bytes) && bytes.get(1).is_none_or(|b| *b < 0x80)
}

/// True when PEM text holds a certificate block (what makes it a keystore).
pub fn has_certificate(bytes: &[u8]) -> bool {
    const LABELS: [&[u8]; 3] = [
        b"-----BEGIN CERTIFICATE-----",
        b"-----BEGIN TRUSTED CERTIFICATE-----",
        b"-----BEGIN X509 CERTIFICATE-----",
    ];
    LABELS
        .iter()
        .any(|l| bytes.windows(l.len()).any(|w| w == *l))
}

/// Reads a folder of PEM files as one PEM text: its regular files (links
/// followed) in name order, those without a PEM block skipped, each capped
/// as a key or certificate file, at most [`MAX_FOLDER_FILES`].
pub fn read_folder(dir: &Path) -> Result<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()))
        .collect();
    if files.len() > MAX_FOLDER_FILES {
        return Err(Error::TooMany {
            what: "files in a PEM keystore folder",
            max: MAX_FOLDER_FILES as u64,
        });
    }
    files.sort();
    let mut all = Vec::new();
    for f in files {
        let data = crate::files::read_file(&f)?;
        if (all.len() + data.len()) as u64 > crate::files::MAX_KEYSTORE_BYTES {
            return Err(Error::TooLarge {
                name: dir.display().to_string(),
                what: "a PEM keystore folder",
                limit: crate::files::MAX_KEYSTORE_BYTES,
            });
        }
        if looks_like_pem(&data) {
            all.extend_from_slice(&data);
            all.push(b'\n');
        }
    }
    if all.is_empty() {
        return Err(Error::Pem {
            problem: PemProblem::NoFile,
        });
    }
    Ok(all)
}

/// One key found in the text, as read.
enum FoundKey {
    Plain(PrivateKey),
    Encrypted(Vec<u8>),
}

/// The `friendlyName:` of a `Bag Attributes` section just above a block.
fn friendly_name(before: &str) -> Option<String> {
    // Only the text since the previous block counts (after its END line).
    let since = match before.rfind("-----END ") {
        Some(i) => before[i..].split_once('\n').map_or("", |(_, rest)| rest),
        None => before,
    };
    since
        .lines()
        .filter_map(|l| l.trim().strip_prefix("friendlyName:"))
        .map(|n| n.trim().to_string())
        .rfind(|n| !n.is_empty())
}

/// Decodes PEM text as a keystore (see the module documentation).
pub fn decode(bytes: &[u8]) -> Result<KeyStore> {
    let text = Zeroizing::new(String::from_utf8_lossy(bytes).into_owned());
    let mut keys: Vec<(Option<String>, FoundKey)> = Vec::new();
    let mut certs: Vec<(Option<String>, Certificate)> = Vec::new();
    // Walk the blocks with the text above each, for its Bag Attributes.
    let mut rest: &str = &text;
    let mut count = 0usize;
    while let Some(start) = rest.find("-----BEGIN ") {
        count += 1;
        if count > MAX_BLOCKS {
            return Err(Error::TooMany {
                what: "PEM blocks in a keystore",
                max: MAX_BLOCKS as u64,
            });
        }
        let name = friendly_name(&rest[..start]);
        let after = &rest[start..];
        let label_end = after.find('\n').unwrap_or(after.len());
        let label_line = after[..label_end].trim();
        let label = label_line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
            .unwrap_or("")
            .to_string();
        let end_marker = format!("-----END {label}-----");
        let Some(end) = after.find(&end_marker) else {
            return Err(Error::malformed("PEM", format!("no END line for {label}")));
        };
        let block_text = &after[..end + end_marker.len()];
        rest = &after[end + end_marker.len()..];
        let blocks = crate::pem::decode_all(block_text)?;
        let Some(block) = blocks.into_iter().next() else {
            continue;
        };
        let der = Zeroizing::new(block.der);
        match block.label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                for c in crate::cert::parse_certificates(block_text.as_bytes())? {
                    certs.push((name.clone(), c));
                }
            }
            "PKCS7" => {
                for c in crate::pkcs7::certificates(&der, Certificate::from_der)? {
                    certs.push((None, c));
                }
            }
            "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => {
                if block
                    .headers
                    .iter()
                    .any(|(k, v)| k.eq_ignore_ascii_case("Proc-Type") && v.contains("ENCRYPTED"))
                {
                    return Err(Error::Pem {
                        problem: PemProblem::LegacyEncryptedKey,
                    });
                }
                let key = match block.label.as_str() {
                    "PRIVATE KEY" => PrivateKey::from_pkcs8_der(&der)?,
                    "RSA PRIVATE KEY" => PrivateKey::from_pkcs1_der(&der)?,
                    _ => PrivateKey::from_sec1_der(&der)?,
                };
                keys.push((name, FoundKey::Plain(key)));
            }
            "ENCRYPTED PRIVATE KEY" => keys.push((name, FoundKey::Encrypted(der.to_vec()))),
            // Parameters, public keys, requests, CRLs: not keystore entries.
            _ => {}
        }
    }
    if keys.is_empty() && certs.is_empty() {
        return Err(Error::Pem {
            problem: PemProblem::Empty,
        });
    }
    let encrypted = keys
        .iter()
        .filter(|(_, k)| matches!(k, FoundKey::Encrypted(_)))
        .count();
    if encrypted > 0 && keys.len() > 1 {
        return Err(Error::Pem {
            problem: PemProblem::SeveralKeysSomeEncrypted,
        });
    }
    let pool: Vec<Certificate> = certs.iter().map(|(_, c)| c.clone()).collect();
    let mut used = vec![false; certs.len()];
    let mut ks = KeyStore::new(StoreType::Pem);
    let mut aliases = crate::bundle::AliasMaker::new();
    let created = now_millis();
    for (i, (name, key)) in keys.into_iter().enumerate() {
        // The certificate that carries the key: by public key; for an
        // encrypted key, the one certificate that issues no other.
        let leaf = match &key {
            FoundKey::Plain(k) => {
                let mut found = None;
                for (j, (_, c)) in certs.iter().enumerate() {
                    if k.matches_certificate(c)? {
                        found = Some(j);
                        break;
                    }
                }
                found
            }
            FoundKey::Encrypted(_) => {
                let issues_another = |c: &Certificate| {
                    pool.iter().any(|o| {
                        o != c
                            && o.parsed().tbs_certificate().issuer()
                                == c.parsed().tbs_certificate().subject()
                    })
                };
                let leaves: Vec<usize> = (0..certs.len())
                    .filter(|&j| !issues_another(&certs[j].1))
                    .collect();
                (leaves.len() == 1).then(|| leaves[0])
            }
        };
        let Some(leaf) = leaf else {
            return Err(Error::Pem {
                problem: PemProblem::KeyWithoutCertificate { index: i + 1 },
            });
        };
        let chain = crate::chain::build(certs[leaf].1.clone(), pool.iter());
        for c in &chain {
            if let Some(j) = certs.iter().position(|(_, p)| p == c) {
                used[j] = true;
            }
        }
        let base = name
            .or_else(|| certs[leaf].0.clone())
            .unwrap_or_else(|| crate::bundle::base_alias(&certs[leaf].1));
        let alias = aliases.unique(&ks, &normalize_alias(&base));
        let material = match key {
            FoundKey::Plain(k) => KeyMaterial::Plain(k.into_pkcs8_der()),
            FoundKey::Encrypted(der) => KeyMaterial::Pkcs12Shrouded(der),
        };
        ks.insert(StoredEntry {
            alias,
            created_millis: created,
            entry: Entry::PrivateKey(PrivateKeyEntry {
                key: material,
                chain,
                password: None,
            }),
        })?;
    }
    for (j, (name, c)) in certs.into_iter().enumerate() {
        if used[j]
            || ks
                .entries()
                .iter()
                .any(|e| e.entry.certificate() == Some(&c))
        {
            continue;
        }
        let base = name.unwrap_or_else(|| crate::bundle::base_alias(&c));
        let alias = aliases.unique(&ks, &normalize_alias(&base));
        ks.insert(StoredEntry {
            alias,
            created_millis: created,
            entry: Entry::TrustedCert(c),
        })?;
    }
    Ok(ks)
}

fn bag_attributes(alias: &str) -> String {
    format!("Bag Attributes\n    friendlyName: {alias}\n")
}

fn cert_block(out: &mut String, alias: &str, c: &Certificate) {
    out.push_str(&bag_attributes(alias));
    out.push_str(&crate::pem::encode("CERTIFICATE", c.der()));
}

/// A PEM keystore file: every key encrypted under its entry's password, else
/// `password` (see the module documentation). Secret keys are refused.
pub fn encode(store: &KeyStore, password: &Password) -> Result<Vec<u8>> {
    let mut out = String::new();
    for e in store.entries() {
        if let Entry::PrivateKey(pk) = &e.entry {
            let epki = match pk.key.writable_as(&e.alias, StoreType::Pem)? {
                Writable::Kept(blob) => blob.to_vec(),
                Writable::Clear(der) => crate::keys::file::encrypt_pkcs8(
                    der,
                    pk.password.as_ref().unwrap_or(password),
                    KEY_ITERATIONS,
                )?,
            };
            out.push_str(&bag_attributes(&e.alias));
            out.push_str(&crate::pem::encode("ENCRYPTED PRIVATE KEY", &epki));
            for c in &pk.chain {
                cert_block(&mut out, &e.alias, c);
            }
        }
    }
    for e in store.entries() {
        match &e.entry {
            Entry::TrustedCert(c) => cert_block(&mut out, &e.alias, c),
            Entry::SecretKey(_) => return Err(not_in_pem(&e.alias)),
            Entry::PrivateKey(_) => {}
        }
    }
    Ok(out.into_bytes())
}

fn not_in_pem(alias: &str) -> Error {
    Error::EntryNotSupported {
        alias: alias.to_string(),
        store_type: "PEM",
        kind: "secret key",
    }
}

/// The three files of a Kubernetes TLS secret, as cert-manager writes them.
pub struct KubernetesFiles {
    /// `tls.key`: the private key, unencrypted PKCS#8 (`PRIVATE KEY`).
    pub key: Zeroizing<String>,
    /// `tls.crt`: the leaf certificate, then its intermediates.
    pub cert: String,
    /// `ca.crt`: the chain's self-signed root, then the trusted
    /// certificates; None when there is neither.
    pub ca: Option<String>,
}

/// The Kubernetes TLS layout of `store`: exactly one private key entry
/// (its key already recovered), its chain leaf first in `tls.crt` without a
/// self-signed root, which goes to `ca.crt` with every trusted certificate.
/// Secret keys, or more than one key, cannot be represented: refused.
pub fn kubernetes_files(store: &KeyStore) -> Result<KubernetesFiles> {
    let mut key_entry = None;
    let mut trusted = Vec::new();
    for e in store.entries() {
        match &e.entry {
            Entry::PrivateKey(pk) => {
                if key_entry.is_some() {
                    return Err(Error::Pem {
                        problem: PemProblem::SecondKey {
                            alias: e.alias.clone(),
                        },
                    });
                }
                key_entry = Some((e, pk));
            }
            Entry::TrustedCert(c) => trusted.push(c),
            Entry::SecretKey(_) => return Err(not_in_pem(&e.alias)),
        }
    }
    let Some((e, pk)) = key_entry else {
        return Err(Error::Pem {
            problem: PemProblem::NoKey,
        });
    };
    let KeyMaterial::Plain(der) = &pk.key else {
        return Err(Error::KeyNotRecovered {
            alias: e.alias.clone(),
            store_type: "PEM",
            kind: EntryKind::PrivateKey,
        });
    };
    let mut chain: Vec<&Certificate> = pk.chain.iter().collect();
    let mut ca = String::new();
    if chain.len() > 1
        && let Some(root) = chain.last()
        && root.is_self_issued()
    {
        ca.push_str(&crate::pem::encode("CERTIFICATE", root.der()));
        chain.pop();
    }
    for c in trusted {
        ca.push_str(&crate::pem::encode("CERTIFICATE", c.der()));
    }
    let cert: String = chain
        .iter()
        .map(|c| crate::pem::encode("CERTIFICATE", c.der()))
        .collect();
    Ok(KubernetesFiles {
        key: crate::pem::encode_secret("PRIVATE KEY", der),
        cert,
        ca: (!ca.is_empty()).then_some(ca),
    })
}

/// Writes `store` into the folder `dir` as a Kubernetes TLS secret (see
/// [`kubernetes_files`]): `tls.key` mode 0600, `tls.crt`, `ca.crt`. Files
/// already there are never overwritten: the write is refused before any
/// file is made.
pub fn write_kubernetes(store: &KeyStore, dir: &Path) -> Result<()> {
    let files = kubernetes_files(store)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for name in [K8S_KEY, K8S_CERT, K8S_CA] {
        let p = dir.join(name);
        if p.exists() {
            return Err(Error::Pem {
                problem: PemProblem::Exists { path: p },
            });
        }
    }
    use crate::files::{NewFile, write_file};
    write_file(
        &dir.join(K8S_KEY),
        files.key.as_bytes(),
        NewFile::Private,
        true,
    )?;
    write_file(
        &dir.join(K8S_CERT),
        files.cert.as_bytes(),
        NewFile::Public,
        true,
    )?;
    if let Some(ca) = &files.ca {
        write_file(&dir.join(K8S_CA), ca.as_bytes(), NewFile::Public, true)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_is_told_from_der() {
        assert!(looks_like_pem(
            b"Bag Attributes\n-----BEGIN CERTIFICATE-----\n"
        ));
        assert!(!looks_like_pem(&[0x30, 0x82, 0x01]));
        let mut der = vec![0x30, 0x82, 0x05, 0x00];
        der.extend_from_slice(b"-----BEGIN ");
        assert!(!looks_like_pem(&der));
    }

    #[test]
    fn friendly_names_come_from_the_text_above_the_block_only() {
        let above = "-----END CERTIFICATE-----\nBag Attributes\n    localKeyID: 01\n    friendlyName: server\nsubject=CN=x\n";
        assert_eq!(friendly_name(above).as_deref(), Some("server"));
        assert_eq!(
            friendly_name("Bag Attributes\n    friendlyName: a\n-----END CERTIFICATE-----\n"),
            None
        );
        assert_eq!(
            friendly_name("friendlyName: first\n").as_deref(),
            Some("first")
        );
    }

    #[test]
    fn text_without_blocks_is_refused() {
        assert!(decode(b"-----BEGIN X-----\nAAAA\n-----END X-----\n").is_err());
    }
}
