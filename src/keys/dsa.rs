//! DSA keys as keytool makes them (`-keyalg DSA`): the sizes keytool 17
//! and 25 accept (512 to 1024 bits in steps of 64, 2048, 3072), on the
//! JDK's precomputed domain parameters for 512, 768, 1024, 2048 and 3072
//! bits, so that our keys share p, q and g with every key keytool generates
//! (and need no prime search), and on freshly generated parameters with a
//! 160-bit q for the other sizes, as the JDK generates them; PKCS#8 and
//! SubjectPublicKeyInfo with the parameters in the AlgorithmIdentifier, and
//! `SHAxxxwithDSA` signatures as DER `Dss-Sig-Value ::= SEQUENCE { r
//! INTEGER, s INTEGER }` (RFC 3279 §2.2.2).
//!
//! The `dsa` crate checks parameters against the FIPS 186-4 sizes (1024,
//! 2048, 3072 bits) only, and can neither load nor generate the legacy
//! sizes the JDK makes. So this module reads keys and parameters itself
//! (sizes bounded before any arithmetic) and hands the crate unchecked
//! components; the search for legacy parameters is the smallest glue: a
//! random 160-bit prime q, a prime p ≡ 1 (mod 2q) of the size asked, and
//! g = h^((p-1)/q) mod p (FIPS 186-4 A.1.1 and A.2.1 without the seeds).
//!
//! Signatures use RFC 6979 deterministic nonces (the `dsa` crate's
//! `sign_prehashed_rfc6979`): any verifier accepts them.

use crate::error::{Error, Result};
use der::{Decode, Encode};
use dsa::{Components, SigningKey, VerifyingKey};
use pkcs8::{EncodePrivateKey, EncodePublicKey};
use zeroize::Zeroizing;

/// id-dsa (RFC 3279).
pub const DSA: der::asn1::ObjectIdentifier = dsa::OID;

// The (p, q, g) keytool 17 and 25 put in every DSA key of each size
// (sun.security.provider.ParameterCache): read out of keys keytool made
// with `-genkeypair -keyalg DSA -keysize 512|768|1024|2048|3072`; 2048-bit
// keys have a 224-bit q, as the JDK makes them.
const P_512: &[&str] = &[
    "FCA682CE8E12CABA26EFCCF7110E526DB078B05EDECBCD1EB4A208F3AE1617AE",
    "01F35B91A47E6DF63413C5E12ED0899BCD132ACD50D99151BDC43EE737592E17",
];
const Q_512: &[&str] = &["962EDDCC369CBA8EBB260EE6B6A126D9346E38C5"];
const G_512: &[&str] = &[
    "678471B27A9CF44EE91A49C5147DB1A9AAF244F05A434D6486931D2D14271B9E",
    "35030B71FD73DA179069B32E2935630E1C2062354D0DA20A6C416E50BE794CA4",
];
const P_768: &[&str] = &[
    "E9E642599D355F37C97FFD3567120B8E25C9CD43E927B3A9670FBEC5D8901419",
    "22D2C3B3AD2480093799869D1E846AAB49FAB0AD26D2CE6A22219D470BCE7D77",
    "7D4A21FBE9C270B57F607002F3CEF8393694CF45EE3688C11A8C56AB127A3DAF",
];
const Q_768: &[&str] = &["9CDBD84C9F1AC2F38D0F80F42AB952E7338BF511"];
const G_768: &[&str] = &[
    "30470AD5A005FB14CE2D9DCD87E38BC7D1B1C5FACBAECBE95F190AA7A31D23C4",
    "DBBCBE06174544401A5B2C020965D8C2BD2171D3668445771F74BA084D2029D8",
    "3C1C158547F3A9F1A2715BE23D51AE4D3E5A1F6A7064F316933A346D3F529252",
];
const P_1024: &[&str] = &[
    "FD7F53811D75122952DF4A9C2EECE4E7F611B7523CEF4400C31E3F80B6512669",
    "455D402251FB593D8D58FABFC5F5BA30F6CB9B556CD7813B801D346FF26660B7",
    "6B9950A5A49F9FE8047B1022C24FBBA9D7FEB7C61BF83B57E7C6A8A6150F04FB",
    "83F6D3C51EC3023554135A169132F675F3AE2B61D72AEFF22203199DD14801C7",
];
const Q_1024: &[&str] = &["9760508F15230BCCB292B982A2EB840BF0581CF5"];
const G_1024: &[&str] = &[
    "F7E1A085D69B3DDECBBCAB5C36B857B97994AFBBFA3AEA82F9574C0B3D078267",
    "5159578EBAD4594FE67107108180B449167123E84C281613B7CF09328CC8A6E1",
    "3C167A8B547C8D28E0A3AE1E2BB3A675916EA37F0BFA213562F1FB627A01243B",
    "CCA4F1BEA8519089A883DFE15AE59F06928B665E807B552564014C3BFECF492A",
];
const P_2048: &[&str] = &[
    "8F7935D9B9AAE9BFABED887ACF4951B6F32EC59E3BAF3718E8EAC4961F3EFD36",
    "06E74351A9C4183339B809E7C2AE1C539BA7475B85D011ADB8B4798775498469",
    "5CAC0E8F14B3360828A22FFA27110A3D62A993453409A0FE696C4658F84BDD20",
    "819C3709A01057B195ADCD00233DBA5484B6291F9D648EF883448677979CEC04",
    "B434A6AC2E75E9985DE23DB0292FC1118C9FFA9D8181E7338DB792B730D7B9E3",
    "49592F68099872153915EA3D6B8B4653C633458F803B32A4C2E0F27290256E4E",
    "3F8A3B0838A1C450E4E18C1A29A37DDF5EA143DE4B66FF04903ED5CF1623E158",
    "D487C608E97F211CD81DCA23CB6E380765F822E342BE484C05763939601CD667",
];
const Q_2048: &[&str] = &["BAF696A68578F7DFDEE7FA67C977C785EF32B233BAE580C0BCD5695D"];
const G_2048: &[&str] = &[
    "16A65C58204850704E7502A39757040D34DA3A3478C154D4E4A5C02D242EE04F",
    "96E61E4BD0904ABDAC8F37EEB1E09F3182D23C9043CB642F88004160EDF9CA09",
    "B32076A79C32A627F2473E91879BA2C4E744BD2081544CB55B802C368D1FA83E",
    "D489E94E0FA0688E32428A5C78C478C68D0527B71C9A3ABB0B0BE12C44689639",
    "E7D3CE74DB101A65AA2B87F64C6826DB3EC72F4B5599834BB4EDB02F7C90E9A4",
    "96D3A55D535BEBFC45D4F619F63F3DEDBB873925C2F224E07731296DA887EC1E",
    "4748F87EFB5FDEB75484316B2232DEE553DDAF02112B0D1F02DA30973224FE27",
    "AEDA8B9D4B2922D9BA8BE39ED9E103A63C52810BC688B7E2ED4316E1EF17DBDE",
];
const P_3072: &[&str] = &[
    "EA9CDA9F5FBDA66DD830494609405687AB7CF38538E058D1E2F68DEA95364866",
    "E1C05BEACDED24227EDEE28CAD80BCECAD39913BE3B713267B3B96C8D9F0F6A0",
    "3B5DFC9222D5CFE4AFCC9982F33784F760C3B759AEBE3BBE9098A6B84C96F1FD",
    "E44CE11C084C2A082C7A76A0EF142928B4F328406AB9BEB24F84577DD0F46CE8",
    "6FD8F08488269998BF4742D6425F7A0EC75D8660C5DD6F4E3B3D3BEE81B2C21A",
    "FE8C9E8B84B87192E2CC20F961D2BCD8133AFCF3675AB80681CB374C78F33E29",
    "D1011083D89F9C5728B94676FCCB1B57BC60288C15D85AE838AE1941C5A20AE2",
    "B2049B3583FE30DA455DDB3E6AD9B9955CD9BB5681431622BEB0F92DA533FCAB",
    "496CEBC447AA1BB5A8039522F2DA98FF416289323A64DF626AB6881870927DCE",
    "E387F13B5C9D24D6CBA1D82ED375A082506EE87BC7AE30067F4A94E2EE363D99",
    "2C40F2725B5DB4B3525EBDE22BBBFD0FA124A588B0F5A4ACB3A86951AFF09F8C",
    "8198FB5B53DA0C931CEDC598B4F835B779D04D99026C7BA08C4B27F118AC1E3D",
];
const Q_3072: &[&str] = &["C4EEAC2BBAB79BD831946D717A56A6E687547AA8E9C5494A5A4B2F4CA13D6C11"];
const G_3072: &[&str] = &[
    "42E5FA7844F8FA9D8998D830D004E7B15B1D276BCBE5F12C35EC90C1A25F5832",
    "018A6724BD9CDBE803B675509BED167F3D7CF8599FC865C6D5A0F79158C1BC91",
    "8F00A944D0AD0F38F520FB91D85D82674D0D5F874FAA5FCDFE56CD178C1AFDC7",
    "CE8795727B7DEE966ED0B3C5CEDCEF8ACA628BEFEBF2D105C7AFF8EB0DA9C961",
    "0737DD64DCE1237B82C1B2BC8608D55FFDA98D7189444E65883315669C05716B",
    "DE36C78B130AA3DF2E4D609914C7C8DC470F4E300187C775F81E7B1A9C0DCE40",
    "5D6EAB2CBB9D9C4EF44412BA573DD403C4ED7BC2364772F56A30C48DE78F5003",
    "F9371C55262D2C8AC2246ADE3B02FDCFCF5CBFDE74FBCBFE6E0E0FDF3160764F",
    "84D311C179A40AF679A8F47AB13C8F706893245EB11EDCCE451FA2AB98001998",
    "7F125D8DC96622D419BA0D71F16C6024DCE9D364C3B26D8EC1A3C828F6C9D14B",
    "1D0333B95DB77BFDBE3C6BCE5337A1A5A7ACE10111219448447197E2A344CC42",
    "3BE768BB89E27BE6CBD22085614A5A3360BE23B1BFBB6E6E6471363D32C85D31",
];

fn uint(parts: &[&str]) -> Result<dsa::BoxedUint> {
    let hex: String = parts.concat();
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or(Error::CryptoFailed {
                    operation: "DSA parameters",
                })
        })
        .collect::<Result<Vec<u8>>>()?;
    Ok(dsa::BoxedUint::from_be_slice_vartime(&bytes))
}

/// The largest p and q read from a file (the JDK makes at most 3072 and 256).
const MAX_P_BITS: u32 = 8192;
const MAX_Q_BITS: u32 = 512;

/// keytool's check of `-keysize` (the JDK's `DSAKeyPairGenerator`): the
/// size of q it goes with, or keytool's refusal, word for word.
pub fn check_size(bits: u32) -> Result<u32> {
    let q_bits = match bits {
        0..=1024 => 160,
        2048 => 224,
        3072 => 256,
        _ => {
            return Err(Error::InvalidDsaSizes {
                p_bits: bits,
                q_bits: None,
            });
        }
    };
    let legacy = (512..=1024).contains(&bits) && bits.is_multiple_of(64);
    if !(legacy || bits == 2048 || bits == 3072) {
        return Err(Error::InvalidDsaSizes {
            p_bits: bits,
            q_bits: Some(q_bits),
        });
    }
    Ok(q_bits)
}

/// Unchecked `dsa` components from p, q, g, each bounded.
fn unchecked(p: dsa::BoxedUint, q: dsa::BoxedUint, g: dsa::BoxedUint) -> Result<Components> {
    if p.bits() > MAX_P_BITS || q.bits() > MAX_Q_BITS || p.bits() < q.bits() {
        return Err(Error::UnsupportedFeature {
            format: "key",
            feature: format!("DSA parameters of {} and {} bits", p.bits(), q.bits()),
        });
    }
    Components::from_components_unchecked(p, q, g)
        .map_err(|_| Error::malformed("DSA parameters", "p, q or g out of range"))
}

/// keytool's parameters for a key of `bits`, or new ones for the legacy
/// sizes the JDK has none for (576, 640, 704, 832, 896, 960).
fn components(bits: u32) -> Result<Components> {
    check_size(bits)?;
    let (p, q, g) = match bits {
        512 => (P_512, Q_512, G_512),
        768 => (P_768, Q_768, G_768),
        1024 => (P_1024, Q_1024, G_1024),
        2048 => (P_2048, Q_2048, G_2048),
        3072 => (P_3072, Q_3072, G_3072),
        _ => return new_legacy_components(bits),
    };
    unchecked(uint(p)?, uint(q)?, uint(g)?)
}

/// New (p, q, g) with a 160-bit q and a `bits`-bit p (a multiple of 64
/// below 1024).
fn new_legacy_components(bits: u32) -> Result<Components> {
    use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
    use crypto_bigint::{NonZero, Odd, Resize};
    let mut rng = rand::rng();
    let one = dsa::BoxedUint::one_with_precision(bits);
    for _ in 0..64 {
        let q: dsa::BoxedUint =
            crypto_primes::random_prime(&mut rng, crypto_primes::Flavor::Any, 160);
        let q = q.resize(bits);
        let two_q = NonZero::new(q.wrapping_add(&q))
            .into_option()
            .ok_or(Error::CryptoFailed {
                operation: "DSA parameter generation",
            })?;
        for _ in 0..(40 * bits) {
            let mut bytes = Zeroizing::new(vec![0u8; (bits / 8) as usize]);
            rand::fill(&mut bytes[..]);
            bytes[0] |= 0x80;
            let m =
                dsa::BoxedUint::from_be_slice(&bytes, bits).map_err(|_| Error::CryptoFailed {
                    operation: "DSA parameter generation",
                })?;
            let p = m.wrapping_sub(&(&m % &two_q)).wrapping_add(&one);
            if p.bits() != bits || !crypto_primes::is_prime(crypto_primes::Flavor::Any, &p) {
                continue;
            }
            let Some(odd_p) = Odd::new(p.clone()).into_option() else {
                continue;
            };
            let e = p.wrapping_sub(&one)
                / &NonZero::new(q.clone())
                    .into_option()
                    .ok_or(Error::CryptoFailed {
                        operation: "DSA parameter generation",
                    })?;
            let params = BoxedMontyParams::new_vartime(odd_p);
            let mut h = one.wrapping_add(&one);
            for _ in 0..1000 {
                let g = BoxedMontyForm::new(h.clone(), &params).pow(&e).retrieve();
                if g > one {
                    return unchecked(p, q.resize(160), g);
                }
                h = h.wrapping_add(&one);
            }
        }
    }
    Err(Error::CryptoFailed {
        operation: "DSA parameter generation",
    })
}

/// A new key of `bits` on keytool's parameters (new ones for sizes the
/// JDK has none for).
pub fn generate(bits: u32) -> Result<SigningKey> {
    let components = components(bits)?;
    SigningKey::try_generate_from_rng_with_components(&mut rand::rng(), components).map_err(|_| {
        Error::CryptoFailed {
            operation: "DSA key generation",
        }
    })
}

/// `Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }` (RFC 3279).
fn components_from(params: Option<der::AnyRef<'_>>) -> Result<Components> {
    #[derive(der::Sequence)]
    struct DssParms<'a> {
        p: der::asn1::UintRef<'a>,
        q: der::asn1::UintRef<'a>,
        g: der::asn1::UintRef<'a>,
    }
    let params = params.ok_or_else(|| Error::UnsupportedFeature {
        format: "key",
        feature: "DSA key without parameters".into(),
    })?;
    let d = params
        .decode_as::<DssParms<'_>>()
        .map_err(|e: der::Error| Error::malformed("DSA parameters", e.to_string()))?;
    let limit =
        |n: &der::asn1::UintRef<'_>, max: u32| n.as_bytes().len() as u64 * 8 <= u64::from(max);
    if !limit(&d.p, MAX_P_BITS) || !limit(&d.q, MAX_Q_BITS) || !limit(&d.g, MAX_P_BITS) {
        return Err(Error::UnsupportedFeature {
            format: "key",
            feature: "DSA parameters larger than 8192 bits".into(),
        });
    }
    let p = dsa::BoxedUint::from_be_slice_vartime(d.p.as_bytes());
    let q = dsa::BoxedUint::from_be_slice_vartime(d.q.as_bytes());
    let g = dsa::BoxedUint::from_be_slice_vartime(d.g.as_bytes());
    let g = crypto_bigint::Resize::resize(g, p.bits_precision());
    unchecked(p, q, g)
}

/// The public key from its INTEGER y and the components.
fn verifying_key(components: Components, y: &[u8]) -> Result<VerifyingKey> {
    if y.len() as u64 * 8 > u64::from(MAX_P_BITS) {
        return Err(Error::malformed("DSA public key", "y too large"));
    }
    let precision = components.p().bits_precision();
    let y = dsa::BoxedUint::from_be_slice_vartime(y);
    let y = crypto_bigint::Resize::resize(y, precision);
    VerifyingKey::from_components(components, y)
        .map_err(|_| Error::malformed("DSA public key", "y is not in the group"))
}

/// Loads PKCS#8 (parameters in the AlgorithmIdentifier, x as an INTEGER;
/// the public key, when present, must be g^x).
pub fn from_pkcs8(der: &[u8]) -> Result<SigningKey> {
    use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
    let bad = |why: &str| Error::malformed("PKCS#8 DSA private key", why.to_string());
    let info = pkcs8::PrivateKeyInfoRef::from_der(der)
        .map_err(|e| Error::malformed("PKCS#8 DSA private key", e.to_string()))?;
    let components = components_from(info.algorithm.parameters)?;
    let x = der::asn1::UintRef::from_der(info.private_key.as_bytes())
        .map_err(|e| Error::malformed("PKCS#8 DSA private key", e.to_string()))?;
    let precision = components.p().bits_precision();
    if x.as_bytes().len() as u64 * 8 > u64::from(precision) {
        return Err(bad("x too large"));
    }
    let x = Zeroizing::new(
        dsa::BoxedUint::from_be_slice(x.as_bytes(), precision).map_err(|_| bad("x"))?,
    );
    if bool::from(x.is_zero())
        || *x >= crypto_bigint::Resize::resize((**components.q()).clone(), precision)
    {
        return Err(bad("x out of range"));
    }
    let params = BoxedMontyParams::new_vartime(components.p().clone());
    let y = BoxedMontyForm::new((**components.g()).clone(), &params)
        .pow(&x)
        .retrieve();
    if let Some(given) = info.public_key.and_then(|k| k.as_bytes()) {
        let given = der::asn1::UintRef::from_der(given).map_err(|_| bad("public key"))?;
        let given = dsa::BoxedUint::from_be_slice_vartime(given.as_bytes());
        if crypto_bigint::Resize::resize(given, precision) != y {
            return Err(bad("public key is not the private key's"));
        }
    }
    let verifying = VerifyingKey::from_components(components, y).map_err(|_| bad("y"))?;
    SigningKey::from_components(verifying, (*x).clone()).map_err(|_| bad("x"))
}

/// PKCS#8 v1 as keytool writes it, wiped on drop.
pub fn to_pkcs8(key: &SigningKey) -> Result<Zeroizing<Vec<u8>>> {
    let doc = key.to_pkcs8_der().map_err(|_| Error::CryptoFailed {
        operation: "PKCS#8 encoding",
    })?;
    Ok(Zeroizing::new(doc.as_bytes().to_vec()))
}

/// SubjectPublicKeyInfo DER.
pub fn public_key_der(key: &SigningKey) -> Result<Vec<u8>> {
    Ok(key
        .verifying_key()
        .to_public_key_der()
        .map_err(|_| Error::CryptoFailed {
            operation: "public key encoding",
        })?
        .into_vec())
}

/// Size of p in bits, as keytool counts the key.
pub fn bits(key: &SigningKey) -> u32 {
    key.verifying_key().components().p().bits()
}

/// Signs `message` with `D`; DER `Dss-Sig-Value`.
pub fn sign<D>(key: &SigningKey, message: &[u8]) -> Result<Vec<u8>>
where
    D: sha2::Digest + sha2::digest::common::BlockSizeUser,
{
    let hash = D::digest(message);
    let sig = key
        .sign_prehashed_rfc6979::<D>(&hash)
        .map_err(|_| Error::CryptoFailed {
            operation: "signing",
        })?;
    Ok(sig.to_der()?)
}

/// Verifies a DER `Dss-Sig-Value` over `message` hashed with `D`.
pub fn verify<D: sha2::Digest>(spki_der: &[u8], message: &[u8], signature: &[u8]) -> Result<()> {
    use dsa::signature::hazmat::PrehashVerifier;
    let bad = || Error::SignatureInvalid;
    let info = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
    if info.algorithm.oid != DSA {
        return Err(Error::malformed("DSA public key", "not a DSA key"));
    }
    let components = components_from(info.algorithm.parameters)?;
    let y = info
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| Error::malformed("DSA public key", "BIT STRING has unused bits"))?;
    let y = der::asn1::UintRef::from_der(y)
        .map_err(|e| Error::malformed("DSA public key", e.to_string()))?;
    let key = verifying_key(components, y.as_bytes())?;
    let sig = dsa::Signature::from_der(signature).map_err(|_| bad())?;
    key.verify_prehash(&D::digest(message), &sig)
        .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keytool_parameters_sign_verify_and_round_trip() {
        for bits in [1024, 2048, 3072] {
            let key = generate(bits).unwrap();
            assert_eq!(super::bits(&key), bits);
            let spki = public_key_der(&key).unwrap();
            let sig = sign::<sha2::Sha256>(&key, b"message").unwrap();
            verify::<sha2::Sha256>(&spki, b"message", &sig).unwrap();
            assert!(verify::<sha2::Sha256>(&spki, b"other", &sig).is_err());
            assert!(verify::<sha2::Sha384>(&spki, b"message", &sig).is_err());
            let again = from_pkcs8(&to_pkcs8(&key).unwrap()).unwrap();
            assert_eq!(public_key_der(&again).unwrap(), spki);
        }
        assert!(generate(1536).is_err());
    }

    /// keytool 17's and 25's answers to `-keyalg DSA -keysize N`.
    #[test]
    fn sizes_as_keytool_takes_them() {
        for bits in (512..=1024).step_by(64).chain([2048, 3072]) {
            assert!(check_size(bits).is_ok(), "{bits}");
        }
        for (bits, message) in [
            (
                1000,
                "Unsupported prime and subprime size combination: 1000, 160",
            ),
            (
                256,
                "Unsupported prime and subprime size combination: 256, 160",
            ),
            (0, "Unsupported prime and subprime size combination: 0, 160"),
            (1088, "Invalid DSA Prime Size: 1088"),
            (4096, "Invalid DSA Prime Size: 4096"),
        ] {
            let err = check_size(bits).unwrap_err().to_string();
            assert!(
                err.ends_with(&format!("java.lang.IllegalArgumentException: {message}")),
                "{err}"
            );
        }
    }

    /// A size the JDK has no parameters for gets new ones: a 576-bit p
    /// with a 160-bit q; the key signs, verifies and round-trips.
    #[test]
    fn legacy_sizes_get_new_parameters() {
        let key = generate(576).unwrap();
        assert_eq!(super::bits(&key), 576);
        assert_eq!(key.verifying_key().components().q().bits(), 160);
        let spki = public_key_der(&key).unwrap();
        let sig = sign::<sha2::Sha256>(&key, b"message").unwrap();
        verify::<sha2::Sha256>(&spki, b"message", &sig).unwrap();
        let again = from_pkcs8(&to_pkcs8(&key).unwrap()).unwrap();
        assert_eq!(public_key_der(&again).unwrap(), spki);
        let key = generate(512).unwrap();
        let der = to_pkcs8(&key).unwrap();
        assert_eq!(
            public_key_der(&from_pkcs8(&der).unwrap()).unwrap(),
            public_key_der(&key).unwrap()
        );
    }
}
