//! PKCS#10 certificate requests (RFC 2986), as `keytool -certreq` writes them.

use crate::error::{Error, Result};
use crate::keygen::{PrivateKey, SignatureAlgorithm};
use der::asn1::{Any, BitString, ObjectIdentifier, SetOfVec};
use der::{Decode, Encode};
use x509_cert::attr::Attribute;
use x509_cert::ext::Extension;
use x509_cert::name::Name;
use x509_cert::request::{CertReq, CertReqInfo, ExtensionReq, Version};

/// PKCS#9 extensionRequest.
pub const EXTENSION_REQUEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");

/// Builds and signs a request for `subject` with the key's public half and
/// an extensionRequest attribute holding `extensions` (omitted when empty).
pub fn create(
    subject: Name,
    key: &PrivateKey,
    alg: SignatureAlgorithm,
    extensions: Vec<Extension>,
) -> Result<Vec<u8>> {
    key.check_signature_algorithm(alg)?;
    let spki = spki::SubjectPublicKeyInfoOwned::from_der(&key.public_key_der()?)?;
    let mut attributes = SetOfVec::new();
    if !extensions.is_empty() {
        let value = Any::from_der(&ExtensionReq(extensions).to_der()?)?;
        let values = SetOfVec::try_from(vec![value])?;
        attributes.insert(Attribute {
            oid: EXTENSION_REQUEST,
            values,
        })?;
    }
    let info = CertReqInfo {
        version: Version::V1,
        subject,
        public_key: spki,
        attributes,
    };
    // Object identifiers beyond const-oid's limits go in as typed.
    let info_der = crate::lenient::restore_der(&info.to_der()?)?;
    let signature = key.sign(alg, &info_der)?;
    let mut body = info_der;
    body.extend(alg.algorithm_identifier().to_der()?);
    body.extend(BitString::from_bytes(&signature)?.to_der()?);
    Ok(crate::lenient::encode(0x30, &body))
}

/// Decodes a request (DER).
///
/// Requests whose object identifiers or string tags x509-cert's types
/// cannot hold are read through [`crate::lenient`] (their placeholders are
/// restored by [`crate::lenient::restore_text`] and
/// [`crate::lenient::restore_der`]).
pub fn decode(der: &[u8]) -> Result<CertReq> {
    let err = match CertReq::from_der(der) {
        Ok(req) => return Ok(req),
        Err(e) => Error::malformed("PKCS#10 request", e.to_string()),
    };
    match crate::lenient::substitute(der) {
        Ok(Some((rewritten, _))) => CertReq::from_der(&rewritten).map_err(|_| err),
        _ => Err(err),
    }
}

/// The extensions a request asks for, from its extensionRequest attribute.
pub fn requested_extensions(req: &CertReq) -> Result<Vec<Extension>> {
    let mut out = Vec::new();
    for attr in req.info.attributes.iter() {
        if attr.oid == EXTENSION_REQUEST {
            for v in attr.values.iter() {
                let er = ExtensionReq::from_der(&v.to_der()?)?;
                out.extend(er.0);
            }
        }
    }
    Ok(out)
}

/// Verifies a request's self-signature with the public key it carries.
pub fn verify(req: &CertReq) -> Result<()> {
    let spki = crate::lenient::restore_der(&req.info.public_key.to_der()?)?;
    let info = crate::lenient::restore_der(&req.info.to_der()?)?;
    let sig = req
        .signature
        .as_bytes()
        .ok_or_else(|| Error::malformed("PKCS#10 request", "signature has unused bits"))?;
    crate::keygen::verify_signature(&spki, &req.algorithm, &info, sig)
}
