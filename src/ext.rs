//! keytool's `-ext` syntax. TEMPORARY: replaced by the full parser on merge.

use crate::cert::Certificate;
use crate::error::{Error, Result};
use der::Encode;
use sha1::{Digest, Sha1};
use x509_cert::ext::Extension;

/// Parsed `-ext` options.
#[derive(Debug, Default)]
pub struct ExtRequest {
    specs: Vec<String>,
}

/// Parses every `-ext` value.
pub fn parse_all(specs: &[String]) -> Result<ExtRequest> {
    if let Some(s) = specs.first() {
        return Err(Error::InvalidInput(format!("-ext {s}: not supported yet")));
    }
    Ok(ExtRequest {
        specs: specs.to_vec(),
    })
}

impl ExtRequest {
    /// Extensions for a new certificate or request on `spki_der`.
    pub fn certificate_extensions(
        &self,
        spki_der: &[u8],
        _existing: Option<&Certificate>,
    ) -> Result<Vec<Extension>> {
        let _ = &self.specs;
        let spki = <spki::SubjectPublicKeyInfoRef as der::Decode>::from_der(spki_der)?;
        let id = Sha1::digest(spki.subject_public_key.raw_bytes());
        let value = der::asn1::OctetString::new(id.to_vec())?.to_der()?;
        Ok(vec![Extension {
            extn_id: const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER,
            critical: false,
            extn_value: der::asn1::OctetString::new(value)?,
        }])
    }
}
