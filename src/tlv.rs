//! A small DER reader for rendering: tag, length, value, and nothing more.
//!
//! keytool's `sun.security.x509` classes decode each extension by hand and
//! fall back to "Unparseable ..." when they fail; reading the TLVs ourselves
//! lets us render exactly what they saw (unknown bits, odd tags, empty
//! sequences) instead of whatever a typed decoder would accept. The same
//! walker finds the first element of a certificate ([`crate::cert`]) and
//! the object identifiers x509-cert cannot hold ([`crate::lenient`]), so it
//! is a module of its own, below all three.

/// One DER element: its tag byte, its contents and its whole encoding.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tlv<'a> {
    /// The identifier octet (only low tag numbers, below 31, are supported).
    pub tag: u8,
    /// The contents octets.
    pub value: &'a [u8],
    /// Identifier, length and contents.
    pub raw: &'a [u8],
}

/// Why a DER element could not be read.
pub(crate) type TlvResult<T> = Result<T, String>;

pub(crate) const SEQUENCE: u8 = 0x30;
pub(crate) const BOOLEAN: u8 = 0x01;
pub(crate) const INTEGER: u8 = 0x02;
pub(crate) const BIT_STRING: u8 = 0x03;
pub(crate) const OCTET_STRING: u8 = 0x04;
pub(crate) const OID: u8 = 0x06;

/// Reads one element from the front of `input`, advancing it.
pub(crate) fn read<'a>(input: &mut &'a [u8]) -> TlvResult<Tlv<'a>> {
    let all: &'a [u8] = input;
    let (&tag, rest) = all
        .split_first()
        .ok_or("DerInputStream.getLength(): lengthTag=0, too short")?;
    if tag & 0x1f == 0x1f {
        return Err("high tag numbers are not supported".into());
    }
    let (&first, mut rest) = rest.split_first().ok_or("Too little data")?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return Err("Invalid length bytes".into());
        }
        let mut len = 0usize;
        for &b in &rest[..n] {
            len = (len << 8) | usize::from(b);
        }
        rest = &rest[n..];
        len
    };
    if rest.len() < len {
        return Err("Too little data".into());
    }
    let header = all.len() - rest.len();
    let value = &rest[..len];
    let raw = &all[..header + len];
    *input = &rest[len..];
    Ok(Tlv { tag, value, raw })
}

/// Reads exactly one element from `bytes`; trailing data is an error.
pub(crate) fn single(bytes: &[u8]) -> TlvResult<Tlv<'_>> {
    let mut input = bytes;
    let tlv = read(&mut input)?;
    if !input.is_empty() {
        return Err("extra data at the end".into());
    }
    Ok(tlv)
}

/// Reads one element and checks its tag.
pub(crate) fn expect(bytes: &[u8], tag: u8) -> TlvResult<Tlv<'_>> {
    let tlv = single(bytes)?;
    if tlv.tag != tag {
        return Err(format!(
            "unexpected tag 0x{:02x}, wanted 0x{tag:02x}",
            tlv.tag
        ));
    }
    Ok(tlv)
}

/// Splits the contents of a constructed element into its elements.
pub(crate) fn children(value: &[u8]) -> TlvResult<Vec<Tlv<'_>>> {
    let mut input = value;
    let mut out = Vec::new();
    while !input.is_empty() {
        out.push(read(&mut input)?);
    }
    Ok(out)
}

/// The contents of a SEQUENCE (or of any constructed element) as elements.
pub(crate) fn sequence(bytes: &[u8]) -> TlvResult<Vec<Tlv<'_>>> {
    children(expect(bytes, SEQUENCE)?.value)
}

/// Dotted form of an OBJECT IDENTIFIER's contents, with arcs of any size
/// (Java's `ObjectIdentifier` keeps them as `BigInteger`s: `2.25.<UUID>`).
pub(crate) fn oid_string(value: &[u8]) -> TlvResult<String> {
    if value.is_empty() {
        return Err("empty object identifier".into());
    }
    if value.last().is_some_and(|b| b & 0x80 != 0) {
        return Err("truncated object identifier".into());
    }
    let mut s = String::new();
    for (i, arc) in value.split_inclusive(|b| b & 0x80 == 0).enumerate() {
        // Base 10^9 limbs, least significant first.
        let mut limbs: Vec<u64> = vec![0];
        for &b in arc {
            let mut carry = u64::from(b & 0x7f);
            for limb in limbs.iter_mut() {
                let v = *limb * 128 + carry;
                *limb = v % 1_000_000_000;
                carry = v / 1_000_000_000;
            }
            if carry > 0 {
                limbs.push(carry);
            }
        }
        if i == 0 {
            let small = if limbs.len() == 1 { limbs[0] } else { u64::MAX };
            let first = match small {
                x if x < 40 => 0,
                x if x < 80 => 1,
                _ => 2,
            };
            // Subtract 40 * first from the limbs.
            let mut borrow = 40 * first;
            for limb in limbs.iter_mut() {
                if *limb >= borrow {
                    *limb -= borrow;
                    break;
                }
                *limb = *limb + 1_000_000_000 - borrow;
                borrow = 1;
            }
            s.push_str(&format!("{first}."));
        } else {
            s.push('.');
        }
        while limbs.len() > 1 && limbs.last() == Some(&0) {
            limbs.pop();
        }
        let mut rev = limbs.iter().rev();
        if let Some(top) = rev.next() {
            s.push_str(&top.to_string());
        }
        for limb in rev {
            s.push_str(&format!("{limb:09}"));
        }
    }
    Ok(s)
}

/// Reads an OBJECT IDENTIFIER element.
pub(crate) fn oid(tlv: &Tlv<'_>) -> TlvResult<String> {
    if tlv.tag != OID {
        return Err("not an object identifier".into());
    }
    oid_string(tlv.value)
}

/// A small INTEGER (as Java's `DerValue.getInteger()`: at most 4 bytes).
pub(crate) fn small_int(value: &[u8]) -> TlvResult<i64> {
    if value.is_empty() || value.len() > 4 {
        return Err("Integer exceeds size limit".into());
    }
    let mut v: i64 = if value[0] & 0x80 != 0 { -1 } else { 0 };
    for &b in value {
        v = (v << 8) | i64::from(b);
    }
    Ok(v)
}

/// Bits of a BIT STRING's contents, as Java's `BitArray` sees them.
pub(crate) fn bits(value: &[u8]) -> TlvResult<Vec<bool>> {
    let (&unused, data) = value.split_first().ok_or("Invalid encoding of BitString")?;
    if unused > 7 || (data.is_empty() && unused != 0) {
        return Err("Invalid number of padding bits".into());
    }
    let len = data.len() * 8 - usize::from(unused);
    Ok((0..len)
        .map(|i| data[i / 8] & (0x80 >> (i % 8)) != 0)
        .collect())
}

/// Java's `BigInteger.toByteArray()` of a DER INTEGER's contents: the
/// minimal two's-complement form.
pub(crate) fn minimal_int(value: &[u8]) -> &[u8] {
    let mut v = value;
    while v.len() > 1 && ((v[0] == 0 && v[1] & 0x80 == 0) || (v[0] == 0xff && v[1] & 0x80 != 0)) {
        v = &v[1..];
    }
    v
}

/// Java's `BigInteger.toString(16)` of a DER INTEGER's contents.
pub(crate) fn int_hex(value: &[u8]) -> String {
    let v = minimal_int(value);
    let negative = v.first().is_some_and(|b| b & 0x80 != 0);
    let magnitude: Vec<u8> = if negative {
        // Two's complement negation: invert and add one.
        let mut m: Vec<u8> = v.iter().map(|b| !b).collect();
        for b in m.iter_mut().rev() {
            let (sum, carry) = b.overflowing_add(1);
            *b = sum;
            if !carry {
                break;
            }
        }
        m
    } else {
        v.to_vec()
    };
    let mut hex = String::new();
    for b in &magnitude {
        hex.push_str(&format!("{b:02x}"));
    }
    let trimmed = hex.trim_start_matches('0');
    let digits = if trimmed.is_empty() { "0" } else { trimmed };
    if negative {
        format!("-{digits}")
    } else {
        digits.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_print_as_java_biginteger() {
        assert_eq!(int_hex(&[0x00, 0xff, 0x01, 0x02]), "ff0102");
        assert_eq!(int_hex(&[0x01]), "1");
        assert_eq!(int_hex(&[0x00]), "0");
        assert_eq!(int_hex(&[0x0a]), "a");
        assert_eq!(int_hex(&[0xfb, 0x2e]), "-4d2");
        assert_eq!(int_hex(&[0x80]), "-80");
        assert_eq!(int_hex(&[0xff]), "-1");
        assert_eq!(int_hex(&[0x03, 0xa8, 0x00]), "3a800");
        assert_eq!(minimal_int(&[0x00, 0x00, 0x80]), &[0x00, 0x80]);
    }

    #[test]
    fn oids() {
        assert_eq!(oid_string(&[0x55, 0x1d, 0x0e]).as_deref(), Ok("2.5.29.14"));
        assert_eq!(
            oid_string(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]).as_deref(),
            Ok("1.2.840.113549.1.1.11")
        );
        assert!(oid_string(&[0x2a, 0x86]).is_err());
        // 2.25.<UUID>: a 128-bit arc.
        let uuid = [
            0x69, 0x83, 0xf0, 0x9d, 0xa7, 0xeb, 0xcf, 0xde, 0xe0, 0xc7, 0xa1, 0xa7, 0xb2, 0xc0,
            0x94, 0x8c, 0xc8, 0xf9, 0xd7, 0x76,
        ];
        assert_eq!(
            oid_string(&uuid).as_deref(),
            Ok("2.25.329800735698586629295641978511506172918")
        );
        // A second arc of 40 and more under 2, and a first subidentifier above 2^64.
        assert_eq!(oid_string(&[0x81, 0x34, 0x03]).as_deref(), Ok("2.100.3"));
        assert_eq!(
            oid_string(&[0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).as_deref(),
            Ok("2.18446744073709551536")
        );
    }

    #[test]
    fn bit_strings() {
        assert_eq!(bits(&[0x07, 0x80]), Ok(vec![true]));
        assert_eq!(bits(&[0x00]), Ok(vec![]));
        assert!(bits(&[0x08, 0x00]).is_err());
    }
}
