//! Extensions given as a dotted OID and hex bytes (`-ext 1.2.3=0500`), and
//! the check keytool lacks: a critical value the JDK would fail to decode
//! when it reads the certificate back is refused.

use super::extension;
use super::syntax::invalid;
use crate::dname::parse_oid;
use crate::error::Result;
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280::*;
use x509_cert::ext::Extension;

/// Netscape's `netscape-cert-type`, 2.16.840.1.113730.1.1 (not in const-oid's database).
const NETSCAPE_CERT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.113730.1.1");

/// A dotted-OID `-ext` name: the value's hex digits (anything else is
/// skipped) are the extension value itself, as in JDK 17 (nothing when
/// there is no value).
pub(super) fn raw_extension(
    spec: &str,
    name: &str,
    critical: bool,
    value: Option<&str>,
) -> Result<Extension> {
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
        check_known_value(&oid, &data)?;
    }
    extension(oid, critical, data)
}

/// The outer DER tag of the value of each extension the JDK decodes when it
/// reads a certificate (`sun.security.x509.OIDMap`). A critical one whose
/// value does not decode makes the whole certificate unreadable to the JDK
/// ("Invalid lenByte"); a non-critical one is kept as unparseable, so only
/// critical values are checked.
const KNOWN_VALUES: &[(ObjectIdentifier, &str, u8)] = &[
    (ID_CE_SUBJECT_KEY_IDENTIFIER, "SubjectKeyIdentifier", 0x04),
    (ID_CE_KEY_USAGE, "KeyUsage", 0x03),
    (ID_CE_PRIVATE_KEY_USAGE_PERIOD, "PrivateKeyUsage", 0x30),
    (ID_CE_SUBJECT_ALT_NAME, "SubjectAlternativeName", 0x30),
    (ID_CE_ISSUER_ALT_NAME, "IssuerAlternativeName", 0x30),
    (ID_CE_BASIC_CONSTRAINTS, "BasicConstraints", 0x30),
    (ID_CE_CRL_NUMBER, "CRLNumber", 0x02),
    (ID_CE_CRL_REASONS, "CRLReasonCode", 0x0a),
    (ID_CE_DELTA_CRL_INDICATOR, "DeltaCRLIndicator", 0x02),
    (
        ID_CE_ISSUING_DISTRIBUTION_POINT,
        "IssuingDistributionPoint",
        0x30,
    ),
    (ID_CE_CERTIFICATE_ISSUER, "CertificateIssuer", 0x30),
    (ID_CE_NAME_CONSTRAINTS, "NameConstraints", 0x30),
    (ID_CE_CRL_DISTRIBUTION_POINTS, "CRLDistributionPoints", 0x30),
    (ID_CE_CERTIFICATE_POLICIES, "CertificatePolicies", 0x30),
    (ID_CE_POLICY_MAPPINGS, "PolicyMappings", 0x30),
    (
        ID_CE_AUTHORITY_KEY_IDENTIFIER,
        "AuthorityKeyIdentifier",
        0x30,
    ),
    (ID_CE_POLICY_CONSTRAINTS, "PolicyConstraints", 0x30),
    (ID_CE_EXT_KEY_USAGE, "ExtendedKeyUsage", 0x30),
    (ID_CE_FRESHEST_CRL, "FreshestCRL", 0x30),
    (ID_CE_INHIBIT_ANY_POLICY, "InhibitAnyPolicy", 0x02),
    (ID_PE_AUTHORITY_INFO_ACCESS, "AuthorityInfoAccess", 0x30),
    (ID_PE_SUBJECT_INFO_ACCESS, "SubjectInfoAccess", 0x30),
    (NETSCAPE_CERT_TYPE, "NetscapeCertType", 0x03),
];

/// Refuses a raw critical value for an extension the JDK decodes when it is
/// not one well-formed DER value of the right type: keytool would write the
/// certificate and then fail to read its own keystore.
fn check_known_value(oid: &ObjectIdentifier, data: &[u8]) -> Result<()> {
    let Some((_, name, tag)) = KNOWN_VALUES.iter().find(|(o, _, _)| o == oid) else {
        return Ok(());
    };
    let dotted = oid.to_string();
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
pub(super) fn well_formed(data: &[u8], depth: usize) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_der() {
        assert_eq!(well_formed(&[0x30, 0x03, 0x01, 0x01, 0xff], 0), Some(5));
        assert_eq!(well_formed(&[0xab, 0xcd, 0xef], 0), None);
        assert_eq!(well_formed(&[0x30, 0x03, 0x01, 0x02, 0xff], 0), None);
        assert_eq!(well_formed(&[0x04, 0x81, 0x05, 0, 0, 0, 0, 0], 0), None);
    }
}
