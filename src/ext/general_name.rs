//! GeneralNames from keytool's `type:value` items (`EMAIL`, `URI`, `DNS`,
//! `IP`, `OID`), checked as the JDK's `RFC822Name`, `DNSName`, `URIName`
//! and `IPAddressName` constructors check them.

use super::syntax::{GENERAL_NAME_TYPES, invalid, java_split, one_of};
use crate::dname::parse_oid;
use crate::error::Result;
use der::asn1::{Ia5String, OctetString};
use std::net::{Ipv4Addr, Ipv6Addr};
use x509_cert::ext::pkix::name::{GeneralName, GeneralNames};

/// `GeneralNames` from `type:value,...`.
pub(super) fn general_names(spec: &str, value: &str, san: bool) -> Result<GeneralNames> {
    let mut out = Vec::new();
    for item in java_split(value, ',') {
        let p = item
            .find(':')
            .ok_or_else(|| invalid(format!("Illegal item {item} in {spec}")))?;
        out.push(general_name(&item[..p], &item[p + 1..], san)?);
    }
    Ok(out)
}

/// One `GeneralName` as keytool's `createGeneralName` makes it.
pub(super) fn general_name(t: &str, v: &str, san: bool) -> Result<GeneralName> {
    let p = one_of(t, GENERAL_NAME_TYPES)?
        .ok_or_else(|| invalid(format!("Unrecognized GeneralName type: {t}")))?;
    Ok(match p {
        0 => {
            check_rfc822(v)?;
            GeneralName::Rfc822Name(ia5(v)?)
        }
        1 => GeneralName::UniformResourceIdentifier(Ia5String::new(&uri_ascii(v)?)?),
        2 => {
            check_dns(v, san)?;
            GeneralName::DnsName(ia5(v)?)
        }
        3 => GeneralName::IpAddress(OctetString::new(ip_address(v)?)?),
        _ => GeneralName::RegisteredId(
            parse_oid(v).map_err(|e| invalid(format!("Unable to create OIDName: {e}")))?,
        ),
    })
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
fn ia5(s: &str) -> Result<Ia5String> {
    let ascii: String = s
        .chars()
        .map(|c| if c.is_ascii() { c } else { '?' })
        .collect();
    Ok(Ia5String::new(&ascii)?)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
