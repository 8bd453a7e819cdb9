//! What JKS and JCEKS share, byte for byte: a bounds-checked cursor over the
//! file, Java's modified UTF-8 (`DataInput.readUTF` / `DataOutput.writeUTF`),
//! `i32` lengths, and certificate records (`UTF type ‖ i32 len ‖ DER`).
//! Both `sun.security.provider.JavaKeyStore` and
//! `com.sun.crypto.provider.JceKeyStore` write these the same way; errors
//! name the format the cursor was made for.

use super::CERT_TYPE_X509;
use crate::cert::Certificate;
use crate::error::{Error, Result};

/// A cursor over the input that never reads past its end; its errors are
/// [`Error::Malformed`] for `format`.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    /// Offset of the next byte to read.
    pub(crate) pos: usize,
    format: &'static str,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8], format: &'static str) -> Self {
        Reader {
            bytes,
            pos: 0,
            format,
        }
    }

    /// A damaged-file error for this cursor's format.
    pub(crate) fn malformed(&self, detail: impl Into<String>) -> Error {
        Error::malformed(self.format, detail)
    }

    /// The bytes read so far.
    pub(crate) fn consumed(&self) -> &'a [u8] {
        self.bytes.get(..self.pos).unwrap_or(self.bytes)
    }

    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    /// The next `n` bytes; `what` names them in the error when the input is too short.
    pub(crate) fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| {
                self.malformed(format!(
                    "truncated at offset {}: {what} needs {n} bytes, {} left",
                    self.pos,
                    self.remaining()
                ))
            })?;
        let out = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| self.malformed("internal bounds"))?;
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N, what)?);
        Ok(out)
    }

    pub(crate) fn u16(&mut self, what: &str) -> Result<u16> {
        Ok(u16::from_be_bytes(self.array(what)?))
    }

    pub(crate) fn u32(&mut self, what: &str) -> Result<u32> {
        Ok(u32::from_be_bytes(self.array(what)?))
    }

    pub(crate) fn i32(&mut self, what: &str) -> Result<i32> {
        Ok(i32::from_be_bytes(self.array(what)?))
    }

    pub(crate) fn i64(&mut self, what: &str) -> Result<i64> {
        Ok(i64::from_be_bytes(self.array(what)?))
    }

    /// A non-negative `i32` count whose items each take at least `min_item` bytes:
    /// refused before anything is allocated when the input cannot hold them.
    pub(crate) fn count(&mut self, what: &str, min_item: usize, reserve: usize) -> Result<usize> {
        let at = self.pos;
        let n = self.i32(what)?;
        let n = usize::try_from(n)
            .map_err(|_| self.malformed(format!("negative {what} {n} at offset {at}")))?;
        let room = self.remaining().saturating_sub(reserve) / min_item.max(1);
        if n > room {
            return Err(self.malformed(format!(
                "{what} {n} at offset {at} exceeds what the remaining {} bytes can hold",
                self.remaining()
            )));
        }
        Ok(n)
    }

    /// An `i32` length followed by that many bytes.
    pub(crate) fn length_prefixed(&mut self, what: &str) -> Result<&'a [u8]> {
        let at = self.pos;
        let n = self.i32(what)?;
        let n = usize::try_from(n)
            .map_err(|_| self.malformed(format!("negative length {n} of {what} at offset {at}")))?;
        self.take(n, what)
    }

    /// A string in `DataInput.readUTF` form: `u16` length, then modified UTF-8.
    pub(crate) fn utf(&mut self, what: &str) -> Result<String> {
        let at = self.pos;
        let len = self.u16(what)?;
        let bytes = self.take(usize::from(len), what)?;
        decode_modified_utf8(bytes).map_err(|e| match e {
            Utf8Error::Malformed(detail) => {
                self.malformed(format!("{what} at offset {at}: {detail}"))
            }
            Utf8Error::UnpairedSurrogate => Error::UnsupportedFeature {
                format: self.format,
                feature: format!("{what} at offset {at} with an unpaired UTF-16 surrogate"),
            },
        })
    }
}

/// Why a modified UTF-8 string could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Utf8Error {
    /// The bytes are not modified UTF-8 (Java's `UTFDataFormatException`).
    Malformed(&'static str),
    /// Valid modified UTF-8 for a Java string that has no Rust equivalent.
    UnpairedSurrogate,
}

/// Decodes Java's modified UTF-8 as `DataInputStream.readUTF` does: one to
/// three bytes per UTF-16 code unit, `C0 80` (or a bare `00`) for NUL, and
/// characters outside the BMP as two three-byte surrogates. Overlong forms
/// are accepted, as Java accepts them; four-byte forms are not.
pub(crate) fn decode_modified_utf8(bytes: &[u8]) -> std::result::Result<String, Utf8Error> {
    let cont = |b: Option<&u8>| -> std::result::Result<u16, Utf8Error> {
        match b {
            Some(&b) if b & 0xC0 == 0x80 => Ok(u16::from(b & 0x3F)),
            Some(_) => Err(Utf8Error::Malformed(
                "bad continuation byte in modified UTF-8",
            )),
            None => Err(Utf8Error::Malformed(
                "modified UTF-8 ends inside a character",
            )),
        }
    };
    let mut units = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let b = u16::from(b);
        match b >> 4 {
            0..=7 => {
                units.push(b);
                i += 1;
            }
            12 | 13 => {
                units.push(((b & 0x1F) << 6) | cont(bytes.get(i + 1))?);
                i += 2;
            }
            14 => {
                units.push(
                    ((b & 0x0F) << 12) | (cont(bytes.get(i + 1))? << 6) | cont(bytes.get(i + 2))?,
                );
                i += 3;
            }
            _ => return Err(Utf8Error::Malformed("invalid lead byte in modified UTF-8")),
        }
    }
    String::from_utf16(&units).map_err(|_| Utf8Error::UnpairedSurrogate)
}

/// Reads one certificate record; `version` 1 has no type string.
pub(crate) fn read_cert(r: &mut Reader<'_>, version: u32, alias: &str) -> Result<Certificate> {
    if version == 2 {
        let cert_type = r.utf("certificate type")?;
        if cert_type != CERT_TYPE_X509 {
            return Err(Error::UnsupportedFeature {
                format: r.format,
                feature: format!("certificate of type {cert_type:?} in entry <{alias}>"),
            });
        }
    }
    let at = r.pos;
    let der = r.length_prefixed("certificate")?;
    Certificate::from_der(der).map_err(|e| {
        r.malformed(format!(
            "certificate of entry <{alias}> at offset {at} does not parse: {e}"
        ))
    })
}

/// Encodes `s` as `DataOutput.writeUTF` does: one to three bytes per UTF-16
/// code unit, NUL as `C0 80`, characters outside the BMP as two three-byte
/// surrogates, behind a `u16` byte count.
pub(crate) fn write_modified_utf8(
    out: &mut Vec<u8>,
    s: &str,
    what: &'static str,
    format: &'static str,
) -> Result<()> {
    let mut buf = Vec::with_capacity(s.len());
    for unit in s.encode_utf16() {
        match unit {
            0x0001..=0x007F => buf.push(unit as u8),
            0x0000 | 0x0080..=0x07FF => {
                buf.push(0xC0 | (unit >> 6) as u8);
                buf.push(0x80 | (unit & 0x3F) as u8);
            }
            _ => {
                buf.push(0xE0 | (unit >> 12) as u8);
                buf.push(0x80 | ((unit >> 6) & 0x3F) as u8);
                buf.push(0x80 | (unit & 0x3F) as u8);
            }
        }
    }
    let len = u16::try_from(buf.len()).map_err(|_| Error::TooLong {
        format,
        what,
        len: buf.len() as u64,
        max: u64::from(u16::MAX),
    })?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&buf);
    Ok(())
}

/// Writes an `i32` length (or count) and fails cleanly past `i32::MAX`.
pub(crate) fn write_len(
    out: &mut Vec<u8>,
    n: usize,
    what: &'static str,
    format: &'static str,
) -> Result<()> {
    let n = i32::try_from(n).map_err(|_| Error::TooLong {
        format,
        what,
        len: n as u64,
        max: i32::MAX as u64,
    })?;
    out.extend_from_slice(&n.to_be_bytes());
    Ok(())
}

/// Writes a certificate record: type `X.509`, `i32` length, DER.
pub(crate) fn write_cert(
    out: &mut Vec<u8>,
    cert: &Certificate,
    format: &'static str,
) -> Result<()> {
    write_modified_utf8(out, CERT_TYPE_X509, "certificate type", format)?;
    write_len(out, cert.der().len(), "certificate", format)?;
    out.extend_from_slice(cert.der());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf(s: &str) -> Vec<u8> {
        let mut v = Vec::new();
        write_modified_utf8(&mut v, s, "alias", "JKS").unwrap();
        v
    }

    #[test]
    fn modified_utf8_decodes_java_forms() {
        assert_eq!(decode_modified_utf8(b"abc").unwrap(), "abc");
        // NUL as C0 80 and as a bare 00 (readUTF accepts both).
        assert_eq!(
            decode_modified_utf8(&[0x61, 0xC0, 0x80, 0x00]).unwrap(),
            "a\0\0"
        );
        assert_eq!(
            decode_modified_utf8(&[0xC3, 0xBC, 0xE2, 0x82, 0xAC]).unwrap(),
            "ü€"
        );
        // U+1F600 as the surrogate pair D83D DE00, each in three bytes.
        assert_eq!(
            decode_modified_utf8(&[0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]).unwrap(),
            "\u{1F600}"
        );
    }

    #[test]
    fn modified_utf8_rejects_what_read_utf_rejects() {
        for bad in [
            &[0x80][..],                   // continuation byte as lead
            &[0xF0, 0x9F, 0x98, 0x80][..], // standard four-byte UTF-8
            &[0xC3][..],                   // truncated two-byte form
            &[0xE2, 0x82][..],             // truncated three-byte form
            &[0xC3, 0x41][..],             // bad continuation
            &[0xE2, 0x82, 0xC0][..],
        ] {
            assert!(
                matches!(decode_modified_utf8(bad), Err(Utf8Error::Malformed(_))),
                "{bad:02x?}"
            );
        }
        // A lone high surrogate is a valid Java string but not a Rust one.
        assert_eq!(
            decode_modified_utf8(&[0xED, 0xA0, 0xBD]),
            Err(Utf8Error::UnpairedSurrogate)
        );
    }

    #[test]
    fn modified_utf8_matches_write_utf() {
        assert_eq!(utf(""), [0, 0]);
        assert_eq!(utf("a"), [0, 1, b'a']);
        assert_eq!(utf("\0"), [0, 2, 0xC0, 0x80]);
        assert_eq!(utf("ü€"), [0, 5, 0xC3, 0xBC, 0xE2, 0x82, 0xAC]);
        assert_eq!(utf("\u{1F600}"), [0, 6, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]);
        assert_eq!(
            utf("\u{7FF}\u{800}\u{FFFF}"),
            [0, 8, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF]
        );
    }

    #[test]
    fn modified_utf8_round_trips() {
        for s in [
            "",
            "x",
            "a\0b",
            "Schlüssel-€-😀",
            "\u{10FFFF}\u{FFFF}\u{80}\u{7F}",
        ] {
            let v = utf(s);
            assert_eq!(decode_modified_utf8(&v[2..]).unwrap(), s);
        }
    }

    #[test]
    fn too_long_alias_is_refused() {
        let mut v = Vec::new();
        assert!(write_modified_utf8(&mut v, &"a".repeat(65535), "alias", "JKS").is_ok());
        // 21846 × '€' is 65538 bytes.
        assert!(matches!(
            write_modified_utf8(&mut v, &"€".repeat(21846), "alias", "JKS"),
            Err(Error::TooLong {
                len: 65538,
                max: 65535,
                ..
            })
        ));
    }
}
