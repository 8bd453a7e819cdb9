//! Issue 18: one password-based crypto layer. PKCS#12 stores and key files
//! go through the same code, so the same fault is the same error, the same
//! cap holds, and a password outside the Basic Multilingual Plane means the
//! same bytes (UTF-16 surrogate pairs, as Java's `char[]` and OpenSSL 3).
//! The files are made at test time by OpenSSL 3.

use crate::util::*;

/// A password with a character outside the BMP (U+1F511), and two inside it.
const WIDE_PW: &str = "päss\u{1F511}word";

/// An RSA key and its self-signed certificate, made by OpenSSL.
fn key_and_cert(env: &Env) {
    env.sh_openssl(
        "req -x509 -newkey rsa:2048 -noenc -keyout key.pem -subj /CN=crypto-layer -days 30 -out cert.pem",
    )
    .ok();
}

/// 5,000,001 iterations, one past the JDK's MAX_ITERATION_COUNT: refused
/// before any work, with the same words for a PKCS#12 key and for a key
/// file (which once allowed 10,000,000). keytool cannot use the key either.
#[test]
fn one_past_the_jdk_iteration_cap_is_refused_alike_in_pkcs12_and_key_files() {
    let env = Env::new();
    key_and_cert(&env);
    env.sh_openssl(
        "pkcs8 -topk8 -v2 aes-256-cbc -iter 5000001 -in key.pem -passout pass:key-pass -out key-enc.pem",
    )
    .ok();
    env.sh("-importkey -alias k -keyfile key-enc.pem -keyfilepass key-pass -file cert.pem -keystore ks.p12 -storepass changeit")
        .fails_with("rkeytool error: key-enc.pem: unsupported: private key iteration count 5000001 (at most 5000000)");
    assert!(!env.path("ks.p12").exists(), "ks.p12 was created");

    // The key shrouded with 5,000,001 iterations; MAC of 1 iteration and
    // certificates in the clear, so that only the key asks too much.
    env.sh_openssl(
        "pkcs12 -export -in cert.pem -inkey key.pem -name k -iter 5000001 -nomaciter -certpbe NONE -passout pass:changeit -out big.p12",
    )
    .ok();
    env.sh("-list -keystore big.p12 -storepass changeit").ok();
    env.sh("-exportkey -alias k -nocrypt -file out.pem -keystore big.p12 -storepass changeit")
        .fails_with(
            "rkeytool error: unsupported: PKCS#12 iteration count 5000001 (at most 5000000)",
        );
    assert!(!env.path("out.pem").exists(), "out.pem was written");
    let r = env.kt("-certreq -alias k -file k.csr -keystore big.p12 -storepass changeit");
    assert_eq!(
        r.status, 1,
        "keytool used the key:\n{}{}",
        r.stdout, r.stderr
    );
}

/// PKCS#12 PBE in a key file (3-key and 2-key 3DES, and RC2-40, which key
/// files once refused) with a password outside the BMP: OpenSSL encodes it
/// as surrogate pairs, and so do we.
#[test]
fn key_files_under_every_pkcs12_cipher_open_with_a_non_bmp_password() {
    let env = Env::new();
    key_and_cert(&env);
    env.sh_openssl("pkey -in key.pem -out want.pem").ok();
    for (i, v1) in ["PBE-SHA1-3DES", "PBE-SHA1-2DES", "PBE-SHA1-RC2-40"]
        .iter()
        .enumerate()
    {
        let legacy = if v1.contains("RC2") {
            " -provider legacy -provider default"
        } else {
            ""
        };
        env.sh_openssl(&format!(
            "pkcs8 -topk8 -v1 {v1}{legacy} -in key.pem -passout 'pass:{WIDE_PW}' -out {i}.pem"
        ))
        .ok();
        env.sh(&format!(
            "-importkey -alias k{i} -keyfile {i}.pem -keyfilepass '{WIDE_PW}' -file cert.pem -keystore ks.p12 -storepass changeit"
        ))
        .ok();
        env.sh(&format!(
            "-exportkey -alias k{i} -nocrypt -file {i}.out.pem -keystore ks.p12 -storepass changeit"
        ))
        .ok();
        assert_eq!(
            env.read(&format!("{i}.out.pem")),
            env.read("want.pem"),
            "{v1}"
        );
        // The wrong password is the one clear line it is for every key file.
        env.sh(&format!(
            "-importkey -alias x -keyfile {i}.pem -keyfilepass 'päss\u{FFFD}word' -file cert.pem -keystore ks.p12 -storepass changeit"
        ))
        .fails_with(&format!("rkeytool error: Cannot decrypt {i}.pem: wrong password"));
    }
}

/// A PKCS#12 store OpenSSL wrote with -legacy (3DES key, RC2-40
/// certificates, SHA-1 MAC) under a password outside the BMP opens with
/// it, and a wrong one is keytool's "keystore password was incorrect".
#[test]
fn pkcs12_with_a_non_bmp_password_opens() {
    let env = Env::new();
    key_and_cert(&env);
    env.sh_openssl(&format!(
        "pkcs12 -export -legacy -in cert.pem -inkey key.pem -name k -passout 'pass:{WIDE_PW}' -out wide.p12"
    ))
    .ok();
    let out = env
        .sh(&format!("-list -keystore wide.p12 -storepass '{WIDE_PW}'"))
        .ok()
        .stdout;
    assert!(out.contains("k, "), "{out}");
    env.sh(&format!(
        "-exportkey -alias k -nocrypt -file k.pem -keystore wide.p12 -storepass '{WIDE_PW}'"
    ))
    .ok();
    env.sh("-list -keystore wide.p12 -storepass 'päss\u{FFFD}word'")
        .fails_with("keystore password was incorrect");
}
