//! X.509 certificates as the keystore holds them: the DER bytes and their parse.

use crate::error::{Error, Result};
use der::{Decode, Encode};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// An X.509 certificate: its exact DER bytes (what is hashed and stored) and the decoded form.
#[derive(Clone, Debug)]
pub struct Certificate {
    der: Vec<u8>,
    parsed: Box<x509_cert::Certificate>,
    /// OIDs that `parsed` holds as placeholders (see [`crate::lenient`]).
    substitutions: crate::lenient::Substitutions,
}

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.der == other.der
    }
}
impl Eq for Certificate {}

/// The DER bytes (for [`crate::pkcs7::encode_certificates`]).
impl AsRef<[u8]> for Certificate {
    fn as_ref(&self) -> &[u8] {
        &self.der
    }
}

impl Certificate {
    /// Decodes one DER certificate; trailing bytes are an error.
    ///
    /// Certificates whose object identifiers or string tags x509-cert's
    /// types cannot hold are read through [`crate::lenient`], as keytool
    /// reads them; their bytes stay as given.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let (parsed, substitutions) = decode_lenient(der)?;
        Ok(Certificate {
            der: der.to_vec(),
            parsed: Box::new(parsed),
            substitutions,
        })
    }

    /// Wraps a certificate we built.
    pub fn from_parsed(parsed: x509_cert::Certificate) -> Result<Self> {
        let der = parsed.to_der()?;
        Ok(Certificate {
            der,
            parsed: Box::new(parsed),
            substitutions: Default::default(),
        })
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The decoded certificate. Object identifiers x509-cert cannot hold
    /// appear in it as placeholders: see [`Certificate::restore_oids`].
    pub fn parsed(&self) -> &x509_cert::Certificate {
        &self.parsed
    }

    /// `text` (made from [`Certificate::parsed`]) with the certificate's own
    /// object identifiers in place of the placeholders it was decoded with.
    pub fn restore_oids(&self, text: &str) -> String {
        if self.substitutions.is_empty() {
            text.to_string()
        } else {
            self.substitutions.restore(text)
        }
    }

    /// The DER of the TBSCertificate, as found in the certificate's bytes
    /// (what its signature covers).
    pub fn tbs_der(&self) -> Result<Vec<u8>> {
        if self.substitutions.is_empty() && self.der == self.parsed.to_der()? {
            return Ok(self.parsed.tbs_certificate().to_der()?);
        }
        let outer =
            crate::tlv::single(&self.der).map_err(|e| Error::malformed("X.509 certificate", e))?;
        let mut inner = outer.value;
        let tbs =
            crate::tlv::read(&mut inner).map_err(|e| Error::malformed("X.509 certificate", e))?;
        Ok(tbs.raw.to_vec())
    }

    /// The DER of the SubjectPublicKeyInfo.
    pub fn spki_der(&self) -> Result<Vec<u8>> {
        Ok(self
            .parsed
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()?)
    }

    /// SHA-1 fingerprint.
    pub fn sha1(&self) -> [u8; 20] {
        Sha1::digest(&self.der).into()
    }

    /// SHA-256 fingerprint.
    pub fn sha256(&self) -> [u8; 32] {
        Sha256::digest(&self.der).into()
    }

    /// True when subject and issuer are the same name.
    pub fn is_self_issued(&self) -> bool {
        let tbs = self.parsed.tbs_certificate();
        tbs.subject() == tbs.issuer()
    }
}

impl Certificate {
    /// True when the certificate's public key equals `spki_der`'s.
    pub fn has_public_key(&self, spki_der: &[u8]) -> bool {
        self.spki_der().is_ok_and(|d| d == spki_der)
    }
}

/// Every certificate in `data`: PEM (any number of CERTIFICATE, X509
/// CERTIFICATE, TRUSTED CERTIFICATE or PKCS7 blocks, with text between them),
/// a DER certificate, or a DER PKCS#7 SignedData.
pub fn parse_certificates(data: &[u8]) -> Result<Vec<Certificate>> {
    if crate::pem::is_pem(data) {
        let text = String::from_utf8_lossy(data);
        let mut out = Vec::new();
        for block in crate::pem::decode_all(&text)? {
            match block.label.as_str() {
                "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                    out.push(Certificate::from_der_prefix(&block.der)?)
                }
                "PKCS7" | "CMS" => out.extend(crate::pkcs7::certificates(
                    &block.der,
                    Certificate::from_der,
                )?),
                _ => {}
            }
        }
        if out.is_empty() {
            return Err(Error::NoCertificate);
        }
        return Ok(out);
    }
    let trimmed = data.trim_ascii();
    if let Ok(text) = std::str::from_utf8(trimmed) {
        // Bare base64, as some CAs send it.
        use base64ct::{Base64, Encoding};
        let joined: String = text.split_whitespace().collect();
        if !joined.is_empty()
            && let Ok(der) = Base64::decode_vec(&joined)
        {
            return parse_certificates(&der);
        }
    }
    match Certificate::from_der(data) {
        Ok(c) => Ok(vec![c]),
        Err(cert_err) => match crate::pkcs7::certificates(data, Certificate::from_der) {
            Ok(v) if !v.is_empty() => Ok(v),
            _ => Err(cert_err),
        },
    }
}

impl Certificate {
    /// Decodes a DER certificate, ignoring bytes after it (as Java's
    /// CertificateFactory does for a PEM body). The certificate keeps its
    /// bytes as given, not re-encoded: some roots (Certum Trusted Network
    /// CA 2) are not strict DER, and their fingerprints must stay theirs.
    fn from_der_prefix(der: &[u8]) -> Result<Self> {
        use der::Reader;
        let mut reader = der::SliceReader::new(der)?;
        let typed: der::Result<x509_cert::Certificate> = der::Decode::decode(&mut reader);
        match typed {
            Ok(parsed) => {
                let len = usize::try_from(reader.position())?;
                match der.get(..len) {
                    Some(exact) => Ok(Certificate {
                        der: exact.to_vec(),
                        parsed: Box::new(parsed),
                        substitutions: Default::default(),
                    }),
                    None => Certificate::from_parsed(parsed),
                }
            }
            Err(e) => {
                // The lenient path: the first element, exactly.
                let mut input = der;
                let first = crate::tlv::read(&mut input)
                    .map_err(|_| Error::malformed("X.509 certificate", e.to_string()))?;
                Certificate::from_der(first.raw)
            }
        }
    }
}

/// Decodes a certificate with x509-cert, through [`crate::lenient`] when
/// its object identifiers or string tags do not fit x509-cert's types.
fn decode_lenient(der: &[u8]) -> Result<(x509_cert::Certificate, crate::lenient::Substitutions)> {
    let err = match x509_cert::Certificate::from_der(der) {
        Ok(parsed) => return Ok((parsed, Default::default())),
        Err(e) => Error::malformed("X.509 certificate", e.to_string()),
    };
    match crate::lenient::substitute(der) {
        Ok(Some((rewritten, subs))) => match x509_cert::Certificate::from_der(&rewritten) {
            Ok(parsed) => Ok((parsed, subs)),
            Err(_) => Err(err),
        },
        _ => Err(err),
    }
}

/// Bytes as keytool prints fingerprints: upper-case hex pairs joined by colons.
pub fn colon_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        s.push_str(&format!("{b:02X}"));
    }
    s
}

/// What goes into a certificate we issue.
#[derive(Clone, Debug)]
pub struct CertificateTemplate {
    /// Serial number, big-endian magnitude (made positive on encoding).
    pub serial: Vec<u8>,
    /// Issuer name.
    pub issuer: x509_cert::name::Name,
    /// Subject name.
    pub subject: x509_cert::name::Name,
    /// notBefore, seconds since the Unix epoch.
    pub not_before: i64,
    /// notAfter, seconds since the Unix epoch.
    pub not_after: i64,
    /// The subject's SubjectPublicKeyInfo DER.
    pub spki_der: Vec<u8>,
    /// Extensions, in order; none means a v3 certificate without extensions.
    pub extensions: Vec<x509_cert::ext::Extension>,
}

/// A random positive 64-bit serial number, as keytool makes them.
pub fn random_serial() -> Vec<u8> {
    loop {
        let v: u64 = rand::random();
        if v != 0 {
            return v.to_be_bytes().to_vec();
        }
    }
}

/// Encodes a time as RFC 5280 wants: UTCTime through 2049, GeneralizedTime after.
pub fn x509_time(unix_seconds: i64) -> Result<x509_cert::time::Time> {
    let out_of_range = || Error::DateOutOfRange { unix_seconds };
    let secs = u64::try_from(unix_seconds).map_err(|_| out_of_range())?;
    let dt = der::DateTime::from_unix_duration(std::time::Duration::from_secs(secs))
        .map_err(|_| out_of_range())?;
    if dt.year() < 2050 {
        Ok(x509_cert::time::Time::UtcTime(
            der::asn1::UtcTime::from_date_time(dt)?,
        ))
    } else {
        Ok(x509_cert::time::Time::GeneralTime(
            der::asn1::GeneralizedTime::from_date_time(dt),
        ))
    }
}
