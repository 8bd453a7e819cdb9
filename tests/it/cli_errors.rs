//! Errors worded once (issue 18): refusals that no other module asserted,
//! each as one line a script can match, the keystore left as it was. Where
//! keytool refuses the same way its words are checked beside ours.

use crate::util::*;

fn store_with_key(env: &Env) {
    env.sh(&format!(
        "-genkeypair -keystore ks.p12 -storepass {PW} -alias k -dname CN=k -keyalg EC"
    ))
    .ok();
}

/// keytool's own refusals, worded as keytool words them.
#[test]
fn refusals_keytool_also_makes_read_as_keytools() {
    let env = Env::new();
    store_with_key(&env);
    let before = env.read("ks.p12");
    for (line, words) in [
        (
            "-genkeypair -alias k -keyalg EC -dname CN=x",
            "Key pair not generated, alias <k> already exists",
        ),
        (
            "-keypasswd -alias k -new newpass1",
            "-keypasswd commands not supported if -storetype is PKCS12",
        ),
        ("-list -storetype FOO", "FOO not found"),
        ("-delete -alias k -storetype FOO", "FOO not found"),
    ] {
        let line = format!("{line} -keystore ks.p12 -storepass {PW}");
        let kt = env.kt(&line);
        assert!(kt.stdout.contains(words), "keytool said:\n{}", kt.stdout);
        env.sh(&line)
            .fails_with(&format!("rkeytool error: {words}\n"));
    }
    assert_eq!(env.read("ks.p12"), before);
}

/// `-cacerts` names the JDK's truststore: no other keystore or type beside it.
/// (keytool checks this before it opens anything, so no cacerts is touched.)
#[test]
fn cacerts_with_keystore_or_storetype_is_refused_as_keytool() {
    let env = Env::new();
    for line in [
        "-list -cacerts -keystore ks.p12",
        "-list -cacerts -storetype PKCS12",
    ] {
        let words = "The -keystore or -storetype option cannot be used with the -cacerts option";
        let line = format!("{line} -storepass {PW}");
        let kt = env.kt(&line);
        assert!(kt.stdout.contains(words), "keytool said:\n{}", kt.stdout);
        env.sh(&line)
            .fails_with(&format!("rkeytool error: {words}\n"));
    }
}

/// An alias asked for and not answered: keytool's prompt, then one line.
#[test]
fn an_alias_asked_for_and_not_given_is_named() {
    let env = Env::new();
    store_with_key(&env);
    let before = env.read("ks.p12");
    let run = env
        .sh_stdin(&format!("-delete -keystore ks.p12 -storepass {PW}"), "")
        .fails_with("rkeytool error: Must specify alias\n");
    assert!(
        run.stderr.starts_with("Enter alias name:  "),
        "{}",
        run.stderr
    );
    let run = env
        .sh_stdin(
            &format!("-changealias -alias k -keystore ks.p12 -storepass {PW}"),
            "",
        )
        .fails_with("rkeytool error: Must specify destination alias\n");
    assert!(
        run.stderr.starts_with("Enter destination alias name:  "),
        "{}",
        run.stderr
    );
    assert_eq!(env.read("ks.p12"), before);
}

/// rkeytool's own refusals: the line, then the hint saying what to do.
#[test]
fn rkeytools_own_refusals_carry_their_hint() {
    let env = Env::new();
    store_with_key(&env);
    env.sh(&format!(
        "-genseckey -alias s -keyalg AES -keysize 128 -keystore ks.p12 -storepass {PW}"
    ))
    .ok();
    env.sh(&format!(
        "-exportcert -alias k -file k.crt -keystore ks.p12 -storepass {PW}"
    ))
    .ok();
    let before = env.read("ks.p12");
    env.sh(&format!("-exportpass -alias s -keystore ks.p12 -storepass {PW}"))
        .fails_with(
            "rkeytool error: <s> is a AES key, not a stored password\nhint: -exportkey -nocrypt writes a secret key's bytes\n",
        );
    env.sh(&format!(
        "-exportcert -alias s -keystore ks.p12 -storepass {PW}"
    ))
    .fails_with("rkeytool error: Alias <s> has no certificate\n");
    env.sh("-list -keystore ks.p12 -storepass:env RKEYTOOL_TEST_UNSET_VARIABLE")
    .fails_with(
        "rkeytool error: Cannot find environment variable: RKEYTOOL_TEST_UNSET_VARIABLE (given with -storepass:env)\n",
    );
    env.sh(&format!(
        "-importkeystore -srckeystore ks.p12 -srcstorepass {PW} -srcstoretype FOO -destkeystore b.p12 -deststorepass {PW}"
    ))
    .fails_with(
        "rkeytool error: FOO not found\nhint: rkeytool supports -srcstoretype PKCS12, JKS, JCEKS, BKS, UBER, BCFKS and PEM\n",
    );
    env.sh_openssl("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other.key")
        .ok();
    env.sh(&format!(
        "-importkey -alias n -keyfile other.key -keystore ks.p12 -storepass {PW}"
    ))
    .fails_with(
        "rkeytool error: No certificate for the key in other.key\nhint: give the certificate chain with -file CERTS (PEM, DER or PKCS#7)\n",
    );
    assert_eq!(env.read("ks.p12"), before);
    assert!(!env.path("b.p12").exists());
}
