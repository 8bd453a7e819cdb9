//! Bounded reads: every file and stream rkeytool reads has a cap far above
//! any real one, checked before memory is given to it, so that `/dev/zero`,
//! an endless pipe or a 3 GB sparse file fails at once with one line.

use super::write::backup_path;
use crate::error::{Error, Result};
use std::fs;
use std::io::{BufRead, Read};
use std::path::Path;

/// The largest keystore rkeytool reads: 512 MiB. A JDK cacerts is about
/// 200 KB; a 100,000-entry truststore about 150 MB.
pub const MAX_KEYSTORE_BYTES: u64 = 512 << 20;

/// The largest certificate, request, bundle or key file (`-file`, `-infile`,
/// `-keyfile`, standard input): 16 MiB. The Mozilla CA bundle is about 220 KB.
pub const MAX_INPUT_BYTES: u64 = 16 << 20;

/// The longest password line, read from standard input or a `:file`: 64 KiB.
pub const MAX_PASSWORD_LINE: usize = 64 << 10;

pub use crate::error::format_size;

/// The error for an input over its cap.
fn too_large(name: &str, what: &'static str, limit: u64) -> Error {
    Error::TooLarge {
        name: name.to_string(),
        what,
        limit,
    }
}

/// Reads at most `limit` bytes from `r`; more is an error naming `name`.
/// `size_hint` (a regular file's length) sizes the buffer once.
pub fn read_bounded(
    r: &mut dyn Read,
    name: &str,
    what: &'static str,
    limit: u64,
    size_hint: u64,
) -> Result<Vec<u8>> {
    let mut v = Vec::with_capacity(size_hint.min(limit) as usize);
    r.take(limit + 1)
        .read_to_end(&mut v)
        .map_err(|e| Error::io(name, e))?;
    if v.len() as u64 > limit {
        return Err(too_large(name, what, limit));
    }
    Ok(v)
}

/// Opens `path` and checks a regular file's length against `limit` before
/// anything is read: a 3 GB sparse file fails without being read.
fn open_capped(path: &Path, what: &'static str, limit: u64) -> Result<(fs::File, u64)> {
    let f = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = f.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder, not a file"),
        ));
    }
    let len = if meta.is_file() { meta.len() } else { 0 };
    if len > limit {
        return Err(too_large(&path.display().to_string(), what, limit));
    }
    Ok((f, len))
}

/// Reads a certificate, request, bundle or key file, at most [`MAX_INPUT_BYTES`].
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let (mut f, len) = open_capped(path, "a certificate or key file", MAX_INPUT_BYTES)?;
    read_bounded(
        &mut f,
        &path.display().to_string(),
        "a certificate or key file",
        MAX_INPUT_BYTES,
        len,
    )
}

/// Reads standard input (or any stream) as an input file, at most [`MAX_INPUT_BYTES`].
pub fn read_stream(r: &mut dyn Read, name: &str) -> Result<Vec<u8>> {
    read_bounded(r, name, "a certificate or key file", MAX_INPUT_BYTES, 0)
}

/// Reads a keystore, at most [`MAX_KEYSTORE_BYTES`].
///
/// The first bytes decide how much more is read: a stream that starts like
/// none of JKS, JCEKS, BKS and PKCS#12 (`/dev/zero`) stops after them, and a PKCS#12
/// whose DER length is over the cap fails before the rest is read.
///
/// When an in-place rewrite of this keystore (see [`super::write_file`]) is
/// under way or was interrupted, the complete copy of the old keystore that it
/// keeps beside the file is read instead, so a reader never sees half of it.
///
/// A folder (a PEM keystore) is read by [`crate::storage::read_keystore`].
pub fn read_keystore(path: &Path) -> Result<Vec<u8>> {
    let real = super::resolve_links(path)?;
    let backup = backup_path(&real);
    for _ in 0..3 {
        if let Some(b) = read_backup(&backup) {
            return Ok(b);
        }
        let before = stamp(&real);
        let bytes = read_keystore_file(path)?;
        if let Some(b) = read_backup(&backup) {
            return Ok(b);
        }
        if before.is_some() && before == stamp(&real) {
            return Ok(bytes);
        }
    }
    read_keystore_file(path)
}

/// How much of a file that is no keystore is read to say what it is.
const SNIFF_BYTES: u64 = 64 << 10;

/// What tells two versions of a file apart: inode, length, change time.
fn stamp(p: &Path) -> Option<(u64, u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(p).ok()?;
    Some((m.ino(), m.len(), m.ctime(), m.ctime_nsec()))
}

fn read_backup(backup: &Path) -> Option<Vec<u8>> {
    let mut f = fs::File::open(backup).ok()?;
    read_bounded(&mut f, "", "a keystore", MAX_KEYSTORE_BYTES, 0).ok()
}

fn read_keystore_file(path: &Path) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    let (f, len) = open_capped(path, "a keystore", MAX_KEYSTORE_BYTES)?;
    let mut r = std::io::BufReader::new(f);
    // Enough for a DER SEQUENCE header with a four-byte length, and for
    // BKS's version and salt length.
    let head = {
        let mut h = Vec::with_capacity(8);
        (&mut r)
            .take(8)
            .read_to_end(&mut h)
            .map_err(|e| Error::io(path, e))?;
        h
    };
    // JKS, JCEKS, and BKS/UBER (a big-endian version 0, 1 or 2, then a salt
    // length of 1 to 1024: not the zeros of /dev/zero).
    let known = head.starts_with(&[0xFE, 0xED, 0xFE, 0xED])
        || head.starts_with(&[0xCE; 4])
        || matches!(head.get(..8), Some(&[0, 0, 0, 0..=2, a, b, c, d])
            if (1..=1024).contains(&u32::from_be_bytes([a, b, c, d])));
    let limit = match head.first() {
        _ if known => MAX_KEYSTORE_BYTES,
        Some(0x30) => match der_total_length(&head) {
            Some(n) if n > MAX_KEYSTORE_BYTES => {
                return Err(too_large(&name, "a keystore", MAX_KEYSTORE_BYTES));
            }
            // A stream (a pipe, a device) is read to the SEQUENCE's end and a
            // little after it; a regular file, already checked, whole.
            Some(n) if len == 0 => n + 16,
            _ => MAX_KEYSTORE_BYTES,
        },
        // Text may be a PEM keystore: read as much as a key or certificate file.
        _ if !head.is_empty()
            && head
                .iter()
                .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace()) =>
        {
            MAX_INPUT_BYTES
        }
        // Not a keystore: the detector says so from these bytes and up to
        // 64 KiB more, enough to name a file by its first bytes.
        _ => {
            let mut head = head;
            (&mut r)
                .take(SNIFF_BYTES)
                .read_to_end(&mut head)
                .map_err(|e| Error::io(path, e))?;
            return Ok(head);
        }
    };
    let mut rest = read_bounded(
        &mut r,
        &name,
        "a keystore",
        limit.saturating_sub(head.len() as u64),
        len.saturating_sub(head.len() as u64),
    )?;
    let mut v = head;
    v.append(&mut rest);
    if v.len() as u64 > MAX_KEYSTORE_BYTES {
        return Err(too_large(&name, "a keystore", MAX_KEYSTORE_BYTES));
    }
    Ok(v)
}

/// The total length (header and content) of a definite-length DER element
/// from its first bytes; None for BER's indefinite length or a short header.
fn der_total_length(head: &[u8]) -> Option<u64> {
    let first = *head.get(1)?;
    if first < 0x80 {
        return Some(2 + u64::from(first));
    }
    let n = usize::from(first & 0x7F);
    if n == 0 || n > 4 {
        return None;
    }
    let bytes = head.get(2..2 + n)?;
    let len = bytes.iter().fold(0u64, |a, &b| (a << 8) | u64::from(b));
    Some(2 + n as u64 + len)
}

/// One line (without its line ending) from `r`, at most
/// [`MAX_PASSWORD_LINE`] bytes; None at end of input. A longer line is an
/// error naming `name`, and what was read of it is wiped.
pub fn read_line_bounded(
    r: &mut dyn BufRead,
    name: &str,
) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
    let mut line = zeroize::Zeroizing::new(Vec::new());
    let n = r
        .take(MAX_PASSWORD_LINE as u64 + 2)
        .read_until(b'\n', &mut line)
        .map_err(|e| Error::io(name, e))?;
    if n == 0 {
        return Ok(None);
    }
    while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        line.pop();
    }
    if line.len() > MAX_PASSWORD_LINE {
        return Err(Error::TooLarge {
            name: name.to_string(),
            what: "a password line",
            limit: MAX_PASSWORD_LINE as u64,
        });
    }
    Ok(Some(line))
}

/// The first line of a password file (`-storepass:file`), bounded as
/// [`read_line_bounded`]; an empty file gives an empty line.
pub fn read_password_file(path: &Path) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    let f = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut r = std::io::BufReader::new(f);
    Ok(read_line_bounded(&mut r, &path.display().to_string())?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_lengths() {
        assert_eq!(der_total_length(&[0x30, 0x05]), Some(7));
        assert_eq!(der_total_length(&[0x30, 0x81, 0xC8]), Some(3 + 200));
        assert_eq!(
            der_total_length(&[0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF]),
            Some(6 + 0x7FFF_FFFF)
        );
        assert_eq!(der_total_length(&[0x30, 0x80]), None);
        assert_eq!(der_total_length(&[0x30]), None);
    }

    #[test]
    fn endless_streams_stop_at_the_cap() {
        let mut zeros = std::io::repeat(0).take(MAX_INPUT_BYTES + 10);
        match read_stream(&mut zeros, "standard input") {
            Err(Error::TooLarge { name, limit, .. }) => {
                assert_eq!(name, "standard input");
                assert_eq!(limit, MAX_INPUT_BYTES);
            }
            other => panic!("{other:?}"),
        }
        let mut r = std::io::BufReader::new(std::io::repeat(b'a'));
        assert!(matches!(
            read_line_bounded(&mut r, "standard input"),
            Err(Error::TooLarge { .. })
        ));
        let mut r = std::io::Cursor::new(b"secret\r\nnext\n".to_vec());
        assert_eq!(
            read_line_bounded(&mut r, "x").unwrap().unwrap().as_slice(),
            b"secret"
        );
        assert_eq!(
            read_line_bounded(&mut r, "x").unwrap().unwrap().as_slice(),
            b"next"
        );
        assert!(read_line_bounded(&mut r, "x").unwrap().is_none());
    }
}
