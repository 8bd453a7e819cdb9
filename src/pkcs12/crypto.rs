//! The ciphers and MACs of PKCS#12 now live in [`crate::crypto`], shared
//! with key files and the BouncyCastle stores; these are the old paths,
//! kept so that callers of `pkcs12::crypto` keep compiling.

pub use crate::crypto::mac::{PBMAC1, make_mac, verify_mac};
pub use crate::crypto::{
    MAX_ITERATIONS, MAX_TOTAL_ITERATIONS, MacDigest, NULL_PASSWORD, Pbe, SALT_LEN, WorkBudget,
    encrypt,
};
use crate::error::Result;
use crate::password::Password;
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

/// Decrypts a PKCS#12 bag's `data` encrypted with `alg` ([`crate::crypto::decrypt`]).
pub fn decrypt(
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
    password: &Password,
    budget: &mut WorkBudget,
) -> Result<Zeroizing<Vec<u8>>> {
    crate::crypto::decrypt("PKCS#12", alg, data, password, budget)
}
