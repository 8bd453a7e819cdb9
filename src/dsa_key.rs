//! DSA keys as keytool makes them (`-keyalg DSA`): the JDK's precomputed
//! domain parameters for 1024, 2048 and 3072 bits, so that our keys share
//! p, q and g with every key keytool 17 and 25 generate (and need no prime
//! search), PKCS#8 and SubjectPublicKeyInfo with the parameters in the
//! AlgorithmIdentifier, and `SHAxxxwithDSA` signatures as DER
//! `Dss-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 §2.2.2).
//!
//! Signatures use RFC 6979 deterministic nonces (the `dsa` crate's
//! `sign_prehashed_rfc6979`): any verifier accepts them.

use crate::error::{Error, Result};
use der::{Decode, Encode};
use dsa::{Components, SigningKey, VerifyingKey};
use pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use zeroize::Zeroizing;

/// id-dsa (RFC 3279).
pub const DSA: der::asn1::ObjectIdentifier = dsa::OID;

// The (p, q, g) keytool 17 and 25 put in every DSA key of each size
// (sun.security.provider.ParameterCache): read out of keys keytool made
// with `-genkeypair -keyalg DSA -keysize 1024|2048|3072`; 2048-bit keys
// have a 224-bit q, as the JDK makes them.
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
                .ok_or_else(|| Error::Crypto("DSA parameters".into()))
        })
        .collect::<Result<Vec<u8>>>()?;
    Ok(dsa::BoxedUint::from_be_slice_vartime(&bytes))
}

/// keytool's parameters for a key of `bits`: 1024, 2048 or 3072.
fn components(bits: u32) -> Result<Components> {
    let (p, q, g) = match bits {
        1024 => (P_1024, Q_1024, G_1024),
        2048 => (P_2048, Q_2048, G_2048),
        3072 => (P_3072, Q_3072, G_3072),
        _ => {
            return Err(Error::InvalidInput(format!(
                "Invalid key size: {bits} bits for DSA (use 1024, 2048 or 3072)"
            )));
        }
    };
    Components::from_components(uint(p)?, uint(q)?, uint(g)?)
        .map_err(|_| Error::Crypto("DSA parameters".into()))
}

/// A new key of `bits` on keytool's parameters.
pub fn generate(bits: u32) -> Result<SigningKey> {
    let components = components(bits)?;
    SigningKey::try_generate_from_rng_with_components(&mut rand::rng(), components)
        .map_err(|_| Error::Crypto("DSA key generation".into()))
}

/// Loads PKCS#8 (parameters in the AlgorithmIdentifier, x as an INTEGER).
pub fn from_pkcs8(der: &[u8]) -> Result<SigningKey> {
    SigningKey::from_pkcs8_der(der)
        .map_err(|e| Error::malformed("PKCS#8 DSA private key", e.to_string()))
}

/// PKCS#8 v1 as keytool writes it, wiped on drop.
pub fn to_pkcs8(key: &SigningKey) -> Result<Zeroizing<Vec<u8>>> {
    let doc = key
        .to_pkcs8_der()
        .map_err(|e| Error::Crypto(format!("PKCS#8 encoding: {e}")))?;
    Ok(Zeroizing::new(doc.as_bytes().to_vec()))
}

/// SubjectPublicKeyInfo DER.
pub fn public_key_der(key: &SigningKey) -> Result<Vec<u8>> {
    Ok(key
        .verifying_key()
        .to_public_key_der()
        .map_err(|e| Error::Crypto(format!("public key encoding: {e}")))?
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
        .map_err(|e| Error::Crypto(format!("signing: {e}")))?;
    Ok(sig.to_der()?)
}

/// Verifies a DER `Dss-Sig-Value` over `message` hashed with `D`.
pub fn verify<D: sha2::Digest>(spki_der: &[u8], message: &[u8], signature: &[u8]) -> Result<()> {
    use dsa::signature::hazmat::PrehashVerifier;
    let bad = || Error::Crypto("signature does not verify".into());
    let info = spki::SubjectPublicKeyInfoRef::from_der(spki_der)?;
    let key = VerifyingKey::try_from(info)
        .map_err(|e| Error::malformed("DSA public key", e.to_string()))?;
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
}
