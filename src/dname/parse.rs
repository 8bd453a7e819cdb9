//! Reading names: keytool's `-dname` strings (the JDK's `X500Name`, `RDN`
//! and `AVA` parsers) and the answers to `-genkeypair`'s questions.

use super::{DOMAIN_COMPONENT, EMAIL_ADDRESS, KEYWORDS, invalid, is_printable_char};
use crate::error::Result;
use const_oid::ObjectIdentifier;
use const_oid::db::rfc4519;
use der::asn1::{Any, Ia5StringRef, PrintableStringRef, Utf8StringRef};
use der::{Decode, Encode};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

/// Characters that may follow a backslash in an unquoted value.
const SPECIAL_CHARS_DEFAULT: &str = ",=\n+<>#;\\\" ";

/// Characters that may follow a backslash in a quoted value.
const SPECIAL_CHARS_1779: &str = ",=\n+<>#;\\\"";

/// Characters that must not appear unescaped in an unquoted value.
const ESCAPED_DEFAULT: &str = ",+<>;\"";

/// Parses a `-dname` value the way keytool does and encodes it as keytool encodes it.
///
/// The result has the same DER bytes as the subject keytool writes for the
/// same string. An empty string gives an empty name. Errors are
/// [`Error::Syntax`](crate::Error::Syntax) carrying the JDK's own message, e.g.
/// `Invalid keyword "FOO"` or `Incorrect AVA format`.
pub fn parse(dname: &str) -> Result<Name> {
    let mut rdns = Vec::new();
    for avas in parse_typed(dname)? {
        // DER SET OF: the AVAs go in ascending order of their encodings.
        rdns.push(RelativeDistinguishedName::try_from(avas).map_err(cannot_encode)?);
    }
    rdns.reverse();
    name_of(rdns)
}

/// The [`Name`] of `rdns`, in DER order.
fn name_of(rdns: Vec<RelativeDistinguishedName>) -> Result<Name> {
    let mut sequence = RdnSequence::default();
    for rdn in rdns {
        sequence.push(rdn);
    }
    // `Name` is built from its DER: x509-cert keeps its constructor behind a feature.
    let der = sequence.to_der().map_err(cannot_encode)?;
    Name::from_der(&der).map_err(cannot_encode)
}

fn cannot_encode(e: der::Error) -> crate::error::Error {
    invalid(format!("cannot encode distinguished name: {e}"))
}

/// `new X500Name(String)`: the RDNs in the order typed, each its AVAs in
/// the order typed.
pub(super) fn parse_typed(dname: &str) -> Result<Vec<Vec<AttributeTypeAndValue>>> {
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
        (rfc4519::C, c),
        (rfc4519::ST, st),
        (rfc4519::L, l),
        (rfc4519::O, o),
        (rfc4519::OU, ou),
        (rfc4519::CN, cn),
    ];
    let mut rdns = Vec::new();
    // A part left out (keytool 21's `.` answer) is not in the name at all.
    for (oid, value) in pairs.into_iter().filter(|(_, v)| !v.is_empty()) {
        let printable = value.chars().all(is_printable_char);
        let value = string_value(value, printable, &oid)?;
        let ava = AttributeTypeAndValue { oid, value };
        rdns.push(RelativeDistinguishedName::try_from(vec![ava]).map_err(cannot_encode)?);
    }
    name_of(rdns)
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

/// `new RDN(String)`: splits on unescaped, unquoted `+` and returns each
/// AVA, in the order typed.
fn parse_rdn(name: &[char]) -> Result<Vec<AttributeTypeAndValue>> {
    let empty_ava = || {
        invalid(format!(
            "empty AVA in RDN \"{}\"",
            name.iter().collect::<String>()
        ))
    };
    let mut avas = Vec::new();
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
fn parse_ava(ava: &[char]) -> Result<AttributeTypeAndValue> {
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
        None => PrintableStringRef::new("")
            .and_then(|v| Any::encode_from(&v))
            .map_err(cannot_encode)?,
        Some('#') => parse_hex_value(&mut r)?,
        Some('"') => parse_quoted_value(&mut r, &oid)?,
        Some(first) => parse_plain_value(&mut r, first, &oid)?,
    };
    Ok(AttributeTypeAndValue { oid, value })
}

/// `AVAKeyword.getOID` for the DEFAULT format.
fn keyword_oid(keyword: &str) -> Result<ObjectIdentifier> {
    let upper = java_trim(&keyword.to_uppercase()).to_string();
    if let Some(k) = KEYWORDS.iter().find(|k| k.name == upper) {
        return Ok(k.oid);
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
fn parse_hex_value(r: &mut Reader<'_>) -> Result<Any> {
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
    match Any::from_der(&bytes) {
        Ok(any) => Ok(any),
        // Universal tags der does not know (UniversalString 0x1c,
        // GraphicString 0x19, CHARACTER STRING 0x1d...) are held under the
        // private tag of the same number, which `crate::lenient::restore_der`
        // turns back before anything is written.
        Err(e) => match crate::lenient::substitute(&bytes) {
            Ok(Some((rewritten, _))) => Any::from_der(&rewritten)
                .map_err(|_| invalid(format!("AVA parse, bad DER value: {e}"))),
            _ => Err(invalid(format!("AVA parse, bad DER value: {e}"))),
        },
    }
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
fn parse_quoted_value(r: &mut Reader<'_>, oid: &ObjectIdentifier) -> Result<Any> {
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
    string_value(java_trim(&temp), printable, oid)
}

/// `AVA.parseString`: an unquoted value starting with `first`.
fn parse_plain_value(r: &mut Reader<'_>, first: char, oid: &ObjectIdentifier) -> Result<Any> {
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
    string_value(&temp, printable, oid)
}

/// The value in the string type the JDK picks: IA5String for an e-mail
/// address or a domain component, PrintableString when every character fits,
/// UTF8String otherwise.
fn string_value(value: &str, printable: bool, oid: &ObjectIdentifier) -> Result<Any> {
    let any = if *oid == EMAIL_ADDRESS || *oid == DOMAIN_COMPONENT {
        // Java's US-ASCII encoder writes '?' for anything it cannot map.
        let ascii: String = value
            .chars()
            .map(|c| if c.is_ascii() { c } else { '?' })
            .collect();
        Ia5StringRef::new(&ascii).and_then(|v| Any::encode_from(&v))
    } else if printable {
        PrintableStringRef::new(value).and_then(|v| Any::encode_from(&v))
    } else {
        Utf8StringRef::new(value).and_then(|v| Any::encode_from(&v))
    };
    any.map_err(cannot_encode)
}
