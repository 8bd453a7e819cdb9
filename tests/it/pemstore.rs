//! PEM files and folders as keystores (`-storetype PEM`): what OpenSSL
//! prints (with its "Bag Attributes" text) lists, converts to a PKCS12 that
//! keytool 17 reads and uses, and keytool's PKCS12 goes out to a Kubernetes
//! TLS folder (tls.key, tls.crt, ca.crt) that OpenSSL reads and verifies.

use crate::util::Env;

/// A test CA and a server key and certificate it signed, made by OpenSSL at
/// test time (validity from now): ca.key/ca.pem, srv.key/srv.pem.
fn openssl_ca_and_server(env: &Env) {
    env.sh_openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -subj /CN=Test-Root-CA -days 30 -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign")
        .ok();
    env.sh_openssl(
        "req -new -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj /CN=server.example",
    )
    .ok();
    env.sh_openssl("x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -days 20 -out srv.pem")
        .ok();
}

fn text(env: &Env, name: &str) -> String {
    String::from_utf8(env.read(name)).expect("text")
}

#[test]
fn openssl_pem_with_bag_attributes_lists_and_converts_to_a_pkcs12_keytool_uses() {
    let env = Env::new();
    openssl_ca_and_server(&env);
    env.sh_openssl("pkcs12 -export -inkey srv.key -in srv.pem -certfile ca.pem -name server -passout pass:changeit -out o.p12")
        .ok();
    // What `openssl pkcs12 -nodes` prints: Bag Attributes, subject= and issuer= lines around each block.
    env.sh_openssl("pkcs12 -in o.p12 -passin pass:changeit -nodes -out tls.pem")
        .ok();
    let pem = text(&env, "tls.pem");
    assert!(
        pem.contains("Bag Attributes") && pem.contains("subject="),
        "{pem}"
    );

    let r = env.sh("-list -keystore tls.pem").ok();
    assert!(r.stdout.starts_with("Keystore type: PEM\n"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Your keystore contains 1 entry"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("server, "),
        "alias from friendlyName: {}",
        r.stdout
    );
    let r = env.sh("-list -v -keystore tls.pem -storetype PEM").ok();
    assert!(
        r.stdout.contains("Certificate chain length: 2"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stderr.contains("WARNING"),
        "PEM has no integrity to warn about: {}",
        r.stderr
    );

    // One step to PKCS12; keytool 17 lists it and signs a request with the key.
    env.sh("-importkeystore -srckeystore tls.pem -srcstoretype PEM -destkeystore app.p12 -deststorepass changeit")
        .ok();
    let kt = env
        .kt("-list -v -keystore app.p12 -storepass changeit")
        .ok();
    assert!(kt.stdout.contains("Alias name: server"), "{}", kt.stdout);
    assert!(
        kt.stdout.contains("Certificate chain length: 2"),
        "{}",
        kt.stdout
    );
    env.kt("-certreq -alias server -keystore app.p12 -storepass changeit -file srv2.csr")
        .ok();
    env.sh_openssl("req -in srv2.csr -verify -noout").ok();
    // And OpenSSL verifies the converted chain.
    env.sh("-exportcert -rfc -alias server -keystore app.p12 -storepass changeit -file leaf.pem")
        .ok();
    env.sh_openssl("verify -CAfile ca.pem leaf.pem").ok();
}

#[test]
fn blocks_in_any_order_with_text_are_matched_by_public_key() {
    let env = Env::new();
    openssl_ca_and_server(&env);
    // CA first, then chatter, then the key, then the leaf: chains come out leaf first.
    let mixed = format!(
        "some notes\n{}\nsubject=whatever\n{}\ntrailing text\n{}",
        text(&env, "ca.pem"),
        text(&env, "srv.key"),
        text(&env, "srv.pem")
    );
    std::fs::write(env.path("mixed.pem"), mixed).unwrap();
    let r = env.sh("-list -v -keystore mixed.pem").ok();
    assert!(
        r.stdout.contains("Alias name: server.example"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Entry type: PrivateKeyEntry"),
        "{}",
        r.stdout
    );
    let first = r.stdout.find("Certificate[1]:").unwrap();
    assert!(
        r.stdout[first..].starts_with("Certificate[1]:\nOwner: CN=server.example"),
        "{}",
        r.stdout
    );
    env.sh("-verify -keystore mixed.pem").ok();
    env.sh("-exportcert -alias server.example -keystore mixed.pem -file leaf.der")
        .ok();
    env.sh_openssl("x509 -inform DER -in leaf.der -noout -subject")
        .ok();
}

#[test]
fn keytool_pkcs12_goes_out_to_a_kubernetes_tls_folder_openssl_verifies() {
    let env = Env::new();
    openssl_ca_and_server(&env);
    env.sh_openssl("pkcs12 -export -inkey srv.key -in srv.pem -certfile ca.pem -name server -passout pass:changeit -out o.p12")
        .ok();
    // A PKCS12 written by keytool 17.
    env.kt("-importkeystore -srckeystore o.p12 -srcstorepass changeit -destkeystore kt.p12 -deststorepass changeit -noprompt")
        .ok();
    env.sh("-importkeystore -srckeystore kt.p12 -srcstorepass changeit -destkeystore secret/ -deststoretype PEM -deststorepass changeit")
        .ok();
    let mut names: Vec<String> = std::fs::read_dir(env.path("secret"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["ca.crt", "tls.crt", "tls.key"]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.path("secret/tls.key"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "tls.key must be private");
    assert!(text(&env, "secret/tls.key").starts_with("-----BEGIN PRIVATE KEY-----"));

    env.sh_openssl("x509 -in secret/tls.crt -noout -subject")
        .ok();
    env.sh_openssl("pkey -in secret/tls.key -noout").ok();
    env.sh_openssl("verify -CAfile secret/ca.crt secret/tls.crt")
        .ok();
    // The key is the certificate's.
    let a = env
        .sh_openssl("pkey -in secret/tls.key -pubout")
        .ok()
        .stdout;
    let b = env
        .sh_openssl("x509 -in secret/tls.crt -noout -pubkey")
        .ok()
        .stdout;
    assert_eq!(a, b);

    // The folder reads back as a keystore; a second write into it is refused.
    let r = env.sh("-list -v -keystore secret").ok();
    assert!(
        r.stdout.contains("Certificate chain length: 2"),
        "{}",
        r.stdout
    );
    let before = env.read("secret/tls.key");
    env.sh("-importkeystore -srckeystore kt.p12 -srcstorepass changeit -destkeystore secret -deststoretype PEM -deststorepass changeit")
        .fails_with("secret/tls.key exists; rkeytool does not overwrite a Kubernetes TLS folder");
    assert_eq!(env.read("secret/tls.key"), before);
}

#[test]
fn a_pem_file_written_keeps_aliases_and_its_encrypted_key_asks_for_its_password() {
    let env = Env::new();
    env.sh("-genkeypair -alias web -keyalg EC -dname CN=web -keystore a.p12 -storepass changeit")
        .ok();
    env.sh("-importkeystore -srckeystore a.p12 -srcstorepass changeit -destkeystore out.pem -deststoretype PEM -deststorepass pempass1")
        .ok();
    let pem = text(&env, "out.pem");
    assert!(
        pem.contains("friendlyName: web") && pem.contains("BEGIN ENCRYPTED PRIVATE KEY"),
        "{pem}"
    );
    // OpenSSL opens the key with the destination password.
    env.sh_openssl("pkey -in out.pem -passin pass:pempass1 -noout")
        .ok();
    let r = env.sh("-list -keystore out.pem").ok();
    assert!(r.stdout.contains("web, "), "{}", r.stdout);
    // Back to PKCS12: the key password is asked for as keytool asks it.
    let r = env
        .rk_stdin(
            &shell(
                "-importkeystore -srckeystore out.pem -destkeystore b.p12 -deststorepass changeit",
            ),
            "pempass1\n",
        )
        .ok();
    assert!(
        r.stderr.contains("Enter key password for <web>"),
        "{}",
        r.stderr
    );
    env.sh("-importkeystore -srckeystore out.pem -destkeystore c.p12 -deststorepass changeit -srckeypass wrongpass")
        .fails_with("Cannot recover key for alias <web>: wrong key password");
    env.kt("-list -keystore b.p12 -storepass changeit").ok();
}

fn shell(line: &str) -> Vec<&str> {
    line.split(' ').collect()
}

#[test]
fn what_pem_cannot_hold_is_refused_in_one_line_and_pem_is_never_rewritten() {
    let env = Env::new();
    env.sh("-genseckey -alias aes -keyalg AES -keysize 128 -keystore s.p12 -storepass changeit")
        .ok();
    env.sh("-importkeystore -srckeystore s.p12 -srcstorepass changeit -destkeystore s.pem -deststoretype PEM -deststorepass changeit")
        .fails_with("rkeytool error: Problem importing entry for alias aes: java.security.KeyStoreException: Cannot store non-PrivateKeys; nothing was written\nhint: a PEM keystore cannot hold secret keys: import into PKCS12 instead");
    assert!(!env.path("s.pem").exists());

    openssl_ca_and_server(&env);
    let before = env.read("srv.pem");
    env.sh("-delete -alias server.example -keystore srv.pem -storepass changeit")
        .fails_with("rkeytool does not change PEM keystores; nothing was written");
    assert_eq!(env.read("srv.pem"), before);
    // Refused before any password is asked.
    let r = env
        .sh("-changealias -alias server.example -destalias x -keystore srv.pem")
        .fails_with("rkeytool does not change PEM keystores; nothing was written");
    assert!(
        !r.stderr.contains("Enter keystore password"),
        "{}",
        r.stderr
    );
    assert_eq!(env.read("srv.pem"), before);

    // A key alone (no certificate) is no keystore: named as what it is.
    std::fs::write(env.path("nokey.pem"), text(&env, "srv.key")).unwrap();
    env.sh("-list -keystore nokey.pem")
        .fails_with("nokey.pem is a private key file, not a keystore");
}
