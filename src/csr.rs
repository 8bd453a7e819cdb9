//! PKCS#10 certificate requests (RFC 2986), as `keytool -certreq` writes them.

use crate::error::{Error, Result};
use crate::keys::{PrivateKey, SignatureAlgorithm};
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
    // `-sigalg RSASSA-PSS` takes the digest keytool picks for the key.
    let alg = alg.for_key(key)?;
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
    body.extend(alg.algorithm_identifier()?.to_der()?);
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
    crate::keys::verify_signature(&spki, &req.algorithm, &info, sig)
}

/// What keytool prints of a request's attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttributeText {
    /// The extensionRequest: keytool prints its extensions.
    Extensions(Vec<Extension>),
    /// Any other attribute: `Attribute: <oid>` then `<name>: <value>`.
    Other {
        /// Dotted OID.
        oid: String,
        /// `PKCS9Attribute.getName()`.
        name: String,
        /// The value as keytool prints it (`[a, b]` for the multi-valued
        /// string attributes).
        value: String,
    },
}

/// The request's attributes in the order keytool prints them. keytool keeps
/// them in a `java.util.Hashtable` keyed by the dotted OID and prints its
/// `values()`, so the order is the table's, not the file's; this replays
/// Java's `String.hashCode`, `Hashtable.put` and its enumeration.
pub fn attributes_in_keytool_order(req: &CertReq) -> Result<Vec<AttributeText>> {
    let mut items = Vec::new();
    for attr in req.info.attributes.iter() {
        let oid = crate::lenient::restore_text(&attr.oid.to_string());
        let text = if attr.oid == EXTENSION_REQUEST {
            let mut exts = Vec::new();
            for v in attr.values.iter() {
                exts.extend(ExtensionReq::from_der(&v.to_der()?)?.0);
            }
            AttributeText::Extensions(exts)
        } else {
            let (name, multi) = match oid.as_str() {
                "1.2.840.113549.1.9.1" => ("EMailAddress", true),
                "1.2.840.113549.1.9.2" => ("UnstructuredName", true),
                "1.2.840.113549.1.9.3" => ("ContentType", false),
                "1.2.840.113549.1.9.7" => ("ChallengePassword", false),
                "1.2.840.113549.1.9.8" => ("UnstructuredAddress", true),
                _ => ("", false),
            };
            let strings: Vec<String> = attr
                .values
                .iter()
                .map(|v| {
                    if der::Tagged::tag(v) == der::Tag::ObjectIdentifier {
                        crate::text::tlv::oid_string(v.value()).unwrap_or_default()
                    } else {
                        String::from_utf8_lossy(v.value()).into_owned()
                    }
                })
                .collect();
            let value = if multi {
                format!("[{}]", strings.join(", "))
            } else {
                strings.first().cloned().unwrap_or_default()
            };
            AttributeText::Other {
                oid: oid.clone(),
                name: name.to_string(),
                value,
            }
        };
        items.push((oid, text));
    }
    Ok(java_hashtable_order(items))
}

/// Java's `String.hashCode()`.
fn java_string_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// The order `new Hashtable<String, V>(3)` (`PKCS10Attributes`' map)
/// enumerates values put in `items`' order (a later value for the same key
/// replaces the earlier one in place).
fn java_hashtable_order<V>(items: Vec<(String, V)>) -> Vec<V> {
    let mut table: Vec<Vec<(String, i32, V)>> = (0..3).map(|_| Vec::new()).collect();
    let mut count = 0usize;
    let index = |hash: i32, len: usize| ((hash & 0x7fff_ffff) as usize) % len;
    for (key, value) in items {
        let hash = java_string_hash(&key);
        let i = index(hash, table.len());
        if let Some(slot) = table[i].iter_mut().find(|(k, _, _)| *k == key) {
            slot.2 = value;
            continue;
        }
        // `addEntry`: rehash first when count >= threshold, (int) (0.75 * capacity).
        if count >= table.len() * 3 / 4 {
            let new_len = table.len() * 2 + 1;
            let mut new_table: Vec<Vec<(String, i32, V)>> =
                (0..new_len).map(|_| Vec::new()).collect();
            for bucket in table.into_iter().rev() {
                for entry in bucket {
                    let j = index(entry.1, new_len);
                    new_table[j].insert(0, entry);
                }
            }
            table = new_table;
        }
        let i = index(hash, table.len());
        table[i].insert(0, (key, hash, value));
        count += 1;
    }
    table
        .into_iter()
        .rev()
        .flat_map(|bucket| bucket.into_iter().map(|(_, _, v)| v))
        .collect()
}

/// Checks a request's self-signature over the request info exactly as
/// found in `der` (not re-encoded), as keytool's `PKCS10` does on reading.
pub fn verify_der(der: &[u8], req: &CertReq) -> Result<()> {
    let bad = |e: String| Error::malformed("PKCS#10 request", e);
    let outer = crate::text::tlv::single(der).map_err(bad)?;
    let mut inner = outer.value;
    let info = crate::text::tlv::read(&mut inner).map_err(bad)?;
    let spki = crate::lenient::restore_der(&req.info.public_key.to_der()?)?;
    let sig = req
        .signature
        .as_bytes()
        .ok_or_else(|| Error::malformed("PKCS#10 request", "signature has unused bits"))?;
    crate::keys::verify_signature(&spki, &req.algorithm, info.raw, sig)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_hashes_and_hashtable_order() {
        assert_eq!(java_string_hash("a"), 97);
        assert_eq!(java_string_hash("hello"), 99162322);
        // Capacity 3: "a" (97 % 3 = 1), "b" (98 % 3 = 2); enumerated from the top bucket down.
        let order = java_hashtable_order(vec![("a".to_string(), 1), ("b".to_string(), 2)]);
        assert_eq!(order, vec![2, 1]);
    }
}
