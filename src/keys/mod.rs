//! Private keys: one [`PrivateKey`] type for every key a keystore or key
//! file holds, with generation, the PKCS#8 / SEC1 / PKCS#1 forms, signing,
//! verifying, and keytool's algorithm names.
//!
//! A [`PrivateKey`] is its PKCS#8 DER, kept byte for byte as it was read
//! (v2 `OneAsymmetricKey`, attributes, the public key inside an EC key…),
//! and classified by [`KeyType`]. Any well-formed PKCS#8 is held, whatever
//! its algorithm; rkeytool signs with RSA (and RSASSA-PSS keys without
//! parameters), EC on secp256r1/384r1/521r1, Ed25519, Ed448 and DSA (on
//! keytool's domain parameters, [`dsa`]). Keys it generates are written in
//! the exact form keytool writes them (see [`PrivateKey::generate`]).
//!
//! The modules: `algorithm` (the names and OIDs, [`KeyAlgorithm`]…), `pkcs8` (the
//! forms and [`KeyType`]), `signer` (the keys rkeytool can sign with, as the
//! RustCrypto crates hold them), `generate`, `sign`, `issue` (signing a
//! certificate: [`issue()`]), `verify` ([`verify_signature`],
//! [`verify_certificate`]), [`dsa`], [`xdh`], and [`file`](mod@file), which converts
//! key files (PEM or DER, encrypted or not) to keys; nothing here imports
//! [`file`](mod@file).

mod algorithm;
pub mod dsa;
mod ec;
pub mod file;
mod generate;
mod issue;
mod pkcs8;
mod sign;
mod signer;
mod verify;
pub mod xdh;

pub use algorithm::{
    EC_PUBLIC_KEY, ED448, ED25519, EcCurve, KeyAlgorithm, PssHash, PssParams, RSA_ENCRYPTION,
    RSASSA_PSS, SignatureAlgorithm,
};
pub use issue::issue;
pub use pkcs8::{KeyType, oid_name};
pub use verify::{is_signed_by, public_key_matches, verify_certificate, verify_signature};

use crate::error::Result;
use signer::Signer;
use std::borrow::Cow;
use std::fmt;
use zeroize::Zeroizing;

/// A private key as PKCS#8 `PrivateKeyInfo` DER, wiped on drop, with its
/// type. Debug never shows key material.
///
/// Made by [`PrivateKey::generate`], read with [`PrivateKey::from_pkcs8_der`]
/// (any key, kept as it is) or [`PrivateKey::from_pkcs8_der_for_signing`]
/// (only keys rkeytool can sign with), or from the other forms
/// ([`PrivateKey::from_pkcs1_der`], [`PrivateKey::from_sec1_der`],
/// [`PrivateKey::from_openssl_dsa_der`], and key files through [`file`](mod@file)).
#[derive(Clone)]
pub struct PrivateKey {
    /// The PKCS#8 DER, exactly as read or as generated.
    pkcs8: Zeroizing<Vec<u8>>,
    key_type: KeyType,
    /// The key as rkeytool signs with it, when it was generated or read
    /// for signing; otherwise loaded from `pkcs8` when needed.
    signer: Option<Box<Signer>>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({}, <redacted>)", self.key_type.name())
    }
}

impl PrivateKey {
    /// A key generated as `signer`, in the PKCS#8 form keytool writes.
    fn from_signer(signer: Signer) -> Result<Self> {
        Ok(PrivateKey {
            pkcs8: signer.to_pkcs8_der()?,
            key_type: signer.key_type(),
            signer: Some(Box::new(signer)),
        })
    }

    /// Reads PKCS#8 DER (v1 or v2, with or without the public key and
    /// curve parameters inside an EC key) that rkeytool can sign with, and
    /// keeps it as it is. Other keys are refused with the reason signing
    /// would give: an XDH key ("Cannot derive signature algorithm…"), an
    /// RSASSA-PSS key restricted by parameters, a curve other than
    /// secp256r1/384r1/521r1, explicit EC parameters, an unknown algorithm.
    pub fn from_pkcs8_der_for_signing(der: &[u8]) -> Result<Self> {
        let signer = Signer::from_pkcs8_der(der)?;
        Ok(PrivateKey {
            pkcs8: Zeroizing::new(der.to_vec()),
            key_type: signer.key_type(),
            signer: Some(Box::new(signer)),
        })
    }

    /// The key as rkeytool signs with it, or why it cannot.
    fn signer(&self) -> Result<Cow<'_, Signer>> {
        match &self.signer {
            Some(s) => Ok(Cow::Borrowed(&**s)),
            None => Signer::from_pkcs8_der(&self.pkcs8).map(Cow::Owned),
        }
    }

    /// The public half computed from the private key, for the keys
    /// rkeytool signs with; None for the others.
    fn derived_public_key(&self) -> Option<Vec<u8>> {
        self.signer().ok()?.public_key_der().ok()
    }

    /// SEC1 `ECPrivateKey` DER of an EC key, as OpenSSL writes `EC PRIVATE
    /// KEY`: with the named curve and the public key; wiped on drop.
    pub fn to_sec1_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        self.signer()?.to_sec1_der()
    }

    /// SubjectPublicKeyInfo DER of the public half of a key rkeytool signs
    /// with, computed from the private key (EC points uncompressed, as
    /// keytool writes them). See [`PrivateKey::public_key_info`] for any key.
    pub fn public_key_der(&self) -> Result<Vec<u8>> {
        self.signer()?.public_key_der()
    }

    /// The key algorithm of a key rkeytool signs with.
    pub fn algorithm(&self) -> Result<KeyAlgorithm> {
        Ok(self.signer()?.algorithm())
    }

    /// The curve of an EC key rkeytool signs with; None for other keys.
    pub fn curve(&self) -> Result<Option<EcCurve>> {
        Ok(self.signer()?.curve())
    }

    /// Key size in bits, as keytool counts it (Ed25519: 255), of a key
    /// rkeytool signs with.
    pub fn bits(&self) -> Result<u32> {
        Ok(self.signer()?.bits())
    }

    /// How keytool 17 names the key in "Generating 256 bit EC (secp256r1)
    /// key pair": `RSA`, `EC (secp256r1)`, `Ed25519`.
    pub fn display_name(&self) -> Result<String> {
        Ok(self.signer()?.display_name())
    }

    /// Checks that `alg` can be used with this key.
    pub fn check_signature_algorithm(&self, alg: SignatureAlgorithm) -> Result<()> {
        self.signer()?.check_signature_algorithm(alg)
    }

    /// Signs `message` with `alg`. ECDSA signatures come DER-encoded
    /// (`Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`, RFC 3279), as
    /// X.509 and PKCS#10 carry them. A key rkeytool cannot sign with is an
    /// error saying why.
    pub fn sign(&self, alg: SignatureAlgorithm, message: &[u8]) -> Result<Vec<u8>> {
        self.signer()?.sign(alg, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use der::asn1::ObjectIdentifier;
    use der::{Any, Decode, Encode};
    use spki::AlgorithmIdentifierOwned;

    #[test]
    fn generate_sign_and_reload() {
        let k = PrivateKey::generate(KeyAlgorithm::Rsa, 1024).unwrap();
        assert_eq!(k.bits().unwrap(), 1024);
        let der = k.pkcs8_der();
        let k2 = PrivateKey::from_pkcs8_der_for_signing(der).unwrap();
        assert!(public_key_matches(&k2, &k.public_key_der().unwrap()).unwrap());
        let sig = k2
            .sign(SignatureAlgorithm::Sha256WithRsa, b"hello")
            .unwrap();
        assert_eq!(sig.len(), 128);
        assert!(!format!("{k:?}").contains("Rsa(RsaPrivateKey"));
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    // Generated with keytool (OpenJDK 17.0, Debian) and dumped with
    // KeyStore.getKey(...).getEncoded() / getPublicKey().getEncoded():
    //   $ keytool -genkeypair -alias k -dname CN=x -keyalg EC -groupname secp256r1 \
    //       -keystore secp256r1.p12 -storepass changeit
    // (likewise secp521r1, and -keyalg Ed25519). Throwaway test keys.
    const JAVA_P256: &str = "3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420a39362afbe515531d67355065cbdbd17699157e55df6401d92d25e03884af9f2";
    const JAVA_P256_SPKI: &str = "3059301306072a8648ce3d020106082a8648ce3d030107034200040a5f69c69292fd7b446442a2d07aef556c3f916a7614121f8d6a1ba4836f3e593fb67d1d89644d71ccc6973d1467b8de88a1cb50639b7427804ba43e5a9014c4";
    const JAVA_P521: &str = "3060020100301006072a8648ce3d020106052b81040023044930470201010442005df6f12b77836a0bff619b8bfe803fbbe150796771551622b15ba0951da4273e3a1c00d9eb8df5c9663b474ac75b4fd07ef5bedd8e771e2a0a12114f20302b625a";
    const JAVA_ED25519: &str = "302e020100300506032b657004220420147465a05c2e9fe889df45e2fcea0deb7613a5a06df8114b7b65c7eec9622513";
    const JAVA_ED25519_SPKI: &str =
        "302a300506032b6570032100140ce06da26f01e84aab3c027f595703e7f81a9c95471e813118c1da5e6d2adb";
    // Generated with OpenSSL 3.0.19 (public key inside the ECPrivateKey):
    //   $ openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 \
    //       | openssl pkcs8 -topk8 -nocrypt -outform DER
    const OPENSSL_P384: &str = "3081b6020100301006072a8648ce3d020106052b8104002204819e30819b02010104302450339860b8e55d00b3ebaaa20dabb5b00739f0e45f386c58443c64d3d51ce9ecc94303400628c1c3cbd89427fc1dc5a164036200041df75581daef19b0ee019b76177e81e1fee280c399cf1571d849bdfa8d2afc7d0750a96ed6e5ea431efc15f30ba66eb7818ff9dc5fb97fd3b6bd177af1c8b521ad8f2ce2421234ff5917a8f51c2f4a85dacec4e043f345124e488ec7e53be00f";

    #[test]
    fn keytool_pkcs8_round_trips_byte_for_byte() {
        for (der, name, bits) in [
            (JAVA_P256, "EC (secp256r1)", 256),
            (JAVA_P521, "EC (secp521r1)", 521),
            (JAVA_ED25519, "Ed25519", 255),
        ] {
            let der = hex(der);
            let k = PrivateKey::from_pkcs8_der_for_signing(&der).unwrap();
            assert_eq!(k.display_name().unwrap(), name);
            assert_eq!(k.bits().unwrap(), bits);
            assert_eq!(k.pkcs8_der(), der.as_slice(), "{name}");
            // What we would write for it is what keytool wrote.
            assert_eq!(
                Signer::from_pkcs8_der(&der)
                    .unwrap()
                    .to_pkcs8_der()
                    .unwrap()
                    .as_slice(),
                der.as_slice(),
                "{name}"
            );
        }
        let k = PrivateKey::from_pkcs8_der(&hex(JAVA_P256)).unwrap();
        assert_eq!(k.public_key_der().unwrap(), hex(JAVA_P256_SPKI));
        assert_eq!(k.public_key_info().unwrap(), Some(hex(JAVA_P256_SPKI)));
        let k = PrivateKey::from_pkcs8_der(&hex(JAVA_ED25519)).unwrap();
        assert_eq!(k.public_key_der().unwrap(), hex(JAVA_ED25519_SPKI));
    }

    #[test]
    fn openssl_pkcs8_with_public_key_is_read_and_written_as_keytool_does() {
        let k = PrivateKey::from_pkcs8_der(&hex(OPENSSL_P384)).unwrap();
        assert_eq!(k.pkcs8_der(), hex(OPENSSL_P384).as_slice());
        assert_eq!(k.curve().unwrap(), Some(EcCurve::P384));
        assert_eq!(
            SignatureAlgorithm::default_for(&k).unwrap(),
            SignatureAlgorithm::Sha384WithEcdsa
        );
        let ours = Signer::from_pkcs8_der(k.pkcs8_der())
            .unwrap()
            .to_pkcs8_der()
            .unwrap();
        // v1, namedCurve secp384r1, ECPrivateKey { 1, 48-byte scalar } only.
        assert_eq!(ours.len(), 0x50);
        let prefix = hex("304e020100301006072a8648ce3d020106052b81040022043730350201010430");
        assert_eq!(&ours[..prefix.len()], prefix.as_slice());
        let again = PrivateKey::from_pkcs8_der(&ours).unwrap();
        assert_eq!(again.public_key_der().unwrap(), k.public_key_der().unwrap());
    }

    // Generated with OpenSSL 3.0.19 (SEC1, "EC PRIVATE KEY"), and its public key:
    //   $ openssl ecparam -name secp521r1 -genkey -noout -outform DER
    //   $ openssl ec -inform DER -pubout -outform DER
    const OPENSSL_P521_SEC1: &str = "3081dc0201010442009db8f54f4160c2d13d99b09f74a1c9caa853ac538778656eff45b4b8403669ee0c7a7bfd053e93284f5cfcb42fabd568c74e1ca46cdab398e956acbdf30940c0aba00706052b81040023a18189038186000400adfe9c08905c1d418cef9e709ddce5b0c1673f6f6763f1c5baf3225840e0d283b84164b11b0da86b162b71b32fd2772946c6c10558abf21d5e13641f1d728f40740169c6791d2a1719694207dfdb8c094334c526efdbd40dee7227e6e778382c5e1a52cfe32cb19d6fa7a23a79f2e2466bf67f7c812e7c8e708bb3b0c23ba013c59b2d";
    const OPENSSL_P521_SPKI: &str = "30819b301006072a8648ce3d020106052b81040023038186000400adfe9c08905c1d418cef9e709ddce5b0c1673f6f6763f1c5baf3225840e0d283b84164b11b0da86b162b71b32fd2772946c6c10558abf21d5e13641f1d728f40740169c6791d2a1719694207dfdb8c094334c526efdbd40dee7227e6e778382c5e1a52cfe32cb19d6fa7a23a79f2e2466bf67f7c812e7c8e708bb3b0c23ba013c59b2d";

    #[test]
    fn openssl_sec1_is_read_and_written_byte_for_byte() {
        let k = PrivateKey::from_sec1_der(&hex(OPENSSL_P521_SEC1)).unwrap();
        assert_eq!(k.curve().unwrap(), Some(EcCurve::P521));
        assert_eq!(k.public_key_der().unwrap(), hex(OPENSSL_P521_SPKI));
        assert_eq!(
            k.to_sec1_der().unwrap().as_slice(),
            hex(OPENSSL_P521_SEC1).as_slice()
        );
        // A public key that is not the private key's is refused for signing.
        let mut wrong = hex(OPENSSL_P521_SEC1);
        let last = wrong.len() - 1;
        wrong[last] ^= 1;
        let wrong = PrivateKey::from_sec1_der(&wrong).unwrap();
        assert!(PrivateKey::from_pkcs8_der_for_signing(wrong.pkcs8_der()).is_err());
        assert!(
            wrong
                .sign(SignatureAlgorithm::Sha256WithEcdsa, b"x")
                .is_err()
        );
    }

    #[test]
    fn sec1_round_trips_with_curve_and_public_key() {
        let k = PrivateKey::from_pkcs8_der(&hex(OPENSSL_P384)).unwrap();
        let sec1 = k.to_sec1_der().unwrap();
        // The inner ECPrivateKey of OpenSSL's PKCS#8 is exactly this SEC1 form
        // but without [0] parameters.
        let again = PrivateKey::from_sec1_der(&sec1).unwrap();
        assert_eq!(again.public_key_der().unwrap(), k.public_key_der().unwrap());
        assert_eq!(again.pkcs8_der(), k.pkcs8_der());
        // No curve: refused.
        let bare = &hex(OPENSSL_P384)[26..];
        assert!(PrivateKey::from_sec1_der(bare).is_err());
        let ed = PrivateKey::generate_ed25519().unwrap();
        assert!(ed.to_sec1_der().is_err());
    }

    #[test]
    fn every_curve_signs_with_every_ecdsa_digest() {
        use SignatureAlgorithm::*;
        for curve in EcCurve::ALL {
            let k = PrivateKey::generate_ec(curve).unwrap();
            let spki = k.public_key_der().unwrap();
            for alg in [
                Sha1WithEcdsa,
                Sha224WithEcdsa,
                Sha256WithEcdsa,
                Sha384WithEcdsa,
                Sha512WithEcdsa,
            ] {
                let sig = k.sign(alg, b"tbs").unwrap();
                // DER SEQUENCE of two INTEGERs, at most 2 * (field + 1) + 6 bytes.
                assert_eq!(sig[0], 0x30);
                assert!(sig.len() <= 2 * (curve.field_len() + 1) + 6 + 3);
                let id = alg.algorithm_identifier().unwrap();
                assert!(id.parameters.is_none());
                verify_signature(&spki, &id, b"tbs", &sig).unwrap();
                assert!(verify_signature(&spki, &id, b"tbz", &sig).is_err());
            }
            let rsa_id = Sha256WithRsa.algorithm_identifier().unwrap();
            let sig = k.sign(Sha256WithEcdsa, b"tbs").unwrap();
            assert!(verify_signature(&spki, &rsa_id, b"tbs", &sig).is_err());
        }
    }

    #[test]
    fn ed25519_signs_and_verifies() {
        let k = PrivateKey::generate(KeyAlgorithm::Ed25519, 255).unwrap();
        let spki = k.public_key_der().unwrap();
        let id = SignatureAlgorithm::Ed25519.algorithm_identifier().unwrap();
        assert!(id.parameters.is_none());
        let sig = k.sign(SignatureAlgorithm::Ed25519, b"tbs").unwrap();
        assert_eq!(sig.len(), 64);
        verify_signature(&spki, &id, b"tbs", &sig).unwrap();
        assert!(verify_signature(&spki, &id, b"tbz", &sig).is_err());
        let again = PrivateKey::from_pkcs8_der_for_signing(k.pkcs8_der()).unwrap();
        assert!(public_key_matches(&again, &spki).unwrap());
        assert!(PrivateKey::generate(KeyAlgorithm::Ed25519, 256).is_err());
    }

    #[test]
    fn ed448_and_dsa_sign_and_verify() {
        for (k, alg, id_alg) in [
            (
                PrivateKey::generate(KeyAlgorithm::Ed448, 448).unwrap(),
                SignatureAlgorithm::Ed448,
                114,
            ),
            (
                PrivateKey::generate(KeyAlgorithm::Dsa, 2048).unwrap(),
                SignatureAlgorithm::Sha256WithDsa,
                0,
            ),
        ] {
            assert_eq!(SignatureAlgorithm::default_for(&k).unwrap(), alg);
            let spki = k.public_key_der().unwrap();
            let id = alg.algorithm_identifier().unwrap();
            assert!(id.parameters.is_none());
            let sig = k.sign(alg, b"tbs").unwrap();
            if id_alg > 0 {
                assert_eq!(sig.len(), id_alg);
            }
            verify_signature(&spki, &id, b"tbs", &sig).unwrap();
            assert!(verify_signature(&spki, &id, b"tbz", &sig).is_err());
            let again = PrivateKey::from_pkcs8_der_for_signing(k.pkcs8_der()).unwrap();
            assert!(public_key_matches(&again, &spki).unwrap());
            assert!(!format!("{k:?}").contains("secret"));
        }
        assert!(PrivateKey::generate(KeyAlgorithm::Ed448, 456).is_err());
    }

    #[test]
    fn mismatched_signature_algorithms_are_refused() {
        let ec = PrivateKey::generate_ec(EcCurve::P256).unwrap();
        let err = ec
            .sign(SignatureAlgorithm::Sha256WithRsa, b"x")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("SHA256withRSA cannot be used with an EC key"),
            "{err}"
        );
        assert!(
            KeyAlgorithm::Rsa
                .check_signature_algorithm(SignatureAlgorithm::Sha256WithEcdsa)
                .is_err()
        );
        assert!(
            KeyAlgorithm::Ed25519
                .check_signature_algorithm(SignatureAlgorithm::Sha512WithEcdsa)
                .is_err()
        );
        let ed = PrivateKey::generate_ed25519().unwrap();
        assert!(ed.sign(SignatureAlgorithm::Sha256WithEcdsa, b"x").is_err());
    }

    #[test]
    fn names_as_keytool_takes_them() {
        assert_eq!(KeyAlgorithm::from_name("ec").unwrap(), KeyAlgorithm::Ec);
        assert_eq!(
            KeyAlgorithm::from_name("EdDSA").unwrap(),
            KeyAlgorithm::Ed25519
        );
        assert_eq!(KeyAlgorithm::from_name("dsa").unwrap(), KeyAlgorithm::Dsa);
        assert_eq!(
            KeyAlgorithm::from_name("Ed448").unwrap(),
            KeyAlgorithm::Ed448
        );
        assert_eq!(
            KeyAlgorithm::from_name("xdh").unwrap(),
            KeyAlgorithm::X25519
        );
        assert!(KeyAlgorithm::from_name("DSA2").is_err());
        assert_eq!(
            SignatureAlgorithm::from_name("eddsa").unwrap(),
            SignatureAlgorithm::Ed25519
        );
        assert_eq!(EcCurve::from_name("SECP384R1").unwrap(), EcCurve::P384);
        assert_eq!(EcCurve::from_name("NIST P-521").unwrap(), EcCurve::P521);
        assert_eq!(
            EcCurve::from_name("1.2.840.10045.3.1.7").unwrap(),
            EcCurve::P256
        );
        assert!(EcCurve::from_name("prime256v1").is_err());
        assert!(EcCurve::from_name("secp256k1").is_err());
        assert_eq!(EcCurve::from_bits(521).unwrap(), EcCurve::P521);
        assert!(EcCurve::from_bits(255).is_err());
        let (v17, v25) = (
            crate::Generation::Jdk17.profile(),
            crate::Generation::Jdk25.profile(),
        );
        for (c, alg, alg25) in [
            (
                EcCurve::P256,
                SignatureAlgorithm::Sha256WithEcdsa,
                SignatureAlgorithm::Sha384WithEcdsa,
            ),
            (
                EcCurve::P384,
                SignatureAlgorithm::Sha384WithEcdsa,
                SignatureAlgorithm::Sha384WithEcdsa,
            ),
            (
                EcCurve::P521,
                SignatureAlgorithm::Sha512WithEcdsa,
                SignatureAlgorithm::Sha512WithEcdsa,
            ),
        ] {
            let k = PrivateKey::generate_ec(c).unwrap();
            assert_eq!(SignatureAlgorithm::default_for_in(&k, v17).unwrap(), alg);
            assert_eq!(SignatureAlgorithm::default_for_in(&k, v25).unwrap(), alg25);
            assert_eq!(SignatureAlgorithm::from_oid(&alg.oid()), Some(alg));
        }
    }

    #[test]
    fn debug_shows_no_key_material() {
        let k = PrivateKey::from_pkcs8_der(&hex(JAVA_P256)).unwrap();
        let d = format!("{k:?}");
        assert_eq!(d, "PrivateKey(EC, <redacted>)");
        let k = PrivateKey::from_pkcs8_der_for_signing(&hex(JAVA_ED25519)).unwrap();
        assert_eq!(format!("{k:?}"), "PrivateKey(Ed25519, <redacted>)");
    }

    #[test]
    fn damaged_keys_are_errors_not_panics() {
        let mut der = hex(JAVA_P256);
        let last = der.len() - 1;
        der.truncate(last);
        assert!(PrivateKey::from_pkcs8_der(&der).is_err());
        assert!(PrivateKey::from_pkcs8_der_for_signing(&der).is_err());
        // P-256 OID with a P-521-length scalar.
        let mut der = hex(JAVA_P521);
        der[17..22].copy_from_slice(&[0x2a, 0x86, 0x48, 0xce, 0x3d]);
        assert!(PrivateKey::from_pkcs8_der_for_signing(&der).is_err());
        assert!(PrivateKey::from_pkcs8_der(&der).is_err());
        let spki = hex(JAVA_P256_SPKI);
        let id = SignatureAlgorithm::Sha256WithEcdsa
            .algorithm_identifier()
            .unwrap();
        assert!(verify_signature(&spki, &id, b"x", &[0x30, 0x00]).is_err());
        assert!(verify_signature(&spki, &id, b"x", &[]).is_err());
        assert!(verify_signature(&spki, &id, b"x", &[0x30, 0x06, 2, 1, 0, 2, 1, 0]).is_err());
    }

    // The signature AlgorithmIdentifier of keytool 17's and 25's
    // `-genkeypair -keyalg RSASSA-PSS` certificates (2048 and 3072 bits):
    //   $ keytool -genkeypair -alias p -keyalg RSASSA-PSS -dname CN=p \
    //       -keystore k.p12 -storepass changeit
    const KEYTOOL17_PSS_ID: &str = "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120";
    const KEYTOOL25_PSS_ID: &str = "304106092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a06092a864886f70d010108300d06096086480165030402020500a203020130";

    #[test]
    fn rsassa_pss_as_keytool_writes_it() {
        let id = SignatureAlgorithm::RsassaPss(PssHash::Sha256)
            .algorithm_identifier()
            .unwrap();
        assert_eq!(id.to_der().unwrap(), hex(KEYTOOL17_PSS_ID));
        let id = SignatureAlgorithm::RsassaPss(PssHash::Sha384)
            .algorithm_identifier()
            .unwrap();
        assert_eq!(id.to_der().unwrap(), hex(KEYTOOL25_PSS_ID));
        let params = id.parameters.unwrap().to_der().unwrap();
        assert_eq!(
            PssParams::from_der(&params).unwrap(),
            PssParams {
                hash: PssHash::Sha384,
                salt_len: 48
            }
        );
        let (v17, v25) = (
            crate::Generation::Jdk17.profile(),
            crate::Generation::Jdk25.profile(),
        );
        assert_eq!(PssHash::for_key_bits(2048, v17), PssHash::Sha256);
        assert_eq!(PssHash::for_key_bits(3072, v17), PssHash::Sha256);
        assert_eq!(PssHash::for_key_bits(4096, v17), PssHash::Sha384);
        assert_eq!(PssHash::for_key_bits(2048, v25), PssHash::Sha384);
        assert_eq!(PssHash::for_key_bits(8192, v25), PssHash::Sha512);
    }

    #[test]
    fn rsassa_pss_keys_sign_both_ways_and_round_trip() {
        let k = PrivateKey::generate(KeyAlgorithm::RsassaPss, 1024).unwrap();
        assert_eq!(k.algorithm().unwrap(), KeyAlgorithm::RsassaPss);
        assert_eq!(k.display_name().unwrap(), "RSASSA-PSS");
        let spki = k.public_key_der().unwrap();
        // id-RSASSA-PSS without parameters, as keytool writes the key.
        let info = spki::SubjectPublicKeyInfoRef::from_der(&spki).unwrap();
        assert_eq!(
            info.algorithm.to_der().unwrap(),
            hex("300b06092a864886f70d01010a")
        );
        let der = k.pkcs8_der();
        let info = ::pkcs8::PrivateKeyInfoRef::from_der(der).unwrap();
        assert_eq!(
            info.algorithm.to_der().unwrap(),
            hex("300b06092a864886f70d01010a")
        );
        assert!(info.public_key.is_none());
        let again = PrivateKey::from_pkcs8_der_for_signing(der).unwrap();
        assert!(public_key_matches(&again, &spki).unwrap());
        for alg in [
            SignatureAlgorithm::RsassaPss(PssHash::Sha256),
            SignatureAlgorithm::RsassaPss(PssHash::Sha384),
            SignatureAlgorithm::Sha256WithRsa,
        ] {
            let id = alg.algorithm_identifier().unwrap();
            let sig = again.sign(alg, b"tbs").unwrap();
            verify_signature(&spki, &id, b"tbs", &sig).unwrap();
            assert!(verify_signature(&spki, &id, b"tbz", &sig).is_err());
        }
        // An RSA key signs with PSS too; the signature names its digest.
        let rsa = PrivateKey::generate(KeyAlgorithm::Rsa, 1024).unwrap();
        let alg = SignatureAlgorithm::from_name("rsassa-pss")
            .unwrap()
            .for_key(&rsa)
            .unwrap();
        let sig = rsa.sign(alg, b"tbs").unwrap();
        let id = alg.algorithm_identifier().unwrap();
        verify_signature(&rsa.public_key_der().unwrap(), &id, b"tbs", &sig).unwrap();
        // A salt other than the one the parameters name does not verify.
        let short = PssParams {
            hash: PssHash::Sha256,
            salt_len: 20,
        };
        let id_short = AlgorithmIdentifierOwned {
            oid: RSASSA_PSS,
            parameters: Some(Any::from_der(&short.to_der().unwrap()).unwrap()),
        };
        let sig = rsa
            .sign(SignatureAlgorithm::RsassaPss(PssHash::Sha256), b"tbs")
            .unwrap();
        assert!(verify_signature(&rsa.public_key_der().unwrap(), &id_short, b"tbs", &sig).is_err());
        // SHA-512 with a 64-byte salt does not fit a 1024-bit key (as the
        // JDK's "Key is too short").
        assert!(
            k.sign(SignatureAlgorithm::RsassaPss(PssHash::Sha512), b"tbs")
                .is_err()
        );
        assert!(
            KeyAlgorithm::Ec
                .check_signature_algorithm(SignatureAlgorithm::RsassaPss(PssHash::Sha256))
                .is_err()
        );
        assert_eq!(format!("{k:?}"), "PrivateKey(RSASSA-PSS, <redacted>)");
    }

    #[test]
    fn sigalg_names_round_trip() {
        for a in [
            SignatureAlgorithm::Sha256WithRsa,
            SignatureAlgorithm::Sha384WithRsa,
            SignatureAlgorithm::Sha512WithRsa,
        ] {
            assert_eq!(
                SignatureAlgorithm::from_name(&a.name().to_lowercase()).unwrap(),
                a
            );
        }
    }

    #[test]
    fn keys_rkeytool_cannot_sign_with_are_held_and_only_signing_fails() {
        let (pkcs8, spki) = xdh::generate(xdh::X25519).unwrap();
        let k = PrivateKey::from_pkcs8_der(&pkcs8).unwrap();
        assert_eq!(k.pkcs8_der(), &pkcs8[..]);
        assert_eq!(k.key_type(), &KeyType::Other(xdh::X25519));
        assert_eq!(k.public_key_info().unwrap(), Some(spki));
        let refused = PrivateKey::from_pkcs8_der_for_signing(&pkcs8)
            .unwrap_err()
            .to_string();
        assert_eq!(refused, "Cannot derive signature algorithm from XDH");
        let signing = k.sign(SignatureAlgorithm::Ed25519, b"x").unwrap_err();
        assert_eq!(signing.to_string(), refused);
        assert!(matches!(signing, Error::CannotSign { algorithm: "XDH" }));
        assert_eq!(
            SignatureAlgorithm::default_for(&k).unwrap_err().to_string(),
            refused
        );
        // Any well-formed OID is held; its name is shown as keytool would.
        let oid = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.99999.1");
        let other = ::pkcs8::PrivateKeyInfoRef::new(
            spki::AlgorithmIdentifierRef {
                oid,
                parameters: None,
            },
            der::asn1::OctetStringRef::new(&[4, 1, 0]).unwrap(),
        )
        .to_der()
        .unwrap();
        let k = PrivateKey::from_pkcs8_der(&other).unwrap();
        assert_eq!(k.pkcs8_der(), other.as_slice());
        assert!(matches!(
            k.sign(SignatureAlgorithm::Ed25519, b"x"),
            Err(Error::UnsupportedAlgorithm { format: "key", .. })
        ));
    }

    #[test]
    fn key_errors_are_typed_and_worded_as_keytool() {
        let unknown = EcCurve::from_name("prime256v1").unwrap_err();
        assert!(matches!(
            &unknown,
            Error::UnknownCurve {
                known_elsewhere: false,
                ..
            }
        ));
        assert_eq!(
            unknown.to_string(),
            "Unknown curve name: prime256v1 (use secp256r1, secp384r1 or secp521r1)"
        );
        assert!(matches!(
            EcCurve::from_name("secp256k1"),
            Err(Error::UnknownCurve {
                known_elsewhere: true,
                ..
            })
        ));
        let dsa = dsa::check_size(1000).unwrap_err();
        assert!(matches!(
            dsa,
            Error::InvalidDsaSizes {
                p_bits: 1000,
                q_bits: Some(160)
            }
        ));
        assert!(matches!(
            dsa::check_size(4096),
            Err(Error::InvalidDsaSizes {
                p_bits: 4096,
                q_bits: None
            })
        ));
        let rsa = Signer::generate(KeyAlgorithm::RsassaPss, 100).unwrap_err();
        assert_eq!(rsa.to_string(), "Invalid key size: 100 bits for RSASSA-PSS");
        assert!(matches!(
            Signer::generate(KeyAlgorithm::X25519, 255),
            Err(Error::CannotSign { algorithm: "XDH" })
        ));
        let mismatch = KeyAlgorithm::Dsa
            .check_signature_algorithm(SignatureAlgorithm::Ed25519)
            .unwrap_err();
        assert_eq!(
            mismatch.to_string(),
            "Signature algorithm Ed25519 cannot be used with a DSA key (use SHA256withDSA)"
        );
    }
}
