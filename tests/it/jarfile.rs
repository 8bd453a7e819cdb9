//! `-printcert -jarfile`: the signers of a JAR built by `jar` and signed by
//! `jarsigner` (JDK 17) now, printed as keytool prints them.

use crate::util::Env;
use std::process::Command;

fn tool(env: &Env, program: &str, args: &[&str]) {
    let out = Command::new(program)
        .args(args)
        .current_dir(env.dir.path())
        .env("HOME", env.dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed (JDK 17): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `unsigned.jar`, `self.jar` (a self-signed RSA signer) and `chain.jar`
/// (an RSA signer certified by an EC CA, the chain in the block).
fn jars(env: &Env) {
    std::fs::write(env.path("a.txt"), "hello\n").unwrap();
    tool(env, "jar", &["cf", "unsigned.jar", "a.txt"]);
    env.kt("-genkeypair -keystore s.p12 -storepass changeit -alias signer -keyalg RSA -keysize 2048 -dname CN=Signer")
        .ok();
    env.kt("-genkeypair -keystore s.p12 -storepass changeit -alias ca -keyalg EC -dname CN=JarCA -ext bc:c")
        .ok();
    std::fs::copy(env.path("unsigned.jar"), env.path("self.jar")).unwrap();
    tool(
        env,
        "jarsigner",
        &[
            "-keystore",
            "s.p12",
            "-storepass",
            "changeit",
            "self.jar",
            "signer",
        ],
    );
    env.kt("-certreq -keystore s.p12 -storepass changeit -alias signer -file signer.csr")
        .ok();
    env.kt("-gencert -keystore s.p12 -storepass changeit -alias ca -infile signer.csr -outfile signer.pem -rfc").ok();
    env.kt(
        "-importcert -keystore s.p12 -storepass changeit -alias signer -file signer.pem -noprompt",
    )
    .ok();
    std::fs::copy(env.path("unsigned.jar"), env.path("chain.jar")).unwrap();
    tool(
        env,
        "jarsigner",
        &[
            "-keystore",
            "s.p12",
            "-storepass",
            "changeit",
            "chain.jar",
            "signer",
        ],
    );
}

#[test]
fn printcert_jarfile_is_keytools() {
    let env = Env::new();
    jars(&env);
    for jar in ["self.jar", "chain.jar", "unsigned.jar"] {
        for rfc in ["", " -rfc"] {
            let line = format!("-printcert -jarfile {jar}{rfc}");
            let theirs = env.kt(&line).ok();
            let ours = env.sh(&line).ok();
            assert_eq!(ours.stdout, theirs.stdout, "{line}");
        }
    }
    let chain = env.sh("-printcert -jarfile chain.jar").ok().stdout;
    assert!(
        chain.starts_with("Signer #1:\n\nCertificate #1:\nOwner: CN=Signer\nIssuer: CN=JarCA\n"),
        "{chain}"
    );
    assert!(
        chain.contains("\nCertificate #2:\nOwner: CN=JarCA\n"),
        "{chain}"
    );
    assert_eq!(
        env.sh("-printcert -jarfile unsigned.jar").ok().stdout,
        "Not a signed jar file\n"
    );
}

#[test]
fn printcert_jarfile_bad_input() {
    let env = Env::new();
    env.sh("-printcert -jarfile nope.jar")
        .fails_with("rkeytool error: nope.jar: No such file or directory (os error 2)");
    std::fs::write(env.path("text.jar"), "not a zip").unwrap();
    env.sh("-printcert -jarfile text.jar")
        .fails_with("not a ZIP file (no end of central directory)");
}
