//! What a file that is not a keystore looks like, so that a certificate or
//! a key file given as `-keystore` is named as what it is, not called a
//! damaged PKCS#12. Only a positive, whole-file match counts: anything else
//! that starts like DER stays "PKCS#12" (a damaged one is reported so).

use crate::error::LooksLike;
use der::Decode;

/// Classifies `bytes` (already bounded by the keystore read cap).
pub fn looks_like(bytes: &[u8]) -> LooksLike {
    if bytes.is_empty() {
        return LooksLike::Empty;
    }
    if bytes[0] == 0x30 {
        return der_kind(bytes).unwrap_or(LooksLike::Unknown);
    }
    pem_kind(bytes).unwrap_or(LooksLike::Unknown)
}

/// A DER structure that is no PFX, decoded whole.
pub(crate) fn der_kind(der: &[u8]) -> Option<LooksLike> {
    use const_oid::db::rfc5911::ID_SIGNED_DATA as SIGNED_DATA;
    if x509_cert::Certificate::from_der(der).is_ok() {
        Some(LooksLike::Certificate)
    } else if x509_cert::request::CertReq::from_der(der).is_ok() {
        Some(LooksLike::CertificateRequest)
    } else if pkcs8::PrivateKeyInfoRef::from_der(der).is_ok()
        || pkcs8::EncryptedPrivateKeyInfoRef::from_der(der).is_ok()
        || pkcs1::RsaPrivateKeyRef::from_der(der).is_ok()
    {
        Some(LooksLike::PrivateKey)
    } else if cms::content_info::ContentInfo::from_der(der)
        .is_ok_and(|ci| ci.content_type == SIGNED_DATA)
    {
        Some(LooksLike::Certificates)
    } else {
        None
    }
}

/// The first PEM block's label, anywhere in a text file.
fn pem_kind(bytes: &[u8]) -> Option<LooksLike> {
    let text = std::str::from_utf8(bytes.get(..bytes.len().min(1 << 20))?).ok()?;
    let start = text.find("-----BEGIN ")? + "-----BEGIN ".len();
    let label = &text[start..start + text[start..].find("-----")?];
    Some(match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => LooksLike::Certificate,
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => LooksLike::CertificateRequest,
        "PKCS7" | "CMS" => LooksLike::Certificates,
        l if l.ends_with("PRIVATE KEY") => LooksLike::PrivateKey,
        _ => LooksLike::Unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_it_can_and_nothing_else() {
        assert_eq!(looks_like(b""), LooksLike::Empty);
        assert_eq!(looks_like(b"hello"), LooksLike::Unknown);
        assert_eq!(
            looks_like(
                b"Bag Attributes\n-----BEGIN CERTIFICATE-----\nMII=\n-----END CERTIFICATE-----\n"
            ),
            LooksLike::Certificate
        );
        assert_eq!(
            looks_like(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
            LooksLike::PrivateKey
        );
        assert_eq!(
            looks_like(b"-----BEGIN NEW CERTIFICATE REQUEST-----\n"),
            LooksLike::CertificateRequest
        );
        // A DER SEQUENCE that is none of them is left to the PKCS#12 decoder.
        assert_eq!(der_kind(&[0x30, 0x03, 0x02, 0x01, 0x03]), None);
    }
}
