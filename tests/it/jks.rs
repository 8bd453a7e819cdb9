//! keytool reading JKS files the library writes (moved from src/jks/mod.rs):
//! keys protected with their own non-ASCII key password, a key kept as read
//! from keytool's file, a trusted certificate, an alias outside the BMP.
//! Every keytool of the matrix lists them and decrypts every key.

use crate::util::{Env, Jdk, keytool_of};
use rkeytool::jks::{decode, encode};
use rkeytool::{Certificate, Entry, KeyStore, Password, PrivateKeyEntry, StoreType, StoredEntry};
use zeroize::Zeroizing;

fn fixture_jks(name: &str) -> Vec<u8> {
    std::fs::read(crate::util::fixture(&format!("jks/{name}"))).expect("fixture")
}

/// A private key entry with a key and self-signed certificate made by
/// openssl, protected with `key_pw` when written.
fn openssl_key_entry(env: &Env, alias: &str, newkey: &[&str], key_pw: &Password) -> StoredEntry {
    let (k, c) = (format!("{alias}.key.pem"), format!("{alias}.crt.pem"));
    let (kd, cd) = (format!("{alias}.key.der"), format!("{alias}.crt.der"));
    let mut args = vec!["req", "-x509", "-newkey"];
    args.extend_from_slice(newkey);
    args.extend_from_slice(&[
        "-nodes", "-subj", "/CN=t", "-days", "1", "-keyout", &k, "-out", &c,
    ]);
    env.openssl(&args).ok();
    env.openssl(&[
        "pkcs8", "-topk8", "-nocrypt", "-in", &k, "-outform", "DER", "-out", &kd,
    ])
    .ok();
    env.openssl(&["x509", "-in", &c, "-outform", "DER", "-out", &cd])
        .ok();
    let cert = Certificate::from_der(&env.read(&cd)).expect("certificate");
    let mut entry = PrivateKeyEntry::new(Zeroizing::new(env.read(&kd)), vec![cert]);
    entry.password = Some(key_pw.clone());
    StoredEntry {
        alias: alias.into(),
        created_millis: rkeytool::keystore::now_millis(),
        entry: Entry::PrivateKey(entry),
    }
}

#[test]
fn keytool_of_every_jdk_reads_and_decrypts_what_we_write() {
    let env = Env::new();
    let (store_pw, key_pw) = (Password::new("störepass€"), Password::new("kéy-pass€"));
    let mut ks = KeyStore::new(StoreType::Jks);
    ks.insert(openssl_key_entry(&env, "RSA-Plain", &["rsa:2048"], &key_pw))
        .unwrap();
    ks.insert(openssl_key_entry(
        &env,
        "ec-plain",
        &["ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
        &key_pw,
    ))
    .unwrap();
    // A key kept protected from keytool's own file (key password "otherpass"),
    // a trusted certificate, and an alias outside the BMP.
    let fixture_ks = decode(
        &fixture_jks("jdk17-mixed.jks"),
        Some(&Password::new("changeit")),
    )
    .unwrap();
    let mut kept = fixture_ks.get("ec-chain").unwrap().clone();
    kept.alias = "kept-😀".into();
    ks.insert(kept).unwrap();
    ks.insert(fixture_ks.get("ca").unwrap().clone()).unwrap();

    let bytes = encode(&ks, &store_pw).unwrap();
    std::fs::write(env.path("ours.jks"), &bytes).unwrap();

    // We read our own output back, keys included.
    let back = decode(&bytes, Some(&store_pw)).unwrap();
    for alias in ["rsa-plain", "ec-plain"] {
        let (original, _) = ks.private_key(alias, None, Some(&key_pw)).unwrap();
        let (again, _) = back.private_key(alias, None, Some(&key_pw)).unwrap();
        assert_eq!(again, original);
    }

    let store = format!("-keystore ours.jks -storepass {}", store_pw.expose());
    for jdk in Jdk::ALL {
        let keytool = keytool_of(jdk);
        let list = env
            .sh_keytool(&keytool, &format!("-list -v {store}"))
            .ok()
            .stdout;
        assert!(list.contains("Keystore type: JKS"), "{jdk:?}: {list}");
        assert!(
            list.contains("Your keystore contains 4 entries"),
            "{jdk:?}: {list}"
        );
        for alias in ["rsa-plain", "ec-plain", "kept-😀", "ca"] {
            let line = format!("Alias name: {alias}\n");
            assert!(list.contains(&line), "{jdk:?}: {alias} missing:\n{list}");
        }
        // -certreq has to decrypt the key: proof that keytool reads our key protection.
        for (alias, keypass) in [
            ("rsa-plain", key_pw.expose()),
            ("ec-plain", key_pw.expose()),
            ("kept-😀", "otherpass"),
        ] {
            let line = format!("-certreq -alias {alias} {store} -keypass {keypass}");
            let csr = env.sh_keytool(&keytool, &line).ok().stdout;
            assert!(
                csr.contains("-----BEGIN NEW CERTIFICATE REQUEST-----"),
                "{jdk:?} {alias}: {csr}"
            );
        }
    }
}

#[test]
fn keytool_refuses_our_file_with_a_wrong_store_password() {
    let env = Env::new();
    let ks = decode(&fixture_jks("jdk25.jks"), None).unwrap();
    std::fs::write(
        env.path("x.jks"),
        encode(&ks, &Password::new("rightpass")).unwrap(),
    )
    .unwrap();
    for jdk in [Jdk::V17, Jdk::V25] {
        let keytool = keytool_of(jdk);
        let out = env.keytool_with(
            &keytool,
            &["-list", "-keystore", "x.jks", "-storepass", "wrongpass"],
        );
        assert_ne!(out.status, 0);
        assert!(
            out.stdout
                .contains("Keystore was tampered with, or password was incorrect"),
            "{jdk:?}: {}",
            out.stdout
        );
        env.keytool_with(
            &keytool,
            &["-list", "-keystore", "x.jks", "-storepass", "rightpass"],
        )
        .ok();
    }
}
