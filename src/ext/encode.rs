//! The DER values of the extensions keytool's `-ext` names, written with
//! x509-cert's `ext::pkix` types, byte for byte as the JDK writes them.

use super::general_name::{general_name, general_names};
use super::syntax::{
    ACCESS_METHODS, EXT_KEY_USAGES, KEY_USAGES, illegal, invalid, java_split, one_of,
};
use crate::dname::parse_oid;
use crate::error::Result;
use der::asn1::OctetString;
use der::flagset::FlagSet;
use der::{Encode, Sequence};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralNames};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, CrlDistributionPoints,
    ExtendedKeyUsage, IssuerAltName, KeyUsage, KeyUsages, SubjectAltName, SubjectInfoAccessSyntax,
    SubjectKeyIdentifier,
};

/// RFC 5280's BasicConstraints, as x509-cert declares it but for the path
/// length: keytool writes any non-negative `int`
/// (`-ext bc=ca:true,pathlen:1000`), which x509-cert's `u8` cannot hold.
///
/// ```text
/// BasicConstraints ::= SEQUENCE {
///     cA                      BOOLEAN DEFAULT FALSE,
///     pathLenConstraint       INTEGER (0..MAX) OPTIONAL }
/// ```
#[derive(Sequence)]
struct BasicConstraints {
    #[asn1(default = "Default::default")]
    ca: bool,
    path_len_constraint: Option<u32>,
}

/// BasicConstraints from `-ext bc[=...]`; the path length is written only
/// for a CA and when not negative.
pub(super) fn basic_constraints(spec: &str, value: Option<&str>) -> Result<Vec<u8>> {
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
    BasicConstraints {
        ca,
        path_len_constraint: (ca && path_len >= 0).then_some(path_len.unsigned_abs()),
    }
    .to_der()
    .map_err(Into::into)
}

/// `KeyUsage ::= BIT STRING`, trailing zero bits removed as the JDK does
/// (`contentCommitment` is `nonRepudiation`'s other name).
pub(super) fn key_usage(value: &str) -> Result<Vec<u8>> {
    let mut bits = 0u16;
    for s in java_split(value, ',') {
        let p =
            one_of(s, KEY_USAGES)?.ok_or_else(|| invalid(format!("Unknown keyUsage type: {s}")))?;
        bits |= 1 << if p == 9 { 1 } else { p };
    }
    Ok(KeyUsage(FlagSet::<KeyUsages>::new_truncated(bits)).to_der()?)
}

/// `ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId`.
pub(super) fn ext_key_usage(value: &str) -> Result<Vec<u8>> {
    let names: Vec<Option<&str>> = EXT_KEY_USAGES.iter().map(|(n, _)| Some(*n)).collect();
    let items = java_split(value, ',');
    if items.is_empty() {
        return Err(invalid("No value to encode for the extension!"));
    }
    let mut oids = Vec::with_capacity(items.len());
    for s in items {
        oids.push(match one_of(s, &names)? {
            Some(p) => EXT_KEY_USAGES[p].1,
            None => {
                parse_oid(s).map_err(|_| invalid(format!("Unknown extendedkeyUsage type: {s}")))?
            }
        });
    }
    Ok(ExtendedKeyUsage(oids).to_der()?)
}

/// SubjectAlternativeName (`san`) or IssuerAlternativeName from `type:value,...`.
pub(super) fn alt_names(spec: &str, value: &str, san: bool) -> Result<Vec<u8>> {
    let names = general_names(spec, value, san)?;
    Ok(if san {
        SubjectAltName(names).to_der()?
    } else {
        IssuerAltName(names).to_der()?
    })
}

/// AuthorityInfoAccess (or, with `subject`, SubjectInfoAccess) from
/// `method:type:value,...`: `SEQUENCE OF AccessDescription`.
pub(super) fn access_descriptions(spec: &str, value: &str, subject: bool) -> Result<Vec<u8>> {
    let methods: Vec<Option<&str>> = ACCESS_METHODS.iter().map(|(n, _)| Some(*n)).collect();
    let mut list = Vec::new();
    for item in java_split(value, ',') {
        let mut parts = item.splitn(3, ':');
        let (Some(m), Some(t), Some(v)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(illegal(spec));
        };
        let access_method = match one_of(m, &methods)? {
            Some(p) => ACCESS_METHODS[p].1,
            None => {
                parse_oid(m).map_err(|_| invalid(format!("Unknown AccessDescription type: {m}")))?
            }
        };
        list.push(AccessDescription {
            access_method,
            access_location: general_name(t, v, false)?,
        });
    }
    Ok(if subject {
        SubjectInfoAccessSyntax(list).to_der()?
    } else {
        AuthorityInfoAccessSyntax(list).to_der()?
    })
}

/// CRLDistributionPoints from `type:value,...`: one distribution point
/// whose full name is the names given.
pub(super) fn crl_distribution_points(spec: &str, value: &str) -> Result<Vec<u8>> {
    let names: GeneralNames = general_names(spec, value, false)?;
    Ok(CrlDistributionPoints(vec![DistributionPoint {
        distribution_point: Some(DistributionPointName::FullName(names)),
        reasons: None,
        crl_issuer: None,
    }])
    .to_der()?)
}

/// `SubjectKeyIdentifier ::= KeyIdentifier` (an OCTET STRING).
pub(super) fn subject_key_identifier(key_id: &[u8]) -> Result<Vec<u8>> {
    Ok(SubjectKeyIdentifier(OctetString::new(key_id)?).to_der()?)
}

/// AuthorityKeyIdentifier with a key identifier and nothing else, as
/// `-gencert` writes it: `SEQUENCE { [0] keyIdentifier }`.
pub(super) fn authority_key_identifier(key_id: &[u8]) -> Result<Vec<u8>> {
    Ok(AuthorityKeyIdentifier {
        key_identifier: Some(OctetString::new(key_id)?),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    }
    .to_der()?)
}
