//! Inputs the fuzzers in `fuzz/` found, and the resource limits they check:
//! each must end in one clean error line (exit 1), never a panic, a hang or
//! a runaway allocation. The inputs live in `fixtures/fuzz/`, whose README
//! says which target found each and when.

use crate::util::{Env, PW, fixture};

/// A DER TLV with a definite length.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend(content);
    out
}

/// The TLVs inside a DER SEQUENCE's value.
fn children(der: &[u8]) -> Vec<Vec<u8>> {
    use der::{Decode, Encode, Reader};
    let outer = der::Any::from_der(der).unwrap();
    let mut r = der::SliceReader::new(outer.value()).unwrap();
    let mut out = Vec::new();
    while !r.is_finished() {
        let a: der::Any = r.decode().unwrap();
        out.push(a.to_der().unwrap());
    }
    out
}

/// keytool's PKCS#12 with its MAC iteration count replaced by `iterations`
/// (a DER INTEGER's content bytes).
fn p12_with_mac_iterations(iterations: &[u8]) -> Vec<u8> {
    let pfx = children(&std::fs::read(fixture("keytool17.p12")).unwrap());
    let mac = children(&pfx[2]);
    let mac_data = tlv(
        0x30,
        &[mac[0].clone(), mac[1].clone(), tlv(0x02, iterations)].concat(),
    );
    tlv(0x30, &[pfx[0].clone(), pfx[1].clone(), mac_data].concat())
}

#[test]
fn pkcs12_mac_iterations_above_the_ceiling_are_refused_at_once() {
    // p12-keystore refuses MAC and KDF iteration counts above 1,000,000
    // (JDK 17 writes 10,000, its legacy form 50,000/100,000, OpenSSL 2,048).
    let env = Env::new();
    let ks = env.path("ks.p12");
    std::fs::write(&ks, p12_with_mac_iterations(&[0x7F, 0xFF, 0xFF, 0xFF])).unwrap();
    // Refused before any key derivation: the message names the ceiling.
    env.rk(&["-list", "-keystore", ks.to_str().unwrap(), "-storepass", PW])
        .fails_with("iteration count 2147483647 (at most 5000000)");
}

#[test]
fn pkcs12_zero_and_negative_mac_iterations_fail_cleanly() {
    for (iterations, message) in [
        (&[0x00][..], "PKCS#12 iteration count 0 (at most 5000000)"),
        (
            &[0x80, 0x00][..],
            "PKCS#12 iteration count -32768 (at most 5000000)",
        ),
        (&[0xFF][..], "PKCS#12 iteration count -1 (at most 5000000)"),
    ] {
        let env = Env::new();
        let ks = env.path("ks.p12");
        std::fs::write(&ks, p12_with_mac_iterations(iterations)).unwrap();
        env.rk(&["-list", "-keystore", ks.to_str().unwrap(), "-storepass", PW])
            .fails_with(message);
    }
}

#[test]
fn jks_entry_count_beyond_the_file_is_refused() {
    // FEEDFEED, version 2, 2^31-1 entries, then a digest's worth of zeros.
    let env = Env::new();
    let ks = env.path("ks.jks");
    let mut v = vec![0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0x7F, 0xFF, 0xFF, 0xFF];
    v.extend([0; 20]);
    std::fs::write(&ks, v).unwrap();
    env.rk(&["-list", "-keystore", ks.to_str().unwrap(), "-storepass", PW])
        .fails_with("entry count");
}
