//! PKCS#7 / CMS SignedData (RFC 5652) as certificate containers (`.p7b`).

use crate::error::{Error, Result};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{CertificateSet, EncapsulatedContentInfo, SignedData, SignerInfos};
use const_oid::db::rfc5911::{ID_DATA as DATA, ID_SIGNED_DATA as SIGNED_DATA};
use der::asn1::SetOfVec;
use der::{Decode, Encode, Tagged};

/// The certificates inside a DER ContentInfo holding SignedData, in file
/// order (keytool keeps it; a SET OF decoder would sort them).
///
/// ```text
/// SignedData ::= SEQUENCE {
///   version CMSVersion, digestAlgorithms SET OF ..., encapContentInfo ...,
///   certificates [0] IMPLICIT CertificateSet OPTIONAL, ... }
/// ```
///
/// BER input (indefinite lengths, as `openssl cms -stream` writes and as
/// Windows and Amazon publish their root bundles) is read as keytool reads
/// it: turned into DER first (see [`crate::lenient::ber_to_der`]).
///
/// Each certificate is handed to `read` as its DER element, in order
/// (`Certificate::from_der`: this module sits below [`crate::cert`]).
pub fn certificates<T>(der: &[u8], read: impl Fn(&[u8]) -> Result<T>) -> Result<Vec<T>> {
    match certificates_der(der, &read) {
        Ok(certs) => Ok(certs),
        Err(e) => match crate::lenient::ber_to_der(der) {
            Ok(converted) if converted != der => certificates_der(&converted, &read),
            _ => Err(e),
        },
    }
}

fn certificates_der<T>(der: &[u8], read: &impl Fn(&[u8]) -> Result<T>) -> Result<Vec<T>> {
    let bad = |e: der::Error| Error::malformed("PKCS#7", e.to_string());
    let ci = ContentInfo::from_der(der).map_err(bad)?;
    if ci.content_type != SIGNED_DATA {
        return Err(Error::malformed(
            "PKCS#7",
            format!("content type {} is not signedData", ci.content_type),
        ));
    }
    let mut reader = der::SliceReader::new(ci.content.value()).map_err(bad)?;
    let mut out = Vec::new();
    while !der::Reader::is_finished(&reader) {
        let field: der::Any = der::Decode::decode(&mut reader).map_err(bad)?;
        if field.tag()
            == (der::Tag::ContextSpecific {
                constructed: true,
                number: der::TagNumber(0),
            })
        {
            let mut certs = der::SliceReader::new(field.value()).map_err(bad)?;
            while !der::Reader::is_finished(&certs) {
                let c: der::Any = der::Decode::decode(&mut certs).map_err(bad)?;
                if c.tag() == der::Tag::Sequence {
                    out.push(read(&c.to_der()?)?);
                }
            }
        }
    }
    // Keep the typed decode as the validity check of the whole structure.
    ci.content.decode_as::<SignedData>().map_err(bad)?;
    Ok(out)
}

/// A degenerate SignedData (no signers) carrying `certs` (each a
/// certificate's DER), as `openssl crl2pkcs7` makes.
pub fn encode_certificates<C: AsRef<[u8]>>(certs: &[C]) -> Result<Vec<u8>> {
    let mut set = SetOfVec::new();
    for c in certs {
        match x509_cert::Certificate::from_der(c.as_ref()) {
            Ok(typed) => set.insert(CertificateChoices::Certificate(typed))?,
            // Certificates x509-cert cannot hold (see `crate::lenient`) go in
            // as their bytes.
            Err(_) => return encode_certificates_raw(certs),
        }
    }
    let sd = SignedData {
        version: cms::content_info::CmsVersion::V1,
        digest_algorithms: SetOfVec::new(),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(set)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::new()),
    };
    let ci = ContentInfo {
        content_type: SIGNED_DATA,
        content: der::Any::from_der(&sd.to_der()?)?,
    };
    Ok(ci.to_der()?)
}

/// [`encode_certificates`] for certificates x509-cert's types cannot hold:
/// the same structure written from the certificates' bytes, which go in
/// DER's SET OF order (their encodings compared as octet strings).
fn encode_certificates_raw<C: AsRef<[u8]>>(certs: &[C]) -> Result<Vec<u8>> {
    use crate::lenient::encode;
    let mut ders: Vec<&[u8]> = certs.iter().map(|c| c.as_ref()).collect();
    ders.sort();
    let mut body = encode(0x02, &[1]);
    body.extend(encode(0x31, &[]));
    body.extend(encode(0x30, &DATA.to_der()?));
    body.extend(encode(0xa0, &ders.concat()));
    body.extend(encode(0x31, &[]));
    let signed_data = encode(0x30, &body);
    let mut ci = SIGNED_DATA.to_der()?;
    ci.extend(encode(0xa0, &signed_data));
    Ok(encode(0x30, &ci))
}
