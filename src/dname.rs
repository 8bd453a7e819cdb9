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

use crate::error::{Error, Result};
use const_oid::ObjectIdentifier;
use der::asn1::Any;
use der::{Decode, Encode, Tag, Tagged};
use x509_cert::name::Name;

/// One keyword of the `-dname` syntax.
struct Keyword {
    /// Upper-case spelling.
    name: &'static str,
    /// Dotted OID.
    oid: &'static str,
    /// True when `format` prints the OID with this keyword. For OIDs with two
    /// keywords (`S`/`ST`, `DNQUALIFIER`/`DNQ`, `EMAIL`/`EMAILADDRESS`) the JDK
    /// prints the one registered last.
    preferred: bool,
}

const OID_EMAIL_ADDRESS: &str = "1.2.840.113549.1.9.1";
const OID_DOMAIN_COMPONENT: &str = "0.9.2342.19200300.100.1.25";

/// The JDK's `AVAKeyword` table, in its registration order.
const KEYWORDS: &[Keyword] = &[
    kw("CN", "2.5.4.3", true),
    kw("C", "2.5.4.6", true),
    kw("L", "2.5.4.7", true),
    kw("S", "2.5.4.8", false),
    kw("ST", "2.5.4.8", true),
    kw("O", "2.5.4.10", true),
    kw("OU", "2.5.4.11", true),
    kw("T", "2.5.4.12", true),
    kw("IP", "1.3.6.1.4.1.42.2.11.2.1", true),
    kw("STREET", "2.5.4.9", true),
    kw("DC", OID_DOMAIN_COMPONENT, true),
    kw("DNQUALIFIER", "2.5.4.46", false),
    kw("DNQ", "2.5.4.46", true),
    kw("SURNAME", "2.5.4.4", true),
    kw("GIVENNAME", "2.5.4.42", true),
    kw("INITIALS", "2.5.4.43", true),
    kw("GENERATION", "2.5.4.44", true),
    kw("EMAIL", OID_EMAIL_ADDRESS, false),
    kw("EMAILADDRESS", OID_EMAIL_ADDRESS, true),
    kw("UID", "0.9.2342.19200300.100.1.1", true),
    kw("SERIALNUMBER", "2.5.4.5", true),
];

const fn kw(name: &'static str, oid: &'static str, preferred: bool) -> Keyword {
    Keyword {
        name,
        oid,
        preferred,
    }
}

/// Characters that may follow a backslash in an unquoted value.
const SPECIAL_CHARS_DEFAULT: &str = ",=\n+<>#;\\\" ";
/// Characters that may follow a backslash in a quoted value.
const SPECIAL_CHARS_1779: &str = ",=\n+<>#;\\\"";
/// Characters that must not appear unescaped in an unquoted value.
const ESCAPED_DEFAULT: &str = ",+<>;\"";
/// Characters that make `format` quote a value.
const FORMAT_ESCAPEES: &str = ",+=\n<>#;\\\"";

fn invalid(msg: impl Into<String>) -> Error {
    Error::InvalidInput(msg.into())
}

/// Parses a `-dname` value the way keytool does and encodes it as keytool encodes it.
///
/// The result has the same DER bytes as the subject keytool writes for the
/// same string. An empty string gives an empty name. Errors are
/// [`Error::InvalidInput`] carrying the JDK's own message, e.g.
/// `Invalid keyword "FOO"` or `Incorrect AVA format`.
pub fn parse(dname: &str) -> Result<Name> {
    let mut rdns: Vec<Vec<u8>> = Vec::new();
    for mut avas in parse_typed(dname)? {
        // DER SET OF: elements in ascending order of their encodings.
        avas.sort();
        rdns.push(tlv(Tag::Set, avas.concat())?);
    }
    rdns.reverse();
    let der = tlv(Tag::Sequence, rdns.concat())?;
    Name::from_der(&der).map_err(|e| invalid(format!("cannot encode distinguished name: {e}")))
}

/// The name as keytool prints it right after parsing a `-dname` (the
/// `for:` line of `-genkeypair`, the JDK's `X500Name.toString()` before
/// encoding): RDNs and the AVAs of a multi-valued RDN in the order typed,
/// unlike [`format`] of the encoded name, whose AVAs are in DER `SET OF`
/// order (`OU=z+O=y` prints `OU=z + O=y` here and `O=y + OU=z` there).
pub fn format_as_typed(dname: &str) -> Result<String> {
    let mut rdns = Vec::new();
    for avas in parse_typed(dname)? {
        let mut shown = Vec::new();
        for ava in avas {
            let atv = x509_cert::attr::AttributeTypeAndValue::from_der(&ava)
                .map_err(|e| invalid(format!("cannot encode distinguished name: {e}")))?;
            shown.push(format_ava(&atv.oid, &atv.value));
        }
        rdns.push(shown.join(" + "));
    }
    Ok(rdns.join(", "))
}

/// `new X500Name(String)`: the RDNs in the order typed, each the DER of its
/// AVAs in the order typed.
fn parse_typed(dname: &str) -> Result<Vec<Vec<Vec<u8>>>> {
    let s: Vec<char> = dname.chars().collect();
    let mut rdns = Vec::new();
    if !s.is_empty() {
        let mut dn_offset = 0;
        let mut quote_count = 0;
        let mut search_offset = 0;
        while let Some(rdn_end) = next_rdn_separator(&s, search_offset) {
            quote_count += count_quotes(&s, search_offset, rdn_end);
            if quote_count != 1 && !escaped(rdn_end, search_offset, &s) {
                rdns.push(parse_rdn(&s[dn_offset..rdn_end])?);
                dn_offset = rdn_end + 1;
                quote_count = 0;
            }
            search_offset = rdn_end + 1;
        }
        rdns.push(parse_rdn(&s[dn_offset..])?);
    }
    Ok(rdns)
}

/// The name keytool makes from the answers to its six `-genkeypair`
/// questions (the JDK's `X500Name(cn, ou, o, l, st, c)`): each answer is the
/// value as typed, neither parsed nor trimmed, so `Doe, John`, `R+D` or
/// ` Paris` are kept as they are (and [`format`] prints them quoted, as
/// keytool does: `CN="Doe, John"`). A value is a `PrintableString` when every
/// character fits and a `UTF8String` otherwise.
pub fn from_answers(cn: &str, ou: &str, o: &str, l: &str, st: &str, c: &str) -> Result<Name> {
    // DER order is the reverse of the printed order: C first, CN last.
    let pairs = [
        ("2.5.4.6", c),
        ("2.5.4.8", st),
        ("2.5.4.7", l),
        ("2.5.4.10", o),
        ("2.5.4.11", ou),
        ("2.5.4.3", cn),
    ];
    let mut rdns = Vec::new();
    // A part left out (keytool 21's `.` answer) is not in the name at all.
    for (dotted, value) in pairs.into_iter().filter(|(_, v)| !v.is_empty()) {
        let oid = parse_oid(dotted)?;
        let printable = value.chars().all(is_printable_char);
        let value_der = encode_string_value(value, printable, &oid)?;
        let oid_der = oid
            .to_der()
            .map_err(|e| invalid(format!("cannot encode OID {oid}: {e}")))?;
        let ava = tlv(Tag::Sequence, [oid_der, value_der].concat())?;
        rdns.push(tlv(Tag::Set, ava)?);
    }
    let der = tlv(Tag::Sequence, rdns.concat())?;
    Name::from_der(&der).map_err(|e| invalid(format!("cannot encode distinguished name: {e}")))
}

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

fn next_rdn_separator(s: &[char], from: usize) -> Option<usize> {
    s.iter()
        .skip(from)
        .position(|&c| c == ',' || c == ';')
        .map(|p| p + from)
}

/// `X500Name.countQuotes`: unescaped double quotes in `s[from..to]`.
fn count_quotes(s: &[char], from: usize, to: usize) -> usize {
    (from..to)
        .filter(|&i| s[i] == '"' && (i == from || s[i - 1] != '\\'))
        .count()
}

/// `X500Name.escaped`: whether the separator at `rdn_end` is escaped. Like the
/// JDK, a run of backslashes is judged by counting every backslash since
/// `search_offset`.
fn escaped(rdn_end: usize, search_offset: usize, s: &[char]) -> bool {
    if (rdn_end == 1 && s[0] == '\\')
        || (rdn_end > 1 && s[rdn_end - 1] == '\\' && s[rdn_end - 2] != '\\')
    {
        true
    } else if rdn_end > 1 && s[rdn_end - 1] == '\\' {
        let count = s[search_offset..rdn_end]
            .iter()
            .filter(|&&c| c == '\\')
            .count();
        count % 2 != 0
    } else {
        false
    }
}

/// `new RDN(String)`: splits on unescaped, unquoted `+` and returns the DER
/// of each AVA, in the order typed.
fn parse_rdn(name: &[char]) -> Result<Vec<Vec<u8>>> {
    let empty_ava = || {
        invalid(format!(
            "empty AVA in RDN \"{}\"",
            name.iter().collect::<String>()
        ))
    };
    let mut avas: Vec<Vec<u8>> = Vec::new();
    let mut quote_count = 0;
    let mut search_offset = 0;
    let mut ava_offset = 0;
    while let Some(next_plus) = name
        .iter()
        .skip(search_offset)
        .position(|&c| c == '+')
        .map(|p| p + search_offset)
    {
        quote_count += count_quotes(name, search_offset, next_plus);
        if next_plus > 0 && name[next_plus - 1] != '\\' && quote_count != 1 {
            let ava = &name[ava_offset..next_plus];
            if ava.is_empty() {
                return Err(empty_ava());
            }
            avas.push(parse_ava(ava)?);
            ava_offset = next_plus + 1;
            quote_count = 0;
        }
        search_offset = next_plus + 1;
    }
    let ava = &name[ava_offset..];
    if ava.is_empty() {
        return Err(empty_ava());
    }
    avas.push(parse_ava(ava)?);
    Ok(avas)
}

/// A character reader over one AVA string, like the JDK's `StringReader`.
struct Reader<'a> {
    s: &'a [char],
    pos: usize,
}

impl Reader<'_> {
    fn read(&mut self) -> Option<char> {
        let c = self.s.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn read_char(&mut self, err: &str) -> Result<char> {
        self.read().ok_or_else(|| invalid(err))
    }
}

/// `new AVA(Reader, DEFAULT)`: returns the DER `AttributeTypeAndValue`.
fn parse_ava(ava: &[char]) -> Result<Vec<u8>> {
    let mut r = Reader { s: ava, pos: 0 };
    let mut keyword = String::new();
    loop {
        let c = r.read_char("Incorrect AVA format")?;
        if c == '=' {
            break;
        }
        keyword.push(c);
    }
    let oid = keyword_oid(&keyword)?;
    let mut c = r.read();
    while matches!(c, Some(' ') | Some('\n')) {
        c = r.read();
    }
    let value = match c {
        // An empty value: `new DerValue("")`, a PrintableString.
        None => tlv(Tag::PrintableString, Vec::new())?,
        Some('#') => parse_hex_value(&mut r)?,
        Some('"') => parse_quoted_value(&mut r, &oid)?,
        Some(first) => parse_plain_value(&mut r, first, &oid)?,
    };
    let oid_der = oid
        .to_der()
        .map_err(|e| invalid(format!("cannot encode OID {oid}: {e}")))?;
    tlv(Tag::Sequence, [oid_der, value].concat())
}

/// `AVAKeyword.getOID` for the DEFAULT format.
fn keyword_oid(keyword: &str) -> Result<ObjectIdentifier> {
    let upper = java_trim(&keyword.to_uppercase()).to_string();
    if let Some(k) = KEYWORDS.iter().find(|k| k.name == upper) {
        return parse_oid(k.oid);
    }
    let dotted = upper.strip_prefix("OID.").unwrap_or(&upper);
    if !dotted.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(invalid(format!("Invalid keyword \"{dotted}\"")));
    }
    parse_oid(dotted)
}

/// Parses a dotted OID with the JDK's `ObjectIdentifier.of` rules: at least
/// two decimal arcs, the first 0 to 2, the second below 40 unless the first is 2.
pub(crate) fn parse_oid(dotted: &str) -> Result<ObjectIdentifier> {
    let bad = |why: &str| invalid(format!("ObjectIdentifier() -- {why}: {dotted}"));
    let mut arcs: Vec<u64> = Vec::new();
    for comp in dotted.split('.') {
        if comp.is_empty() || !comp.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("Invalid format"));
        }
        // Arcs beyond 64 bits are kept by `crate::lenient::encode_oid`.
        arcs.push(comp.parse().unwrap_or(u64::MAX));
    }
    if arcs.len() < 2 {
        return Err(invalid(
            "ObjectIdentifier() -- Must be at least two oid components ",
        ));
    }
    if arcs[0] > 2 {
        return Err(invalid(
            "ObjectIdentifier() -- First oid component is invalid ",
        ));
    }
    if arcs[0] < 2 && arcs[1] > 39 {
        return Err(invalid(
            "ObjectIdentifier() -- Second oid component is invalid ",
        ));
    }
    // Normalise away leading zeros, which the JDK accepts.
    let normal = arcs
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".");
    match ObjectIdentifier::new(&normal) {
        Ok(oid) => Ok(oid),
        // Beyond const-oid's limits (`2.25.<UUID>`): a placeholder that
        // `crate::lenient::restore_der` turns back into this OID.
        Err(e) => match crate::lenient::encode_oid(dotted) {
            Some(value) => crate::lenient::placeholder(&value),
            None => Err(bad(&format!("unsupported OID ({e})"))),
        },
    }
}

/// Java's `String.trim()`: strips characters up to U+0020 from both ends.
fn java_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= ' ')
}

/// `AVA.parseHexString`: `#` followed by the DER of the value.
fn parse_hex_value(r: &mut Reader<'_>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut digits = 0usize;
    let mut hi = 0u8;
    while let Some(c) = r.read() {
        if is_terminator(c) {
            break;
        }
        let v = c
            .to_digit(16)
            .ok_or_else(|| invalid(format!("AVA parse, invalid hex digit: {c}")))?;
        // to_digit(16) is below 16, so this fits in a u8.
        let v = v as u8;
        if digits % 2 == 1 {
            bytes.push((hi << 4) | v);
        } else {
            hi = v;
        }
        digits += 1;
    }
    if digits == 0 {
        return Err(invalid("AVA parse, zero hex digits"));
    }
    if digits % 2 == 1 {
        return Err(invalid("AVA parse, odd number of hex digits"));
    }
    // `DerValue`: a high tag number (low five bits all set) is refused, with
    // the JDK's message, rather than written for keytool to choke on.
    if bytes[0] & 0x1f == 0x1f {
        return Err(invalid("Tag number over 30 at 0 is not supported"));
    }
    // `new DerValue(bytes)`: the bytes must be exactly one DER value.
    let any = match Any::from_der(&bytes) {
        Ok(any) => any,
        // Universal tags der does not know (UniversalString 0x1c,
        // GraphicString 0x19, CHARACTER STRING 0x1d...) are held under the
        // private tag of the same number, which `crate::lenient::restore_der`
        // turns back before anything is written.
        Err(e) => match crate::lenient::substitute(&bytes) {
            Ok(Some((rewritten, _))) => Any::from_der(&rewritten)
                .map_err(|_| invalid(format!("AVA parse, bad DER value: {e}")))?,
            _ => return Err(invalid(format!("AVA parse, bad DER value: {e}"))),
        },
    };
    any.to_der()
        .map_err(|e| invalid(format!("AVA parse, bad DER value: {e}")))
}

/// The JDK's `AVA.isTerminator` for the DEFAULT format.
fn is_terminator(c: char) -> bool {
    matches!(c, '+' | ',' | ';')
}

/// `AVA.getEmbeddedHexPair`: after a backslash, a hex digit starts a `\XX` pair.
fn embedded_hex_pair(c1: char, r: &mut Reader<'_>) -> Result<Option<u8>> {
    let Some(hi) = c1.to_digit(16) else {
        return Ok(None);
    };
    let c2 = r.read_char("unexpected EOF - escaped hex value must include two valid digits")?;
    let lo = c2
        .to_digit(16)
        .ok_or_else(|| invalid("escaped hex value must include two valid digits"))?;
    // Two hex digits make a byte.
    Ok(Some(((hi << 4) | lo) as u8))
}

/// Appends embedded `\XX` bytes, decoded as UTF-8 the way Java does (bad
/// sequences become U+FFFD), and clears them.
fn flush_hex(out: &mut String, hex: &mut Vec<u8>) {
    if !hex.is_empty() {
        out.push_str(&String::from_utf8_lossy(hex));
        hex.clear();
    }
}

/// `AVA.parseQuotedString`: the opening quote has been read.
fn parse_quoted_value(r: &mut Reader<'_>, oid: &ObjectIdentifier) -> Result<Vec<u8>> {
    const UNTERMINATED: &str = "Quoted string did not end in quote";
    let mut temp = String::new();
    let mut hex = Vec::new();
    let mut printable = true;
    let mut c = r.read_char(UNTERMINATED)?;
    while c != '"' {
        if c == '\\' {
            c = r.read_char(UNTERMINATED)?;
            if let Some(b) = embedded_hex_pair(c, r)? {
                printable = false;
                hex.push(b);
                // The JDK reads on even at the end of input and then fails.
                c = r.read_char(UNTERMINATED)?;
                continue;
            }
            if !SPECIAL_CHARS_1779.contains(c) {
                return Err(invalid(format!("Invalid escaped character in AVA: {c}")));
            }
        }
        flush_hex(&mut temp, &mut hex);
        printable &= is_printable_char(c);
        temp.push(c);
        c = r.read_char(UNTERMINATED)?;
    }
    flush_hex(&mut temp, &mut hex);
    let mut after = r.read();
    while matches!(after, Some(' ') | Some('\n')) {
        after = r.read();
    }
    if after.is_some() {
        return Err(invalid(
            "AVA had characters other than whitespace after terminating quote",
        ));
    }
    encode_string_value(java_trim(&temp), printable, oid)
}

/// `AVA.parseString`: an unquoted value starting with `first`.
fn parse_plain_value(r: &mut Reader<'_>, first: char, oid: &ObjectIdentifier) -> Result<Vec<u8>> {
    let mut temp = String::new();
    let mut hex = Vec::new();
    let mut printable = true;
    let mut space_count = 0usize;
    let mut c = Some(first);
    while let Some(mut ch) = c {
        let mut escape = false;
        if ch == '\\' {
            escape = true;
            ch = r.read_char("Invalid trailing backslash")?;
            if let Some(b) = embedded_hex_pair(ch, r)? {
                printable = false;
                hex.push(b);
                c = r.read();
                if c.is_some_and(is_terminator) {
                    break;
                }
                continue;
            }
            if !SPECIAL_CHARS_DEFAULT.contains(ch) {
                return Err(invalid(format!("Invalid escaped character in AVA: '{ch}'")));
            }
        } else if ESCAPED_DEFAULT.contains(ch) {
            return Err(invalid(format!(
                "Character '{ch}' in AVA appears without escape"
            )));
        }
        if !hex.is_empty() {
            temp.extend(std::iter::repeat_n(' ', space_count));
            space_count = 0;
            flush_hex(&mut temp, &mut hex);
        }
        printable &= is_printable_char(ch);
        if ch == ' ' && !escape {
            // Unescaped spaces wait: trailing ones are dropped.
            space_count += 1;
        } else {
            temp.extend(std::iter::repeat_n(' ', space_count));
            space_count = 0;
            temp.push(ch);
        }
        c = r.read();
        if c.is_some_and(is_terminator) {
            break;
        }
    }
    // Like the JDK, pending spaces before trailing `\XX` bytes are lost.
    flush_hex(&mut temp, &mut hex);
    encode_string_value(&temp, printable, oid)
}

/// Chooses the string type the JDK picks and returns the DER value.
fn encode_string_value(value: &str, printable: bool, oid: &ObjectIdentifier) -> Result<Vec<u8>> {
    let dotted = oid.to_string();
    if dotted == OID_EMAIL_ADDRESS || dotted == OID_DOMAIN_COMPONENT {
        // Java's US-ASCII encoder writes '?' for anything it cannot map.
        let bytes = value
            .chars()
            .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
            .collect();
        tlv(Tag::Ia5String, bytes)
    } else if printable {
        tlv(Tag::PrintableString, value.as_bytes().to_vec())
    } else {
        tlv(Tag::Utf8String, value.as_bytes().to_vec())
    }
}

/// The JDK's `DerValue.isPrintableStringChar`.
fn is_printable_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c)
}

/// Tag, length and contents.
fn tlv(tag: Tag, contents: Vec<u8>) -> Result<Vec<u8>> {
    Any::new(tag, contents)
        .and_then(|a| a.to_der())
        .map_err(|e| invalid(format!("cannot encode distinguished name: {e}")))
}

/// `AVA.toString()`: keyword, `=`, and the value as the JDK renders it.
fn format_ava(oid: &ObjectIdentifier, value: &Any) -> String {
    let dotted = crate::lenient::restore_text(&oid.to_string());
    let keyword = KEYWORDS
        .iter()
        .find(|k| k.preferred && k.oid == dotted)
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
fn quote_value(val: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
                (OID_EMAIL_ADDRESS.to_string(), Tag::Ia5String),
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
