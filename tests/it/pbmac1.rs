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

/// Opens `file` with Python `cryptography` (its bundled OpenSSL, 3.4 or
/// later, reads PBMAC1; scripts/test.sh installs it): prints the key's type
/// and the certificate's subject, or fails.
fn python_opens(env: &Env, file: &str, password: &str) -> crate::util::Run {
    const SCRIPT: &str = "import sys, warnings\n\
warnings.simplefilter('ignore')\n\
from cryptography.hazmat.backends.openssl import backend\n\
assert backend.openssl_version_number() >= 0x30400000, 'cryptography bundles ' + backend.openssl_version_text() + ', which cannot read PBMAC1: pip install cryptography>=48'\n\
from cryptography.hazmat.primitives.serialization import pkcs12\n\
p = pkcs12.load_pkcs12(open(sys.argv[1], 'rb').read(), sys.argv[2].encode())\n\
print(type(p.key).__name__, p.cert.certificate.subject.rfc4514_string(), p.cert.friendly_name.decode())\n";
    env.tool(
        std::path::Path::new("python3"),
        &["-c", SCRIPT, file, password],
    )
}

#[test]
fn macalg_pbmac1_writes_a_store_openssl_4_opens_and_rkeytool_reads_back() {
    let env = Env::new();
    env.sh("-genkeypair -alias server -keyalg EC -dname CN=server -keystore pb.p12 -storepass changeit -macalg PBMAC1")
        .ok();
    let der = env
        .sh_openssl("asn1parse -inform DER -in pb.p12")
        .ok()
        .stdout;
    assert!(der.contains(":PBMAC1") && der.contains(":PBKDF2"), "{der}");
    let r = python_opens(&env, "pb.p12", "changeit").ok();
    assert!(r.stdout.contains("CN=server server"), "{}", r.stdout);
    let wrong = python_opens(&env, "pb.p12", "changeiu");
    assert_ne!(
        wrong.status, 0,
        "a wrong password opened it: {}",
        wrong.stdout
    );
    assert!(
        wrong.stderr.contains("Invalid password"),
        "{}",
        wrong.stderr
    );

    // Adding to it keeps PBMAC1 only when asked again, as keytool writes its configured MAC.
    env.sh("-genkeypair -alias second -keyalg EC -dname CN=second -keystore pb.p12 -storepass changeit -macalg pbmac1")
        .ok();
    let r = env.sh("-list -keystore pb.p12 -storepass changeit").ok();
    assert!(
        r.stdout.contains("Your keystore contains 2 entries"),
        "{}",
        r.stdout
    );
    assert!(
        python_opens(&env, "pb.p12", "changeit")
            .ok()
            .stdout
            .contains("CN=server server")
    );
}

#[test]
fn macalg_refuses_what_it_cannot_write_before_touching_the_store() {
    let env = Env::new();
    env.sh("-genkeypair -alias a -keyalg EC -dname CN=a -keystore s.p12 -storepass changeit")
        .ok();
    let before = env.read("s.p12");
    env.sh("-genkeypair -alias b -keyalg EC -dname CN=b -keystore s.p12 -storepass changeit -macalg HmacPBESHA512")
        .fails_with("rkeytool error: HmacPBESHA512 not supported for -macalg");
    env.sh("-genkeypair -alias b -keyalg EC -dname CN=b -keystore s.p12 -storepass changeit -macalg PBMAC1 -J-Dkeystore.pkcs12.legacy")
        .fails_with("rkeytool error: -macalg PBMAC1 and legacy PKCS12 protection cannot be combined");
    assert_eq!(env.read("s.p12"), before);
}

#[test]
fn pbmac1_converts_both_ways_verifies_and_jdk_25_keytool_cannot_read_it() {
    let env = Env::new();
    env.sh("-genkeypair -alias app -keyalg EC -dname CN=app -keystore src.jks -storetype JKS -storepass changeit -keypass changeit")
        .ok();
    env.sh("-importkeystore -srckeystore src.jks -srcstorepass changeit -destkeystore pb.p12 -deststorepass changeit -macalg PBMAC1")
        .ok();
    assert!(
        python_opens(&env, "pb.p12", "changeit")
            .ok()
            .stdout
            .contains("CN=app app")
    );
    env.sh("-verify -keystore pb.p12 -storepass changeit").ok();
    // keytool 25 has no PBMAC1: what the README says of it.
    let kt = env.sh_keytool(
        &crate::util::keytool_of(crate::util::Jdk::V25),
        "-list -keystore pb.p12 -storepass changeit",
    );
    assert_ne!(kt.status, 0, "keytool 25 read PBMAC1: {}", kt.stdout);
    assert!(
        kt.stdout
            .contains("Algorithm HmacPBE1.2.840.113549.1.5.14 not available"),
        "{}{}",
        kt.stdout,
        kt.stderr
    );
}
