//! The signers of a signed JAR (`-printcert -jarfile`): the certificates of
//! its signature block files (`META-INF/*.RSA`, `*.DSA`, `*.EC`, PKCS#7
//! SignedData), each ordered from the signer's certificate up its chain.
//!
//! A small bounded reader of the ZIP central directory (APPNOTE 4.3.12–16):
//! only the block files are read and inflated (stored or deflated, at most
//! [`MAX_BLOCK`] bytes each). ZIP64 archives are refused. Unlike keytool,
//! which shows a signer only once the JAR entries verify against it, the
//! signatures over the JAR's contents are not checked.

use crate::cert::Certificate;
use crate::error::{Error, Result};
use der::{Decode, Encode};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Largest signature block file read, compressed or not.
const MAX_BLOCK: usize = 1 << 20;
/// Largest central directory read.
const MAX_DIRECTORY: usize = 64 << 20;
/// Most signature block files looked at.
const MAX_SIGNERS: usize = 64;

fn bad(path: &Path, why: impl Into<String>) -> Error {
    Error::malformed("JAR", format!("{}: {}", path.display(), why.into()))
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 2)
        .map(|s| usize::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 4)
        .and_then(|s| usize::try_from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok())
}

fn read_at(f: &mut File, path: &Path, offset: u64, len: usize) -> Result<Vec<u8>> {
    let io = |e| Error::io(path, e);
    f.seek(SeekFrom::Start(offset)).map_err(io)?;
    let mut buf = vec![0u8; len];
    f.read_exact(&mut buf).map_err(io)?;
    Ok(buf)
}

/// True for a signature block file name, as the JDK's `SignatureFileVerifier.isBlockOrSF` (without `.SF`).
fn is_block(name: &str) -> bool {
    let Some(file) = name.strip_prefix("META-INF/") else {
        return false;
    };
    if file.contains('/') {
        return false;
    }
    let upper = file.to_ascii_uppercase();
    [".RSA", ".DSA", ".EC"].iter().any(|e| upper.ends_with(e))
}

/// The contents of every signature block file, in central-directory order.
fn block_files(path: &Path) -> Result<Vec<Vec<u8>>> {
    let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
    let len = f.metadata().map_err(|e| Error::io(path, e))?.len();
    let tail_len = usize::try_from(len.min(22 + 65535)).unwrap_or(22 + 65535);
    let tail_start = len - tail_len as u64; // ok: tail_len <= len
    let tail = read_at(&mut f, path, tail_start, tail_len)?;
    let eocd = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| bad(path, "not a ZIP file (no end of central directory)"))?;
    let e = &tail[eocd..];
    let (count, dir_size, dir_offset) = match (u16_at(e, 10), u32_at(e, 12), u32_at(e, 16)) {
        (Some(c), Some(s), Some(o)) => (c, s, o),
        _ => return Err(bad(path, "truncated end of central directory")),
    };
    if count == 0xffff || dir_offset == 0xffff_ffff || dir_size == 0xffff_ffff {
        return Err(bad(path, "ZIP64 archives are not supported"));
    }
    if dir_size > MAX_DIRECTORY || (dir_offset + dir_size) as u64 > len {
        return Err(bad(path, "central directory out of bounds"));
    }
    let dir = read_at(&mut f, path, dir_offset as u64, dir_size)?;
    let mut blocks = Vec::new();
    let mut at = 0;
    for _ in 0..count {
        if !dir.get(at..).is_some_and(|d| d.starts_with(b"PK\x01\x02")) {
            return Err(bad(path, "damaged central directory"));
        }
        let field = |o| u16_at(&dir, at + o).ok_or_else(|| bad(path, "damaged central directory"));
        let (method, name_len, extra_len, comment_len) =
            (field(10)?, field(28)?, field(30)?, field(32)?);
        let comp = u32_at(&dir, at + 20).ok_or_else(|| bad(path, "damaged central directory"))?;
        let size = u32_at(&dir, at + 24).ok_or_else(|| bad(path, "damaged central directory"))?;
        let local = u32_at(&dir, at + 42).ok_or_else(|| bad(path, "damaged central directory"))?;
        let name = dir
            .get(at + 46..at + 46 + name_len)
            .ok_or_else(|| bad(path, "damaged central directory"))?;
        let name = String::from_utf8_lossy(name).into_owned();
        at += 46 + name_len + extra_len + comment_len;
        if !is_block(&name) {
            continue;
        }
        if blocks.len() >= MAX_SIGNERS {
            return Err(bad(path, "too many signature block files"));
        }
        if comp > MAX_BLOCK || size > MAX_BLOCK {
            return Err(bad(path, format!("{name}: signature block too large")));
        }
        let header = read_at(&mut f, path, local as u64, 30)?;
        if !header.starts_with(b"PK\x03\x04") {
            return Err(bad(path, format!("{name}: damaged local header")));
        }
        let skip = 30 + u16_at(&header, 26).unwrap_or(0) + u16_at(&header, 28).unwrap_or(0);
        let data = read_at(&mut f, path, local as u64 + skip as u64, comp)?;
        let content = match method {
            0 => data,
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(&data, MAX_BLOCK)
                .map_err(|_| bad(path, format!("{name}: cannot inflate")))?,
            m => return Err(bad(path, format!("{name}: compression method {m}"))),
        };
        blocks.push(content);
    }
    Ok(blocks)
}

/// The signers of the JAR at `path`, each as its certificate path (the
/// signer's certificate first, then its issuers from the block); empty
/// for an unsigned JAR. Signers with the same certificates are listed once.
pub fn signers(path: &Path) -> Result<Vec<Vec<Certificate>>> {
    let mut out: Vec<Vec<Certificate>> = Vec::new();
    for block in block_files(path)? {
        let certs = crate::pkcs7::certificates(&block, Certificate::from_der)?;
        let path_certs = order(&block, certs);
        if !path_certs.is_empty() && !out.contains(&path_certs) {
            out.push(path_certs);
        }
    }
    Ok(out)
}

/// The signer's certificate (named by the first SignerInfo) and its issuers.
fn order(block: &[u8], certs: Vec<Certificate>) -> Vec<Certificate> {
    let signer_id = cms::content_info::ContentInfo::from_der(block)
        .ok()
        .and_then(|ci| ci.content.decode_as::<cms::signed_data::SignedData>().ok())
        .and_then(|sd| sd.signer_infos.0.iter().next().map(|si| si.sid.clone()));
    let leaf = match signer_id {
        Some(cms::signed_data::SignerIdentifier::IssuerAndSerialNumber(id)) => {
            certs.iter().position(|c| {
                let tbs = c.parsed().tbs_certificate();
                tbs.issuer() == &id.issuer
                    && tbs.serial_number().to_der().ok() == id.serial_number.to_der().ok()
            })
        }
        _ => None,
    }
    .unwrap_or(0);
    let Some(first) = certs.get(leaf) else {
        return Vec::new();
    };
    let mut chain = vec![first.clone()];
    while chain.len() < certs.len() {
        let last = chain[chain.len() - 1].parsed().tbs_certificate();
        if last.issuer() == last.subject() {
            break;
        }
        match certs
            .iter()
            .find(|c| c.parsed().tbs_certificate().subject() == last.issuer() && !chain.contains(c))
        {
            Some(next) => chain.push(next.clone()),
            None => break,
        }
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_names() {
        assert!(is_block("META-INF/SIGNER.RSA"));
        assert!(is_block("META-INF/x.ec"));
        assert!(is_block("META-INF/A.DSA"));
        assert!(!is_block("META-INF/A.SF"));
        assert!(!is_block("META-INF/sub/A.RSA"));
        assert!(!is_block("A.RSA"));
    }
}
