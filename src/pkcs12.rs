//! PKCS#12 keystores (RFC 7292) through the `p12-keystore` crate, mapped onto
//! keytool's model: key entries with chains, and trusted certificates marked
//! with Oracle's trusted-key-usage attribute.

use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, StoreType, StoredEntry, normalize_alias,
    now_millis,
};
use crate::password::Password;
use zeroize::Zeroizing;

/// True when `bytes` look like a DER SEQUENCE, the outer shape of a PFX.
pub fn looks_like_pkcs12(bytes: &[u8]) -> bool {
    bytes.first() == Some(&0x30)
}

fn map_err(e: p12_keystore::error::Error) -> Error {
    use p12_keystore::error::Error as P;
    match e {
        P::MacError(_) | P::UnpadError | P::Pkcs5Error(_) => Error::WrongPassword,
        P::UnsupportedEncryptionScheme => Error::Unsupported("PKCS#12 encryption scheme".into()),
        P::UnsupportedMacAlgorithm => Error::Unsupported("PKCS#12 MAC algorithm".into()),
        P::UnsupportedCertificateType => {
            Error::Unsupported("PKCS#12 certificate type other than X.509".into())
        }
        P::InvalidParameters => Error::Unsupported(
            "PKCS#12 parameters (iteration count above 1,000,000, or bad scrypt parameters)".into(),
        ),
        other => Error::malformed("PKCS#12", other.to_string()),
    }
}

/// Java's `localKeyId` for entries it writes: the ASCII text "Time <millis>".
fn created_from_local_key_id(id: &[u8]) -> Option<i64> {
    std::str::from_utf8(id)
        .ok()?
        .strip_prefix("Time ")?
        .parse()
        .ok()
}

/// Decodes a PKCS#12 keystore. The MAC, when there is one, is verified with
/// `password`; a store without a password (JDK 18+ cacerts) opens with `None`.
pub fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    let pw = password.map(Password::expose).unwrap_or("");
    let archive = p12_keystore::Pkcs12Archive::from_pkcs12(bytes, pw).map_err(map_err)?;
    // (localKeyId, trusted, friendlyName, certificate) of every certificate bag.
    type Bag<'a> = (Option<&'a [u8]>, bool, Option<&'a str>, Certificate);
    let certs: Vec<Bag> = archive
        .certs
        .iter()
        .map(|c| {
            Ok((
                c.local_key_id.as_deref(),
                c.trusted,
                c.friendly_name.as_deref(),
                Certificate::from_der(c.cert.as_der())?,
            ))
        })
        .collect::<Result<_>>()?;

    let mut store = KeyStore::new(StoreType::Pkcs12);
    let mut unnamed = 0u32;
    let mut next_alias = |name: Option<&str>| match name {
        Some(n) => normalize_alias(n),
        None => {
            unnamed += 1;
            unnamed.to_string()
        }
    };

    for key in &archive.keys {
        let id = key.local_key_id.as_ref().map(|k| k.as_ref());
        let leaf = certs
            .iter()
            .find(|(cid, _, _, _)| id.is_some() && *cid == id)
            .map(|(_, _, _, c)| c.clone());
        let Some(leaf) = leaf else {
            // keytool cannot use a key without its certificate either.
            continue;
        };
        let chain = build_chain(leaf, certs.iter().map(|(_, _, _, c)| c));
        let alias = next_alias(key.friendly_name.as_deref());
        let created = id
            .and_then(created_from_local_key_id)
            .unwrap_or_else(now_millis);
        store.upsert(StoredEntry {
            alias,
            created_millis: created,
            entry: Entry::PrivateKey(PrivateKeyEntry {
                key: KeyMaterial::Plain(Zeroizing::new(key.key.as_der().to_vec())),
                chain,
            }),
        });
    }
    for (id, trusted, name, cert) in &certs {
        if *trusted && id.is_none() {
            let alias = next_alias(*name);
            if store.contains(&alias) {
                continue;
            }
            store.upsert(StoredEntry {
                alias,
                created_millis: id
                    .and_then(created_from_local_key_id)
                    .unwrap_or_else(now_millis),
                entry: Entry::TrustedCert(cert.clone()),
            });
        }
    }
    Ok(store)
}

/// Follows issuer names from `leaf` through `pool` until a self-issued
/// certificate or a missing link, without ever looping.
pub fn build_chain<'a>(
    leaf: Certificate,
    pool: impl Iterator<Item = &'a Certificate> + Clone,
) -> Vec<Certificate> {
    let mut chain = vec![leaf];
    while let Some(last) = chain.last() {
        if last.is_self_issued() {
            break;
        }
        let issuer = last.parsed().tbs_certificate().issuer();
        let next = pool
            .clone()
            .find(|c| c.parsed().tbs_certificate().subject() == issuer && !chain.contains(c));
        match next {
            Some(c) => chain.push(c.clone()),
            None => break,
        }
    }
    chain
}

/// How a PKCS#12 file is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Protection {
    /// What JDK 17+ writes: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC, 10,000
    /// iterations) for keys and certificates, HMAC-SHA256 MAC, 10,000 iterations.
    #[default]
    Modern,
    /// What JDK 8 before 8u301 and OpenSSL 1.x read: pbeWithSHAAnd3-KeyTripleDES-CBC,
    /// HMAC-SHA1 MAC.
    Legacy,
}

/// Encodes `store` as PKCS#12; every key and certificate is protected with `password`.
pub fn encode(store: &KeyStore, password: &Password, protection: Protection) -> Result<Vec<u8>> {
    use p12_keystore as p12;
    let mut out = p12::KeyStore::new();
    for e in store.entries() {
        match &e.entry {
            Entry::PrivateKey(pk) => {
                let der = match &pk.key {
                    KeyMaterial::Plain(der) => der.clone(),
                    KeyMaterial::JksProtected(_) => {
                        return Err(Error::InvalidInput(format!(
                            "key for alias <{}> must be recovered before it can be written as PKCS12",
                            e.alias
                        )));
                    }
                };
                let key = p12::PrivateKey::from_der(&der).map_err(map_err)?;
                let chain = pk
                    .chain
                    .iter()
                    .map(|c| p12::Certificate::from_der(c.der()).map_err(map_err))
                    .collect::<Result<Vec<_>>>()?;
                let local_key_id = format!("Time {}", e.created_millis);
                out.add_entry(
                    &e.alias,
                    p12::KeyStoreEntry::PrivateKeyChain(p12::PrivateKeyChain::new(
                        local_key_id.as_bytes(),
                        key,
                        chain,
                    )),
                );
            }
            Entry::TrustedCert(c) => {
                let cert = p12::Certificate::from_der(c.der()).map_err(map_err)?;
                out.add_entry(&e.alias, p12::KeyStoreEntry::Certificate(cert));
            }
        }
    }
    let writer = out.writer(password.expose());
    let writer = match protection {
        Protection::Modern => writer,
        Protection::Legacy => writer
            .encryption_algorithm(p12::EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc)
            .encryption_iterations(50_000)
            .mac_algorithm(p12::MacAlgorithm::HmacSha1)
            .mac_iterations(100_000),
    };
    writer.write().map_err(map_err)
}

/// True when a PKCS#12 file uses legacy protection: a SHA-1 MAC or any
/// PKCS#12 PBE algorithm (pbeWithSHAAnd3-KeyTripleDES-CBC, RC2, RC4).
pub fn is_legacy(bytes: &[u8]) -> bool {
    // pkcs-12PbeIds: 1.2.840.113549.1.12.1.x, as DER after the OID tag and length.
    const PBE_PREFIX: [u8; 11] = [
        0x06, 0x0A, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01,
    ];
    if bytes.windows(PBE_PREFIX.len()).any(|w| w == PBE_PREFIX) {
        return true;
    }
    mac_digest_oid(bytes).is_some_and(|oid| oid == "1.3.14.3.2.26")
}

/// The digest algorithm of the PFX's MAC, if it has one.
fn mac_digest_oid(bytes: &[u8]) -> Option<String> {
    use der::{Decode, Reader};
    let pfx = der::Any::from_der(bytes).ok()?;
    let mut r = der::SliceReader::new(pfx.value()).ok()?;
    let _version: der::Any = r.decode().ok()?;
    let _auth_safe: der::Any = r.decode().ok()?;
    if r.is_finished() {
        return None;
    }
    let mac_data: der::Any = r.decode().ok()?;
    let mut m = der::SliceReader::new(mac_data.value()).ok()?;
    let digest_info: der::Any = m.decode().ok()?;
    let mut d = der::SliceReader::new(digest_info.value()).ok()?;
    let alg: spki::AlgorithmIdentifierOwned = d.decode().ok()?;
    Some(alg.oid.to_string())
}
