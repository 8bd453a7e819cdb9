//! `-dname` and `-ext` against keytool's own classes: for every value, keytool
//! (through `-genkeypair`, `-certreq` and `-gencert`) and the library's
//! `dname::parse`/`format` and `ext::parse_all` must accept the same inputs,
//! produce the same DER and print the same text, or refuse with the same message.

use const_oid::ObjectIdentifier;
use der::DecodePem;
use der::{Decode, Encode};
use rkeytool::Error;
use rkeytool::dname::{format, parse};
use rkeytool::ext::{find_subject_key_id, key_identifier, parse_all};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use x509_cert::ext::Extension;
use x509_cert::name::Name;

fn hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs keytool with UTF-8 arguments and output; returns (success, stdout + stderr).
fn keytool(args: &[&str]) -> (bool, String) {
    let out = Command::new("keytool")
        .args([
            "-J-Dfile.encoding=UTF-8",
            "-J-Dsun.stdout.encoding=UTF-8",
            "-J-Dsun.stderr.encoding=UTF-8",
            "-J-Duser.language=en",
            // Faster JVM start-up.
            "-J-XX:TieredStopAtLevel=1",
            "-J-XX:+UseSerialGC",
        ])
        .args(args)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("keytool runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// `keytool -genkeypair -dname D -ext E...` in `dir`: the certificate's DER,
/// or keytool's error line.
fn keytool_cert(dir: &Path, dname: &str, exts: &[&str]) -> std::result::Result<Vec<u8>, String> {
    let ks = dir.join("ks.p12");
    let der = dir.join("cert.der");
    let _ = std::fs::remove_file(&ks);
    let (ks, der) = (ks.to_str().unwrap(), der.to_str().unwrap());
    let mut args = vec![
        "-genkeypair",
        "-keystore",
        ks,
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-alias",
        "a",
        "-keyalg",
        "EC",
        "-dname",
        dname,
    ];
    for e in exts {
        args.extend(["-ext", e]);
    }
    let (ok, text) = keytool(&args);
    if !ok {
        let line = text.lines().find(|l| l.starts_with("keytool error"));
        return Err(line.unwrap_or(&text).to_string());
    }
    // openssl starts faster than a second JVM, but cannot read every name.
    let out = Command::new("openssl")
        .args([
            "pkcs12",
            "-in",
            ks,
            "-passin",
            "pass:changeit",
            "-nokeys",
            "-out",
            der,
        ])
        .output()
        .expect("openssl runs");
    if out.status.success() {
        let pem = std::fs::read_to_string(der).unwrap();
        let cert = <x509_cert::Certificate as der::DecodePem>::from_pem(
            &pem[pem.find("-----BEGIN").unwrap()..],
        )
        .map_err(|e| format!("x509-cert cannot decode keytool's certificate: {e}"))?;
        std::fs::write(der, cert.to_der().unwrap()).unwrap();
    } else {
        let (ok, text) = keytool(&[
            "-exportcert",
            "-keystore",
            ks,
            "-storepass",
            "changeit",
            "-alias",
            "a",
            "-file",
            der,
        ]);
        assert!(ok, "{text}");
    }
    Ok(std::fs::read(der).unwrap())
}

/// The `Owner:` and `Issuer:` of `keytool -printcert -file F`.
fn keytool_owner_issuer(file: &Path) -> (String, String) {
    let (ok, text) = keytool(&["-printcert", "-file", file.to_str().unwrap()]);
    assert!(ok, "{text}");
    let field = |prefix: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix} in {text}"))
            .to_string()
    };
    (field("Owner: "), field("Issuer: "))
}

fn subject_of(cert_der: &[u8]) -> Name {
    let cert = x509_cert::Certificate::from_der(cert_der).unwrap();
    cert.tbs_certificate().subject().clone()
}

/// Runs `f` over `cases` on a few threads; each failure is reported, then all fail.
fn run_parallel<T: Sync>(cases: &[T], f: impl Fn(&T) -> Option<String> + Sync) {
    let next = AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(case) = cases.get(i) else { break };
                    if let Some(msg) = f(case) {
                        failures.lock().unwrap().push(msg);
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `-dname` values keytool accepts; our DER and our rendering must match its.
const ACCEPTED: &[&str] = &[
    "CN=MZPXXXX, OU=Programs Partner, O=PartnerName, L=Paris, C=FR, EMAILADDRESS=it@partner.com",
    "CN=Jürgen Müller, O=Ünïcödé GmbH, L=Köln, ST=NRW, C=DE",
    "CN=日本語の名前, O=株式会社",
    "CN=𝄞 music",
    "CN=\"a, b\", O=\"x+y\", OU=a\\,b, L=\"semi;colon\"",
    "CN=a\\+b+OU=multi, O=x",
    "OU=z+CN=y+O=x, C=US",
    "cn=lower, ou=x; o=semi",
    "CN=  spaced   out  , O= lead",
    "CN=\"  q  \", O=\" a\\,b \"",
    "EMAIL=a@b.c, DC=example, DC=com, UID=jdoe",
    "EMAIL=é@x, DC=é",
    "EMAIL=",
    "T=Mr, IP=1.2.3.4, STREET=1 Main St, DNQ=q, SURNAME=Doe, GIVENNAME=John, INITIALS=JD, GENERATION=III, SERIALNUMBER=1234",
    "S=State, DNQUALIFIER=x",
    "OID.1.2.3.4=foo, 2.5.4.3=bar, oid.2.5.4.10=baz",
    "CN=#0403616263",
    "CN=#0402abcd, O=#020105",
    "CN=a_b&c*d@e!",
    "CN=tab\there",
    "CN=quote\\\"in, O=back\\\\slash",
    "CN=\\41\\42C, O=caf\\C3\\A9",
    "CN=\\41 \\42",
    "CN=",
    "CN=a=b",
    "CN=a\\\\+b+OU=c",
    "CN=\"a\\\"b\"",
    "CN=trail\\ ",
    "CN=\\ lead",
    "CN=a\\<b\\>c\\#d\\;e",
    "CN=\"#not hex\"",
    "CN=a+CN=a",
    " CN = padded key , O=x",
    "CN=x;O=y;C=z",
    "CN=\"quoted, with = and + and ; inside\"",
    "",
];

#[test]
fn parse_and_format_match_keytool() {
    run_parallel(ACCEPTED, |dname| {
        let dir = tempfile::tempdir().unwrap();
        let cert = match keytool_cert(dir.path(), dname, &[]) {
            Ok(c) => c,
            // keytool refuses an empty -dname on some versions; we then only check parse.
            Err(e) if dname.is_empty() => {
                return parse(dname).err().map(|_| format!("{dname:?}: {e}"));
            }
            Err(e) => return Some(format!("{dname:?}: keytool refused: {e}")),
        };
        let expected = subject_of(&cert);
        let ours = match parse(dname) {
            Ok(n) => n,
            Err(e) => return Some(format!("{dname:?}: we refused: {e}")),
        };
        let (ours_der, expected_der) = (ours.to_der().unwrap(), expected.to_der().unwrap());
        if ours_der != expected_der {
            return Some(format!(
                "{dname:?}: DER differs\n ours:    {}\n keytool: {}",
                hex(&ours_der),
                hex(&expected_der)
            ));
        }
        let file = dir.path().join("cert.der");
        let (owner, issuer) = keytool_owner_issuer(&file);
        if format(&expected) != owner || owner != issuer {
            return Some(format!(
                "{dname:?}: format\n ours:    {}\n keytool: {owner}",
                format(&expected)
            ));
        }
        None
    });
}

/// `-dname` values keytool refuses, with the JDK's message.
const REFUSED: &[(&str, &str)] = &[
    ("FOO=bar", "Invalid keyword \"FOO\""),
    ("OID.X=bar", "Invalid keyword \"X\""),
    ("CN", "Incorrect AVA format"),
    ("CN=a, ", "Incorrect AVA format"),
    ("CN=a,,O=b", "empty AVA in RDN \"\""),
    ("CN=a+", "empty AVA in RDN \"CN=a+\""),
    ("CN=a<b", "Character '<' in AVA appears without escape"),
    (
        "CN=a\"b,O=c",
        "Character '\"' in AVA appears without escape",
    ),
    ("CN=a\\qb", "Invalid escaped character in AVA: 'q'"),
    ("CN=\"a\\qb\"", "Invalid escaped character in AVA: q"),
    ("CN=\"unterminated", "Quoted string did not end in quote"),
    (
        "CN=\"x\" y",
        "AVA had characters other than whitespace after terminating quote",
    ),
    ("CN=#abc", "AVA parse, odd number of hex digits"),
    ("CN=#zz", "AVA parse, invalid hex digit: z"),
    ("CN=#", "AVA parse, zero hex digits"),
    ("CN=x\\", "Invalid trailing backslash"),
    (
        "CN=\\4",
        "unexpected EOF - escaped hex value must include two valid digits",
    ),
    ("CN=\\4x", "escaped hex value must include two valid digits"),
    (
        "OID.1=x",
        "ObjectIdentifier() -- Must be at least two oid components ",
    ),
    (
        "3.1=x",
        "ObjectIdentifier() -- First oid component is invalid ",
    ),
];

#[test]
fn dname_errors_match_keytool() {
    run_parallel(REFUSED, |(dname, message)| {
        let dir = tempfile::tempdir().unwrap();
        let keytool_says = match keytool_cert(dir.path(), dname, &[]) {
            Ok(_) => return Some(format!("{dname:?}: keytool accepted it")),
            Err(e) => e,
        };
        if !keytool_says.ends_with(&format!("IOException: {message}")) {
            return Some(format!("{dname:?}: keytool said {keytool_says}"));
        }
        match parse(dname) {
            Ok(n) => Some(format!("{dname:?}: we accepted it as {}", format(&n))),
            Err(Error::Syntax {
                option: "dname",
                message: m,
            }) if m == *message => None,
            Err(e) => Some(format!("{dname:?}: we said {e}, keytool {message}")),
        }
    });
}

/// Subjects made by openssl with various string types; `(config string_mask, extra args, -subj)`.
const OPENSSL: &[(&str, &[&str], &str)] = &[
    (
        "utf8only",
        &[],
        "/emailAddress=it@partner.com/CN=MZPXXXX/OU=Programs Partner/O=PartnerName/L=Paris/C=FR",
    ),
    ("utf8only", &[], "/CN=Jürgen Müller/O=Ünïcödé/C=DE"),
    ("default", &[], "/CN=Jürgen Müller/O=Ünïcödé/C=DE"),
    ("pkix", &[], "/CN=Jürgen Müller/O=日本語/C=DE"),
    ("nombstr", &[], "/CN=café/O=plain"),
    ("utf8only", &["-multivalue-rdn"], "/CN=a+OU=b+O=c/L=d"),
    ("utf8only", &[], "/1.2.3.4=foo/CN=x/2.5.4.65=pseudo"),
    (
        "utf8only",
        &[],
        "/CN=  spaces  /O=a,b/OU=x\\/y/L=a=b/ST=<semi;colon>",
    ),
    (
        "utf8only",
        &[],
        "/CN=\"already quoted\"/O=\"half/OU=back\\\\slash",
    ),
    ("utf8only", &[], "/CN=#hash/O=plus+sign/OU=quote\"in"),
    (
        "utf8only",
        &[],
        "/serialNumber=123/title=Mr/street=Main St/DC=example/DC=com/UID=jdoe/SN=Doe/GN=John/initials=J/generationQualifier=III/dnQualifier=q/pseudonym=ps",
    ),
    ("utf8only", &[], "/CN=a  b/O= lead/OU=trail "),
];

#[test]
fn format_matches_keytool_on_openssl_certificates() {
    run_parallel(OPENSSL, |(mask, extra, subj)| {
        let dir = tempfile::tempdir().unwrap();
        let cnf = dir.path().join("req.cnf");
        let pem = dir.path().join("cert.pem");
        std::fs::write(
            &cnf,
            format!("[req]\ndistinguished_name = dn\nstring_mask = {mask}\nutf8 = yes\n[dn]\n"),
        )
        .unwrap();
        let out = Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
            ])
            .args(["-nodes", "-keyout", "/dev/null", "-days", "1", "-utf8"])
            .arg("-config")
            .arg(&cnf)
            .args(*extra)
            .args(["-subj", subj, "-out"])
            .arg(&pem)
            .env("LC_ALL", "C.UTF-8")
            .output()
            .unwrap();
        if !out.status.success() {
            return Some(format!(
                "{subj:?}: openssl: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let pem_text = std::fs::read_to_string(&pem).unwrap();
        let cert =
            <x509_cert::Certificate as der::DecodePem>::from_pem(pem_text.as_bytes()).unwrap();
        let subject = cert.tbs_certificate().subject();
        let (owner, _) = keytool_owner_issuer(&pem);
        (format(subject) != owner).then(|| {
            format!(
                "{subj:?} ({mask}): format\n ours:    {}\n keytool: {owner}",
                format(subject)
            )
        })
    });
}

fn strings(specs: &[&str]) -> Vec<String> {
    specs.iter().map(|s| s.to_string()).collect()
}

fn show(exts: &[Extension]) -> String {
    exts.iter()
        .map(|e| {
            format!(
                "  {}{} {}",
                e.extn_id,
                if e.critical { " critical" } else { "" },
                hex(e.extn_value.as_bytes())
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const EXT_ACCEPTED: &[&[&str]] = &[
    &[
        "SAN=dns:a.example,ip:10.0.0.1",
        "KU=dig,keyE",
        "EKU=serverAuth",
        "bc:c",
    ],
    &["bc"],
    &["bc=5"],
    &["bc=ca:true,pathlen:3"],
    &["bc=ca:false"],
    &["bc=ca:yes,pathlen:0"],
    &["bc:=300"],
    &["bc:nope=3"],
    &["bc=-1"],
    &["BasicConstraints:critical=ca:true,pathlen:0"],
    &["bc=ca:true:"],
    &[
        "KU=digitalSignature,nonRepudiation,keyEncipherment,dataEncipherment,keyAgreement,keyCertSign,cRLSign,encipherOnly,decipherOnly",
    ],
    &["ku:c=kCS,cRL"],
    &["KU=dec"],
    &["KU=contentCommitment"],
    &["keyusage=keyA", "eku:c=sA"],
    &[
        "EKU=anyExtendedKeyUsage,clientAuth,codeSigning,emailProtection,timeStamping,OCSPSigning,1.2.3.4",
    ],
    &[
        "SAN=email:a@b.c,uri:http://example.com/x?y=1,dns:*.example.com,ip:::1,ip:2001:db8::1,oid:1.2.3.4",
    ],
    &["SAN=ip:10.0.0.0/255.0.0.0,ip:2001:db8::/32,ip:::ffff:1.2.3.4,ip:[::2]"],
    &[
        "SAN=uri:http://例え.jp/パス,email:é@x",
        "IAN=uri:ldap://[::1]/cn=x",
    ],
    &["IAN=dns:issuer.example,email:ca@x"],
    &["SIA=caRepository:uri:http://x/repo,timeStamping:uri:http://ts"],
    &["AIA=ocsp:uri:http://ocsp.x,caIssuers:uri:http://x/ca.cer,1.2.3:dns:x.y"],
    &[
        "1.2.3.4=0102ab",
        "1.2.3.5:critical",
        "1.3.6.1.4.1.99999.1=04:02:ab:cd",
    ],
    &["CRLDP=uri:http://crl.example/x.crl,dns:crl.example"],
    &["bc:c", "bc=2"],
    &["KU=dig", "SAN=dns:a", "ku=keyE"],
    &["honored=all", "bc"],
    &["2.5.29.17=3003820161"],
];

#[test]
fn extensions_match_keytool() {
    run_parallel(EXT_ACCEPTED, |specs| {
        let dir = tempfile::tempdir().unwrap();
        let cert = match keytool_cert(dir.path(), "CN=x", specs) {
            Ok(c) => c,
            Err(e) => return Some(format!("{specs:?}: keytool refused: {e}")),
        };
        let cert = x509_cert::Certificate::from_der(&cert).unwrap();
        let tbs = cert.tbs_certificate();
        let spki = tbs.subject_public_key_info().to_der().unwrap();
        let theirs = tbs.extensions().cloned().unwrap_or_default();
        let ours = match parse_all(&strings(specs)).and_then(|r| r.build(&spki, None, None)) {
            Ok(o) => o,
            Err(e) => return Some(format!("{specs:?}: we refused: {e}")),
        };
        (ours != theirs).then(|| {
            format!(
                "{specs:?}\n ours:\n{}\n keytool:\n{}",
                show(&ours),
                show(&theirs)
            )
        })
    });
}

/// Values keytool refuses; `Some(m)`: its error line ends with our first line `m`.
const EXT_REFUSED: &[(&str, Option<&str>)] = &[
    ("S=dns:a", Some("command S is ambiguous:")),
    ("KU=c", Some("command c is ambiguous:")),
    ("ku=", Some("command  is ambiguous:")),
    ("SIA=ca:uri:http://x", Some("command ca is ambiguous:")),
    ("KU=bogus", Some("Unknown keyUsage type: bogus")),
    ("EKU=foo", Some("Unknown extendedkeyUsage type: foo")),
    ("SAN=dns", Some("Illegal item dns in SAN=dns")),
    ("SAN=x:y", Some("Unrecognized GeneralName type: x")),
    (
        "SIA:c=ocsp:uri:http://x",
        Some("This extension cannot be marked as critical. SIA:c=ocsp:uri:http://x"),
    ),
    (
        "SAN=dns:-a",
        Some(
            "DNSName components must begin with a letter, digit, or the first component can have only a wildcard character *",
        ),
    ),
    (
        "IAN=dns:*.a.com",
        Some("DNSName components must begin with a letter or digit"),
    ),
    (
        "SAN=dns:a..b",
        Some("DNSName with empty components are not permitted"),
    ),
    (
        "SAN=dns:a_b",
        Some("DNSName components must consist of letters, digits, and hyphens"),
    ),
    (
        "SAN=uri:noscheme",
        Some("URI name must include scheme:noscheme"),
    ),
    ("SAN=uri:http://a b", Some("invalid URI name:http://a b")),
    (
        "1.2.3=abc",
        Some("Odd number of hex digits found: 1.2.3=abc"),
    ),
    ("BC=ca:true,foo:1", Some("Illegal value: BC=ca:true,foo:1")),
    ("bc=", Some("Illegal value: bc=")),
    ("KU", Some("Illegal value: KU")),
    ("SAN=email:", Some("RFC822Name may not be null or empty")),
    ("SAN=email:a@", Some("RFC822Name may not end with @")),
    ("SAN=ip:1.2.3.4/", Some("Invalid IPAddress: 1.2.3.4/")),
    (
        "SAN=ip:2001:db8::/129",
        Some("IPv6Address prefix length (129) in out of valid range [0,128]"),
    ),
    ("AIA=ocsp:uri", Some("Illegal value: AIA=ocsp:uri")),
    (
        "AIA=bogus:uri:http://x",
        Some("Unknown AccessDescription type: bogus"),
    ),
    ("SAN=oid:1", None),
    ("EKU=,", None),
    ("foo=1", None),
    ("BC=pathlen:x", None),
];

#[test]
fn ext_errors_match_keytool() {
    run_parallel(EXT_REFUSED, |(spec, message)| {
        let dir = tempfile::tempdir().unwrap();
        let keytool_says = match keytool_cert(dir.path(), "CN=x", &[spec]) {
            Ok(_) => return Some(format!("{spec:?}: keytool accepted it")),
            Err(e) => e,
        };
        match (parse_all(&strings(&[spec])), message) {
            (Ok(_), _) => Some(format!("{spec:?}: we accepted it; keytool: {keytool_says}")),
            (
                Err(Error::Syntax {
                    option: "ext",
                    message: m,
                }),
                Some(expected),
            ) => {
                let first = m.lines().next().unwrap_or_default();
                (first != *expected || !keytool_says.ends_with(first))
                    .then(|| format!("{spec:?}: we said {m:?}, keytool {keytool_says:?}"))
            }
            (Err(_), None) => None,
            (Err(e), Some(_)) => Some(format!("{spec:?}: we said {e}")),
        }
    });
}

/// keytool labels its requests "NEW CERTIFICATE REQUEST".
fn read_csr(pem: &str) -> x509_cert::request::CertReq {
    let pem = pem.replace("NEW CERTIFICATE REQUEST", "CERTIFICATE REQUEST");
    x509_cert::request::CertReq::from_pem(pem.as_bytes()).unwrap()
}

/// The extensions of a PKCS#10 request's extensionRequest attribute.
fn requested_extensions(csr_pem: &str) -> Vec<Extension> {
    let req = read_csr(csr_pem);
    let ext_req = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");
    req.info
        .attributes
        .iter()
        .filter(|a| a.oid == ext_req)
        .flat_map(|a| a.values.iter())
        .flat_map(|v| {
            let der = v.to_der().unwrap();
            Vec::<Extension>::from_der(&der).unwrap_or_else(|e| panic!("{e}: {}", hex(&der)))
        })
        .collect()
}

/// `-certreq -ext` and `-gencert -ext honored=...`: the request's
/// extensions, the AuthorityKeyIdentifier, and what is copied.
/// The extensions of `req.pem`, which keytool's `-certreq` makes for the key
/// `leaf` in ks.p12, where keytool also made the CA `ca`.
const REQUESTED: [&str; 4] = [
    "SAN=dns:req.example",
    "KU=dig",
    "bc:c=ca:false",
    "1.2.3.4=05",
];

/// keytool makes ks.p12 with two EC keys, `ca` and `leaf`, and a request for
/// `leaf` in req.pem with [`REQUESTED`]'s extensions.
fn keytool_ca_and_request(env: &crate::util::Env) {
    let store = "-keystore ks.p12 -storetype PKCS12 -storepass changeit";
    for alias in ["ca", "leaf"] {
        env.kt(&format!(
            "-genkeypair -alias {alias} -keyalg EC -dname CN={alias} -ext bc:c {store}"
        ))
        .ok();
    }
    let exts: String = REQUESTED.iter().map(|e| format!(" -ext {e}")).collect();
    env.kt(&format!("-certreq -alias leaf -file req.pem{exts} {store}"))
        .ok();
}

/// The request's public key and extensions.
fn request_key_and_extensions(env: &crate::util::Env) -> (Vec<u8>, Vec<Extension>) {
    let pem = std::fs::read_to_string(env.path("req.pem")).unwrap();
    let spki = read_csr(&pem).info.public_key.to_der().unwrap();
    (spki, requested_extensions(&pem))
}

#[test]
fn certreq_extensions_match_keytool() {
    let env = crate::util::Env::new();
    keytool_ca_and_request(&env);
    let (leaf_spki, requested) = request_key_and_extensions(&env);
    let ours = parse_all(&strings(&REQUESTED))
        .unwrap()
        .build(&leaf_spki, None, None)
        .unwrap();
    assert_eq!(
        ours,
        requested,
        "\n ours:\n{}\n keytool:\n{}",
        show(&ours),
        show(&requested)
    );
}

#[test]
fn gencert_extensions_match_keytool_for_every_honored_form() {
    let env = crate::util::Env::new();
    keytool_ca_and_request(&env);
    let (leaf_spki, requested) = request_key_and_extensions(&env);
    let store = "-keystore ks.p12 -storetype PKCS12 -storepass changeit";
    // The CA certificate's SubjectKeyIdentifier becomes the AuthorityKeyIdentifier.
    env.kt(&format!("-exportcert -rfc -alias ca -file ca.pem {store}"))
        .ok();
    let ca = x509_cert::Certificate::from_pem(env.read("ca.pem")).unwrap();
    let ca_exts = ca
        .tbs_certificate()
        .extensions()
        .cloned()
        .unwrap_or_default();
    let ca_key_id = find_subject_key_id(&ca_exts).unwrap();
    let ca_spki = ca
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .unwrap();
    assert_eq!(ca_key_id, key_identifier(&ca_spki).unwrap().to_vec());

    let cases: &[&[&str]] = &[
        &[],
        &["honored=all"],
        &[
            "honored=all,-bc,ku:c,1.2.3.4:non-critical",
            "EKU=clientAuth",
        ],
        &["Honored=SAN", "san=dns:override.example"],
        &["honored=-2.5.29.14,bc:non"],
    ];
    for specs in cases {
        let exts: String = specs.iter().map(|e| format!(" -ext {e}")).collect();
        env.kt(&format!(
            "-gencert -alias ca -infile req.pem -rfc -outfile out.pem{exts} {store}"
        ))
        .ok();
        let cert = x509_cert::Certificate::from_pem(env.read("out.pem")).unwrap();
        let theirs = cert
            .tbs_certificate()
            .extensions()
            .cloned()
            .unwrap_or_default();
        let ours = parse_all(&strings(specs))
            .unwrap()
            .build(&leaf_spki, Some(&ca_key_id), Some(&requested))
            .unwrap();
        assert_eq!(
            ours,
            theirs,
            "{specs:?}\n ours:\n{}\n keytool:\n{}",
            show(&ours),
            show(&theirs)
        );
    }
}
