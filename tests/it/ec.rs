//! Issue 9: EC (secp256r1/384r1/521r1) and Ed25519 keys, made and used as keytool does,
//! checked against keytool 17 (and 25 when installed) and OpenSSL.

use crate::util::*;

/// One key algorithm: its alias, the -genkeypair options, and what keytool 17 says of it.
struct Alg {
    alias: &'static str,
    args: &'static [&'static str],
    generating: &'static str,
    key: &'static str,
    sigalg: &'static str,
}

const ALGS: [Alg; 4] = [
    Alg {
        alias: "p256",
        args: &["-keyalg", "EC"],
        generating: "Generating 256 bit EC (secp256r1) key pair and self-signed certificate (SHA256withECDSA) with a validity of 90 days",
        key: "256-bit EC (secp256r1) key",
        sigalg: "SHA256withECDSA",
    },
    Alg {
        alias: "p384",
        args: &["-keyalg", "EC", "-groupname", "secp384r1"],
        generating: "Generating 384 bit EC (secp384r1) key pair and self-signed certificate (SHA384withECDSA) with a validity of 90 days",
        key: "384-bit EC (secp384r1) key",
        sigalg: "SHA384withECDSA",
    },
    Alg {
        alias: "p521",
        args: &["-keyalg", "EC", "-groupname", "secp521r1"],
        generating: "Generating 521 bit EC (secp521r1) key pair and self-signed certificate (SHA512withECDSA) with a validity of 90 days",
        key: "521-bit EC (secp521r1) key",
        sigalg: "SHA512withECDSA",
    },
    Alg {
        alias: "ed",
        args: &["-keyalg", "Ed25519"],
        generating: "Generating 255 bit Ed25519 key pair and self-signed certificate (Ed25519) with a validity of 90 days",
        key: "255-bit Ed25519 key",
        sigalg: "Ed25519",
    },
];

fn genkeypair_args<'a>(alg: &'a Alg, store: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "-genkeypair",
        "-alias",
        alg.alias,
        "-dname",
        "CN=ec.example.com, O=Example, C=FR",
        "-keystore",
        store,
        "-storepass",
        PW,
    ];
    args.extend_from_slice(alg.args);
    args.extend_from_slice(extra);
    args
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

#[test]
fn rkeytool_keys_are_listed_and_used_by_keytool_and_openssl() {
    let env = Env::new();
    for alg in &ALGS {
        for (store, extra) in [("ec.p12", &[][..]), ("ec.jks", &["-storetype", "JKS"][..])] {
            let run = env.rk(&genkeypair_args(alg, store, extra)).ok();
            assert!(
                run.stderr.contains(alg.generating),
                "{}: {}",
                alg.alias,
                run.stderr
            );
            assert!(!run.stderr.contains("deprecated"), "{}", run.stderr);
        }
        // Self-signed certificates verify with OpenSSL.
        let pem = format!("{}.pem", alg.alias);
        env.rk(&[
            "-exportcert",
            "-rfc",
            "-alias",
            alg.alias,
            "-keystore",
            "ec.p12",
            "-storepass",
            PW,
            "-file",
            &pem,
        ])
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

    // keytool lists our stores exactly as we do.
    for store in ["ec.p12", "ec.jks"] {
        let args = ["-list", "-v", "-keystore", store, "-storepass", PW];
        let theirs = env.keytool(&args).ok();
        let ours = env.rk(&args).ok();
        assert_same_text(&ours.stdout, &theirs.stdout, &format!("{store} -list -v"));
        for alg in &ALGS {
            assert!(
                theirs
                    .stdout
                    .contains(&format!("Subject Public Key Algorithm: {}", alg.key))
            );
            assert!(
                theirs
                    .stdout
                    .contains(&format!("Signature algorithm name: {}", alg.sigalg))
            );
        }
    }

    // keytool 17 (PKCS12) and 25 (JKS) sign requests with our keys; OpenSSL verifies them.
    let kt25 = keytool25();
    for alg in &ALGS {
        let csr = format!("{}-17.csr", alg.alias);
        env.keytool(&[
            "-certreq",
            "-alias",
            alg.alias,
            "-keystore",
            "ec.p12",
            "-storepass",
            PW,
            "-file",
            &csr,
        ])
        .ok();
        openssl_verifies_request(&env, &csr, alg.sigalg);
        {
            let kt25 = &kt25;
            let csr = format!("{}-25.csr", alg.alias);
            env.keytool_with(
                kt25,
                &[
                    "-certreq",
                    "-alias",
                    alg.alias,
                    "-keystore",
                    "ec.jks",
                    "-storepass",
                    PW,
                    "-file",
                    &csr,
                ],
            )
            .ok();
            // JDK 25 signs with SHA384withECDSA even for secp256r1 keys.
            let sigalg25 = match alg.sigalg {
                "SHA256withECDSA" => "SHA384withECDSA",
                s => s,
            };
            openssl_verifies_request(&env, &csr, sigalg25);
        }
    }
}

#[test]
fn keytool_keys_are_listed_and_used_by_rkeytool() {
    let env = Env::new();
    for alg in &ALGS {
        env.keytool(&genkeypair_args(alg, "kt.p12", &[])).ok();
    }
    // JDK 25 makes secp384r1 by default; Ed25519 as 17 does.
    let kt25 = keytool25();
    for alg in ALGS.iter().filter(|a| ["p256", "ed"].contains(&a.alias)) {
        env.keytool_with(
            &kt25,
            &genkeypair_args(alg, "kt25.jks", &["-storetype", "JKS"]),
        )
        .ok();
    }
    let stores = ["kt.p12", "kt25.jks"];
    for store in &stores {
        let args = ["-list", "-v", "-keystore", store, "-storepass", PW];
        let theirs = env.keytool(&args).ok();
        let ours = env.rk(&args).ok();
        assert_same_text(&ours.stdout, &theirs.stdout, &format!("{store} -list -v"));
    }
    for alg in &ALGS {
        let csr = format!("{}.csr", alg.alias);
        env.rk(&[
            "-certreq",
            "-alias",
            alg.alias,
            "-keystore",
            "kt.p12",
            "-storepass",
            PW,
            "-file",
            &csr,
        ])
        .ok();
        openssl_verifies_request(&env, &csr, alg.sigalg);
    }
    // keytool's keys carry no public key (bare ECPrivateKey, PKCS#8 v1):
    // -exportkey and -importkey still pair them with their certificates, and
    // OpenSSL reads the exported PKCS#8.
    for alg in &ALGS {
        let key = format!("{}.key", alg.alias);
        let crt = format!("{}.crt", alg.alias);
        let base = ["-alias", alg.alias, "-keystore", "kt.p12", "-storepass", PW];
        let mut args = vec!["-exportkey", "-nocrypt", "-file", &key];
        args.extend_from_slice(&base);
        env.rk(&args).ok();
        let mut args = vec!["-exportcert", "-rfc", "-file", &crt];
        args.extend_from_slice(&base);
        env.rk(&args).ok();
        env.sh_openssl(&format!("pkey -in {key} -noout")).ok();
        env.rk(&[
            "-importkey",
            "-alias",
            alg.alias,
            "-keyfile",
            &key,
            "-file",
            &crt,
            "-keystore",
            "again.p12",
            "-storepass",
            PW,
        ])
        .ok();
        let csr = format!("{}-again.csr", alg.alias);
        env.rk(&[
            "-certreq",
            "-alias",
            alg.alias,
            "-keystore",
            "again.p12",
            "-storepass",
            PW,
            "-file",
            &csr,
        ])
        .ok();
        openssl_verifies_request(&env, &csr, alg.sigalg);
    }
    {
        for (alias, sigalg) in [("p256", "SHA384withECDSA"), ("ed", "Ed25519")] {
            let csr = format!("{alias}-25.csr");
            env.sh(&format!(
                "-certreq -alias {alias} -keystore kt25.jks -storepass {PW} -file {csr}"
            ))
            .ok();
            openssl_verifies_request(&env, &csr, sigalg);
        }
    }
}

#[test]
fn replies_signed_across_key_algorithms_are_installed() {
    let env = Env::new();
    // An EC CA (keytool) signs an RSA and an Ed25519 request of ours; an RSA
    // CA signs an EC request. We check each reply's signature on import.
    env.kt(&format!("-genkeypair -alias ecca -dname 'CN=EC CA' -keyalg EC -groupname secp384r1 -ext bc:c -keystore ca.p12 -storepass {PW}"))
    .ok();
    env.kt(&format!("-genkeypair -alias rsaca -dname 'CN=RSA CA' -keyalg RSA -ext bc:c -keystore ca.p12 -storepass {PW}"))
    .ok();
    for (alias, keyalg, ca, ca_sigalg) in [
        ("rsa", &["-keyalg", "RSA"][..], "ecca", "SHA384withECDSA"),
        ("ed", &["-keyalg", "Ed25519"][..], "ecca", "SHA384withECDSA"),
        (
            "p521",
            &["-keyalg", "EC", "-groupname", "secp521r1"][..],
            "rsaca",
            "SHA256withRSA",
        ),
    ] {
        let mut args = vec![
            "-genkeypair",
            "-alias",
            alias,
            "-dname",
            "CN=leaf",
            "-keystore",
            "me.p12",
            "-storepass",
            PW,
        ];
        args.extend_from_slice(keyalg);
        env.rk(&args).ok();
        let csr = format!("{alias}.csr");
        let crt = format!("{alias}.crt");
        let ca_pem = format!("{ca}.pem");
        env.sh(&format!(
            "-certreq -alias {alias} -keystore me.p12 -storepass {PW} -file {csr}"
        ))
        .ok();
        env.kt(&format!("-gencert -rfc -alias {ca} -keystore ca.p12 -storepass {PW} -infile {csr} -outfile {crt}"))
        .ok();
        env.sh(&format!(
            "-exportcert -rfc -alias {ca} -keystore ca.p12 -storepass {PW} -file {ca_pem}"
        ))
        .ok();
        let chain = format!("{alias}.chain");
        let mut bytes = env.read(&crt);
        bytes.extend(env.read(&ca_pem));
        std::fs::write(env.path(&chain), bytes).unwrap();
        let run = env.sh(&format!("-importcert -noprompt -alias {alias} -keystore me.p12 -storepass {PW} -file {chain}"))
            .ok();
        assert!(
            run.stderr
                .contains("Certificate reply was installed in keystore"),
            "{}",
            run.stderr
        );
        openssl_verifies_cert(&env, &ca_pem, &crt);
        let list = env
            .sh(&format!(
                "-list -v -alias {alias} -keystore me.p12 -storepass {PW}"
            ))
            .ok();
        assert!(list.stdout.contains("Certificate chain length: 2"));
        assert!(
            list.stdout
                .contains(&format!("Signature algorithm name: {ca_sigalg}"))
        );
    }
    // rkeytool as the CA: an EC CA and an Ed25519 CA of ours, and keytool's
    // RSA CA, sign the same requests; OpenSSL verifies what we issue.
    for (ca, keyalg) in [
        ("rkec", &["-keyalg", "EC", "-groupname", "secp521r1"][..]),
        ("rked", &["-keyalg", "Ed25519"][..]),
    ] {
        let mut args = vec![
            "-genkeypair",
            "-alias",
            ca,
            "-dname",
            "CN=rk CA",
            "-ext",
            "bc:c",
            "-keystore",
            "ca.p12",
            "-storepass",
            PW,
        ];
        args.extend_from_slice(keyalg);
        env.rk(&args).ok();
    }
    for (ca, csr) in [
        ("rkec", "rsa.csr"),
        ("rkec", "ed.csr"),
        ("rked", "p521.csr"),
        ("rked", "rsa.csr"),
        ("rsaca", "p521.csr"),
    ] {
        let out = format!("{ca}-{csr}.crt");
        let ca_pem = format!("{ca}.pem");
        env.sh(&format!("-gencert -rfc -alias {ca} -keystore ca.p12 -storepass {PW} -infile {csr} -outfile {out}"))
        .ok();
        env.sh(&format!(
            "-exportcert -rfc -alias {ca} -keystore ca.p12 -storepass {PW} -file {ca_pem}"
        ))
        .ok();
        openssl_verifies_cert(&env, &ca_pem, &out);
    }

    // A chain whose CA has the right name but another P-384 key does not
    // verify: the reply is refused and the keystore left as it was.
    env.sh(&format!("-genkeypair -alias fake -dname 'CN=EC CA' -keyalg EC -groupname secp384r1 -keystore fake.p12 -storepass {PW}"))
    .ok();
    env.sh(&format!(
        "-exportcert -rfc -alias fake -keystore fake.p12 -storepass {PW} -file fake.pem"
    ))
    .ok();
    let mut bytes = env.read("ed.crt");
    bytes.extend(env.read("fake.pem"));
    std::fs::write(env.path("bad.chain"), bytes).unwrap();
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
