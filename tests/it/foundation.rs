//! Issue 2: -genkeypair, -certreq and -list, checked against keytool and OpenSSL.

use crate::util::*;

fn guide_genkey(env: &Env, store: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "-genkey",
        "-alias",
        "KeyName",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        GUIDE_DNAME,
        "-keystore",
        store,
        "-storepass",
        PW,
    ];
    args.extend_from_slice(extra);
    env.rk(&args)
}

fn owner_line(list_v: &str) -> String {
    list_v
        .lines()
        .find(|l| l.starts_with("Owner: "))
        .unwrap_or("")
        .to_string()
}

#[test]
fn guide_genkey_makes_a_private_pkcs12_whatever_its_name() {
    let env = Env::new();
    let run = guide_genkey(&env, "KeyStoreName.jks", &[]).ok();
    assert!(run.stderr.contains(
        "Generating 2,048 bit RSA key pair and self-signed certificate (SHA256withRSA) with a validity of 90 days"
    ), "{}", run.stderr);
    // A new keystore is PKCS12 whatever its name, and private to its owner.
    assert_eq!(
        env.read("KeyStoreName.jks")[0],
        0x30,
        "PKCS12 (DER), not JKS"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.path("KeyStoreName.jks"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // OpenSSL opens it and finds JDK 17's algorithms.
    let info = env
        .sh_openssl(&format!(
            "pkcs12 -info -in KeyStoreName.jks -passin pass:{PW} -noout"
        ))
        .ok();
    for algorithms in [
        "MAC: sha256, Iteration 10000",
        "PBES2, PBKDF2, AES-256-CBC, Iteration 10000, PRF hmacWithSHA256",
    ] {
        assert!(info.stderr.contains(algorithms), "{}", info.stderr);
    }
}

#[test]
fn guide_genkey_makes_what_keytool_lists_and_signs_with() {
    let env = Env::new();
    guide_genkey(&env, "KeyStoreName.jks", &[]).ok();
    let list = env
        .kt(&format!(
            "-list -v -keystore KeyStoreName.jks -storepass {PW}"
        ))
        .ok();
    for line in [
        "Keystore type: PKCS12",
        "Alias name: keyname",
        "Entry type: PrivateKeyEntry",
        "Signature algorithm name: SHA256withRSA",
        "Subject Public Key Algorithm: 2048-bit RSA key",
        "SubjectKeyIdentifier",
    ] {
        assert!(list.stdout.contains(line), "{line}: {}", list.stdout);
    }
    // keytool's own certificate for the same -dname has the same Owner line.
    env.kt(&format!("-genkeypair -alias k -keyalg RSA -dname '{GUIDE_DNAME}' -keystore theirs.p12 -storepass {PW}"))
        .ok();
    let theirs = env
        .kt(&format!("-list -v -keystore theirs.p12 -storepass {PW}"))
        .ok();
    assert_eq!(owner_line(&list.stdout), owner_line(&theirs.stdout));
    // keytool 17 and 25 sign a request with our private key; OpenSSL verifies it.
    env.kt(&format!(
        "-certreq -alias KeyName -keystore KeyStoreName.jks -storepass {PW} -file kt.csr"
    ))
    .ok();
    env.sh_openssl("req -in kt.csr -verify -noout").ok();
    let l = env
        .sh_keytool(
            &keytool25(),
            &format!("-list -v -keystore KeyStoreName.jks -storepass {PW}"),
        )
        .ok();
    assert!(l.stdout.contains("Alias name: keyname"), "{}", l.stdout);
    env.sh_keytool(
        &keytool25(),
        &format!(
            "-certreq -alias keyname -keystore KeyStoreName.jks -storepass {PW} -file kt25.csr"
        ),
    )
    .ok();
    env.sh_openssl("req -in kt25.csr -verify -noout").ok();
}

#[test]
fn guide_certreq_verifies_and_matches_keytools_subject() {
    let env = Env::new();
    guide_genkey(&env, "KeyStoreName.jks", &[]).ok();
    // The guide's -certreq line spells the alias "Keyname": aliases are case-insensitive.
    env.sh(&format!(
        "-certreq -alias Keyname -keystore KeyStoreName.jks -file CSRName.csr -storepass {PW}"
    ))
    .ok();
    let pem = String::from_utf8(env.read("CSRName.csr")).unwrap();
    assert!(pem.starts_with("-----BEGIN NEW CERTIFICATE REQUEST-----\n"));
    assert!(pem.lines().all(|l| l.len() <= 64));
    env.sh_openssl("req -in CSRName.csr -verify -noout").ok();
    let ours = env
        .sh_openssl("req -in CSRName.csr -noout -subject -pubkey -text")
        .ok();
    env.kt(&format!(
        "-certreq -alias keyname -keystore KeyStoreName.jks -storepass {PW} -file kt.csr"
    ))
    .ok();
    let theirs = env
        .sh_openssl("req -in kt.csr -noout -subject -pubkey -text")
        .ok();
    // Same subject encoding, same key, same requested extensions as keytool's request.
    let strip_sig = |s: &str| {
        s.split("Signature Algorithm")
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(strip_sig(&ours.stdout), strip_sig(&theirs.stdout));
    // Without -file, the request goes to stdout.
    let out = env
        .sh(&format!(
            "-certreq -alias keyname -keystore KeyStoreName.jks -storepass {PW}"
        ))
        .ok();
    assert!(
        out.stdout
            .starts_with("-----BEGIN NEW CERTIFICATE REQUEST-----")
    );
}

#[test]
fn certreq_on_keytools_own_pkcs12() {
    let env = Env::new();
    env.copy_fixture("keytool17.p12");
    env.sh(&format!(
        "-certreq -alias server -keystore keytool17.p12 -storepass {PW} -file r.csr"
    ))
    .ok();
    let t = env.sh_openssl("req -in r.csr -verify -noout -subject").ok();
    assert!(t.stdout.contains("CN = server.example.com"), "{}", t.stdout);
}

#[test]
fn certreq_on_openssl_pkcs12_both_modern_and_legacy() {
    let env = Env::new();
    for f in ["openssl.p12", "openssl-legacy.p12"] {
        env.copy_fixture(f);
        let alias = if f == "openssl.p12" {
            "OpenSSL Key"
        } else {
            "openssl legacy"
        };
        env.sh(&format!(
            "-certreq -alias '{alias}' -keystore {f} -storepass {PW} -file r.csr"
        ))
        .ok();
        env.sh_openssl("req -in r.csr -verify -noout").ok();
    }
}

#[test]
fn genkeypair_options_reach_the_certificate() {
    let env = Env::new();
    env.sh(&format!("-genkeypair -keyalg rsa -keysize 3072 -sigalg SHA512withRSA -validity 10 -startdate '2030/01/02 03:04:05' -dname CN=opts -keystore o.p12 -storepass {PW}"))
    .ok();
    let l = env
        .kt(&format!(
            "-list -v -keystore o.p12 -storepass {PW} -alias mykey"
        ))
        .ok();
    assert!(
        l.stdout.contains("Signature algorithm name: SHA512withRSA"),
        "{}",
        l.stdout
    );
    assert!(l.stdout.contains("3072-bit RSA key"));
    assert!(
        l.stdout.contains(
            "Valid from: Wed Jan 02 03:04:05 UTC 2030 until: Sat Jan 12 03:04:05 UTC 2030"
        ),
        "{}",
        l.stdout
    );
    // keytool's defaults: 4096-bit keys get SHA384withRSA.
    let r = env.sh(&format!("-genkeypair -keyalg RSA -keysize 4096 -alias big -dname CN=big -keystore o.p12 -storepass {PW}"))
        .ok();
    assert!(
        r.stderr.contains(
            "Generating 4,096 bit RSA key pair and self-signed certificate (SHA384withRSA)"
        ),
        "{}",
        r.stderr
    );
    let x = env
        .kt(&format!(
            "-exportcert -rfc -alias big -keystore o.p12 -storepass {PW} -file big.pem"
        ))
        .ok();
    let _ = x;
    let text = env.sh_openssl("x509 -in big.pem -noout -text -serial").ok();
    assert!(text.stdout.contains("Version: 3 (0x2)"));
    let serial = text
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("serial="))
        .unwrap()
        .to_string();
    assert!(
        serial.len() <= 16 && !serial.is_empty(),
        "64-bit positive serial, got {serial}"
    );
}

#[test]
fn password_from_env_file_and_stdin() {
    let env = Env::new();
    env.rk_env(
        &[
            "-genkeypair",
            "-keyalg",
            "RSA",
            "-dname",
            "CN=e",
            "-keystore",
            "e.p12",
            "-storepass:env",
            "KS_PASS",
        ],
        &[("KS_PASS", "from-env-pass")],
    )
    .ok();
    env.kt("-list -keystore e.p12 -storepass from-env-pass")
        .ok();
    std::fs::write(env.path("pw.txt"), "from-file-pass\nignored second line\n").unwrap();
    env.sh("-genkeypair -keyalg RSA -dname CN=f -keystore f.p12 -storepass:file pw.txt")
        .ok();
    env.kt("-list -keystore f.p12 -storepass from-file-pass")
        .ok();
    env.rk_stdin(
        &[
            "-genkeypair",
            "-keyalg",
            "RSA",
            "-dname",
            "CN=s",
            "-keystore",
            "s.p12",
        ],
        "from-stdin-pass\n",
    )
    .ok();
    env.kt("-list -keystore s.p12 -storepass from-stdin-pass")
        .ok();
    // Non-ASCII passwords work (UTF-8 for PBES2 and the MAC, as OpenSSL 3 and JDK 25 do).
    env.sh("-genkeypair -keyalg RSA -dname CN=u -keystore u.p12 -storepass 'pässwörd€'")
        .ok();
    env.sh_openssl("pkcs12 -in u.p12 -passin 'pass:pässwörd€' -noout")
        .ok();
}

#[test]
fn refusals_leave_no_file_or_the_same_bytes() {
    let env = Env::new();
    // Empty stdin and no password: an error, not keytool's silent exit 0, and no file.
    env.sh("-genkeypair -keyalg RSA -dname CN=x -keystore n.p12")
        .fails_with("no keystore password given");
    assert!(!env.path("n.p12").exists());
    env.sh("-genkeypair -keyalg RSA -dname CN=x -keystore n.p12 -storepass abc")
        .fails_with("Keystore password must be at least 6 characters");
    assert!(!env.path("n.p12").exists());
    env.sh(&format!(
        "-genkeypair -dname CN=x -keystore n.p12 -storepass {PW}"
    ))
    .fails_with("The -keyalg option must be specified.");
    env.sh(&format!(
        "-genkeypair -keyalg DSA2 -dname CN=x -keystore n.p12 -storepass {PW}"
    ))
    .fails_with("key algorithm DSA2");
    env.sh(&format!(
        "-genkeypair -keyalg RSA -sigalg MD2withRSA -dname CN=x -keystore n.p12 -storepass {PW}"
    ))
    .fails_with("rkeytool error: unsupported: signature algorithm MD2withRSA");
    env.sh(&format!(
        "-genkeypair -keyalg RSA -dname CN=x -keystore n.p12 -storepass {PW} -bogus"
    ))
    .fails_with("Illegal option:  -bogus");
    assert!(!env.path("n.p12").exists());

    guide_genkey(&env, "ks.p12", &[]).ok();
    let before = env.read("ks.p12");
    guide_genkey(&env, "ks.p12", &[]).fails_with("alias <KeyName> already exists");
    env.sh(
        "-genkeypair -keyalg RSA -alias other -dname CN=x -keystore ks.p12 -storepass wrongpass",
    )
    .fails_with("keystore password was incorrect");
    env.sh(&format!(
        "-certreq -alias nosuch -keystore ks.p12 -storepass {PW}"
    ))
    .fails_with("Alias <nosuch> does not exist");
    assert_eq!(
        env.read("ks.p12"),
        before,
        "refused commands must not touch the keystore"
    );

    // Damaged and foreign files.
    std::fs::write(env.path("junk"), b"this is not a keystore").unwrap();
    env.sh(&format!("-certreq -keystore junk -storepass {PW}"))
        .fails_with("not a keystore");
    std::fs::write(env.path("trunc.p12"), &before[..before.len() / 2]).unwrap();
    env.sh(&format!(
        "-genkeypair -keyalg RSA -dname CN=x -keystore trunc.p12 -storepass {PW}"
    ))
    .fails_with("rkeytool error: trunc.p12: damaged or truncated PKCS#12 data: ");
    assert_eq!(env.read("trunc.p12"), &before[..before.len() / 2]);
    env.sh(&format!("-certreq -keystore missing.p12 -storepass {PW}"))
        .fails_with("Keystore file does not exist: missing.p12");
    // No temporary files left behind by any of it.
    let stray: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(stray.is_empty());
}

#[test]
fn pkcs12_ignores_a_different_keypass_with_keytools_warning() {
    let env = Env::new();
    let r = env
        .sh(&format!(
            "-genkeypair -keyalg RSA -dname CN=k -keystore k.p12 -storepass {PW} -keypass another1"
        ))
        .ok();
    assert!(r.stderr.contains("Warning:  Different store and key passwords not supported for PKCS12 KeyStores. Ignoring user-specified -keypass value."));
    env.kt(&format!(
        "-certreq -keystore k.p12 -storepass {PW} -alias mykey -file x.csr"
    ))
    .ok();
}

#[test]
fn help_comes_from_the_option_table() {
    let env = Env::new();
    let h = env.sh("-help").ok();
    assert!(
        h.stdout.contains("-genkeypair")
            && h.stdout.contains("-certreq")
            && h.stdout.contains("-list")
    );
    let g = env.sh("-genkeypair -help").ok();
    assert!(g.stdout.contains("-keyalg <alg>") && g.stdout.contains("key algorithm name"));
    env.sh("-LIST -HELP").ok();
}

#[test]
fn guide_flow_with_storetype_jks() {
    let env = Env::new();
    let r = guide_genkey(&env, "KeyStoreName.jks", &["-storetype", "JKS"]).ok();
    assert!(
        r.stderr
            .contains("The JKS keystore uses a proprietary format."),
        "{}",
        r.stderr
    );
    assert_eq!(
        &env.read("KeyStoreName.jks")[..4],
        &[0xFE, 0xED, 0xFE, 0xED]
    );
    let l = env
        .kt(&format!(
            "-list -v -keystore KeyStoreName.jks -storepass {PW}"
        ))
        .ok();
    assert!(l.stdout.contains("Keystore type: JKS") && l.stdout.contains("Alias name: keyname"));
    // keytool decrypts our key protection and signs with the key.
    env.kt(&format!(
        "-certreq -alias keyname -keystore KeyStoreName.jks -storepass {PW} -file kt.csr"
    ))
    .ok();
    env.sh_openssl("req -in kt.csr -verify -noout").ok();
    env.sh(&format!(
        "-certreq -alias Keyname -keystore KeyStoreName.jks -file CSRName.csr -storepass {PW}"
    ))
    .ok();
    env.sh_openssl("req -in CSRName.csr -verify -noout").ok();
    {
        let kt25 = keytool25();
        env.keytool_with(
            &kt25,
            &[
                "-certreq",
                "-alias",
                "keyname",
                "-keystore",
                "KeyStoreName.jks",
                "-storepass",
                PW,
                "-file",
                "kt25.csr",
            ],
        )
        .ok();
    }
    // A second key with its own key password; -certreq needs it.
    env.sh(&format!("-genkeypair -keyalg RSA -alias second -dname CN=second -keystore KeyStoreName.jks -storepass {PW} -keypass otherpass"))
    .ok();
    env.kt(&format!(
        "-certreq -alias second -keystore KeyStoreName.jks -storepass {PW} -keypass otherpass"
    ))
    .ok();
    let before = env.read("KeyStoreName.jks");
    env.sh(&format!(
        "-certreq -alias second -keystore KeyStoreName.jks -storepass {PW}"
    ))
    .fails_with("Cannot recover key");
    env.sh(&format!(
        "-certreq -alias second -keystore KeyStoreName.jks -storepass {PW} -keypass otherpass"
    ))
    .ok();
    assert_eq!(env.read("KeyStoreName.jks"), before);
}

#[test]
fn certreq_on_keytool_jks_from_jdk17_and_jdk25() {
    let env = Env::new();
    for f in ["keytool17.jks", "keytool25.jks"] {
        env.copy_fixture(f);
        env.sh(&format!(
            "-certreq -alias server -keystore {f} -storepass {PW} -file r.csr"
        ))
        .ok();
        env.sh_openssl("req -in r.csr -verify -noout").ok();
    }
}

/// `-list`, `-list -v`, `-list -rfc` and `-alias` print exactly what keytool prints,
/// for keystores made by keytool 17, keytool 25 and OpenSSL (modern and legacy).
#[test]
fn list_output_is_keytools_line_for_line() {
    let env = Env::new();
    for f in [
        "keytool17.p12",
        "keytool17.jks",
        "keytool25.p12",
        "keytool25.jks",
        "openssl.p12",
        "openssl-legacy.p12",
    ] {
        env.copy_fixture(f);
        for extra in [
            &[][..],
            &["-v"],
            &["-rfc"],
            &["-alias", "server"],
            &["-alias", "server", "-v"],
        ] {
            if extra.contains(&"server") && f.starts_with("openssl") {
                continue;
            }
            let mut args = vec!["-list", "-keystore", f, "-storepass", PW];
            args.extend_from_slice(extra);
            let theirs = env.keytool(&args).ok();
            let ours = env.rk(&args).ok();
            assert_same_text(&ours.stdout, &theirs.stdout, &format!("{f} {extra:?}"));
        }
    }
}

#[test]
fn list_of_our_own_stores_matches_keytool() {
    let env = Env::new();
    guide_genkey(
        &env,
        "ks.p12",
        &[
            "-ext",
            "SAN=dns:api.example.com,ip:10.0.0.1",
            "-ext",
            "EKU=clientAuth",
        ],
    )
    .ok();
    guide_genkey(&env, "ks.jks", &["-storetype", "JKS"]).ok();
    for f in ["ks.p12", "ks.jks"] {
        for v in [&[][..], &["-v"], &["-rfc"]] {
            let mut args = vec!["-list", "-keystore", f, "-storepass", PW];
            args.extend_from_slice(v);
            assert_same_text(
                &env.rk(&args).ok().stdout,
                &env.keytool(&args).ok().stdout,
                &format!("{f} {v:?}"),
            );
        }
    }
}

#[test]
fn list_reads_the_jdk_cacerts() {
    let cacerts = std::path::Path::new("/etc/ssl/certs/java/cacerts");
    assert!(
        cacerts.exists(),
        "no /etc/ssl/certs/java/cacerts: install ca-certificates-java (scripts/test.sh does)"
    );
    let env = Env::new();
    std::fs::copy(cacerts, env.path("cacerts")).unwrap();
    let args = ["-list", "-keystore", "cacerts", "-storepass", "changeit"];
    let ours = env.rk(&args).ok();
    let theirs = env.keytool(&args).ok();
    assert_same_text(&ours.stdout, &theirs.stdout, "cacerts -list");
    assert_eq!(
        ours.stderr, theirs.stderr,
        "a truststore gets no JKS warning"
    );
    assert!(
        ours.stdout
            .lines()
            .filter(|l| l.contains("trustedCertEntry"))
            .count()
            > 100
    );
    let v = [
        "-list",
        "-v",
        "-keystore",
        "cacerts",
        "-storepass",
        "changeit",
    ];
    assert_same_text(
        &env.rk(&v).ok().stdout,
        &env.keytool(&v).ok().stdout,
        "cacerts -list -v",
    );
}

#[test]
fn list_without_a_password_warns_and_lists_jks() {
    let env = Env::new();
    env.copy_fixture("keytool17.jks");
    let args = ["-list", "-keystore", "keytool17.jks"];
    let ours = env.rk(&args).ok();
    let theirs = env.keytool(&args).ok();
    assert_same_text(
        &ours.stdout,
        &theirs.stdout.replace("Enter keystore password:  ", ""),
        "no password",
    );
    assert!(
        ours.stderr
            .contains("The integrity of the information stored in your keystore")
    );
    env.sh("-list -keystore keytool17.jks -storepass wrongpw")
        .fails_with("Keystore was tampered with, or password was incorrect");
}

#[test]
fn weak_choices_get_keytools_closing_warnings() {
    let env = Env::new();
    let ours = env.sh(&format!("-genkeypair -keyalg RSA -keysize 1024 -sigalg SHA1withRSA -alias weak -dname CN=w -keystore w.p12 -storepass {PW}"))
        .ok();
    let theirs = env.kt(&format!("-genkeypair -keyalg RSA -keysize 1024 -sigalg SHA1withRSA -alias weak -dname CN=w -keystore k.p12 -storepass {PW}"))
        .ok();
    assert_same_text(&ours.stderr, &theirs.stderr, "genkeypair warnings");
    let ours = env
        .sh(&format!("-list -v -keystore w.p12 -storepass {PW}"))
        .ok();
    let theirs = env
        .kt(&format!("-list -v -keystore w.p12 -storepass {PW}"))
        .ok();
    assert_same_text(&ours.stdout, &theirs.stdout, "list -v of a weak key");
    assert_same_text(&ours.stderr, &theirs.stderr, "list warnings");
}

/// keytool drops the certificate's SubjectAltName from -certreq; we carry it
/// over unless -ext gives another, and -ext SAN replaces it.
#[test]
fn certreq_carries_the_subject_alt_name() {
    let env = Env::new();
    guide_genkey(
        &env,
        "san.p12",
        &["-ext", "SAN=dns:api.example.com,ip:10.0.0.1"],
    )
    .ok();
    env.sh(&format!(
        "-certreq -alias keyname -keystore san.p12 -storepass {PW} -file ours.csr"
    ))
    .ok();
    let t = env.sh_openssl("req -in ours.csr -noout -text -verify").ok();
    assert!(
        t.stdout
            .contains("DNS:api.example.com, IP Address:10.0.0.1"),
        "{}",
        t.stdout
    );
    env.kt(&format!(
        "-certreq -alias keyname -keystore san.p12 -storepass {PW} -file kt.csr"
    ))
    .ok();
    let k = env.sh_openssl("req -in kt.csr -noout -text").ok();
    assert!(!k.stdout.contains("api.example.com"), "keytool drops it");
    env.sh(&format!("-certreq -alias keyname -keystore san.p12 -storepass {PW} -file other.csr -ext SAN=dns:other.example.com"))
    .ok();
    let o = env.sh_openssl("req -in other.csr -noout -text").ok();
    assert!(
        o.stdout.contains("DNS:other.example.com") && !o.stdout.contains("api.example.com"),
        "{}",
        o.stdout
    );
}
