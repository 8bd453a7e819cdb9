//! Reading certificates that keytool reads but x509-cert's types cannot hold.
//!
//! x509-cert decodes object identifiers with const-oid, whose
//! `ObjectIdentifier` takes at most 39 bytes, arcs of 32 bits and a second
//! arc below 40 — so `2.25.<UUID>` (RFC 4122 §C) and `2.999` do not fit —
//! and its `Any` knows only the string tags der knows, not UniversalString
//! (0x1c), GraphicString (0x19), CHARACTER STRING (0x1d) and the other
//! universal tags Java's `DerValue` carries. Java reads all of them.
//!
//! [`substitute`] rewrites a DER encoding into one those types decode,
//! keeping the original bytes for everything that is hashed, stored or
//! printed:
//!
//! - an object identifier const-oid refuses becomes a placeholder
//!   `2.39.<10 digits>.<10 digits>` made from a hash of its encoding (the
//!   same OID always gets the same placeholder, so names still compare
//!   equal across certificates), and [`Substitutions::restore`] puts the
//!   dotted original back into text;
//! - a universal tag der does not know becomes the private tag of the same
//!   number (`0x1c` → `0xdc`), which [`crate::dname`] reads back as the
//!   universal type it stands for (see [`universal_of`]).
//!
//! Only constructed elements are walked: OCTET STRING and BIT STRING
//! contents (extension values, keys) are opaque to x509-cert and are read
//! by the text renderer's own DER reader.

use crate::error::{Error, Result};
use crate::tlv;
use sha2::{Digest, Sha256};
use std::sync::Mutex;

/// Every placeholder this process made: (placeholder DER contents,
/// original DER contents, placeholder dotted, original dotted). Names and
/// extensions typed on the command line (`-dname`, `-ext`) get their
/// placeholders here too, and [`restore_der`] writes the originals back
/// before anything is signed or stored.
static PLACEHOLDERS: Mutex<Vec<Placeholder>> = Mutex::new(Vec::new());

/// (placeholder DER contents, original DER contents, placeholder dotted, original dotted).
type Placeholder = (Vec<u8>, Vec<u8>, String, String);

/// Bound on the registry: a command reads a few certificates.
const MAX_PLACEHOLDERS: usize = 4096;

fn registry() -> std::sync::MutexGuard<'static, Vec<Placeholder>> {
    PLACEHOLDERS.lock().unwrap_or_else(|e| e.into_inner())
}

/// The placeholder const-oid holds for an OID it cannot hold (`value`: the
/// DER contents of the original), registered for [`restore_der`] and
/// [`restore_text`].
pub fn placeholder(value: &[u8]) -> Result<const_oid::ObjectIdentifier> {
    let dotted = tlv::oid_string(value).map_err(|e| Error::malformed("object identifier", e))?;
    let hash = Sha256::digest(value);
    let arc =
        |b: &[u8]| 1_000_000_000 + u32::from_be_bytes([b[0], b[1], b[2], b[3]]) % 3_000_000_000;
    let text = format!("2.39.{}.{}", arc(&hash[..4]), arc(&hash[4..8]));
    let oid = const_oid::ObjectIdentifier::new(&text)
        .map_err(|e| Error::malformed("object identifier", e.to_string()))?;
    let mut reg = registry();
    if !reg.iter().any(|(p, ..)| p == oid.as_bytes()) {
        if reg.len() >= MAX_PLACEHOLDERS {
            return Err(Error::malformed(
                "object identifier",
                "too many long object identifiers",
            ));
        }
        reg.push((oid.as_bytes().to_vec(), value.to_vec(), text, dotted));
    }
    Ok(oid)
}

/// The DER contents of a dotted OID whose arcs may be of any size
/// (`2.25.<UUID>`); `None` when it is not an OID Java accepts.
pub fn encode_oid(dotted: &str) -> Option<Vec<u8>> {
    let arcs: Vec<&str> = dotted.split('.').collect();
    if arcs.len() < 2
        || arcs
            .iter()
            .any(|a| a.is_empty() || !a.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let first: u8 = arcs[0].parse().ok().filter(|f| *f <= 2)?;
    // Big numbers as base-128 digits, least significant first.
    let to_base128 = |decimal: &str, add: u8| -> Vec<u8> {
        let mut digits: Vec<u8> = vec![0];
        let step = |digits: &mut Vec<u8>, mul: u32, add: u32| {
            let mut carry = add;
            for d in digits.iter_mut() {
                let v = u32::from(*d) * mul + carry;
                *d = (v % 128) as u8; // ok: below 128
                carry = v / 128;
            }
            while carry > 0 {
                digits.push((carry % 128) as u8); // ok: below 128
                carry /= 128;
            }
        };
        for b in decimal.bytes() {
            step(&mut digits, 10, u32::from(b - b'0'));
        }
        step(&mut digits, 1, u32::from(add));
        while digits.len() > 1 && digits.last() == Some(&0) {
            digits.pop();
        }
        digits
    };
    if first < 2 && (arcs[1].trim_start_matches('0').len() > 2 || arcs[1].parse::<u8>().ok()? > 39)
    {
        return None;
    }
    let mut out = Vec::new();
    for (i, arc) in arcs.iter().enumerate().skip(1) {
        let digits = if i == 1 {
            to_base128(arc, first * 40)
        } else {
            to_base128(arc, 0)
        };
        for (j, d) in digits.iter().enumerate().rev() {
            out.push(if j == 0 { *d } else { d | 0x80 });
        }
    }
    Some(out)
}

/// `text` with every registered placeholder replaced by its original OID.
pub fn restore_text(text: &str) -> String {
    let reg = registry();
    let mut out = text.to_string();
    for (_, _, placeholder, original) in reg.iter() {
        if out.contains(placeholder.as_str()) {
            out = out.replace(placeholder.as_str(), original);
        }
    }
    out
}

/// `der` with every registered placeholder OID replaced by its original,
/// also inside OCTET STRINGs that hold DER (extension values), and every
/// private tag [`substitute`] writes for a universal one turned back into
/// it; elements without either keep their bytes. (A certificate that
/// really holds such a private tag, `[PRIVATE 28]`, would be written with
/// the universal tag: none is known in the wild.)
pub fn restore_der(der: &[u8]) -> Result<Vec<u8>> {
    let reg = registry();
    let t = tlv::single(der).map_err(|e| Error::malformed("DER", e))?;
    Ok(restore_element(&t, &reg, 0, false).unwrap_or_else(|| der.to_vec()))
}

/// The element with placeholders restored, `None` when it holds none.
fn restore_element(
    t: &tlv::Tlv<'_>,
    reg: &[Placeholder],
    depth: usize,
    in_octets: bool,
) -> Option<Vec<u8>> {
    if depth > MAX_DEPTH {
        return None;
    }
    if t.tag == tlv::OID {
        return reg
            .iter()
            .find(|(p, ..)| p.as_slice() == t.value)
            .map(|(_, original, ..)| encode(tlv::OID, original));
    }
    // Inside an OCTET STRING only OIDs are restored: its bytes may parse
    // as DER by chance (a key identifier), and must not change.
    let tag = match universal_of(t.tag) {
        Some(universal) if !in_octets => universal,
        _ => t.tag,
    };
    let nested = t.tag & 0x20 != 0 || t.tag == tlv::OCTET_STRING;
    if !nested {
        return (tag != t.tag).then(|| encode(tag, t.value));
    }
    let Ok(children) = tlv::children(t.value) else {
        return (tag != t.tag).then(|| encode(tag, t.value));
    };
    let mut changed = tag != t.tag;
    let mut elements: Vec<Vec<u8>> = Vec::with_capacity(children.len());
    for child in &children {
        match restore_element(
            child,
            reg,
            depth + 1,
            in_octets || t.tag == tlv::OCTET_STRING,
        ) {
            Some(bytes) => {
                changed = true;
                elements.push(bytes);
            }
            None => elements.push(child.raw.to_vec()),
        }
    }
    // A SET OF is ordered by its elements' encodings (X.690 11.6): a
    // multi-valued RDN sorted while it held a placeholder is sorted again.
    if changed && t.tag == 0x31 && !in_octets {
        elements.sort();
    }
    changed.then(|| encode(tag, &elements.concat()))
}

/// Universal tags (identifier octets) der 0.8 decodes into its `Tag`.
const DER_KNOWN: &[u8] = &[
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x09, 0x0a, 0x0c, 0x0d, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
    0x18, 0x1a, 0x1b, 0x1e, 0x30, 0x31,
];

/// Nesting bound: certificates are a dozen levels deep at most.
const MAX_DEPTH: usize = 64;

/// The OIDs replaced by [`substitute`]: placeholder and original, dotted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Substitutions {
    oids: Vec<(String, String)>,
}

impl Substitutions {
    /// True when nothing was replaced.
    pub fn is_empty(&self) -> bool {
        self.oids.is_empty()
    }

    /// `text` with every placeholder OID replaced by the OID it stands for.
    pub fn restore(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (placeholder, original) in &self.oids {
            out = out.replace(placeholder.as_str(), original);
        }
        out
    }
}

/// The universal tag a private tag written by [`substitute`] stands for
/// (`0xdc` → `0x1c`), or `None` for any other identifier octet.
pub fn universal_of(identifier: u8) -> Option<u8> {
    if identifier & 0xc0 != 0xc0 || identifier & 0x1f == 0x1f {
        return None;
    }
    let universal = identifier & 0x3f;
    (!DER_KNOWN.contains(&universal)).then_some(universal)
}

/// `der` rewritten for x509-cert's types, with what was replaced; `None`
/// when nothing needed replacing.
pub fn substitute(der: &[u8]) -> Result<Option<(Vec<u8>, Substitutions)>> {
    let mut subs = Substitutions::default();
    let mut changed = false;
    let mut input = der;
    let first = tlv::read(&mut input).map_err(|e| Error::malformed("X.509 certificate", e))?;
    let out = rewrite(&first, &mut subs, &mut changed, 0)?;
    if !changed {
        return Ok(None);
    }
    Ok(Some((out, subs)))
}

fn rewrite(
    t: &tlv::Tlv<'_>,
    subs: &mut Substitutions,
    changed: &mut bool,
    depth: usize,
) -> Result<Vec<u8>> {
    if depth > MAX_DEPTH {
        return Err(Error::malformed("X.509 certificate", "nested too deeply"));
    }
    let mut tag = t.tag;
    if tag < 0x40 && !DER_KNOWN.contains(&tag) {
        tag |= 0xc0;
        *changed = true;
    }
    if t.tag == tlv::OID && const_oid::ObjectIdentifier::from_bytes(t.value).is_err() {
        let dotted =
            tlv::oid_string(t.value).map_err(|e| Error::malformed("X.509 certificate", e))?;
        let oid = placeholder(t.value)?;
        let text = oid.to_string();
        if !subs.oids.iter().any(|(p, _)| *p == text) {
            subs.oids.push((text, dotted));
        }
        *changed = true;
        return Ok(encode(tag, oid.as_bytes()));
    }
    if t.tag & 0x20 == 0 {
        return Ok(encode(tag, t.value));
    }
    let mut contents = Vec::with_capacity(t.value.len());
    for child in tlv::children(t.value).map_err(|e| Error::malformed("X.509 certificate", e))? {
        contents.extend(rewrite(&child, subs, changed, depth + 1)?);
    }
    Ok(encode(tag, &contents))
}

/// A DER element with a definite length: `tag`, length, `contents`.
pub fn encode(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(contents.len() + 6);
    out.push(tag);
    let len = contents.len();
    if len < 0x80 {
        out.push(len as u8); // ok: below 0x80
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8); // ok: at most 8
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(contents);
    out
}

/// BER as Java's `DerValue` reads it, turned into DER: indefinite lengths
/// (`openssl cms -stream`, Windows and Amazon root bundles) become
/// definite, constructed OCTET STRINGs become one primitive one. Elements
/// with a definite length and no indefinite one inside keep their bytes
/// (a certificate inside a BER PKCS#7 keeps its fingerprint).
pub fn ber_to_der(input: &[u8]) -> Result<Vec<u8>> {
    let mut rest = input;
    let out = ber_element(&mut rest, 0)?;
    if !rest.is_empty() {
        return Err(Error::malformed("BER", "extra data at the end"));
    }
    Ok(out)
}

/// Reads one BER element from the front of `input` and returns its DER.
fn ber_element(input: &mut &[u8], depth: usize) -> Result<Vec<u8>> {
    let bad = |why: &str| Error::malformed("BER", why.to_string());
    if depth > MAX_DEPTH {
        return Err(bad("nested too deeply"));
    }
    let (&tag, rest) = input.split_first().ok_or_else(|| bad("too little data"))?;
    if tag & 0x1f == 0x1f {
        return Err(bad("tag numbers above 30 are not supported"));
    }
    let (&first, mut rest) = rest.split_first().ok_or_else(|| bad("too little data"))?;
    let constructed = tag & 0x20 != 0;
    if first == 0x80 {
        if !constructed {
            return Err(bad("indefinite length of a primitive element"));
        }
        let mut children = Vec::new();
        loop {
            if rest.starts_with(&[0, 0]) {
                rest = &rest[2..];
                break;
            }
            if rest.is_empty() {
                return Err(bad("missing end-of-contents"));
            }
            children.push(ber_element(&mut rest, depth + 1)?);
        }
        *input = rest;
        return Ok(constructed_der(tag, children));
    }
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n > 4 || rest.len() < n {
            return Err(bad("invalid length"));
        }
        let mut len = 0usize;
        for &b in &rest[..n] {
            len = (len << 8) | usize::from(b);
        }
        rest = &rest[n..];
        len
    };
    if rest.len() < len {
        return Err(bad("too little data"));
    }
    let whole = &input[..input.len() - rest.len() + len];
    let (mut value, after) = rest.split_at(len);
    *input = after;
    if !constructed {
        return Ok(whole.to_vec());
    }
    let mut children = Vec::new();
    let mut changed = false;
    let start = value;
    while !value.is_empty() {
        let before = value;
        let child = ber_element(&mut value, depth + 1)?;
        changed |= child.as_slice() != &before[..before.len() - value.len()];
        children.push(child);
    }
    if !changed && tag != 0x24 {
        debug_assert_eq!(start.len(), len);
        return Ok(whole.to_vec());
    }
    Ok(constructed_der(tag, children))
}

/// A constructed element from DER children; a constructed OCTET STRING
/// becomes the primitive one holding its pieces.
fn constructed_der(tag: u8, children: Vec<Vec<u8>>) -> Vec<u8> {
    if tag == 0x24 {
        let mut octets = Vec::new();
        for child in &children {
            if let Ok(t) = tlv::single(child) {
                octets.extend_from_slice(t.value);
            }
        }
        return encode(tlv::OCTET_STRING, &octets);
    }
    encode(tag, &children.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oids_of_any_size_encode_as_java_encodes_them() {
        assert_eq!(encode_oid("2.5.29.14"), Some(vec![0x55, 0x1d, 0x0e]));
        assert_eq!(encode_oid("2.100.3"), Some(vec![0x81, 0x34, 0x03]));
        let uuid = encode_oid("2.25.329800735698586629295641978511506172918").unwrap();
        assert_eq!(
            tlv::oid_string(&uuid).as_deref(),
            Ok("2.25.329800735698586629295641978511506172918")
        );
        assert_eq!(encode_oid("1.40"), None);
        assert_eq!(encode_oid("3.1"), None);
        assert_eq!(encode_oid("1"), None);
        let p = placeholder(&uuid).unwrap();
        let der = encode(
            0x30,
            &encode(0x04, &encode(0x30, &encode(0x06, p.as_bytes()))),
        );
        let back = restore_der(&der).unwrap();
        assert_eq!(
            back,
            encode(0x30, &encode(0x04, &encode(0x30, &encode(0x06, &uuid))))
        );
        assert_eq!(
            restore_text(&format!("OID.{p}=x")),
            "OID.2.25.329800735698586629295641978511506172918=x"
        );
    }

    #[test]
    fn ber_becomes_der() {
        // SEQUENCE (indefinite) { INTEGER 1, [0] (indefinite) { OCTET STRING (constructed) { "a", "b" } } }
        let ber = [
            0x30, 0x80, 0x02, 0x01, 0x01, 0xa0, 0x80, 0x24, 0x80, 0x04, 0x01, 0x61, 0x04, 0x01,
            0x62, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ];
        let der = ber_to_der(&ber).unwrap();
        assert_eq!(
            der,
            [
                0x30, 0x09, 0x02, 0x01, 0x01, 0xa0, 0x04, 0x04, 0x02, 0x61, 0x62
            ]
        );
        // DER stays as it is.
        assert_eq!(ber_to_der(&der).unwrap(), der);
        assert!(ber_to_der(&[0x30, 0x80, 0x02, 0x01, 0x01]).is_err());
        assert!(ber_to_der(&[0x04, 0x80, 0x00, 0x00]).is_err());
    }

    #[test]
    fn private_tags_stand_for_unknown_universal_ones() {
        assert_eq!(universal_of(0xdc), Some(0x1c));
        assert_eq!(universal_of(0xd9), Some(0x19));
        assert_eq!(universal_of(0xcc), None);
        assert_eq!(universal_of(0x1c), None);
    }

    #[test]
    fn long_oids_get_stable_placeholders() {
        // SEQUENCE { OID 2.25.329800735698586629295641978511506172918, UniversalString "A" }
        let oid = [
            0x69, 0x83, 0xf0, 0x9d, 0xa7, 0xeb, 0xcf, 0xde, 0xe0, 0xc7, 0xa1, 0xa7, 0xb2, 0xc0,
            0x94, 0x8c, 0xc8, 0xf9, 0xd7, 0x76,
        ];
        let mut inner = encode(0x06, &oid);
        inner.extend(encode(0x1c, &[0, 0, 0, 0x41]));
        let der = encode(0x30, &inner);
        let (out, subs) = substitute(&der).unwrap().unwrap();
        let (again, _) = substitute(&der).unwrap().unwrap();
        assert_eq!(out, again);
        assert_eq!(out[out.len() - 6], 0xdc);
        let text = subs.restore(&format!("x {} y", subs.oids[0].0));
        assert_eq!(text, "x 2.25.329800735698586629295641978511506172918 y");
        assert!(
            substitute(&encode(0x30, &encode(0x06, &[0x55, 0x04, 0x03])))
                .unwrap()
                .is_none()
        );
    }
}
