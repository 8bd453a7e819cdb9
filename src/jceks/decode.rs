//! Reading JCEKS: the JKS cursor, plus secret key entries.

use super::{
    FORMAT, MAGIC, Record, RecordBody, TAG_PRIVATE_KEY, TAG_SECRET_KEY, TAG_TRUSTED_CERT,
    key_protector, sealed,
};
use crate::crypto::mac::ct_eq;
use crate::error::{Error, Result};
use crate::jks::common::{Reader, read_cert};
use crate::jks::{DIGEST_LEN, integrity_digest};
use crate::keystore::normalize_alias;
use crate::password::Password;

/// Smallest possible entry: tag, empty alias, date, and an empty key blob
/// with no certificates (or a version-1 certificate of length zero).
const MIN_ENTRY_LEN: usize = 4 + 2 + 8 + 4;
/// Smallest possible certificate record (version 1: just its length).
const MIN_CERT_LEN: usize = 4;

/// The records of a JCEKS file, in file order; see [`super::decode`].
pub(super) fn decode(bytes: &[u8], password: Option<&Password>) -> Result<Vec<Record>> {
    let mut r = Reader::new(bytes, FORMAT);
    if r.array::<4>("magic")? != MAGIC {
        return Err(r.malformed("does not start with the JCEKS magic CECECECE"));
    }
    let version = r.u32("version")?;
    if version != 1 && version != 2 {
        return Err(r.malformed(format!("unknown JCEKS version {version}")));
    }
    let count = r.count("entry count", MIN_ENTRY_LEN, DIGEST_LEN)?;

    let mut records = Vec::with_capacity(count);
    for _ in 0..count {
        let at = r.pos;
        let tag = r.i32("entry tag")?;
        if !matches!(tag, TAG_PRIVATE_KEY | TAG_TRUSTED_CERT | TAG_SECRET_KEY) {
            return Err(r.malformed(format!("unknown entry tag {tag} at offset {at}")));
        }
        let alias = normalize_alias(&r.utf("alias")?);
        let created_millis = r.i64("creation date")?;
        let body = match tag {
            TAG_PRIVATE_KEY => {
                let at = r.pos;
                let protected = r.length_prefixed("private key")?.to_vec();
                key_protector::check(&protected).map_err(|e| match e {
                    Error::Malformed { detail, .. } => {
                        r.malformed(format!("entry <{alias}> at offset {at}: {detail}"))
                    }
                    other => other,
                })?;
                let n = r.count("certificate chain length", MIN_CERT_LEN, DIGEST_LEN)?;
                let mut chain = Vec::with_capacity(n);
                for _ in 0..n {
                    chain.push(read_cert(&mut r, version, &alias)?);
                }
                RecordBody::PrivateKey { protected, chain }
            }
            TAG_TRUSTED_CERT => RecordBody::TrustedCert(read_cert(&mut r, version, &alias)?),
            _ => {
                let at = r.pos;
                let sealed = sealed::read(&mut r).map_err(|e| match e {
                    Error::Malformed { detail, .. } => r.malformed(format!(
                        "secret key entry <{alias}> at offset {at}: {detail}"
                    )),
                    other => other,
                })?;
                RecordBody::SecretKey {
                    sealed: sealed.bytes.to_vec(),
                }
            }
        };
        records.push(Record {
            alias,
            created_millis,
            body,
        });
    }

    let body = r.consumed();
    let stored = r.take(DIGEST_LEN, "integrity digest")?;
    if let Some(password) = password
        && !ct_eq(&integrity_digest(password, body), stored)
    {
        return Err(Error::WrongPassword);
    }
    Ok(records)
}
