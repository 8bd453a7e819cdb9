//! Signing a certificate: the X.509 `TBSCertificate` as keytool writes it,
//! signed with a [`PrivateKey`].

use super::PrivateKey;
use super::algorithm::SignatureAlgorithm;
use crate::cert::{Certificate, CertificateTemplate, x509_time};
use crate::error::{Error, Result};
use der::{Decode, Encode};

/// X.509 `TBSCertificate` (RFC 5280 §4.1), written field by field so that we
/// control exactly what goes in, as keytool does.
///
/// ```text
/// TBSCertificate  ::=  SEQUENCE  {
///      version         [0]  EXPLICIT Version DEFAULT v1,
///      serialNumber         CertificateSerialNumber,
///      signature            AlgorithmIdentifier,
///      issuer               Name,
///      validity             Validity,
///      subject              Name,
///      subjectPublicKeyInfo SubjectPublicKeyInfo,
///      extensions      [3]  EXPLICIT Extensions OPTIONAL }
/// ```
#[derive(der::Sequence)]
struct TbsCertificate {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    version: u8,
    serial_number: der::asn1::Int,
    signature: spki::AlgorithmIdentifierOwned,
    issuer: x509_cert::name::Name,
    validity: Validity,
    subject: x509_cert::name::Name,
    subject_public_key_info: der::asn1::Any,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    extensions: Option<Vec<x509_cert::ext::Extension>>,
}

/// `Validity ::= SEQUENCE { notBefore Time, notAfter Time }`
#[derive(der::Sequence)]
struct Validity {
    not_before: x509_cert::time::Time,
    not_after: x509_cert::time::Time,
}

/// `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }`
#[derive(der::Sequence)]
struct SignedCertificate {
    tbs: der::asn1::Any,
    algorithm: spki::AlgorithmIdentifierOwned,
    signature: der::asn1::BitString,
}

/// Issues a certificate from `template`, signed by `signer` with `alg`.
pub fn issue(
    template: &CertificateTemplate,
    signer: &PrivateKey,
    alg: SignatureAlgorithm,
) -> Result<Certificate> {
    // `-sigalg RSASSA-PSS` takes the digest keytool picks for the key.
    let alg = alg.for_key(signer)?;
    signer.check_signature_algorithm(alg)?;
    if template.issuer.is_empty() {
        // The JDK refuses to read such a certificate back (keytool writes it
        // and then cannot open its own keystore).
        return Err(Error::EmptyIssuer);
    }
    let serial = positive_integer(&template.serial)?;
    let tbs = TbsCertificate {
        version: 2,
        serial_number: serial,
        signature: alg.algorithm_identifier()?,
        issuer: template.issuer.clone(),
        validity: Validity {
            not_before: x509_time(template.not_before)?,
            not_after: x509_time(template.not_after)?,
        },
        subject: template.subject.clone(),
        subject_public_key_info: der::asn1::Any::from_der(&template.spki_der)?,
        extensions: if template.extensions.is_empty() {
            None
        } else {
            Some(template.extensions.clone())
        },
    };
    // Object identifiers beyond const-oid's limits (`-ext 2.25.<UUID>=...`)
    // go in as typed on the command line.
    let tbs_der = crate::lenient::restore_der(&tbs.to_der()?)?;
    let signature = signer.sign(alg, &tbs_der)?;
    let signed = SignedCertificate {
        tbs: der::asn1::Any::from_der(&tbs_der)?,
        algorithm: alg.algorithm_identifier()?,
        signature: der::asn1::BitString::from_bytes(&signature)?,
    };
    Certificate::from_der(&signed.to_der()?)
}

/// A DER INTEGER for a non-negative big-endian magnitude.
fn positive_integer(magnitude: &[u8]) -> Result<der::asn1::Int> {
    let trimmed: Vec<u8> = magnitude.iter().copied().skip_while(|&b| b == 0).collect();
    let mut bytes = Vec::with_capacity(trimmed.len() + 1);
    if trimmed.first().is_none_or(|&b| b & 0x80 != 0) {
        bytes.push(0);
    }
    bytes.extend_from_slice(&trimmed);
    Ok(der::asn1::Int::new(&bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_is_positive() {
        let i = positive_integer(&[0xff, 1]).unwrap();
        assert_eq!(i.as_bytes(), &[0, 0xff, 1]);
        let i = positive_integer(&[0, 0, 0x7f]).unwrap();
        assert_eq!(i.as_bytes(), &[0x7f]);
    }
}
