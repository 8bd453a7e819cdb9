//! The per-curve ECDSA operations on P-256, P-384 and P-521.

/// The per-curve ECDSA operations, one module per RustCrypto curve crate.
macro_rules! ec_curve {
    ($module:ident, $curve:ident) => {
        pub(super) mod $module {
            use crate::error::{Error, Result};
            use ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
            use pkcs8::{DecodePrivateKey, EncodePublicKey};
            use zeroize::Zeroizing;

            pub type Key = $curve::ecdsa::SigningKey;

            pub fn generate() -> Key {
                use $curve::elliptic_curve::Generate;
                Key::generate_from_rng(&mut rand::rng())
            }

            pub fn from_pkcs8(der: &[u8]) -> Result<Key> {
                Key::from_pkcs8_der(der)
                    .map_err(|e| Error::malformed("PKCS#8 EC private key", e.to_string()))
            }

            /// SEC1 `ECPrivateKey` as OpenSSL writes it: curve and public key inside.
            pub fn sec1_der(key: &Key) -> Result<Zeroizing<Vec<u8>>> {
                $curve::SecretKey::from(key)
                    .to_sec1_der()
                    .map_err(|_| Error::CryptoFailed {
                        operation: "SEC1 encoding",
                    })
            }

            /// The private scalar, big-endian, fixed length.
            pub fn scalar(key: &Key) -> Zeroizing<Vec<u8>> {
                Zeroizing::new(key.to_bytes().to_vec())
            }

            pub fn public_key_der(key: &Key) -> Result<Vec<u8>> {
                Ok(key
                    .verifying_key()
                    .to_public_key_der()
                    .map_err(|_| Error::CryptoFailed {
                        operation: "public key encoding",
                    })?
                    .into_vec())
            }

            /// r ‖ s, each fixed length.
            pub fn sign_prehash(key: &Key, prehash: &[u8]) -> Result<Vec<u8>> {
                let sig: $curve::ecdsa::Signature =
                    key.sign_prehash(prehash).map_err(|_| Error::CryptoFailed {
                        operation: "ECDSA signing",
                    })?;
                Ok(sig.to_bytes().to_vec())
            }

            /// Verifies r ‖ s (fixed length) with the SEC1 point `point`.
            pub fn verify_prehash(point: &[u8], prehash: &[u8], rs: &[u8]) -> Result<()> {
                let key = $curve::ecdsa::VerifyingKey::from_sec1_bytes(point)
                    .map_err(|_| Error::malformed("EC public key", "not a point on the curve"))?;
                let sig = $curve::ecdsa::Signature::from_slice(rs)
                    .map_err(|_| Error::SignatureInvalid)?;
                key.verify_prehash(prehash, &sig)
                    .map_err(|_| Error::SignatureInvalid)
            }
        }
    };
}

ec_curve!(ec_p256, p256);
ec_curve!(ec_p384, p384);
ec_curve!(ec_p521, p521);
