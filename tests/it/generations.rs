//! Issue 15: the keytool generation people know. `-keytoolversion 17|21|25`
//! (or `RKEYTOOL_KEYTOOL_VERSION`, default 25) gives that keytool's defaults
//! and wording; each is compared with the real keytool of that JDK.

use crate::util::*;

const GENERATIONS: [Jdk; 3] = [Jdk::V17, Jdk::V21, Jdk::V25];

fn version(jdk: Jdk) -> String {
    jdk.major().to_string()
}

/// rkeytool following `jdk`'s keytool.
fn rk_as(env: &Env, jdk: Jdk, args: &[&str]) -> Run {
    let v = version(jdk);
    let mut all = vec!["-keytoolversion", v.as_str()];
    all.extend_from_slice(args);
    env.rk(&all)
}

fn genkeypair<'a>(alias: &'a str, store: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "-genkeypair",
        "-alias",
        alias,
        "-dname",
        "CN=gen.example.com, O=Example, C=FR",
        "-keystore",
        store,
        "-storepass",
        PW,
    ];
    args.extend_from_slice(extra);
    args
}

/// The "Generating …" line of a -genkeypair run.
fn generating(stderr: &str) -> String {
    stderr
        .lines()
        .find(|l| l.starts_with("Generating "))
        .unwrap_or("")
        .to_string()
}

#[test]
fn genkeypair_defaults_and_wording_follow_each_keytool() {
    let env = Env::new();
    for jdk in GENERATIONS {
        let keytool = keytool_of(jdk);
        for (alias, alg) in [("rsa", "RSA"), ("ec", "EC"), ("ed", "Ed25519")] {
            let ours = format!("rk{}.p12", jdk.major());
            let theirs = format!("kt{}.p12", jdk.major());
            let extra = ["-keyalg", alg];
            let rk = rk_as(&env, jdk, &genkeypair(alias, &ours, &extra)).ok();
            let kt = env
                .keytool_with(&keytool, &genkeypair(alias, &theirs, &extra))
                .ok();
            assert_eq!(
                generating(&rk.stderr),
                generating(&kt.stderr),
                "-keyalg {alg}, keytool {}",
                jdk.major()
            );
            assert_ne!(generating(&rk.stderr), "");
        }
        // The same keytool lists our store as we do, line for line.
        let ours = format!("rk{}.p12", jdk.major());
        let list = ["-list", "-v", "-keystore", ours.as_str(), "-storepass", PW];
        let kt = env.keytool_with(&keytool, &list).ok();
        let rk = rk_as(&env, jdk, &list).ok();
        assert_same_text(
            &rk.stdout,
            &kt.stdout,
            &format!("-list -v, keytool {}", jdk.major()),
        );
    }
}

#[test]
fn keytool_25_defaults_are_the_secure_ones() {
    let env = Env::new();
    let run = env
        .rk_env(
            &genkeypair("k", "k.p12", &["-keyalg", "RSA"]),
            &[("RKEYTOOL_KEYTOOL_VERSION", "")],
        )
        .ok();
    assert_eq!(
        generating(&run.stderr),
        "Generating 3072-bit RSA key pair and self-signed certificate (SHA384withRSA) with a validity of 90 days"
    );
    let run = env
        .rk_env(
            &genkeypair("e", "k.p12", &["-keyalg", "EC"]),
            &[("RKEYTOOL_KEYTOOL_VERSION", "")],
        )
        .ok();
    assert_eq!(
        generating(&run.stderr),
        "Generating 384-bit EC (secp384r1) key pair and self-signed certificate (SHA384withECDSA) with a validity of 90 days"
    );
    let list = keytool_of(Jdk::V25);
    let out = env
        .keytool_with(
            &list,
            &["-list", "-v", "-keystore", "k.p12", "-storepass", PW],
        )
        .ok()
        .stdout;
    assert!(
        out.contains("Subject Public Key Algorithm: 3072-bit RSA key"),
        "{out}"
    );
    assert!(
        out.contains("Signature algorithm name: SHA384withRSA"),
        "{out}"
    );
    assert!(
        out.contains("Subject Public Key Algorithm: 384-bit EC (secp384r1) key"),
        "{out}"
    );
    assert!(
        out.contains("Signature algorithm name: SHA384withECDSA"),
        "{out}"
    );
}

#[test]
fn the_option_beats_the_variable_and_bad_values_are_refused() {
    let env = Env::new();
    let run = env
        .rk_env(
            &genkeypair("a", "a.p12", &["-keyalg", "EC", "-keytoolversion", "17"]),
            &[("RKEYTOOL_KEYTOOL_VERSION", "25")],
        )
        .ok();
    assert!(generating(&run.stderr).starts_with("Generating 256 bit EC (secp256r1)"));
    let run = env
        .rk_env(
            &genkeypair("b", "a.p12", &["-keyalg", "EC"]),
            &[("RKEYTOOL_KEYTOOL_VERSION", "21")],
        )
        .ok();
    assert!(
        generating(&run.stderr).starts_with("Generating 384 bit EC (secp384r1)"),
        "{}",
        run.stderr
    );
    env.sh(&format!(
        "-list -keystore a.p12 -storepass {PW} -keytoolversion 11"
    ))
    .fails_with("rkeytool error: Illegal -keytoolversion value: 11");
    env.rk_env(
        &["-list", "-keystore", "a.p12", "-storepass", PW],
        &[("RKEYTOOL_KEYTOOL_VERSION", "jdk25")],
    )
    .fails_with("rkeytool error: Illegal RKEYTOOL_KEYTOOL_VERSION value: jdk25");
    env.sh("-list -keytoolversion")
        .fails_with("rkeytool error: Command option -keytoolversion needs an argument.");
}

#[test]
fn version_names_the_generation_followed() {
    let env = Env::new();
    let kt = env.keytool_with(&keytool_of(Jdk::V25), &["-version"]).ok();
    assert_eq!(kt.stdout, "keytool 25.0.2\n");
    let rk = env
        .rk_env(&["-version"], &[("RKEYTOOL_KEYTOOL_VERSION", "")])
        .ok();
    assert_eq!(
        rk.stdout,
        format!(
            "rkeytool {} (follows keytool 25)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    let rk = env.sh("-version -keytoolversion 21").ok();
    assert_eq!(
        rk.stdout,
        format!(
            "rkeytool {} (follows keytool 21)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

/// A keystore made by keytool 25 with an Ed25519 key, an X25519 key it
/// certified, and an RSA key; plus their certificates as files.
fn edwards_store(env: &Env) {
    let kt = keytool_of(Jdk::V25);
    env.keytool_with(&kt, &genkeypair("ed", "x.p12", &["-keyalg", "Ed25519"]))
        .ok();
    env.keytool_with(
        &kt,
        &genkeypair(
            "x",
            "x.p12",
            &["-keyalg", "X25519", "-signer", "ed", "-signerkeypass", PW],
        ),
    )
    .ok();
    for alias in ["ed", "x"] {
        let file = format!("{alias}.cer");
        env.keytool_with(
            &kt,
            &[
                "-exportcert",
                "-alias",
                alias,
                "-file",
                &file,
                "-keystore",
                "x.p12",
                "-storepass",
                PW,
            ],
        )
        .ok();
    }
}

#[test]
fn edwards_keys_are_worded_as_each_keytool_words_them() {
    let env = Env::new();
    edwards_store(&env);
    for jdk in GENERATIONS {
        let keytool = keytool_of(jdk);
        // Both entries: the X25519 entry's chain has two certificates with
        // the same name (its own, issued by the Ed25519 entry, and that
        // entry's), which the PKCS12 reader follows as keytool does.
        let list = ["-list", "-v", "-keystore", "x.p12", "-storepass", PW];
        let kt = env.keytool_with(&keytool, &list).ok();
        let rk = rk_as(&env, jdk, &list).ok();
        assert!(
            kt.stdout.contains("Certificate chain length: 2\n"),
            "{}",
            kt.stdout
        );
        assert_same_text(
            &rk.stdout,
            &kt.stdout,
            &format!("-list -v, keytool {}", jdk.major()),
        );
        for file in ["ed.cer", "x.cer"] {
            let kt = env
                .keytool_with(&keytool, &["-printcert", "-file", file])
                .ok();
            let rk = rk_as(&env, jdk, &["-printcert", "-file", file]).ok();
            assert_same_text(
                &rk.stdout,
                &kt.stdout,
                &format!("-printcert {file}, keytool {}", jdk.major()),
            );
        }
    }
    let rk = rk_as(&env, Jdk::V25, &["-printcert", "-file", "x.cer"]).ok();
    assert!(
        rk.stdout
            .contains("Subject Public Key Algorithm: X25519 key\n")
    );
    let rk = rk_as(&env, Jdk::V17, &["-printcert", "-file", "x.cer"]).ok();
    assert!(
        rk.stdout
            .contains("Subject Public Key Algorithm: 255-bit XDH key\n")
    );
}

#[test]
fn pem_line_endings_follow_each_keytool() {
    let env = Env::new();
    edwards_store(&env);
    for jdk in GENERATIONS {
        let keytool = keytool_of(jdk);
        for args in [
            &[
                "-exportcert",
                "-rfc",
                "-alias",
                "ed",
                "-keystore",
                "x.p12",
                "-storepass",
                PW,
            ][..],
            &[
                "-list",
                "-rfc",
                "-alias",
                "ed",
                "-keystore",
                "x.p12",
                "-storepass",
                PW,
            ][..],
            &["-printcert", "-rfc", "-file", "x.cer"][..],
        ] {
            let kt = env.keytool_with(&keytool, args).ok();
            let rk = rk_as(&env, jdk, args).ok();
            assert_same_text(
                &rk.stdout,
                &kt.stdout,
                &format!("{args:?}, keytool {}", jdk.major()),
            );
        }
        // -certreq of the Ed25519 key (a deterministic signature): same bytes.
        let req = [
            "-certreq",
            "-alias",
            "ed",
            "-keystore",
            "x.p12",
            "-storepass",
            PW,
        ];
        let kt = env.keytool_with(&keytool, &req).ok();
        let rk = rk_as(&env, jdk, &req).ok();
        assert_same_text(
            &rk.stdout,
            &kt.stdout,
            &format!("-certreq, keytool {}", jdk.major()),
        );
    }
    let rk = rk_as(&env, Jdk::V25, &["-printcert", "-rfc", "-file", "x.cer"]).ok();
    assert!(rk.stdout.starts_with("-----BEGIN CERTIFICATE-----\r\n"));
    assert!(rk.stdout.ends_with("\r\n-----END CERTIFICATE-----\r\n"));
}

#[test]
fn weak_algorithm_warnings_are_worded_as_each_keytool_words_them() {
    let env = Env::new();
    let kt17 = keytool_of(Jdk::V17);
    env.keytool_with(
        &kt17,
        &genkeypair(
            "weak",
            "w.p12",
            &[
                "-keyalg",
                "RSA",
                "-keysize",
                "1024",
                "-sigalg",
                "SHA1withRSA",
            ],
        ),
    )
    .ok();
    env.keytool_with(
        &kt17,
        &[
            "-exportcert",
            "-alias",
            "weak",
            "-file",
            "weak.cer",
            "-keystore",
            "w.p12",
            "-storepass",
            PW,
        ],
    )
    .ok();
    for jdk in GENERATIONS {
        let keytool = keytool_of(jdk);
        for args in [
            &["-list", "-keystore", "w.p12", "-storepass", PW][..],
            &["-list", "-v", "-keystore", "w.p12", "-storepass", PW][..],
            &["-printcert", "-file", "weak.cer"][..],
        ] {
            let kt = env.keytool_with(&keytool, args).ok();
            let rk = rk_as(&env, jdk, args).ok();
            assert_same_text(
                &rk.stdout,
                &kt.stdout,
                &format!("{args:?} stdout, keytool {}", jdk.major()),
            );
            assert_same_text(
                &rk.stderr,
                &kt.stderr,
                &format!("{args:?} stderr, keytool {}", jdk.major()),
            );
            assert!(kt.stderr.contains("security risk"), "{}", kt.stderr);
        }
    }
}

/// The "Signature algorithm:" line of `keytool -printcertreq`.
fn request_algorithm(env: &Env, file: &str) -> String {
    env.keytool(&["-printcertreq", "-file", file])
        .ok()
        .stdout
        .lines()
        .find(|l| l.starts_with("Signature algorithm: "))
        .unwrap_or("")
        .to_string()
}

fn certreq<'a>(alias: &'a str, file: &'a str) -> Vec<&'a str> {
    vec![
        "-certreq",
        "-alias",
        alias,
        "-file",
        file,
        "-keystore",
        "r.p12",
        "-storepass",
        PW,
    ]
}

#[test]
fn certreq_signs_with_each_keytools_default() {
    let env = Env::new();
    // A P-256 key and an RSA 2048 key, made as keytool 17 makes them.
    for (alias, extra) in [
        ("p256", &["-keyalg", "EC", "-groupname", "secp256r1"][..]),
        ("rsa", &["-keyalg", "RSA", "-keysize", "2048"][..]),
    ] {
        env.rk(&genkeypair(alias, "r.p12", extra)).ok();
    }
    for jdk in GENERATIONS {
        for alias in ["p256", "rsa"] {
            let ours = format!("rk-{alias}-{}.csr", jdk.major());
            let theirs = format!("kt-{alias}-{}.csr", jdk.major());
            rk_as(&env, jdk, &certreq(alias, &ours)).ok();
            env.keytool_with(&keytool_of(jdk), &certreq(alias, &theirs))
                .ok();
            assert_eq!(
                request_algorithm(&env, &ours),
                request_algorithm(&env, &theirs),
                "{alias}, keytool {}",
                jdk.major()
            );
        }
    }
    assert_eq!(
        request_algorithm(&env, "rk-p256-25.csr"),
        "Signature algorithm: SHA384withECDSA"
    );
    assert_eq!(
        request_algorithm(&env, "rk-p256-17.csr"),
        "Signature algorithm: SHA256withECDSA"
    );
}
