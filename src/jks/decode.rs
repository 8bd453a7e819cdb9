//! Reading JKS: a bounds-checked cursor over the whole file.

use super::{
    CERT_TYPE_X509, DIGEST_LEN, FORMAT, MAGIC, TAG_PRIVATE_KEY, TAG_TRUSTED_CERT, ct_eq,
    integrity_digest,
};
use crate::cert::Certificate;
use crate::error::{Error, Result};
use crate::keystore::{
    Entry, KeyMaterial, KeyStore, PrivateKeyEntry, StoreType, StoredEntry, normalize_alias,
};
use crate::password::Password;

/// Smallest possible entry: tag, empty alias, date, and either an empty key
/// blob with no certificates or a version-1 certificate of length zero.
const MIN_ENTRY_LEN: usize = 4 + 2 + 8 + 4;
/// Smallest possible certificate record (version 1: just its length).
const MIN_CERT_LEN: usize = 4;

/// A damaged-file error.
fn malformed(detail: impl Into<String>) -> Error {
    Error::malformed(FORMAT, detail)
}

/// A cursor over the input that never reads past its end.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    /// The next `n` bytes; `what` names them in the error when the input is too short.
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| {
                malformed(format!(
                    "truncated at offset {}: {what} needs {n} bytes, {} left",
                    self.pos,
                    self.remaining()
                ))
            })?;
        let out = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| malformed("internal bounds"))?;
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N, what)?);
        Ok(out)
    }

    fn u16(&mut self, what: &str) -> Result<u16> {
        Ok(u16::from_be_bytes(self.array(what)?))
    }

    fn u32(&mut self, what: &str) -> Result<u32> {
        Ok(u32::from_be_bytes(self.array(what)?))
    }

    fn i32(&mut self, what: &str) -> Result<i32> {
        Ok(i32::from_be_bytes(self.array(what)?))
    }

    fn i64(&mut self, what: &str) -> Result<i64> {
        Ok(i64::from_be_bytes(self.array(what)?))
    }

    /// A non-negative `i32` count whose items each take at least `min_item` bytes:
    /// refused before anything is allocated when the input cannot hold them.
    fn count(&mut self, what: &str, min_item: usize, reserve: usize) -> Result<usize> {
        let at = self.pos;
        let n = self.i32(what)?;
        let n = usize::try_from(n)
            .map_err(|_| malformed(format!("negative {what} {n} at offset {at}")))?;
        let room = self.remaining().saturating_sub(reserve) / min_item.max(1);
        if n > room {
            return Err(malformed(format!(
                "{what} {n} at offset {at} exceeds what the remaining {} bytes can hold",
                self.remaining()
            )));
        }
        Ok(n)
    }

    /// An `i32` length followed by that many bytes.
    fn length_prefixed(&mut self, what: &str) -> Result<&'a [u8]> {
        let at = self.pos;
        let n = self.i32(what)?;
        let n = usize::try_from(n)
            .map_err(|_| malformed(format!("negative length {n} of {what} at offset {at}")))?;
        self.take(n, what)
    }

    /// A string in `DataInput.readUTF` form: `u16` length, then modified UTF-8.
    fn utf(&mut self, what: &str) -> Result<String> {
        let at = self.pos;
        let len = self.u16(what)?;
        let bytes = self.take(usize::from(len), what)?;
        decode_modified_utf8(bytes).map_err(|e| match e {
            Utf8Error::Malformed(detail) => malformed(format!("{what} at offset {at}: {detail}")),
            Utf8Error::UnpairedSurrogate => Error::Unsupported(format!(
                "JKS {what} at offset {at} contains an unpaired UTF-16 surrogate"
            )),
        })
    }
}

/// Why a modified UTF-8 string could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Utf8Error {
    /// The bytes are not modified UTF-8 (Java's `UTFDataFormatException`).
    Malformed(&'static str),
    /// Valid modified UTF-8 for a Java string that has no Rust equivalent.
    UnpairedSurrogate,
}

/// Decodes Java's modified UTF-8 as `DataInputStream.readUTF` does: one to
/// three bytes per UTF-16 code unit, `C0 80` (or a bare `00`) for NUL, and
/// characters outside the BMP as two three-byte surrogates. Overlong forms
/// are accepted, as Java accepts them; four-byte forms are not.
pub(super) fn decode_modified_utf8(bytes: &[u8]) -> std::result::Result<String, Utf8Error> {
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
fn read_cert(r: &mut Reader<'_>, version: u32, alias: &str) -> Result<Certificate> {
    if version == 2 {
        let cert_type = r.utf("certificate type")?;
        if cert_type != CERT_TYPE_X509 {
            return Err(Error::Unsupported(format!(
                "JKS certificate of type {cert_type:?} in entry <{alias}>; only X.509 is supported"
            )));
        }
    }
    let at = r.pos;
    let der = r.length_prefixed("certificate")?;
    Certificate::from_der(der).map_err(|e| {
        malformed(format!(
            "certificate of entry <{alias}> at offset {at} does not parse: {e}"
        ))
    })
}

/// See [`super::decode`].
pub(super) fn decode(bytes: &[u8], password: Option<&Password>) -> Result<KeyStore> {
    let mut r = Reader::new(bytes);
    if r.array::<4>("magic")? != MAGIC {
        return Err(malformed("does not start with the JKS magic FEEDFEED"));
    }
    let version = r.u32("version")?;
    if version != 1 && version != 2 {
        return Err(malformed(format!("unknown JKS version {version}")));
    }
    let count = r.count("entry count", MIN_ENTRY_LEN, DIGEST_LEN)?;

    let mut store = KeyStore::new(StoreType::Jks);
    for _ in 0..count {
        let at = r.pos;
        let tag = r.i32("entry tag")?;
        let entry = match tag {
            TAG_PRIVATE_KEY => {
                let alias = normalize_alias(&r.utf("alias")?);
                let created_millis = r.i64("creation date")?;
                let blob = r.length_prefixed("private key")?.to_vec();
                let n = r.count("certificate chain length", MIN_CERT_LEN, DIGEST_LEN)?;
                let mut chain = Vec::with_capacity(n);
                for _ in 0..n {
                    chain.push(read_cert(&mut r, version, &alias)?);
                }
                StoredEntry {
                    alias,
                    created_millis,
                    entry: Entry::PrivateKey(PrivateKeyEntry {
                        key: KeyMaterial::JksProtected(blob),
                        chain,
                        password: None,
                    }),
                }
            }
            TAG_TRUSTED_CERT => {
                let alias = normalize_alias(&r.utf("alias")?);
                let created_millis = r.i64("creation date")?;
                let cert = read_cert(&mut r, version, &alias)?;
                StoredEntry {
                    alias,
                    created_millis,
                    entry: Entry::TrustedCert(cert),
                }
            }
            other => {
                return Err(malformed(format!(
                    "unknown entry tag {other} at offset {at}"
                )));
            }
        };
        // Java keeps the last of two entries whose aliases fold to the same name.
        store.upsert(entry);
    }

    let body_end = r.pos;
    let stored = r.take(DIGEST_LEN, "integrity digest")?;
    if let Some(password) = password {
        let body = bytes
            .get(..body_end)
            .ok_or_else(|| malformed("internal bounds"))?;
        if !ct_eq(&integrity_digest(password, body), stored) {
            return Err(Error::WrongPassword);
        }
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn header(count: i32) -> Vec<u8> {
        let mut v = MAGIC.to_vec();
        v.extend(2u32.to_be_bytes());
        v.extend(count.to_be_bytes());
        v
    }

    fn detail(e: Error) -> String {
        match e {
            Error::Malformed { format, detail } => {
                assert_eq!(format, "JKS");
                detail
            }
            other => panic!("expected Malformed, got {other:?}"),
        }
    }

    #[test]
    fn header_errors() {
        assert!(detail(decode(b"", None).unwrap_err()).contains("magic"));
        assert!(detail(decode(b"\xCE\xCE\xCE\xCE\0\0\0\x02", None).unwrap_err()).contains("magic"));
        let mut v = MAGIC.to_vec();
        v.extend(3u32.to_be_bytes());
        v.extend([0; 24]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("version 3"));
    }

    #[test]
    fn empty_store_needs_its_digest() {
        let v = header(0);
        assert!(detail(decode(&v, None).unwrap_err()).contains("integrity digest"));
        let mut v = header(0);
        v.extend([0; 20]);
        assert!(decode(&v, None).unwrap().is_empty());
        assert!(matches!(
            decode(&v, Some(&Password::new("changeit"))),
            Err(Error::WrongPassword)
        ));
    }

    #[test]
    fn huge_counts_and_lengths_are_refused_before_allocating() {
        let mut v = header(i32::MAX);
        v.extend([0; 64]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("entry count"));
        assert!(detail(decode(&header(-1), None).unwrap_err()).contains("negative entry count"));

        // One key entry whose blob claims 2 GiB.
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend(i32::MAX.to_be_bytes());
        v.extend([0; 40]);
        assert!(
            detail(decode(&v, None).unwrap_err()).contains("private key needs 2147483647 bytes")
        );

        // A negative blob length.
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend((-5i32).to_be_bytes());
        v.extend([0; 40]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("negative length -5"));

        // A chain length the file cannot hold.
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend(0i32.to_be_bytes());
        v.extend(1000i32.to_be_bytes());
        v.extend([0; 40]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("certificate chain length 1000"));
    }

    #[test]
    fn unknown_tag_and_secret_key_entries_are_malformed() {
        // Tag 3 is JCEKS's secret key entry; Sun's JKS reader refuses it too.
        let mut v = header(1);
        v.extend(3i32.to_be_bytes());
        v.extend([0; 60]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("unknown entry tag 3"));
    }

    #[test]
    fn key_entry_without_certificates_is_read() {
        // keytool never writes one, but Java reads it (chain = null).
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 2, b'A', b'b']);
        v.extend(42i64.to_be_bytes());
        v.extend(3i32.to_be_bytes());
        v.extend([9, 9, 9]);
        v.extend(0i32.to_be_bytes());
        let pw = Password::new("pw");
        let digest = integrity_digest(&pw, &v);
        v.extend(digest);
        let ks = decode(&v, Some(&pw)).unwrap();
        let e = ks.get("ab").unwrap();
        assert_eq!(e.alias, "ab");
        assert_eq!(e.created_millis, 42);
        match &e.entry {
            Entry::PrivateKey(pk) => {
                assert!(pk.chain.is_empty());
                assert!(matches!(&pk.key, KeyMaterial::JksProtected(b) if b == &[9, 9, 9]));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn other_certificate_types_are_unsupported() {
        let mut v = header(1);
        v.extend(2i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend([0, 3, b'P', b'G', b'P']);
        v.extend(0i32.to_be_bytes());
        v.extend([0; 20]);
        assert!(matches!(decode(&v, None), Err(Error::Unsupported(m)) if m.contains("\"PGP\"")));
    }

    #[test]
    fn unparsable_certificate_is_malformed_jks() {
        let mut v = header(1);
        v.extend(2i32.to_be_bytes());
        v.extend([0, 1, b'a']);
        v.extend(0i64.to_be_bytes());
        v.extend([0, 5, b'X', b'.', b'5', b'0', b'9']);
        v.extend(3i32.to_be_bytes());
        v.extend([0x30, 0x01, 0x00]);
        v.extend([0; 20]);
        assert!(detail(decode(&v, None).unwrap_err()).contains("certificate of entry <a>"));
    }

    #[test]
    fn unpaired_surrogate_alias_is_unsupported() {
        let mut v = header(1);
        v.extend(1i32.to_be_bytes());
        v.extend([0, 3, 0xED, 0xA0, 0xBD]);
        v.extend([0; 40]);
        assert!(matches!(decode(&v, None), Err(Error::Unsupported(m)) if m.contains("surrogate")));
    }
}
