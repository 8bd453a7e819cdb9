//! BouncyCastle's BCFKS keystores both ways, with BouncyCastle 1.72 itself
//! as the oracle: keytool given the provider on its command line, and the
//! KeyStore API (tests/it/java/Bcfks.java to write what keytool cannot,
//! tests/it/java/Bks.java's "dump" to read every key back). JVM starts are
//! grouped: each one with BouncyCastle costs seconds.

use crate::bouncycastle::{bc, openssl_ca, summary};
use crate::util::Env;
use std::path::Path;
use std::process::{Command, Stdio};

/// `java -cp bcprov.jar Bcfks.java ARGS` in the test folder, asserting success.
#[track_caller]
fn bcfks_java(env: &Env, args: &[&str]) -> String {
    let java = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/java/Bcfks.java");
    // The JVM flags the tests give keytool (util::FAST_JVM), without keytool's -J.
    let fast = crate::util::FAST_JVM
        .iter()
        .map(|f| f.trim_start_matches("-J"));
    let o = Command::new("java")
        .args(fast)
        .args(["-cp", crate::bouncycastle::BCPROV])
        .arg(java)
        .args(args)
        .current_dir(env.dir.path())
        .env("HOME", env.dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("run java (JDK 17 on PATH)");
    assert!(
        o.status.success(),
        "Bcfks.java {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `Bcfks.java make SRC changeit OUT MODE`.
#[track_caller]
fn bcfks_make(env: &Env, src: &str, out: &str, mode: &str) {
    bcfks_java(env, &["make", src, "changeit", out, mode]);
}

/// BouncyCastle 1.72 has no key factory for the HMAC OIDs it stores.
fn bc_cannot_recover(alias: &str, oid: &str) -> String {
    format!(
        "{alias} SecretKeyEntry BC-CANNOT-RECOVER: BCFKS KeyStore unable to recover secret key ({alias}): no such algorithm: {oid} for provider BC"
    )
}

/// The lines of a `-list -v` that say what an entry is, per alias (keytool
/// with BouncyCastle prints certificates through BouncyCastle's own
/// classes: other algorithm spellings, no extensions).
fn verbose_summary(listing: &str) -> Vec<String> {
    let mut v: Vec<String> = listing
        .split("Alias name: ")
        .skip(1)
        .map(|block| {
            block
                .lines()
                .enumerate()
                .filter(|(i, l)| {
                    *i == 0
                        || [
                            "Entry type:",
                            "Certificate chain length:",
                            "Certificate[",
                            "Owner:",
                            "Issuer:",
                            "Serial number:",
                            "Valid from:",
                            "\t SHA1:",
                            "\t SHA256:",
                        ]
                        .iter()
                        .any(|p| l.starts_with(p))
                })
                .map(|(_, l)| l)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    v.sort();
    v
}

#[test]
fn bcfks_written_by_keytool_and_bouncycastle_is_listed_used_and_converted() {
    let env = Env::new();
    openssl_ca(&env);
    bc(&env, "-genkeypair -storetype BCFKS -keystore kt.bcfks -storepass changeit -alias rsa -keyalg RSA -keysize 2048 -dname CN=rsa -keypass changeit").ok();
    bc(&env, "-genkeypair -storetype BCFKS -keystore kt.bcfks -storepass changeit -alias Ec-Key -keyalg EC -dname CN=ec -keypass changeit").ok();
    bc(&env, "-genseckey -storetype BCFKS -keystore kt.bcfks -storepass changeit -alias aes -keyalg AES -keysize 256 -keypass changeit").ok();
    bc(&env, "-genseckey -storetype BCFKS -keystore kt.bcfks -storepass changeit -alias hmac -keyalg HmacSHA256 -keysize 256 -keypass changeit").ok();
    bc(&env, "-importcert -noprompt -storetype BCFKS -keystore kt.bcfks -storepass changeit -alias CA -file ca.pem").ok();
    // What keytool+BC cannot make: keys under their own password, more
    // secret key algorithms, a type 4 entry, and the other algorithms
    // BCFKSLoadStoreParameter can ask for.
    for mode in ["default", "kwp", "sha3", "scrypt"] {
        bcfks_make(&env, "kt.bcfks", &format!("{mode}.bcfks"), mode);
    }
    let theirs = bc(
        &env,
        "-list -v -storetype BCFKS -keystore kt.bcfks -storepass changeit",
    )
    .ok()
    .stdout;

    // Listed: the same aliases (case kept), kinds, fingerprints and details.
    let ours = env
        .sh("-list -v -keystore kt.bcfks -storepass changeit")
        .ok()
        .stdout;
    assert!(
        ours.starts_with(
            "Keystore type: BCFKS\nKeystore provider: BC\n\nYour keystore contains 5 entries\n"
        ),
        "{ours}"
    );
    assert_eq!(verbose_summary(&ours), verbose_summary(&theirs));
    let ours = env
        .sh("-list -keystore kt.bcfks -storepass changeit")
        .ok()
        .stdout;
    assert_eq!(summary(&ours, false).len(), 5);
    assert!(ours.contains("Ec-Key, "), "{ours}");
    env.sh("-list -keystore kt.bcfks -storepass wrongpass")
        .fails_with("rkeytool error: Keystore was tampered with, or password was incorrect");
    env.sh_stdin("-list -keystore kt.bcfks", "")
        .fails_with("rkeytool error: kt.bcfks: a BCFKS keystore is encrypted whole: its store password is needed to read it");
    env.sh("-verify -keystore kt.bcfks -storepass changeit")
        .ok();

    // Every algorithm BouncyCastle can be asked for lists the same as BouncyCastle lists it.
    for mode in ["default", "kwp", "sha3", "scrypt"] {
        let file = format!("{mode}.bcfks");
        let theirs = bc(
            &env,
            &format!("-list -storetype BCFKS -keystore {file} -storepass changeit"),
        )
        .ok()
        .stdout;
        let ours = env
            .sh(&format!("-list -keystore {file} -storepass changeit"))
            .ok()
            .stdout;
        assert_eq!(summary(&ours, false), summary(&theirs, false), "{mode}");
        assert_eq!(
            summary(&ours, false).len(),
            if mode == "default" { 8 } else { 6 },
            "{ours}"
        );
    }

    // Exported certificates are BouncyCastle's, byte for byte.
    bc(&env, "-exportcert -rfc -storetype BCFKS -keystore kt.bcfks -storepass changeit -alias Ec-Key -file theirs.pem").ok();
    env.sh("-exportcert -rfc -keystore kt.bcfks -storepass changeit -alias Ec-Key -file ours.pem")
        .ok();
    assert_eq!(env.read("ours.pem"), env.read("theirs.pem"));

    // Used: a request signed with a key; a key under its own password.
    env.sh("-certreq -keystore kt.bcfks -storepass changeit -alias rsa -file rsa.csr")
        .ok();
    let verified = env
        .sh_openssl("req -in rsa.csr -noout -verify -subject")
        .ok();
    assert!(verified.stdout.contains("CN = rsa") && verified.stderr.contains("verify OK"));
    for mode in ["kwp", "scrypt"] {
        env.sh(&format!("-certreq -keystore {mode}.bcfks -storepass changeit -alias Ec-Key -keypass keypass -file {mode}.csr")).ok();
        env.sh_openssl(&format!("req -in {mode}.csr -noout -verify"))
            .ok();
    }
    env.sh("-certreq -keystore default.bcfks -storepass changeit -alias rsa -keypass wrongpass -file x.csr")
        .fails_with("Cannot recover key for alias <rsa>");

    // Converted to PKCS12: keytool (no BouncyCastle) lists it and uses the key.
    env.sh("-importkeystore -srckeystore kt.bcfks -srcstorepass changeit -destkeystore out.p12 -deststorepass changeit2").ok();
    let p12 = env
        .kt("-list -keystore out.p12 -storepass changeit2")
        .ok()
        .stdout;
    assert_eq!(summary(&p12, false), summary(&ours_lower(&env), false));
    env.kt("-certreq -keystore out.p12 -storepass changeit2 -alias ec-key -file p12.csr")
        .ok();
    env.sh_openssl("req -in p12.csr -noout -verify").ok();

    // Opaque bytes (type 4) have no PKCS12 form: nothing is written.
    env.sh("-importkeystore -srckeystore default.bcfks -srcstorepass changeit -srckeypass keypass -destkeystore bad.p12 -deststorepass changeit2")
        .fails_with("rkeytool error: damaged or truncated BCFKS data: secret key:");
    assert!(!env.path("bad.p12").exists());

    // Converted BCFKS to BCFKS, from the KWP, SHA3 and scrypt stores:
    // BouncyCastle recovers every key of our rewrite.
    for mode in ["kwp", "sha3", "scrypt"] {
        let out = format!("{mode}-ours.bcfks");
        env.sh(&format!("-importkeystore -srckeystore {mode}.bcfks -srcstorepass changeit -srckeypass keypass -destkeystore {out} -deststoretype BCFKS -deststorepass changeit")).ok();
        let dump = bcfks_java(
            &env,
            &[
                "dump",
                &out,
                "BCFKS",
                "changeit",
                "rsa=keypass",
                "Ec-Key=keypass",
            ],
        );
        for want in [
            "rsa PrivateKeyEntry RSA chain=1 signs-for-its-certificate".to_string(),
            "Ec-Key PrivateKeyEntry EC chain=1 signs-for-its-certificate".to_string(),
            format!("des3 SecretKeyEntry DESede {}", "11".repeat(24)),
            bc_cannot_recover("hmac512", "1.2.840.113549.2.11"),
            format!("MixedCase SecretKeyEntry AES {}", "33".repeat(16)),
            "CA trustedCertEntry ".to_string(),
        ] {
            assert!(dump.contains(&want), "{mode}: {want}\n{dump}");
        }
        assert_eq!(dump.lines().count(), 6, "{dump}");
    }
    // The HMAC keys BouncyCastle cannot recover, rkeytool can: converted to
    // PKCS12, the JDK reads the bytes BouncyCastle was given.
    env.sh("-importkeystore -srckeystore kwp.bcfks -srcstorepass changeit -srckeypass keypass -destkeystore kwp.p12 -deststorepass changeit").ok();
    let jdk = bcfks_java(&env, &["dump", "kwp.p12", "PKCS12", "changeit"]);
    assert!(
        jdk.contains(&format!(
            "hmac512 SecretKeyEntry HmacSHA512 {}",
            "22".repeat(64)
        )),
        "{jdk}"
    );
    assert!(
        jdk.contains(&format!("des3 SecretKeyEntry DESede {}", "11".repeat(24))),
        "{jdk}"
    );
}

/// kt.bcfks's listing with aliases lower-cased, as PKCS12 keeps them.
fn ours_lower(env: &Env) -> String {
    env.sh("-list -keystore kt.bcfks -storepass changeit")
        .ok()
        .stdout
        .replace("Ec-Key", "ec-key")
        .replace("CA, ", "ca, ")
}

#[test]
fn bcfks_written_by_rkeytool_is_listed_and_used_by_bouncycastle() {
    let env = Env::new();
    openssl_ca(&env);
    env.sh("-genkeypair -storetype BCFKS -keystore ours.bcfks -storepass changeit -alias Server -keyalg RSA -keysize 2048 -dname CN=server -keypass changeit").ok();
    env.sh("-genkeypair -keystore ours.bcfks -storepass changeit -alias ec -keyalg EC -dname CN=ec -keypass own-pass1").ok();
    env.sh("-genseckey -keystore ours.bcfks -storepass changeit -alias aes -keyalg AES -keysize 256 -keypass changeit").ok();
    env.sh("-genseckey -keystore ours.bcfks -storepass changeit -alias hmac -keyalg HmacSHA256 -keysize 256 -keypass changeit").ok();
    env.sh("-importcert -noprompt -keystore ours.bcfks -storepass changeit -alias ca -file ca.pem")
        .ok();
    let bytes = env.read("ours.bcfks");
    // A password BouncyCastle cannot name is refused in one line, the store unchanged.
    env.sh_stdin(
        "-importpass -keystore ours.bcfks -storepass changeit -alias pw -keypass changeit",
        "secret-pw\n",
    )
    .fails_with("rkeytool error: unsupported: BCFKS cannot hold secret key <pw> of algorithm PBEWithMD5AndDES");
    assert_eq!(env.read("ours.bcfks"), bytes);

    // keytool+BC lists it as we do.
    let theirs = bc(
        &env,
        "-list -storetype BCFKS -keystore ours.bcfks -storepass changeit",
    )
    .ok()
    .stdout;
    let ours = env
        .sh("-list -keystore ours.bcfks -storepass changeit")
        .ok()
        .stdout;
    assert_eq!(summary(&ours, false), summary(&theirs, false));
    assert_eq!(summary(&ours, false).len(), 5);
    assert!(theirs.contains("Server, "), "{theirs}");

    // keytool+BC exports the certificate we export, and signs a request with our key.
    bc(&env, "-exportcert -rfc -storetype BCFKS -keystore ours.bcfks -storepass changeit -alias Server -file theirs.pem").ok();
    env.sh(
        "-exportcert -rfc -keystore ours.bcfks -storepass changeit -alias Server -file ours.pem",
    )
    .ok();
    assert_eq!(env.read("ours.pem"), env.read("theirs.pem"));
    bc(&env, "-certreq -storetype BCFKS -keystore ours.bcfks -storepass changeit -alias Server -file server.csr").ok();
    let verified = env
        .sh_openssl("req -in server.csr -noout -verify -subject")
        .ok();
    assert!(verified.stdout.contains("CN = server") && verified.stderr.contains("verify OK"));

    // The KeyStore API recovers every key (BouncyCastle 1.72 has no key
    // factory for the HMAC OIDs it stores itself, ours included).
    let dump = bcfks_java(
        &env,
        &["dump", "ours.bcfks", "BCFKS", "changeit", "ec=own-pass1"],
    );
    assert!(
        dump.contains("Server PrivateKeyEntry RSA chain=1 signs-for-its-certificate"),
        "{dump}"
    );
    assert!(
        dump.contains("ec PrivateKeyEntry EC chain=1 signs-for-its-certificate"),
        "{dump}"
    );
    assert!(dump.contains("ca trustedCertEntry "), "{dump}");
    assert!(
        dump.contains(&bc_cannot_recover("hmac", "1.2.840.113549.2.9")),
        "{dump}"
    );
    let aes = dump
        .lines()
        .find_map(|l| l.strip_prefix("aes SecretKeyEntry AES "))
        .unwrap_or_else(|| panic!("{dump}"))
        .to_string();
    assert_eq!(aes.len(), 64, "{dump}");
    // The same bytes as rkeytool holds: converted to PKCS12, the JDK reads them.
    env.sh("-importkeystore -srckeystore ours.bcfks -srcstorepass changeit -srcalias aes -destkeystore keys.p12 -deststorepass changeit").ok();
    let jdk = bcfks_java(&env, &["dump", "keys.p12", "PKCS12", "changeit"]);
    assert!(
        jdk.contains(&format!("aes SecretKeyEntry AES {aes}")),
        "{jdk}"
    );

    // And back from PKCS12 into a new BCFKS store, which BouncyCastle reads.
    env.sh("-importkeystore -srckeystore keys.p12 -srcstorepass changeit -destkeystore back.bcfks -deststoretype BCFKS -deststorepass changeit3").ok();
    let back = bcfks_java(&env, &["dump", "back.bcfks", "BCFKS", "changeit3"]);
    assert_eq!(back, format!("aes SecretKeyEntry AES {aes}\n"));

    // A new store password: BouncyCastle opens the store with it, the keys with theirs.
    env.sh("-storepasswd -keystore ours.bcfks -storepass changeit -new newpass1")
        .ok();
    // And a key's own password changed in place.
    env.sh("-keypasswd -keystore ours.bcfks -storepass newpass1 -alias ec -keypass own-pass1 -new own-pass2").ok();
    bc(&env, "-certreq -storetype BCFKS -keystore ours.bcfks -storepass newpass1 -alias ec -keypass own-pass2 -file ec.csr").ok();
    env.sh_openssl("req -in ec.csr -noout -verify").ok();

    // Damage: a truncated store is named as damaged BCFKS, a flipped byte
    // in the encrypted part fails the MAC as a wrong password would.
    let bytes = env.read("ours.bcfks");
    std::fs::write(env.path("cut.bcfks"), &bytes[..bytes.len() / 2]).unwrap();
    env.sh("-list -keystore cut.bcfks -storepass newpass1")
        .fails_with("rkeytool error: cut.bcfks: damaged or truncated BCFKS data: keystore: ASN.1 DER message is incomplete");
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 2] ^= 0x40;
    std::fs::write(env.path("flip.bcfks"), &flipped).unwrap();
    env.sh("-list -keystore flip.bcfks -storepass newpass1")
        .fails_with("rkeytool error: Keystore was tampered with, or password was incorrect");
}
