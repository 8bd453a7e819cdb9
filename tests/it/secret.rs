//! Nothing lost (issue 13): secret keys, stored passwords, per-entry key
//! passwords and empty passwords, in stores made by the JDK's KeyStore API
//! (tests/it/java/Stores.java, run with `java Stores.java`) and by keytool
//! 17 and 25; every writing command keeps every entry or refuses in one line.

use crate::util::{Env, Jdk, PW, Run, keytool_of};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

fn stores_java() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/java/Stores.java")
        .display()
        .to_string()
}

/// `java Stores.java ARGS` in the test folder (the system JDK 17).
#[track_caller]
fn java(env: &Env, args: &[&str]) -> Run {
    let o = Command::new("java")
        .arg(stores_java())
        .args(args)
        .current_dir(env.dir.path())
        .env("HOME", env.dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("run java (JDK 17 on PATH)");
    Run {
        status: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
    .ok()
}

/// The JDK-made stores of Stores.java in the test folder: api.p12 (secret
/// keys, a stored password, keys with their own passwords, a unicode
/// alias, a trusted certificate), api.jks, empty.p12 (the empty password).
fn jdk_stores(env: &Env) {
    for (alias, file) in [("k", "src.p12"), ("ca", "ca.p12")] {
        env.keytool(&[
            "-genkeypair",
            "-alias",
            alias,
            "-keyalg",
            "EC",
            "-dname",
            &format!("CN={alias}"),
            "-keystore",
            file,
            "-storepass",
            PW,
        ])
        .ok();
    }
    env.kt(&format!(
        "-exportcert -alias ca -keystore ca.p12 -storepass {PW} -file ca.der"
    ))
    .ok();
    env.kt(&format!(
        "-importcert -noprompt -alias ca -file ca.der -keystore src.p12 -storepass {PW}"
    ))
    .ok();
    java(env, &["make", "src.p12", PW, "."]);
}

/// (alias, entry type) pairs of a `-list` output, keytool's or ours.
fn entries(list: &str) -> BTreeSet<(String, String)> {
    list.lines()
        .filter_map(|l| {
            let parts: Vec<&str> = l.split(", ").collect();
            // "alias, Dec 1, 2026, SecretKeyEntry, "
            (parts.len() >= 5 && parts[3].ends_with("Entry"))
                .then(|| (parts[0].to_string(), parts[3].to_string()))
        })
        .collect()
}

fn rk_entries(env: &Env, file: &str, storepass: &str) -> BTreeSet<(String, String)> {
    entries(
        &env.rk(&["-list", "-keystore", file, "-storepass", storepass])
            .ok()
            .stdout,
    )
}

/// What the JDK's KeyStore API reads back: every key opened and used.
fn jdk_dump(env: &Env, kind: &str, file: &str, storepass: &str, keypasses: &[&str]) -> String {
    let mut args = vec!["dump", kind, file, storepass];
    args.extend_from_slice(keypasses);
    java(env, &args).stdout
}

const API_KEYPASSES: [&str; 2] = ["own-pass-key=keypass2", "secret-own-pass=secretpass"];

#[test]
fn jdk_api_stores_list_exactly_as_keytool_17_lists_them() {
    let env = Env::new();
    jdk_stores(&env);
    for (file, pass) in [("api.p12", PW), ("api.jks", PW), ("empty.p12", "")] {
        let ours = env
            .rk(&["-list", "-keystore", file, "-storepass", pass])
            .ok();
        let theirs = env
            .keytool(&["-list", "-keystore", file, "-storepass", pass])
            .ok();
        crate::util::assert_same_text(&ours.stdout, &theirs.stdout, file);
        for v in [
            &["-v"][..],
            &["-alias", "aes"][..],
            &["-v", "-alias", "aes"][..],
        ] {
            if file == "api.jks" && v.contains(&"aes") {
                continue;
            }
            let mut args = vec!["-list", "-keystore", file, "-storepass", pass];
            args.extend_from_slice(v);
            let ours = env.rk(&args).ok();
            let theirs = env.keytool(&args).ok();
            crate::util::assert_same_text(&ours.stdout, &theirs.stdout, &format!("{file} {v:?}"));
        }
    }
    let json = env
        .sh(&format!("-list -json -keystore api.p12 -storepass {PW}"))
        .ok();
    assert!(
        json.stdout.contains("\"SecretKeyEntry\""),
        "{}",
        json.stdout
    );
}

#[test]
fn keys_with_their_own_password_list_with_the_store_password_alone() {
    let env = Env::new();
    jdk_stores(&env);
    let listed = rk_entries(&env, "api.p12", PW);
    assert_eq!(listed.len(), 7, "{listed:?}");
    // A key with its own password is used with -keypass, as keytool.
    env.sh(&format!(
        "-certreq -alias own-pass-key -keystore api.p12 -storepass {PW}"
    ))
    .fails_with("Cannot recover key for alias <own-pass-key>");
    env.sh(&format!("-certreq -alias own-pass-key -keypass keypass2 -keystore api.p12 -storepass {PW} -file r.csr"))
    .ok();
    env.sh_openssl("req -in r.csr -verify -noout").ok();
    // A write keeps both own passwords: the JDK opens each key with its own.
    env.sh(&format!(
        "-genkeypair -alias new -keyalg EC -dname CN=new -keystore api.p12 -storepass {PW}"
    ))
    .ok();
    let dump = jdk_dump(&env, "PKCS12", "api.p12", PW, &API_KEYPASSES);
    assert_eq!(dump.lines().count(), 8, "{dump}");
    // Every keytool of the matrix lists all eight.
    for jdk in Jdk::ALL {
        let l = env
            .keytool_with(
                &keytool_of(jdk),
                &["-list", "-keystore", "api.p12", "-storepass", PW],
            )
            .ok();
        assert_eq!(entries(&l.stdout).len(), 8, "{jdk:?}: {}", l.stdout);
    }
}

#[test]
fn secret_values_come_back_out_only_when_asked() {
    let env = Env::new();
    jdk_stores(&env);
    let values = String::from_utf8(env.read("api.values")).unwrap();
    let value = |a: &str| {
        values
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{a}=")))
            .unwrap()
            .to_string()
    };
    let out = env
        .sh(&format!(
            "-exportpass -alias db-pass -keystore api.p12 -storepass {PW}"
        ))
        .ok();
    assert_eq!(out.stdout, "s3cret-value\n");
    assert!(out.stderr.contains("Warning: the password stored under <db-pass> is written in the clear to standard output"), "{}", out.stderr);
    env.sh(&format!(
        "-exportpass -alias db-pass -file pass.txt -keystore api.p12 -storepass {PW}"
    ))
    .ok();
    assert_eq!(env.read("pass.txt"), b"s3cret-value\n");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.path("pass.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // Secret keys: never by default, raw bytes or hex with -nocrypt.
    env.sh(&format!(
        "-exportkey -alias aes -file aes.bin -keystore api.p12 -storepass {PW}"
    ))
    .fails_with("<aes> is a secret key: it can only be exported in the clear, with -nocrypt");
    env.sh(&format!(
        "-exportkey -nocrypt -rfc -alias hmac -file hmac.hex -keystore api.p12 -storepass {PW}"
    ))
    .ok();
    assert_eq!(
        String::from_utf8(env.read("hmac.hex")).unwrap(),
        format!("{}\n", value("hmac"))
    );
    env.sh(&format!("-exportkey -nocrypt -alias secret-own-pass -keypass secretpass -file own.bin -keystore api.p12 -storepass {PW}"))
    .ok();
    let hex: String = env
        .read("own.bin")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(hex, value("secret-own-pass"));
    env.sh(&format!(
        "-exportpass -alias aes -keystore api.p12 -storepass {PW}"
    ))
    .fails_with("<aes> is a AES key, not a stored password");
}

/// keytool 17's PKCS12 store with an entry of every kind, all under the
/// store password: `kt.p12` holds aes (a secret key), dbpass (a stored
/// password, "s3cret-value"), k (an EC key) and ca (a trusted certificate);
/// `k.pem` is k's certificate. Returns its (alias, type) pairs as rkeytool lists them.
fn keytool_store_of_every_kind(env: &Env) -> BTreeSet<(String, String)> {
    let kt = keytool_of(Jdk::V17);
    let store = format!("-keystore kt.p12 -storepass {PW}");
    for line in [
        format!("-genseckey -alias aes -keyalg AES -keysize 256 {store}"),
        format!("-genkeypair -alias k -keyalg EC -dname CN=k {store}"),
        format!("-exportcert -alias k -rfc -file k.pem {store}"),
        format!("-genkeypair -alias ca -keyalg EC -dname CN=ca -keystore ca.p12 -storepass {PW}"),
        format!("-exportcert -alias ca -file ca.der -keystore ca.p12 -storepass {PW}"),
        format!("-importcert -noprompt -alias ca -file ca.der {store}"),
    ] {
        env.sh_keytool(&kt, &line).ok();
    }
    env.sh_keytool_stdin(
        &kt,
        &format!("-importpass -alias dbpass {store}"),
        "s3cret-value\n",
    )
    .ok();
    let entries = rk_entries(env, "kt.p12", PW);
    assert_eq!(entries.len(), 4, "{entries:?}");
    entries
}

/// Every writing command, run on its own copy of keytool's store: the
/// entries it must hold afterwards, as rkeytool, keytool 17 and 25 and the
/// JDK's KeyStore API read it, and the stored password still readable.
#[test]
fn no_writing_command_drops_an_entry() {
    let env = Env::new();
    let before = keytool_store_of_every_kind(&env);
    env.copy_fixture("ca.pem");
    let with = |extra: &[(&str, &str)], without: &[&str]| {
        let mut s = before.clone();
        s.retain(|(a, _)| !without.contains(&a.as_str()));
        for (a, t) in extra {
            s.insert((a.to_string(), t.to_string()));
        }
        s
    };
    let cases = [
        (
            "-genkeypair -alias new -keyalg EC -dname CN=new",
            with(&[("new", "PrivateKeyEntry")], &[]),
        ),
        (
            "-importcert -noprompt -alias cert2 -file k.pem",
            with(&[("cert2", "trustedCertEntry")], &[]),
        ),
        ("-delete -alias ca", with(&[], &["ca"])),
        (
            "-changealias -alias aes -destalias aes2",
            with(&[("aes2", "SecretKeyEntry")], &["aes"]),
        ),
        (
            "-changealias -alias k -destalias k2",
            with(&[("k2", "PrivateKeyEntry")], &["k"]),
        ),
        ("-storepasswd -new newpass1", before.clone()),
        (
            "-genseckey -alias hm -keyalg HmacSHA256 -keysize 256",
            with(&[("hm", "SecretKeyEntry")], &[]),
        ),
        (
            "-importbundle -file ca.pem -aliasprefix b-",
            with(&[("b-fixture root ca", "trustedCertEntry")], &[]),
        ),
    ];
    for (i, (command, want)) in cases.iter().enumerate() {
        let file = format!("w{i}.p12");
        std::fs::copy(env.path("kt.p12"), env.path(&file)).unwrap();
        env.sh(&format!("{command} -keystore {file} -storepass {PW}"))
            .ok();
        let pass = command.split_once("-new ").map_or(PW, |(_, p)| p);
        assert_eq!(&rk_entries(&env, &file, pass), want, "{command}");
        // keytool 17 and 25 list the same and the JDK opens every key.
        for jdk in [Jdk::V17, Jdk::V25] {
            let line = format!("-list -keystore {file} -storepass {pass}");
            let l = env.sh_keytool(&keytool_of(jdk), &line).ok();
            assert_eq!(&entries(&l.stdout), want, "{jdk:?} after {command}");
        }
        let dump = jdk_dump(&env, "PKCS12", &file, pass, &[]);
        assert_eq!(dump.lines().count(), want.len(), "{command}: {dump}");
        // The stored password survives the rewrite with its value.
        let out = env
            .sh(&format!(
                "-exportpass -alias dbpass -keystore {file} -storepass {pass}"
            ))
            .ok();
        assert_eq!(out.stdout, "s3cret-value\n", "{command}");
    }
}

/// `-importkey` and `-importkeystore` (to a new file and in place) keep
/// every entry; a writer that refuses leaves the file byte for byte.
#[test]
fn imports_keep_every_entry_and_a_refused_write_changes_nothing() {
    let env = Env::new();
    let before = keytool_store_of_every_kind(&env);
    env.sh_openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=imp -days 1 -keyout imp.key -out imp.crt")
    .ok();
    std::fs::copy(env.path("kt.p12"), env.path("ik.p12")).unwrap();
    env.sh(&format!(
        "-importkey -alias imp -keyfile imp.key -file imp.crt -keystore ik.p12 -storepass {PW}"
    ))
    .ok();
    let mut want = before.clone();
    want.insert(("imp".into(), "PrivateKeyEntry".into()));
    assert_eq!(rk_entries(&env, "ik.p12", PW), want);

    env.sh(&format!("-importkeystore -srckeystore kt.p12 -srcstorepass {PW} -destkeystore copy.p12 -deststorepass another1"))
    .ok();
    assert_eq!(rk_entries(&env, "copy.p12", "another1"), before);
    let dump = jdk_dump(&env, "PKCS12", "copy.p12", "another1", &[]);
    assert_eq!(dump.lines().count(), 4, "{dump}");

    std::fs::copy(env.path("kt.p12"), env.path("inplace.p12")).unwrap();
    env.sh(&format!("-importkeystore -srckeystore inplace.p12 -destkeystore inplace.p12 -srcstorepass {PW} -deststorepass {PW} -deststoretype PKCS12"))
    .ok();
    assert_eq!(rk_entries(&env, "inplace.p12", PW), before);

    std::fs::copy(env.path("kt.p12"), env.path("kp.p12")).unwrap();
    env.sh(&format!(
        "-keypasswd -alias k -new newkey12 -keystore kp.p12 -storepass {PW}"
    ))
    .fails_with("-keypasswd commands not supported if -storetype is PKCS12");
    assert_eq!(env.read("kp.p12"), env.read("kt.p12"));
}

#[test]
fn writers_refuse_in_one_line_what_they_cannot_keep() {
    let env = Env::new();
    jdk_stores(&env);
    let original = env.read("api.p12");
    // A new store password cannot re-protect keys with passwords of their own.
    env.sh(&format!(
        "-storepasswd -new newpass1 -keystore api.p12 -storepass {PW}"
    ))
    .fails_with("Cannot change the store password: the key of <");
    assert_eq!(env.read("api.p12"), original, "refused: file unchanged");
    // JKS cannot hold secret keys: nothing is written.
    let r = env.sh(&format!("-importkeystore -srckeystore api.p12 -srcstorepass {PW} -srckeypass secretpass -destkeystore out.jks -deststoretype JKS -deststorepass {PW} -noprompt"))
        .fails_with("Problem importing entry for alias ");
    assert!(
        r.stderr.contains(
            "java.security.KeyStoreException: Cannot store non-PrivateKeys; nothing was written"
        ),
        "{}",
        r.stderr
    );
    assert!(!env.path("out.jks").exists(), "nothing written");
    env.sh(&format!(
        "-genseckey -alias s -keyalg AES -keysize 128 -keystore api.jks -storepass {PW}"
    ))
    .fails_with("Cannot store non-PrivateKeys");
}

#[test]
fn pkcs12_to_pkcs12_import_keeps_secret_keys_and_stored_passwords() {
    let env = Env::new();
    let k25 = keytool_of(Jdk::V25);
    env.keytool_with(
        &k25,
        &[
            "-genseckey",
            "-alias",
            "aes",
            "-keyalg",
            "AES",
            "-keysize",
            "128",
            "-keystore",
            "k25.p12",
            "-storepass",
            PW,
        ],
    )
    .ok();
    env.sh_keytool_stdin(
        &k25,
        &format!("-importpass -alias pw -keystore k25.p12 -storepass {PW}"),
        "hunter2-value\n",
    )
    .ok();
    env.sh(&format!("-importkeystore -srckeystore k25.p12 -srcstorepass {PW} -destkeystore copy.p12 -deststorepass another1"))
    .ok();
    for jdk in [Jdk::V17, Jdk::V25] {
        let l = env
            .keytool_with(
                &keytool_of(jdk),
                &["-list", "-keystore", "copy.p12", "-storepass", "another1"],
            )
            .ok();
        assert!(
            l.stdout.contains("aes, ") && l.stdout.contains("pw, "),
            "{}",
            l.stdout
        );
    }
    let dump = jdk_dump(&env, "PKCS12", "copy.p12", "another1", &[]);
    assert!(
        dump.contains("pw SecretKeyEntry PBEWithMD5AndDES 68756e746572322d76616c7565"),
        "{dump}"
    );
    // keytool deletes what we wrote.
    env.keytool_with(
        &k25,
        &[
            "-delete",
            "-alias",
            "aes",
            "-keystore",
            "copy.p12",
            "-storepass",
            "another1",
        ],
    )
    .ok();
    assert_eq!(rk_entries(&env, "copy.p12", "another1").len(), 1);
}

#[test]
fn importpass_reads_one_line_and_genseckey_speaks_keytools_words() {
    let env = Env::new();
    let r = env
        .rk_stdin(
            &[
                "-importpass",
                "-alias",
                "db",
                "-keystore",
                "s.p12",
                "-storepass",
                PW,
            ],
            "s3cret-value\nignored\n",
        )
        .ok();
    assert_eq!(r.stderr, "");
    let r = env
        .sh(&format!(
            "-genseckey -alias aes -keyalg AES -keysize 256 -keystore s.p12 -storepass {PW}"
        ))
        .ok();
    assert_eq!(r.stderr, "Generated 256-bit AES secret key\n");
    env.sh(&format!(
        "-genseckey -alias d -keyalg DESede -keystore s.p12 -storepass {PW}"
    ))
    .ok();
    env.sh(&format!(
        "-genseckey -alias aes -keyalg AES -keysize 128 -keystore s.p12 -storepass {PW}"
    ))
    .fails_with("Secret Key not generated, alias <aes> already exists");
    env.sh(&format!(
        "-genseckey -alias h -keyalg HmacSHA256 -keystore s.p12 -storepass {PW}"
    ))
    .fails_with("Please provide -keysize for secret key generation");
    env.sh(&format!(
        "-genseckey -alias h -keystore s.p12 -storepass {PW}"
    ))
    .fails_with("The -keyalg option must be specified.");
    env.rk_stdin(
        &[
            "-importpass",
            "-alias",
            "u",
            "-keystore",
            "s.p12",
            "-storepass",
            PW,
        ],
        "pässword\n",
    )
    .fails_with("Password is not ASCII");
    let dump = jdk_dump(&env, "PKCS12", "s.p12", PW, &[]);
    assert!(
        dump.contains("db SecretKeyEntry PBEWithMD5AndDES 7333637265742d76616c7565"),
        "{dump}"
    );
    assert!(dump.contains("d SecretKeyEntry DESede "), "{dump}");
    let l17 = env
        .kt(&format!("-list -keystore s.p12 -storepass {PW}"))
        .ok();
    let ours = env
        .sh(&format!("-list -keystore s.p12 -storepass {PW}"))
        .ok();
    crate::util::assert_same_text(&ours.stdout, &l17.stdout, "our secret keys");
}

#[test]
fn the_empty_password_is_a_password() {
    let env = Env::new();
    jdk_stores(&env);
    // -storepass "" opens the JDK's empty-password store with its MAC checked.
    let r = env.sh("-list -keystore empty.p12 -storepass ''").ok();
    assert!(!r.stderr.contains("integrity"), "{}", r.stderr);
    assert_eq!(entries(&r.stdout).len(), 3);
    let r = env
        .rk_env(
            &["-list", "-keystore", "empty.p12", "-storepass:env", "EMPTY"],
            &[("EMPTY", "")],
        )
        .ok();
    assert_eq!(entries(&r.stdout).len(), 3);
    env.sh("-list -keystore empty.p12 -storepass wrong")
        .fails_with("keystore password was incorrect");
    // Written back with the empty password, MAC and all: keytool still opens it.
    env.sh("-genseckey -alias x -keyalg AES -keysize 128 -keystore empty.p12 -storepass ''")
        .ok();
    let dump = jdk_dump(&env, "PKCS12", "empty.p12", "", &[]);
    assert_eq!(dump.lines().count(), 4, "{dump}");
    let l = env
        .keytool_with(
            &keytool_of(Jdk::V25),
            &["-list", "-keystore", "empty.p12", "-storepass", ""],
        )
        .ok();
    assert!(
        l.stdout.contains("Your keystore contains 4 entries"),
        "{}",
        l.stdout
    );
    // And it converts.
    env.sh(&format!("-importkeystore -srckeystore empty.p12 -srcstorepass '' -destkeystore full.p12 -deststorepass {PW}"))
    .ok();
    assert_eq!(rk_entries(&env, "full.p12", PW).len(), 4);
}

#[test]
fn jks_from_the_api_round_trips_through_every_writer() {
    let env = Env::new();
    jdk_stores(&env);
    let before = rk_entries(&env, "api.jks", PW);
    env.sh(&format!("-keypasswd -alias own-pass-key -keypass keypass2 -new keypass3 -keystore api.jks -storepass {PW}"))
    .ok();
    env.sh(&format!(
        "-storepasswd -new newpass1 -keystore api.jks -storepass {PW}"
    ))
    .ok();
    env.sh("-changealias -alias trusted -destalias trusted2 -keystore api.jks -storepass newpass1")
        .ok();
    let after = rk_entries(&env, "api.jks", "newpass1");
    assert_eq!(after.len(), before.len());
    let dump = jdk_dump(
        &env,
        "JKS",
        "api.jks",
        "newpass1",
        &["own-pass-key=keypass3", "schlüssel-€=changeit"],
    );
    assert_eq!(dump.lines().count(), 3, "{dump}");
    assert!(dump.contains("schlüssel-€ PrivateKeyEntry EC"), "{dump}");
}

#[test]
fn import_checks_chains_as_keytool_and_writes_nothing_on_failure() {
    let env = Env::new();
    jdk_stores(&env);
    let theirs = env.kt(&format!("-importkeystore -srckeystore badchain.jks -srcstorepass {PW} -destkeystore kt.p12 -deststorepass {PW} -noprompt"));
    assert!(
        theirs.stderr.contains("Certificate chain is not valid"),
        "{}",
        theirs.stderr
    );
    env.sh(&format!("-importkeystore -srckeystore badchain.jks -srcstorepass {PW} -destkeystore rk.p12 -deststorepass {PW} -noprompt"))
        .fails_with("Problem importing entry for alias bad: java.security.KeyStoreException: Certificate chain is not valid; nothing was written");
    assert!(!env.path("rk.p12").exists());
    // Towards JKS, which does not check chains (as keytool), it imports.
    env.sh(&format!("-importkeystore -srckeystore badchain.jks -srcstorepass {PW} -destkeystore rk.jks -deststoretype JKS -deststorepass {PW} -noprompt"))
    .ok();
    assert_eq!(rk_entries(&env, "rk.jks", PW).len(), 2);
}

#[test]
fn windows_null_password_pfx_opens_with_the_empty_password_as_keytool_opens_it() {
    use rkeytool::{KeyStore, Password, pkcs12};
    let env = Env::new();
    jdk_stores(&env);
    // Windows' "no password" export: legacy PBE and a MAC keyed by the NULL
    // password (no bytes at all), which the JDK tries when "" fails.
    let mut ks = KeyStore::open(&env.path("empty.p12"), Some(&Password::new(""))).unwrap();
    ks.recover_keys(&Password::new("")).unwrap();
    let null = pkcs12::encode(&ks, Some(&Password::new("\0")), pkcs12::Protection::Legacy).unwrap();
    std::fs::write(env.path("null.pfx"), null).unwrap();
    // Not the empty password's bytes: the file differs from what "" would make.
    assert!(
        KeyStore::open(&env.path("null.pfx"), Some(&Password::new("x"))).is_err(),
        "a wrong password is refused"
    );
    for jdk in [Jdk::V17, Jdk::V25] {
        let l = env
            .keytool_with(
                &keytool_of(jdk),
                &["-list", "-keystore", "null.pfx", "-storepass", ""],
            )
            .ok();
        assert_eq!(entries(&l.stdout).len(), 3, "{jdk:?}: {}", l.stdout);
        assert!(!l.stderr.contains("integrity"), "{}", l.stderr);
    }
    env.sh_openssl("pkcs12 -legacy -in null.pfx -passin pass: -info -noout")
        .ok();
    let ours = env.sh("-list -keystore null.pfx -storepass ''").ok();
    let theirs = env.kt("-list -keystore null.pfx -storepass ''").ok();
    crate::util::assert_same_text(&ours.stdout, &theirs.stdout, "null-password PFX");
    assert!(!ours.stderr.contains("integrity"), "{}", ours.stderr);
    // Its key opens, and it converts.
    env.sh("-certreq -alias k -keystore null.pfx -storepass '' -file k.csr")
        .ok();
    env.sh(&format!("-importkeystore -srckeystore null.pfx -srcstorepass '' -destkeystore new.p12 -deststorepass {PW}"))
    .ok();
    let dump = jdk_dump(&env, "PKCS12", "new.p12", PW, &[]);
    assert_eq!(dump.lines().count(), 3, "{dump}");
}
