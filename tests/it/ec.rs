//! Issue 9: EC (secp256r1/384r1/521r1) and Ed25519 keys, made and used as keytool does,
//! checked against keytool 17 (and 25 when installed) and OpenSSL.

use crate::util::*;

/// One key algorithm: its alias, the -genkeypair options, and what keytool 17 says of it.
struct Alg {
    alias: &'static str,
    args: &'static str,
    generating: &'static str,
    key: &'static str,
    sigalg: &'static str,
}

const ALGS: [Alg; 4] = [
    Alg {
        alias: "p256",
        args: "-keyalg EC",
        generating: "Generating 256 bit EC (secp256r1) key pair and self-signed certificate (SHA256withECDSA) with a validity of 90 days",
        key: "256-bit EC (secp256r1) key",
        sigalg: "SHA256withECDSA",
    },
    Alg {
        alias: "p384",
        args: "-keyalg EC -groupname secp384r1",
        generating: "Generating 384 bit EC (secp384r1) key pair and self-signed certificate (SHA384withECDSA) with a validity of 90 days",
        key: "384-bit EC (secp384r1) key",
        sigalg: "SHA384withECDSA",
    },
    Alg {
        alias: "p521",
        args: "-keyalg EC -groupname secp521r1",
        generating: "Generating 521 bit EC (secp521r1) key pair and self-signed certificate (SHA512withECDSA) with a validity of 90 days",
        key: "521-bit EC (secp521r1) key",
        sigalg: "SHA512withECDSA",
    },
    Alg {
        alias: "ed",
        args: "-keyalg Ed25519",
        generating: "Generating 255 bit Ed25519 key pair and self-signed certificate (Ed25519) with a validity of 90 days",
        key: "255-bit Ed25519 key",
        sigalg: "Ed25519",
    },
];

/// The `-genkeypair` line for `alg` into `store` (with its password), then `extra`.
fn genkeypair(alg: &Alg, store: &str, extra: &str) -> String {
    format!(
        "-genkeypair -alias {} -dname 'CN=ec.example.com, O=Example, C=FR' {} -keystore {store} -storepass {PW} {extra}",
        alg.alias, alg.args
    )
}

/// `openssl req -verify` on a PEM request; also checks the signature algorithm it names.
#[track_caller]
fn openssl_verifies_request(env: &Env, file: &str, sigalg: &str) {
    let run = env
        .sh_openssl(&format!("req -in {file} -verify -noout -text"))
        .ok();
    assert!(
        run.stderr.contains("verify OK") || run.stdout.contains("verify OK"),
        "{file}: {}{}",
        run.stdout,
        run.stderr
    );
    let openssl_name = match sigalg {
        "SHA256withECDSA" => "ecdsa-with-SHA256",
        "SHA384withECDSA" => "ecdsa-with-SHA384",
        "SHA512withECDSA" => "ecdsa-with-SHA512",
        "Ed25519" => "ED25519",
        "SHA256withRSA" => "sha256WithRSAEncryption",
        other => other,
    };
    assert!(
        run.stdout
            .contains(&format!("Signature Algorithm: {openssl_name}")),
        "{file}: {}",
        run.stdout
    );
}

/// `openssl verify` of a certificate against its issuer (itself when self-signed).
#[track_caller]
fn openssl_verifies_cert(env: &Env, ca: &str, cert: &str) {
    let run = env
        .sh_openssl(&format!("verify -CAfile {ca} -partial_chain {cert}"))
        .ok();
    assert!(run.stdout.contains(": OK"), "{cert}: {}", run.stdout);
}

/// rkeytool makes a key of every algorithm in ec.p12 and in ec.jks, saying
/// what it makes as keytool 17 says it.
fn our_ec_stores(env: &Env) {
    for alg in &ALGS {
        for (store, extra) in [("ec.p12", ""), ("ec.jks", "-storetype JKS")] {
            let run = env.sh(&genkeypair(alg, store, extra)).ok();
            assert!(
                run.stderr.contains(alg.generating),
                "{}: {}",
                alg.alias,
                run.stderr
            );
            assert!(!run.stderr.contains("deprecated"), "{}", run.stderr);
        }
    }
}

#[test]
fn rkeytool_keys_are_made_as_keytool_says_and_verify() {
    let env = Env::new();
    our_ec_stores(&env);
    // Self-signed certificates verify with OpenSSL.
    for alg in &ALGS {
        let pem = format!("{}.pem", alg.alias);
        env.sh(&format!(
            "-exportcert -rfc -alias {} -keystore ec.p12 -storepass {PW} -file {pem}",
            alg.alias
        ))
        .ok();
        openssl_verifies_cert(&env, &pem, &pem);
    }
    // Our own -verify finds nothing wrong with EC and Ed25519 entries.
    for store in ["ec.p12", "ec.jks"] {
        let run = env
            .sh(&format!("-verify -keystore {store} -storepass {PW}"))
            .ok();
        assert!(
            run.stdout.contains("OK: 4 entries, 0 errors"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn keytool_lists_our_ec_stores_as_we_do_and_signs_with_our_keys() {
    let env = Env::new();
    our_ec_stores(&env);
    for store in ["ec.p12", "ec.jks"] {
        let line = format!("-list -v -keystore {store} -storepass {PW}");
        let theirs = env.kt(&line).ok();
        let ours = env.sh(&line).ok();
        assert_same_text(&ours.stdout, &theirs.stdout, &format!("{store} -list -v"));
        for alg in &ALGS {
            let key = format!("Subject Public Key Algorithm: {}", alg.key);
            let sigalg = format!("Signature algorithm name: {}", alg.sigalg);
            assert!(theirs.stdout.contains(&key), "{key}");
            assert!(theirs.stdout.contains(&sigalg), "{sigalg}");
        }
    }
    // keytool 17 (PKCS12) and 25 (JKS) sign requests with our keys; OpenSSL verifies them.
    for alg in &ALGS {
        let alias = alg.alias;
        env.kt(&format!(
            "-certreq -alias {alias} -keystore ec.p12 -storepass {PW} -file {alias}-17.csr"
        ))
        .ok();
        openssl_verifies_request(&env, &format!("{alias}-17.csr"), alg.sigalg);
        env.sh_keytool(
            &keytool25(),
            &format!(
                "-certreq -alias {alias} -keystore ec.jks -storepass {PW} -file {alias}-25.csr"
            ),
        )
        .ok();
        // JDK 25 signs with SHA384withECDSA even for secp256r1 keys.
        let sigalg25 = match alg.sigalg {
            "SHA256withECDSA" => "SHA384withECDSA",
            s => s,
        };
        openssl_verifies_request(&env, &format!("{alias}-25.csr"), sigalg25);
    }
}

/// keytool 17 makes a key of every algorithm in kt.p12; keytool 25 makes its
/// default EC key (secp384r1) and an Ed25519 key in kt25.jks.
fn keytool_ec_stores(env: &Env) {
    for alg in &ALGS {
        env.kt(&genkeypair(alg, "kt.p12", "")).ok();
    }
    for alg in ALGS.iter().filter(|a| ["p256", "ed"].contains(&a.alias)) {
        env.sh_keytool(&keytool25(), &genkeypair(alg, "kt25.jks", "-storetype JKS"))
            .ok();
    }
}

#[test]
fn keytool_keys_are_listed_and_used_by_rkeytool() {
    let env = Env::new();
    keytool_ec_stores(&env);
    for store in ["kt.p12", "kt25.jks"] {
        let line = format!("-list -v -keystore {store} -storepass {PW}");
        let theirs = env.kt(&line).ok();
        let ours = env.sh(&line).ok();
        assert_same_text(&ours.stdout, &theirs.stdout, &format!("{store} -list -v"));
    }
    for alg in &ALGS {
        let alias = alg.alias;
        env.sh(&format!(
            "-certreq -alias {alias} -keystore kt.p12 -storepass {PW} -file {alias}.csr"
        ))
        .ok();
        openssl_verifies_request(&env, &format!("{alias}.csr"), alg.sigalg);
    }
    for (alias, sigalg) in [("p256", "SHA384withECDSA"), ("ed", "Ed25519")] {
        env.sh(&format!(
            "-certreq -alias {alias} -keystore kt25.jks -storepass {PW} -file {alias}-25.csr"
        ))
        .ok();
        openssl_verifies_request(&env, &format!("{alias}-25.csr"), sigalg);
    }
}

#[test]
fn keytool_keys_go_out_as_pkcs8_and_back_in_with_their_certificates() {
    let env = Env::new();
    keytool_ec_stores(&env);
    // keytool's keys carry no public key (bare ECPrivateKey, PKCS#8 v1):
    // -exportkey and -importkey still pair them with their certificates, and
    // OpenSSL reads the exported PKCS#8.
    for alg in &ALGS {
        let alias = alg.alias;
        let kt = format!("-alias {alias} -keystore kt.p12 -storepass {PW}");
        env.sh(&format!("-exportkey -nocrypt -file {alias}.key {kt}"))
            .ok();
        env.sh(&format!("-exportcert -rfc -file {alias}.crt {kt}"))
            .ok();
        env.sh_openssl(&format!("pkey -in {alias}.key -noout")).ok();
        let again = format!("-alias {alias} -keystore again.p12 -storepass {PW}");
        env.sh(&format!(
            "-importkey -keyfile {alias}.key -file {alias}.crt {again}"
        ))
        .ok();
        env.sh(&format!("-certreq -file {alias}-again.csr {again}"))
            .ok();
        openssl_verifies_request(&env, &format!("{alias}-again.csr"), alg.sigalg);
    }
}

/// keytool makes two CAs in ca.p12: `ecca` (P-384) and `rsaca`.
fn keytool_cas(env: &Env) {
    env.kt(&format!("-genkeypair -alias ecca -dname 'CN=EC CA' -keyalg EC -groupname secp384r1 -ext bc:c -keystore ca.p12 -storepass {PW}"))
        .ok();
    env.kt(&format!("-genkeypair -alias rsaca -dname 'CN=RSA CA' -keyalg RSA -ext bc:c -keystore ca.p12 -storepass {PW}"))
        .ok();
}

/// rkeytool makes keys `rsa`, `ed` (Ed25519) and `p521` in me.p12 and a
/// request for each in `<alias>.csr`.
const OUR_KEYS: [(&str, &str); 3] = [
    ("rsa", "-keyalg RSA"),
    ("ed", "-keyalg Ed25519"),
    ("p521", "-keyalg EC -groupname secp521r1"),
];

fn our_requests(env: &Env) {
    for (alias, keyalg) in OUR_KEYS {
        env.sh(&format!(
            "-genkeypair -alias {alias} -dname CN=leaf {keyalg} -keystore me.p12 -storepass {PW}"
        ))
        .ok();
        env.sh(&format!(
            "-certreq -alias {alias} -keystore me.p12 -storepass {PW} -file {alias}.csr"
        ))
        .ok();
    }
}

/// Writes the files `parts`, one after the other, to `to`.
fn concatenate(env: &Env, parts: &[&str], to: &str) {
    let bytes: Vec<u8> = parts.iter().flat_map(|p| env.read(p)).collect();
    std::fs::write(env.path(to), bytes).unwrap();
}

#[test]
fn replies_signed_across_key_algorithms_are_installed() {
    let env = Env::new();
    keytool_cas(&env);
    our_requests(&env);
    // keytool's EC CA signs our RSA and Ed25519 requests, its RSA CA our EC
    // request; each reply's signature is checked on import.
    for (alias, ca, ca_sigalg) in [
        ("rsa", "ecca", "SHA384withECDSA"),
        ("ed", "ecca", "SHA384withECDSA"),
        ("p521", "rsaca", "SHA256withRSA"),
    ] {
        env.kt(&format!("-gencert -rfc -alias {ca} -keystore ca.p12 -storepass {PW} -infile {alias}.csr -outfile {alias}.crt"))
            .ok();
        env.sh(&format!(
            "-exportcert -rfc -alias {ca} -keystore ca.p12 -storepass {PW} -file {ca}.pem"
        ))
        .ok();
        concatenate(
            &env,
            &[&format!("{alias}.crt"), &format!("{ca}.pem")],
            "chain.pem",
        );
        let run = env
            .sh(&format!("-importcert -noprompt -alias {alias} -keystore me.p12 -storepass {PW} -file chain.pem"))
            .ok();
        assert!(
            run.stderr
                .contains("Certificate reply was installed in keystore"),
            "{}",
            run.stderr
        );
        openssl_verifies_cert(&env, &format!("{ca}.pem"), &format!("{alias}.crt"));
        let list = env
            .sh(&format!(
                "-list -v -alias {alias} -keystore me.p12 -storepass {PW}"
            ))
            .ok();
        assert!(
            list.stdout.contains("Certificate chain length: 2"),
            "{}",
            list.stdout
        );
        assert!(
            list.stdout
                .contains(&format!("Signature algorithm name: {ca_sigalg}")),
            "{}",
            list.stdout
        );
    }
}

#[test]
fn rkeytool_cas_sign_requests_of_every_key_algorithm_for_openssl() {
    let env = Env::new();
    keytool_cas(&env);
    our_requests(&env);
    // An EC CA and an Ed25519 CA of ours, and keytool's RSA CA, sign the
    // requests; OpenSSL verifies what we issue.
    env.sh(&format!("-genkeypair -alias rkec -dname 'CN=rk CA' -ext bc:c -keyalg EC -groupname secp521r1 -keystore ca.p12 -storepass {PW}"))
        .ok();
    env.sh(&format!("-genkeypair -alias rked -dname 'CN=rk CA' -ext bc:c -keyalg Ed25519 -keystore ca.p12 -storepass {PW}"))
        .ok();
    for (ca, csr) in [
        ("rkec", "rsa.csr"),
        ("rkec", "ed.csr"),
        ("rked", "p521.csr"),
        ("rked", "rsa.csr"),
        ("rsaca", "p521.csr"),
    ] {
        let out = format!("{ca}-{csr}.crt");
        env.sh(&format!("-gencert -rfc -alias {ca} -keystore ca.p12 -storepass {PW} -infile {csr} -outfile {out}"))
            .ok();
        env.sh(&format!(
            "-exportcert -rfc -alias {ca} -keystore ca.p12 -storepass {PW} -file {ca}.pem"
        ))
        .ok();
        openssl_verifies_cert(&env, &format!("{ca}.pem"), &out);
    }
}

#[test]
fn a_reply_whose_ca_has_the_right_name_but_another_key_is_refused() {
    let env = Env::new();
    keytool_cas(&env);
    our_requests(&env);
    env.kt(&format!(
        "-gencert -rfc -alias ecca -keystore ca.p12 -storepass {PW} -infile ed.csr -outfile ed.crt"
    ))
    .ok();
    // A CA named as keytool's EC CA, with another P-384 key.
    env.sh(&format!("-genkeypair -alias fake -dname 'CN=EC CA' -keyalg EC -groupname secp384r1 -keystore fake.p12 -storepass {PW}"))
        .ok();
    env.sh(&format!(
        "-exportcert -rfc -alias fake -keystore fake.p12 -storepass {PW} -file fake.pem"
    ))
    .ok();
    concatenate(&env, &["ed.crt", "fake.pem"], "bad.chain");
    let before = env.read("me.p12");
    env.sh(&format!(
        "-importcert -noprompt -alias ed -keystore me.p12 -storepass {PW} -file bad.chain"
    ))
    .fails_with("Certificate chain is not valid");
    assert_eq!(env.read("me.p12"), before);
}

#[test]
fn sigalg_overrides_and_refusals() {
    let env = Env::new();
    // -keysize for EC works, with keytool 17's deprecation warning.
    let run = env.sh(&format!("-genkeypair -alias k -dname CN=k -keyalg ec -keysize 384 -sigalg SHA256withECDSA -keystore ks.p12 -storepass {PW}"))
        .ok();
    assert!(run.stderr.contains(
        "Generating 384 bit EC (secp384r1) key pair and self-signed certificate (SHA256withECDSA)"
    ));
    assert!(run.stderr.contains(
        "Warning:\nSpecifying -keysize for generating EC keys is deprecated, please use \"-groupname secp384r1\" instead."
    ));
    // EdDSA is Ed25519, as in keytool 17.
    let run = env.sh(&format!("-genkeypair -alias e -dname CN=e -keyalg EdDSA -sigalg EdDSA -keystore ks.p12 -storepass {PW}"))
        .ok();
    assert!(run.stderr.contains("Generating 255 bit Ed25519 key pair"));
    // -certreq with another ECDSA digest; OpenSSL verifies it.
    env.sh(&format!(
        "-certreq -alias k -sigalg SHA512withECDSA -keystore ks.p12 -storepass {PW} -file k.csr"
    ))
    .ok();
    openssl_verifies_request(&env, "k.csr", "SHA512withECDSA");

    let refused: [(&[&str], &str); 8] = [
        (
            &["-keyalg", "EC", "-sigalg", "SHA256withRSA"],
            "Signature algorithm SHA256withRSA cannot be used with an EC key",
        ),
        (
            &["-keyalg", "RSA", "-sigalg", "SHA256withECDSA"],
            "Signature algorithm SHA256withECDSA cannot be used with an RSA key",
        ),
        (
            &["-keyalg", "Ed25519", "-sigalg", "SHA256withECDSA"],
            "cannot be used with an Ed25519 key",
        ),
        (
            &[
                "-keyalg",
                "EC",
                "-groupname",
                "secp384r1",
                "-keysize",
                "384",
            ],
            "Cannot specify both -groupname and -keysize",
        ),
        (
            &["-keyalg", "EC", "-groupname", "prime256v1"],
            "Unknown curve name: prime256v1",
        ),
        (&["-keyalg", "EC", "-groupname", "secp256k1"], "secp256k1"),
        (&["-keyalg", "EC", "-keysize", "255"], "Invalid key size"),
        (
            &["-keyalg", "Ed25519", "-keysize", "448"],
            "Invalid key size",
        ),
    ];
    for (extra, message) in refused {
        let mut args = vec![
            "-genkeypair",
            "-alias",
            "x",
            "-dname",
            "CN=x",
            "-keystore",
            "new.p12",
            "-storepass",
            PW,
        ];
        args.extend_from_slice(extra);
        env.rk(&args).fails_with(message);
        assert!(!env.path("new.p12").exists(), "{extra:?} made a keystore");
    }
    env.sh(&format!(
        "-certreq -alias e -sigalg SHA256withRSA -keystore ks.p12 -storepass {PW} -file e.csr"
    ))
    .fails_with("cannot be used with an Ed25519 key");
    assert!(!env.path("e.csr").exists());
}
