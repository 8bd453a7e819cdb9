//! JCEKS secret keys: a Java-serialized `SealedObjectForKeyProtector`
//! holding a serialized key, sealed with PBEWithMD5AndTripleDES.
//!
//! There is no general deserializer here. The JDK (11, 17, 21 and 25 alike)
//! writes exactly one byte layout for the sealed object and two for the key
//! inside it, and these are matched byte for byte; only the arrays and the
//! algorithm name vary, each with a length checked before anything is taken.
//! Anything else is refused — the JDK's own filters (`JceKeyStore`'s
//! `DeserializationChecker`, `jceks.key.serialFilter`) admit no more.
//!
//! The sealed object, as `ObjectOutputStream.writeObject` writes it
//! (`oos` = a new stream per entry, so each starts with its own header):
//!
//! ```text
//! AC ED 00 05                               stream magic, version 5
//! 73 72 "com.sun.crypto.provider.SealedObjectForKeyProtector" SUID CD57CA59E730BB53
//!       flags 02 (serializable), 0 fields, 78 (end of annotations),
//!    72 "javax.crypto.SealedObject" SUID 3E363DA6C3B75470, flags 02, 4 fields:
//!       [B encodedParams, [B encryptedContent, String paramsAlg, String sealAlg
//!       78 70 (no further superclass)
//! 75 72 "[B" SUID ACF317F8060854E0 02 0 fields 78 70  i32 n  n bytes   encodedParams (PBEParameter DER)
//! 75 71 00 7E 00 05                                    i32 n  n bytes   encryptedContent
//! 74 "PBEWithMD5AndTripleDES"                                           paramsAlg
//! 74 "PBEWithMD5AndTripleDES"                                           sealAlg
//! ```
//!
//! The content decrypts (see [`super::pbe`]) to a second stream holding
//! either `javax.crypto.spec.SecretKeySpec { String algorithm; byte[] key }`
//! (AES, Hmac*: what `KeyGenerator` returns) or `java.security.KeyRep
//! { String algorithm; byte[] encoded; String format = "RAW"; Type type =
//! SECRET }` (DES, DESede and PBE keys, whose classes serialize through
//! `writeReplace`).

use super::FORMAT;
use super::pbe::{self, Params};
use crate::error::{Error, Result};
use crate::jks::common::{Reader, decode_modified_utf8};
use crate::password::Password;
use zeroize::Zeroizing;

/// The most bytes of PBE parameters accepted (the JDK writes 17).
const MAX_PARAMS_LEN: usize = 64;
/// The most bytes of sealed content accepted: far above any key or stored
/// password, far below what could exhaust memory.
pub const MAX_CONTENT_LEN: usize = 1 << 20;
/// The longest algorithm name accepted.
const MAX_ALGORITHM_LEN: usize = 256;

/// The only algorithm name the JDK writes for both `paramsAlg` and `sealAlg`.
const SEAL_ALG: &str = "PBEWithMD5AndTripleDES";

/// `ObjectOutputStream` type codes and stream header.
const STREAM_HEADER: [u8; 4] = [0xAC, 0xED, 0x00, 0x05];
const TC_NULL: u8 = 0x70;
const TC_REFERENCE: u8 = 0x71;
const TC_CLASSDESC: u8 = 0x72;
const TC_OBJECT: u8 = 0x73;
const TC_STRING: u8 = 0x74;
const TC_ARRAY: u8 = 0x75;
const TC_ENUM: u8 = 0x7E;
const TC_ENDBLOCKDATA: u8 = 0x78;
const SC_SERIALIZABLE: u8 = 0x02;
const SC_ENUM: u8 = 0x10;
/// First handle number (`baseWireHandle`).
const BASE_HANDLE: u32 = 0x7E_0000;

/// A small builder for the fixed parts of a stream.
struct Out(Vec<u8>);

impl Out {
    fn new() -> Out {
        Out(Vec::with_capacity(256))
    }
    fn bytes(mut self, b: &[u8]) -> Out {
        self.0.extend_from_slice(b);
        self
    }
    fn byte(self, b: u8) -> Out {
        self.bytes(&[b])
    }
    /// A `writeUTF` string (ASCII here): `u16` length and bytes.
    fn utf(self, s: &str) -> Out {
        let len = s.len() as u16; // ok: only the constant names below
        self.bytes(&len.to_be_bytes()).bytes(s.as_bytes())
    }
    fn string(self, s: &str) -> Out {
        self.byte(TC_STRING).utf(s)
    }
    fn reference(self, handle: u32) -> Out {
        self.byte(TC_REFERENCE)
            .bytes(&(BASE_HANDLE + handle).to_be_bytes())
    }
    /// A class descriptor header: name, serialVersionUID, flags, field count.
    fn class(self, name: &str, suid: u64, flags: u8, fields: u16) -> Out {
        self.byte(TC_CLASSDESC)
            .utf(name)
            .bytes(&suid.to_be_bytes())
            .byte(flags)
            .bytes(&fields.to_be_bytes())
    }
    /// A field whose type string is new.
    fn field(self, code: u8, name: &str, type_name: &str) -> Out {
        self.byte(code).utf(name).string(type_name)
    }
    /// A field whose type string was written before.
    fn field_ref(self, code: u8, name: &str, handle: u32) -> Out {
        self.byte(code).utf(name).reference(handle)
    }
    /// `byte[]`'s class descriptor, written in full.
    fn byte_array_class(self) -> Out {
        self.class("[B", 0xACF3_17F8_0608_54E0, SC_SERIALIZABLE, 0)
            .byte(TC_ENDBLOCKDATA)
            .byte(TC_NULL)
    }
}

/// The sealed object up to the length of `encodedParams`.
fn outer_head() -> Vec<u8> {
    Out::new()
        .bytes(&STREAM_HEADER)
        .byte(TC_OBJECT)
        .class(
            "com.sun.crypto.provider.SealedObjectForKeyProtector",
            0xCD57_CA59_E730_BB53,
            SC_SERIALIZABLE,
            0,
        )
        .byte(TC_ENDBLOCKDATA)
        .class(
            "javax.crypto.SealedObject",
            0x3E36_3DA6_C3B7_5470,
            SC_SERIALIZABLE,
            4,
        )
        .field(b'[', "encodedParams", "[B") // handle 2: "[B"
        .field_ref(b'[', "encryptedContent", 2)
        .field(b'L', "paramsAlg", "Ljava/lang/String;") // handle 3
        .field_ref(b'L', "sealAlg", 3)
        .byte(TC_ENDBLOCKDATA)
        .byte(TC_NULL)
        // handle 4: the object; encodedParams: a new byte[] class (handle 5)
        .byte(TC_ARRAY)
        .byte_array_class()
        .0
}

/// Between `encodedParams` and the length of `encryptedContent`.
fn outer_middle() -> Vec<u8> {
    Out::new().byte(TC_ARRAY).reference(5).0
}

/// After `encryptedContent`.
fn outer_tail() -> Vec<u8> {
    Out::new().string(SEAL_ALG).string(SEAL_ALG).0
}

/// The two key classes the JDK puts in a sealed object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyForm {
    /// `javax.crypto.spec.SecretKeySpec`.
    SecretKeySpec,
    /// `java.security.KeyRep` of type SECRET, format RAW.
    KeyRep,
}

impl KeyForm {
    /// The form the JDK's own key class for `algorithm` serializes to:
    /// `DESKey`, `DESedeKey`, `PBEKey` and `PBKDF2KeyImpl` write a `KeyRep`,
    /// `KeyGenerator`'s `SecretKeySpec` writes itself.
    pub fn for_algorithm(algorithm: &str) -> KeyForm {
        let a = algorithm.to_ascii_uppercase();
        if a == "DES" || a == "DESEDE" || a == "TRIPLEDES" || a.starts_with("PBE") {
            KeyForm::KeyRep
        } else {
            KeyForm::SecretKeySpec
        }
    }
}

/// The inner stream up to the algorithm name.
fn inner_head(form: KeyForm) -> Vec<u8> {
    let o = Out::new().bytes(&STREAM_HEADER).byte(TC_OBJECT);
    match form {
        KeyForm::SecretKeySpec => o
            .class(
                "javax.crypto.spec.SecretKeySpec",
                0x5B47_0B66_E230_614D,
                SC_SERIALIZABLE,
                2,
            )
            .field(b'L', "algorithm", "Ljava/lang/String;") // handle 1
            .field(b'[', "key", "[B") // handle 2
            .byte(TC_ENDBLOCKDATA)
            .byte(TC_NULL),
        KeyForm::KeyRep => o
            .class(
                "java.security.KeyRep",
                0xBDF9_4FB3_889A_A543,
                SC_SERIALIZABLE,
                4,
            )
            .field(b'L', "algorithm", "Ljava/lang/String;") // handle 1
            .field(b'[', "encoded", "[B") // handle 2
            .field_ref(b'L', "format", 1)
            .field(b'L', "type", "Ljava/security/KeyRep$Type;") // handle 3
            .byte(TC_ENDBLOCKDATA)
            .byte(TC_NULL),
    }
    .0
}

/// Between the algorithm name and the key's length: a new `byte[]` class.
fn inner_middle() -> Vec<u8> {
    Out::new().byte(TC_ARRAY).byte_array_class().0
}

/// After the key bytes.
fn inner_tail(form: KeyForm) -> Vec<u8> {
    match form {
        KeyForm::SecretKeySpec => Vec::new(),
        KeyForm::KeyRep => {
            Out::new()
                .string("RAW")
                .byte(TC_ENUM)
                .class("java.security.KeyRep$Type", 0, SC_SERIALIZABLE | SC_ENUM, 0)
                .byte(TC_ENDBLOCKDATA)
                .class("java.lang.Enum", 0, SC_SERIALIZABLE | SC_ENUM, 0)
                .byte(TC_ENDBLOCKDATA)
                .byte(TC_NULL)
                .string("SECRET")
                .0
        }
    }
}

/// Takes `want` from `r`, or fails naming `what`.
fn expect(r: &mut Reader<'_>, want: &[u8], what: &str) -> Result<()> {
    let at = r.pos;
    let got = r.take(want.len(), what)?;
    match got.iter().zip(want).position(|(a, b)| a != b) {
        None => Ok(()),
        Some(i) => Err(r.malformed(format!(
            "{what} differs from what the JDK writes at offset {}",
            at + i
        ))),
    }
}

/// A serialized byte array's length, checked against `max` and the input.
fn array<'a>(r: &mut Reader<'a>, max: usize, what: &str) -> Result<&'a [u8]> {
    let at = r.pos;
    let n = r.i32(what)?;
    let n = usize::try_from(n)
        .map_err(|_| r.malformed(format!("negative length {n} of {what} at offset {at}")))?;
    if n > max {
        return Err(r.malformed(format!(
            "{what} of {n} bytes at offset {at}; at most {max} are accepted"
        )));
    }
    r.take(n, what)
}

/// A sealed secret key as read from a JCEKS file.
pub struct Sealed<'a> {
    /// The whole serialized object, exactly as stored.
    pub bytes: &'a [u8],
    /// Salt and iterations of the seal.
    pub params: Params,
    /// The encrypted serialized key.
    pub content: &'a [u8],
}

/// Reads one serialized `SealedObjectForKeyProtector` at `r`'s position.
pub(crate) fn read<'a>(r: &mut Reader<'a>) -> Result<Sealed<'a>> {
    let start = r.pos;
    expect(r, &outer_head(), "sealed secret key")?;
    let params_der = array(r, MAX_PARAMS_LEN, "sealed key parameters")?;
    let params = Params::from_der(params_der, FORMAT)?;
    expect(r, &outer_middle(), "sealed secret key")?;
    let at = r.pos;
    let content = array(r, MAX_CONTENT_LEN, "sealed key content")?;
    if content.is_empty() || !content.len().is_multiple_of(8) {
        return Err(r.malformed(format!(
            "sealed key content of {} bytes at offset {at} is not whole DESede blocks",
            content.len()
        )));
    }
    expect(r, &outer_tail(), "sealed secret key")?;
    let bytes = r
        .consumed()
        .get(start..)
        .ok_or_else(|| r.malformed("internal bounds"))?;
    Ok(Sealed {
        bytes,
        params,
        content,
    })
}

/// Parses a sealed object that must fill `bytes` exactly.
pub fn parse(bytes: &[u8]) -> Result<Sealed<'_>> {
    let mut r = Reader::new(bytes, FORMAT);
    let sealed = read(&mut r)?;
    if r.remaining() != 0 {
        return Err(r.malformed(format!(
            "{} bytes after the sealed secret key",
            r.remaining()
        )));
    }
    Ok(sealed)
}

/// The serialized key inside the seal: `form` with `algorithm` and `key`.
fn serialize_key(form: KeyForm, algorithm: &str, key: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    if algorithm.is_empty()
        || algorithm.len() > MAX_ALGORITHM_LEN
        || !algorithm.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(Error::SecretKeyAlgorithm {
            alias: None,
            store_type: "JCEKS",
            algorithm: format!("{algorithm:?}"),
        });
    }
    let key_len = i32::try_from(key.len())
        .ok()
        .filter(|&n| (n as usize) <= MAX_CONTENT_LEN / 2)
        .ok_or(Error::TooLong {
            format: "JCEKS",
            what: "secret key",
            len: key.len() as u64,
            max: (MAX_CONTENT_LEN / 2) as u64,
        })?;
    let mut out = Zeroizing::new(inner_head(form));
    out.push(TC_STRING);
    out.extend_from_slice(&(algorithm.len() as u16).to_be_bytes()); // ok: ≤ 256
    out.extend_from_slice(algorithm.as_bytes());
    out.extend_from_slice(&inner_middle());
    out.extend_from_slice(&key_len.to_be_bytes());
    out.extend_from_slice(key);
    out.extend_from_slice(&inner_tail(form));
    Ok(out)
}

/// A secret key as unsealed: algorithm, bytes, and the class it was stored as.
pub struct Unsealed {
    /// The key's algorithm name (`SecretKey.getAlgorithm()`).
    pub algorithm: String,
    /// The key's bytes (`getEncoded()`).
    pub bytes: Zeroizing<Vec<u8>>,
    /// How the key was serialized.
    pub form: KeyForm,
}

impl std::fmt::Debug for Unsealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Unsealed({}, {:?}, <redacted>)",
            self.algorithm, self.form
        )
    }
}

/// Reads the decrypted inner stream.
fn deserialize_key(plain: &[u8]) -> Result<Unsealed> {
    const WHAT: &str = "sealed secret key content";
    // What a wrong password that passed the padding check gives: not a stream.
    if !plain.starts_with(&[0xAC, 0xED, 0x00, 0x05, TC_OBJECT, TC_CLASSDESC]) {
        return Err(Error::WrongPassword);
    }
    let form = [KeyForm::SecretKeySpec, KeyForm::KeyRep]
        .into_iter()
        .find(|&f| plain.starts_with(&inner_head(f)))
        .ok_or_else(|| Error::UnsupportedFeature {
            format: "JCEKS",
            feature: "secret key serialized as a class other than SecretKeySpec or KeyRep".into(),
        })?;
    let mut r = Reader::new(plain, FORMAT);
    expect(&mut r, &inner_head(form), WHAT)?;
    expect(&mut r, &[TC_STRING], WHAT)?;
    let at = r.pos;
    let n = usize::from(r.u16("secret key algorithm")?);
    if n == 0 || n > MAX_ALGORITHM_LEN {
        return Err(r.malformed(format!(
            "secret key algorithm name of {n} bytes at offset {at}"
        )));
    }
    let algorithm = decode_modified_utf8(r.take(n, "secret key algorithm")?)
        .map_err(|_| r.malformed("secret key algorithm name is not modified UTF-8"))?;
    expect(&mut r, &inner_middle(), WHAT)?;
    let key = array(&mut r, MAX_CONTENT_LEN, "secret key")?;
    let bytes = Zeroizing::new(key.to_vec());
    expect(&mut r, &inner_tail(form), WHAT)?;
    if r.remaining() != 0 {
        return Err(r.malformed(format!("{} bytes after the secret key", r.remaining())));
    }
    Ok(Unsealed {
        algorithm,
        bytes,
        form,
    })
}

/// Seals a secret key as the JDK does: the key serialized in `form`,
/// encrypted under `password` with a fresh salt and 200000 iterations.
pub fn seal(algorithm: &str, key: &[u8], form: KeyForm, password: &Password) -> Result<Vec<u8>> {
    seal_with_params(algorithm, key, form, password, &Params::random())
}

/// [`seal`] with given parameters (known answers; keeping a seal's salt).
pub(crate) fn seal_with_params(
    algorithm: &str,
    key: &[u8],
    form: KeyForm,
    password: &Password,
    params: &Params,
) -> Result<Vec<u8>> {
    let plain = serialize_key(form, algorithm, key)?;
    let content = pbe::encrypt(&plain, password, params)?;
    let params_der = params.to_der()?;
    let mut out = outer_head();
    out.extend_from_slice(&(params_der.len() as i32).to_be_bytes()); // ok: 17 bytes
    out.extend_from_slice(&params_der);
    out.extend_from_slice(&outer_middle());
    let n = i32::try_from(content.len()).map_err(|_| Error::TooLong {
        format: "JCEKS",
        what: "sealed secret key",
        len: content.len() as u64,
        max: i32::MAX as u64,
    })?;
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&content);
    out.extend_from_slice(&outer_tail());
    Ok(out)
}

/// Unseals a stored sealed object with the key password.
///
/// Errors: [`Error::WrongPassword`] when the padding or the stream header
/// does not come out (a wrong password), [`Error::Malformed`] when the
/// sealed object is damaged, [`Error::UnsupportedFeature`] for a key class other
/// than the two the JDK writes.
pub fn unseal(bytes: &[u8], password: &Password) -> Result<Unsealed> {
    let sealed = parse(bytes)?;
    let plain = pbe::decrypt(sealed.content, password, &sealed.params)?;
    deserialize_key(&plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick() -> Params {
        Params {
            salt: [8, 7, 6, 5, 4, 3, 2, 1],
            iterations: 2,
        }
    }

    #[test]
    fn templates_are_what_keytool_writes() {
        // Offsets in `xxd` dumps of keytool 17's files (the fixture tests
        // match whole files): the sealed object at 0x1E, its parameters'
        // length at 0xFE; in the plaintexts the algorithm at 0x60
        // (SecretKeySpec) or 0x8C (KeyRep), "RAW" at 0xC4 and the end at 0x11A.
        let h = outer_head();
        assert_eq!(&h[..8], &[0xAC, 0xED, 0, 5, 0x73, 0x72, 0x00, 0x33]);
        assert_eq!(h.len(), 0xFE - 0x1E);
        assert_eq!(inner_head(KeyForm::SecretKeySpec).len(), 0x60);
        assert_eq!(inner_head(KeyForm::KeyRep).len(), 0x8C);
        assert_eq!(inner_tail(KeyForm::KeyRep).len(), 0x11A - 0xC4);
        assert!(inner_tail(KeyForm::SecretKeySpec).is_empty());
    }

    #[test]
    fn seal_then_unseal_both_forms() {
        let pw = Password::new("changeit");
        for (alg, key) in [
            ("AES", &[7u8; 16][..]),
            ("HmacSHA256", &[1u8; 32][..]),
            ("DESede", &[2u8; 24][..]),
            ("PBEWithMD5AndDES", &b"s3cret"[..]),
        ] {
            let form = KeyForm::for_algorithm(alg);
            let sealed = seal_with_params(alg, key, form, &pw, &quick()).unwrap();
            let parsed = parse(&sealed).unwrap();
            assert_eq!(parsed.bytes, &sealed[..]);
            assert_eq!(parsed.params, quick());
            let u = unseal(&sealed, &pw).unwrap();
            assert_eq!(u.algorithm, alg);
            assert_eq!(&u.bytes[..], key);
            assert_eq!(u.form, form);
            assert!(matches!(
                unseal(&sealed, &Password::new("changeiT")),
                Err(Error::WrongPassword)
            ));
        }
        assert_eq!(KeyForm::for_algorithm("AES"), KeyForm::SecretKeySpec);
        assert_eq!(KeyForm::for_algorithm("desede"), KeyForm::KeyRep);
    }

    #[test]
    fn every_prefix_and_flipped_byte_is_a_clean_error() {
        let pw = Password::new("pw");
        let sealed =
            seal_with_params("AES", &[5u8; 16], KeyForm::SecretKeySpec, &pw, &quick()).unwrap();
        for n in 0..sealed.len() {
            assert!(
                matches!(
                    parse(&sealed[..n]),
                    Err(Error::Malformed {
                        format: "JCEKS",
                        ..
                    })
                ),
                "prefix {n}"
            );
        }
        // Outside the encrypted content every byte matters; inside it there is
        // no integrity check (nor in the JDK), but nothing panics.
        let content =
            outer_head().len() + 4 + quick().to_der().unwrap().len() + outer_middle().len() + 4;
        let content = content..sealed.len() - outer_tail().len();
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x5A;
            let result = unseal(&bad, &pw);
            assert!(content.contains(&i) || result.is_err(), "byte {i}");
        }
    }

    #[test]
    fn other_classes_are_refused() {
        let pw = Password::new("pw");
        let mut plain = serialize_key(KeyForm::SecretKeySpec, "AES", &[1; 16]).unwrap();
        plain[10] = b'X'; // "javax..." → another class name
        let content = pbe::encrypt(&plain, &pw, &quick()).unwrap();
        let mut sealed =
            seal_with_params("AES", &[1; 16], KeyForm::SecretKeySpec, &pw, &quick()).unwrap();
        let head = outer_head().len() + 4 + quick().to_der().unwrap().len() + outer_middle().len();
        let n = content.len() as i32;
        sealed.splice(
            head..,
            n.to_be_bytes()
                .iter()
                .copied()
                .chain(content)
                .chain(outer_tail()),
        );
        let result = unseal(&sealed, &pw);
        assert!(
            matches!(result, Err(Error::UnsupportedFeature { .. })),
            "{result:?}"
        );
    }

    #[test]
    fn lengths_are_capped_before_taking() {
        let mut v = outer_head();
        v.extend(i32::MAX.to_be_bytes());
        assert!(
            matches!(parse(&v), Err(Error::Malformed { detail, .. }) if detail.contains("at most 64"))
        );
        let mut v = outer_head();
        v.extend((-1i32).to_be_bytes());
        assert!(
            matches!(parse(&v), Err(Error::Malformed { detail, .. }) if detail.contains("negative"))
        );
    }
}
