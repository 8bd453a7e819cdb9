//! The ASN.1 of BCFKS (`org.bouncycastle.asn1.bc`), and the PBES2, PBKDF2,
//! scrypt and CCM parameters it uses.
//!
//! ```text
//! ObjectStore ::= SEQUENCE {
//!     storeData      CHOICE { EncryptedObjectStoreData, ObjectStoreData },
//!     integrityCheck ObjectStoreIntegrityCheck }
//! ObjectStoreIntegrityCheck ::= CHOICE {
//!     PbkdMacIntegrityCheck, [0] EXPLICIT SignatureCheck }
//! PbkdMacIntegrityCheck ::= SEQUENCE {
//!     macAlgorithm AlgorithmIdentifier, pbkdAlgorithm KeyDerivationFunc, mac OCTET STRING }
//! EncryptedObjectStoreData ::= SEQUENCE {
//!     encryptionAlgorithm AlgorithmIdentifier, encryptedContent OCTET STRING }
//! ObjectStoreData ::= SEQUENCE {
//!     version INTEGER (1), integrityAlgorithm AlgorithmIdentifier,
//!     creationDate GeneralizedTime, lastModifiedDate GeneralizedTime,
//!     objectDataSequence SEQUENCE OF ObjectData, comment UTF8String OPTIONAL }
//! ObjectData ::= SEQUENCE {
//!     type INTEGER, identifier UTF8String,
//!     creationDate GeneralizedTime, lastModifiedDate GeneralizedTime,
//!     data OCTET STRING, comment UTF8String OPTIONAL }
//! EncryptedPrivateKeyData ::= SEQUENCE {
//!     encryptedPrivateKeyInfo EncryptedPrivateKeyInfo, certificates SEQUENCE OF Certificate }
//! EncryptedSecretKeyData ::= SEQUENCE {
//!     keyEncryptionAlgorithm AlgorithmIdentifier, encryptedKeyData OCTET STRING }
//! SecretKeyData ::= SEQUENCE { keyAlgorithm OBJECT IDENTIFIER, keyBytes OCTET STRING }
//! ```
//!
//! GeneralizedTime is read by hand: BouncyCastle writes milliseconds
//! (`20261201193800.123Z`), which the `der` crate's type does not take.

use super::FORMAT;
use crate::error::{Error, Result};
use der::asn1::{Any, ObjectIdentifier, OctetString};
use der::{Sequence, Tag, Tagged};
use spki::AlgorithmIdentifierOwned;

/// `ObjectStore`: both halves kept as read (the MAC covers the first's DER).
#[derive(Sequence)]
pub(super) struct ObjectStore {
    pub store_data: Any,
    pub integrity_check: Any,
}

#[derive(Sequence)]
pub(super) struct PbkdMacIntegrityCheck {
    pub mac_algorithm: AlgorithmIdentifierOwned,
    pub pbkd_algorithm: AlgorithmIdentifierOwned,
    pub mac: OctetString,
}

#[derive(Sequence)]
pub(super) struct EncryptedObjectStoreData {
    pub encryption_algorithm: AlgorithmIdentifierOwned,
    pub encrypted_content: OctetString,
}

#[derive(Sequence)]
pub(super) struct ObjectStoreData {
    pub version: u8,
    pub integrity_algorithm: AlgorithmIdentifierOwned,
    pub creation_date: Any,
    pub last_modified_date: Any,
    pub objects: Vec<ObjectData>,
    pub comment: Option<String>,
}

#[derive(Sequence)]
pub(super) struct ObjectData {
    pub kind: u8,
    pub identifier: String,
    pub creation_date: Any,
    pub last_modified_date: Any,
    pub data: OctetString,
    pub comment: Option<String>,
}

#[derive(Sequence)]
pub(super) struct EncryptedPrivateKeyData {
    /// The `EncryptedPrivateKeyInfo`, kept as read.
    pub encrypted_private_key_info: Any,
    pub certificates: Vec<Any>,
}

#[derive(Sequence)]
pub(super) struct EncryptedSecretKeyData {
    pub key_encryption_algorithm: AlgorithmIdentifierOwned,
    pub encrypted_key_data: OctetString,
}

#[derive(Sequence)]
pub(super) struct SecretKeyData {
    pub key_algorithm: ObjectIdentifier,
    pub key_bytes: OctetString,
}

/// `EncryptedPrivateKeyInfo` (RFC 5958), its algorithm read.
#[derive(Sequence)]
pub(super) struct EncryptedPrivateKeyInfo {
    pub encryption_algorithm: AlgorithmIdentifierOwned,
    pub encrypted_data: OctetString,
}

/// PBES2-params (RFC 8018).
#[derive(Sequence)]
pub(super) struct Pbes2Params {
    pub key_derivation_func: AlgorithmIdentifierOwned,
    pub encryption_scheme: AlgorithmIdentifierOwned,
}

/// PBKDF2-params (RFC 8018), the salt as an OCTET STRING (BouncyCastle
/// writes no other); an absent PRF is HMAC-SHA1.
#[derive(Sequence)]
pub(super) struct Pbkdf2Params {
    pub salt: OctetString,
    pub iterations: u32,
    pub key_length: Option<u32>,
    pub prf: Option<AlgorithmIdentifierOwned>,
}

/// scrypt-params (RFC 7914).
#[derive(Sequence)]
pub(super) struct ScryptParams {
    pub salt: OctetString,
    pub cost: u64,
    pub block_size: u32,
    pub parallelization: u32,
    pub key_length: Option<u32>,
}

/// CCMParameters (RFC 5084): `aes-ICVlen` defaults to 12.
#[derive(Sequence)]
pub(super) struct CcmParams {
    pub nonce: OctetString,
    pub icv_len: Option<u8>,
}

/// Java milliseconds of a GeneralizedTime `YYYYMMDDHHMMSS[.f+]Z`.
pub(super) fn time_millis(t: &Any, what: &str) -> Result<i64> {
    let bad = || Error::malformed(FORMAT, format!("{what}: not a GeneralizedTime"));
    if t.tag() != Tag::GeneralizedTime {
        return Err(bad());
    }
    let s = std::str::from_utf8(t.value()).map_err(|_| bad())?;
    let s = s.strip_suffix('Z').ok_or_else(bad)?;
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    if whole.len() != 14
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (s.contains('.') && frac.is_empty())
        || frac.len() > 9
    {
        return Err(bad());
    }
    let n = |r: std::ops::Range<usize>| whole[r].parse::<i32>().map_err(|_| bad());
    let millis: i64 = format!("{frac:0<3}")[..3].parse().map_err(|_| bad())?;
    let dt = jiff::civil::DateTime::new(
        i16::try_from(n(0..4)?).map_err(|_| bad())?,
        n(4..6)? as i8,
        n(6..8)? as i8,
        n(8..10)? as i8,
        n(10..12)? as i8,
        n(12..14)? as i8,
        0,
    )
    .map_err(|_| bad())?;
    let ts = jiff::tz::TimeZone::UTC
        .to_timestamp(dt)
        .map_err(|_| bad())?;
    Ok(ts.as_millisecond() + millis)
}

/// A GeneralizedTime as BouncyCastle writes it: seconds, then the
/// milliseconds without trailing zeros (none when they are all zero).
pub(super) fn time(millis: i64) -> Result<Any> {
    let ts = jiff::Timestamp::from_millisecond(millis).map_err(|_| out_of_range(millis))?;
    let mut s = jiff::tz::TimeZone::UTC
        .to_datetime(ts)
        .strftime("%Y%m%d%H%M%S")
        .to_string();
    let ms = millis.rem_euclid(1000);
    if ms != 0 {
        let f = format!("{ms:03}");
        s.push('.');
        s.push_str(f.trim_end_matches('0'));
    }
    s.push('Z');
    Any::new(Tag::GeneralizedTime, s.into_bytes()).map_err(|_| out_of_range(millis))
}

fn out_of_range(millis: i64) -> Error {
    Error::DateOutOfRange {
        unix_seconds: millis.div_euclid(1000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_time_with_and_without_millis() {
        for (ms, text) in [
            (0i64, "19700101000000Z"),
            (1_796_153_880_123, "20261201193800.123Z"),
            (1_796_153_880_120, "20261201193800.12Z"),
        ] {
            let t = time(ms).unwrap();
            assert_eq!(t.value(), text.as_bytes());
            assert_eq!(time_millis(&t, "date").unwrap(), ms);
        }
        let bad = Any::new(Tag::GeneralizedTime, b"2026120119380Z".to_vec()).unwrap();
        assert!(time_millis(&bad, "date").is_err());
        let bad = Any::new(Tag::GeneralizedTime, b"20261201193800.Z".to_vec()).unwrap();
        assert!(time_millis(&bad, "date").is_err());
    }
}
