//! keytool's `-ext` syntax: `name{:critical}{=value}`.
//!
//! This follows `createV3Extensions` in JDK 17's `sun.security.tools.keytool.Main`
//! and encodes each extension value byte for byte as the JDK does.
//!
//! | name (abbreviation)            | value                                             |
//! |--------------------------------|---------------------------------------------------|
//! | `BasicConstraints` (`BC`)      | none (CA), `n` (CA, pathlen n), `ca:bool,pathlen:n` |
//! | `KeyUsage` (`KU`)              | `digitalSignature,keyEncipherment,...`            |
//! | `ExtendedKeyUsage` (`EKU`)     | `serverAuth,clientAuth,...` or dotted OIDs        |
//! | `SubjectAlternativeName` (`SAN`), `IssuerAlternativeName` (`IAN`) | `type:value,...` with type `EMAIL URI DNS IP OID` |
//! | `SubjectInfoAccess` (`SIA`), `AuthorityInfoAccess` (`AIA`) | `method:type:value,...` (never critical) |
//! | `CRLDistributionPoints` (`CRLDP`) | `type:value,...` (one distribution point)      |
//! | a dotted OID                   | hex bytes: the extension value                    |
//! | `honored=...`                  | for `-gencert`: which requested extensions to copy |
//!
//! Names and keywords match keytool's way: an exact match, else a unique
//! prefix or camel-case abbreviation (`keyE`, `kCS`), case-sensitively first
//! and then ignoring case. `:critical` (any prefix of it, even empty) marks the
//! extension critical; nothing is critical by default, not even
//! BasicConstraints. A later `-ext` for the same extension replaces an earlier
//! one, and keytool writes the extensions ordered by their dotted OID string.

use crate::dname::parse_oid;
use crate::error::{Error, Result};
use const_oid::ObjectIdentifier;
use der::asn1::{Any, OctetString};
use der::{Encode, Tag, TagNumber, Tagged};
use sha1::{Digest, Sha1};
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};
use x509_cert::ext::Extension;

/// `id-ce-subjectKeyIdentifier`, 2.5.29.14.
pub const SUBJECT_KEY_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");
/// `id-ce-keyUsage`, 2.5.29.15.
pub const KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
/// `id-ce-subjectAltName`, 2.5.29.17.
pub const SUBJECT_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.17");
/// `id-ce-issuerAltName`, 2.5.29.18.
pub const ISSUER_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.18");
/// `id-ce-basicConstraints`, 2.5.29.19.
pub const BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
/// `id-ce-cRLDistributionPoints`, 2.5.29.31.
pub const CRL_DISTRIBUTION_POINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.31");
/// `id-ce-authorityKeyIdentifier`, 2.5.29.35.
pub const AUTHORITY_KEY_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.35");
/// `id-ce-extKeyUsage`, 2.5.29.37.
pub const EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
/// `id-pe-authorityInfoAccess`, 1.3.6.1.5.5.7.1.1.
pub const AUTHORITY_INFO_ACCESS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.1");
/// `id-pe-subjectInfoAccess`, 1.3.6.1.5.5.7.1.11.
pub const SUBJECT_INFO_ACCESS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.11");

/// keytool's extension names; `None` marks the start of the undocumented ones.
const EXT_NAMES: &[Option<&str>] = &[
    Some("BasicConstraints"),
    Some("KeyUsage"),
    Some("ExtendedKeyUsage"),
    Some("SubjectAlternativeName"),
    Some("IssuerAlternativeName"),
    Some("SubjectInfoAccess"),
    Some("AuthorityInfoAccess"),
    None,
    Some("CRLDistributionPoints"),
];

const KEY_USAGES: &[Option<&str>] = &[
    Some("digitalSignature"),
    Some("nonRepudiation"),
    Some("keyEncipherment"),
    Some("dataEncipherment"),
    Some("keyAgreement"),
    Some("keyCertSign"),
    Some("cRLSign"),
    Some("encipherOnly"),
    Some("decipherOnly"),
    Some("contentCommitment"),
];

const EXT_KEY_USAGES: &[(&str, &str)] = &[
    ("anyExtendedKeyUsage", "2.5.29.37.0"),
    ("serverAuth", "1.3.6.1.5.5.7.3.1"),
    ("clientAuth", "1.3.6.1.5.5.7.3.2"),
    ("codeSigning", "1.3.6.1.5.5.7.3.3"),
    ("emailProtection", "1.3.6.1.5.5.7.3.4"),
    ("timeStamping", "1.3.6.1.5.5.7.3.8"),
    ("OCSPSigning", "1.3.6.1.5.5.7.3.9"),
];

const ACCESS_METHODS: &[(&str, &str)] = &[
    ("OCSP", "1.3.6.1.5.5.7.48.1"),
    ("caIssuers", "1.3.6.1.5.5.7.48.2"),
    ("timeStamping", "1.3.6.1.5.5.7.48.3"),
    ("caRepository", "1.3.6.1.5.5.7.48.5"),
];

const GENERAL_NAME_TYPES: &[Option<&str>] = &[
    Some("EMAIL"),
    Some("URI"),
    Some("DNS"),
    Some("IP"),
    Some("OID"),
];

/// Which extension an `-ext` value names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bc,
    Ku,
    Eku,
    San,
    Ian,
    Sia,
    Aia,
    CrlDp,
}

fn illegal(spec: &str) -> Error {
    Error::InvalidInput(format!("Illegal value: {spec}"))
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::InvalidInput(msg.into())
}

/// keytool's `honored=` error for an extension that is not there.
fn not_found(oid: &str) -> Error {
    invalid(format!("No extension found with name {oid}"))
}

/// The parsed `-ext` values of one command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtRequest {
    /// The extensions the values ask for, with their criticality, one per
    /// OID (a later value replaces an earlier one) and in keytool's order
    /// (ascending dotted-OID string).
    pub extensions: Vec<Extension>,
    /// The list after the first `honored=` value, lower-cased as keytool
    /// reads it (`all`, `san`, `-bc`, `ku:critical`...). Only `-gencert`
    /// uses it; see [`ExtRequest::build`].
    pub honored: Option<String>,
}

/// Parses keytool's `-ext` values.
///
/// Errors are [`Error::InvalidInput`] with keytool's wording, e.g.
/// `Illegal value: bc=ca:maybe:1`, `Unknown keyUsage type: foo`,
/// `command S is ambiguous: ...`.
pub fn parse_all(specs: &[String]) -> Result<ExtRequest> {
    let mut map: BTreeMap<String, Extension> = BTreeMap::new();
    let mut honored = None;
    for spec in specs {
        if honored.is_none() {
            let lower = spec.to_lowercase();
            if let Some(list) = lower.strip_prefix("honored=") {
                honored = Some(list.to_string());
            }
        }
        if let Some(ext) = parse_one(spec)? {
            map.insert(ext.extn_id.to_string(), ext);
        }
    }
    Ok(ExtRequest {
        extensions: map.into_values().collect(),
        honored,
    })
}

impl ExtRequest {
    /// Assembles the extensions keytool writes into a certificate (or, with
    /// no `requested`, into a `-certreq` request), in keytool's order:
    ///
    /// 1. the non-critical SubjectKeyIdentifier of `subject_spki_der`;
    /// 2. an AuthorityKeyIdentifier holding `authority_key_id`, if given
    ///    (`-gencert` passes the issuer's SubjectKeyIdentifier, or
    ///    [`key_identifier`] of its key; nothing when the subject and issuer
    ///    keys are the same);
    /// 3. for `-gencert`, the `requested` extensions of the PKCS#10 request
    ///    selected by `honored=` (`all`, `name`, `name:critical`,
    ///    `name:non-critical`, `-name` to drop one);
    /// 4. the extensions of the `-ext` values, replacing any of the above
    ///    with the same OID.
    pub fn build(
        &self,
        subject_spki_der: &[u8],
        authority_key_id: Option<&[u8]>,
        requested: Option<&[Extension]>,
    ) -> Result<Vec<Extension>> {
        let mut map: BTreeMap<String, Extension> = BTreeMap::new();
        // Ordered as keytool orders them, by the dotted OID (a stand-in for
        // an OID const-oid cannot hold sorts as the real one).
        let put = |map: &mut BTreeMap<String, Extension>, e: Extension| {
            map.insert(crate::lenient::restore_text(&e.extn_id.to_string()), e);
        };
        put(&mut map, subject_key_identifier(subject_spki_der)?);
        if let Some(id) = authority_key_id {
            put(&mut map, authority_key_identifier(id)?);
        }
        if let (Some(requested), Some(list)) = (requested, &self.honored) {
            let items = java_split(list, ',');
            if items.contains(&"all") {
                for e in requested {
                    put(&mut map, e.clone());
                }
            }
            for item in items.iter().filter(|i| **i != "all") {
                if let Some(ty) = item.strip_prefix('-') {
                    // keytool deletes from what it has gathered so far, and
                    // fails when the extension is not there.
                    let oid = ext_name_oid(ty)?.to_string();
                    if map.remove(&oid).is_none() {
                        return Err(not_found(&oid));
                    }
                    continue;
                }
                let (ty, action) = match item.find(':') {
                    Some(p) => {
                        let action =
                            one_of(&item[p + 1..], &[Some("critical"), Some("non-critical")])?
                                .ok_or_else(|| illegal(item))?;
                        (&item[..p], Some(action == 0))
                    }
                    None => (*item, None),
                };
                let oid = ext_name_oid(ty)?;
                let mut e = requested
                    .iter()
                    .find(|e| e.extn_id == oid)
                    .cloned()
                    .ok_or_else(|| not_found(&oid.to_string()))?;
                if let Some(critical) = action {
                    e.critical = critical;
                }
                put(&mut map, e);
            }
        }
        for e in &self.extensions {
            put(&mut map, e.clone());
        }
        Ok(map.into_values().collect())
    }
}

/// Parses one `-ext` value; `None` for `honored` values, which are not
/// extensions themselves.
fn parse_one(spec: &str) -> Result<Option<Extension>> {
    let (name, value) = match spec.find('=') {
        Some(p) => (&spec[..p], Some(&spec[p + 1..])),
        None => (spec, None),
    };
    let (name, critical) = match name.find(':') {
        Some(p) => (
            &name[..p],
            one_of(&name[p + 1..], &[Some("critical")])? == Some(0),
        ),
        None => (name, false),
    };
    if name.eq_ignore_ascii_case("honored") {
        return Ok(None);
    }
    let kind = match one_of(name, EXT_NAMES)? {
        Some(0) => Kind::Bc,
        Some(1) => Kind::Ku,
        Some(2) => Kind::Eku,
        Some(3) => Kind::San,
        Some(4) => Kind::Ian,
        Some(5) => Kind::Sia,
        Some(6) => Kind::Aia,
        Some(_) => Kind::CrlDp,
        None => return raw_extension(spec, name, critical, value).map(Some),
    };
    let (oid, der) = match kind {
        Kind::Bc => (BASIC_CONSTRAINTS, basic_constraints(spec, value)?),
        Kind::Ku => (KEY_USAGE, key_usage(value.ok_or_else(|| illegal(spec))?)?),
        Kind::Eku => (
            EXT_KEY_USAGE,
            ext_key_usage(value.ok_or_else(|| illegal(spec))?)?,
        ),
        Kind::San | Kind::Ian => {
            let value = value.ok_or_else(|| illegal(spec))?;
            let names = general_names(spec, value, kind == Kind::San)?;
            let oid = if kind == Kind::San {
                SUBJECT_ALT_NAME
            } else {
                ISSUER_ALT_NAME
            };
            (oid, tlv(Tag::Sequence, names)?)
        }
        Kind::Sia | Kind::Aia => {
            if critical {
                return Err(invalid(format!(
                    "This extension cannot be marked as critical. {spec}"
                )));
            }
            let value = value.ok_or_else(|| illegal(spec))?;
            let oid = if kind == Kind::Sia {
                SUBJECT_INFO_ACCESS
            } else {
                AUTHORITY_INFO_ACCESS
            };
            (oid, access_descriptions(spec, value)?)
        }
        Kind::CrlDp => {
            let value = value.ok_or_else(|| illegal(spec))?;
            let names = general_names(spec, value, false)?;
            // DistributionPoint { distributionPoint [0] { fullName [0] names } }
            let full_name = tlv(context(0, true), names)?;
            let dp_name = tlv(context(0, true), full_name)?;
            let dp = tlv(Tag::Sequence, dp_name)?;
            (CRL_DISTRIBUTION_POINTS, tlv(Tag::Sequence, dp)?)
        }
    };
    extension(oid, critical, der).map(Some)
}

/// A dotted-OID `-ext` name: the value's hex digits (anything else is
/// skipped) are the extension value itself, as in JDK 17 (nothing when
/// there is no value).
fn raw_extension(spec: &str, name: &str, critical: bool, value: Option<&str>) -> Result<Extension> {
    let oid = parse_oid(name)?;
    let mut data = Vec::new();
    if let Some(value) = value {
        let digits: Vec<u8> = value
            .chars()
            .filter_map(|c| c.to_digit(16))
            // A hex digit is below 16.
            .map(|d| d as u8)
            .collect();
        if !digits.len().is_multiple_of(2) {
            return Err(invalid(format!("Odd number of hex digits found: {spec}")));
        }
        data = digits.chunks(2).map(|p| (p[0] << 4) | p[1]).collect();
    }
    if critical {
        check_known_value(&oid.to_string(), &data)?;
    }
    extension(oid, critical, data)
}

/// The outer DER tag of the value of each extension the JDK decodes when it
/// reads a certificate (`sun.security.x509.OIDMap`). A critical one whose
/// value does not decode makes the whole certificate unreadable to the JDK
/// ("Invalid lenByte"); a non-critical one is kept as unparseable, so only
/// critical values are checked.
const KNOWN_VALUES: &[(&str, &str, u8)] = &[
    ("2.5.29.14", "SubjectKeyIdentifier", 0x04),
    ("2.5.29.15", "KeyUsage", 0x03),
    ("2.5.29.16", "PrivateKeyUsage", 0x30),
    ("2.5.29.17", "SubjectAlternativeName", 0x30),
    ("2.5.29.18", "IssuerAlternativeName", 0x30),
    ("2.5.29.19", "BasicConstraints", 0x30),
    ("2.5.29.20", "CRLNumber", 0x02),
    ("2.5.29.21", "CRLReasonCode", 0x0a),
    ("2.5.29.27", "DeltaCRLIndicator", 0x02),
    ("2.5.29.28", "IssuingDistributionPoint", 0x30),
    ("2.5.29.29", "CertificateIssuer", 0x30),
    ("2.5.29.30", "NameConstraints", 0x30),
    ("2.5.29.31", "CRLDistributionPoints", 0x30),
    ("2.5.29.32", "CertificatePolicies", 0x30),
    ("2.5.29.33", "PolicyMappings", 0x30),
    ("2.5.29.35", "AuthorityKeyIdentifier", 0x30),
    ("2.5.29.36", "PolicyConstraints", 0x30),
    ("2.5.29.37", "ExtendedKeyUsage", 0x30),
    ("2.5.29.46", "FreshestCRL", 0x30),
    ("2.5.29.54", "InhibitAnyPolicy", 0x02),
    ("1.3.6.1.5.5.7.1.1", "AuthorityInfoAccess", 0x30),
    ("1.3.6.1.5.5.7.1.11", "SubjectInfoAccess", 0x30),
    ("2.16.840.1.113730.1.1", "NetscapeCertType", 0x03),
];

/// Refuses a raw critical value for an extension the JDK decodes when it is
/// not one well-formed DER value of the right type: keytool would write the
/// certificate and then fail to read its own keystore.
fn check_known_value(dotted: &str, data: &[u8]) -> Result<()> {
    let Some((_, name, tag)) = KNOWN_VALUES.iter().find(|(o, _, _)| *o == dotted) else {
        return Ok(());
    };
    let bad = |why: &str| {
        invalid(format!(
            "Illegal value for critical extension {dotted} ({name}): {why}"
        ))
    };
    if data.first() != Some(tag) {
        return Err(bad("not the DER of its type"));
    }
    match well_formed(data, 0) {
        Some(n) if n == data.len() => Ok(()),
        Some(_) => Err(bad("bytes after the value")),
        None => Err(bad("not valid DER")),
    }
}

/// The length of the well-formed DER value at the start of `data` (low tag
/// numbers, definite minimal lengths, constructed values made of whole
/// values), or `None`.
fn well_formed(data: &[u8], depth: usize) -> Option<usize> {
    if depth > 32 {
        return None;
    }
    let (&tag, rest) = data.split_first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let (&first, rest) = rest.split_first()?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n || rest[0] == 0 {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        if len < 0x80 {
            return None;
        }
        (len, 2 + n)
    };
    let body = data.get(header..header.checked_add(len)?)?;
    if tag & 0x20 != 0 {
        let mut at = 0;
        while at < body.len() {
            at += well_formed(&body[at..], depth + 1)?;
        }
    }
    Some(header + len)
}

fn extension(oid: ObjectIdentifier, critical: bool, der: Vec<u8>) -> Result<Extension> {
    Ok(Extension {
        extn_id: oid,
        critical,
        extn_value: OctetString::new(der)?,
    })
}

/// `BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }`;
/// the path length is written only for a CA and when not negative.
fn basic_constraints(spec: &str, value: Option<&str>) -> Result<Vec<u8>> {
    let (ca, path_len) = match value {
        None => (true, -1),
        Some(v) => match v.parse::<i32>() {
            Ok(n) => (true, n),
            Err(_) => {
                let mut ca = false;
                let mut path_len = -1;
                for part in java_split(v, ',') {
                    let nv = java_split(part, ':');
                    let [n, v] = nv.as_slice() else {
                        return Err(illegal(spec));
                    };
                    if n.eq_ignore_ascii_case("ca") {
                        ca = v.eq_ignore_ascii_case("true");
                    } else if n.eq_ignore_ascii_case("pathlen") {
                        path_len = v
                            .parse::<i32>()
                            .map_err(|_| invalid(format!("For input string: \"{v}\" in {spec}")))?;
                    } else {
                        return Err(illegal(spec));
                    }
                }
                (ca, path_len)
            }
        },
    };
    let mut body = Vec::new();
    if ca {
        body.extend(tlv(Tag::Boolean, vec![0xFF])?);
        if path_len >= 0 {
            body.extend(tlv(
                Tag::Integer,
                unsigned_integer(path_len.unsigned_abs()),
            )?);
        }
    }
    tlv(Tag::Sequence, body)
}

/// The contents of a DER INTEGER for a non-negative value.
fn unsigned_integer(n: u32) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(3);
    let mut out = Vec::with_capacity(5);
    if bytes[first] & 0x80 != 0 {
        out.push(0);
    }
    out.extend_from_slice(&bytes[first..]);
    out
}

/// `KeyUsage ::= BIT STRING`, trailing zero bits removed as the JDK does.
fn key_usage(value: &str) -> Result<Vec<u8>> {
    let mut bits = [false; 9];
    for s in java_split(value, ',') {
        let p =
            one_of(s, KEY_USAGES)?.ok_or_else(|| invalid(format!("Unknown keyUsage type: {s}")))?;
        bits[if p == 9 { 1 } else { p }] = true;
    }
    let len = bits.iter().rposition(|&b| b).map_or(0, |i| i + 1);
    let mut bytes = vec![0u8; len.div_ceil(8)];
    for (i, _) in bits.iter().enumerate().filter(|(_, b)| **b) {
        bytes[i / 8] |= 0x80 >> (i % 8);
    }
    // At most 7 unused bits.
    let unused = (bytes.len() * 8 - len) as u8;
    let mut contents = vec![unused];
    contents.extend(bytes);
    tlv(Tag::BitString, contents)
}

/// `ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId`.
fn ext_key_usage(value: &str) -> Result<Vec<u8>> {
    let names: Vec<Option<&str>> = EXT_KEY_USAGES.iter().map(|(n, _)| Some(*n)).collect();
    let mut body = Vec::new();
    let items = java_split(value, ',');
    if items.is_empty() {
        return Err(invalid("No value to encode for the extension!"));
    }
    for s in items {
        let dotted = match one_of(s, &names)? {
            Some(p) => EXT_KEY_USAGES[p].1,
            None => s,
        };
        let oid = parse_oid(dotted)
            .map_err(|_| invalid(format!("Unknown extendedkeyUsage type: {s}")))?;
        body.extend(oid.to_der()?);
    }
    tlv(Tag::Sequence, body)
}

/// The contents of a `GeneralNames` from `type:value,...`.
fn general_names(spec: &str, value: &str, san: bool) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for item in java_split(value, ',') {
        let p = item
            .find(':')
            .ok_or_else(|| invalid(format!("Illegal item {item} in {spec}")))?;
        out.extend(general_name(&item[..p], &item[p + 1..], san)?);
    }
    Ok(out)
}

/// `SEQUENCE OF AccessDescription` from `method:type:value,...`.
fn access_descriptions(spec: &str, value: &str) -> Result<Vec<u8>> {
    let methods: Vec<Option<&str>> = ACCESS_METHODS.iter().map(|(n, _)| Some(*n)).collect();
    let mut body = Vec::new();
    for item in java_split(value, ',') {
        let mut parts = item.splitn(3, ':');
        let (Some(m), Some(t), Some(v)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(illegal(spec));
        };
        let oid = match one_of(m, &methods)? {
            Some(p) => parse_oid(ACCESS_METHODS[p].1)?,
            None => {
                parse_oid(m).map_err(|_| invalid(format!("Unknown AccessDescription type: {m}")))?
            }
        };
        let mut ad = oid.to_der()?;
        ad.extend(general_name(t, v, false)?);
        body.extend(tlv(Tag::Sequence, ad)?);
    }
    tlv(Tag::Sequence, body)
}

/// One `GeneralName` as keytool's `createGeneralName` makes it.
fn general_name(t: &str, v: &str, san: bool) -> Result<Vec<u8>> {
    let p = one_of(t, GENERAL_NAME_TYPES)?
        .ok_or_else(|| invalid(format!("Unrecognized GeneralName type: {t}")))?;
    match p {
        0 => {
            check_rfc822(v)?;
            tlv(context(1, false), ia5(v))
        }
        1 => tlv(context(6, false), uri_ascii(v)?.into_bytes()),
        2 => {
            check_dns(v, san)?;
            tlv(context(2, false), ia5(v))
        }
        3 => tlv(context(7, false), ip_address(v)?),
        _ => {
            let oid =
                parse_oid(v).map_err(|e| invalid(format!("Unable to create OIDName: {e}")))?;
            tlv(context(8, false), oid.as_bytes().to_vec())
        }
    }
}

/// `RFC822Name.parseName`.
fn check_rfc822(name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(invalid("RFC822Name may not be null or empty"));
    }
    let domain = name.find('@').map_or(name, |p| &name[p + 1..]);
    if domain.is_empty() {
        return Err(invalid("RFC822Name may not end with @"));
    }
    if domain == "." {
        return Err(invalid("RFC822Name domain may not be just ."));
    }
    Ok(())
}

/// `new DNSName(name, allowWildcard)`: letters, digits and hyphens in
/// non-empty labels starting with a letter or digit; in a SAN the first
/// label may be `*`.
fn check_dns(name: &str, allow_wildcard: bool) -> Result<()> {
    let alnum = |c: u8| c.is_ascii_alphanumeric();
    if name.is_empty() {
        return Err(invalid("DNSName must not be null or empty"));
    }
    if name.contains(' ') {
        return Err(invalid("DNSName with blank components is not permitted"));
    }
    if name.starts_with('.') || name.ends_with('.') {
        return Err(invalid("DNSName may not begin or end with a ."));
    }
    let b = name.as_bytes();
    let mut start = 0;
    while start < b.len() {
        let end = name[start..].find('.').map_or(b.len(), |p| p + start);
        if end == start {
            return Err(invalid("DNSName with empty components are not permitted"));
        }
        if !alnum(b[start]) {
            // Like the JDK: the name must start with "*." and the label's
            // second and third characters must be '.' and a letter or digit.
            let wildcard_ok = allow_wildcard
                && b.len() >= 3
                && b[0] == b'*'
                && b.get(start + 1) == Some(&b'.')
                && b.get(start + 2).is_some_and(|&c| alnum(c));
            if !wildcard_ok {
                return Err(invalid(if allow_wildcard {
                    "DNSName components must begin with a letter, digit, or the first component can have only a wildcard character *"
                } else {
                    "DNSName components must begin with a letter or digit"
                }));
            }
        }
        if !b[start + 1..end].iter().all(|&c| alnum(c) || c == b'-') {
            return Err(invalid(
                "DNSName components must consist of letters, digits, and hyphens",
            ));
        }
        start = end + 1;
    }
    Ok(())
}

/// `new URIName(v)` then `toASCIIString()`: needs a scheme, rejects the
/// characters `java.net.URI` rejects, checks a bracketed IPv6 host, and
/// percent-encodes non-ASCII characters as UTF-8.
fn uri_ascii(v: &str) -> Result<String> {
    let bad = || invalid(format!("invalid URI name:{v}"));
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x20 || c == 0x7f || b" \"<>\\^`{|}".contains(&c) {
            return Err(bad());
        }
        if c == b'%' {
            let ok =
                b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit();
            if !ok {
                return Err(bad());
            }
        }
        i += 1;
    }
    // A ':' before any '/', '?' or '#' ends the scheme.
    let colon = v.find(':').filter(|&p| !v[..p].contains(['/', '?', '#']));
    let Some(colon) = colon else {
        return Err(invalid(format!("URI name must include scheme:{v}")));
    };
    let scheme = &v[..colon];
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok {
        return Err(bad());
    }
    let rest = &v[colon + 1..];
    if let Some(auth) = rest.strip_prefix("//") {
        let auth = &auth[..auth.find(['/', '?', '#']).unwrap_or(auth.len())];
        let host = &auth[auth.rfind('@').map_or(0, |p| p + 1)..];
        if let Some(h) = host.strip_prefix('[') {
            let inner = &h[..h.find(']').ok_or_else(bad)?];
            ip_address(inner).map_err(|_| {
                invalid(format!(
                    "invalid URI name (host portion is not a valid IPv6 address):{v}"
                ))
            })?;
        }
    }
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    Ok(out)
}

/// `new IPAddressName(v)`: an IPv4 or IPv6 literal, optionally `/mask` (IPv4,
/// dotted) or `/prefix` (IPv6). Host names, which keytool would resolve
/// through DNS, are refused.
fn ip_address(v: &str) -> Result<Vec<u8>> {
    let bad = || invalid(format!("Invalid IPAddress: {v}"));
    if v.is_empty() {
        return Err(invalid("IPAddress cannot be null or empty"));
    }
    if v.ends_with('/') {
        return Err(bad());
    }
    let literal = |s: &str| -> Result<Vec<u8>> {
        let s = s
            .strip_prefix('[')
            .and_then(|x| x.strip_suffix(']'))
            .unwrap_or(s);
        if let Ok(a) = s.parse::<Ipv4Addr>() {
            return Ok(a.octets().to_vec());
        }
        let s = s.split('%').next().unwrap_or(s);
        let a: Ipv6Addr = s.parse().map_err(|_| bad())?;
        // Java turns IPv4-mapped IPv6 literals into IPv4 addresses.
        Ok(match a.to_ipv4_mapped() {
            Some(v4) => v4.octets().to_vec(),
            None => a.octets().to_vec(),
        })
    };
    let (base, mask) = match v.find('/') {
        Some(p) => (&v[..p], Some(&v[p + 1..])),
        None => (v, None),
    };
    if v.contains(':') {
        let mut address = literal(base)?;
        if let Some(prefix) = mask {
            if address.len() != 16 {
                return Err(bad());
            }
            let n: u32 = prefix.parse().map_err(|_| bad())?;
            if n > 128 {
                return Err(invalid(format!(
                    "IPv6Address prefix length ({n}) in out of valid range [0,128]"
                )));
            }
            let bits = u128::MAX.checked_shl(128 - n).unwrap_or(0);
            address.extend(bits.to_be_bytes());
        }
        Ok(address)
    } else if v.contains('.') {
        let four = |s: &str| java_ipv4(s).map(|a| a.to_vec()).ok_or_else(bad);
        let mut address = four(base)?;
        if let Some(m) = mask {
            address.extend(four(m)?);
        }
        Ok(address)
    } else {
        Err(bad())
    }
}

/// `IPAddressUtil.textToNumericFormatV4`: Java's IPv4 literal forms, `a.b.c.d`
/// and the legacy `a.b.c` (c fills 16 bits), `a.b` (b fills 24 bits) and `a`
/// (32 bits), decimal parts with leading zeros read as decimal, at most 15
/// characters. keytool resolves anything else through DNS; rkeytool refuses it.
fn java_ipv4(s: &str) -> Option<[u8; 4]> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() > 4 {
        return None;
    }
    let mut values = Vec::with_capacity(4);
    for p in &parts {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        values.push(p.parse::<u64>().ok()?);
    }
    let (last, first) = values.split_last()?;
    if first.iter().any(|&v| v > 0xff) || *last >= 1u64 << ((4 - first.len()) * 8) {
        return None;
    }
    let mut out = [0u8; 4];
    for (i, &v) in first.iter().enumerate() {
        out[i] = u8::try_from(v).ok()?;
    }
    let tail = last.to_be_bytes();
    let n = 4 - first.len();
    out[first.len()..].copy_from_slice(&tail[8 - n..]);
    Some(out)
}

/// Java's US-ASCII encoding for IA5String: unmappable characters become `?`.
fn ia5(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
        .collect()
}

/// The OID of an extension name in `honored=`: a keytool name or a dotted OID.
fn ext_name_oid(ty: &str) -> Result<ObjectIdentifier> {
    Ok(match one_of(ty, EXT_NAMES)? {
        Some(0) => BASIC_CONSTRAINTS,
        Some(1) => KEY_USAGE,
        Some(2) => EXT_KEY_USAGE,
        Some(3) => SUBJECT_ALT_NAME,
        Some(4) => ISSUER_ALT_NAME,
        Some(5) => SUBJECT_INFO_ACCESS,
        Some(6) => AUTHORITY_INFO_ACCESS,
        Some(_) => CRL_DISTRIBUTION_POINTS,
        None => parse_oid(ty)?,
    })
}

/// keytool's `oneOf`: an exact match; else the single entry `s` abbreviates
/// (camel-case initials such as `kCS`, or a prefix), case-sensitively; else
/// the same ignoring case. `None` entries start the undocumented part of the
/// list, whose matches lose to documented ones. Several matches are an error.
fn one_of(s: &str, list: &[Option<&str>]) -> Result<Option<usize>> {
    let camel = |b: &str| -> String {
        b.chars()
            .enumerate()
            .filter(|&(i, c)| i == 0 || !c.is_ascii_lowercase())
            .map(|(_, c)| c)
            .collect()
    };
    if let Some(r) = one_of_match(s, list, |a, b| a == b)? {
        return Ok(Some(r));
    }
    if let Some(r) = one_of_match(s, list, |a, b| a == camel(b) || b.starts_with(a))? {
        return Ok(Some(r));
    }
    one_of_match(s, list, |a, b| {
        a.eq_ignore_ascii_case(&camel(b)) || b.to_uppercase().starts_with(&a.to_uppercase())
    })
}

fn one_of_match(
    s: &str,
    list: &[Option<&str>],
    matcher: impl Fn(&str, &str) -> bool,
) -> Result<Option<usize>> {
    let experiment = list.iter().position(Option::is_none).unwrap_or(usize::MAX);
    let matches: Vec<usize> = list
        .iter()
        .enumerate()
        .filter_map(|(i, one)| one.filter(|one| matcher(s, one)).map(|_| i))
        .collect();
    match matches.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        [first, second, ..] if *second > experiment => Ok(Some(*first)),
        _ => {
            let names: String = matches
                .iter()
                .filter(|&&i| i < experiment)
                .filter_map(|&i| list[i])
                .map(|n| format!(" {n}"))
                .collect();
            Err(invalid(format!("command {s} is ambiguous:\n    {names}")))
        }
    }
}

/// Java's `String.split` with a one-character pattern: trailing empty
/// strings are dropped, and an input without the separator is returned whole.
fn java_split(s: &str, sep: char) -> Vec<&str> {
    if !s.contains(sep) {
        return vec![s];
    }
    let mut parts: Vec<&str> = s.split(sep).collect();
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts
}

fn context(number: u32, constructed: bool) -> Tag {
    Tag::ContextSpecific {
        constructed,
        number: TagNumber(number),
    }
}

/// Tag, length and contents.
fn tlv(tag: Tag, contents: Vec<u8>) -> Result<Vec<u8>> {
    Ok(Any::new(tag, contents)?.to_der()?)
}

/// keytool's key identifier: the SHA-1 of the subjectPublicKey BIT STRING's
/// contents (RFC 5280 section 4.2.1.2, method 1) of a DER SubjectPublicKeyInfo.
pub fn key_identifier(spki_der: &[u8]) -> Result<[u8; 20]> {
    use der::Decode;
    let spki = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
    Ok(Sha1::digest(spki.subject_public_key.raw_bytes()).into())
}

/// The non-critical SubjectKeyIdentifier extension keytool adds to every
/// certificate and request: an OCTET STRING of [`key_identifier`].
pub fn subject_key_identifier(spki_der: &[u8]) -> Result<Extension> {
    let id = key_identifier(spki_der)?;
    extension(
        SUBJECT_KEY_IDENTIFIER,
        false,
        tlv(Tag::OctetString, id.to_vec())?,
    )
}

/// The non-critical AuthorityKeyIdentifier extension `-gencert` writes:
/// `SEQUENCE { [0] keyIdentifier }` and nothing else.
pub fn authority_key_identifier(key_id: &[u8]) -> Result<Extension> {
    let body = tlv(context(0, false), key_id.to_vec())?;
    extension(AUTHORITY_KEY_IDENTIFIER, false, tlv(Tag::Sequence, body)?)
}

/// The key identifier in a SubjectKeyIdentifier extension among `extensions`,
/// which `-gencert` puts in the AuthorityKeyIdentifier of what the key signs.
pub fn find_subject_key_id(extensions: &[Extension]) -> Option<Vec<u8>> {
    let ext = find(extensions, &SUBJECT_KEY_IDENTIFIER)?;
    let any = <Any as der::Decode>::from_der(ext.extn_value.as_bytes()).ok()?;
    (any.tag() == Tag::OctetString).then(|| any.value().to_vec())
}

/// The extension with OID `oid` among `extensions`.
pub fn find<'a>(extensions: &'a [Extension], oid: &ObjectIdentifier) -> Option<&'a Extension> {
    extensions.iter().find(|e| &e.extn_id == oid)
}

/// The SubjectAlternativeName extension among `extensions`.
pub fn find_subject_alt_name(extensions: &[Extension]) -> Option<&Extension> {
    find(extensions, &SUBJECT_ALT_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_follows_keytool() {
        let ku = KEY_USAGES;
        assert_eq!(one_of("dig", ku).unwrap(), Some(0));
        assert_eq!(one_of("keyE", ku).unwrap(), Some(2));
        assert_eq!(one_of("kCS", ku).unwrap(), Some(5));
        assert_eq!(one_of("KEYA", ku).unwrap(), Some(4));
        assert!(one_of("c", ku).is_err());
        assert_eq!(one_of("zzz", ku).unwrap(), None);
        assert_eq!(one_of("bc", EXT_NAMES).unwrap(), Some(0));
        assert_eq!(one_of("CRLDP", EXT_NAMES).unwrap(), Some(8));
        assert_eq!(one_of("", &[Some("critical")]).unwrap(), Some(0));
    }

    #[test]
    fn java_ipv4_legacy_forms() {
        assert_eq!(java_ipv4("127.1"), Some([127, 0, 0, 1]));
        assert_eq!(java_ipv4("10.1.2"), Some([10, 1, 0, 2]));
        assert_eq!(java_ipv4("1.16777215"), Some([1, 255, 255, 255]));
        assert_eq!(java_ipv4("0127.0.0.01"), Some([127, 0, 0, 1]));
        assert_eq!(java_ipv4("8"), Some([0, 0, 0, 8]));
        for bad in [
            "127.0.0.256",
            "1.2.65536",
            "1.2.3.4.5",
            "1..2",
            "1.2.3.",
            "0x7f.1",
            "",
        ] {
            assert_eq!(java_ipv4(bad), None, "{bad}");
        }
    }

    #[test]
    fn well_formed_der() {
        assert_eq!(well_formed(&[0x30, 0x03, 0x01, 0x01, 0xff], 0), Some(5));
        assert_eq!(well_formed(&[0xab, 0xcd, 0xef], 0), None);
        assert_eq!(well_formed(&[0x30, 0x03, 0x01, 0x02, 0xff], 0), None);
        assert_eq!(well_formed(&[0x04, 0x81, 0x05, 0, 0, 0, 0, 0], 0), None);
    }

    #[test]
    fn java_split_drops_trailing_empties() {
        assert_eq!(java_split("", ','), vec![""]);
        assert_eq!(java_split(",", ','), Vec::<&str>::new());
        assert_eq!(java_split("a,,b,,", ','), vec!["a", "", "b"]);
        assert_eq!(java_split(",a", ','), vec!["", "a"]);
    }
}
