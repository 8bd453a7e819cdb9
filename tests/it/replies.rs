//! Issue 3: certificate replies, trusted certificates, -exportcert, -gencert.

use crate::util::*;

/// Makes an rkeytool key entry, its CSR, and a reply signed by the OpenSSL fixture CA.
fn key_and_openssl_reply(env: &Env, store: &str, storetype: &str) {
    env.sh(&format!("-genkeypair -keyalg RSA -alias app -dname 'CN=app.example.com, O=Partner, C=FR' -keystore {store} -storetype {storetype} -storepass {PW}"))
    .ok();
    env.sh(&format!(
        "-certreq -alias app -keystore {store} -storepass {PW} -file app.csr"
    ))
    .ok();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    std::fs::copy(fixture("ca.key"), env.path("ca.key")).unwrap();
    env.sh_openssl("x509 -req -in app.csr -CA ca.pem -CAkey ca.key -CAcreateserial -CAserial ca.srl -days 30 -out app.pem")
    .ok();
}

#[test]
fn openssl_signed_reply_round_trip_pkcs12_and_jks() {
    for (store, t) in [("r.p12", "PKCS12"), ("r.jks", "JKS")] {
        let env = Env::new();
        key_and_openssl_reply(&env, store, t);
        // Leaf only and the CA not trusted yet: keytool's refusal, nothing changed.
        let before = env.read(store);
        env.sh(&format!(
            "-importcert -alias app -file app.pem -keystore {store} -storepass {PW}"
        ))
        .fails_with("Failed to establish chain from reply");
        assert_eq!(env.read(store), before);
        // The CA, trusted without a prompt.
        let r = env.sh(&format!("-importcert -alias partnerca -file ca.pem -keystore {store} -storepass {PW} -noprompt"))
            .ok();
        assert!(r.stderr.contains("Certificate was added to keystore"));
        let r = env
            .sh(&format!(
                "-importcert -alias app -file app.pem -keystore {store} -storepass {PW}"
            ))
            .ok();
        assert!(
            r.stderr
                .contains("Certificate reply was installed in keystore"),
            "{}",
            r.stderr
        );
        // keytool sees the chain, leaf first, and can still use the key.
        let l = env
            .kt(&format!(
                "-list -v -alias app -keystore {store} -storepass {PW}"
            ))
            .ok();
        assert!(
            l.stdout.contains("Certificate chain length: 2"),
            "{}",
            l.stdout
        );
        let first_owner = l.stdout.lines().find(|x| x.starts_with("Owner:")).unwrap();
        assert!(first_owner.contains("CN=app.example.com"));
        env.kt(&format!(
            "-certreq -alias app -keystore {store} -storepass {PW} -file again.csr"
        ))
        .ok();
        let t = env
            .kt(&format!("-list -keystore {store} -storepass {PW}"))
            .ok();
        assert!(
            t.stdout.contains("partnerca, ") && t.stdout.contains("trustedCertEntry"),
            "{}",
            t.stdout
        );
        // The same reply again: keytool's words, exit 1, bytes unchanged.
        let before = env.read(store);
        env.sh(&format!(
            "-importcert -alias app -file app.pem -keystore {store} -storepass {PW}"
        ))
        .fails_with("Certificate reply and certificate in keystore are identical");
        env.sh(&format!(
            "-importcert -alias partnerca -file ca.pem -keystore {store} -storepass {PW} -noprompt"
        ))
        .fails_with("Certificate not imported, alias <partnerca> already exists");
        assert_eq!(env.read(store), before);
        // -exportcert -chain gives both, leaf first; openssl verifies the leaf against the CA.
        env.sh(&format!(
            "-exportcert -rfc -chain -alias app -keystore {store} -storepass {PW} -file chain.pem"
        ))
        .ok();
        let v = env.sh_openssl("verify -CAfile ca.pem chain.pem").ok();
        assert!(v.stdout.contains("chain.pem: OK"));
    }
}

#[test]
fn reply_as_pkcs7_and_pem_bundle_in_any_order() {
    let env = Env::new();
    key_and_openssl_reply(&env, "b.p12", "PKCS12");
    // CA first, leaf second, text around them: a bundle as CAs send it.
    let bundle = format!(
        "CA certificate:\n{}\nYour certificate:\n{}",
        String::from_utf8(env.read("ca.pem")).unwrap(),
        String::from_utf8(env.read("app.pem")).unwrap()
    );
    std::fs::write(env.path("bundle.pem"), bundle).unwrap();
    let before = env.read("b.p12");
    // The root in the reply is not trusted by the store: no terminal, no -noprompt → error.
    env.sh(&format!(
        "-importcert -alias app -file bundle.pem -keystore b.p12 -storepass {PW}"
    ))
    .fails_with("not installed");
    assert_eq!(env.read("b.p12"), before);
    env.sh(&format!(
        "-importcert -alias app -file bundle.pem -keystore b.p12 -storepass {PW} -noprompt"
    ))
    .ok();
    let l = env
        .kt(&format!(
            "-list -v -alias app -keystore b.p12 -storepass {PW}"
        ))
        .ok();
    assert!(l.stdout.contains("Certificate chain length: 2"));

    // The same as DER PKCS#7 (openssl crl2pkcs7) into a fresh entry's keystore.
    let env2 = Env::new();
    key_and_openssl_reply(&env2, "c.p12", "PKCS12");
    env2.sh_openssl(
        "crl2pkcs7 -nocrl -certfile app.pem -certfile ca.pem -outform DER -out reply.p7b",
    )
    .ok();
    env2.sh(&format!(
        "-importcert -alias app -file reply.p7b -keystore c.p12 -storepass {PW} -noprompt"
    ))
    .ok();
    let l = env2
        .kt(&format!(
            "-list -v -alias app -keystore c.p12 -storepass {PW}"
        ))
        .ok();
    assert!(l.stdout.contains("Certificate chain length: 2"));
}

#[test]
fn reply_for_another_key_is_refused() {
    let env = Env::new();
    key_and_openssl_reply(&env, "k.p12", "PKCS12");
    env.sh(&format!(
        "-genkeypair -keyalg RSA -alias other -dname CN=other -keystore k.p12 -storepass {PW}"
    ))
    .ok();
    env.sh(&format!(
        "-importcert -alias partnerca -file ca.pem -keystore k.p12 -storepass {PW} -noprompt"
    ))
    .ok();
    let before = env.read("k.p12");
    env.sh(&format!(
        "-importcert -alias other -file app.pem -keystore k.p12 -storepass {PW}"
    ))
    .fails_with("Public keys in reply and keystore don't match");
    let both = format!(
        "{}{}",
        String::from_utf8(env.read("app.pem")).unwrap(),
        String::from_utf8(env.read("ca.pem")).unwrap()
    );
    std::fs::write(env.path("both.pem"), both).unwrap();
    env.sh(&format!(
        "-importcert -alias other -file both.pem -keystore k.p12 -storepass {PW}"
    ))
    .fails_with("Certificate reply does not contain public key for <other>");
    assert_eq!(env.read("k.p12"), before);
}

#[test]
fn trusted_certificate_needs_noprompt_without_a_terminal() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    env.sh(&format!(
        "-importcert -alias ca -file ca.pem -keystore t.p12 -storepass {PW}"
    ))
    .fails_with("Certificate was not added to keystore");
    assert!(!env.path("t.p12").exists());
    env.sh(&format!(
        "-importcert -alias ca -file ca.pem -keystore t.p12 -storepass {PW} -noprompt"
    ))
    .ok();
    // keytool lists it: the PKCS12 trusted-key-usage attribute is there.
    let l = env
        .kt(&format!("-list -keystore t.p12 -storepass {PW}"))
        .ok();
    assert!(l.stdout.contains("ca, ") && l.stdout.contains("trustedCertEntry"));
    // Under a second alias it is a duplicate: asked, refused without a terminal.
    env.sh(&format!(
        "-importcert -alias ca2 -file ca.pem -keystore t.p12 -storepass {PW}"
    ))
    .fails_with("Certificate was not added to keystore");
}

#[test]
fn exportcert_is_byte_identical_to_keytools() {
    let env = Env::new();
    for f in ["keytool17.p12", "keytool17.jks"] {
        env.copy_fixture(f);
        for (alias, rfc) in [
            ("server", false),
            ("server", true),
            ("fixtureca", true),
            ("fixtureca", false),
        ] {
            let mut a = vec![
                "-exportcert",
                "-alias",
                alias,
                "-keystore",
                f,
                "-storepass",
                PW,
                "-file",
            ];
            if rfc {
                a.push("out.pem");
                a.push("-rfc");
            } else {
                a.push("out.der");
            }
            let name = if rfc { "out.pem" } else { "out.der" };
            env.keytool(&a).ok();
            let theirs = env.read(name);
            env.rk(&a).ok();
            assert_eq!(env.read(name), theirs, "{f} {alias} rfc={rfc}");
        }
    }
}

/// rkeytool acts as a small CA: `-genkeypair -ext bc:c`, then `-gencert`;
/// OpenSSL verifies the result and keytool takes it as a reply.
#[test]
fn gencert_signs_keytool_requests_and_openssl_verifies() {
    let env = Env::new();
    env.sh(&format!("-genkeypair -keyalg RSA -alias ca -dname 'CN=Small CA, O=Partner' -ext bc:c -keystore ca.p12 -storepass {PW}"))
    .ok();
    env.sh(&format!(
        "-exportcert -rfc -alias ca -keystore ca.p12 -storepass {PW} -file ca.pem"
    ))
    .ok();
    // keytool makes the key and the request.
    env.kt(&format!(
        "-genkeypair -keyalg RSA -alias app -dname CN=app -keystore app.p12 -storepass {PW}"
    ))
    .ok();
    env.kt(&format!("-certreq -alias app -keystore app.p12 -storepass {PW} -file app.csr -ext SAN=dns:app.example.com"))
    .ok();
    env.sh(&format!("-gencert -alias ca -keystore ca.p12 -storepass {PW} -infile app.csr -outfile app.pem -rfc -ext honored=all -ext KU=dig,keyE -validity 30"))
    .ok();
    let v = env.sh_openssl("verify -CAfile ca.pem app.pem").ok();
    assert!(v.stdout.contains("app.pem: OK"), "{}", v.stdout);
    let t = env.sh_openssl("x509 -in app.pem -noout -text").ok();
    assert!(
        t.stdout.contains("DNS:app.example.com"),
        "honored=all copies the SAN:\n{}",
        t.stdout
    );
    assert!(t.stdout.contains("X509v3 Authority Key Identifier"));
    assert!(t.stdout.contains("Digital Signature, Key Encipherment"));
    // The same request signed by keytool has the same extensions, in the same order.
    env.kt(&format!("-gencert -alias ca -keystore ca.p12 -storepass {PW} -infile app.csr -outfile kt.pem -rfc -ext honored=all -ext KU=dig,keyE -validity 30"))
    .ok();
    let ours = env.kt("-printcert -file app.pem").ok().stdout;
    let theirs = env.kt("-printcert -file kt.pem").ok().stdout;
    let exts = |s: &str| {
        s.split("Extensions:")
            .nth(1)
            .unwrap_or_else(|| panic!("no extensions in:\n{s}"))
            .lines()
            .filter(|l| !l.starts_with("00"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(exts(&ours), exts(&theirs));
    // keytool installs our certificate as the reply (CA trusted first).
    env.kt(&format!(
        "-importcert -noprompt -alias ca -file ca.pem -keystore app.p12 -storepass {PW}"
    ))
    .ok();
    env.kt(&format!(
        "-importcert -alias app -file app.pem -keystore app.p12 -storepass {PW}"
    ))
    .ok();
    // DER by default, to stdout without -outfile.
    let der = std::process::Command::new(rkeytool_bin())
        .args([
            "-gencert",
            "-alias",
            "ca",
            "-keystore",
            "ca.p12",
            "-storepass",
            PW,
            "-infile",
            "app.csr",
        ])
        .current_dir(env.dir.path())
        .env("HOME", env.dir.path())
        .output()
        .unwrap();
    assert_eq!(der.status.code(), Some(0));
    assert_eq!(der.stdout[0], 0x30);
    // A damaged request is refused naming the file.
    std::fs::write(
        env.path("bad.csr"),
        b"-----BEGIN NEW CERTIFICATE REQUEST-----\nAAAA\n-----END NEW CERTIFICATE REQUEST-----\n",
    )
    .unwrap();
    env.sh(&format!(
        "-gencert -alias ca -keystore ca.p12 -storepass {PW} -infile bad.csr"
    ))
    .fails_with("rkeytool error: bad.csr: damaged or truncated PKCS#10 request data: unknown/unsupported ASN.1 DER tag: 0x00 at DER byte 1");
}

/// `-printcert` and `-printcertreq` print what keytool prints.
#[test]
fn printcert_and_printcertreq_match_keytool() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    env.copy_fixture("keytool17.p12");
    env.kt(&format!(
        "-exportcert -rfc -alias server -keystore keytool17.p12 -storepass {PW} -file server.pem"
    ))
    .ok();
    env.kt(&format!(
        "-exportcert -alias server -keystore keytool17.p12 -storepass {PW} -file server.der"
    ))
    .ok();
    let chain = format!(
        "{}{}",
        String::from_utf8(env.read("server.pem")).unwrap(),
        String::from_utf8(env.read("ca.pem")).unwrap()
    );
    std::fs::write(env.path("chain.pem"), chain).unwrap();
    env.sh_openssl("crl2pkcs7 -nocrl -certfile chain.pem -out chain.p7b")
        .ok();
    for f in ["ca.pem", "server.der", "chain.pem", "chain.p7b"] {
        for rfc in [false, true] {
            let mut a = vec!["-printcert", "-file", f];
            if rfc {
                a.push("-rfc");
            }
            assert_same_text(
                &env.rk(&a).ok().stdout,
                &env.keytool(&a).ok().stdout,
                &format!("printcert {f} rfc={rfc}"),
            );
        }
    }
    env.kt(&format!("-certreq -alias server -keystore keytool17.p12 -storepass {PW} -file s.csr -ext EKU=serverAuth"))
    .ok();
    let a = ["-printcertreq", "-file", "s.csr"];
    assert_same_text(
        &env.rk(&a).ok().stdout,
        &env.keytool(&a).ok().stdout,
        "printcertreq",
    );
    std::fs::write(env.path("junk.txt"), b"not a certificate").unwrap();
    env.sh("-printcert -file junk.txt")
        .fails_with("Failed to parse input");
}

/// Our CSR signed by `keytool -gencert`, imported by us; and a keytool-made
/// keystore receiving a reply through us. keytool reads both afterwards.
#[test]
fn keytool_ca_reply_into_our_store_and_our_import_into_keytools_store() {
    let env = Env::new();
    env.kt(&format!("-genkeypair -keyalg RSA -alias ca -dname 'CN=Keytool CA' -ext bc:c -keystore ca.p12 -storepass {PW}"))
    .ok();
    env.kt(&format!(
        "-exportcert -rfc -alias ca -keystore ca.p12 -storepass {PW} -file ca.pem"
    ))
    .ok();
    // Ours → keytool CA → ours.
    env.sh(&format!("-genkeypair -keyalg RSA -alias app -dname CN=app -keystore ours.jks -storetype JKS -storepass {PW}"))
    .ok();
    env.sh(&format!(
        "-certreq -alias app -keystore ours.jks -storepass {PW} -file app.csr"
    ))
    .ok();
    env.kt(&format!(
        "-gencert -alias ca -keystore ca.p12 -storepass {PW} -infile app.csr -outfile app.cer"
    ))
    .ok();
    env.sh(&format!(
        "-importcert -noprompt -alias ca -file ca.pem -keystore ours.jks -storepass {PW}"
    ))
    .ok();
    env.sh(&format!(
        "-importcert -alias app -file app.cer -keystore ours.jks -storepass {PW}"
    ))
    .ok();
    let l = env
        .kt(&format!(
            "-list -v -alias app -keystore ours.jks -storepass {PW}"
        ))
        .ok();
    assert!(
        l.stdout.contains("Certificate chain length: 2")
            && l.stdout.contains("Issuer: CN=Keytool CA"),
        "{}",
        l.stdout
    );
    env.kt(&format!(
        "-certreq -alias app -keystore ours.jks -storepass {PW} -file again.csr"
    ))
    .ok();
    // keytool's store ← a reply chain (leaf + CA, PKCS#7) imported by us.
    env.kt(&format!(
        "-genkeypair -keyalg RSA -alias srv -dname CN=srv -keystore theirs.p12 -storepass {PW}"
    ))
    .ok();
    env.kt(&format!(
        "-certreq -alias srv -keystore theirs.p12 -storepass {PW} -file srv.csr"
    ))
    .ok();
    env.kt(&format!(
        "-gencert -alias ca -keystore ca.p12 -storepass {PW} -infile srv.csr -outfile srv.pem -rfc"
    ))
    .ok();
    let chain = format!(
        "{}{}",
        String::from_utf8(env.read("srv.pem")).unwrap(),
        String::from_utf8(env.read("ca.pem")).unwrap()
    );
    std::fs::write(env.path("chain.pem"), chain).unwrap();
    env.sh_openssl("crl2pkcs7 -nocrl -certfile chain.pem -outform DER -out chain.p7b")
        .ok();
    env.sh(&format!(
        "-importcert -noprompt -alias srv -file chain.p7b -keystore theirs.p12 -storepass {PW}"
    ))
    .ok();
    let l = env
        .kt(&format!(
            "-list -v -alias srv -keystore theirs.p12 -storepass {PW}"
        ))
        .ok();
    assert!(
        l.stdout.contains("Certificate chain length: 2"),
        "{}",
        l.stdout
    );
    env.kt(&format!(
        "-certreq -alias srv -keystore theirs.p12 -storepass {PW} -file srv2.csr"
    ))
    .ok();
}
