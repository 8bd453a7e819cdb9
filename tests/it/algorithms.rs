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
    // and so is the RSA key, plain or under RC2-40 (which the JDK reads too:
    // key files now share PKCS#12's ciphers, issue 18).
    jdk_key(&env, "ec-p256.pem");
    jdk_key(&env, "rsa.pem");
    jdk_key(&env, "rsa.crt");
    jdk_key(&env, "rsa-rc2-40.pem");
    env.sh("-importkey -alias p256 -keyfile ec-p256.pem -file ec-p256.crt -keystore ks.p12 -storepass changeit")
        .ok();
    env.sh(
        "-importkey -alias rsa -keyfile rsa.pem -file rsa.crt -keystore ks.p12 -storepass changeit",
    )
    .ok();
    env.sh(&format!(
        "-importkey -alias rsa-rc2 -keyfile rsa-rc2-40.pem -keyfilepass {KEY_PW} -file rsa.crt -keystore ks.p12 -storepass changeit"
    ))
    .ok();
    for alias in ["rsa", "rsa-rc2"] {
        env.sh(&format!(
            "-exportkey -alias {alias} -nocrypt -file {alias}.out.pem -keystore ks.p12 -storepass changeit"
        ))
        .ok();
    }
    assert_eq!(env.read("rsa.out.pem"), env.read("rsa-rc2.out.pem"));
    let list = env
        .kt("-list -keystore ks.p12 -storepass changeit")
        .ok()
        .stdout;
    assert!(list.contains("Your keystore contains 4 entries"), "{list}");
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

// ---------------------------------------------------------------------------
// DSA
// ---------------------------------------------------------------------------

/// The public key of a certificate or key file, as OpenSSL prints it.
fn openssl_pubkey(env: &Env, line: &str) -> String {
    env.sh_openssl(line).ok().stdout
}

/// keytool 17 and 25 make `keyalg` keys (in PKCS12 and JKS); rkeytool lists
/// them as that keytool does, makes CSRs with them, signs certificates with
/// them as a CA, and exports them, and OpenSSL accepts every result
/// (`openssl_sigalg` is how `openssl x509 -text` names the signature).
pub(crate) fn keytool_made_keys_are_listed_certreqd_signed_and_exported(
    keyalg: &str,
    sigalg: &str,
    openssl_sigalg: &str,
) {
    for (jdk, store, storetype) in [(Jdk::V17, "ca.p12", "PKCS12"), (Jdk::V25, "ca.jks", "JKS")] {
        let env = Env::new();
        let kt = keytool_of(jdk);
        let version = jdk.major().to_string();
        let gen_version = [("RKEYTOOL_KEYTOOL_VERSION", version.as_str())];
        let r = env
            .sh_keytool(&kt, &format!("-genkeypair -keyalg {keyalg} -alias ca -dname CN=CA -ext bc:c -keystore {store} -storetype {storetype} -storepass changeit -keypass changeit"))
            .ok();
        assert!(
            r.stderr
                .contains(&format!("key pair and self-signed certificate ({sigalg})")),
            "{}",
            r.stderr
        );
        let theirs = env
            .sh_keytool(
                &kt,
                &format!("-list -v -keystore {store} -storepass changeit"),
            )
            .ok()
            .stdout;
        assert!(
            theirs.contains(&format!("Signature algorithm name: {sigalg}\n")),
            "{theirs}"
        );
        let args = shell_words(&format!("-list -v -keystore {store} -storepass changeit"));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let ours = env.rk_env(&args, &gen_version).ok().stdout;
        assert_same_text(
            &ours,
            &theirs,
            &format!("-list -v of keytool {version}'s {keyalg} store"),
        );

        // A CSR signed with the key.
        env.sh(&format!(
            "-certreq -alias ca -file ca.csr -keystore {store} -storepass changeit"
        ))
        .ok();
        let req = env.sh_openssl("req -in ca.csr -verify -noout -text").ok();
        assert!(
            req.stderr.contains("verify OK") || req.stdout.contains("verify OK"),
            "{}",
            req.stderr
        );
        assert!(
            req.stdout
                .contains(&format!("Signature Algorithm: {openssl_sigalg}")),
            "{}",
            req.stdout
        );

        // The key as a CA: an RSA key's request signed by it.
        env.sh("-genkeypair -alias leaf -keyalg RSA -dname CN=leaf -keystore leaf.p12 -storepass changeit")
            .ok();
        env.sh("-certreq -alias leaf -file leaf.csr -keystore leaf.p12 -storepass changeit")
            .ok();
        env.sh(&format!("-gencert -alias ca -infile leaf.csr -outfile leaf.crt -rfc -keystore {store} -storepass changeit"))
            .ok();
        env.sh(&format!(
            "-exportcert -alias ca -rfc -file ca.crt -keystore {store} -storepass changeit"
        ))
        .ok();
        let v = env.sh_openssl("verify -CAfile ca.crt leaf.crt").ok();
        assert_eq!(v.stdout.trim(), "leaf.crt: OK");
        let text = env.sh_openssl("x509 -in leaf.crt -noout -text").ok().stdout;
        assert!(
            text.contains(&format!("Signature Algorithm: {openssl_sigalg}")),
            "{text}"
        );

        // The key exported is the key of the certificate.
        env.sh(&format!(
            "-exportkey -alias ca -nocrypt -file ca.key -keystore {store} -storepass changeit"
        ))
        .ok();
        assert_eq!(
            openssl_pubkey(&env, "pkey -in ca.key -pubout"),
            openssl_pubkey(&env, "x509 -in ca.crt -noout -pubkey")
        );
    }
}

#[test]
fn dsa_keys_keytool_makes_are_listed_certreqd_signed_and_exported() {
    keytool_made_keys_are_listed_certreqd_signed_and_exported(
        "DSA",
        "SHA256withDSA",
        "dsa_with_SHA256",
    );
}

/// rkeytool makes DSA keys as keytool does (keytool's parameters, 2048
/// bits, SHA256withDSA) in PKCS12, JKS and JCEKS; keytool 17 and 25 read
/// them, and keytool signs a CSR with the key, which OpenSSL verifies.
#[test]
fn dsa_keys_rkeytool_makes_are_what_keytool_makes() {
    let env = Env::new();
    for (store, storetype) in [("d.p12", "PKCS12"), ("d.jks", "JKS"), ("d.jceks", "JCEKS")] {
        let r = env
            .sh(&format!("-genkeypair -keyalg DSA -alias d -dname CN=dsa -keystore {store} -storetype {storetype} -storepass changeit -keypass changeit"))
            .ok();
        assert!(
            r.stderr.starts_with("Generating 2,048 bit DSA key pair and self-signed certificate (SHA256withDSA) with a validity of 90 days\n"),
            "{}",
            r.stderr
        );
        let list = env
            .sh(&format!("-list -v -keystore {store} -storepass changeit"))
            .ok()
            .stdout;
        assert!(list.contains("Signature algorithm name: SHA256withDSA\nSubject Public Key Algorithm: 2048-bit DSA key\n"), "{list}");
    }
    // keytool 17 signs a request with the PKCS12 key; keytool 25 lists the
    // JKS store and the JCEKS one.
    env.kt("-certreq -alias d -file d.csr -keystore d.p12 -storepass changeit")
        .ok();
    env.sh_openssl("req -in d.csr -verify -noout").ok();
    let k25 = keytool_of(Jdk::V25);
    for store in ["d.jks", "d.jceks"] {
        let list = env
            .sh_keytool(
                &k25,
                &format!("-list -v -keystore {store} -storepass changeit"),
            )
            .ok()
            .stdout;
        assert!(
            list.contains("Subject Public Key Algorithm: 2048-bit DSA key\n"),
            "{list}"
        );
    }
    // The self-signed certificate verifies, and its parameters are keytool's
    // (the same p, q, g in every key keytool makes).
    env.sh("-exportcert -alias d -rfc -file d.crt -keystore d.p12 -storepass changeit")
        .ok();
    env.sh_openssl("verify -CAfile d.crt d.crt").ok();
    env.kt("-genkeypair -keyalg DSA -alias k -dname CN=k -keystore k.p12 -storepass changeit")
        .ok();
    env.sh("-exportcert -alias k -rfc -file k.crt -keystore k.p12 -storepass changeit")
        .ok();
    let params = |f: &str| {
        let text = env
            .sh_openssl(&format!("x509 -in {f} -noout -text"))
            .ok()
            .stdout;
        let after_p = text.split_once("P:").map(|(_, p)| p).unwrap_or_default();
        after_p
            .split("X509v3")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert!(!params("k.crt").is_empty());
    assert_eq!(params("d.crt"), params("k.crt"));

    // Other sizes keytool makes, and a size it does not.
    env.sh("-genkeypair -keyalg DSA -keysize 3072 -alias big -dname CN=big -keystore d.p12 -storepass changeit")
        .ok();
    let p12 = env.read("d.p12");
    env.sh("-genkeypair -keyalg DSA -keysize 1000 -alias odd -dname CN=odd -keystore d.p12 -storepass changeit")
        .fails_with("rkeytool error: java.lang.IllegalArgumentException: Unsupported prime and subprime size combination: 1000, 160");
    assert_eq!(env.read("d.p12"), p12);
}

/// `-keyalg DSA -keysize N` takes what keytool 17 and 25 take (512 to 1024
/// bits in steps of 64, 2048, 3072) and refuses the rest in keytool's
/// words; 512 and 768 bits are on the JDK's parameters, the sizes it has
/// none for on new ones. Each keytool lists and uses our keys, and we list
/// and use theirs.
#[test]
fn dsa_key_sizes_are_keytools() {
    let env = Env::new();
    let k25 = keytool_of(Jdk::V25);
    for (size, warning) in [("512", "512-bit"), ("576", "576-bit"), ("768", "768-bit")] {
        let r = env
            .sh(&format!("-genkeypair -keyalg DSA -keysize {size} -alias r{size} -dname CN=r -keystore r.p12 -storepass changeit"))
            .ok();
        assert_eq!(
            r.stderr,
            format!(
                "Generating {size} bit DSA key pair and self-signed certificate (SHA256withDSA) with a validity of 90 days\n\tfor: CN=r\n\nWarning:\nThe generated certificate uses a {warning} DSA key which is considered a security risk and is disabled.\n"
            )
        );
        env.kt(&format!("-genkeypair -keyalg DSA -keysize {size} -alias k{size} -dname CN=k -keystore k.p12 -storepass changeit"))
            .ok();
        env.sh_keytool(&k25, &format!("-genkeypair -keyalg DSA -keysize {size} -alias q{size} -dname CN=q -keystore q.p12 -storepass changeit"))
            .ok();
    }
    // Each keytool lists the other's store as we do, and signs with our keys.
    let theirs = env
        .kt("-list -v -keystore r.p12 -storepass changeit")
        .ok()
        .stdout;
    let ours = env
        .sh("-list -v -keystore r.p12 -storepass changeit")
        .ok()
        .stdout;
    assert_same_text(&ours, &theirs, "-list -v of rkeytool's DSA keys");
    assert!(
        ours.contains("Subject Public Key Algorithm: 576-bit DSA key (disabled)\n"),
        "{ours}"
    );
    let theirs = env
        .kt("-list -v -keystore k.p12 -storepass changeit")
        .ok()
        .stdout;
    let ours = env
        .sh("-list -v -keystore k.p12 -storepass changeit")
        .ok()
        .stdout;
    assert_same_text(&ours, &theirs, "-list -v of keytool's DSA keys");
    let args = [
        "-list",
        "-v",
        "-keystore",
        "q.p12",
        "-storepass",
        "changeit",
    ];
    let theirs = env.sh_keytool(&k25, &args.join(" ")).ok().stdout;
    let ours = env
        .rk_env(&args, &[("RKEYTOOL_KEYTOOL_VERSION", "25")])
        .ok()
        .stdout;
    assert_same_text(&ours, &theirs, "-list -v of keytool 25's DSA keys");
    for size in ["512", "576", "768"] {
        env.sh_keytool(
            &k25,
            &format!(
                "-certreq -alias r{size} -file r{size}.csr -keystore r.p12 -storepass changeit"
            ),
        )
        .ok();
        env.sh_openssl(&format!("req -in r{size}.csr -verify -noout"))
            .ok();
        for (alias, store) in [(format!("k{size}"), "k.p12"), (format!("q{size}"), "q.p12")] {
            env.sh(&format!(
                "-certreq -alias {alias} -file {alias}.csr -keystore {store} -storepass changeit"
            ))
            .ok();
            env.sh_openssl(&format!("req -in {alias}.csr -verify -noout"))
                .ok();
        }
    }
    // keytool's own parameters for 512 and 768 bits; new ones for 576.
    let params = |alias: &str, store: &str| {
        env.sh(&format!("-exportcert -rfc -alias {alias} -file {alias}.crt -keystore {store} -storepass changeit"))
            .ok();
        let text = env
            .sh_openssl(&format!("x509 -in {alias}.crt -noout -text"))
            .ok()
            .stdout;
        text.split_once("P:")
            .map(|(_, p)| p)
            .unwrap_or_default()
            .split("X509v3")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(params("r512", "r.p12"), params("k512", "k.p12"));
    assert_eq!(params("r768", "r.p12"), params("q768", "q.p12"));
    assert_ne!(params("r576", "r.p12"), params("k576", "k.p12"));

    // Sizes keytool refuses, in its words; nothing written.
    let before = env.read("r.p12");
    for (size, message) in [
        (
            "1000",
            "Unsupported prime and subprime size combination: 1000, 160",
        ),
        (
            "448",
            "Unsupported prime and subprime size combination: 448, 160",
        ),
        ("1088", "Invalid DSA Prime Size: 1088"),
        ("4096", "Invalid DSA Prime Size: 4096"),
    ] {
        let line = format!(
            "-genkeypair -keyalg DSA -keysize {size} -alias bad -dname CN=bad -keystore r.p12 -storepass changeit"
        );
        env.sh(&line).fails_with(&format!(
            "rkeytool error: java.lang.IllegalArgumentException: {message}"
        ));
        // keytool prints its errors on standard output.
        let theirs = env.sh_keytool(&k25, &line);
        assert!(
            theirs.stdout.contains(&format!(
                "keytool error: java.lang.IllegalArgumentException: {message}"
            )),
            "{}",
            theirs.stdout
        );
    }
    assert_eq!(env.read("r.p12"), before);
}

/// OpenSSL's DSA key forms (PKCS#8, traditional `DSA PRIVATE KEY`, plain and
/// with legacy PEM encryption) are imported, keytool uses the key, and
/// -exportkey gives back the same key as PKCS#8.
#[test]
fn dsa_keys_openssl_writes_are_imported() {
    let env = Env::new();
    env.sh_openssl(
        "genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out params.pem",
    )
    .ok();
    env.sh_openssl("genpkey -paramfile params.pem -out pkcs8.pem")
        .ok();
    env.sh_openssl("pkey -in pkcs8.pem -traditional -out trad.pem")
        .ok();
    env.sh_openssl(&format!(
        "pkey -in pkcs8.pem -traditional -aes256 -passout pass:{KEY_PW} -out trad-aes.pem"
    ))
    .ok();
    env.sh_openssl("req -x509 -new -key pkcs8.pem -subj /CN=openssl-dsa -days 30 -out dsa.crt")
        .ok();
    for (alias, key) in [
        ("p8", "pkcs8.pem"),
        ("trad", "trad.pem"),
        ("aes", "trad-aes.pem"),
    ] {
        let r = env
            .sh(&format!("-importkey -alias {alias} -keyfile {key} -keyfilepass {KEY_PW} -file dsa.crt -keystore ks.p12 -storepass changeit"))
            .ok();
        assert!(
            r.stderr
                .contains("successfully imported: DSA key, certificate chain length 1"),
            "{}",
            r.stderr
        );
        env.sh(&format!("-exportkey -alias {alias} -nocrypt -file {alias}.key -keystore ks.p12 -storepass changeit"))
            .ok();
        assert_eq!(
            openssl_pubkey(&env, &format!("pkey -in {alias}.key -pubout")),
            openssl_pubkey(&env, "pkey -in pkcs8.pem -pubout")
        );
    }
    env.kt("-certreq -alias trad -file t.csr -keystore ks.p12 -storepass changeit")
        .ok();
    env.sh_openssl("req -in t.csr -verify -noout").ok();
}

// ---------------------------------------------------------------------------
// Ed448
// ---------------------------------------------------------------------------

#[test]
fn ed448_keys_keytool_makes_are_listed_certreqd_signed_and_exported() {
    keytool_made_keys_are_listed_certreqd_signed_and_exported("Ed448", "Ed448", "ED448");
}

/// rkeytool makes Ed448 keys as keytool does (`-keyalg Ed448`, keytool 17's
/// `-keyalg EdDSA -keysize 448`), worded as each keytool words them, in
/// PKCS12, JKS and JCEKS; keytool 17 and 25 read them and sign with them.
#[test]
fn ed448_keys_rkeytool_makes_are_what_keytool_makes() {
    let env = Env::new();
    for (store, storetype, keyalg) in [
        ("e.p12", "PKCS12", "-keyalg Ed448"),
        ("e.jks", "JKS", "-keyalg EdDSA -keysize 448"),
        ("e.jceks", "JCEKS", "-keyalg Ed448 -groupname Ed448"),
    ] {
        let r = env
            .sh(&format!("-genkeypair {keyalg} -alias e -dname CN=ed448 -keystore {store} -storetype {storetype} -storepass changeit -keypass changeit"))
            .ok();
        assert!(
            r.stderr.starts_with("Generating 448 bit Ed448 key pair and self-signed certificate (Ed448) with a validity of 90 days\n"),
            "{}",
            r.stderr
        );
        let list = env
            .sh(&format!("-list -v -keystore {store} -storepass changeit"))
            .ok()
            .stdout;
        assert!(
            list.contains(
                "Signature algorithm name: Ed448\nSubject Public Key Algorithm: 448-bit Ed448 key\n"
            ),
            "{list}"
        );
    }
    let r = env
        .rk_env(
            &shell_words("-genkeypair -keyalg Ed448 -alias e25 -dname CN=ed448 -keystore e.p12 -storepass changeit").iter().map(String::as_str).collect::<Vec<_>>(),
            &[("RKEYTOOL_KEYTOOL_VERSION", "25")],
        )
        .ok();
    assert!(
        r.stderr
            .starts_with("Generating Ed448 key pair and self-signed certificate (Ed448)"),
        "{}",
        r.stderr
    );

    env.kt("-certreq -alias e -file e.csr -keystore e.p12 -storepass changeit")
        .ok();
    env.sh_openssl("req -in e.csr -verify -noout").ok();
    let k25 = keytool_of(Jdk::V25);
    for store in ["e.jks", "e.jceks"] {
        let list = env
            .sh_keytool(
                &k25,
                &format!("-list -v -keystore {store} -storepass changeit"),
            )
            .ok()
            .stdout;
        assert!(
            list.contains(
                "Signature algorithm name: Ed448\nSubject Public Key Algorithm: Ed448 key\n"
            ),
            "{list}"
        );
    }
    env.sh("-exportcert -alias e -rfc -file e.crt -keystore e.p12 -storepass changeit")
        .ok();
    env.sh_openssl("verify -CAfile e.crt e.crt").ok();
    // OpenSSL's own Ed448 keys are imported and exported as keytool writes them.
    env.sh_openssl("genpkey -algorithm ed448 -out o.pem").ok();
    env.sh_openssl("req -x509 -new -key o.pem -subj /CN=openssl-ed448 -days 30 -out o.crt")
        .ok();
    env.sh("-importkey -alias o -keyfile o.pem -file o.crt -keystore e.p12 -storepass changeit")
        .ok();
    env.sh("-exportkey -alias o -nocrypt -file o.key -keystore e.p12 -storepass changeit")
        .ok();
    env.sh_openssl("pkey -in o.pem -outform DER -out want.der")
        .ok();
    env.sh_openssl("asn1parse -in o.key -noout -out got.der")
        .ok();
    assert_eq!(env.read("got.der"), env.read("want.der"));
}

// ---------------------------------------------------------------------------
// X25519 / X448 (XDH) with -signer
// ---------------------------------------------------------------------------

/// A key-agreement key cannot sign its own certificate: without -signer
/// rkeytool refuses as keytool does, nothing written; with -signer another
/// entry issues it and its chain follows (worded as keytool 17 and 25 word
/// it); -certreq refuses the key. keytool lists what rkeytool made
/// identically, OpenSSL verifies the certificates and reads the exported key.
#[test]
fn xdh_keys_are_made_with_a_signer_as_keytool_makes_them() {
    let env = Env::new();
    env.sh(
        "-genkeypair -alias ed -keyalg Ed25519 -dname CN=same -ext bc:c -keystore x.p12 -storepass changeit",
    )
    .ok();
    let before = env.read("x.p12");
    env.sh(
        "-genkeypair -alias x -keyalg X25519 -dname CN=same -keystore x.p12 -storepass changeit",
    )
    .fails_with("rkeytool error: Cannot derive signature algorithm from XDH\n");
    assert_eq!(env.read("x.p12"), before);

    let r = env
        .sh("-genkeypair -alias x -keyalg XDH -signer ed -dname CN=same -keystore x.p12 -storepass changeit")
        .ok();
    assert!(
        r.stderr.starts_with("Generating 255 bit XDH key pair and a certificate (Ed25519) issued by <ed> with a validity of 90 days\n\tfor: CN=same\n"),
        "{}",
        r.stderr
    );
    let args = shell_words(
        "-genkeypair -alias x4 -keyalg X448 -signer ed -signerkeypass changeit -dname CN=x448 -keystore x.p12 -storepass changeit",
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = env
        .rk_env(&args, &[("RKEYTOOL_KEYTOOL_VERSION", "25")])
        .ok();
    assert!(
        r.stderr.starts_with("Generating X448 key pair and a certificate (Ed25519) issued by <ed> with a validity of 90 days\n"),
        "{}",
        r.stderr
    );
    let before = env.read("x.p12");
    env.sh("-certreq -alias x -file x.csr -keystore x.p12 -storepass changeit")
        .fails_with("rkeytool error: Cannot derive signature algorithm");
    assert!(!env.path("x.csr").exists());
    assert_eq!(env.read("x.p12"), before);

    // keytool 17 lists the store as rkeytool does: two chains of two.
    let theirs = env
        .kt("-list -v -keystore x.p12 -storepass changeit")
        .ok()
        .stdout;
    let ours = env
        .sh("-list -v -keystore x.p12 -storepass changeit")
        .ok()
        .stdout;
    assert_eq!(
        theirs.matches("Certificate chain length: 2\n").count(),
        2,
        "{theirs}"
    );
    assert_same_text(
        &ours,
        &theirs,
        "-list -v of rkeytool's XDH entries, keytool 17",
    );

    // OpenSSL: the X25519 certificate verifies under the Ed25519 one, and
    // the exported key is the certificate's.
    env.sh("-exportcert -alias ed -rfc -file ed.crt -keystore x.p12 -storepass changeit")
        .ok();
    env.sh("-exportcert -alias x -rfc -file x.crt -keystore x.p12 -storepass changeit")
        .ok();
    let v = env.sh_openssl("verify -CAfile ed.crt x.crt").ok();
    assert_eq!(v.stdout.trim(), "x.crt: OK");
    env.sh("-exportkey -alias x -nocrypt -file x.key -keystore x.p12 -storepass changeit")
        .ok();
    assert_eq!(
        openssl_pubkey(&env, "pkey -in x.key -pubout"),
        openssl_pubkey(&env, "x509 -in x.crt -noout -pubkey")
    );

    // keytool 25 makes an X448 entry with a signer in a JKS store; rkeytool
    // lists it as keytool 25 does.
    let k25 = keytool_of(Jdk::V25);
    env.sh("-genkeypair -alias ed -keyalg Ed25519 -dname CN=signer -keystore x.jks -storetype JKS -storepass changeit -keypass signer-pass")
        .ok();
    env.sh_keytool(&k25, "-genkeypair -alias x -keyalg X448 -signer ed -signerkeypass signer-pass -dname CN=x -keystore x.jks -storepass changeit -keypass changeit")
        .ok();
    let theirs = env
        .sh_keytool(&k25, "-list -v -keystore x.jks -storepass changeit")
        .ok()
        .stdout;
    let args = shell_words("-list -v -keystore x.jks -storepass changeit");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let ours = env
        .rk_env(&args, &[("RKEYTOOL_KEYTOOL_VERSION", "25")])
        .ok()
        .stdout;
    assert_same_text(&ours, &theirs, "-list -v of keytool 25's X448 entry");
}

// ---------------------------------------------------------------------------
// Replies and JSON for the new algorithms
// ---------------------------------------------------------------------------

/// For DSA, Ed448 and RSASSA-PSS keys: a CA of the same algorithm (ours,
/// then keytool 25's) signs our request, the reply goes back with
/// -importcert after its checks, keytool lists the two-certificate chain and
/// OpenSSL verifies the certificate; a reply for another key is refused and
/// the store left as it was.
#[test]
fn replies_for_dsa_ed448_and_pss_keys_are_imported() {
    let k25 = keytool_of(Jdk::V25);
    for keyalg in ["DSA", "Ed448", "RSASSA-PSS"] {
        let env = Env::new();
        env.sh(&format!("-genkeypair -keyalg {keyalg} -alias ca -dname CN=CA -ext bc:c -keystore ca.p12 -storepass changeit"))
            .ok();
        env.sh_keytool(&k25, &format!("-genkeypair -keyalg {keyalg} -alias kca -dname CN=KCA -ext bc:c -keystore kca.p12 -storepass changeit"))
            .ok();
        env.sh("-exportcert -alias ca -rfc -file ca.crt -keystore ca.p12 -storepass changeit")
            .ok();
        env.sh_keytool(
            &k25,
            "-exportcert -alias kca -rfc -file kca.crt -keystore kca.p12 -storepass changeit",
        )
        .ok();
        for (leaf, ca_run, ca_cert) in [("a", "ours", "ca.crt"), ("b", "keytool", "kca.crt")] {
            env.sh(&format!("-genkeypair -keyalg {keyalg} -alias {leaf} -dname CN={leaf} -keystore leaf.p12 -storepass changeit"))
                .ok();
            env.sh(&format!(
                "-certreq -alias {leaf} -file {leaf}.csr -keystore leaf.p12 -storepass changeit"
            ))
            .ok();
            if ca_run == "ours" {
                env.sh(&format!("-gencert -alias ca -infile {leaf}.csr -outfile {leaf}.crt -rfc -keystore ca.p12 -storepass changeit"))
                    .ok();
            } else {
                env.sh_keytool(&k25, &format!("-gencert -alias kca -infile {leaf}.csr -outfile {leaf}.crt -rfc -keystore kca.p12 -storepass changeit"))
                    .ok();
            }
            env.sh(&format!(
                "-importcert -alias {leaf}-ca -file {ca_cert} -noprompt -keystore leaf.p12 -storepass changeit"
            ))
            .ok();
            let r = env
                .sh(&format!(
                    "-importcert -alias {leaf} -file {leaf}.crt -keystore leaf.p12 -storepass changeit"
                ))
                .ok();
            assert!(
                r.stderr
                    .contains("Certificate reply was installed in keystore"),
                "{keyalg}: {}",
                r.stderr
            );
            let v = env
                .sh_openssl(&format!("verify -CAfile {ca_cert} {leaf}.crt"))
                .ok();
            assert_eq!(v.stdout.trim(), format!("{leaf}.crt: OK"), "{keyalg}");
            let list = env
                .kt(&format!(
                    "-list -v -alias {leaf} -keystore leaf.p12 -storepass changeit"
                ))
                .ok()
                .stdout;
            assert!(
                list.contains("Certificate chain length: 2\n"),
                "{keyalg}: {list}"
            );
        }
        // b's reply offered to a: refused, nothing written.
        let before = env.read("leaf.p12");
        env.sh("-importcert -alias a -file b.crt -keystore leaf.p12 -storepass changeit")
            .fails_with("rkeytool error: Public keys in reply and keystore don't match");
        assert_eq!(env.read("leaf.p12"), before, "{keyalg}");
    }
}

/// `-list -json` gives every algorithm's name and size, the same for
/// keytool 17's and 25's generation (keytool 25 prints EdDSA and XDH keys
/// without a size, JSON keeps it).
#[test]
fn json_names_and_sizes_every_key_algorithm() {
    let env = Env::new();
    for line in [
        "-genkeypair -keyalg DSA -keysize 1024 -alias dsa -dname CN=dsa",
        "-genkeypair -keyalg Ed448 -alias ed448 -dname CN=ed448",
        "-genkeypair -keyalg RSASSA-PSS -alias pss -dname CN=pss",
        "-genkeypair -keyalg X25519 -signer ed448 -alias x25519 -dname CN=x25519",
        "-genkeypair -keyalg X448 -signer pss -alias x448 -dname CN=x448",
    ] {
        env.sh(&format!("{line} -keystore ks.p12 -storepass changeit"))
            .ok();
    }
    let json = |version: &str| {
        let args = [
            "-list",
            "-json",
            "-keystore",
            "ks.p12",
            "-storepass",
            "changeit",
        ];
        let out = env
            .rk_env(&args, &[("RKEYTOOL_KEYTOOL_VERSION", version)])
            .ok()
            .stdout;
        serde_json::from_str::<serde_json::Value>(&out).expect("JSON")
    };
    let v17 = json("17");
    assert_eq!(v17, json("25"));
    let first = |alias: &str| {
        v17["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["alias"] == alias)
            .map(|e| {
                (
                    e["chain"][0].clone(),
                    e["chain"].as_array().map_or(0, Vec::len),
                )
            })
            .expect("entry")
    };
    for (alias, sigalg, keyalg, size, chain) in [
        ("dsa", "SHA256withDSA", "DSA", 1024, 1),
        ("ed448", "Ed448", "Ed448", 448, 1),
        ("pss", "RSASSA-PSS", "RSASSA-PSS", 2048, 1),
        ("x25519", "Ed448", "X25519", 255, 2),
        ("x448", "RSASSA-PSS", "X448", 448, 2),
    ] {
        let (cert, len) = first(alias);
        assert_eq!(cert["signature_algorithm"], sigalg, "{alias}");
        assert_eq!(cert["key_algorithm"], keyalg, "{alias}");
        assert_eq!(cert["key_size"], size, "{alias}");
        assert_eq!(len, chain, "{alias}");
    }
}
