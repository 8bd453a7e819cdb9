//! Issue 8: nothing lost. A writer killed at random moments leaves the old
//! keystore or the new one, never a broken one; two writers at once both land.

use crate::util::*;
use rkeytool::{Certificate, Entry, KeyStore, Password, StoreType, StoredEntry, pkcs12, storage};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A PKCS12 truststore with `n` entries (the fixture CA under many aliases).
fn big_store(env: &Env, name: &str, n: usize) -> Vec<u8> {
    let ca: Certificate =
        rkeytool::cert::parse_certificates(&std::fs::read(fixture("ca.pem")).unwrap())
            .unwrap()
            .remove(0);
    let mut ks = KeyStore::new(StoreType::Pkcs12);
    for i in 0..n {
        ks.insert(StoredEntry {
            alias: format!("ca{i:05}"),
            created_millis: 0,
            entry: Entry::TrustedCert(ca.clone()),
        })
        .unwrap();
    }
    let bytes = pkcs12::encode(&ks, Some(&Password::new(PW)), pkcs12::Protection::Modern).unwrap();
    std::fs::write(env.path(name), &bytes).unwrap();
    bytes
}

/// A xorshift generator seeded from the clock: each run kills at other moments.
fn random_numbers() -> impl FnMut() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1);
    let mut seed = nanos | 1;
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

#[test]
fn killed_writers_leave_the_old_or_the_new_keystore() {
    let env = Env::new();
    env.copy_fixture("ca.pem");
    big_truststore(&env, "big.p12", 300);
    let import = |alias: &str| {
        format!(
            "-importcert -noprompt -alias {alias} -file ca.pem -keystore big.p12 -storepass {PW}"
        )
    };
    // Time one whole write, so that the kills land all over it.
    let t0 = std::time::Instant::now();
    env.sh(&import("timing")).ok();
    let window = (t0.elapsed().as_micros() as u64).max(1000) * 11 / 10;
    let mut next = random_numbers();
    let mut current = env.read("big.p12");
    let (mut kept, mut replaced) = (0, 0);
    for i in 0..30 {
        // Even rounds kill anywhere in the write; odd rounds mostly near or after its end.
        let delay = match i % 2 {
            0 => next() % window,
            _ => window * 8 / 10 + next() % (window / 2),
        };
        let alias = format!("new{i}");
        kill_after(&env, &import(&alias), Duration::from_micros(delay));
        let now = env.read("big.p12");
        if now == current {
            kept += 1;
            continue;
        }
        let ks = storage::decode(&now, Some(&Password::new(PW)))
            .unwrap_or_else(|e| panic!("round {i}: the keystore is neither old nor new: {e}"));
        assert!(
            ks.contains(&alias),
            "round {i}: a new keystore must hold {alias}"
        );
        assert_eq!(ks.len(), entry_count(&current) + 1, "round {i}");
        replaced += 1;
        current = now;
    }
    eprintln!("kill test: {kept} kept the old keystore, {replaced} got the new one");
    assert!(
        kept > 0 && replaced > 0,
        "kills should land both before and after the rename"
    );
    // keytool opens what is left, and a successful write clears the killed
    // writers' temporaries (hidden dot-files, never taken for keystores).
    env.kt(&format!(
        "-list -keystore big.p12 -storepass {PW} -alias ca00000"
    ))
    .ok();
    env.sh(&import("final")).ok();
    let leftovers = files_in(env.dir.path(), |n| n.ends_with(".tmp"));
    assert!(leftovers.is_empty(), "stale temporaries: {leftovers:?}");
}

#[test]
fn two_writers_at_once_both_land() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    big_store(&env, "shared.p12", 500);
    for round in 0..4 {
        let spawn = |alias: String| {
            Command::new(rkeytool_bin())
                .args([
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    &alias,
                    "-file",
                    "ca.pem",
                    "-keystore",
                    "shared.p12",
                    "-storepass",
                    PW,
                ])
                .current_dir(env.dir.path())
                .env("HOME", env.dir.path())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let a = spawn(format!("a{round}"));
        let b = spawn(format!("b{round}"));
        assert!(a.wait_with_output().unwrap().status.success());
        assert!(b.wait_with_output().unwrap().status.success());
        let ks = storage::decode(&env.read("shared.p12"), Some(&Password::new(PW))).unwrap();
        assert!(
            ks.contains(&format!("a{round}")) && ks.contains(&format!("b{round}")),
            "round {round}: a change was lost"
        );
    }
}

#[test]
fn rewrites_keep_the_keystores_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.sh(&format!(
        "-genkeypair -keyalg RSA -dname CN=p -keystore p.p12 -storepass {PW}"
    ))
    .ok();
    assert_eq!(
        std::fs::metadata(env.path("p.p12"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    std::fs::set_permissions(env.path("p.p12"), std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    env.sh(&format!(
        "-importcert -noprompt -alias ca -file ca.pem -keystore p.p12 -storepass {PW}"
    ))
    .ok();
    assert_eq!(
        std::fs::metadata(env.path("p.p12"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o640
    );
}
