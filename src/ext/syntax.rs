//! keytool's `-ext` syntax below the extensions: its `oneOf` name
//! matching (exact, camel-case abbreviation, prefix; case-sensitively, then
//! not), Java's `String.split`, the tables of names it matches against, and
//! its wording for values it cannot read.

use crate::error::{Error, Result};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5280::{
    ANY_EXTENDED_KEY_USAGE, ID_AD_CA_ISSUERS, ID_AD_CA_REPOSITORY, ID_AD_OCSP, ID_AD_TIME_STAMPING,
    ID_KP_CLIENT_AUTH, ID_KP_CODE_SIGNING, ID_KP_EMAIL_PROTECTION, ID_KP_OCSP_SIGNING,
    ID_KP_SERVER_AUTH, ID_KP_TIME_STAMPING,
};

/// keytool's extension names; `None` marks the start of the undocumented ones.
pub(super) const EXT_NAMES: &[Option<&str>] = &[
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

/// keytool's `KeyUsage` names, in bit order; `contentCommitment` (last) is bit 1.
pub(super) const KEY_USAGES: &[Option<&str>] = &[
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

/// keytool's `ExtendedKeyUsage` names.
pub(super) const EXT_KEY_USAGES: &[(&str, ObjectIdentifier)] = &[
    ("anyExtendedKeyUsage", ANY_EXTENDED_KEY_USAGE),
    ("serverAuth", ID_KP_SERVER_AUTH),
    ("clientAuth", ID_KP_CLIENT_AUTH),
    ("codeSigning", ID_KP_CODE_SIGNING),
    ("emailProtection", ID_KP_EMAIL_PROTECTION),
    ("timeStamping", ID_KP_TIME_STAMPING),
    ("OCSPSigning", ID_KP_OCSP_SIGNING),
];

/// keytool's `AccessDescription` method names.
pub(super) const ACCESS_METHODS: &[(&str, ObjectIdentifier)] = &[
    ("OCSP", ID_AD_OCSP),
    ("caIssuers", ID_AD_CA_ISSUERS),
    ("timeStamping", ID_AD_TIME_STAMPING),
    ("caRepository", ID_AD_CA_REPOSITORY),
];

/// keytool's `GeneralName` types.
pub(super) const GENERAL_NAME_TYPES: &[Option<&str>] = &[
    Some("EMAIL"),
    Some("URI"),
    Some("DNS"),
    Some("IP"),
    Some("OID"),
];

pub(super) fn illegal(spec: &str) -> Error {
    invalid(format!("Illegal value: {spec}"))
}

pub(super) fn invalid(msg: impl Into<String>) -> Error {
    Error::Syntax {
        option: "ext",
        message: msg.into(),
    }
}

/// keytool's `oneOf`: an exact match; else the single entry `s` abbreviates
/// (camel-case initials such as `kCS`, or a prefix), case-sensitively; else
/// the same ignoring case. `None` entries start the undocumented part of the
/// list, whose matches lose to documented ones. Several matches are an error.
pub(super) fn one_of(s: &str, list: &[Option<&str>]) -> Result<Option<usize>> {
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
pub(super) fn java_split(s: &str, sep: char) -> Vec<&str> {
    if !s.contains(sep) {
        return vec![s];
    }
    let mut parts: Vec<&str> = s.split(sep).collect();
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts
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
    fn java_split_drops_trailing_empties() {
        assert_eq!(java_split("", ','), vec![""]);
        assert_eq!(java_split(",", ','), Vec::<&str>::new());
        assert_eq!(java_split("a,,b,,", ','), vec!["a", "", "b"]);
        assert_eq!(java_split(",a", ','), vec!["", "a"]);
    }
}
