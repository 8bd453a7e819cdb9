//! Certificate revocation lists: keytool's hidden `-gencrl` and `-printcrl`.
//!
//! ```text
//! CertificateList  ::=  SEQUENCE  {
//!      tbsCertList          TBSCertList,
//!      signatureAlgorithm   AlgorithmIdentifier,
//!      signatureValue       BIT STRING  }
//!
//! TBSCertList  ::=  SEQUENCE  {
//!      version                 Version OPTIONAL, -- if present, MUST be v2
//!      signature               AlgorithmIdentifier,
//!      issuer                  Name,
//!      thisUpdate              Time,
//!      nextUpdate              Time OPTIONAL,
//!      revokedCertificates     SEQUENCE OF SEQUENCE  {
//!           userCertificate         CertificateSerialNumber,
//!           revocationDate          Time,
//!           crlEntryExtensions      Extensions OPTIONAL  } OPTIONAL,
//!      crlExtensions           [0]  EXPLICIT Extensions OPTIONAL  }
//! ```
//! (RFC 5280, section 5.1.) Written as the JDK's `X509CRLImpl` writes it:
//! version v2 only when an entry has extensions (a reason code), every entry
//! revoked at `thisUpdate`, no CRL extensions. Read without limits on serial
//! numbers (any length, as the JDK) and printed as `X509CRLImpl.toString()`.

use crate::error::{Error, Result};
use crate::keys::{PrivateKey, SignatureAlgorithm};
use der::{Decode, Encode};

/// Most serial digits accepted in one `-id` (a 1,000-bit number).
const MAX_ID_DIGITS: usize = 302;

/// One revoked certificate for [`generate`]: `-id serial[:reason]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revoked {
    /// The serial number's DER INTEGER contents (two's complement, minimal).
    pub serial: Vec<u8>,
    /// The CRLReason code, if given.
    pub reason: Option<u8>,
}

impl Revoked {
    /// Parses keytool's `-id` value: a non-negative decimal serial number
    /// (Java's `new BigInteger(s)`), optionally `:` and a reason code (0–127).
    pub fn parse(id: &str) -> Result<Revoked> {
        let bad = || Error::InvalidValue {
            option: "id",
            value: id.to_string(),
            reason: None,
        };
        let (serial, reason) = match id.find(':') {
            Some(p) => (&id[..p], Some(&id[p + 1..])),
            None => (id, None),
        };
        let digits = serial.strip_prefix('+').unwrap_or(serial);
        if digits.is_empty()
            || digits.len() > MAX_ID_DIGITS
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let reason = match reason {
            None => None,
            // Java takes any int; codes above 10 are no reason RFC 5280
            // knows (printed as UNSPECIFIED), kept to one ENUMERATED byte here.
            Some(r) => Some(r.parse::<u8>().ok().filter(|n| *n <= 127).ok_or_else(bad)?),
        };
        if reason == Some(0) {
            // The JDK encodes reason 0 (unspecified) as no value and fails.
            return Err(Error::InvalidValue {
                option: "id",
                value: id.to_string(),
                reason: Some("No value to encode for the extension! (reason 0)".into()),
            });
        }
        Ok(Revoked {
            serial: decimal_to_integer(digits),
            reason,
        })
    }
}

/// The DER INTEGER contents of a non-negative decimal number.
fn decimal_to_integer(digits: &str) -> Vec<u8> {
    let mut bytes: Vec<u8> = vec![0];
    for d in digits.bytes() {
        let mut carry = u32::from(d - b'0');
        for b in bytes.iter_mut().rev() {
            let v = u32::from(*b) * 10 + carry;
            *b = (v & 0xff) as u8; // ok: masked to a byte
            carry = v >> 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8); // ok: masked to a byte
            carry >>= 8;
        }
    }
    // Minimal two's complement: drop leading zeros but keep the sign bit clear.
    while bytes.len() > 1 && bytes[0] == 0 && bytes[1] & 0x80 == 0 {
        bytes.remove(0);
    }
    if bytes[0] & 0x80 != 0 {
        bytes.insert(0, 0);
    }
    bytes
}

fn tlv(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = contents.len();
    if n < 0x80 {
        out.push(n as u8); // ok: below 0x80
    } else {
        let len = n.to_be_bytes();
        let skip = len.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (len.len() - skip) as u8); // ok: at most 8
        out.extend_from_slice(&len[skip..]);
    }
    out.extend_from_slice(contents);
    out
}

/// Makes and signs a CRL as keytool's `-gencrl`: issued by `issuer` (a DER
/// Name), `this_update` and `next_update` in seconds since the epoch.
pub fn generate(
    issuer_der: &[u8],
    this_update: i64,
    next_update: i64,
    revoked: &[Revoked],
    key: &PrivateKey,
    alg: SignatureAlgorithm,
) -> Result<Vec<u8>> {
    let alg = alg.for_key(key)?;
    key.check_signature_algorithm(alg)?;
    let this = crate::cert::x509_time(this_update)?.to_der()?;
    let next = crate::cert::x509_time(next_update)?.to_der()?;
    let alg_der = alg.algorithm_identifier()?.to_der()?;
    let mut entries = Vec::new();
    let mut v2 = false;
    for r in revoked {
        let mut entry = tlv(0x02, &r.serial);
        entry.extend_from_slice(&this);
        if let Some(code) = r.reason {
            v2 = true;
            // Extension { id-ce-cRLReasons, OCTET STRING { ENUMERATED code } }
            let oid = tlv(0x06, &[0x55, 0x1d, 0x15]);
            let value = tlv(0x04, &tlv(0x0a, &[code]));
            let ext = tlv(0x30, &[oid, value].concat());
            entry.extend_from_slice(&tlv(0x30, &ext));
        }
        entries.extend_from_slice(&tlv(0x30, &entry));
    }
    let mut tbs = Vec::new();
    if v2 {
        tbs.extend_from_slice(&[0x02, 0x01, 0x01]);
    }
    tbs.extend_from_slice(&alg_der);
    tbs.extend_from_slice(issuer_der);
    tbs.extend_from_slice(&this);
    tbs.extend_from_slice(&next);
    if !revoked.is_empty() {
        tbs.extend_from_slice(&tlv(0x30, &entries));
    }
    let tbs = tlv(0x30, &tbs);
    let signature = key.sign(alg, &tbs)?;
    let mut bits = vec![0u8];
    bits.extend_from_slice(&signature);
    Ok(tlv(0x30, &[tbs, alg_der, tlv(0x03, &bits)].concat()))
}

/// Every CRL in `data`: PEM `X509 CRL` blocks (text around them allowed) or one DER CRL.
pub fn parse_all(data: &[u8]) -> Result<Vec<Crl>> {
    if crate::pem::is_pem(data) {
        let blocks = crate::pem::decode_all(&String::from_utf8_lossy(data))?;
        let crls = blocks
            .into_iter()
            .filter(|b| b.label == "X509 CRL")
            .map(|b| Crl::from_der(&b.der))
            .collect::<Result<Vec<_>>>()?;
        if crls.is_empty() {
            return Err(malformed("no X509 CRL block"));
        }
        Ok(crls)
    } else {
        Ok(vec![Crl::from_der(data)?])
    }
}

fn malformed(why: impl Into<String>) -> Error {
    Error::malformed("CRL", why.into())
}

/// One DER element: its tag, its contents and its whole encoding.
#[derive(Clone, Copy)]
struct Tlv<'a> {
    tag: u8,
    value: &'a [u8],
    raw: &'a [u8],
}

/// Reads the element at the start of `input` and advances past it.
fn read<'a>(input: &mut &'a [u8]) -> Result<Tlv<'a>> {
    let data = *input;
    let (&tag, rest) = data.split_first().ok_or_else(|| malformed("truncated"))?;
    let (&first, rest) = rest.split_first().ok_or_else(|| malformed("truncated"))?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return Err(malformed("bad length"));
        }
        (
            rest[..n]
                .iter()
                .fold(0usize, |a, &b| (a << 8) | usize::from(b)),
            2 + n,
        )
    };
    let end = header
        .checked_add(len)
        .filter(|e| *e <= data.len())
        .ok_or_else(|| malformed("truncated"))?;
    *input = &data[end..];
    Ok(Tlv {
        tag,
        value: &data[header..end],
        raw: &data[..end],
    })
}

fn expect<'a>(input: &mut &'a [u8], tag: u8) -> Result<Tlv<'a>> {
    let t = read(input)?;
    if t.tag != tag {
        return Err(malformed(format!("unexpected tag 0x{:02x}", t.tag)));
    }
    Ok(t)
}

/// An extension as read: OID, criticality, value.
#[derive(Clone, Debug)]
pub struct CrlExtension {
    /// Dotted OID.
    pub oid: String,
    /// The critical flag.
    pub critical: bool,
    /// The extnValue contents.
    pub value: Vec<u8>,
}

/// One entry of the revoked list.
#[derive(Clone, Debug)]
pub struct RevokedEntry {
    /// The serial number's INTEGER contents.
    pub serial: Vec<u8>,
    /// Revocation date, seconds since the epoch.
    pub date: i64,
    /// Entry extensions (reason code...).
    pub extensions: Option<Vec<CrlExtension>>,
}

/// A CRL as read.
#[derive(Clone, Debug)]
pub struct Crl {
    der: Vec<u8>,
    tbs: Vec<u8>,
    /// 0 for v1, 1 for v2.
    pub version: u8,
    /// The signature AlgorithmIdentifier (outer).
    pub algorithm: spki::AlgorithmIdentifierOwned,
    /// Issuer name.
    pub issuer: x509_cert::name::Name,
    /// thisUpdate, seconds since the epoch.
    pub this_update: i64,
    /// nextUpdate, if present.
    pub next_update: Option<i64>,
    /// Revoked certificates, in order.
    pub revoked: Vec<RevokedEntry>,
    /// CRL extensions, if present.
    pub extensions: Option<Vec<CrlExtension>>,
    /// The signature bytes.
    pub signature: Vec<u8>,
}

fn time(t: Tlv<'_>) -> Result<i64> {
    let time = x509_cert::time::Time::from_der(t.raw).map_err(|e| malformed(e.to_string()))?;
    i64::try_from(time.to_unix_duration().as_secs()).map_err(|_| malformed("date out of range"))
}

fn extensions(value: &[u8]) -> Result<Vec<CrlExtension>> {
    let mut out = Vec::new();
    let mut rest = value;
    while !rest.is_empty() {
        if out.len() >= 1000 {
            return Err(malformed("too many extensions"));
        }
        let ext = expect(&mut rest, 0x30)?;
        let mut r = ext.value;
        let oid = expect(&mut r, 0x06)?;
        let oid = <const_oid::ObjectIdentifier as Decode>::from_der(oid.raw)
            .map_err(|e| malformed(e.to_string()))?
            .to_string();
        let mut critical = false;
        let mut next = read(&mut r)?;
        if next.tag == 0x01 {
            critical = next.value.first().is_some_and(|b| *b != 0);
            next = read(&mut r)?;
        }
        if next.tag != 0x04 {
            return Err(malformed("extension value is not an OCTET STRING"));
        }
        out.push(CrlExtension {
            oid,
            critical,
            value: next.value.to_vec(),
        });
    }
    Ok(out)
}

impl Crl {
    /// Decodes a DER CRL.
    pub fn from_der(der: &[u8]) -> Result<Crl> {
        let mut input = der;
        let outer = expect(&mut input, 0x30)?;
        if !input.is_empty() {
            return Err(malformed("bytes after the CRL"));
        }
        let mut body = outer.value;
        let tbs = expect(&mut body, 0x30)?;
        let alg = expect(&mut body, 0x30)?;
        let sig = expect(&mut body, 0x03)?;
        let algorithm = spki::AlgorithmIdentifierOwned::from_der(alg.raw)?;
        let signature = sig
            .value
            .split_first()
            .filter(|(unused, _)| **unused == 0)
            .map(|(_, s)| s.to_vec())
            .ok_or_else(|| malformed("signature has unused bits"))?;
        let mut t = tbs.value;
        let mut first = read(&mut t)?;
        let mut version = 0;
        if first.tag == 0x02 {
            version = first.value.first().copied().unwrap_or(0);
            first = read(&mut t)?;
        }
        if first.tag != 0x30 {
            return Err(malformed("no signature algorithm"));
        }
        let issuer_tlv = expect(&mut t, 0x30)?;
        let issuer = x509_cert::name::Name::from_der(issuer_tlv.raw)?;
        let this_update = time(read(&mut t)?)?;
        let mut next_update = None;
        let mut revoked = Vec::new();
        let mut crl_extensions = None;
        while !t.is_empty() {
            let item = read(&mut t)?;
            match item.tag {
                0x17 | 0x18 if next_update.is_none() && revoked.is_empty() => {
                    next_update = Some(time(item)?);
                }
                0x30 => {
                    let mut list = item.value;
                    while !list.is_empty() {
                        let entry = expect(&mut list, 0x30)?;
                        let mut e = entry.value;
                        let serial = expect(&mut e, 0x02)?.value.to_vec();
                        let date = time(read(&mut e)?)?;
                        let extensions = if e.is_empty() {
                            None
                        } else {
                            Some(extensions(expect(&mut e, 0x30)?.value)?)
                        };
                        revoked.push(RevokedEntry {
                            serial,
                            date,
                            extensions,
                        });
                    }
                }
                0xa0 => {
                    let mut inner = item.value;
                    crl_extensions = Some(extensions(expect(&mut inner, 0x30)?.value)?);
                }
                other => return Err(malformed(format!("unexpected tag 0x{other:02x}"))),
            }
        }
        Ok(Crl {
            der: der.to_vec(),
            tbs: tbs.raw.to_vec(),
            version,
            algorithm,
            issuer,
            this_update,
            next_update,
            revoked,
            extensions: crl_extensions,
            signature,
        })
    }

    /// The CRL's DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// True when `cert` names the issuer and its key verifies the signature
    /// (keytool's `verifyCRL`).
    pub fn is_signed_by(&self, cert: &crate::Certificate) -> bool {
        if cert.parsed().tbs_certificate().subject() != &self.issuer {
            return false;
        }
        cert.spki_der().is_ok_and(|spki| {
            crate::keys::verify_signature(&spki, &self.algorithm, &self.tbs, &self.signature)
                .is_ok()
        })
    }

    /// `X509CRLImpl.toString()` as keytool's `-printcrl` prints it (the
    /// algorithm name marked as keytool marks weak ones), without the final newline.
    pub fn text(&self) -> String {
        let oid = self.algorithm.oid.to_string();
        let name = crate::text::algorithm_name(&oid);
        let name = match crate::text::signature_strength(&name) {
            crate::text::Strength::Fine => name,
            crate::text::Strength::Weak => format!("{name} (weak)"),
            crate::text::Strength::Disabled => format!("{name} (disabled)"),
        };
        let mut s = format!(
            "X.509 CRL v{}\nSignature Algorithm: {name}, OID={oid}\nIssuer: {}\n",
            u32::from(self.version) + 1,
            crate::dname::format(&self.issuer)
        );
        s.push_str(&format!(
            "\nThis Update: {}\n",
            crate::calendar::java_date(self.this_update)
        ));
        if let Some(n) = self.next_update {
            s.push_str(&format!("Next Update: {}\n", crate::calendar::java_date(n)));
        }
        if self.revoked.is_empty() {
            s.push_str("\nNO certificates have been revoked\n");
        } else {
            s.push_str(&format!("\nRevoked Certificates: {}", self.revoked.len()));
            for (i, e) in self.revoked.iter().enumerate() {
                s.push_str(&format!(
                    "\n[{}] SerialNumber: {}  On: {}",
                    i + 1,
                    colon_hex_lower(&e.serial),
                    crate::calendar::java_date(e.date)
                ));
                if let Some(exts) = &e.extensions {
                    s.push_str(&format!("\n    CRL Entry Extensions: {}", exts.len()));
                    for (j, x) in sorted(exts).iter().enumerate() {
                        s.push_str(&format!("\n    [{}]: {}", j + 1, extension_text(x)));
                    }
                }
                s.push('\n');
            }
        }
        if let Some(exts) = &self.extensions {
            s.push_str(&format!("\nCRL Extensions: {}", exts.len()));
            for (j, x) in sorted(exts).iter().enumerate() {
                s.push_str(&format!("\n[{}]: {}", j + 1, extension_text(x)));
            }
        }
        s.push_str(&format!(
            "\nSignature:\n{}\n",
            crate::text::hex_dump(&self.signature)
        ));
        s
    }
}

/// The JDK keeps a CRL's extensions in a TreeMap keyed by their name (Java's
/// name for known ones, the dotted OID otherwise).
fn sorted(exts: &[CrlExtension]) -> Vec<&CrlExtension> {
    let mut v: Vec<&CrlExtension> = exts.iter().collect();
    v.sort_by_key(|x| crl_extension_name(&x.oid).unwrap_or(&x.oid).to_string());
    v
}

fn crl_extension_name(oid: &str) -> Option<&'static str> {
    match oid {
        "2.5.29.20" => Some("CRLNumber"),
        "2.5.29.21" => Some("CRLReasonCode"),
        "2.5.29.24" => Some("InvalidityDate"),
        "2.5.29.27" => Some("DeltaCRLIndicator"),
        "2.5.29.28" => Some("IssuingDistributionPoint"),
        "2.5.29.29" => Some("CertificateIssuer"),
        other => crate::text::extension_name(other),
    }
}

/// `BigInteger.toByteArray()` as `Debug.toString` prints it: lower-case hex
/// bytes joined by `:`.
fn colon_hex_lower(bytes: &[u8]) -> String {
    let mut b = bytes;
    // DER INTEGERs are already minimal; tolerate a non-minimal one.
    while b.len() > 1 && b[0] == 0 && b[1] & 0x80 == 0 {
        b = &b[1..];
    }
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// `Debug.toHexString(BigInteger)`: four spaces, then the hex digits in
/// pairs, a space every eight digits.
fn debug_hex(value: &[u8]) -> String {
    let mut v = value;
    while v.len() > 1 && v[0] == 0 {
        v = &v[1..];
    }
    let mut hex: String = v.iter().map(|b| format!("{b:02x}")).collect();
    let trimmed = hex.trim_start_matches('0').to_string();
    hex = if trimmed.is_empty() {
        "0".into()
    } else {
        trimmed
    };
    if hex.len() % 2 == 1 {
        hex.insert(0, '0');
    }
    let mut out = String::from("    ");
    let chars: Vec<char> = hex.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        out.push(chars[i]);
        out.push(chars[i + 1]);
        i += 2;
        if i != chars.len() {
            if i % 64 == 0 {
                out.push_str("\n    ");
            } else if i % 8 == 0 {
                out.push(' ');
            }
        }
    }
    out
}

const REASONS: [&str; 11] = [
    "UNSPECIFIED",
    "KEY_COMPROMISE",
    "CA_COMPROMISE",
    "AFFILIATION_CHANGED",
    "SUPERSEDED",
    "CESSATION_OF_OPERATION",
    "CERTIFICATE_HOLD",
    "UNUSED",
    "REMOVE_FROM_CRL",
    "PRIVILEGE_WITHDRAWN",
    "AA_COMPROMISE",
];

/// One extension's `toString()` in a CRL: the header, then the body of the
/// JDK's class for it, or the unknown-extension dump.
fn extension_text(x: &CrlExtension) -> String {
    let head = format!("ObjectId: {} Criticality={}\n", x.oid, x.critical);
    let int_body = |label: &str| -> Option<String> {
        let mut v = x.value.as_slice();
        let t = expect(&mut v, 0x02).ok()?;
        Some(format!("{label}: {}\n", debug_hex(t.value)))
    };
    let body = match x.oid.as_str() {
        "2.5.29.21" => {
            let mut v = x.value.as_slice();
            expect(&mut v, 0x0a).ok().map(|t| {
                let code = match t.value {
                    [c] => usize::from(*c),
                    _ => 0,
                };
                let name = if code > 0 && code < REASONS.len() {
                    REASONS[code]
                } else {
                    REASONS[0]
                };
                format!("    Reason Code: {name}")
            })
        }
        "2.5.29.20" => int_body("CRL Number"),
        "2.5.29.27" => int_body("Delta CRL Indicator"),
        oid if crate::text::extension_name(oid).is_some() => Some(
            crate::text::extension_text(oid, x.critical, &x.value)
                .strip_prefix(&head)
                .map(str::to_string)
                .unwrap_or_default(),
        ),
        _ => None,
    };
    match body {
        Some(b) => format!("{head}{b}"),
        None => {
            let octets = tlv(0x04, &x.value);
            format!(
                "{head}Extension unknown: DER encoded OCTET string =\n{}\n",
                crate::text::hex_dump(&octets)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_as_biginteger() {
        assert_eq!(Revoked::parse("99").unwrap().serial, vec![0x63]);
        assert_eq!(Revoked::parse("200").unwrap().serial, vec![0x00, 0xc8]);
        assert_eq!(Revoked::parse("0").unwrap().serial, vec![0]);
        assert_eq!(
            Revoked::parse("18446744073709551617:6").unwrap(),
            Revoked {
                serial: vec![1, 0, 0, 0, 0, 0, 0, 0, 1],
                reason: Some(6)
            }
        );
        for bad in ["0x10", "", "1:128", "-", "1:x", "12a", "-5", "7:0"] {
            assert!(Revoked::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn debug_hex_as_java() {
        assert_eq!(debug_hex(&[0x10, 0x00]), "    1000");
        assert_eq!(
            debug_hex(&[0x01, 0x02, 0x03, 0x04, 0x05]),
            "    01020304 05"
        );
        assert_eq!(colon_hex_lower(&[0x04, 0xd2]), "04:d2");
        assert_eq!(colon_hex_lower(&[0x00, 0xc8]), "00:c8");
    }
}
