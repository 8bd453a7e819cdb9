//! Issue 4: -importkeystore, -delete, -changealias, -storepasswd, -keypasswd,
//! password-less and legacy PKCS12, against keytool 17/25 and OpenSSL 3.
//! Fixtures: fixtures/admin/ (scripts/gen-admin-fixtures.sh, README there).

use crate::util::*;

/// multi.jks: store password storepass1; keys alpha (alphapass1), beta
/// (betapass1, chain of 2), gamma (storepass1); trusted ca and peer.
const MULTI: &str = "admin/multi.jks";
const MULTI_KEYS: [(&str, &str); 3] = [
    ("alpha", "alphapass1"),
    ("beta", "betapass1"),
    ("gamma", "storepass1"),
];
const MULTI_ALIASES: [&str; 5] = ["alpha", "beta", "ca", "gamma", "peer"];

fn copy(env: &Env, fixture: &str, to: &str) -> String {
    std::fs::copy(fixture_path(fixture), env.path(to)).expect("copy fixture");
    to.to_string()
}

fn fixture_path(name: &str) -> std::path::PathBuf {
    fixture(name)
}

/// (alias, SHA-256 fingerprint) pairs of a plain `-list`.
fn aliases_and_fingerprints(list: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = list.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.contains("Entry, ") {
            let alias = l.split(',').next().unwrap_or("").to_string();
            let fp = lines
                .get(i + 1)
                .and_then(|n| n.strip_prefix("Certificate fingerprint (SHA-256): "))
                .unwrap_or("")
                .to_string();
            out.push((alias, fp));
        }
    }
    out
}

/// The "alias, date, type," lines of a `-list`: private key entries whole,
/// trusted certificate entries without their date (PKCS12 has none for them,
/// so keytool prints the day it reads the file).
fn entry_lines_without_trusted_dates(list: &str) -> Vec<String> {
    list.lines()
        .filter(|l| l.contains("Entry, "))
        .map(|l| {
            if l.contains("trustedCertEntry") {
                let alias = l.split(", ").next().unwrap_or("");
                format!("{alias}, <date>, trustedCertEntry,")
            } else {
                l.to_string()
            }
        })
        .collect()
}

#[track_caller]
fn unchanged(env: &Env, name: &str, before: &[u8]) {
    assert!(env.read(name) == before, "{name} changed");
}

/// multi.jks goes into out.p12 (password destpass1) one entry at a time,
/// each key with its own -srckeypass.
fn multi_into_pkcs12_entry_by_entry(env: &Env) {
    copy(env, MULTI, "multi.jks");
    for alias in MULTI_ALIASES {
        let keypass = MULTI_KEYS
            .iter()
            .find(|(a, _)| *a == alias)
            .map_or("storepass1", |(_, k)| *k);
        let r = env.sh(&format!("-importkeystore -srckeystore multi.jks -srcstorepass storepass1 -destkeystore out.p12 -deststorepass destpass1 -srcalias {alias} -srckeypass {keypass}"))
            .ok();
        assert_eq!(r.stderr, "Importing keystore multi.jks to out.p12...\n");
    }
}

#[test]
fn jks_with_key_passwords_to_pkcs12_needs_each_key_password() {
    let env = Env::new();
    copy(&env, MULTI, "multi.jks");
    // Whole import without the key passwords: refused, naming the alias, nothing written.
    let r = env.sh("-importkeystore -srckeystore multi.jks -srcstorepass storepass1 -destkeystore out.p12 -deststorepass destpass1")
        .fails_with("Cannot recover key for alias <");
    assert!(
        r.stderr
            .contains("Importing keystore multi.jks to out.p12..."),
        "{}",
        r.stderr
    );
    assert!(
        !env.path("out.p12").exists(),
        "a failed import wrote nothing"
    );
}

#[test]
fn jks_with_key_passwords_to_pkcs12_keytool_uses_every_key() {
    let env = Env::new();
    multi_into_pkcs12_entry_by_entry(&env);
    let theirs = env
        .kt("-list -keystore multi.jks -storepass storepass1")
        .ok();
    let ours = env.kt("-list -keystore out.p12 -storepass destpass1").ok();
    assert!(
        ours.stdout.contains("Keystore type: PKCS12"),
        "{}",
        ours.stdout
    );
    let (t, o) = (
        aliases_and_fingerprints(&theirs.stdout),
        aliases_and_fingerprints(&ours.stdout),
    );
    assert_eq!(t.len(), 5);
    assert_eq!(t, o, "same aliases and fingerprints");
    // Key entries keep their JKS creation dates. PKCS12 stores no date for a
    // trusted certificate: keytool shows the day it loads the file, so those
    // lines are compared without the date.
    assert_eq!(
        entry_lines_without_trusted_dates(&theirs.stdout),
        entry_lines_without_trusted_dates(&ours.stdout)
    );
    // keytool can use every key (PKCS12: the store password is the key password).
    for (alias, _) in MULTI_KEYS {
        let csr = env
            .kt(&format!(
                "-certreq -keystore out.p12 -storepass destpass1 -alias {alias}"
            ))
            .ok();
        assert!(
            csr.stdout.contains("BEGIN NEW CERTIFICATE REQUEST"),
            "{alias}"
        );
    }
    // beta's chain of two came along.
    let v = env
        .sh("-list -v -alias beta -keystore out.p12 -storepass destpass1")
        .ok();
    assert!(
        v.stdout.contains("Certificate chain length: 2"),
        "{}",
        v.stdout
    );
}

#[test]
fn pkcs12_back_to_jks_in_one_import_keys_take_the_source_password() {
    let env = Env::new();
    multi_into_pkcs12_entry_by_entry(&env);
    let r = env.sh("-importkeystore -srckeystore out.p12 -srcstorepass destpass1 -destkeystore back.jks -deststoretype JKS -deststorepass storepass2")
        .ok();
    for line in [
        "Import command completed:  5 entries successfully imported, 0 entries failed or cancelled",
        "Entry for alias beta successfully imported.",
        "The JKS keystore uses a proprietary format.",
    ] {
        assert!(r.stderr.contains(line), "{line}: {}", r.stderr);
    }
    assert_eq!(&env.read("back.jks")[..4], &[0xFE, 0xED, 0xFE, 0xED]);
    let original = env
        .kt("-list -keystore multi.jks -storepass storepass1")
        .ok();
    let back = env
        .kt("-list -keystore back.jks -storepass storepass2")
        .ok();
    assert_eq!(
        aliases_and_fingerprints(&back.stdout),
        aliases_and_fingerprints(&original.stdout)
    );
    env.kt("-certreq -keystore back.jks -storepass storepass2 -alias beta -keypass destpass1")
        .ok();
}

#[test]
fn whole_import_with_srckeypass_tries_it_then_the_store_password() {
    let env = Env::new();
    copy(&env, MULTI, "multi.jks");
    // alpha opens with -srckeypass, gamma with the store password, beta with neither.
    env.sh("-importkeystore -srckeystore multi.jks -srcstorepass storepass1 -srckeypass alphapass1 -destkeystore out.p12 -deststorepass destpass1")
    .fails_with("Cannot recover key for alias <beta>");
    assert!(!env.path("out.p12").exists());
}

/// `-importkeystore` from multi.jks into a copy of modern17.p12, with `rest` after
/// the source and destination.
fn import_into_dest(env: &Env, rest: &str) -> Run {
    env.sh(&format!(
        "-importkeystore -srckeystore multi.jks -destkeystore dest.p12 {rest}"
    ))
}

#[test]
fn refused_imports_leave_the_destination_unchanged() {
    let env = Env::new();
    copy(&env, MULTI, "multi.jks");
    copy(&env, "admin/modern17.p12", "dest.p12");
    let before = env.read("dest.p12");
    let both = "-srcstorepass storepass1 -deststorepass storepass1";
    for (rest, error) in [
        // The alias exists, no -noprompt, no terminal: an error, not a hang.
        (
            format!("{both} -srcalias ca"),
            "Existing entry alias ca exists",
        ),
        (
            "-srcstorepass wrongpass -deststorepass storepass1".into(),
            "multi.jks: Keystore was tampered with, or password was incorrect",
        ),
        (
            "-srcstorepass storepass1 -deststorepass wrongpass".into(),
            "dest.p12: keystore password was incorrect",
        ),
        (
            format!("{both} -srcalias nope"),
            "Alias <nope> does not exist",
        ),
        (
            format!("{both} -destalias x"),
            "if alias not specified, destalias and srckeypass must not be specified",
        ),
        // A key that cannot be recovered, midway through the entries.
        (
            format!("{both} -noprompt"),
            "Cannot recover key for alias <",
        ),
        (
            format!("{both} -srcalias ca -destalias ca2 -destkeypass short"),
            "New password must be at least 6 characters",
        ),
    ] {
        import_into_dest(&env, &rest).fails_with(error);
        unchanged(&env, "dest.p12", &before);
    }
    env.sh("-importkeystore -srckeystore multi.jks -srcstorepass storepass1 -destkeystore new.p12 -deststorepass short")
        .fails_with("Keystore password must be at least 6 characters");
    assert!(!env.path("new.p12").exists());
}

#[test]
fn noprompt_overwrites_and_destalias_renames_with_keytools_warnings() {
    let env = Env::new();
    copy(&env, MULTI, "multi.jks");
    copy(&env, "admin/modern17.p12", "dest.p12");
    let both = "-srcstorepass storepass1 -deststorepass storepass1";
    let r = import_into_dest(&env, &format!("{both} -srcalias ca -noprompt")).ok();
    assert!(
        r.stderr
            .contains("Warning: Overwriting existing alias ca in destination keystore"),
        "{}",
        r.stderr
    );
    let r = import_into_dest(
        &env,
        &format!("{both} -srcalias alpha -srckeypass alphapass1 -destalias Alpha2 -destkeypass otherpass1"),
    )
    .ok();
    assert!(
        r.stderr.contains("Warning:  Different store and key passwords not supported for PKCS12 KeyStores. Ignoring user-specified -destkeypass value."),
        "{}",
        r.stderr
    );
    let l = env
        .sh("-list -keystore dest.p12 -storepass storepass1")
        .ok();
    assert!(l.stdout.contains("alpha2, "), "{}", l.stdout);
}

#[test]
fn in_place_conversion_keeps_a_backup_as_keytool() {
    let env = Env::new();
    env.sh("-genkeypair -alias k1 -keyalg RSA -dname CN=k1 -storetype JKS -keystore x.jks -storepass storepass1")
    .ok();
    let original = env.read("x.jks");
    let convert = |t: &str| {
        env.sh(&format!("-importkeystore -srckeystore x.jks -srcstorepass storepass1 -destkeystore x.jks -deststoretype {t}"))
        .ok()
    };
    let r = convert("pkcs12");
    assert!(!r.stderr.contains("Importing keystore"), "{}", r.stderr);
    assert!(
        r.stderr.ends_with(
            "Import command completed:  1 entries successfully imported, 0 entries failed or cancelled\n\nWarning:\nMigrated \"x.jks\" to PKCS12. The JKS keystore is backed up as \"x.jks.old\".\n"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(env.read("x.jks.old"), original);
    assert_eq!(env.read("x.jks")[0], 0x30);
    let r = convert("pkcs12");
    assert!(
        r.stderr
            .contains("The original keystore \"x.jks\" is backed up as \"x.jks.old2\"...")
    );
    let list = env.kt("-list -keystore x.jks -storepass storepass1").ok();
    assert!(list.stdout.contains("Keystore type: PKCS12"));
    assert!(list.stdout.contains("k1, "));
}

#[test]
fn legacy_pkcs12_is_written_as_keytool_writes_it() {
    let env = Env::new();
    copy(&env, "admin/modern17.p12", "modern.p12");
    env.sh("-J-Dkeystore.pkcs12.legacy -importkeystore -srckeystore modern.p12 -srcstorepass storepass1 -destkeystore legacy.p12 -deststorepass storepass1")
    .ok();
    let info = env
        .sh_openssl("pkcs12 -info -noout -legacy -in legacy.p12 -passin pass:storepass1")
        .ok();
    let keytools = std::fs::read_to_string(fixture("admin/legacy17.openssl.txt")).unwrap();
    assert_same_text(
        &info.stderr,
        &keytools,
        "openssl pkcs12 -info of ours vs keytool 17's",
    );
    // -legacy means the same, on -storepasswd too; keytool reads both.
    env.sh("-storepasswd -legacy -keystore modern.p12 -storepass storepass1 -new storepass2")
        .ok();
    let info = env
        .sh_openssl("pkcs12 -info -noout -legacy -in modern.p12 -passin pass:storepass2")
        .ok();
    assert_same_text(&info.stderr, &keytools, "after -storepasswd -legacy");
    let l = env
        .kt("-list -keystore legacy.p12 -storepass storepass1")
        .ok();
    assert_eq!(aliases_and_fingerprints(&l.stdout).len(), 2);
    // And we read keytool's own legacy store.
    let ours = env
        .rk(&[
            "-list",
            "-keystore",
            &fixture("admin/legacy17.p12").display().to_string(),
            "-storepass",
            "storepass1",
        ])
        .ok();
    assert_eq!(aliases_and_fingerprints(&ours.stdout).len(), 2);
}

#[test]
fn passwordless_pkcs12_lists_and_converts_without_a_password() {
    let env = Env::new();
    copy(&env, "admin/passwordless25.p12", "cacerts.p12");
    let r = env.sh("-list -keystore cacerts.p12").ok();
    assert_eq!(r.stderr, "", "no prompt, no integrity warning");
    let keytools = std::fs::read_to_string(fixture("admin/passwordless25.list.txt")).unwrap();
    assert_eq!(
        aliases_and_fingerprints(&r.stdout),
        aliases_and_fingerprints(&keytools)
    );
    let r = env.sh("-importkeystore -srckeystore cacerts.p12 -destkeystore trust.jks -deststoretype JKS -deststorepass storepass1")
        .ok();
    assert!(
        !r.stderr.contains("Enter source keystore password"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("WARNING"), "{}", r.stderr);
    let l = env
        .sh("-list -keystore trust.jks -storepass storepass1")
        .ok();
    assert_eq!(
        aliases_and_fingerprints(&l.stdout),
        aliases_and_fingerprints(&keytools)
    );
}

#[test]
fn store_with_a_mac_listed_without_password_warns_and_lists_what_it_can() {
    let env = Env::new();
    copy(&env, "admin/modern17.p12", "m.p12");
    let r = env.sh("-list -v -keystore m.p12").ok();
    assert!(
        r.stderr
            .contains("* The integrity of the information stored in your keystore  *"),
        "{}",
        r.stderr
    );
    let keytools = std::fs::read_to_string(fixture("admin/modern17.nopass.list.txt")).unwrap();
    let from = keytools.find("Keystore type:").unwrap();
    assert_same_text(&r.stdout, &keytools[from..], "-list -v without password");
    let r = env.sh("-list -keystore m.p12").ok();
    assert!(
        r.stdout
            .ends_with("PrivateKeyEntry, \nCertificate chain length: 0\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn unicode_store_passwords_interoperate_with_jdk25_and_openssl() {
    let env = Env::new();
    let pw = "pässwörd€1";
    for f in ["unicode25.p12", "unicode-openssl.p12"] {
        copy(&env, &format!("admin/{f}"), f);
        let l = env.sh(&format!("-list -keystore {f} -storepass {pw}")).ok();
        assert_eq!(aliases_and_fingerprints(&l.stdout).len(), 1, "{f}");
    }
    env.sh(&format!("-importkeystore -srckeystore unicode-openssl.p12 -srcstorepass {pw} -destkeystore ours.p12 -deststorepass {pw}"))
    .ok();
    env.openssl(&[
        "pkcs12",
        "-info",
        "-noout",
        "-in",
        "ours.p12",
        "-passin",
        &format!("pass:{pw}"),
    ])
    .ok();
    {
        let kt25 = keytool25();
        let l = env
            .keytool_with(&kt25, &["-list", "-keystore", "ours.p12", "-storepass", pw])
            .ok();
        assert!(l.stdout.contains("key1, "), "{}", l.stdout);
    }
}

#[test]
fn delete_changealias_keypasswd_storepasswd_on_jks() {
    let env = Env::new();
    copy(&env, MULTI, "m.jks");
    let ks = ["-keystore", "m.jks", "-storepass", "storepass1"];
    let run = |cmd: &[&str]| {
        let mut v = cmd.to_vec();
        v.extend_from_slice(&ks);
        env.rk(&v)
    };
    let before = env.read("m.jks");
    run(&["-delete", "-alias", "nope"]).fails_with("Alias <nope> does not exist");
    run(&["-changealias", "-alias", "alpha", "-destalias", "GAMMA"])
        .fails_with("Destination alias <GAMMA> already exists");
    run(&["-changealias", "-alias", "alpha", "-destalias", "a2"])
        .fails_with("Cannot recover key for alias <alpha>");
    run(&[
        "-changealias",
        "-alias",
        "alpha",
        "-destalias",
        "a2",
        "-keypass",
        "wrongpass",
    ])
    .fails_with("Cannot recover key for alias <alpha>");
    run(&[
        "-keypasswd",
        "-alias",
        "alpha",
        "-keypass",
        "alphapass1",
        "-new",
        "short",
    ])
    .fails_with("New password must be at least 6 characters");
    run(&["-keypasswd", "-alias", "ca", "-new", "newpass1"]).fails_with("Alias <ca> has no key");
    run(&["-storepasswd", "-new", "short"])
        .fails_with("New password must be at least 6 characters");
    run(&["-storepasswd"]).fails_with("no new keystore password given");
    env.sh("-delete -alias ca -keystore m.jks -storepass wrongpass")
        .fails_with("Keystore was tampered with, or password was incorrect");
    env.sh("-delete -alias ca -keystore none.jks -storepass storepass1")
        .fails_with("Keystore file does not exist: none.jks");
    unchanged(&env, "m.jks", &before);

    let r = run(&["-delete", "-alias", "PEER"]).ok();
    assert!(
        r.stderr
            .contains("The JKS keystore uses a proprietary format")
    );
    run(&[
        "-changealias",
        "-alias",
        "alpha",
        "-destalias",
        "A2",
        "-keypass",
        "alphapass1",
    ])
    .ok();
    run(&[
        "-keypasswd",
        "-alias",
        "a2",
        "-keypass",
        "alphapass1",
        "-new",
        "newalpha1",
    ])
    .ok();
    env.sh("-storepasswd -keystore m.jks -storepass storepass1 -new storepass2")
        .ok();
    let l = env.kt("-list -keystore m.jks -storepass storepass2").ok();
    let aliases: Vec<String> = aliases_and_fingerprints(&l.stdout)
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert_eq!(aliases, ["a2", "beta", "ca", "gamma"]);
    // Keys keep their own passwords across -storepasswd; a2 has its new one.
    env.kt("-certreq -keystore m.jks -storepass storepass2 -alias a2 -keypass newalpha1")
        .ok();
}

#[test]
fn storepasswd_delete_changealias_on_pkcs12_and_keypasswd_refused() {
    let env = Env::new();
    copy(&env, "admin/modern17.p12", "m.p12");
    let before = env.read("m.p12");
    env.sh("-keypasswd -keystore m.p12 -storepass storepass1 -alias key1 -new newpass1")
        .fails_with("-keypasswd commands not supported if -storetype is PKCS12");
    unchanged(&env, "m.p12", &before);
    let r = env.sh("-changealias -keystore m.p12 -storepass storepass1 -alias key1 -destalias key2 -keypass otherpw1")
        .ok();
    assert!(r.stderr.contains("Ignoring user-specified -keypass value."));
    env.sh("-delete -keystore m.p12 -storepass storepass1 -alias ca")
        .ok();
    env.sh("-storepasswd -keystore m.p12 -storepass storepass1 -new storepass2")
        .ok();
    env.sh_openssl("pkcs12 -info -noout -in m.p12 -passin pass:storepass2")
        .ok();
    let l = env.kt("-list -keystore m.p12 -storepass storepass2").ok();
    let aliases: Vec<String> = aliases_and_fingerprints(&l.stdout)
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert_eq!(aliases, ["key2"]);
}
