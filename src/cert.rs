//! X.509 certificates as the keystore holds them: the DER bytes and their parse.

use crate::error::{Error, Result};
use der::{Decode, Encode};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// An X.509 certificate: its exact DER bytes (what is hashed and stored) and the decoded form.
#[derive(Clone, Debug)]
pub struct Certificate {
    der: Vec<u8>,
    parsed: x509_cert::Certificate,
}

impl PartialEq for Certificate {
    fn eq(&self, other: &Self) -> bool {
        self.der == other.der
    }
}
impl Eq for Certificate {}

impl Certificate {
    /// Decodes one DER certificate; trailing bytes are an error.
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let parsed = x509_cert::Certificate::from_der(der)
            .map_err(|e| Error::malformed("X.509 certificate", e.to_string()))?;
        Ok(Certificate {
            der: der.to_vec(),
            parsed,
        })
    }

    /// Wraps a certificate we built.
    pub fn from_parsed(parsed: x509_cert::Certificate) -> Result<Self> {
        let der = parsed.to_der()?;
        Ok(Certificate { der, parsed })
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The decoded certificate.
    pub fn parsed(&self) -> &x509_cert::Certificate {
        &self.parsed
    }

    /// The DER of the SubjectPublicKeyInfo.
    pub fn spki_der(&self) -> Result<Vec<u8>> {
        Ok(self.parsed.tbs_certificate().subject_public_key_info().to_der()?)
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
