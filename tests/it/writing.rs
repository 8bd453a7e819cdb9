//! Never write what keytool cannot read back, and write what keytool writes:
//! `-dname`/`-ext` values keytool accepts but then chokes on are refused with
//! the JDK's message, and the forms keytool accepts give keytool's bytes.

use crate::util::Env;

/// keytool 17 writes a certificate with an empty issuer and then cannot open
/// its own keystore; rkeytool refuses with the JDK's reason and writes nothing.
#[test]
fn empty_dname_is_refused_with_the_jdks_reason() {
    let env = Env::new();
    env.kt("-genkeypair -keystore theirs.p12 -storepass changeit -keyalg EC -dname ''")
        .stdout
        .contains("keystore password was incorrect")
        .then_some(())
        .expect("keytool 17 writes a store it cannot read");
    env.sh("-genkeypair -keystore ours.p12 -storepass changeit -keyalg EC -dname ''")
        .fails_with("rkeytool error: Empty issuer DN not allowed in X509Certificates");
    assert!(!env.path("ours.p12").exists());
}

/// A critical extension the JDK decodes, with a raw value that is not its
/// DER: keytool writes it and cannot read the store back; rkeytool refuses.
/// A non-critical one is kept by the JDK as unparseable, so both write it.
#[test]
fn raw_critical_known_extension_must_be_its_der() {
    let env = Env::new();
    env.kt("-genkeypair -keystore theirs.p12 -storepass changeit -keyalg EC -dname CN=a -ext 2.5.29.19:critical=ABCDEF");
    env.kt("-list -keystore theirs.p12 -storepass changeit")
        .stdout
        .contains("keystore password was incorrect")
        .then_some(())
        .expect("keytool cannot read what it wrote");
    env.sh("-genkeypair -keystore ours.p12 -storepass changeit -keyalg EC -dname CN=a -ext 2.5.29.19:critical=ABCDEF")
        .fails_with("rkeytool error: Illegal value for critical extension 2.5.29.19 (BasicConstraints): not the DER of its type");
    env.sh("-genkeypair -keystore ours.p12 -storepass changeit -keyalg EC -dname CN=a -ext 2.5.29.19:critical=3003010201")
        .fails_with("rkeytool error: Illegal value for critical extension 2.5.29.19 (BasicConstraints): not valid DER");
    assert!(!env.path("ours.p12").exists());
    // Well-formed (cA TRUE), unknown to the JDK, or non-critical: written, and keytool reads them.
    env.sh("-genkeypair -keystore ours.p12 -storepass changeit -keyalg EC -alias bc -dname CN=a -ext 2.5.29.19:critical=30030101ff").ok();
    env.sh("-genkeypair -keystore ours.p12 -storepass changeit -keyalg EC -alias unknown -dname CN=a -ext 1.2.3.4:critical=ABCDEF").ok();
    env.sh("-genkeypair -keystore ours.p12 -storepass changeit -keyalg EC -alias noncritical -dname CN=a -ext 2.5.29.19=ABCDEF").ok();
    let listed = env
        .kt("-list -v -keystore ours.p12 -storepass changeit")
        .ok();
    assert!(
        listed.stdout.contains("Your keystore contains 3 entries"),
        "{}",
        listed.stdout
    );
    assert!(listed.stdout.contains("CA:true"), "{}", listed.stdout);
}

/// `#hex` whose first byte has a tag number above 30: refused by both with the JDK's message.
#[test]
fn hex_value_with_a_high_tag_number_is_refused() {
    let env = Env::new();
    for hex in ["#1f0161", "#9f1f0161"] {
        let line =
            format!("-genkeypair -keystore ks.p12 -storepass changeit -keyalg EC -dname CN={hex}");
        let theirs = env.kt(&line);
        assert!(
            theirs.stdout.contains(
                "keytool error: java.io.IOException: Tag number over 30 at 0 is not supported"
            ),
            "{}{}",
            theirs.stdout,
            theirs.stderr
        );
        env.sh(&line)
            .fails_with("rkeytool error: Tag number over 30 at 0 is not supported");
    }
    // A low tag (BMPString) stays accepted by both, with the same subject.
    let line = "-genkeypair -keystore low.p12 -storepass changeit -keyalg EC -dname CN=#1e020041";
    env.kt(line).ok();
    env.sh(&line.replace("low.p12", "ours.p12")).ok();
    let owner = |f: &str| {
        env.kt(&format!("-list -v -keystore {f} -storepass changeit"))
            .ok()
            .stdout
            .lines()
            .find(|l| l.starts_with("Owner:"))
            .map(str::to_string)
    };
    assert_eq!(owner("ours.p12"), owner("low.p12"));
    assert_eq!(owner("ours.p12").as_deref(), Some("Owner: CN=A"));
}

/// `-gencert -ext honored=-ku` when the request has no KeyUsage, or `honored=ku`:
/// keytool's "No extension found with name 2.5.29.15".
#[test]
fn honored_names_an_extension_that_is_not_there() {
    let env = Env::new();
    env.kt("-genkeypair -keystore ca.p12 -storepass changeit -alias ca -keyalg EC -dname CN=ca -ext bc:c").ok();
    env.kt("-genkeypair -keystore ca.p12 -storepass changeit -alias u -keyalg EC -dname CN=u")
        .ok();
    env.kt(
        "-certreq -keystore ca.p12 -storepass changeit -alias u -file u.csr -ext san=dns:x.example",
    )
    .ok();
    for (honored, oid) in [
        ("honored=-ku", "2.5.29.15"),
        ("honored=ku", "2.5.29.15"),
        ("honored=all,-ku", "2.5.29.15"),
        ("honored=-san", "2.5.29.17"),
        ("honored=all,-san,-san", "2.5.29.17"),
    ] {
        let line = format!(
            "-gencert -keystore ca.p12 -storepass changeit -alias ca -infile u.csr -outfile o.cer -ext {honored}"
        );
        let theirs = env.kt(&line);
        let message = format!("No extension found with name {oid}");
        assert!(
            theirs.stdout.contains(&message),
            "{honored}: {}{}",
            theirs.stdout,
            theirs.stderr
        );
        env.sh(&line)
            .fails_with(&format!("rkeytool error: {message}"));
    }
    // What keytool accepts, rkeytool accepts, with the same extensions.
    for honored in ["honored=all,-san", "honored=san,-san", "honored=san"] {
        let line = format!(
            "-gencert -keystore ca.p12 -storepass changeit -alias ca -infile u.csr -ext {honored} -outfile"
        );
        env.kt(&format!("{line} theirs.cer")).ok();
        env.sh(&format!("{line} ours.cer")).ok();
        let names = |f: &str| {
            env.kt(&format!("-printcert -file {f}"))
                .ok()
                .stdout
                .lines()
                .filter(|l| l.starts_with('#') || l.contains("DNSName"))
                .map(|l| l.split(" Criticality").next().unwrap_or(l).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("ours.cer"), names("theirs.cer"), "{honored}");
    }
}

/// Java's IPv4 literal forms in `-ext san=ip:`: the request rkeytool writes
/// with keytool's key is byte for byte keytool's (RSA signatures are
/// deterministic), so the SAN is encoded the same; what keytool refuses
/// (after a DNS lookup) rkeytool refuses.
#[test]
fn legacy_ipv4_forms_encode_as_keytools() {
    let env = Env::new();
    env.kt("-genkeypair -keystore ks.p12 -storepass changeit -alias k -keyalg RSA -keysize 2048 -dname CN=k").ok();
    for ip in [
        "127.1",
        "10.1.2",
        "1.16777215",
        "0127.0.0.01",
        "1.2.65535",
        "127.1/8",
        "127.0.0.1/255.0.0.0",
    ] {
        let line = format!(
            "-certreq -keystore ks.p12 -storepass changeit -alias k -sigalg SHA256withRSA -ext san=ip:{ip} -file"
        );
        env.kt(&format!("{line} theirs.csr")).ok();
        env.sh(&format!("{line} ours.csr")).ok();
        assert_eq!(env.read("ours.csr"), env.read("theirs.csr"), "san=ip:{ip}");
    }
    for ip in ["127.0.0.256", "1.2.65536", "1.2.3.4.5", "1..2", "0x7f.1"] {
        let line = format!(
            "-certreq -keystore ks.p12 -storepass changeit -alias k -ext san=ip:{ip} -file x.csr"
        );
        let theirs = env.kt(&line);
        assert!(
            theirs.stdout.contains("UnknownHostException"),
            "{ip}: {}{}",
            theirs.stdout,
            theirs.stderr
        );
        env.sh(&line)
            .fails_with(&format!("rkeytool error: Invalid IPAddress: {ip}"));
    }
}

/// The `for:` line prints the name as typed: the AVAs of a multi-valued RDN
/// in the order given (the certificate holds them in DER order), known OIDs
/// by keyword, others as `OID.n`.
#[test]
fn for_line_keeps_the_typed_order() {
    let env = Env::new();
    let dname = "ou=z+o=y, cn=a+c=FR+dc=q, 2.5.4.3=x, OID.2.5.4.7=L, 1.2.3.4=q, 2.5.4.97=v";
    let for_line = |r: crate::util::Run| {
        r.stderr
            .lines()
            .chain(r.stdout.lines())
            .find(|l| l.starts_with("\tfor:"))
            .map(str::to_string)
    };
    let theirs = for_line(
        env.kt(&format!(
            "-genkeypair -keystore theirs.p12 -storepass changeit -keyalg EC -dname '{dname}'"
        ))
        .ok(),
    );
    let ours = for_line(
        env.sh(&format!(
            "-genkeypair -keystore ours.p12 -storepass changeit -keyalg EC -dname '{dname}'"
        ))
        .ok(),
    );
    assert_eq!(ours, theirs);
    assert_eq!(
        ours.as_deref(),
        Some("\tfor: OU=z + O=y, CN=a + C=FR + DC=q, CN=x, L=L, OID.1.2.3.4=q, OID.2.5.4.97=v")
    );
    // The certificate itself holds the RDN's AVAs in DER order, as keytool's.
    let owner = |f: &str| {
        env.kt(&format!("-list -v -keystore {f} -storepass changeit"))
            .ok()
            .stdout
            .lines()
            .find(|l| l.starts_with("Owner:"))
            .map(str::to_string)
    };
    assert_eq!(owner("ours.p12"), owner("theirs.p12"));
}
