//! The `Extensions:` part of keytool's certificate block: each extension
//! rendered like the `toString()` of its `sun.security.x509` class.
//!
//! Where Java would fail to parse a non-critical extension, keytool prints
//! `Unparseable <Name> extension due to` and the Java exception; we print the
//! same frame, but the exception text is only exact for the failures we have
//! seen keytool report (see the tests). A critical extension Java cannot
//! parse makes keytool reject the whole certificate; we render it as
//! unparseable instead.

use super::{hex_dump, java_date};
use crate::tlv::{self, Tlv, TlvResult};
use der::Decode;
use x509_cert::ext::Extension;
use x509_cert::name::Name;

/// How one extension came out.
enum Rendered {
    /// Parsed by a known class: sorted by the class's NAME.
    Known { name: &'static str, text: String },
    /// No class for this OID: the generic `Extension`, sorted by OID.
    Generic { text: String },
    /// A known class threw: listed after the others.
    Unparseable { text: String },
}

/// The OIDs keytool's `OIDMap` knows, with the NAME its class registers.
/// CRL-only extensions are left out: we render them as generic ones.
pub(super) fn known_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.14" => "SubjectKeyIdentifier",
        "2.5.29.15" => "KeyUsage",
        "2.5.29.16" => "PrivateKeyUsage",
        "2.5.29.17" => "SubjectAlternativeName",
        "2.5.29.18" => "IssuerAlternativeName",
        "2.5.29.19" => "BasicConstraints",
        "2.5.29.30" => "NameConstraints",
        "2.5.29.31" => "CRLDistributionPoints",
        "2.5.29.32" => "CertificatePolicies",
        "2.5.29.33" => "PolicyMappings",
        "2.5.29.35" => "AuthorityKeyIdentifier",
        "2.5.29.36" => "PolicyConstraints",
        "2.5.29.37" => "ExtendedKeyUsage",
        "2.5.29.46" => "FreshestCRL",
        "2.5.29.54" => "InhibitAnyPolicy",
        "2.16.840.1.113730.1.1" => "NetscapeCertType",
        "1.3.6.1.5.5.7.1.1" => "AuthorityInfoAccess",
        "1.3.6.1.5.5.7.1.11" => "SubjectInfoAccess",
        "1.3.6.1.5.5.7.48.1.5" => "OCSPNoCheck",
        _ => return None,
    })
}

/// Renders the whole `Extensions:` section, or nothing when there are none.
pub(super) fn render_extensions(exts: &[Extension]) -> String {
    let mut sorted: Vec<(String, String)> = Vec::new();
    let mut unparseable: Vec<(String, String)> = Vec::new();
    for ext in exts {
        let oid = ext.extn_id.to_string();
        match render_one(&oid, ext.critical, ext.extn_value.as_bytes()) {
            Rendered::Known { name, text } => sorted.push((name.to_string(), text)),
            Rendered::Generic { text } => sorted.push((oid, text)),
            Rendered::Unparseable { text } => unparseable.push((oid, text)),
        }
    }
    // Java keeps them in TreeMaps keyed by these strings. Java compares
    // UTF-16 code units; keys here are ASCII, so byte order is the same.
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    unparseable.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::new();
    for (n, (_, text)) in sorted.iter().chain(unparseable.iter()).enumerate() {
        if n == 0 {
            out.push_str("\nExtensions: \n\n");
        }
        out.push_str(&format!("#{}: {text}\n", n + 1));
    }
    out
}

/// One extension's text (`ObjectId: … Criticality=…` and its body), as in
/// the `Extensions:` section but without the `#n: ` number.
pub(super) fn render_text(oid: &str, critical: bool, value: &[u8]) -> String {
    match render_one(oid, critical, value) {
        Rendered::Known { text, .. }
        | Rendered::Generic { text }
        | Rendered::Unparseable { text } => text,
    }
}

fn header(oid: &str, critical: bool) -> String {
    format!("ObjectId: {oid} Criticality={critical}\n")
}

fn render_one(oid: &str, critical: bool, value: &[u8]) -> Rendered {
    let head = header(oid, critical);
    let Some(name) = known_name(oid) else {
        let body = if value.is_empty() {
            "(Empty value)\n".to_string()
        } else {
            format!("{}\n", hex_dump(value))
        };
        return Rendered::Generic {
            text: format!("{head}{body}"),
        };
    };
    match render_known(name, critical, value) {
        Ok(body) => Rendered::Known {
            name,
            text: format!("{head}{body}"),
        },
        Err(why) => Rendered::Unparseable {
            text: format!(
                "{head}Unparseable {name} extension due to\njava.io.IOException: {why}\n\n{}",
                hex_dump(value)
            ),
        },
    }
}

fn render_known(name: &str, critical: bool, value: &[u8]) -> TlvResult<String> {
    match name {
        "SubjectKeyIdentifier" => {
            let id = tlv::expect(value, tlv::OCTET_STRING)?;
            Ok(format!(
                "SubjectKeyIdentifier [\n{}]\n",
                key_identifier(id.value)
            ))
        }
        "AuthorityKeyIdentifier" => authority_key_identifier(value),
        "BasicConstraints" => basic_constraints(value),
        "KeyUsage" => key_usage(value),
        "ExtendedKeyUsage" => extended_key_usage(value),
        "SubjectAlternativeName" | "IssuerAlternativeName" => {
            let names = general_names(value)?;
            let mut s = format!("{name} [\n");
            for n in names {
                s.push_str(&format!("  {n}\n"));
            }
            s.push_str("]\n");
            Ok(s)
        }
        "CRLDistributionPoints" | "FreshestCRL" => distribution_points(name, value),
        "AuthorityInfoAccess" | "SubjectInfoAccess" => access_descriptions(name, value),
        "CertificatePolicies" => certificate_policies(value),
        "NetscapeCertType" => netscape_cert_type(value),
        "NameConstraints" => name_constraints(value),
        "PolicyConstraints" => policy_constraints(value),
        "PolicyMappings" => policy_mappings(value),
        "InhibitAnyPolicy" => inhibit_any_policy(critical, value),
        "PrivateKeyUsage" => private_key_usage(value),
        // OCSPNoCheck has no toString of its own: just the header.
        _ => Ok(String::new()),
    }
}

/// Java's `List.toString()`: `[a, b]`.
fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// `KeyIdentifier.toString()`.
fn key_identifier(id: &[u8]) -> String {
    format!("KeyIdentifier [\n{}]\n", hex_dump(id))
}

/// Text of a string type as Java decodes it (non-ASCII bytes of IA5 strings
/// become U+FFFD; UTF-8 types are decoded as UTF-8).
fn ascii(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| if b < 0x80 { char::from(b) } else { '\u{FFFD}' })
        .collect()
}

/// A Name from the contents of a SET (a RelativeDistinguishedName), for
/// printing with the keytool name formatter.
fn rdn_as_name(set_contents: &[u8]) -> TlvResult<Name> {
    use der::{Encode, Tag, asn1::Any};
    let wrap = |tag, contents: &[u8]| Any::new(tag, contents).and_then(|a| a.to_der());
    wrap(Tag::Set, set_contents)
        .and_then(|set| wrap(Tag::Sequence, &set))
        .and_then(|seq| Name::from_der(&seq))
        .map_err(|e| e.to_string())
}

/// An IP address as `IPAddressName.toString()` prints it.
fn ip_address(bytes: &[u8]) -> TlvResult<String> {
    fn host(addr: &[u8]) -> String {
        if addr.len() == 4 {
            return format!("{}.{}.{}.{}", addr[0], addr[1], addr[2], addr[3]);
        }
        // InetAddress.getByAddress turns IPv4-mapped addresses into IPv4.
        if addr[..10].iter().all(|b| *b == 0) && addr[10] == 0xff && addr[11] == 0xff {
            return host(&addr[12..]);
        }
        let groups: Vec<String> = addr
            .chunks(2)
            .map(|g| format!("{:x}", u16::from_be_bytes([g[0], g[1]])))
            .collect();
        groups.join(":")
    }
    Ok(match bytes.len() {
        4 | 16 => host(bytes),
        8 => format!("{}/{}", host(&bytes[..4]), host(&bytes[4..])),
        32 => {
            let mask = &bytes[16..];
            let ones = mask
                .iter()
                .flat_map(|b| (0..8).map(move |i| b & (0x80 >> i) != 0))
                .collect::<Vec<bool>>();
            let prefix = ones.iter().take_while(|b| **b).count();
            if ones[prefix..].iter().any(|b| *b) {
                // getName() throws; toString() falls back to a hex dump.
                return Ok(format!("IPAddress: {}", hex_dump(bytes)));
            }
            format!("{}/{prefix}", host(&bytes[..16]))
        }
        _ => return Err("Invalid IPAddressName".into()),
    })
    .map(|s| {
        if s.starts_with("IPAddress: ") {
            s
        } else {
            format!("IPAddress: {s}")
        }
    })
}

/// One GeneralName as `GeneralName.toString()` prints it.
fn general_name(t: &Tlv<'_>) -> TlvResult<String> {
    general_name_as(t, false)
}

/// `new GeneralName(DerValue, nameConstraint)`: a URI in a name constraint
/// may be a bare host; anywhere else `URIName` wants a scheme.
fn general_name_as(t: &Tlv<'_>, name_constraint: bool) -> TlvResult<String> {
    Ok(match t.tag {
        0xa0 => {
            let parts = tlv::children(t.value)?;
            let oid = parts
                .first()
                .ok_or("Invalid encoding of OtherName")
                .and_then(|o| tlv::oid(o).map_err(|_| "Invalid encoding of OtherName"))?;
            format!("Other-Name: Unrecognized ObjectIdentifier: {oid}")
        }
        0x81 => format!("RFC822Name: {}", ascii(t.value)),
        0x82 => format!("DNSName: {}", ascii(t.value)),
        0xa3 => "X400Address: <DER-encoded value>".to_string(),
        0xa4 => {
            let name = Name::from_der(t.value).map_err(|e| e.to_string())?;
            crate::dname::format(&name)
        }
        0xa5 => {
            // `EDIPartyName(DerValue)`: only primitive [0] and [1] parts are
            // read (a DER value inside their contents); constructed ones,
            // which RFC 5280's EXPLICIT tagging gives, are skipped, so keytool
            // prints `partyName = null` for them.
            let parts = tlv::children(t.value)?;
            if parts.is_empty() || parts.len() > 2 {
                return Err("Invalid encoding of EDIPartyName".into());
            }
            let (mut assigner, mut party) = (None, None);
            for part in parts {
                let slot = match part.tag {
                    0x80 => &mut assigner,
                    0x81 => &mut party,
                    _ => continue,
                };
                let inner = tlv::single(part.value)?;
                *slot = Some(java_as_string(&inner).unwrap_or_else(|| "null".to_string()));
            }
            format!(
                "EDIPartyName: {}  partyName = {}",
                assigner
                    .map(|a| format!("  nameAssigner = {a},"))
                    .unwrap_or_default(),
                party.as_deref().unwrap_or("null")
            )
        }
        0x86 => {
            let uri = ascii(t.value);
            if !name_constraint && !has_uri_scheme(&uri) {
                return Err(format!("URI name must include scheme:{uri}"));
            }
            format!("URIName: {uri}")
        }
        0x87 => ip_address(t.value)?,
        0x88 => format!("OIDName: {}", tlv::oid_string(t.value)?),
        tag => return Err(format!("Unrecognized GeneralName tag, ({tag})")),
    })
}

/// The contents of a GeneralNames SEQUENCE, each as printed.
fn general_names_in(contents: &[u8]) -> TlvResult<Vec<String>> {
    tlv::children(contents)?.iter().map(general_name).collect()
}

fn general_names(value: &[u8]) -> TlvResult<Vec<String>> {
    let seq =
        tlv::expect(value, tlv::SEQUENCE).map_err(|_| "Invalid encoding for GeneralNames.")?;
    general_names_in(seq.value)
}

fn authority_key_identifier(value: &[u8]) -> TlvResult<String> {
    let mut s = String::from("AuthorityKeyIdentifier [\n");
    for part in tlv::sequence(value)? {
        match part.tag {
            0x80 => s.push_str(&key_identifier(part.value)),
            0xa1 => s.push_str(&format!("{}\n", list(&general_names_in(part.value)?))),
            0x82 => {
                let bytes = tlv::minimal_int(part.value);
                let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
                s.push_str(&format!("SerialNumber: {}\n", hex.join(":")));
            }
            _ => return Err("Invalid encoding of AuthorityKeyIdentifierExtension.".into()),
        }
    }
    s.push_str("]\n");
    Ok(s)
}

fn basic_constraints(value: &[u8]) -> TlvResult<String> {
    let seq =
        tlv::expect(value, tlv::SEQUENCE).map_err(|_| "Invalid encoding of BasicConstraints")?;
    let parts = tlv::children(seq.value)?;
    let mut ca = false;
    let mut path_len: i64 = -1;
    if let Some(first) = parts.first().filter(|p| p.tag == tlv::BOOLEAN) {
        ca = first.value.first().is_some_and(|b| *b != 0);
        match parts.get(1) {
            None => path_len = i64::from(i32::MAX),
            Some(p) if p.tag == tlv::INTEGER => path_len = tlv::small_int(p.value)?,
            Some(_) => return Err("Invalid encoding of BasicConstraints".into()),
        }
    }
    let path = if path_len < 0 {
        " undefined".to_string()
    } else if path_len == i64::from(i32::MAX) {
        " no limit".to_string()
    } else {
        path_len.to_string()
    };
    Ok(format!(
        "BasicConstraints:[\n  CA:{ca}\n  PathLen:{path}\n]\n"
    ))
}

fn bit_flags(value: &[u8]) -> TlvResult<Vec<bool>> {
    let bs = tlv::expect(value, tlv::BIT_STRING)?;
    tlv::bits(bs.value)
}

fn key_usage(value: &[u8]) -> TlvResult<String> {
    const NAMES: [&str; 9] = [
        "DigitalSignature",
        "Non_repudiation",
        "Key_Encipherment",
        "Data_Encipherment",
        "Key_Agreement",
        "Key_CertSign",
        "Crl_Sign",
        "Encipher_Only",
        "Decipher_Only",
    ];
    let bits = bit_flags(value)?;
    let mut s = String::from("KeyUsage [\n");
    for (i, name) in NAMES.iter().enumerate() {
        if bits.get(i).copied().unwrap_or(false) {
            s.push_str(&format!("  {name}\n"));
        }
    }
    s.push_str("]\n");
    Ok(s)
}

fn netscape_cert_type(value: &[u8]) -> TlvResult<String> {
    let bits = bit_flags(value)?;
    let set = |i: usize| bits.get(i).copied().unwrap_or(false);
    let mut s = String::from("NetscapeCertType [\n");
    for (i, name) in [
        (0, "SSL client"),
        (1, "SSL server"),
        (2, "S/MIME"),
        (3, "Object Signing"),
        (5, "SSL CA"),
        (6, "S/MIME CA"),
    ] {
        if set(i) {
            s.push_str(&format!("   {name}\n"));
        }
    }
    if set(7) {
        // No newline here in Java either.
        s.push_str("   Object Signing CA");
    }
    s.push_str("]\n");
    Ok(s)
}

/// `KnownOIDs.findMatch(oid).stdName()` for the OIDs that turn up as key
/// purposes; other OIDs print dotted.
fn known_oid_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.5" => "ipsecEndSystem",
        "1.3.6.1.5.5.7.3.6" => "ipsecTunnel",
        "1.3.6.1.5.5.7.3.7" => "ipsecUser",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "1.3.6.1.5.5.7.48.1" => "OCSP",
        "1.3.6.1.5.5.7.48.2" => "caIssuers",
        "1.3.6.1.5.5.7.48.3" => "timeStamping",
        "1.3.6.1.5.5.7.48.5" => "caRepository",
        "2.16.840.1.113730.4.1" => "NETSCAPE_ExportApproved",
        "1.3.6.1.4.1.311.10.3.3" => "MICROSOFT_ExportApproved",
        "2.16.840.1.113894.746875.1.1" => "ORACLE_TrustedKeyUsage",
        _ => return None,
    })
}

fn extended_key_usage(value: &[u8]) -> TlvResult<String> {
    const BAD: &str = "Invalid encoding for ExtendedKeyUsageExtension.";
    let seq = tlv::expect(value, tlv::SEQUENCE).map_err(|_| BAD)?;
    let mut usages = Vec::new();
    for part in tlv::children(seq.value)? {
        let oid = tlv::oid(&part)?;
        usages.push(known_oid_name(&oid).map(str::to_string).unwrap_or(oid));
    }
    Ok(format!(
        "ExtendedKeyUsages [\n  {}\n]\n",
        usages.join("\n  ")
    ))
}

fn distribution_points(name: &str, value: &[u8]) -> TlvResult<String> {
    const REASONS: [&str; 9] = [
        "",
        "key compromise",
        "CA compromise",
        "affiliation changed",
        "superseded",
        "cessation of operation",
        "certificate hold",
        "privilege withdrawn",
        "AA compromise",
    ];
    let mut points = Vec::new();
    for dp in tlv::sequence(value)? {
        if dp.tag != tlv::SEQUENCE {
            return Err("Invalid encoding of DistributionPoint.".into());
        }
        let mut s = String::from("DistributionPoint:\n     ");
        let mut reasons = String::new();
        let mut issuer = String::new();
        for part in tlv::children(dp.value)? {
            match part.tag {
                0xa0 => {
                    let dpn = tlv::single(part.value)?;
                    match dpn.tag {
                        0xa0 => s.push_str(&list(&general_names_in(dpn.value)?)),
                        0xa1 => s.push_str(&crate::dname::format(&rdn_as_name(dpn.value)?)),
                        _ => return Err("Invalid encoding of DistributionPointName.".into()),
                    }
                }
                0x81 => {
                    reasons.push_str("   ReasonFlags:\n");
                    for (i, set) in tlv::bits(part.value)?.into_iter().enumerate() {
                        if set {
                            match REASONS.get(i).filter(|_| i > 0) {
                                Some(r) => reasons.push_str(&format!("    {r}\n")),
                                None => reasons.push_str(&format!("    Unknown reason {i}\n")),
                            }
                        }
                    }
                }
                0xa2 => {
                    issuer = format!("   CRLIssuer:{}\n", list(&general_names_in(part.value)?));
                }
                _ => return Err("Invalid encoding of DistributionPoint.".into()),
            }
        }
        s.push('\n');
        s.push_str(&reasons);
        s.push_str(&issuer);
        points.push(s);
    }
    Ok(format!("{name} [\n  {}]\n", list(&points)))
}

fn access_descriptions(name: &str, value: &[u8]) -> TlvResult<String> {
    let mut descs = Vec::new();
    for ad in tlv::sequence(value)? {
        let parts = tlv::children(ad.value)?;
        let (Some(method), Some(location), 2) = (parts.first(), parts.get(1), parts.len()) else {
            return Err("Invalid encoding for AccessDescription".into());
        };
        let method = tlv::oid(method)?;
        let method = match method.as_str() {
            "1.3.6.1.5.5.7.48.2" => "caIssuers".to_string(),
            "1.3.6.1.5.5.7.48.5" => "caRepository".to_string(),
            "1.3.6.1.5.5.7.48.3" => "timeStamping".to_string(),
            "1.3.6.1.5.5.7.48.1" => "ocsp".to_string(),
            _ => method,
        };
        descs.push(format!(
            "\n   accessMethod: {method}\n   accessLocation: {}\n",
            general_name(location)?
        ));
    }
    Ok(format!("{name} [\n  {}\n]\n", list(&descs)))
}

fn certificate_policies(value: &[u8]) -> TlvResult<String> {
    let mut s = String::from("CertificatePolicies [\n");
    for info in tlv::sequence(value)? {
        let parts = tlv::children(info.value)?;
        let id = parts
            .first()
            .ok_or("Invalid encoding of PolicyInformation")?;
        let id = tlv::oid(id)?;
        let mut qualifiers = Vec::new();
        if let Some(qs) = parts.get(1) {
            for q in tlv::children(qs.value)? {
                let q_parts = tlv::children(q.value)?;
                let qid = q_parts
                    .first()
                    .ok_or("Invalid encoding for PolicyQualifierInfo")?;
                let qualifier = match q_parts.get(1) {
                    Some(v) => hex_dump(v.raw),
                    None => "null".to_string(),
                };
                qualifiers.push(format!(
                    "PolicyQualifierInfo: [\n  qualifierID: {}\n  qualifier: {qualifier}\n]",
                    tlv::oid(qid)?
                ));
            }
        }
        s.push_str(&format!(
            "  [CertificatePolicyId: [{id}]\n{}  ]\n",
            list(&qualifiers)
        ));
    }
    s.push_str("]\n");
    Ok(s)
}

fn name_constraints(value: &[u8]) -> TlvResult<String> {
    let mut s = String::from("NameConstraints: [");
    for part in tlv::sequence(value)? {
        let label = match part.tag {
            0xa0 => "Permitted",
            0xa1 => "Excluded",
            _ => return Err("Invalid encoding of NameConstraintsExtension.".into()),
        };
        let mut trees = Vec::new();
        for subtree in tlv::children(part.value)? {
            let items = tlv::children(subtree.value)?;
            let name = items
                .first()
                .ok_or("Invalid encoding for GeneralSubtree.")?;
            let mut min = 0;
            let mut max = -1;
            for item in &items[1..] {
                match item.tag {
                    0x80 => min = tlv::small_int(item.value)?,
                    0x81 => max = tlv::small_int(item.value)?,
                    _ => return Err("Invalid encoding for GeneralSubtree.".into()),
                }
            }
            let max = if max == -1 {
                "undefined".to_string()
            } else {
                max.to_string()
            };
            trees.push(format!(
                "\n   GeneralSubtree: [\n    GeneralName: {}\n    Minimum: {min}\n    Maximum: {max}    ]\n",
                general_name_as(name, true)?
            ));
        }
        s.push_str(&format!(
            "\n    {label}:   GeneralSubtrees:\n{}\n",
            list(&trees)
        ));
    }
    s.push_str("   ]\n");
    Ok(s)
}

fn policy_constraints(value: &[u8]) -> TlvResult<String> {
    let mut require = -1;
    let mut inhibit = -1;
    for part in tlv::sequence(value)? {
        match part.tag {
            0x80 => require = tlv::small_int(part.value)?,
            0x81 => inhibit = tlv::small_int(part.value)?,
            _ => return Err("Invalid encoding of PolicyConstraint".into()),
        }
    }
    let require = if require == -1 {
        "unspecified;".to_string()
    } else {
        format!("{require};")
    };
    let inhibit = if inhibit == -1 {
        "unspecified".to_string()
    } else {
        inhibit.to_string()
    };
    Ok(format!(
        "PolicyConstraints: [  Require: {require}\tInhibit: {inhibit} ]\n"
    ))
}

fn policy_mappings(value: &[u8]) -> TlvResult<String> {
    let mut maps = Vec::new();
    for map in tlv::sequence(value)? {
        let parts = tlv::children(map.value)?;
        let (Some(issuer), Some(subject)) = (parts.first(), parts.get(1)) else {
            return Err("Invalid encoding for CertificatePolicyMap".into());
        };
        maps.push(format!(
            "CertificatePolicyMap: [\nIssuerDomain:CertificatePolicyId: [{}]\n\
             SubjectDomain:CertificatePolicyId: [{}]\n]\n",
            tlv::oid(issuer)?,
            tlv::oid(subject)?
        ));
    }
    Ok(format!("PolicyMappings [\n{}]\n", list(&maps)))
}

fn inhibit_any_policy(critical: bool, value: &[u8]) -> TlvResult<String> {
    if !critical {
        return Err("Criticality cannot be false for InhibitAnyPolicy".into());
    }
    let int = tlv::single(value)?;
    if int.tag != tlv::INTEGER {
        return Err("Invalid encoding of InhibitAnyPolicy: data not integer".into());
    }
    let skip = match tlv::small_int(int.value)? {
        -1 => i64::from(i32::MAX),
        n if n < -1 => return Err("Invalid value for skipCerts".into()),
        n => n,
    };
    Ok(format!("InhibitAnyPolicy: {skip}\n"))
}

/// Seconds since the epoch of a GeneralizedTime `YYYYMMDDHHMMSSZ`.
fn generalized_time(value: &[u8]) -> TlvResult<i64> {
    let text = std::str::from_utf8(value).map_err(|e| e.to_string())?;
    let bad = || format!("Parse Generalized time, invalid format: {text}");
    if text.len() != 15 || !text.ends_with('Z') || !text[..14].bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<i16>().map_err(|_| bad());
    let small = |r: std::ops::Range<usize>| num(r).and_then(|n| i8::try_from(n).map_err(|_| bad()));
    crate::calendar::utc_seconds(
        num(0..4)?,
        small(4..6)?,
        small(6..8)?,
        small(8..10)?,
        small(10..12)?,
        small(12..14)?,
    )
    .ok_or_else(bad)
}

fn private_key_usage(value: &[u8]) -> TlvResult<String> {
    let mut from = None;
    let mut to = None;
    for part in tlv::sequence(value)? {
        match part.tag {
            0x80 | 0xa0 => from = Some(java_date(generalized_time(part.value)?)),
            0x81 | 0xa1 => to = Some(java_date(generalized_time(part.value)?)),
            _ => return Err("Invalid encoding of PrivateKeyUsageExtension".into()),
        }
    }
    let mut s = String::from("PrivateKeyUsage: [\n");
    if let Some(f) = &from {
        s.push_str(&format!("From: {f}"));
        if to.is_some() {
            s.push_str(", ");
        }
    }
    if let Some(t) = &to {
        s.push_str(&format!("To: {t}"));
    }
    s.push_str("]\n");
    Ok(s)
}

/// True when `java.net.URI` finds a scheme: a letter, then letters,
/// digits, `+`, `-` or `.`, up to a colon.
fn has_uri_scheme(uri: &str) -> bool {
    match uri.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `DerValue.getAsString()` for the string types Java decodes.
fn java_as_string(t: &tlv::Tlv<'_>) -> Option<String> {
    match t.tag {
        0x0c => Some(String::from_utf8_lossy(t.value).into_owned()),
        0x13 | 0x16 | 0x1b => Some(
            t.value
                .iter()
                .map(|&b| {
                    if b.is_ascii() {
                        char::from(b)
                    } else {
                        '\u{FFFD}'
                    }
                })
                .collect(),
        ),
        0x14 => Some(t.value.iter().map(|&b| char::from(b)).collect()),
        0x1e => Some(String::from_utf16_lossy(
            &t.value
                .chunks(2)
                .map(|p| match p {
                    [a, b] => u16::from_be_bytes([*a, *b]),
                    _ => 0xfffd,
                })
                .collect::<Vec<_>>(),
        )),
        0x1c => Some(
            t.value
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_addresses() {
        assert_eq!(
            ip_address(&[192, 0, 2, 1]).as_deref(),
            Ok("IPAddress: 192.0.2.1")
        );
        let v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        assert_eq!(
            ip_address(&v6).as_deref(),
            Ok("IPAddress: 2001:db8:0:0:0:0:0:1")
        );
        let mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1];
        assert_eq!(ip_address(&mapped).as_deref(), Ok("IPAddress: 10.0.0.1"));
        let net = [192, 0, 2, 0, 255, 255, 255, 0];
        assert_eq!(
            ip_address(&net).as_deref(),
            Ok("IPAddress: 192.0.2.0/255.255.255.0")
        );
        let mut v6net = v6.to_vec();
        v6net.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        v6net.extend_from_slice(&[0; 8]);
        assert_eq!(
            ip_address(&v6net).as_deref(),
            Ok("IPAddress: 2001:db8:0:0:0:0:0:1/64")
        );
        assert!(ip_address(&[1, 2, 3]).is_err());
    }

    #[test]
    fn unknown_extensions_sort_before_named_ones() {
        // keytool: 1.2.3.4 and 1.2.3.5 (generic) before BasicConstraints.
        let text = format!(
            "{}{}",
            match render_one("1.2.3.4", false, &[0x04, 0x01, 0x00]) {
                Rendered::Generic { text } => text,
                _ => String::new(),
            },
            match render_one("1.2.3.5", false, &[]) {
                Rendered::Generic { text } => text,
                _ => String::new(),
            }
        );
        assert_eq!(
            text,
            "ObjectId: 1.2.3.4 Criticality=false\n\
             0000: 04 01 00                                           ...\n\n\
             ObjectId: 1.2.3.5 Criticality=false\n(Empty value)\n"
        );
    }

    #[test]
    fn basic_constraints_variants() {
        assert_eq!(
            basic_constraints(&[0x30, 0x00]).as_deref(),
            Ok("BasicConstraints:[\n  CA:false\n  PathLen: undefined\n]\n")
        );
        assert_eq!(
            basic_constraints(&[0x30, 0x03, 0x01, 0x01, 0xff]).as_deref(),
            Ok("BasicConstraints:[\n  CA:true\n  PathLen: no limit\n]\n")
        );
        assert_eq!(
            basic_constraints(&[0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x03]).as_deref(),
            Ok("BasicConstraints:[\n  CA:true\n  PathLen:3\n]\n")
        );
    }

    #[test]
    fn generalized_times() {
        assert_eq!(generalized_time(b"19700101000000Z"), Ok(0));
        assert_eq!(generalized_time(b"20261122131433Z"), Ok(1_795_353_273));
        assert!(generalized_time(b"2026112213143Z").is_err());
    }
}
