//! Issue 17: only keys the JDK can use, and every key algorithm keytool makes.
//! Key fixtures are made by scripts/gen-jdk-key-fixtures.sh (fixtures/jdk-keys/README.md).

use crate::util::*;

/// The password of the encrypted key fixtures.
const KEY_PW: &str = "fixture-pass";

/// Copies fixtures/jdk-keys/NAME into the test folder, so messages name it shortly.
fn jdk_key(env: &Env, name: &str) {
    std::fs::copy(fixture(&format!("jdk-keys/{name}")), env.path(name)).expect("copy fixture");
}

/// The first line of stderr, which must be the whole error.
#[track_caller]
fn error_line(r: Run) -> String {
    let r = r.fails_with("rkeytool error: ");
    r.stderr.lines().next().unwrap_or_default().to_string()
}

// ---------------------------------------------------------------------------
// Keys the JDK cannot use: refused, nothing written
// ---------------------------------------------------------------------------

/// Each key decodes, but keytool 17 and 25's KeyFactory or Signature fail on
/// it (see fixtures/jdk-keys/README.md), or it is ambiguous: -importkey
/// refuses it with one line, into an existing store (left byte for byte) and
/// into a new one (not created).
#[test]
fn keys_the_jdk_cannot_use_are_refused_and_nothing_is_written() {
    let env = Env::new();
    let cases = [
        (
            "rsa-multiprime.pem",
            "rsa-multiprime.crt",
            "multi-prime RSA keys are not supported by Java keystores",
        ),
        (
            "ec-version0.der",
            "ec-p256.crt",
            "EC private key version 0 is not supported by Java keystores (the JDK reads only version 1)",
        ),
        (
            "ec-secp128r1.pem",
            "ec-secp128r1.crt",
            "EC curve secp128r1 (1.3.132.0.28) is not supported by Java keystores (the JDK signs on secp256r1, secp384r1 and secp521r1 only)",
        ),
        (
            "ec-secp256k1.pem",
            "ec-secp256k1.crt",
            "EC curve secp256k1 (1.3.132.0.10) is not supported by Java keystores (the JDK signs on secp256r1, secp384r1 and secp521r1 only)",
        ),
        (
            "ec-explicit.pem",
            "ec-explicit.crt",
            "unsupported: explicit EC parameters",
        ),
        (
            "ec-explicit-pkcs8.pem",
            "ec-explicit.crt",
            "unsupported: explicit EC parameters",
        ),
        (
            "ec-curves-disagree.der",
            "ec-p256.crt",
            "EC key's curve parameters disagree",
        ),
        (
            "rsa-rc2-40.pem",
            "rsa.crt",
            "unsupported: RC2-40 encrypted key",
        ),
    ];
    for (key, cert, _) in &cases {
        jdk_key(&env, key);
        jdk_key(&env, cert);
    }
    env.sh(
        "-genkeypair -alias kept -keyalg EC -dname CN=kept -keystore ks.p12 -storepass changeit",
    )
    .ok();
    env.sh("-genkeypair -alias kept -keyalg RSA -dname CN=kept -keystore ks.jks -storetype JKS -storepass changeit")
        .ok();
    let p12 = env.read("ks.p12");
    let jks = env.read("ks.jks");
    for (key, cert, message) in cases {
        for store in ["ks.p12", "ks.jks", "new.p12"] {
            let line = error_line(env.sh(&format!(
                "-importkey -alias refused -keyfile {key} -file {cert} -keyfilepass {KEY_PW} -keystore {store} -storepass changeit"
            )));
            assert_eq!(line, format!("rkeytool error: {key}: {message}"), "{store}");
        }
    }
    assert_eq!(env.read("ks.p12"), p12, "ks.p12 changed");
    assert_eq!(env.read("ks.jks"), jks, "ks.jks changed");
    assert!(!env.path("new.p12").exists(), "new.p12 was created");

    // The P-256 key the two hand-assembled ones came from is itself fine,
    // and so is the RSA key once decrypted by a cipher we support.
    jdk_key(&env, "ec-p256.pem");
    jdk_key(&env, "rsa.pem");
    env.sh("-importkey -alias p256 -keyfile ec-p256.pem -file ec-p256.crt -keystore ks.p12 -storepass changeit")
        .ok();
    env.sh(
        "-importkey -alias rsa -keyfile rsa.pem -file rsa.crt -keystore ks.p12 -storepass changeit",
    )
    .ok();
    let list = env
        .kt("-list -keystore ks.p12 -storepass changeit")
        .ok()
        .stdout;
    assert!(list.contains("Your keystore contains 3 entries"), "{list}");
}

/// -exportkey writes PKCS#8 v1 whatever form the key came in: a PKCS#8 v2
/// key with its public key and an attribute (which OpenSSL 3.0 cannot read)
/// comes out as exactly the v1 form OpenSSL writes of the same key, plain
/// and encrypted.
#[test]
fn exportkey_writes_pkcs8_v1_whatever_the_input_form() {
    let env = Env::new();
    for f in ["ed25519-v2.der", "ed25519.crt", "ed25519.pem"] {
        jdk_key(&env, f);
    }
    // OpenSSL 3.0 cannot read the v2 form: the reason for writing v1.
    let r = env.sh_openssl("pkey -inform DER -in ed25519-v2.der -noout");
    assert_ne!(r.status, 0, "OpenSSL read the v2 key:\n{}", r.stdout);
    env.sh("-importkey -alias v2 -keyfile ed25519-v2.der -file ed25519.crt -keystore ks.p12 -storepass changeit")
        .ok();
    env.sh("-exportkey -alias v2 -nocrypt -file plain.pem -keystore ks.p12 -storepass changeit")
        .ok();
    env.sh("-exportkey -alias v2 -keyfilepass export-pass -file enc.pem -keystore ks.p12 -storepass changeit")
        .ok();
    env.sh_openssl("pkey -in ed25519.pem -outform DER -out want.der")
        .ok();
    // The PEM's own bytes, not OpenSSL's re-encoding of them.
    env.sh_openssl("asn1parse -in plain.pem -noout -out plain.der")
        .ok();
    env.sh_openssl("pkey -in plain.pem -noout").ok();
    env.sh_openssl("pkcs8 -in enc.pem -passin pass:export-pass -outform DER -out enc.der")
        .ok();
    let want = env.read("want.der");
    assert_eq!(
        want[..5],
        [0x30, 0x2e, 0x02, 0x01, 0x00],
        "OpenSSL's v1 form"
    );
    assert_eq!(env.read("plain.der"), want);
    assert_eq!(env.read("enc.der"), want);
}
