//! BouncyCastle's BKS and UBER keystores both ways, with BouncyCastle itself
//! (Debian's bcprov 1.72) as the oracle: keytool given the provider on its
//! command line, and the KeyStore API (tests/it/java/Bks.java) for what
//! keytool's command line cannot make or check. JVM starts are grouped per
//! store: each one with BouncyCastle costs seconds.

use crate::util::{Env, Run};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

pub(crate) const BCPROV: &str = "/usr/share/java/bcprov.jar";

/// keytool 17 with the BouncyCastle provider: `bc(&env, "-list -storetype BKS …")`.
#[track_caller]
pub(crate) fn bc(env: &Env, line: &str) -> Run {
    assert!(
        Path::new(BCPROV).is_file(),
        "{BCPROV} is missing: install libbcprov-java (the BouncyCastle oracle)"
    );
    env.kt(&format!(
        "-providerpath {BCPROV} -providerclass org.bouncycastle.jce.provider.BouncyCastleProvider {line}"
    ))
}

/// `java -cp bcprov.jar Bks.java ARGS` in the test folder, asserting success.
#[track_caller]
pub(crate) fn bks_java(env: &Env, args: &[&str]) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/java/Bks.java");
    let o = Command::new("java")
        .args(["-cp", BCPROV])
        .arg(src)
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
    .stdout
}

/// What a `-list` says of each entry: "alias type fingerprint", as a set
/// (BouncyCastle lists in hash-table order); aliases lower-cased on request.
pub(crate) fn summary(listing: &str, lower: bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut lines = listing.lines().peekable();
    while let Some(line) = lines.next() {
        let parts: Vec<&str> = line.split(", ").collect();
        let Some(kind) = parts
            .iter()
            .rev()
            .find(|p| p.ends_with("Entry") || p.ends_with("Entry,"))
        else {
            continue;
        };
        let alias = if lower {
            parts[0].to_lowercase()
        } else {
            parts[0].to_string()
        };
        let mut s = format!("{alias} {}", kind.trim_end_matches(','));
        if let Some(next) = lines.peek()
            && let Some(fp) = next.strip_prefix("Certificate fingerprint (SHA-256): ")
        {
            s.push(' ');
            s.push_str(fp);
        }
        out.insert(s);
    }
    out
}

/// A CA certificate made by OpenSSL, valid from now.
pub(crate) fn openssl_ca(env: &Env) {
    env.sh_openssl(
        "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -subj /CN=ca -days 30",
    )
    .ok();
}

#[test]
fn bks_written_by_keytool_and_bouncycastle_is_listed_used_and_converted() {
    let env = Env::new();
    openssl_ca(&env);
    bc(&env, "-genkeypair -storetype BKS -keystore kt.bks -storepass changeit -alias Server -keyalg RSA -keysize 2048 -dname CN=server -keypass keypass1").ok();
    bc(&env, "-genseckey -storetype BKS -keystore kt.bks -storepass changeit -alias aes -keyalg AES -keysize 256 -keypass changeit").ok();
    bc(&env, "-importcert -noprompt -storetype BKS -keystore kt.bks -storepass changeit -alias CA -file ca.pem").ok();
    // A type 3 entry (opaque bytes) and a secret key under its own password.
    bks_java(&env, &["add", "kt.bks", "BKS", "changeit"]);
    assert_eq!(
        env.read("kt.bks")[..4],
        [0, 0, 0, 2],
        "BouncyCastle 1.72 writes BKS v2"
    );
    let theirs = bc(
        &env,
        "-list -storetype BKS -keystore kt.bks -storepass changeit",
    )
    .ok()
    .stdout;

    // Listed: the same aliases (case kept), kinds and fingerprints.
    let ours = env
        .sh("-list -keystore kt.bks -storepass changeit")
        .ok()
        .stdout;
    assert!(
        ours.starts_with(
            "Keystore type: BKS\nKeystore provider: BC\n\nYour keystore contains 5 entries\n"
        ),
        "{ours}"
    );
    assert_eq!(summary(&ours, false), summary(&theirs, false));
    assert_eq!(summary(&ours, false).len(), 5);
    env.sh("-list -keystore kt.bks -storepass wrongpass")
        .fails_with("rkeytool error: Keystore was tampered with, or password was incorrect");

    // Used: a request signed with the key, the key exported and matching its certificate.
    env.sh("-certreq -keystore kt.bks -storepass changeit -alias Server -keypass keypass1 -file server.csr").ok();
    let verified = env
        .sh_openssl("req -in server.csr -noout -verify -subject")
        .ok();
    assert!(verified.stdout.contains("CN = server") && verified.stderr.contains("verify OK"));
    env.sh("-exportkey -keystore kt.bks -storepass changeit -alias server -keypass keypass1 -nocrypt -file server.key").ok();
    env.sh("-exportcert -rfc -keystore kt.bks -storepass changeit -alias server -file server.pem")
        .ok();
    let key_pub = env.sh_openssl("pkey -in server.key -pubout").ok().stdout;
    let cert_pub = env
        .sh_openssl("x509 -in server.pem -noout -pubkey")
        .ok()
        .stdout;
    assert_eq!(key_pub, cert_pub);
    env.sh("-certreq -keystore kt.bks -storepass changeit -alias Server -keypass wrongpass -file x.csr")
        .fails_with("Cannot recover key for alias <Server>");

    // Rewritten in place as BKS: a secret key's own password changed.
    env.sh("-keypasswd -keystore kt.bks -storepass changeit -alias Hmac-Own -keypass hmac-pass -new changeit").ok();
    assert_eq!(env.read("kt.bks")[..4], [0, 0, 0, 2]);
    // Converted: opaque bytes have no PKCS12 form, so nothing is written.
    env.sh("-importkeystore -srckeystore kt.bks -srcstorepass changeit -srckeypass keypass1 -destkeystore out.p12 -deststorepass changeit2")
        .fails_with("entry <Opaque> holds opaque BKS secret bytes with no key algorithm");
    assert!(!env.path("out.p12").exists());
    env.sh("-delete -keystore kt.bks -storepass changeit -alias opaque")
        .ok();
    env.sh("-importkeystore -srckeystore kt.bks -srcstorepass changeit -srckeypass keypass1 -destkeystore out.p12 -deststorepass changeit2").ok();
    let p12 = env
        .kt("-list -keystore out.p12 -storepass changeit2")
        .ok()
        .stdout;
    let want: BTreeSet<String> = summary(&theirs, true)
        .into_iter()
        .filter(|s| !s.starts_with("opaque "))
        .collect();
    assert_eq!(summary(&p12, false), want);

    // BouncyCastle reads our rewrite: every key recovered, the same as before.
    let dump = bks_java(
        &env,
        &["dump", "kt.bks", "BKS", "changeit", "Server=keypass1"],
    );
    assert!(
        dump.contains("Server PrivateKeyEntry RSA chain=1 signs-for-its-certificate"),
        "{dump}"
    );
    assert!(
        dump.contains(&format!(
            "Hmac-Own SecretKeyEntry HmacSHA256 {}",
            "2a".repeat(32)
        )),
        "{dump}"
    );
    assert!(dump.contains("aes SecretKeyEntry AES "), "{dump}");
    assert!(dump.contains("CA trustedCertEntry "), "{dump}");
    assert_eq!(dump.lines().count(), 4, "{dump}");
}

#[test]
fn bks_version_1_and_uber_from_bouncycastle_are_read() {
    let env = Env::new();
    // BKS-V1 is registered only on request since BouncyCastle 1.72... and written then.
    bc(&env, "-J-Dorg.bouncycastle.bks.enable_v1=true -genkeypair -storetype BKS-V1 -keystore v1.bks -storepass changeit -alias Old -keyalg EC -dname CN=old -keypass changeit").ok();
    assert_eq!(env.read("v1.bks")[..4], [0, 0, 0, 1]);
    let ours = env
        .sh("-list -keystore v1.bks -storepass changeit")
        .ok()
        .stdout;
    assert!(
        ours.contains("Old, ") && ours.contains("PrivateKeyEntry"),
        "{ours}"
    );
    env.sh("-list -keystore v1.bks -storepass changeiT")
        .fails_with("Keystore was tampered with, or password was incorrect");
    env.sh("-certreq -keystore v1.bks -storepass changeit -alias old -file old.csr")
        .ok();
    env.sh_openssl("req -in old.csr -noout -verify").ok();

    bc(&env, "-genkeypair -storetype UBER -keystore kt.uber -storepass changeit -alias Uber-Key -keyalg RSA -keysize 2048 -dname CN=uber -keypass changeit").ok();
    bc(&env, "-genseckey -storetype UBER -keystore kt.uber -storepass changeit -alias des3 -keyalg DESede -keypass changeit").ok();
    let theirs = bc(
        &env,
        "-list -storetype UBER -keystore kt.uber -storepass changeit",
    )
    .ok()
    .stdout;
    let ours = env
        .sh("-list -keystore kt.uber -storepass changeit")
        .ok()
        .stdout;
    assert!(
        ours.starts_with("Keystore type: UBER\nKeystore provider: BC\n"),
        "{ours}"
    );
    assert_eq!(summary(&ours, false), summary(&theirs, false));
    env.sh("-list -keystore kt.uber -storepass wrongpass")
        .fails_with("Keystore was tampered with, or password was incorrect");
    env.sh("-list -keystore kt.uber")
        .fails_with("an UBER keystore is encrypted whole: its store password is needed to read it");
    env.sh("-certreq -keystore kt.uber -storepass changeit -alias uber-key -file uber.csr")
        .ok();
    env.sh_openssl("req -in uber.csr -noout -verify").ok();
}

#[test]
fn bks_and_uber_written_by_rkeytool_are_read_and_used_by_bouncycastle() {
    let env = Env::new();
    openssl_ca(&env);
    env.sh("-genkeypair -storetype BKS -keystore ours.bks -storepass changeit -alias Server -keyalg RSA -keysize 2048 -dname CN=server -keypass keypass2").ok();
    env.sh("-genkeypair -keystore ours.bks -storepass changeit -alias ec -keyalg EC -dname CN=ec -keypass changeit").ok();
    env.sh("-genseckey -keystore ours.bks -storepass changeit -alias hmac -keyalg HmacSHA256 -keysize 256 -keypass changeit").ok();
    env.sh("-importcert -noprompt -keystore ours.bks -storepass changeit -alias CA -file ca.pem")
        .ok();
    let bytes = env.read("ours.bks");
    assert_eq!(
        bytes[..8],
        [0, 0, 0, 2, 0, 0, 0, 20],
        "BKS version 2, 20-byte salt"
    );
    let ours = env
        .sh("-list -keystore ours.bks -storepass changeit")
        .ok()
        .stdout;
    let theirs = bc(
        &env,
        "-list -storetype BKS -keystore ours.bks -storepass changeit",
    )
    .ok()
    .stdout;
    assert_eq!(summary(&theirs, false), summary(&ours, false));
    assert_eq!(summary(&theirs, false).len(), 4, "{theirs}");
    bc(&env, "-certreq -storetype BKS -keystore ours.bks -storepass changeit -alias Server -keypass keypass2 -file server.csr").ok();
    let verified = env
        .sh_openssl("req -in server.csr -noout -verify -subject")
        .ok();
    assert!(verified.stdout.contains("CN = server"));
    let dump = bks_java(
        &env,
        &["dump", "ours.bks", "BKS", "changeit", "Server=keypass2"],
    );
    assert!(
        dump.contains("Server PrivateKeyEntry RSA chain=1 signs-for-its-certificate"),
        "{dump}"
    );
    assert!(
        dump.contains("ec PrivateKeyEntry EC chain=1 signs-for-its-certificate"),
        "{dump}"
    );
    assert!(dump.contains("hmac SecretKeyEntry HmacSHA256 "), "{dump}");

    // Converted to UBER by rkeytool, read by BouncyCastle.
    env.sh("-importkeystore -srckeystore ours.bks -srcstorepass changeit -srckeypass keypass2 -destkeystore ours.uber -deststoretype UBER -deststorepass changeit3").ok();
    let uber = bc(
        &env,
        "-list -storetype UBER -keystore ours.uber -storepass changeit3",
    )
    .ok()
    .stdout;
    assert_eq!(summary(&uber, false), summary(&ours, false));
}

/// About 1 UBER file in 256 has a Twofish body starting with a 0 byte,
/// which is also BKS's end-of-entries marker: followed by any 20 bytes it
/// walks as an empty BKS store with bytes left over. BouncyCastle never
/// guesses (it is told the type); rkeytool reads by content, and such a
/// file must still be UBER: listed, not refused as a wrong password.
#[test]
fn uber_stores_from_bouncycastle_are_never_taken_for_bks() {
    let env = Env::new();
    bc(&env, "-genkeypair -storetype UBER -keystore kt.uber -storepass changeit -alias Key -keyalg EC -dname CN=uber -keypass changeit").ok();
    let theirs = bc(
        &env,
        "-list -storetype UBER -keystore kt.uber -storepass changeit",
    )
    .ok()
    .stdout;
    bks_java(&env, &["copies", "kt.uber", "UBER", "changeit"]);
    for name in [
        "zero-1", "zero-2", "zero-3", "plain-1", "plain-2", "plain-3",
    ] {
        let file = format!("{name}.uber");
        let bytes = env.read(&file);
        assert_eq!(bytes[32] == 0, name.starts_with("zero"), "{file}");
        let ours = env
            .sh(&format!("-list -keystore {file} -storepass changeit"))
            .ok()
            .stdout;
        assert!(
            ours.starts_with("Keystore type: UBER\nKeystore provider: BC\n"),
            "{file}: {ours}"
        );
        assert_eq!(summary(&ours, false), summary(&theirs, false), "{file}");
        env.sh(&format!("-list -keystore {file} -storepass wrongpass"))
            .fails_with("Keystore was tampered with, or password was incorrect");
        env.sh(&format!("-list -keystore {file}")).fails_with(
            "an UBER keystore is encrypted whole: its store password is needed to read it",
        );
        assert_eq!(env.read(&file), bytes, "{file} unchanged");
    }
}
