//! PKCS#12 files whose MAC is PBMAC1 (RFC 9579): the RFC's Appendix A
//! vectors (fixtures/pbmac1, checked against OpenSSL by
//! scripts/gen-pbmac1-fixtures.sh). The valid ones open and their key is
//! used; the invalid ones are refused with one line, the file unchanged.

use crate::util::{Env, fixture};

/// Copies the RFC vector `v` ("A.1") into the test folder as `A.1.p12`.
fn vector(env: &Env, v: &str) -> String {
    let f = format!("{v}.p12");
    std::fs::copy(fixture(&format!("pbmac1/{f}")), env.path(&f)).expect("copy vector");
    f
}

/// The certificate of every RFC 9579 vector (CN=tt, self-signed).
const RFC_CERT_SHA256: &str = "4E:31:DC:3D:44:48:EC:B3:05:91:FA:24:75:FA:1C:9A:BE:FA:A0:42:9B:A4:3C:45:B3:4A:CA:2F:EC:DD:B9:16";

#[test]
fn the_valid_rfc_9579_vectors_open_and_their_key_signs() {
    let env = Env::new();
    for v in ["A.1", "A.2", "A.3"] {
        let f = vector(&env, v);
        let r = env.sh(&format!("-list -keystore {f} -storepass 1234")).ok();
        assert!(
            r.stdout.contains("Your keystore contains 1 entry"),
            "{v}: {}",
            r.stdout
        );
        assert!(r.stdout.contains("PrivateKeyEntry"), "{v}: {}", r.stdout);
        assert!(r.stdout.contains(RFC_CERT_SHA256), "{v}: {}", r.stdout);

        // The key is usable: a request signed with it verifies under the certificate's key.
        env.sh(&format!(
            "-certreq -alias 1 -keystore {f} -storepass 1234 -file {v}.csr"
        ))
        .ok();
        env.sh_openssl(&format!("req -in {v}.csr -verify -noout"))
            .ok();
        env.sh(&format!(
            "-exportcert -rfc -alias 1 -keystore {f} -storepass 1234 -file {v}.crt"
        ))
        .ok();
        let cert_key = env
            .sh_openssl(&format!("x509 -in {v}.crt -noout -pubkey"))
            .ok()
            .stdout;
        let req_key = env
            .sh_openssl(&format!("req -in {v}.csr -noout -pubkey"))
            .ok()
            .stdout;
        assert_eq!(cert_key, req_key, "{v}");
    }
}

#[test]
fn a_pbmac1_store_converts_to_a_pkcs12_openssl_reads() {
    let env = Env::new();
    vector(&env, "A.1");
    env.sh("-importkeystore -srckeystore A.1.p12 -srcstorepass 1234 -destkeystore out.p12 -deststorepass changeit -noprompt").ok();
    env.sh_openssl("pkcs12 -in out.p12 -passin pass:changeit -nodes -out out.pem")
        .ok();
    let pem = String::from_utf8(env.read("out.pem")).unwrap();
    assert!(
        pem.contains("BEGIN PRIVATE KEY") && pem.contains("BEGIN CERTIFICATE"),
        "{pem}"
    );
}

#[test]
fn a_pbmac1_store_lists_without_its_password_as_keytool_would() {
    let env = Env::new();
    vector(&env, "A.2");
    let r = env.sh("-list -keystore A.2.p12").ok();
    assert!(
        r.stdout.contains("Your keystore contains 1 entry"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("has NOT been verified"), "{}", r.stderr);
}

#[test]
fn the_invalid_rfc_9579_vectors_are_refused_in_one_line_and_left_alone() {
    let env = Env::new();
    for (v, message) in [
        // Wrong PBKDF2 iteration count, wrong PBKDF2 salt: the MAC does not verify,
        // which no reader can tell from a wrong password.
        ("A.4", "rkeytool error: keystore password was incorrect"),
        ("A.5", "rkeytool error: keystore password was incorrect"),
        (
            "A.6",
            "rkeytool error: A.6.p12: unsupported: PKCS#12 PBMAC1 MAC without a PBKDF2 key length (RFC 9579 requires one)",
        ),
    ] {
        let f = vector(&env, v);
        let before = env.read(&f);
        env.sh(&format!("-list -keystore {f} -storepass 1234"))
            .fails_with(message);
        env.sh(&format!(
            "-changealias -alias 1 -destalias 2 -keystore {f} -storepass 1234"
        ))
        .fails_with(message);
        assert_eq!(env.read(&f), before, "{v} changed");
    }
}

#[test]
fn a_wrong_password_on_a_pbmac1_store_is_keytools_message() {
    let env = Env::new();
    vector(&env, "A.3");
    env.sh("-list -keystore A.3.p12 -storepass 12345")
        .fails_with("rkeytool error: keystore password was incorrect");
}
