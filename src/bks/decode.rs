//! Reading BKS and UBER: the header, the entry records, the integrity check.

use super::sealed::{self, KeyRecord};
use super::{
    FORMAT, FORMAT_UBER, MAC_LEN, Record, RecordBody, TYPE_CERTIFICATE, TYPE_END, TYPE_KEY,
    TYPE_SEALED, TYPE_SECRET, pbe,
};
use crate::crypto::mac::ct_eq;
use crate::error::{Error, Result};
use crate::jks::common::{Reader, read_cert};
use crate::password::Password;
use sha1::{Digest, Sha1};

/// Smallest certificate record: an empty type string and a zero length.
const MIN_CERT_LEN: usize = 2 + 4;

/// The header both formats share.
pub(super) struct Header<'a> {
    pub version: u32,
    pub salt: &'a [u8],
    pub iterations: i32,
    /// Offset of the first byte after the header.
    pub body_start: usize,
}

/// Reads the header; `format` names the errors.
pub(super) fn header<'a>(bytes: &'a [u8], format: &'static str) -> Result<Header<'a>> {
    let mut r = Reader::new(bytes, format);
    let version = r.u32("version")?;
    if version > 2 {
        return Err(r.malformed(format!("unknown {format} version {version}")));
    }
    let at = r.pos;
    let salt = r.length_prefixed("salt")?;
    if salt.is_empty() || salt.len() > pbe::MAX_SALT_LEN {
        return Err(r.malformed(format!("salt of {} bytes at offset {at}", salt.len())));
    }
    let iterations = r.i32("iteration count")?;
    Ok(Header {
        version,
        salt,
        iterations,
        body_start: r.pos,
    })
}

/// The entries up to and including the end marker, as `BcKeyStoreSpi.loadStore` reads them.
fn records(r: &mut Reader<'_>) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    loop {
        let at = r.pos;
        let [kind] = r.array::<1>("entry type")?;
        if kind == TYPE_END {
            return Ok(out);
        }
        if kind > TYPE_SEALED {
            return Err(r.malformed(format!("unknown entry type {kind} at offset {at}")));
        }
        let alias = r.utf("alias")?;
        let created_millis = r.i64("creation date")?;
        let n = r.count("certificate chain length", MIN_CERT_LEN, 0)?;
        let mut chain = Vec::with_capacity(n);
        for _ in 0..n {
            chain.push(read_cert(r, 2, &alias)?);
        }
        let body = match kind {
            TYPE_CERTIFICATE => RecordBody::Certificate(read_cert(r, 2, &alias)?),
            TYPE_KEY => RecordBody::Key(KeyRecord::read(r).map_err(|e| match e {
                Error::Malformed { detail, .. } => {
                    r.malformed(format!("key of entry <{alias}>: {detail}"))
                }
                other => other,
            })?),
            TYPE_SECRET => RecordBody::Secret(r.length_prefixed("secret")?.to_vec()),
            _ => {
                let at = r.pos;
                let blob = r.length_prefixed("sealed key")?;
                sealed::parse(blob).map_err(|e| match e {
                    Error::Malformed { detail, .. } => r.malformed(format!(
                        "sealed key of entry <{alias}> at offset {at}: {detail}"
                    )),
                    other => other,
                })?;
                RecordBody::Sealed(blob.to_vec())
            }
        };
        out.push(Record {
            alias,
            created_millis,
            chain,
            body,
        });
    }
}

/// Where a BKS walk of `bytes` ends: the offset after its MAC, unchecked
/// (for detection; the file may go on after it).
pub(super) fn bks_end(bytes: &[u8]) -> Result<usize> {
    walk_bks(bytes, None).map(|(_, end)| end)
}

/// The records of a BKS file; with a password, its HMAC is checked.
/// Bytes after the MAC are ignored, as BouncyCastle ignores them.
pub(super) fn bks(bytes: &[u8], password: Option<&Password>) -> Result<Vec<Record>> {
    walk_bks(bytes, password).map(|(out, _)| out)
}

/// The records of a BKS file and the offset after its MAC.
fn walk_bks(bytes: &[u8], password: Option<&Password>) -> Result<(Vec<Record>, usize)> {
    let h = header(bytes, FORMAT)?;
    let mut r = Reader::new(bytes, FORMAT);
    r.take(h.body_start, "header")?;
    let out = records(&mut r)?;
    let body = bytes.get(h.body_start..r.pos).unwrap_or_default();
    let stored = r.take(MAC_LEN, "integrity MAC")?;
    if let Some(password) = password {
        let iterations = pbe::check_iterations(h.iterations, FORMAT, "integrity MAC")?;
        let mac = pbe::bks_mac(password, h.salt, iterations, h.version, body)?;
        if !ct_eq(&mac, stored) {
            return Err(Error::WrongPassword);
        }
    }
    Ok((out, r.pos))
}

/// The records of an UBER file, decrypted with `password`.
pub(super) fn uber(bytes: &[u8], password: Option<&Password>) -> Result<Vec<Record>> {
    let h = header(bytes, FORMAT_UBER)?;
    if h.version == 0 {
        return Err(Error::UnsupportedFeature {
            format: "UBER",
            feature: "version 0 (OldPBEWithSHAAndTwofish-CBC, before BouncyCastle 1.0)".into(),
        });
    }
    if h.salt.len() != pbe::SALT_LEN {
        return Err(Error::malformed(
            FORMAT_UBER,
            format!("salt of {} bytes, not 20", h.salt.len()),
        ));
    }
    let iterations = pbe::check_iterations(h.iterations, FORMAT_UBER, "store encryption")?;
    let ciphertext = bytes.get(h.body_start..).unwrap_or_default();
    if ciphertext.len() < 32 || !ciphertext.len().is_multiple_of(16) {
        return Err(Error::malformed(
            FORMAT_UBER,
            format!(
                "encrypted body of {} bytes is not whole Twofish blocks",
                ciphertext.len()
            ),
        ));
    }
    let Some(password) = password else {
        return Err(Error::PasswordNeeded {
            store_type: "UBER",
            reading: true,
        });
    };
    let plain = pbe::twofish_decrypt(password, h.salt, iterations, ciphertext)?;
    // BouncyCastle writes the entries, then their SHA-1, and nothing after.
    // A wrong password (or a damaged body) decrypts to noise whose digest
    // does not match: checked before anything is parsed.
    let split = plain
        .len()
        .checked_sub(MAC_LEN)
        .ok_or(Error::WrongPassword)?;
    let (body, stored) = plain.split_at(split);
    if !ct_eq(&Sha1::digest(body), stored) {
        return Err(Error::WrongPassword);
    }
    let mut r = Reader::new(body, FORMAT_UBER);
    let out = records(&mut r)?;
    Ok(out)
}
