//! `-gencrl` and `-printcrl`: the CRL rkeytool makes is keytool's, byte for
//! byte (RSA signatures are deterministic, `-startdate` fixes the dates),
//! OpenSSL verifies it, and both tools print every CRL alike.

use crate::util::{Env, Jdk, keytool_of};

/// A CA with an RSA key, made by keytool.
fn rsa_ca(env: &Env) {
    env.kt("-genkeypair -keystore ca.p12 -storepass changeit -alias ca -keyalg RSA -keysize 2048 -dname CN=Test-CA,O=Example -ext bc:c")
        .ok();
}

const IDS: &str = "-id 1234 -id 5678:1 -id 18446744073709551617:6 -id 200:4 -id 7:10";

#[test]
fn gencrl_writes_keytools_bytes() {
    let env = Env::new();
    rsa_ca(&env);
    let line = format!(
        "-gencrl -keystore ca.p12 -storepass changeit -alias ca {IDS} -startdate '2030/01/02 03:04:05' -validity 30 -file"
    );
    env.kt(&format!("{line} theirs.crl")).ok();
    env.sh(&format!("{line} ours.crl")).ok();
    assert_eq!(env.read("ours.crl"), env.read("theirs.crl"));
    // PEM, and no -id (an empty v1 CRL).
    let line = "-gencrl -keystore ca.p12 -storepass changeit -alias ca -startdate '2030/01/02 03:04:05' -rfc -file";
    env.kt(&format!("{line} theirs.pem")).ok();
    env.sh(&format!("{line} ours.pem")).ok();
    assert_eq!(env.read("ours.pem"), env.read("theirs.pem"));
    // To standard output.
    let ours = env
        .sh("-gencrl -keystore ca.p12 -storepass changeit -alias ca -startdate '2030/01/02 03:04:05' -rfc")
        .ok();
    assert_eq!(ours.stdout.as_bytes(), env.read("theirs.pem"));
}

#[test]
fn openssl_verifies_what_gencrl_makes() {
    let env = Env::new();
    env.kt("-genkeypair -keystore ca.p12 -storepass changeit -alias ca -keyalg EC -dname CN=ec-ca -ext bc:c")
        .ok();
    env.kt("-exportcert -keystore ca.p12 -storepass changeit -alias ca -rfc -file ca.pem")
        .ok();
    env.sh(&format!(
        "-gencrl -keystore ca.p12 -storepass changeit -alias ca {IDS} -file ours.crl"
    ))
    .ok();
    let v = env.sh_openssl("crl -in ours.crl -inform DER -verify -CAfile ca.pem -noout");
    assert_eq!(v.status, 0, "{}{}", v.stdout, v.stderr);
    assert!(v.stderr.contains("verify OK"), "{}", v.stderr);
    let text = env
        .sh_openssl("crl -in ours.crl -inform DER -noout -text")
        .ok()
        .stdout;
    assert!(text.contains("Serial Number: 010000000000000001"), "{text}");
    assert!(text.contains("Certificate Hold"), "{text}");
    // keytool prints it as rkeytool does, verified by the keystore's key.
    let line = "-printcrl -file ours.crl -keystore ca.p12 -storepass changeit";
    let theirs = env.kt(line).ok();
    let ours = env.sh(line).ok();
    assert_eq!(ours.stdout, theirs.stdout);
    assert!(
        ours.stdout
            .contains("Verified by ca in keystore with a 256-bit EC (secp256r1) key\n"),
        "{}",
        ours.stdout
    );
}

/// keytool's own CRLs (DER and PEM), printed with and without the keystore
/// that verifies them, with `-rfc`, and by keytool 25's wording.
#[test]
fn printcrl_of_keytools_crls_is_keytools_text() {
    let env = Env::new();
    env.kt("-genkeypair -keystore ca.p12 -storepass changeit -alias ca -keyalg EC -dname CN=ca -ext bc:c")
        .ok();
    env.kt(&format!(
        "-gencrl -keystore ca.p12 -storepass changeit -alias ca {IDS} -file k.crl"
    ))
    .ok();
    env.kt("-gencrl -keystore ca.p12 -storepass changeit -alias ca -rfc -file empty.pem")
        .ok();
    for line in [
        "-printcrl -file k.crl",
        "-printcrl -file k.crl -keystore ca.p12 -storepass changeit",
        "-printcrl -file k.crl -trustcacerts",
        "-printcrl -file empty.pem -keystore ca.p12 -storepass changeit",
        "-printcrl -file k.crl -rfc",
        "-printcrl -file empty.pem -rfc",
    ] {
        let theirs = env.kt(line);
        let ours = env.sh(line);
        assert_eq!(
            (ours.status, &ours.stdout),
            (theirs.status, &theirs.stdout),
            "{line}"
        );
    }
    let k25 = keytool_of(Jdk::V25);
    let line = "-printcrl -file k.crl -keystore ca.p12 -storepass changeit";
    let theirs = env.sh_keytool(&k25, line).ok();
    let words = crate::util::shell_words(line);
    let args: Vec<&str> = words.iter().map(String::as_str).collect();
    let ours = env
        .rk_env(&args, &[("RKEYTOOL_KEYTOOL_VERSION", "25")])
        .ok();
    assert_eq!(ours.stdout, theirs.stdout);
}

/// An OpenSSL CA's CRL with CRL extensions (AuthorityKeyIdentifier, CRL
/// number, IssuerAlternativeName) and a reason code.
#[test]
fn printcrl_of_an_openssl_crl() {
    let env = Env::new();
    std::fs::write(
        env.path("ca.cnf"),
        "[ca]\ndefault_ca=x\n[x]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\n\
         default_crl_days=30\ncrl_extensions=crlext\n[crlext]\nauthorityKeyIdentifier=keyid:always\n\
         issuerAltName=DNS:crl.example\n",
    )
    .unwrap();
    std::fs::write(env.path("index.txt"), "").unwrap();
    std::fs::write(env.path("crlnumber"), "1000\n").unwrap();
    env.sh_openssl(
        "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -subj /CN=OCA -days 30",
    )
    .ok();
    env.sh_openssl("req -newkey rsa:2048 -nodes -keyout u.key -out u.csr -subj /CN=u")
        .ok();
    env.sh_openssl(
        "x509 -req -in u.csr -CA ca.pem -CAkey ca.key -set_serial 200 -out u.pem -days 5",
    )
    .ok();
    env.sh_openssl(
        "ca -config ca.cnf -keyfile ca.key -cert ca.pem -revoke u.pem -crl_reason superseded",
    )
    .ok();
    env.sh_openssl("ca -config ca.cnf -keyfile ca.key -cert ca.pem -gencrl -out o.crl")
        .ok();
    env.kt("-importcert -noprompt -keystore trust.p12 -storepass changeit -alias oca -file ca.pem")
        .ok();
    for line in [
        "-printcrl -file o.crl",
        "-printcrl -file o.crl -keystore trust.p12 -storepass changeit",
    ] {
        let theirs = env.kt(line).ok();
        let ours = env.sh(line).ok();
        assert_eq!(ours.stdout, theirs.stdout, "{line}");
    }
    let ours = env.sh("-printcrl -file o.crl").ok().stdout;
    assert!(ours.contains("CRL Number:     1000\n"), "{ours}");
    assert!(ours.contains("Reason Code: SUPERSEDED"), "{ours}");
}

#[test]
fn printcrl_refuses_what_is_no_crl() {
    let env = Env::new();
    std::fs::write(env.path("junk.crl"), b"\x30\x03\x02\x01").unwrap();
    env.sh("-printcrl -file junk.crl")
        .fails_with("rkeytool error: junk.crl: damaged or truncated CRL data: truncated");
    env.sh("-gencrl -keystore nope.p12 -storepass changeit -id 0x10")
        .fails_with("rkeytool error: Illegal value for -id: 0x10");
    // Reason 0: keytool fails to encode it ("No value to encode for the extension!").
    rsa_ca(&env);
    let theirs =
        env.kt("-gencrl -keystore ca.p12 -storepass changeit -alias ca -id 7:0 -file k.crl");
    assert!(
        theirs
            .stdout
            .contains("No value to encode for the extension!"),
        "{}",
        theirs.stdout
    );
    env.sh("-gencrl -keystore ca.p12 -storepass changeit -alias ca -id 7:0 -file r.crl")
        .fails_with("rkeytool error: Illegal value for -id: 7:0: No value to encode for the extension! (reason 0)");
    assert!(!env.path("r.crl").exists());
}
