//! The JDK matrix: what rkeytool writes, the keytool of JDK 11, 17, 21 and 25
//! lists and uses; what each of them writes, rkeytool lists and uses. Each
//! JDK runs in its own thread and its own folder. The README's compatibility
//! table is filled from these tests.

use crate::util::{Env, Jdk, PW, Run, keytool_of};
use std::path::Path;

/// (alias, entry type, SHA-256 fingerprint) of every entry in a `-list`.
fn entries(list: &str) -> Vec<(String, String, String)> {
    let lines: Vec<&str> = list.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let parts: Vec<&str> = l.split(", ").collect();
        if parts.len() >= 4 && parts[parts.len() - 2].ends_with("Entry") {
            let fp = lines
                .get(i + 1)
                .and_then(|n| n.strip_prefix("Certificate fingerprint (SHA-256): "))
                .unwrap_or_else(|| panic!("no fingerprint after {l:?} in:\n{list}"));
            out.push((
                parts[0].to_string(),
                parts[parts.len() - 2].to_string(),
                fp.to_string(),
            ));
        }
    }
    out.sort();
    out
}

#[track_caller]
fn request_verifies(env: &Env, csr: &str) {
    let r = env.sh_openssl(&format!("req -in {csr} -verify -noout"));
    assert!(
        format!("{}{}", r.stdout, r.stderr).contains("verify OK"),
        "{csr}: {}{}",
        r.stdout,
        r.stderr
    );
}

/// Keys as (alias, -keyalg options).
type Keys = Vec<(&'static str, &'static str)>;

/// The key stores rkeytool writes for one JDK: (file, extra options, keys).
fn our_stores(jdk: Jdk) -> Vec<(&'static str, &'static str, Keys)> {
    let mut keys: Keys = vec![
        ("rsa", "-keyalg RSA -keysize 2048"),
        ("ec", "-keyalg EC -groupname secp256r1"),
    ];
    if jdk.has_eddsa() {
        keys.push(("ed", "-keyalg Ed25519"));
    }
    vec![
        ("modern.p12", "-storetype PKCS12", keys.clone()),
        (
            "legacy.p12",
            "-storetype PKCS12 -J-Dkeystore.pkcs12.legacy",
            keys.clone(),
        ),
        ("store.jks", "-storetype JKS", keys),
    ]
}

/// rkeytool writes; the keytool of `jdk` lists every entry with our
/// fingerprints and signs a request with every key.
fn keytool_reads_ours(jdk: Jdk) {
    let env = Env::new();
    let kt = keytool_of(jdk);
    for (file, opts, keys) in our_stores(jdk) {
        for (alias, alg) in &keys {
            env.sh(&format!(
                "-genkeypair -alias {alias} {alg} -dname CN={alias} {opts} -keystore {file} -storepass {PW}"
            ))
            .ok();
        }
        let ours = env
            .sh(&format!("-list -keystore {file} -storepass {PW}"))
            .ok();
        let theirs = env
            .sh_keytool(&kt, &format!("-list -keystore {file} -storepass {PW}"))
            .ok();
        let listed = entries(&theirs.stdout);
        assert_eq!(
            listed.len(),
            keys.len(),
            "JDK {jdk:?} {file}:\n{}",
            theirs.stdout
        );
        assert_eq!(listed, entries(&ours.stdout), "JDK {jdk:?} {file}");
        for (alias, _) in &keys {
            let csr = format!("{file}-{alias}.csr");
            env.sh_keytool(
                &kt,
                &format!("-certreq -alias {alias} -keystore {file} -storepass {PW} -file {csr}"),
            )
            .ok();
            request_verifies(&env, &csr);
        }
    }
}

/// The keytool of `jdk` writes PKCS12 and JKS stores with keys and a trusted
/// certificate; rkeytool lists the same entries and signs a request with each key.
fn rkeytool_reads_theirs(jdk: Jdk) {
    let env = Env::new();
    let kt = keytool_of(jdk);
    let mut keys = vec![("rsa", "-keyalg RSA -keysize 2048"), ("ec", "-keyalg EC")];
    if jdk.has_eddsa() {
        keys.push(("ed", "-keyalg Ed25519"));
    }
    // A CA certificate to trust, from keytool itself.
    env.sh_keytool(
        &kt,
        &format!("-genkeypair -alias ca -keyalg EC -dname CN=ca -ext bc:c -keystore ca.p12 -storetype PKCS12 -storepass {PW}"),
    )
    .ok();
    env.sh_keytool(
        &kt,
        &format!("-exportcert -alias ca -keystore ca.p12 -storepass {PW} -file ca.der"),
    )
    .ok();
    for (file, storetype) in [("theirs.p12", "PKCS12"), ("theirs.jks", "JKS")] {
        for (alias, alg) in &keys {
            env.sh_keytool(
                &kt,
                &format!("-genkeypair -alias {alias} {alg} -dname CN={alias} -storetype {storetype} -keystore {file} -storepass {PW}"),
            )
            .ok();
        }
        env.sh_keytool(
            &kt,
            &format!("-importcert -noprompt -alias ca -file ca.der -storetype {storetype} -keystore {file} -storepass {PW}"),
        )
        .ok();
        let theirs = env
            .sh_keytool(&kt, &format!("-list -keystore {file} -storepass {PW}"))
            .ok();
        let ours: Run = env
            .sh(&format!("-list -keystore {file} -storepass {PW}"))
            .ok();
        let listed = entries(&ours.stdout);
        assert_eq!(
            listed.len(),
            keys.len() + 1,
            "JDK {jdk:?} {file}:\n{}",
            ours.stdout
        );
        assert_eq!(listed, entries(&theirs.stdout), "JDK {jdk:?} {file}");
        for (alias, _) in &keys {
            let csr = format!("{file}-{alias}.csr");
            env.sh(&format!(
                "-certreq -alias {alias} -keystore {file} -storepass {PW} -file {csr}"
            ))
            .ok();
            request_verifies(&env, &csr);
        }
    }
}

fn each_jdk(f: fn(Jdk)) {
    std::thread::scope(|s| {
        let handles: Vec<_> = Jdk::ALL
            .iter()
            .map(|&jdk| (jdk, s.spawn(move || f(jdk))))
            .collect();
        let failed: Vec<String> = handles
            .into_iter()
            .filter_map(|(jdk, h)| h.join().err().map(|_| format!("JDK {}", jdk.major())))
            .collect();
        assert!(failed.is_empty(), "failed for: {}", failed.join(", "));
    });
}

#[test]
fn every_lts_keytool_lists_and_uses_what_rkeytool_writes() {
    each_jdk(keytool_reads_ours);
}

#[test]
fn rkeytool_lists_and_uses_what_every_lts_keytool_writes() {
    each_jdk(rkeytool_reads_theirs);
}

#[test]
fn jdk11_has_no_eddsa_so_the_matrix_leaves_ed25519_out_for_it() {
    // JEP 339 (EdDSA) arrived in JDK 15: keytool 11 cannot make such a key.
    let env = Env::new();
    let r = env.sh_keytool(
        &keytool_of(Jdk::V11),
        &format!(
            "-genkeypair -alias ed -keyalg Ed25519 -dname CN=ed -keystore ed.p12 -storepass {PW}"
        ),
    );
    assert_ne!(r.status, 0, "keytool 11 made an Ed25519 key:\n{}", r.stdout);
    assert!(!Path::new(&env.path("ed.p12")).exists());
}
