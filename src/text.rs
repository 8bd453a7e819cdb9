//! Certificates as text, exactly as keytool prints them (17, 21 or 25: see [`crate::generation`]).
//!
//! [`certificate_verbose`] is the block that `keytool -list -v` and
//! `keytool -printcert` print for one certificate (`Main.printX509Cert` and
//! the `toString()` of the `sun.security.x509` extension classes). The
//! helpers beside it, [`signature_algorithm_name`],
//! [`public_key_description`], [`java_date`], [`list_date`], [`hex_dump`]
//! and [`crate::pem::encode_java`], are the pieces other commands and messages reuse.
//!
//! # Time zone and generation
//!
//! Dates are printed in the local time zone with Java's zone names, as
//! keytool prints them (see [`crate::calendar`]). Wording that changed
//! between keytool 17, 21 and 25 (key sizes of EdDSA and XDH keys, the
//! weak-algorithm sentences) follows [`crate::Generation::current`].
//!
//! # Weak algorithms
//!
//! keytool 17 marks weak or disabled algorithms inside the block
//! (`SHA1withRSA (weak)`, `1024-bit RSA key (weak)`, `MD5withRSA (disabled)`)
//! and then prints warning sentences at the end of its output, on stderr.
//! The marks follow the default `jdk.certpath.disabledAlgorithms` and
//! `jdk.security.legacyAlgorithms` of JDK 17.0.15, see [`signature_strength`]
//! and [`key_strength`]; the sentences come from [`weak_warnings`].

mod ext;
// The DER walker moved to `crate::tlv`; csr.rs still reaches it here.
pub(crate) use crate::tlv;

use crate::cert::{Certificate, colon_hex};
use crate::generation::Profile;
use der::Encode;
use spki::SubjectPublicKeyInfoOwned;

pub use crate::calendar::{java_date, list_date};

/// `sun.security.util.HexDumpEncoder.encodeBuffer`: lines of
/// `0000: 47 68 5C 2A 00 01 02 03   04 05 ...  Gh\*....`, sixteen bytes a
/// line with two extra spaces after the eighth, then the bytes as ASCII
/// (`.` for anything below space or above `z`). Every line ends with `\n`;
/// empty input gives an empty string.
pub fn hex_dump(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (n, chunk) in bytes.chunks(16).enumerate() {
        // The offset is printed as two bytes, wrapping like Java's.
        out.push_str(&format!("{:04X}: ", (n * 16) & 0xffff));
        for (i, b) in chunk.iter().enumerate() {
            out.push_str(&format!("{b:02X} "));
            if i == 7 {
                out.push_str("  ");
            }
        }
        for i in chunk.len()..16 {
            out.push_str("   ");
            if i == 7 {
                out.push_str("  ");
            }
        }
        out.push(' ');
        for &b in chunk {
            out.push(if (b' '..=b'z').contains(&b) {
                char::from(b)
            } else {
                '.'
            });
        }
        out.push('\n');
    }
    out
}

/// The signature algorithm name Java gives an algorithm OID
/// (`AlgorithmId.getName()`): `SHA256withRSA`, `SHA384withECDSA`,
/// `RSASSA-PSS`, `Ed25519`... and the dotted OID when Java knows no name.
pub fn algorithm_name(oid: &str) -> String {
    let name = match oid {
        "1.2.840.113549.1.1.2" => "MD2withRSA",
        "1.2.840.113549.1.1.4" => "MD5withRSA",
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" | "1.3.14.3.2.15" => "SHA1withRSA",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.113549.1.1.11" => "SHA256withRSA",
        "1.2.840.113549.1.1.12" => "SHA384withRSA",
        "1.2.840.113549.1.1.13" => "SHA512withRSA",
        "1.2.840.113549.1.1.14" => "SHA224withRSA",
        "1.2.840.113549.1.1.15" => "SHA512/224withRSA",
        "1.2.840.113549.1.1.16" => "SHA512/256withRSA",
        "1.2.840.113549.1.1.1" => "RSA",
        "2.16.840.1.101.3.4.3.13" => "SHA3-224withRSA",
        "2.16.840.1.101.3.4.3.14" => "SHA3-256withRSA",
        "2.16.840.1.101.3.4.3.15" => "SHA3-384withRSA",
        "2.16.840.1.101.3.4.3.16" => "SHA3-512withRSA",
        "1.2.840.10040.4.1" => "DSA",
        "1.2.840.10040.4.3" | "1.3.14.3.2.27" | "1.3.14.3.2.13" => "SHA1withDSA",
        "2.16.840.1.101.3.4.3.1" => "SHA224withDSA",
        "2.16.840.1.101.3.4.3.2" => "SHA256withDSA",
        "2.16.840.1.101.3.4.3.3" => "SHA384withDSA",
        "2.16.840.1.101.3.4.3.4" => "SHA512withDSA",
        "2.16.840.1.101.3.4.3.5" => "SHA3-224withDSA",
        "2.16.840.1.101.3.4.3.6" => "SHA3-256withDSA",
        "2.16.840.1.101.3.4.3.7" => "SHA3-384withDSA",
        "2.16.840.1.101.3.4.3.8" => "SHA3-512withDSA",
        "1.2.840.10045.2.1" => "EC",
        "1.2.840.10045.4.1" => "SHA1withECDSA",
        "1.2.840.10045.4.3" => "SpecifiedSHA2withECDSA",
        "1.2.840.10045.4.3.1" => "SHA224withECDSA",
        "1.2.840.10045.4.3.2" => "SHA256withECDSA",
        "1.2.840.10045.4.3.3" => "SHA384withECDSA",
        "1.2.840.10045.4.3.4" => "SHA512withECDSA",
        "2.16.840.1.101.3.4.3.9" => "SHA3-224withECDSA",
        "2.16.840.1.101.3.4.3.10" => "SHA3-256withECDSA",
        "2.16.840.1.101.3.4.3.11" => "SHA3-384withECDSA",
        "2.16.840.1.101.3.4.3.12" => "SHA3-512withECDSA",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        _ => return oid.to_string(),
    };
    name.to_string()
}

/// The `Signature algorithm name:` of a certificate (Java's
/// `X509Certificate.getSigAlgName()`), without any `(weak)` mark:
/// `SHA256withRSA`, `SHA1withRSA`, `RSASSA-PSS`, `SHA256withECDSA`,
/// `Ed25519`, or the OID for algorithms Java does not name.
pub fn signature_algorithm_name(cert: &Certificate) -> String {
    cert.restore_oids(&algorithm_name(
        &cert.parsed().signature_algorithm().oid.to_string(),
    ))
}

/// Named curves: OID, the name keytool shows, and the key size (bit length
/// of the group order, which is what Java reports).
const CURVES: &[(&str, &str, u32)] = &[
    ("1.2.840.10045.3.1.1", "secp192r1", 192),
    ("1.3.132.0.33", "secp224r1", 224),
    ("1.2.840.10045.3.1.7", "secp256r1", 256),
    ("1.3.132.0.34", "secp384r1", 384),
    ("1.3.132.0.35", "secp521r1", 521),
    ("1.3.132.0.31", "secp192k1", 192),
    ("1.3.132.0.32", "secp224k1", 225),
    ("1.3.132.0.10", "secp256k1", 256),
    ("1.3.36.3.3.2.8.1.1.1", "brainpoolP160r1", 160),
    ("1.3.36.3.3.2.8.1.1.3", "brainpoolP192r1", 192),
    ("1.3.36.3.3.2.8.1.1.5", "brainpoolP224r1", 224),
    ("1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", 256),
    ("1.3.36.3.3.2.8.1.1.9", "brainpoolP320r1", 320),
    ("1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", 384),
    ("1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", 512),
];

/// What keytool knows of a public key: Java's key algorithm name, the
/// display name (with the curve for EC keys) and the size in bits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    /// Java's algorithm name.
    pub algorithm: String,
    /// The words in keytool's "N-bit ... key" description.
    pub display: String,
    /// Key size in bits, when keytool gives one.
    pub bits: Option<u32>,
}

/// Bit length of an unsigned big-endian integer (leading zeros ignored).
fn bit_length(bytes: &[u8]) -> u32 {
    let mut iter = bytes.iter().skip_while(|b| **b == 0);
    match iter.next() {
        None => 0,
        Some(first) => (8 - first.leading_zeros()) + 8 * iter.count() as u32,
    }
}

/// The algorithm and size of a public key, as keytool of the current
/// generation reckons them.
pub fn key_info(spki: &SubjectPublicKeyInfoOwned) -> KeyInfo {
    key_info_in(spki, Profile::current())
}

/// The algorithm and size of a public key, as keytool of that generation
/// reckons them: keytool 17 and 21 give EdDSA and XDH keys a size and call
/// X25519 and X448 keys `XDH`; keytool 25 names them by curve, without a size.
pub fn key_info_in(spki: &SubjectPublicKeyInfoOwned, profile: &Profile) -> KeyInfo {
    let oid = spki.algorithm.oid.to_string();
    let params = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.to_der().ok())
        .unwrap_or_default();
    let key = spki.subject_public_key.raw_bytes();
    let algorithm = algorithm_name(&oid);
    let (display, bits) = match oid.as_str() {
        // RSA and RSASSA-PSS keys: the modulus of the PKCS#1 RSAPublicKey.
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => {
            let bits = tlv::sequence(key)
                .ok()
                .and_then(|s| s.first().map(|n| bit_length(n.value)));
            (algorithm.clone(), bits)
        }
        // DSA: the size of p in Dss-Parms.
        "1.2.840.10040.4.1" => {
            let bits = tlv::sequence(&params)
                .ok()
                .and_then(|s| s.first().map(|p| bit_length(p.value)));
            (algorithm.clone(), bits)
        }
        "1.2.840.10045.2.1" => {
            let curve = tlv::single(&params)
                .ok()
                .and_then(|t| tlv::oid(&t).ok())
                .and_then(|c| CURVES.iter().find(|(o, _, _)| *o == c));
            match curve {
                Some((_, name, bits)) => (format!("EC ({name})"), Some(*bits)),
                None => (algorithm.clone(), None),
            }
        }
        "1.3.101.112" | "1.3.101.113" | "1.3.101.110" | "1.3.101.111"
            if !profile.sized_edwards_keys =>
        {
            (algorithm.clone(), None)
        }
        "1.3.101.112" => (algorithm.clone(), Some(255)),
        "1.3.101.113" => (algorithm.clone(), Some(448)),
        "1.3.101.110" => ("XDH".to_string(), Some(255)),
        "1.3.101.111" => ("XDH".to_string(), Some(448)),
        _ => (algorithm.clone(), None),
    };
    KeyInfo {
        algorithm,
        display,
        bits,
    }
}

/// The `Subject Public Key Algorithm:` text for a key, without any
/// `(weak)` mark: `2048-bit RSA key`, `256-bit EC (secp256r1) key`,
/// `2048-bit RSASSA-PSS key`, `2048-bit DSA key`, `255-bit Ed25519 key`,
/// `255-bit XDH key` (X25519). Keys Java cannot size print as `<name> key`.
///
/// This is keytool 17's and 21's wording. keytool 25 prints EdDSA and XDH
/// keys without a size and by curve (`Ed25519 key`, `Ed448 key`, `X25519
/// key`); everything else is the same. The current generation decides.
pub fn public_key_description(spki: &SubjectPublicKeyInfoOwned) -> String {
    public_key_description_in(spki, Profile::current())
}

/// [`public_key_description`] for a given generation.
pub fn public_key_description_in(spki: &SubjectPublicKeyInfoOwned, profile: &Profile) -> String {
    let info = key_info_in(spki, profile);
    let edwards = matches!(
        spki.algorithm.oid.to_string().as_str(),
        "1.3.101.112" | "1.3.101.113" | "1.3.101.110" | "1.3.101.111"
    );
    match info.bits {
        Some(bits) => format!("{bits}-bit {} key", info.display),
        // keytool 25 names EdDSA and XDH keys without a size on purpose.
        None if edwards => format!("{} key", info.display),
        None => format!("{} key{}", info.display, profile.unknown_size_tail),
    }
}

/// How JDK 17's default security properties judge an algorithm or key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// Allowed.
    Fine,
    /// In `jdk.security.legacyAlgorithms`: keytool adds `(weak)` and a warning.
    Weak,
    /// In `jdk.certpath.disabledAlgorithms`: keytool adds `(disabled)` and a warning.
    Disabled,
}

/// Judges a signature algorithm name as keytool 17 does for a certificate
/// that is not a trust anchor: MD2 and MD5 are disabled, SHA-1 is weak
/// (`SHA1 jdkCA & usage TLSServer` does not apply to keytool's check).
pub fn signature_strength(name: &str) -> Strength {
    let upper = name.to_ascii_uppercase();
    let digest = upper.split("WITH").next().unwrap_or_default();
    match digest {
        "MD2" | "MD5" => Strength::Disabled,
        "SHA1" => Strength::Weak,
        _ => Strength::Fine,
    }
}

/// Judges a public key as keytool 17 does: RSA and DSA keys below 1024
/// bits and EC keys below 224 bits are disabled, RSA and DSA keys below 2048
/// bits are weak. RSASSA-PSS keys are not checked (the rules name `RSA`).
pub fn key_strength(spki: &SubjectPublicKeyInfoOwned) -> Strength {
    let info = key_info(spki);
    let Some(bits) = info.bits else {
        return Strength::Fine;
    };
    match info.algorithm.as_str() {
        "RSA" | "DSA" if bits < 1024 => Strength::Disabled,
        "RSA" | "DSA" if bits < 2048 => Strength::Weak,
        "EC" if bits < 224 => Strength::Disabled,
        _ => Strength::Fine,
    }
}

fn marked(text: String, strength: Strength) -> String {
    match strength {
        Strength::Fine => text,
        Strength::Weak => format!("{text} (weak)"),
        Strength::Disabled => format!("{text} (disabled)"),
    }
}

/// The `Serial number:` text: Java's `BigInteger.toString(16)`, lower case,
/// no leading zeros, `-` for negative serials.
pub fn serial_number_hex(cert: &Certificate) -> String {
    let serial = cert.parsed().tbs_certificate().serial_number();
    match serial.to_der() {
        Ok(der) => match tlv::single(&der) {
            Ok(t) => tlv::int_hex(t.value),
            Err(_) => tlv::int_hex(serial.as_bytes()),
        },
        Err(_) => tlv::int_hex(serial.as_bytes()),
    }
}

/// Java's name for an extension OID (`SubjectKeyIdentifier`...), if it has one.
pub fn extension_name(oid: &str) -> Option<&'static str> {
    ext::known_name(oid)
}

/// One extension as the JDK's extension classes print it: `ObjectId: …
/// Criticality=…`, a newline, and the body (CRLs print their extensions this way).
pub fn extension_text(oid: &str, critical: bool, value: &[u8]) -> String {
    ext::render_text(oid, critical, value)
}

/// The numbered extension items (`#1: ObjectId: ...`) as keytool prints
/// them, without the `Extensions:` heading; empty when there are none.
pub fn extension_items(exts: &[x509_cert::ext::Extension]) -> String {
    let block = ext::render_extensions(exts);
    block
        .strip_prefix("\nExtensions: \n\n")
        .unwrap_or(&block)
        .to_string()
}

/// The block keytool 17 prints for one certificate in `keytool -list -v`
/// and `keytool -printcert`, for a certificate that is not a trusted entry
/// (so a weak signature algorithm is marked). See
/// [`certificate_verbose_with`].
pub fn certificate_verbose(cert: &Certificate) -> String {
    certificate_verbose_with(cert, false)
}

/// The block keytool 17 prints for one certificate:
///
/// ```text
/// Owner: CN=test
/// Issuer: CN=test
/// Serial number: e22a4d5f63e0cfa7
/// Valid from: Sun Nov 22 13:14:33 UTC 2026 until: Sat Feb 20 13:14:33 UTC 2027
/// Certificate fingerprints:
/// \t SHA1: A0:...
/// \t SHA256: 5D:...
/// Signature algorithm name: SHA256withRSA
/// Subject Public Key Algorithm: 2048-bit RSA key
/// Version: 3
///
/// Extensions:
///
/// #1: ObjectId: 2.5.29.14 Criticality=false
/// SubjectKeyIdentifier [
/// ...
/// ]
///
/// ```
///
/// Every line ends with `\n`. Without extensions the block ends after
/// `Version: N`. `trusted` is true for a trusted-certificate entry of the
/// keystore (or a cacerts certificate): keytool does not mark the signature
/// algorithm of a trust anchor as weak, but still marks its key.
///
/// Extensions are listed the way keytool does: the ones Java parses sorted
/// by their class's name (`AuthorityInfoAccess`, `BasicConstraints`, ...),
/// unknown ones among them by their dotted OID (so before the named ones),
/// and the ones Java failed to parse last.
pub fn certificate_verbose_with(cert: &Certificate, trusted: bool) -> String {
    let parsed = cert.parsed();
    let tbs = parsed.tbs_certificate();
    let validity = tbs.validity();
    let sig_name = signature_algorithm_name(cert);
    let sig_text = if trusted {
        sig_name
    } else {
        let mut strength = signature_strength(&sig_name);
        // `SHA1 usage SignedJAR & denyAfter 2019-01-01`: keytool marks a
        // SHA-1 signature disabled on a certificate that may sign code (the
        // warning sentence stays the weak one).
        if strength == Strength::Weak && has_code_signing_usage(cert) {
            strength = Strength::Disabled;
        }
        marked(sig_name, strength)
    };
    let spki = tbs.subject_public_key_info();
    let key_text = marked(public_key_description(spki), key_strength(spki));
    let version = match tbs.version() {
        x509_cert::certificate::Version::V1 => 1,
        x509_cert::certificate::Version::V2 => 2,
        x509_cert::certificate::Version::V3 => 3,
    };
    let mut out = format!(
        "Owner: {}\nIssuer: {}\nSerial number: {}\nValid from: {} until: {}\n\
         Certificate fingerprints:\n\t SHA1: {}\n\t SHA256: {}\n\
         Signature algorithm name: {}\nSubject Public Key Algorithm: {}\nVersion: {}\n",
        crate::dname::format(tbs.subject()),
        crate::dname::format(tbs.issuer()),
        serial_number_hex(cert),
        java_date(unix_seconds(&validity.not_before)),
        java_date(unix_seconds(&validity.not_after)),
        colon_hex(&cert.sha1()),
        colon_hex(&cert.sha256()),
        sig_text,
        key_text,
        version,
    );
    if let Some(exts) = tbs.extensions() {
        out.push_str(&ext::render_extensions(exts));
    }
    cert.restore_oids(&out)
}

/// True when the certificate's ExtendedKeyUsage lists codeSigning.
fn has_code_signing_usage(cert: &Certificate) -> bool {
    const CODE_SIGNING: &str = "1.3.6.1.5.5.7.3.3";
    let Some(exts) = cert.parsed().tbs_certificate().extensions() else {
        return false;
    };
    exts.iter()
        .filter(|e| e.extn_id.to_string() == "2.5.29.37")
        .any(|e| {
            tlv::sequence(e.extn_value.as_bytes()).is_ok_and(|oids| {
                oids.iter()
                    .any(|o| tlv::oid(o).is_ok_and(|d| d == CODE_SIGNING))
            })
        })
}

fn unix_seconds(time: &x509_cert::time::Time) -> i64 {
    i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

/// The warning sentences keytool 17 prints after its output for a weak or
/// disabled signature algorithm or key, one per element, without the
/// leading `Warning:` line. `label` is the subject keytool names:
/// `The certificate` for `-printcert`, `<alias>` for `-list`, `The input`
/// for `-importcert`... For a trusted entry (`trusted`) keytool does not
/// warn about the signature algorithm.
///
/// keytool prints them on stderr after everything else, preceded by an
/// empty line and `Warning:`. The wording of the weak (not disabled)
/// sentences is the current generation's: keytool 17 adds "This algorithm
/// will be disabled in a future update." to a weak signature algorithm, 21
/// and 25 do not; 17 and 21 add "This key size will be disabled in a future
/// update." to a weak key, 25 "It will be disabled in a future update."
pub fn weak_warnings(cert: &Certificate, label: &str, trusted: bool) -> Vec<String> {
    weak_warnings_in(cert, label, trusted, Profile::current())
}

/// [`weak_warnings`] for a given generation.
pub fn weak_warnings_in(
    cert: &Certificate,
    label: &str,
    trusted: bool,
    profile: &Profile,
) -> Vec<String> {
    let sig = (!trusted).then(|| signature_algorithm_name(cert));
    let spki = cert.parsed().tbs_certificate().subject_public_key_info();
    weak_sentences(sig.as_deref(), spki, label, profile)
}

/// The `Public Key:` and `Signature algorithm:` of `keytool -printcertreq`,
/// with keytool's `(weak)` / `(disabled)` marks.
pub fn request_key_and_signature(
    spki: &SubjectPublicKeyInfoOwned,
    sig_oid: &str,
) -> (String, String) {
    let sig = algorithm_name(sig_oid);
    (
        marked(public_key_description(spki), key_strength(spki)),
        marked(sig.clone(), signature_strength(&sig)),
    )
}

/// The warning sentences keytool prints after `-printcertreq` for a weak
/// request ("The certificate request uses ...").
pub fn request_weak_warnings(spki: &SubjectPublicKeyInfoOwned, sig_oid: &str) -> Vec<String> {
    let sig = algorithm_name(sig_oid);
    weak_sentences(
        Some(&sig),
        spki,
        "The certificate request",
        Profile::current(),
    )
}

/// The sentences for a signature algorithm (when checked) and a key.
fn weak_sentences(
    sig: Option<&str>,
    spki: &SubjectPublicKeyInfoOwned,
    label: &str,
    profile: &Profile,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(sig) = sig {
        match signature_strength(sig) {
            Strength::Fine => {}
            Strength::Weak => out.push(format!(
                "{label} uses the {sig} signature algorithm which is considered a security risk.{}",
                profile.weak_signature_tail
            )),
            Strength::Disabled => out.push(format!(
                "{label} uses the {sig} signature algorithm which is considered a security risk \
                 and is disabled."
            )),
        }
    }
    let key = public_key_description_in(spki, profile);
    match key_strength(spki) {
        Strength::Fine => {}
        Strength::Weak => out.push(format!(
            "{label} uses a {key} which is considered a security risk.{}",
            profile.weak_key_tail
        )),
        Strength::Disabled => out.push(format!(
            "{label} uses a {key} which is considered a security risk and is disabled."
        )),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_dumps() {
        assert_eq!(hex_dump(&[]), "");
        assert_eq!(
            hex_dump(&[0x04, 0x03, 0xab, 0xcd, 0xef]),
            "0000: 04 03 AB CD EF                                     .....\n"
        );
        let sixteen: Vec<u8> = (0x40..0x50).collect();
        assert_eq!(
            hex_dump(&sixteen),
            "0000: 40 41 42 43 44 45 46 47   48 49 4A 4B 4C 4D 4E 4F  @ABCDEFGHIJKLMNO\n"
        );
        let twenty: Vec<u8> = (0x70..0x84).collect();
        assert_eq!(
            hex_dump(&twenty),
            "0000: 70 71 72 73 74 75 76 77   78 79 7A 7B 7C 7D 7E 7F  pqrstuvwxyz.....\n\
             0010: 80 81 82 83                                        ....\n"
        );
        let eight = [0x20u8; 8];
        assert_eq!(
            hex_dump(&eight),
            format!(
                "0000: {}  {} {}\n",
                "20 ".repeat(8),
                " ".repeat(24),
                " ".repeat(8)
            )
        );
    }

    #[test]
    fn pem_lines() {
        let der: Vec<u8> = (0..=255).collect();
        let v17 = crate::Generation::Jdk17.profile();
        let text = crate::pem::encode_java_in("CERTIFICATE", &der, v17);
        assert!(text.starts_with("-----BEGIN CERTIFICATE-----\n"));
        assert!(text.ends_with("\n-----END CERTIFICATE-----\n"));
        let body = &text["-----BEGIN CERTIFICATE-----\n".len()
            ..text.len() - "\n-----END CERTIFICATE-----\n".len()];
        let lines: Vec<&str> = body.split("\r\n").collect();
        assert_eq!(lines.len(), 6);
        assert!(lines[..5].iter().all(|l| l.len() == 64));
        assert_eq!(lines[5].len(), 24);
        assert_eq!(
            crate::pem::encode_java_in("X", &[], v17),
            "-----BEGIN X-----\n\n-----END X-----\n"
        );
        // keytool 25: every line ends with CRLF.
        let v25 = crate::Generation::Jdk25.profile();
        let text25 = crate::pem::encode_java_in("CERTIFICATE", &der, v25);
        assert_eq!(text25, text.replace("\r\n", "\n").replace('\n', "\r\n"));
    }

    #[test]
    fn strengths() {
        assert_eq!(signature_strength("SHA1withRSA"), Strength::Weak);
        assert_eq!(signature_strength("SHA1withECDSA"), Strength::Weak);
        assert_eq!(signature_strength("MD5withRSA"), Strength::Disabled);
        assert_eq!(signature_strength("SHA256withRSA"), Strength::Fine);
        assert_eq!(signature_strength("RSASSA-PSS"), Strength::Fine);
        assert_eq!(signature_strength("Ed25519"), Strength::Fine);
    }

    #[test]
    fn bit_lengths() {
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01]), 1);
        assert_eq!(bit_length(&[0x00]), 0);
    }
}
