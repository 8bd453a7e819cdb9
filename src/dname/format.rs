//! Printing names as keytool prints them (`X500Principal.toString()` for
//! `Owner:` and `Issuer:`, `X500Name.toString()` right after parsing).

use super::parse::parse_typed;
use super::{KEYWORDS, is_printable_char};
use crate::error::Result;
use const_oid::ObjectIdentifier;
use der::asn1::Any;
use der::{Encode, Tag, Tagged};
use x509_cert::name::Name;

/// Characters that make `format` quote a value.
const FORMAT_ESCAPEES: &str = ",+=\n<>#;\\\"";

/// Formats a name as keytool prints it in `Owner:` / `Issuer:` lines
/// (the JDK's `X500Name.toString()`).
///
/// Known attributes print with their keyword (`ST`, `EMAILADDRESS`, `DNQ`...),
/// others as `OID.1.2.3`; string values are quoted when they hold special
/// characters or leading, trailing or doubled white space; values that are not
/// strings print as `#` and the lower-case hex of their DER.
pub fn format(name: &Name) -> String {
    let rdns: Vec<String> = name
        .iter_rdn()
        .map(|rdn| {
            rdn.iter()
                .map(|atv| format_ava(&atv.oid, &atv.value))
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect();
    rdns.into_iter().rev().collect::<Vec<_>>().join(", ")
}

/// The name as keytool prints it right after parsing a `-dname` (the
/// `for:` line of `-genkeypair`, the JDK's `X500Name.toString()` before
/// encoding): RDNs and the AVAs of a multi-valued RDN in the order typed,
/// unlike [`format()`] of the encoded name, whose AVAs are in DER `SET OF`
/// order (`OU=z+O=y` prints `OU=z + O=y` here and `O=y + OU=z` there).
pub fn format_as_typed(dname: &str) -> Result<String> {
    let mut rdns = Vec::new();
    for avas in parse_typed(dname)? {
        let mut shown = Vec::new();
        for ava in avas {
            shown.push(format_ava(&ava.oid, &ava.value));
        }
        rdns.push(shown.join(" + "));
    }
    Ok(rdns.join(", "))
}

/// `AVA.toString()`: keyword, `=`, and the value as the JDK renders it.
fn format_ava(oid: &ObjectIdentifier, value: &Any) -> String {
    let dotted = crate::lenient::restore_text(&oid.to_string());
    let keyword = KEYWORDS
        .iter()
        .find(|k| k.preferred && k.oid.to_string() == dotted)
        .map(|k| k.name.to_string())
        .unwrap_or_else(|| format!("OID.{dotted}"));
    let rendered = match value_as_string(value) {
        Some(s) => quote_value(&s),
        None => {
            let mut der = value.to_der().unwrap_or_default();
            // A universal tag held as a private one (see `crate::lenient`).
            if let Some(first) = der.first_mut()
                && let Some(universal) = crate::lenient::universal_of(*first)
            {
                *first = universal;
            }
            let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
            format!("#{hex}")
        }
    };
    format!("{keyword}={rendered}")
}

/// `DerValue.getAsString()`: the value decoded with the charset the JDK uses
/// for its tag, or `None` when it is not a string type.
fn value_as_string(value: &Any) -> Option<String> {
    let bytes = value.value();
    let ascii = || {
        bytes
            .iter()
            .map(|&b| if b.is_ascii() { b as char } else { '\u{FFFD}' })
            .collect::<String>()
    };
    match value.tag() {
        Tag::Utf8String => Some(String::from_utf8_lossy(bytes).into_owned()),
        Tag::PrintableString | Tag::Ia5String | Tag::GeneralString => Some(ascii()),
        Tag::TeletexString => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString => {
            let units = bytes
                .chunks(2)
                .map(|p| match p {
                    [a, b] => u16::from_be_bytes([*a, *b]),
                    _ => 0xFFFD,
                })
                .collect::<Vec<_>>();
            Some(String::from_utf16_lossy(&units))
        }
        // UniversalString (0x1c, held as a private tag: `crate::lenient`): UTF-32BE.
        Tag::Private {
            constructed: false,
            number,
        } if number.value() == 0x1c => Some(
            bytes
                .chunks(4)
                .map(|q| match q {
                    [a, b, c, d] => {
                        char::from_u32(u32::from_be_bytes([*a, *b, *c, *d])).unwrap_or('\u{FFFD}')
                    }
                    _ => '\u{FFFD}',
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The quoting and escaping of `AVA.toKeywordValueString`.
pub(super) fn quote_value(val: &str) -> String {
    let chars: Vec<char> = val.chars().collect();
    let length = chars.len();
    let already_quoted = length > 1 && chars[0] == '"' && chars[length - 1] == '"';
    let mut quote_needed = false;
    let mut previous_white = false;
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if already_quoted && (i == 0 || i == length - 1) {
            out.push(c);
            continue;
        }
        if is_printable_char(c) || FORMAT_ESCAPEES.contains(c) {
            if !quote_needed && ((i == 0 && (c == ' ' || c == '\n')) || FORMAT_ESCAPEES.contains(c))
            {
                quote_needed = true;
            }
            if !(c == ' ' || c == '\n') {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                previous_white = false;
            } else {
                if !quote_needed && previous_white {
                    quote_needed = true;
                }
                previous_white = true;
            }
            out.push(c);
        } else {
            previous_white = false;
            out.push(c);
        }
    }
    if out.ends_with(' ') || out.ends_with('\n') {
        quote_needed = true;
    }
    if !already_quoted && quote_needed {
        format!("\"{out}\"")
    } else {
        out
    }
}
