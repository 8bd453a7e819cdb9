//! Writing JCEKS version 2, as `JceKeyStore.engineStore` does.

use super::{FORMAT, MAGIC, Record, RecordBody, TAG_PRIVATE_KEY, TAG_SECRET_KEY, TAG_TRUSTED_CERT};
use crate::error::Result;
use crate::jks::common::{write_cert, write_len, write_modified_utf8};
use crate::jks::integrity_digest;
use crate::password::Password;

/// The version every JDK since 1.4 writes.
const VERSION_2: u32 = 2;

/// A JCEKS file from records; see [`super::encode`].
pub(super) fn encode(records: &[Record], store_password: &Password) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION_2.to_be_bytes());
    write_len(&mut out, records.len(), "entry count", FORMAT)?;
    for rec in records {
        let tag = match rec.body {
            RecordBody::PrivateKey { .. } => TAG_PRIVATE_KEY,
            RecordBody::TrustedCert(_) => TAG_TRUSTED_CERT,
            RecordBody::SecretKey { .. } => TAG_SECRET_KEY,
        };
        out.extend_from_slice(&tag.to_be_bytes());
        write_modified_utf8(&mut out, &rec.alias, "alias", FORMAT)?;
        out.extend_from_slice(&rec.created_millis.to_be_bytes());
        match &rec.body {
            RecordBody::PrivateKey { protected, chain } => {
                write_len(&mut out, protected.len(), "private key", FORMAT)?;
                out.extend_from_slice(protected);
                write_len(&mut out, chain.len(), "certificate chain", FORMAT)?;
                for cert in chain {
                    write_cert(&mut out, cert, FORMAT)?;
                }
            }
            RecordBody::TrustedCert(cert) => write_cert(&mut out, cert, FORMAT)?,
            // A serialized object in its own stream, header included.
            RecordBody::SecretKey { sealed } => out.extend_from_slice(sealed),
        }
    }
    let digest = integrity_digest(store_password, &out);
    out.extend_from_slice(&digest);
    Ok(out)
}
