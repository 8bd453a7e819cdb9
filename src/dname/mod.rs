//! keytool's X.500 distinguished-name syntax: `-dname` parsing and the
//! `Owner:` / `Issuer:` rendering.
//!
//! Both directions follow the JDK's `sun.security.x509.X500Name`, `RDN` and
//! `AVA` classes (the code path keytool takes for `-dname`, and
//! `X500Principal.toString()` for printing), including their quirks:
//!
//! * RDNs are separated by `,` or `;`; AVAs inside an RDN by `+`.
//! * The string lists the most specific RDN first (`CN=..., C=...`) while the
//!   DER `SEQUENCE` lists it last: the RDN order is reversed on encoding and
//!   reversed again when printing.
//! * Keywords are case-insensitive: `CN C L S ST O OU T IP STREET DC
//!   DNQUALIFIER DNQ SURNAME GIVENNAME INITIALS GENERATION EMAIL EMAILADDRESS
//!   UID SERIALNUMBER`, a dotted OID, or `OID.` followed by a dotted OID.
//! * Values are `PrintableString` when every character fits, `UTF8String`
//!   otherwise; `EMAILADDRESS` and `DC` are always `IA5String` (characters
//!   outside ASCII become `?`, as Java's US-ASCII encoder does). An empty
//!   value is an empty `PrintableString`, whatever the attribute.
//! * `#hex` gives the DER of the value itself; `\XX` embeds UTF-8 bytes and
//!   forces `UTF8String`; quoted values are trimmed.
//! * AVAs of a multi-valued RDN are stored in DER `SET OF` order and printed
//!   in that order, joined by `" + "`.
//!
//! [`parse`] and [`from_answers`] read names (`parse.rs`); [`format()`] and
//! [`format_as_typed`] print them (`format.rs`).

mod format;
mod parse;

pub use format::{format, format_as_typed};
pub(crate) use parse::parse_oid;
pub use parse::{from_answers, parse};

use crate::error::Error;
use const_oid::ObjectIdentifier;
use const_oid::db::{rfc2985, rfc4519};

/// One keyword of the `-dname` syntax.
struct Keyword {
    /// Upper-case spelling.
    name: &'static str,
    /// The attribute type.
    oid: ObjectIdentifier,
    /// True when `format` prints the OID with this keyword. For OIDs with two
    /// keywords (`S`/`ST`, `DNQUALIFIER`/`DNQ`, `EMAIL`/`EMAILADDRESS`) the JDK
    /// prints the one registered last.
    preferred: bool,
}

/// `emailAddress` (PKCS #9), 1.2.840.113549.1.9.1: always an IA5String.
const EMAIL_ADDRESS: ObjectIdentifier = rfc2985::PKCS_9_AT_EMAIL_ADDRESS;
/// `domainComponent`, 0.9.2342.19200300.100.1.25: always an IA5String.
const DOMAIN_COMPONENT: ObjectIdentifier = rfc4519::DOMAIN_COMPONENT;
/// Sun's `IP` keyword, 1.3.6.1.4.1.42.2.11.2.1 (not in const-oid's database).
const SUN_IP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.42.2.11.2.1");

/// The JDK's `AVAKeyword` table, in its registration order.
const KEYWORDS: &[Keyword] = &[
    kw("CN", rfc4519::CN, true),
    kw("C", rfc4519::C, true),
    kw("L", rfc4519::L, true),
    kw("S", rfc4519::ST, false),
    kw("ST", rfc4519::ST, true),
    kw("O", rfc4519::O, true),
    kw("OU", rfc4519::OU, true),
    kw("T", rfc4519::TITLE, true),
    kw("IP", SUN_IP, true),
    kw("STREET", rfc4519::STREET, true),
    kw("DC", DOMAIN_COMPONENT, true),
    kw("DNQUALIFIER", rfc4519::DN_QUALIFIER, false),
    kw("DNQ", rfc4519::DN_QUALIFIER, true),
    kw("SURNAME", rfc4519::SURNAME, true),
    kw("GIVENNAME", rfc4519::GIVEN_NAME, true),
    kw("INITIALS", rfc4519::INITIALS, true),
    kw("GENERATION", rfc4519::GENERATION_QUALIFIER, true),
    kw("EMAIL", EMAIL_ADDRESS, false),
    kw("EMAILADDRESS", EMAIL_ADDRESS, true),
    kw("UID", rfc4519::UID, true),
    kw("SERIALNUMBER", rfc4519::SERIAL_NUMBER, true),
];

const fn kw(name: &'static str, oid: ObjectIdentifier, preferred: bool) -> Keyword {
    Keyword {
        name,
        oid,
        preferred,
    }
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::Syntax {
        option: "dname",
        message: msg.into(),
    }
}

/// The JDK's `DerValue.isPrintableStringChar`.
fn is_printable_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::{Tag, Tagged};
    use format::quote_value;

    #[test]
    fn reversed_rdn_order_and_string_types() {
        let name = parse("CN=Ünï, O=Org, C=FR, EMAILADDRESS=a@b.c, DC=com").unwrap();
        let rdns: Vec<_> = name.iter_rdn().collect();
        // The string lists the most specific RDN first, the DER last.
        let tags: Vec<(String, Tag)> = rdns
            .iter()
            .flat_map(|r| r.iter())
            .map(|a| (a.oid.to_string(), a.value.tag()))
            .collect();
        assert_eq!(
            tags,
            vec![
                ("0.9.2342.19200300.100.1.25".to_string(), Tag::Ia5String),
                (EMAIL_ADDRESS.to_string(), Tag::Ia5String),
                ("2.5.4.6".to_string(), Tag::PrintableString),
                ("2.5.4.10".to_string(), Tag::PrintableString),
                ("2.5.4.3".to_string(), Tag::Utf8String),
            ]
        );
        assert_eq!(
            format(&name),
            "CN=Ünï, O=Org, C=FR, EMAILADDRESS=a@b.c, DC=com"
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(quote_value("plain"), "plain");
        assert_eq!(quote_value("a, b"), "\"a, b\"");
        assert_eq!(quote_value("a  b"), "\"a  b\"");
        assert_eq!(quote_value(" x"), "\" x\"");
        assert_eq!(quote_value("x "), "\"x \"");
        assert_eq!(quote_value("q\"x"), "\"q\\\"x\"");
        assert_eq!(quote_value("\"kept\""), "\"kept\"");
        assert_eq!(quote_value("é&_"), "é&_");
    }
}
