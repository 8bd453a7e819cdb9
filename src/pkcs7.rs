//! PKCS#7 / CMS SignedData (RFC 5652) as certificate containers (`.p7b`).

use crate::cert::Certificate;
use crate::error::{Error, Result};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{CertificateSet, EncapsulatedContentInfo, SignedData, SignerInfos};
use der::asn1::SetOfVec;
use der::{Decode, Encode};

/// id-signedData.
const SIGNED_DATA: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
/// id-data.
const DATA: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");

/// The certificates inside a DER ContentInfo holding SignedData, in file order.
pub fn certificates(der: &[u8]) -> Result<Vec<Certificate>> {
    let ci = ContentInfo::from_der(der).map_err(|e| Error::malformed("PKCS#7", e.to_string()))?;
    if ci.content_type != SIGNED_DATA {
        return Err(Error::malformed(
            "PKCS#7",
            format!("content type {} is not signedData", ci.content_type),
        ));
    }
    let sd = ci
        .content
        .decode_as::<SignedData>()
        .map_err(|e| Error::malformed("PKCS#7", e.to_string()))?;
    if sd.certificates.is_none() {
        return Ok(Vec::new());
    }
    raw_certificates(ci.content.value())
}

/// The certificates of a SignedData (its contents, without the SEQUENCE
/// header) with their bytes exactly as in the file: decoding them as
/// `CertificateChoices` would re-encode them, and change the fingerprint
/// of any certificate that is not strict DER.
fn raw_certificates(signed_data: &[u8]) -> Result<Vec<Certificate>> {
    use der::{AnyRef, Reader, SliceReader, Tag, TagNumber, Tagged};
    let mut out = Vec::new();
    let mut fields = SliceReader::new(signed_data)?;
    while !fields.is_finished() {
        let field = AnyRef::decode(&mut fields)?;
        let certificates_tag = Tag::ContextSpecific {
            constructed: true,
            number: TagNumber(0),
        };
        if field.tag() != certificates_tag {
            continue;
        }
        let body = field.value();
        let mut certs = SliceReader::new(body)?;
        while !certs.is_finished() {
            let start = usize::try_from(certs.position())?;
            let choice = AnyRef::decode(&mut certs)?;
            let end = usize::try_from(certs.position())?;
            if choice.tag() == Tag::Sequence {
                let raw = body
                    .get(start..end)
                    .ok_or_else(|| Error::malformed("PKCS#7", "certificate out of bounds"))?;
                out.push(Certificate::from_der(raw)?);
            }
        }
    }
    Ok(out)
}

/// A degenerate SignedData (no signers) carrying `certs`, as `openssl crl2pkcs7` makes.
pub fn encode_certificates(certs: &[Certificate]) -> Result<Vec<u8>> {
    let mut set = SetOfVec::new();
    for c in certs {
        set.insert(CertificateChoices::Certificate(
            x509_cert::Certificate::from_der(c.der())?,
        ))?;
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
