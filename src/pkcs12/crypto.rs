//! The ciphers and MACs of PKCS#12 now live in [`crate::crypto`], shared
//! with key files and the BouncyCastle stores; these are the old paths and
//! types, kept so that callers of `pkcs12::crypto` keep compiling.

pub use crate::crypto::mac::{PBMAC1, make_mac, verify_mac};
pub use crate::crypto::{
    MAX_TOTAL_ITERATIONS, MacDigest, NULL_PASSWORD, Pbe, SALT_LEN, WorkBudget, encrypt,
};
use crate::error::Result;
use crate::password::Password;
use der::asn1::ObjectIdentifier;
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

/// The one iteration cap ([`crate::crypto::MAX_ITERATIONS`]), as the `u64` it was here.
pub const MAX_ITERATIONS: u64 = crate::crypto::MAX_ITERATIONS as u64;

/// PBES2 (RFC 8018).
pub const PBES2: ObjectIdentifier = pkcs5::pbes2::PBES2_OID;
/// pbeWithSHAAnd3-KeyTripleDES-CBC.
pub const PBE_SHA1_3DES: ObjectIdentifier =
    const_oid::db::rfc7292::PBE_WITH_SHA_AND_3_KEY_TRIPLE_DES_CBC;
/// pbeWithSHAAnd40BitRC2-CBC.
pub const PBE_SHA1_RC2_40: ObjectIdentifier =
    const_oid::db::rfc7292::PBEWITH_SHA_AND_40_BIT_RC_2_CBC;
/// pbeWithSHAAnd128BitRC2-CBC.
pub const PBE_SHA1_RC2_128: ObjectIdentifier =
    const_oid::db::rfc7292::PBE_WITH_SHA_AND_128_BIT_RC_2_CBC;
/// pbeWithMD5AndDES-CBC (PKCS#5 PBES1).
pub const PBE_MD5_DES: ObjectIdentifier = pkcs5::pbes1::PBE_WITH_MD5_AND_DES_CBC_OID;

/// Decrypts a PKCS#12 bag's `data` encrypted with `alg` ([`crate::crypto::decrypt`]).
pub fn decrypt(
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
    password: &Password,
    budget: &mut WorkBudget,
) -> Result<Zeroizing<Vec<u8>>> {
    crate::crypto::decrypt("PKCS#12", alg, data, password, budget)
}
