//! Issue 6: -verify findings and -json output, on stores made by keytool and OpenSSL.

use crate::util::*;

fn verify(env: &Env, store: &str, extra: &[&str]) -> Run {
    let mut a = vec!["-verify", "-keystore", store, "-storepass", PW];
    a.extend_from_slice(extra);
    env.rk(&a)
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

fn codes(v: &serde_json::Value, alias: &str) -> Vec<String> {
    v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["alias"] == alias)
        .unwrap()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}",
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn healthy_store_with_a_ca_chain_passes() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    std::fs::copy(fixture("ca.key"), env.path("ca.key")).unwrap();
    env.sh(&format!(
        "-genkeypair -keyalg RSA -alias app -dname CN=app -keystore ok.p12 -storepass {PW}"
    ))
    .ok();
    env.sh(&format!(
        "-certreq -alias app -keystore ok.p12 -storepass {PW} -file app.csr"
    ))
    .ok();
    env.sh_openssl("x509 -req -in app.csr -CA ca.pem -CAkey ca.key -CAcreateserial -CAserial ca.srl -days 365 -out app.pem")
    .ok();
    env.sh(&format!(
        "-importcert -noprompt -alias ca -file ca.pem -keystore ok.p12 -storepass {PW}"
    ))
    .ok();
    env.sh(&format!(
        "-importcert -alias app -file app.pem -keystore ok.p12 -storepass {PW}"
    ))
    .ok();
    let r = verify(&env, "ok.p12", &[]).ok();
    assert!(
        r.stdout.contains("app: ok") && r.stdout.contains("ca: ok"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("OK: 2 entries, 0 errors, 0 warnings"),
        "{}",
        r.stdout
    );
    let v = json(&verify(&env, "ok.p12", &["-json"]).ok());
    assert_eq!(v["status"], "ok");
    // The JSON's fingerprints equal keytool's for the same store.
    let kt = env
        .kt(&format!(
            "-list -v -keystore ok.p12 -storepass {PW} -alias app"
        ))
        .ok()
        .stdout;
    let leaf = &v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["alias"] == "app")
        .unwrap()["chain"][0];
    assert!(kt.contains(&format!("SHA256: {}", leaf["sha256"].as_str().unwrap())));
    assert!(kt.contains(&format!("SHA1: {}", leaf["sha1"].as_str().unwrap())));
    // Bad password: an integrity error, exit 1.
    let bad = env.sh("-verify -keystore ok.p12 -storepass wrongpass");
    assert_eq!(bad.status, 1);
    assert!(bad.stdout.contains("integrity"), "{}", bad.stdout);
}

#[test]
fn expiry_weak_choices_and_jks_are_reported_with_their_severity() {
    let env = Env::new();
    // An expired certificate, made with keytool -startdate.
    env.kt(&format!("-genkeypair -keyalg RSA -alias old -dname CN=old -startdate -400d -validity 10 -keystore k.p12 -storepass {PW}"))
    .ok();
    // One expiring in 10 days, a 1024-bit key, and a SHA1withRSA certificate signed by a CA (non-root).
    env.kt(&format!("-genkeypair -keyalg RSA -alias soon -dname CN=soon -validity 10 -keystore k.p12 -storepass {PW}"))
    .ok();
    env.kt(&format!("-genkeypair -keyalg RSA -keysize 1024 -alias small -dname CN=small -keystore k.p12 -storepass {PW}"))
    .ok();
    env.kt(&format!("-genkeypair -keyalg RSA -alias ca -dname 'CN=SHA1 CA' -ext bc:c -keystore k.p12 -storepass {PW}"))
    .ok();
    env.kt(&format!(
        "-genkeypair -keyalg RSA -alias sha1 -dname CN=sha1 -keystore k.p12 -storepass {PW}"
    ))
    .ok();
    env.kt(&format!(
        "-certreq -alias sha1 -keystore k.p12 -storepass {PW} -file sha1.csr"
    ))
    .ok();
    env.kt(&format!("-gencert -alias ca -sigalg SHA1withRSA -infile sha1.csr -outfile sha1.pem -rfc -keystore k.p12 -storepass {PW}"))
    .ok();
    env.kt(&format!(
        "-importcert -alias sha1 -file sha1.pem -keystore k.p12 -storepass {PW}"
    ))
    .ok();
    let r = verify(&env, "k.p12", &["-json"]);
    assert_eq!(
        r.status, 1,
        "an expired certificate is an error:\n{}",
        r.stdout
    );
    let v = json(&r);
    assert_eq!(v["status"], "errors");
    assert_eq!(codes(&v, "old"), ["error:expired"]);
    assert_eq!(codes(&v, "soon"), ["warning:expires-soon"]);
    assert_eq!(codes(&v, "small"), ["warning:weak-key"]);
    assert_eq!(codes(&v, "sha1"), ["warning:weak-signature"]);
    // -warndays moves the threshold; -alias narrows the check; warnings alone exit 0.
    let r = verify(&env, "k.p12", &["-alias", "soon", "-warndays", "5"]).ok();
    assert!(r.stdout.contains("soon: ok"), "{}", r.stdout);
    let r = verify(&env, "k.p12", &["-alias", "small"]).ok();
    assert!(
        r.stdout.contains("weak-key") && r.stdout.contains("hint: "),
        "{}",
        r.stdout
    );
    // JKS itself is a warning, with a hint.
    env.copy_fixture("keytool17.jks");
    let r = verify(&env, "keytool17.jks", &[]).ok();
    assert!(r.stdout.contains("WARNING jks-format"), "{}", r.stdout);
    // Legacy PKCS12 from OpenSSL -legacy.
    env.copy_fixture("openssl-legacy.p12");
    let r = verify(&env, "openssl-legacy.p12", &[]).ok();
    assert!(r.stdout.contains("legacy-pkcs12"), "{}", r.stdout);
}

/// Root → intermediate "CN=Int" → leaf, made by OpenSSL; and a second,
/// unrelated intermediate with the same name (fake.pem, fake.key).
fn pki_with_a_same_named_intermediate(env: &Env) {
    let o = |line: &str| env.sh_openssl(line).ok();
    o(
        "req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -subj /CN=Root -days 365 -addext basicConstraints=critical,CA:true",
    );
    for i in ["int", "fake"] {
        o(&format!(
            "req -new -newkey rsa:2048 -nodes -keyout {i}.key -out {i}.csr -subj /CN=Int"
        ));
        o(&format!(
            "x509 -req -in {i}.csr -CA root.pem -CAkey root.key -CAcreateserial -CAserial root.srl -days 365 -out {i}.pem"
        ));
    }
    o("req -new -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj /CN=leaf");
    o(
        "x509 -req -in leaf.csr -CA int.pem -CAkey int.key -CAcreateserial -CAserial int.srl -days 365 -out leaf.pem",
    );
}

#[test]
fn a_wrong_intermediate_breaks_the_chain_and_a_missing_one_leaves_it_incomplete() {
    let env = Env::new();
    pki_with_a_same_named_intermediate(&env);
    // The PKCS12 carries the wrong intermediate: same name, other key.
    env.sh_openssl(&format!("pkcs12 -export -inkey leaf.key -in leaf.pem -certfile fake.pem -name leaf -passout pass:{PW} -out bad.p12"))
        .ok();
    let v = json(&verify(&env, "bad.p12", &["-json"]));
    assert!(
        codes(&v, "leaf").contains(&"error:chain-broken".to_string()),
        "{v}"
    );
    // Only the leaf: the chain ends at an issuer the store does not hold (a warning).
    env.sh_openssl(&format!(
        "pkcs12 -export -inkey leaf.key -in leaf.pem -name leaf -passout pass:{PW} -out short.p12"
    ))
    .ok();
    let r = verify(&env, "short.p12", &["-json"]).ok();
    assert_eq!(codes(&json(&r), "leaf"), ["warning:chain-incomplete"]);
}

/// A key whose certificate was replaced by another key's (written through
/// the library, since keytool and OpenSSL both refuse to make such a file).
#[test]
fn a_key_stored_with_another_keys_certificate_is_a_mismatch() {
    use rkeytool::{
        Certificate, Entry, KeyMaterial, KeyStore, Password, PrivateKeyEntry, StoreType,
        StoredEntry, pkcs12,
    };
    let env = Env::new();
    pki_with_a_same_named_intermediate(&env);
    env.sh_openssl("pkcs8 -topk8 -nocrypt -in leaf.key -outform DER -out leaf.p8")
        .ok();
    env.sh_openssl("x509 -in int.pem -outform DER -out int.der")
        .ok();
    let mut ks = KeyStore::new(StoreType::Pkcs12);
    ks.insert(StoredEntry {
        alias: "swapped".into(),
        created_millis: 0,
        entry: Entry::PrivateKey(PrivateKeyEntry {
            key: KeyMaterial::Plain(zeroize::Zeroizing::new(env.read("leaf.p8"))),
            chain: vec![Certificate::from_der(&env.read("int.der")).unwrap()],
            password: None,
        }),
    })
    .unwrap();
    std::fs::write(
        env.path("swapped.p12"),
        pkcs12::encode(&ks, Some(&Password::new(PW)), pkcs12::Protection::Modern).unwrap(),
    )
    .unwrap();
    let v = json(&verify(&env, "swapped.p12", &["-json"]));
    assert!(
        codes(&v, "swapped").contains(&"error:key-mismatch".to_string()),
        "{v}"
    );
}

#[test]
fn list_json_matches_keytools_fingerprints() {
    let env = Env::new();
    env.copy_fixture("keytool17.p12");
    let r = env
        .sh(&format!(
            "-list -json -keystore keytool17.p12 -storepass {PW}"
        ))
        .ok();
    let v = json(&r);
    assert_eq!(v["type"], "PKCS12");
    let kt = env
        .kt(&format!("-list -keystore keytool17.p12 -storepass {PW}"))
        .ok()
        .stdout;
    for e in v["entries"].as_array().unwrap() {
        let line = format!("{}, ", e["alias"].as_str().unwrap());
        assert!(kt.contains(&line), "{line}");
        assert!(kt.contains(&format!(
            "(SHA-256): {}",
            e["chain"][0]["sha256"].as_str().unwrap()
        )));
        assert!(e.get("findings").is_none(), "findings only with -verify");
    }
    let server = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["alias"] == "server")
        .unwrap();
    assert_eq!(server["entry_type"], "PrivateKeyEntry");
    assert_eq!(server["chain"][0]["key_algorithm"], "RSA");
    assert_eq!(server["chain"][0]["key_size"], 2048);
    assert!(
        server["chain"][0]["extensions"]["SubjectAlternativeName"]["text"]
            .to_string()
            .contains("server.example.com")
    );
}

/// Issue 14: many aliases holding one certificate are reported once, on the
/// first alias, naming at most ten others: linear however many there are.
#[test]
fn duplicates_are_reported_once_per_certificate() {
    let env = Env::new();
    let ca = rkeytool::cert::parse_certificates(&std::fs::read(fixture("ca.pem")).unwrap())
        .unwrap()
        .remove(0);
    let mut ks = rkeytool::KeyStore::new(rkeytool::StoreType::Pkcs12);
    for (name, n) in [("ca", 25), ("pair", 2)] {
        for i in 0..n {
            ks.insert(rkeytool::StoredEntry {
                alias: format!("{name}{i:02}"),
                created_millis: 0,
                entry: rkeytool::Entry::TrustedCert(ca.clone()),
            })
            .unwrap();
        }
    }
    let bytes = rkeytool::pkcs12::encode(
        &ks,
        Some(&rkeytool::Password::new(PW)),
        rkeytool::pkcs12::Protection::Modern,
    )
    .unwrap();
    std::fs::write(env.path("t.p12"), bytes).unwrap();
    let r = verify(&env, "t.p12", &[]);
    let dup: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains("duplicate-certificate"))
        .collect();
    assert_eq!(
        dup,
        [
            "  WARNING duplicate-certificate: the same certificate is also stored under <ca01>, <ca02>, <ca03>, <ca04>, <ca05>, <ca06>, <ca07>, <ca08>, <ca09>, <ca10> and 16 more aliases"
        ],
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("ca00:\n  WARNING duplicate-certificate"));
    let v = json(&verify(&env, "t.p12", &["-json"]));
    assert!(codes(&v, "ca00").contains(&"warning:duplicate-certificate".to_string()));
    assert!(!codes(&v, "ca01").contains(&"warning:duplicate-certificate".to_string()));
    assert!(!codes(&v, "pair01").contains(&"warning:duplicate-certificate".to_string()));
}
