//! Certificate text against keytool's own.
//!
//! `scripts/gen-text-fixtures.sh DIR` makes certificates with keytool and
//! openssl and saves, beside each `NAME.der`, what `keytool -printcert -file
//! NAME.der` printed (`NAME.txt`). These tests render every certificate with
//! `rkeytool::text` and compare line by line:
//!
//! * `committed_fixtures_match_keytool` uses the files under fixtures/text
//!   (no tools needed);
//! * `fresh_certificates_match_keytool` runs the script into a temporary
//!   directory (keytool and openssl must be installed: scripts/test.sh does).
//!
//! Every line must match exactly, distinguished names included.

use rkeytool::Certificate;
use rkeytool::text;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixtures are keytool 17's text in UTC. The library renders for the
/// generation and zone of its process: choose them here, in this test
/// process, before anything is rendered (every test of this module calls it;
/// no other in-process test renders text).
fn as_keytool_17_in_utc() {
    rkeytool::Generation::set_current(rkeytool::Generation::Jdk17);
    rkeytool::calendar::LocalZone::set_local(rkeytool::calendar::LocalZone::utc());
    assert_eq!(rkeytool::Generation::current(), rkeytool::Generation::Jdk17);
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/text")
}

/// Compares our block for `der` with keytool's `expected` text; returns a
/// description of every difference (empty when they match).
fn compare(name: &str, der: &[u8], expected: &str) -> Vec<String> {
    as_keytool_17_in_utc();
    let cert = match Certificate::from_der(der) {
        Ok(c) => c,
        Err(e) => return vec![format!("{name}: cannot parse: {e}")],
    };
    let ours = text::certificate_verbose(&cert);
    let exp: Vec<&str> = expected.split('\n').collect();
    let got: Vec<&str> = ours.split('\n').collect();
    let mut problems = Vec::new();
    for i in 0..exp.len().max(got.len()) {
        let (e, g) = (exp.get(i).copied(), got.get(i).copied());
        if e == g {
            continue;
        }
        problems.push(format!(
            "{name}:{}:\n  keytool: {e:?}\n  ours:    {g:?}",
            i + 1
        ));
    }
    problems
}

/// Compares every `NAME.der` in `dir` with its `NAME.txt`; returns how many
/// certificates were checked.
fn check_dir(dir: &Path) -> usize {
    as_keytool_17_in_utc();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.ends_with(".der") && !n.ends_with(".csr.der")
        })
        .collect();
    entries.sort();
    let mut problems = Vec::new();
    for der_path in &entries {
        let name = der_path.file_stem().unwrap().to_string_lossy().into_owned();
        let der = fs::read(der_path).unwrap();
        let expected = fs::read_to_string(der_path.with_extension("txt")).unwrap();
        problems.extend(compare(&name, &der, &expected));
        check_pem(der_path, &der, &mut problems);
    }
    let csr = dir.join("kt-rsa2048.csr");
    if csr.exists() {
        let der = fs::read(dir.join("kt-rsa2048.csr.der")).unwrap();
        let want = fs::read_to_string(&csr).unwrap();
        if rkeytool::pem::encode_java("NEW CERTIFICATE REQUEST", &der) != want {
            problems.push(format!("{}: PEM differs", csr.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
    entries.len()
}

/// Our PEM against `keytool -exportcert -rfc`, when the script saved it.
fn check_pem(der_path: &Path, der: &[u8], problems: &mut Vec<String>) {
    as_keytool_17_in_utc();
    let pem_path = der_path.with_extension("pem");
    if let Ok(want) = fs::read_to_string(&pem_path) {
        let ours = rkeytool::pem::encode_java("CERTIFICATE", der);
        if ours != want {
            problems.push(format!(
                "{}: PEM differs\n  keytool: {want:?}\n  ours:    {ours:?}",
                pem_path.display()
            ));
        }
    }
}

#[test]
fn committed_fixtures_match_keytool() {
    let n = check_dir(&fixtures_dir());
    assert!(n >= 5, "expected the committed fixtures, found {n}");
}

#[test]
fn fresh_certificates_match_keytool() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("certs");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-text-fixtures.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(&dir)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} failed:\n{}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let n = check_dir(&dir);
    assert!(
        n >= 30,
        "expected the full set of generated certificates, found {n}"
    );
}

#[test]
fn weak_algorithms_are_marked_and_warned() {
    as_keytool_17_in_utc();
    let der = fs::read(fixtures_dir().join("kt-rsa1024-sha1.der")).unwrap();
    let cert = Certificate::from_der(&der).unwrap();
    let block = text::certificate_verbose(&cert);
    assert!(block.contains("Signature algorithm name: SHA1withRSA (weak)\n"));
    assert!(block.contains("Subject Public Key Algorithm: 1024-bit RSA key (weak)\n"));
    assert_eq!(
        text::weak_warnings(&cert, "The certificate", false),
        [
            "The certificate uses the SHA1withRSA signature algorithm which is considered a \
             security risk. This algorithm will be disabled in a future update.",
            "The certificate uses a 1024-bit RSA key which is considered a security risk. \
             This key size will be disabled in a future update.",
        ]
    );
    // A trusted entry's signature algorithm is not judged; its key still is.
    let trusted = text::certificate_verbose_with(&cert, true);
    assert!(trusted.contains("Signature algorithm name: SHA1withRSA\n"));
    assert!(trusted.contains("1024-bit RSA key (weak)\n"));
    assert_eq!(text::weak_warnings(&cert, "<a>", true).len(), 1);
    assert_eq!(text::signature_algorithm_name(&cert), "SHA1withRSA");
    let spki = cert.parsed().tbs_certificate().subject_public_key_info();
    assert_eq!(text::public_key_description(spki), "1024-bit RSA key");
}
