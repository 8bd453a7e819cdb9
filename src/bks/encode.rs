//! Writing BKS version 2 and UBER version 1, as `BcKeyStoreSpi.engineStore` does.

use super::{
    FORMAT, Record, RecordBody, TYPE_CERTIFICATE, TYPE_END, TYPE_KEY, TYPE_SEALED, TYPE_SECRET, pbe,
};
use crate::error::Result;
use crate::jks::common::{write_cert, write_len, write_modified_utf8};
use crate::password::Password;
use sha1::{Digest, Sha1};
use zeroize::Zeroizing;

/// The BKS version BouncyCastle 1.72 writes ("BKS"; "BKS-V1" is gone).
const BKS_VERSION: u32 = 2;
/// The version BouncyCastle writes for UBER.
const UBER_VERSION: u32 = 1;

fn header(out: &mut Vec<u8>, version: u32, salt: &[u8], iterations: i32) -> Result<()> {
    out.extend_from_slice(&version.to_be_bytes());
    write_len(out, salt.len(), "salt", FORMAT)?;
    out.extend_from_slice(salt);
    out.extend_from_slice(&iterations.to_be_bytes());
    Ok(())
}

/// The entries and the end marker.
fn records(out: &mut Vec<u8>, records: &[Record]) -> Result<()> {
    for rec in records {
        let kind = match rec.body {
            RecordBody::Certificate(_) => TYPE_CERTIFICATE,
            RecordBody::Key(_) => TYPE_KEY,
            RecordBody::Secret(_) => TYPE_SECRET,
            RecordBody::Sealed(_) => TYPE_SEALED,
        };
        out.push(kind);
        write_modified_utf8(out, &rec.alias, "alias", FORMAT)?;
        out.extend_from_slice(&rec.created_millis.to_be_bytes());
        write_len(out, rec.chain.len(), "certificate chain", FORMAT)?;
        for c in &rec.chain {
            write_cert(out, c, FORMAT)?;
        }
        match &rec.body {
            RecordBody::Certificate(c) => write_cert(out, c, FORMAT)?,
            RecordBody::Key(k) => k.write(out)?,
            RecordBody::Secret(b) | RecordBody::Sealed(b) => {
                write_len(out, b.len(), "key", FORMAT)?;
                out.extend_from_slice(b);
            }
        }
    }
    out.push(TYPE_END);
    Ok(())
}

/// A BKS version 2 file: header, entries, HMAC-SHA1.
pub(super) fn bks(recs: &[Record], store_password: &Password) -> Result<Vec<u8>> {
    let (salt, iterations) = pbe::fresh_params();
    let mut out = Vec::with_capacity(4096);
    header(&mut out, BKS_VERSION, &salt, iterations)?;
    let body_start = out.len();
    records(&mut out, recs)?;
    let mac = pbe::bks_mac(
        store_password,
        &salt,
        iterations,
        BKS_VERSION,
        &out[body_start..],
    )?;
    out.extend_from_slice(&mac);
    Ok(out)
}

/// An UBER version 1 file: header, then entries and their SHA-1 under Twofish.
pub(super) fn uber(recs: &[Record], store_password: &Password) -> Result<Vec<u8>> {
    let (salt, iterations) = pbe::fresh_params();
    uber_with(recs, store_password, &salt, iterations)
}

/// An UBER version 1 file with the given salt and iteration count.
pub(super) fn uber_with(
    recs: &[Record],
    store_password: &Password,
    salt: &[u8],
    iterations: i32,
) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    header(&mut out, UBER_VERSION, salt, iterations)?;
    // The plaintext holds the keys' sealed blobs only, but is wiped all the same.
    let mut plain = Zeroizing::new(Vec::with_capacity(4096));
    records(&mut plain, recs)?;
    let digest = Sha1::digest(&plain[..]);
    plain.extend_from_slice(&digest);
    out.extend(pbe::twofish_encrypt(
        store_password,
        salt,
        iterations,
        &plain,
    )?);
    Ok(out)
}
