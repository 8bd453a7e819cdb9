//! Issue 17: RSASSA-PSS keys and signatures as keytool 17 and 25 make them.
//!
//! keytool writes an id-RSASSA-PSS SubjectPublicKeyInfo and PKCS#8 key
//! without parameters, and signs with RSASSA-PSS whose digest follows the key
//! size and the generation (SHA-256 for keytool 17 up to 3072 bits, SHA-384
//! for keytool 25), MGF1 with the same digest and a salt as long as it.

use crate::util::*;

/// rkeytool as the keytool of generation `version` (17 or 25).
fn rk_gen(env: &Env, version: &str, line: &str) -> Run {
    let args = shell_words(line);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.rk_env(&args, &[("RKEYTOOL_KEYTOOL_VERSION", version)])
}

/// The signature algorithm of a PEM certificate or request as OpenSSL prints
/// it: the lines from the first "Signature Algorithm:" up to the issuer or
/// subject (digest, MGF1 and salt for PSS).
fn openssl_sigalg(env: &Env, what: &str, file: &str) -> String {
    let text = env
        .sh_openssl(&format!("{what} -in {file} -noout -text"))
        .ok()
        .stdout;
    let from = text
        .find("Signature Algorithm:")
        .unwrap_or_else(|| panic!("no signature algorithm in {text}"));
    text[from..]
        .lines()
        .take_while(|l| !l.contains("Issuer:") && !l.contains("Subject:"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The key algorithm of a PEM certificate's public key, as asn1parse shows it.
fn openssl_spki_alg(env: &Env, cert: &str) -> String {
    env.sh_openssl(&format!("x509 -in {cert} -noout -pubkey -out {cert}.pub"))
        .ok();
    let parsed = env
        .sh_openssl(&format!("asn1parse -in {cert}.pub"))
        .ok()
        .stdout;
    // SEQUENCE { SEQUENCE { OID [params] } BIT STRING }: the lines before the BIT STRING.
    parsed
        .lines()
        .skip(1)
        .take_while(|l| !l.contains("BIT STRING"))
        .map(|l| {
            let kind = l.find("cons:").or_else(|| l.find("prim:")).unwrap_or(0);
            l[kind..]
                .trim_start_matches("cons:")
                .trim_start_matches("prim:")
                .to_string()
        })
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn rsassa_pss_keys_keytool_makes_are_listed_certreqd_signed_and_exported() {
    crate::algorithms::keytool_made_keys_are_listed_certreqd_signed_and_exported(
        "RSASSA-PSS",
        "RSASSA-PSS",
        "rsassaPss",
    );
}

/// rkeytool's `-genkeypair -keyalg RSASSA-PSS` writes what keytool 17 and 25
/// write (the same key and signature algorithm identifiers, the same
/// "Generating" line, keytool 17's "-1 bit" included) in PKCS12, JKS and
/// JCEKS; each keytool lists the store exactly as rkeytool does and signs a
/// request with the key, which OpenSSL verifies.
#[test]
fn rsassa_pss_keys_rkeytool_makes_are_what_keytool_makes() {
    for (jdk, version, generating) in [
        (
            Jdk::V17,
            "17",
            "Generating -1 bit RSASSA-PSS key pair and self-signed certificate (RSASSA-PSS) with a validity of 90 days\n\tfor: CN=pss\n",
        ),
        (
            Jdk::V25,
            "25",
            "Generating 3072-bit RSASSA-PSS key pair and self-signed certificate (RSASSA-PSS) with a validity of 90 days\n\tfor: CN=pss\n",
        ),
    ] {
        let env = Env::new();
        let kt = keytool_of(jdk);
        let theirs = env
            .sh_keytool(&kt, "-genkeypair -keyalg RSASSA-PSS -alias k -dname CN=pss -keystore k.p12 -storepass changeit")
            .ok();
        assert_eq!(theirs.stderr, generating, "keytool {version}");
        env.sh_keytool(
            &kt,
            "-exportcert -rfc -alias k -file k.crt -keystore k.p12 -storepass changeit",
        )
        .ok();
        for (store, storetype) in [("r.p12", "PKCS12"), ("r.jks", "JKS"), ("r.jceks", "JCEKS")] {
            let ours = rk_gen(&env, version, &format!("-genkeypair -keyalg RSASSA-PSS -alias r -dname CN=pss -keystore {store} -storetype {storetype} -storepass changeit -keypass changeit")).ok();
            assert!(ours.stderr.starts_with(generating), "{}", ours.stderr);
            let list = |t: Run| t.ok().stdout;
            let ours = list(rk_gen(
                &env,
                version,
                &format!("-list -v -keystore {store} -storepass changeit"),
            ));
            let theirs = list(env.sh_keytool(
                &kt,
                &format!("-list -v -keystore {store} -storepass changeit"),
            ));
            assert_same_text(&ours, &theirs, &format!("keytool {version}, {store}"));
            env.sh_keytool(
                &kt,
                &format!("-certreq -alias r -file r.csr -keystore {store} -storepass changeit"),
            )
            .ok();
            env.sh_openssl("req -in r.csr -verify -noout").ok();
        }
        rk_gen(
            &env,
            version,
            "-exportcert -rfc -alias r -file r.crt -keystore r.p12 -storepass changeit",
        )
        .ok();
        env.sh_openssl("verify -partial_chain -CAfile r.crt r.crt")
            .ok();
        assert_eq!(
            openssl_sigalg(&env, "x509", "r.crt"),
            openssl_sigalg(&env, "x509", "k.crt"),
            "keytool {version}"
        );
        assert_eq!(
            openssl_spki_alg(&env, "r.crt"),
            "SEQUENCE\nOBJECT :rsassaPss"
        );
        assert_eq!(
            openssl_spki_alg(&env, "r.crt"),
            openssl_spki_alg(&env, "k.crt")
        );
        // The key as keytool stores it: id-RSASSA-PSS, no parameters, and
        // the same PKCS#8 whoever exports it.
        rk_gen(
            &env,
            version,
            "-exportkey -alias r -nocrypt -file r.key -keystore r.p12 -storepass changeit",
        )
        .ok();
        let key = env.sh_openssl("asn1parse -in r.key").ok().stdout;
        let head: Vec<&str> = key.lines().take(4).collect();
        assert!(head[2].contains("l=  11 cons: SEQUENCE"), "{key}");
        assert!(head[3].ends_with(":rsassaPss"), "{key}");
        assert!(
            key.lines().nth(4).unwrap_or("").contains("OCTET STRING"),
            "{key}"
        );
    }
}

/// `-sigalg RSASSA-PSS` with an RSA key (keytool's digest for the key size),
/// and `-sigalg SHA256withRSA` with an RSASSA-PSS key, as keytool allows
/// both; an EC key cannot take RSASSA-PSS.
#[test]
fn rsassa_pss_signatures_with_rsa_keys_and_rsa_signatures_with_pss_keys() {
    let env = Env::new();
    env.sh("-genkeypair -keyalg RSA -sigalg RSASSA-PSS -alias r -dname CN=r -keystore ks.p12 -storepass changeit")
        .ok();
    env.kt("-genkeypair -keyalg RSA -sigalg RSASSA-PSS -alias kr -dname CN=r -keystore kt.p12 -storepass changeit")
        .ok();
    let r = env
        .sh("-genkeypair -keyalg RSASSA-PSS -sigalg SHA256withRSA -alias p -dname CN=p -keystore ks.p12 -storepass changeit")
        .ok();
    assert!(
        r.stderr.starts_with("Generating -1 bit RSASSA-PSS key pair and self-signed certificate (SHA256withRSA) with a validity of 90 days\n"),
        "{}",
        r.stderr
    );
    let list = env
        .kt("-list -v -keystore ks.p12 -storepass changeit")
        .ok()
        .stdout;
    assert!(
        list.contains(
            "Signature algorithm name: RSASSA-PSS\nSubject Public Key Algorithm: 2048-bit RSA key\n"
        ),
        "{list}"
    );
    assert!(
        list.contains("Signature algorithm name: SHA256withRSA\nSubject Public Key Algorithm: 2048-bit RSASSA-PSS key\n"),
        "{list}"
    );
    for (alias, store) in [("r", "ks.p12"), ("kr", "kt.p12")] {
        env.sh(&format!(
            "-exportcert -rfc -alias {alias} -file {alias}.crt -keystore {store} -storepass changeit"
        ))
        .ok();
        env.sh_openssl(&format!(
            "verify -partial_chain -CAfile {alias}.crt {alias}.crt"
        ))
        .ok();
    }
    assert_eq!(
        openssl_sigalg(&env, "x509", "r.crt"),
        openssl_sigalg(&env, "x509", "kr.crt")
    );
    env.sh("-exportcert -rfc -alias p -file p.crt -keystore ks.p12 -storepass changeit")
        .ok();
    assert_eq!(
        openssl_sigalg(&env, "x509", "p.crt"),
        "Signature Algorithm: sha256WithRSAEncryption"
    );
    env.sh_openssl("verify -partial_chain -CAfile p.crt p.crt")
        .ok();

    let before = env.read("ks.p12");
    env.sh("-genkeypair -keyalg EC -sigalg RSASSA-PSS -alias e -dname CN=e -keystore ks.p12 -storepass changeit")
        .fails_with("rkeytool error: Signature algorithm RSASSA-PSS cannot be used with an EC key (use SHA256withECDSA, SHA384withECDSA or SHA512withECDSA)");
    assert_eq!(env.read("ks.p12"), before);
}

/// A store keytool made where an RSA key's self-signed certificate is signed
/// with RSASSA-PSS and another certificate has the same name: the PSS
/// signature is checked, so the chain stays one certificate long, as
/// keytool lists it.
#[test]
fn pss_signed_self_signed_certificates_end_their_chain() {
    let env = Env::new();
    let k25 = keytool_of(Jdk::V25);
    env.sh_keytool(&k25, "-genkeypair -keyalg RSA -sigalg RSASSA-PSS -alias r -dname CN=same -keystore k.p12 -storepass changeit")
        .ok();
    env.sh_keytool(
        &k25,
        "-genkeypair -keyalg RSA -alias r2 -dname CN=same -keystore k.p12 -storepass changeit",
    )
    .ok();
    let theirs = env
        .sh_keytool(&k25, "-list -v -keystore k.p12 -storepass changeit")
        .ok()
        .stdout;
    let ours = rk_gen(&env, "25", "-list -v -keystore k.p12 -storepass changeit")
        .ok()
        .stdout;
    assert_same_text(&ours, &theirs, "-list -v");
    assert!(!ours.contains("Certificate chain length: 2"), "{ours}");
    let verify = env.sh("-verify -keystore k.p12 -storepass changeit").ok();
    assert!(verify.stdout.contains("r: ok\n"), "{}", verify.stdout);
}

/// A PSS CA signs a PSS key's request with `-sigalg RSASSA-PSS`; the reply
/// goes back with -importcert (its PSS signatures checked), keytool lists
/// the chain and OpenSSL verifies it. keytool 25's PSS CA signs an rkeytool
/// request and rkeytool takes that reply too.
#[test]
fn pss_ca_signs_and_replies_are_imported() {
    let env = Env::new();
    env.sh("-genkeypair -keyalg RSASSA-PSS -alias ca -dname CN=CA -ext bc:c -keystore ca.p12 -storepass changeit")
        .ok();
    env.sh("-genkeypair -keyalg RSASSA-PSS -alias leaf -dname CN=leaf -keystore leaf.p12 -storepass changeit")
        .ok();
    env.sh("-certreq -alias leaf -file leaf.csr -keystore leaf.p12 -storepass changeit")
        .ok();
    env.sh_openssl("req -in leaf.csr -verify -noout").ok();
    env.sh("-gencert -alias ca -sigalg RSASSA-PSS -infile leaf.csr -outfile leaf.crt -rfc -keystore ca.p12 -storepass changeit")
        .ok();
    env.sh("-exportcert -alias ca -rfc -file ca.crt -keystore ca.p12 -storepass changeit")
        .ok();
    let v = env.sh_openssl("verify -CAfile ca.crt leaf.crt").ok();
    assert_eq!(v.stdout.trim(), "leaf.crt: OK");
    // keytool 17's digest for a 2048-bit key, as in its own certificates.
    assert_eq!(
        openssl_sigalg(&env, "x509", "leaf.crt"),
        "Signature Algorithm: rsassaPss\nHash Algorithm: sha256\nMask Algorithm: mgf1 with sha256\nSalt Length: 0x20\nTrailer Field: 0x01 (default)"
    );
    env.sh("-importcert -trustcacerts -alias ca -file ca.crt -noprompt -keystore leaf.p12 -storepass changeit")
        .ok();
    let r = env
        .sh("-importcert -alias leaf -file leaf.crt -keystore leaf.p12 -storepass changeit")
        .ok();
    assert!(
        r.stderr
            .contains("Certificate reply was installed in keystore"),
        "{}",
        r.stderr
    );
    let list = env
        .kt("-list -v -alias leaf -keystore leaf.p12 -storepass changeit")
        .ok()
        .stdout;
    assert!(list.contains("Certificate chain length: 2\n"), "{list}");

    // A reply whose signature does not verify is refused, the store unchanged.
    env.sh("-genkeypair -keyalg RSASSA-PSS -alias other -dname CN=CA -ext bc:c -keystore other.p12 -storepass changeit")
        .ok();
    env.sh("-genkeypair -keyalg RSASSA-PSS -alias leaf2 -dname CN=leaf2 -keystore leaf.p12 -storepass changeit")
        .ok();
    env.sh("-certreq -alias leaf2 -file leaf2.csr -keystore leaf.p12 -storepass changeit")
        .ok();
    env.sh("-gencert -alias other -infile leaf2.csr -outfile forged.crt -rfc -keystore other.p12 -storepass changeit")
        .ok();
    let before = env.read("leaf.p12");
    env.sh("-importcert -alias leaf2 -file forged.crt -noprompt -keystore leaf.p12 -storepass changeit")
        .fails_with("rkeytool error: ");
    assert_eq!(env.read("leaf.p12"), before);

    // keytool 25's PSS CA signs rkeytool's request; rkeytool installs the reply.
    let k25 = keytool_of(Jdk::V25);
    env.sh_keytool(&k25, "-genkeypair -keyalg RSASSA-PSS -alias kca -dname CN=KCA -ext bc:c -keystore kca.p12 -storepass changeit")
        .ok();
    env.sh_keytool(&k25, "-gencert -alias kca -infile leaf2.csr -outfile k.crt -rfc -keystore kca.p12 -storepass changeit")
        .ok();
    env.sh_keytool(
        &k25,
        "-exportcert -alias kca -rfc -file kca.crt -keystore kca.p12 -storepass changeit",
    )
    .ok();
    env.sh("-importcert -alias kca -file kca.crt -noprompt -keystore leaf.p12 -storepass changeit")
        .ok();
    env.sh("-importcert -alias leaf2 -file k.crt -keystore leaf.p12 -storepass changeit")
        .ok();
    let v = env
        .sh("-verify -keystore leaf.p12 -storepass changeit")
        .ok();
    assert!(v.stdout.contains("leaf2: ok\n"), "{}", v.stdout);
}

/// OpenSSL's `genpkey -algorithm RSA-PSS` key (id-RSASSA-PSS without
/// parameters) is imported, keytool signs a request with it and -exportkey
/// gives it back; a key restricted by PSS parameters is kept but rkeytool
/// refuses to sign with it, in one line.
#[test]
fn rsassa_pss_keys_openssl_writes_are_imported() {
    let env = Env::new();
    env.sh_openssl("genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out pss.pem")
        .ok();
    env.sh_openssl("req -x509 -new -key pss.pem -subj /CN=openssl-pss -days 30 -out pss.crt")
        .ok();
    let r = env
        .sh("-importkey -alias o -keyfile pss.pem -file pss.crt -keystore ks.p12 -storepass changeit")
        .ok();
    assert!(
        r.stderr
            .contains("successfully imported: RSASSA-PSS key, certificate chain length 1"),
        "{}",
        r.stderr
    );
    env.kt("-certreq -alias o -file o.csr -keystore ks.p12 -storepass changeit")
        .ok();
    env.sh_openssl("req -in o.csr -verify -noout").ok();
    env.sh("-certreq -alias o -file r.csr -keystore ks.p12 -storepass changeit")
        .ok();
    env.sh_openssl("req -in r.csr -verify -noout").ok();
    env.sh("-exportkey -alias o -nocrypt -file o.key -keystore ks.p12 -storepass changeit")
        .ok();
    assert_eq!(
        env.sh_openssl("pkey -in o.key -outform DER").ok().stdout,
        env.sh_openssl("pkey -in pss.pem -outform DER").ok().stdout
    );

    env.sh_openssl("genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha256 -out restricted.pem")
        .ok();
    env.sh_openssl(
        "req -x509 -new -key restricted.pem -subj /CN=restricted -days 30 -out restricted.crt",
    )
    .ok();
    env.sh("-importkey -alias x -keyfile restricted.pem -file restricted.crt -keystore ks.p12 -storepass changeit")
        .ok();
    env.kt("-certreq -alias x -file x.csr -keystore ks.p12 -storepass changeit")
        .ok();
    env.sh_openssl("req -in x.csr -verify -noout").ok();
    env.sh("-certreq -alias x -file y.csr -keystore ks.p12 -storepass changeit")
        .fails_with("rkeytool error: unsupported: RSASSA-PSS key restricted by parameters");
    assert!(!env.path("y.csr").exists());
}

/// `-list -json` names the algorithms as keytool does.
#[test]
fn json_names_rsassa_pss() {
    let env = Env::new();
    env.kt(
        "-genkeypair -keyalg RSASSA-PSS -alias p -dname CN=p -keystore ks.p12 -storepass changeit",
    )
    .ok();
    env.kt("-genkeypair -keyalg RSA -sigalg RSASSA-PSS -alias r -dname CN=r -keystore ks.p12 -storepass changeit")
        .ok();
    let json = env
        .sh("-list -json -keystore ks.p12 -storepass changeit")
        .ok()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let cert = |alias: &str| {
        v["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["alias"] == alias)
            .map(|e| e["chain"][0].clone())
            .expect("entry")
    };
    let p = cert("p");
    assert_eq!(p["signature_algorithm"], "RSASSA-PSS");
    assert_eq!(p["key_algorithm"], "RSASSA-PSS");
    assert_eq!(p["key_size"], 2048);
    let r = cert("r");
    assert_eq!(r["signature_algorithm"], "RSASSA-PSS");
    assert_eq!(r["key_algorithm"], "RSA");
    assert_eq!(r["key_size"], 2048);
}
