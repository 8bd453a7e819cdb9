//! Errors the library reports as structured values and the binary words
//! (`src/cli/error.rs`): the words are keytool's own where keytool refuses
//! the same command line, checked here against keytool 17 itself.

use crate::util::{Env, PW};

/// `-genseckey` with a key size or algorithm the JDK's KeyGenerator
/// refuses: the library says which size was asked and which it takes
/// (`Error::InvalidKeySize`, `Error::NoSuchAlgorithm`); the binary prints
/// keytool's line, and no keystore is made.
#[test]
fn genseckey_refusals_are_worded_as_keytool_words_them() {
    let env = Env::new();
    for (keyalg, keysize) in [
        ("AES", "100"),
        ("HmacSHA256", "12"),
        ("DES", "64"),
        ("DESede", "128"),
        ("Blah", "128"),
    ] {
        let line = format!(
            "-genseckey -alias x -keyalg {keyalg} -keysize {keysize} -keystore kt.p12 -storepass {PW}"
        );
        let theirs = env.kt(&line);
        assert_eq!(
            theirs.status, 1,
            "keytool accepted {line}: {}",
            theirs.stdout
        );
        let said = theirs
            .stdout
            .lines()
            .chain(theirs.stderr.lines())
            .find_map(|l| l.strip_prefix("keytool error: "))
            .unwrap_or_else(|| panic!("no keytool error for {line}: {}", theirs.stderr))
            .to_string();
        env.sh(&line.replace("kt.p12", "rk.p12"))
            .fails_with(&format!("rkeytool error: {said}\n"));
        assert!(
            !env.path("kt.p12").exists(),
            "keytool wrote a store: {line}"
        );
        assert!(
            !env.path("rk.p12").exists(),
            "rkeytool wrote a store: {line}"
        );
    }
}

/// `-startdate` and `-id` values the library cannot take
/// (`Error::InvalidValue`): keytool's "Illegal ... value" with the value.
#[test]
fn illegal_values_name_the_option_and_the_value() {
    let env = Env::new();
    env.sh(&format!(
        "-genkeypair -alias k -keyalg EC -dname CN=k -startdate yesterday -keystore s.p12 -storepass {PW}"
    ))
    .fails_with("rkeytool error: Illegal startdate value: yesterday\n");
    assert!(!env.path("s.p12").exists());
}
