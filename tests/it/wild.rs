//! Certificates from the wild (issue 16, "Reading"): what keytool reads, rkeytool
//! reads and prints the same way — object identifiers of any size, every string
//! tag Java knows, BER PKCS#7, long serial numbers — and the corpus under
//! `fixtures/certs-wild/`, printed by both tools.

use crate::util::{Env, assert_same_text};

/// A 128-bit arc under 2.25 (RFC 4122 §C UUID OID), as certificate policies use them.
const UUID_OID: &str = "2.25.329800735698586629295641978511506172918";

/// Runs the same command line through keytool 17 and rkeytool and wants the
/// same stdout, stderr and exit status.
#[track_caller]
fn same_as_keytool(env: &Env, line: &str) {
    let theirs = env.kt(line);
    let ours = env.sh(line);
    assert_same_text(&ours.stdout, &theirs.stdout, line);
    assert_same_text(&ours.stderr, &theirs.stderr, line);
    assert_eq!(ours.status, theirs.status, "{line}");
}

#[test]
fn uuid_oids_in_names_extensions_and_policies_are_read_as_keytool_reads_them() {
    let env = Env::new();
    env.kt(&format!(
        "-genkeypair -keystore kt.p12 -storepass changeit -alias a -keyalg EC \
         -dname 'CN=x, OID.{UUID_OID}=foo' -ext {UUID_OID}=0500"
    ))
    .ok();
    // Was "damaged or truncated X.509 certificate data: malformed OID".
    same_as_keytool(&env, "-list -v -keystore kt.p12 -storepass changeit");
    env.kt("-exportcert -keystore kt.p12 -storepass changeit -alias a -file a.der")
        .ok();
    same_as_keytool(&env, "-printcert -file a.der");

    env.sh_openssl(&format!(
        "req -x509 -newkey rsa:2048 -nodes -keyout k.pem -subj /CN=oid -days 30 \
         -addext certificatePolicies={UUID_OID} -addext extendedKeyUsage={UUID_OID},1.2.3.4 \
         -out policies.pem"
    ))
    .ok();
    same_as_keytool(&env, "-printcert -file policies.pem");

    // Stored by rkeytool, byte for byte: keytool lists the same fingerprint.
    env.sh("-importcert -noprompt -file a.der -keystore rk.p12 -storepass changeit -alias t")
        .ok();
    let listed = env.kt("-list -v -keystore rk.p12 -storepass changeit").ok();
    assert!(
        listed
            .stdout
            .contains(&format!("Owner: CN=x, OID.{UUID_OID}=foo"))
    );
}

#[test]
fn uuid_oids_typed_in_dname_and_ext_are_written_as_keytool_writes_them() {
    let env = Env::new();
    // Was "ObjectIdentifier() -- oid component is too large".
    env.sh(&format!(
        "-genkeypair -keystore rk.p12 -storepass changeit -alias a -keyalg EC \
         -dname 'CN=x, OID.{UUID_OID}=foo' -ext {UUID_OID}=0500 -ext eku={UUID_OID},serverAuth"
    ))
    .ok();
    same_as_keytool(&env, "-list -v -keystore rk.p12 -storepass changeit");
    let listed = env.kt("-list -v -keystore rk.p12 -storepass changeit").ok();
    assert!(
        listed
            .stdout
            .contains(&format!("#1: ObjectId: {UUID_OID} Criticality=false"))
    );
    assert!(listed.stdout.contains(&format!(
        "ExtendedKeyUsages [\n  {UUID_OID}\n  serverAuth\n]"
    )));
    // The request carries the name as typed, and its signature verifies.
    env.sh("-certreq -keystore rk.p12 -storepass changeit -alias a -file a.csr")
        .ok();
    env.sh_openssl("req -in a.csr -verify -noout").ok();
    same_as_keytool(&env, "-printcertreq -file a.csr");
}

/// UniversalString, GraphicString, CHARACTER STRING, ObjectDescriptor,
/// EMBEDDED PDV and VisibleString values, as `#hex` in a name.
const ODD_TAGS_DNAME: &str =
    "CN=#1c0400000041, OU=#190141, O=#1d0141, L=#070141, ST=#0b0141, C=#1a024652";

#[test]
fn string_tags_der_does_not_know_are_read_and_printed_as_keytool_does() {
    let env = Env::new();
    env.kt(&format!(
        "-genkeypair -keystore kt.p12 -storepass changeit -alias a -keyalg EC -dname '{ODD_TAGS_DNAME}'"
    ))
    .ok();
    // Was "unknown/unsupported ASN.1 DER tag: 0x1c".
    same_as_keytool(&env, "-list -v -keystore kt.p12 -storepass changeit");
    env.kt("-exportcert -keystore kt.p12 -storepass changeit -alias a -file a.der")
        .ok();
    same_as_keytool(&env, "-printcert -file a.der");
}

#[test]
fn string_tags_der_does_not_know_are_written_as_typed() {
    let env = Env::new();
    let made = env
        .sh(&format!(
            "-genkeypair -keystore rk.p12 -storepass changeit -alias a -keyalg EC -dname '{ODD_TAGS_DNAME}'"
        ))
        .ok();
    assert!(
        made.stderr
            .contains("\tfor: CN=A, OU=#190141, O=#1d0141, L=#070141, ST=#0b0141, C=#1a024652")
    );
    same_as_keytool(&env, "-list -v -keystore rk.p12 -storepass changeit");
    env.sh("-exportcert -keystore rk.p12 -storepass changeit -alias a -file a.der")
        .ok();
    let der = env.read("a.der");
    let universal = [0x1c, 0x04, 0x00, 0x00, 0x00, 0x41];
    assert!(
        der.windows(6).any(|w| w == universal),
        "UniversalString kept"
    );
    let graphic = [0x19, 0x01, 0x41];
    assert!(der.windows(3).any(|w| w == graphic), "GraphicString kept");
    // A tag number above 30 is refused, as keytool refuses it.
    let kt = env.kt(
        "-genkeypair -keystore kt.p12 -storepass changeit -alias a -keyalg EC -dname CN=#1f1f0141",
    );
    assert_eq!(kt.status, 1);
    assert!(
        kt.stdout
            .contains("Tag number over 30 at 0 is not supported")
    );
    env.sh(
        "-genkeypair -keystore rk.p12 -storepass changeit -alias b -keyalg EC -dname CN=#1f1f0141",
    )
    .fails_with("Tag number over 30 at 0 is not supported");
}

#[test]
fn ber_pkcs7_and_21_octet_serials_are_read_as_keytool_reads_them() {
    let env = Env::new();
    // A serial of 20 bytes with the top bit set: 21 octets in DER.
    env.sh_openssl(
        "req -x509 -newkey rsa:2048 -nodes -keyout s.key -subj /CN=serial21 -days 30 \
         -set_serial 0x8123456789abcdef0123456789abcdef01234567 -out s21.pem",
    )
    .ok();
    same_as_keytool(&env, "-printcert -file s21.pem");
    env.sh_openssl(&format!(
        "req -x509 -newkey rsa:2048 -nodes -keyout o.key -subj /CN=oid -days 30 \
         -addext certificatePolicies={UUID_OID} -out oid.pem"
    ))
    .ok();
    std::fs::write(env.path("msg.txt"), "hello\n").unwrap();
    // Streaming CMS: indefinite lengths and a constructed OCTET STRING.
    env.sh_openssl(
        "cms -sign -in msg.txt -signer s21.pem -inkey s.key -certfile oid.pem -stream \
         -nodetach -outform DER -out ber.p7b",
    )
    .ok();
    assert_eq!(
        &env.read("ber.p7b")[..2],
        &[0x30, 0x80],
        "indefinite length"
    );
    // Was "Failed to parse input".
    same_as_keytool(&env, "-printcert -file ber.p7b");
    same_as_keytool(&env, "-printcert -rfc -file ber.p7b");
    env.sh_openssl(
        "cms -sign -in msg.txt -signer s21.pem -inkey s.key -certfile oid.pem -stream \
         -nodetach -outform PEM -out ber.pem",
    )
    .ok();
    let pem = std::fs::read_to_string(env.path("ber.pem")).unwrap();
    std::fs::write(
        env.path("ber-pkcs7.pem"),
        pem.replace(" CMS-----", " PKCS7-----"),
    )
    .unwrap();
    same_as_keytool(&env, "-printcert -file ber-pkcs7.pem");
    // Imported from the BER bundle, byte for byte.
    env.sh("-importcert -noprompt -file s21.pem -keystore rk.p12 -storepass changeit -alias s")
        .ok();
    same_as_keytool(&env, "-list -v -keystore rk.p12 -storepass changeit");
    env.sh("-importbundle -file ber.p7b -keystore bundle.p12 -storepass changeit")
        .ok();
    let listed = env
        .kt("-list -keystore bundle.p12 -storepass changeit")
        .ok();
    assert!(
        listed.stdout.contains("Your keystore contains 2 entries"),
        "{}",
        listed.stdout
    );
}

/// An OpenSSL request config with challengePassword, unstructuredName and
/// (when `exts`) an extensionRequest.
fn request_config(exts: bool) -> String {
    format!(
        "[req]\ndistinguished_name=dn\nattributes=attrs\nprompt=no\n{}\
         [dn]\nCN=req\n[attrs]\nunstructuredName=An unstructured name\nchallengePassword=secret123\n\
         [ext]\nsubjectAltName=DNS:example.com\nkeyUsage=digitalSignature\n",
        if exts { "req_extensions=ext\n" } else { "" }
    )
}

#[test]
fn printcertreq_prints_attributes_weak_marks_and_checks_the_signature_as_keytool_does() {
    let env = Env::new();
    std::fs::write(env.path("plain.cnf"), request_config(false)).unwrap();
    std::fs::write(env.path("exts.cnf"), request_config(true)).unwrap();
    // Weak key and signature: "(weak)" marks and the warning block.
    env.sh_openssl(
        "req -new -newkey rsa:1024 -nodes -keyout w.key -config plain.cnf -sha1 -out weak.csr",
    )
    .ok();
    same_as_keytool(&env, "-printcertreq -file weak.csr");
    // Attributes around the Extension Request, in keytool's (Hashtable) order.
    env.sh_openssl(
        "req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout e.key \
         -config exts.cnf -out exts.csr",
    )
    .ok();
    same_as_keytool(&env, "-printcertreq -file exts.csr");
    // No extension request and no attribute: no blank line after "Signature algorithm".
    env.sh_openssl(
        "req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout n.key \
         -subj /CN=bare -out bare.csr",
    )
    .ok();
    same_as_keytool(&env, "-printcertreq -file bare.csr");

    // A request whose signature does not verify (one bit of it flipped).
    env.sh_openssl("req -in exts.csr -outform der -out exts.der")
        .ok();
    let mut der = env.read("exts.der");
    let n = der.len();
    der[n - 5] ^= 1;
    std::fs::write(env.path("bad.der"), &der).unwrap();
    env.sh_openssl("req -inform der -in bad.der -out bad.csr")
        .ok();
    let kt = env.kt("-printcertreq -file bad.csr");
    assert_eq!(kt.status, 1);
    assert!(
        kt.stdout.contains("Invalid PKCS #10 signature"),
        "{}",
        kt.stdout
    );
    env.sh("-printcertreq -file bad.csr")
        .fails_with("rkeytool error: Invalid PKCS #10 signature");
    // -gencert refuses it too, and writes nothing.
    env.kt("-genkeypair -keystore ca.p12 -storepass changeit -alias ca -keyalg EC -dname CN=ca")
        .ok();
    let kt = env.kt(
        "-gencert -keystore ca.p12 -storepass changeit -alias ca -infile bad.csr -outfile kt.pem",
    );
    assert_eq!(kt.status, 1);
    assert!(
        kt.stdout.contains("Invalid PKCS #10 signature"),
        "{}",
        kt.stdout
    );
    env.sh(
        "-gencert -keystore ca.p12 -storepass changeit -alias ca -infile bad.csr -outfile rk.pem",
    )
    .fails_with("rkeytool error: Invalid PKCS #10 signature");
    assert!(!env.path("rk.pem").exists());
    env.sh(
        "-gencert -keystore ca.p12 -storepass changeit -alias ca -infile exts.csr -outfile ok.pem",
    )
    .ok();
}

#[test]
fn printcert_marks_and_warnings_follow_keytool() {
    let env = Env::new();
    // SHA-1 on a code-signing certificate: "(disabled)" (SignedJAR usage), weak otherwise.
    env.sh_openssl(
        "req -x509 -newkey rsa:1024 -nodes -keyout a.key -subj /CN=cs -sha1 -days 30 \
         -addext extendedKeyUsage=serverAuth,codeSigning -out sha1-codesigning.pem",
    )
    .ok();
    env.sh_openssl(
        "req -x509 -newkey rsa:2048 -nodes -keyout b.key -subj /CN=any -sha1 -days 30 \
         -addext extendedKeyUsage=anyExtendedKeyUsage -out sha1-any.pem",
    )
    .ok();
    same_as_keytool(&env, "-printcert -file sha1-codesigning.pem");
    same_as_keytool(&env, "-printcert -file sha1-any.pem");
    // The Warning: block comes with -rfc too, and names "#i of n" in a bundle.
    same_as_keytool(&env, "-printcert -rfc -file sha1-codesigning.pem");
    env.sh_openssl(
        "crl2pkcs7 -nocrl -certfile sha1-codesigning.pem -certfile sha1-any.pem -out two.p7b",
    )
    .ok();
    same_as_keytool(&env, "-printcert -file two.p7b");
    same_as_keytool(&env, "-printcert -rfc -file two.p7b");
}

#[test]
fn keys_of_unknown_algorithms_are_of_unknown_size_in_keytool_17_and_21() {
    let env = Env::new();
    env.sh_openssl(
        "req -x509 -newkey rsa:2048 -nodes -keyout a.key -subj /CN=unknown -days 30 \
         -outform DER -out rsa.der",
    )
    .ok();
    // The key's algorithm OID (rsaEncryption) replaced by 1.3.6.1.4.1.99999.1,
    // an algorithm no JDK knows (same length; the signature is not checked).
    let der = env.read("rsa.der");
    let rsa = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    let unknown = [0x2b, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8d, 0x1f, 0x01];
    let at = der
        .windows(9)
        .position(|w| w == rsa)
        .expect("rsaEncryption");
    let mut patched = der.clone();
    patched[at..at + 9].copy_from_slice(&unknown);
    std::fs::write(env.path("unknown.der"), &patched).unwrap();
    same_as_keytool(&env, "-printcert -file unknown.der");
    let v25 = env.rk_env(
        &["-printcert", "-file", "unknown.der"],
        &[("RKEYTOOL_KEYTOOL_VERSION", "25")],
    );
    let kt25 = env.sh_keytool(
        &crate::util::keytool_of(crate::util::Jdk::V25),
        "-printcert -file unknown.der",
    );
    assert_same_text(&v25.stdout, &kt25.stdout, "keytool 25");
    assert!(
        kt25.stdout
            .contains("Subject Public Key Algorithm: 1.3.6.1.4.1.99999.1 key\n")
    );
}

/// The corpus: every file under `fixtures/certs-wild/` (made by
/// `scripts/gen-wild-fixtures.sh`, public vectors under `zlint/`), and what
/// to run on it.
fn corpus() -> Vec<std::path::PathBuf> {
    let root = crate::util::fixture("certs-wild");
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("zlint")] {
        for entry in std::fs::read_dir(&dir).expect("fixtures/certs-wild") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let keep = [".der", ".pem", ".p7b", ".csr"]
                .iter()
                .any(|e| name.ends_with(e));
            if path.is_file() && keep {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Files where rkeytool knowingly differs from keytool 17, and why. The test
/// fails when one of them stops differing, so the list stays true.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[(
    "ossl-sm2-curve.pem",
    "keytool refuses the whole certificate (\"Failed to parse input\") because the JDK has no \
     key factory for the SM2 curve; rkeytool prints it, with its key as `EC key of unknown size`, \
     as it never needs the key to print it",
)];

/// An error line without the tool's prefix and Java's exception class:
/// `keytool error: java.security.SignatureException: Invalid PKCS #10 signature`
/// and `rkeytool error: Invalid PKCS #10 signature` both give the message.
fn error_message(output: &str) -> Option<String> {
    let line = output
        .lines()
        .find(|l| l.starts_with("keytool error: ") || l.starts_with("rkeytool error: "))?;
    let message = line.split_once("error: ").map(|(_, m)| m).unwrap_or(line);
    let message = match message.split_once(": ") {
        Some((class, rest)) if class.starts_with("java.") => rest,
        _ => message,
    };
    Some(message.to_string())
}

#[test]
fn corpus_prints_as_keytool_17_prints_it() {
    let env = Env::new();
    let files = corpus();
    assert!(files.len() >= 25, "corpus too small: {}", files.len());
    let mut differing = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let command = if name.ends_with(".csr") {
            "-printcertreq"
        } else {
            "-printcert"
        };
        let file = path.to_str().expect("utf-8 path");
        let theirs = env.keytool(&[command, "-file", file]);
        let ours = env.rk(&[command, "-file", file]);
        let same = if theirs.status == 0 {
            ours.status == 0 && ours.stdout == theirs.stdout && ours.stderr == theirs.stderr
        } else {
            // keytool writes its error line on stdout, rkeytool on stderr.
            ours.status == theirs.status
                && ours.stdout.is_empty()
                && error_message(&theirs.stdout).is_some()
                && error_message(&ours.stderr) == error_message(&theirs.stdout)
        };
        let known = KNOWN_DIFFERENCES.iter().any(|(f, _)| *f == name);
        match (same, known) {
            (true, false) | (false, true) => {}
            (true, true) => differing.push(format!("{name}: no longer differs, drop it from KNOWN_DIFFERENCES")),
            (false, false) => differing.push(format!(
                "{name} ({command}): keytool exit {} / rkeytool exit {}\n--- keytool stdout\n{}\n--- keytool stderr\n{}\n--- rkeytool stdout\n{}\n--- rkeytool stderr\n{}",
                theirs.status, ours.status, theirs.stdout, theirs.stderr, ours.stdout, ours.stderr
            )),
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n\n"));
}

#[test]
fn odd_names_survive_certreq_gencert_and_importkeystore() {
    let env = Env::new();
    env.kt(&format!(
        "-genkeypair -keystore ca.p12 -storepass changeit -alias ca -keyalg EC \
         -groupname secp256r1 -dname 'CN=ca, OID.{UUID_OID}=foo'"
    ))
    .ok();
    env.kt(&format!(
        "-genkeypair -keystore ee.p12 -storepass changeit -alias ee -keyalg EC \
         -groupname secp256r1 -dname '{ODD_TAGS_DNAME}'"
    ))
    .ok();
    // The request and the certificate keep the names' bytes: keytool prints them alike.
    env.sh("-certreq -keystore ee.p12 -storepass changeit -alias ee -file ee.csr")
        .ok();
    same_as_keytool(&env, "-printcertreq -file ee.csr");
    env.sh(&format!(
        "-gencert -keystore ca.p12 -storepass changeit -alias ca -infile ee.csr -outfile ee.pem \
         -ext eku={UUID_OID}"
    ))
    .ok();
    same_as_keytool(&env, "-printcert -file ee.pem");
    // (OpenSSL refuses GraphicString and the like in names, keytool's own certificates too.)
    // A keystore holding such certificates converts both ways, byte for byte.
    env.sh(
        "-importkeystore -srckeystore ca.p12 -srcstorepass changeit -destkeystore ca.jks \
            -deststoretype JKS -deststorepass changeit",
    )
    .ok();
    same_as_keytool(&env, "-list -v -keystore ca.jks -storepass changeit");
    env.sh("-exportcert -keystore ca.jks -storepass changeit -alias ca -file from-jks.der")
        .ok();
    env.kt("-exportcert -keystore ca.p12 -storepass changeit -alias ca -file from-p12.der")
        .ok();
    assert_eq!(env.read("from-jks.der"), env.read("from-p12.der"));
}

#[test]
fn a_chain_with_a_uuid_oid_exports_as_pkcs7_keytool_reads() {
    let env = Env::new();
    env.kt(&format!(
        "-genkeypair -keystore kt.p12 -storepass changeit -alias a -keyalg EC \
         -groupname secp256r1 -dname 'CN=x, OID.{UUID_OID}=foo'"
    ))
    .ok();
    env.sh("-exportcert -chain -keystore kt.p12 -storepass changeit -alias a -file chain.p7b")
        .ok();
    same_as_keytool(&env, "-printcert -file chain.p7b");
    let printed = env.kt("-printcert -file chain.p7b").ok();
    assert!(
        printed
            .stdout
            .contains(&format!("Owner: CN=x, OID.{UUID_OID}=foo"))
    );
}
