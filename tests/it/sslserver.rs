//! `-printcert -sslserver`: the chain of a local `openssl s_server` (on
//! 127.0.0.1, an ephemeral port), printed as keytool prints it.

use crate::util::Env;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// An `openssl s_server` on 127.0.0.1 with an ephemeral port; stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    /// Serves `cert` (with `chain` sent after it) and `key`, files in `env`'s folder.
    pub fn start(env: &Env, cert: &str, key: &str, chain: Option<&str>) -> Server {
        let mut c = Command::new("openssl");
        c.current_dir(env.dir.path()).args([
            "s_server",
            "-accept",
            "127.0.0.1:0",
            "-cert",
            cert,
            "-key",
            key,
        ]);
        if let Some(ch) = chain {
            c.args(["-cert_chain", ch]);
        }
        // s_server stops when its standard input closes: keep the pipe open.
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl s_server starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("s_server printed its ACCEPT line")
                .expect("read s_server output");
            if let Some(p) = line.strip_prefix("ACCEPT 127.0.0.1:") {
                break p.trim().parse().expect("port number");
            }
        };
        // Drain the rest so s_server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Server { child, port }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A CA and a server certificate it signed, made by OpenSSL now.
pub fn make_chain(env: &Env) {
    for line in [
        "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -subj /CN=Local-Test-CA -days 30 -addext basicConstraints=critical,CA:true",
        "req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj /CN=localhost",
        "x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -set_serial 5 -out srv.pem -days 5",
    ] {
        env.sh_openssl(line).ok();
    }
}

#[test]
fn printcert_sslserver_is_keytools() {
    let env = Env::new();
    make_chain(&env);
    let server = Server::start(&env, "srv.pem", "srv.key", Some("ca.pem"));
    for line in [
        format!("-printcert -sslserver 127.0.0.1:{}", server.port),
        format!("-printcert -sslserver 127.0.0.1:{} -rfc", server.port),
    ] {
        let theirs = env.kt(&line).ok();
        let ours = env.sh(&line).ok();
        assert_eq!(ours.stdout, theirs.stdout, "{line}");
    }
    let text = env
        .sh(&format!("-printcert -sslserver 127.0.0.1:{}", server.port))
        .ok()
        .stdout;
    assert!(
        text.starts_with(
            "Certificate #0\n====================================\nOwner: CN=localhost\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Certificate #1\n====================================\nOwner: CN=Local-Test-CA\n"
        ),
        "{text}"
    );
    // The PEM is what the server holds.
    let ours = env
        .sh(&format!(
            "-printcert -sslserver 127.0.0.1:{} -rfc",
            server.port
        ))
        .ok()
        .stdout;
    let served = std::fs::read_to_string(env.path("srv.pem")).unwrap();
    let b64 = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.starts_with("-----"))
            .map(str::trim)
            .collect()
    };
    assert!(b64(&ours).starts_with(&b64(&served)));
}

#[test]
fn printcert_sslserver_without_a_server() {
    let env = Env::new();
    // A port that was free a moment ago.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let line = format!("-printcert -sslserver 127.0.0.1:{port}");
    let theirs = env.kt(&line);
    assert!(
        theirs.stdout.contains("No certificate from the SSL server"),
        "{}",
        theirs.stdout
    );
    env.sh(&line).fails_with(&format!(
        "rkeytool error: No certificate from the SSL server: 127.0.0.1:{port}: Connection refused"
    ));
    env.sh("-printcert -sslserver 127.0.0.1:notaport")
        .fails_with("Illegal value for -sslserver: 127.0.0.1:notaport");
}

/// `-importbundle -sslserver` (rkeytool): the chain's CA certificates,
/// fingerprints shown first, trusted after a yes (or `-noprompt`); keytool
/// lists what was imported.
#[test]
fn importbundle_sslserver_trusts_the_chains_ca() {
    let env = Env::new();
    make_chain(&env);
    let server = Server::start(&env, "srv.pem", "srv.key", Some("ca.pem"));
    let line = format!(
        "-importbundle -sslserver 127.0.0.1:{} -keystore trust.p12 -storepass changeit",
        server.port
    );
    let words = crate::util::shell_words(&line);
    let args: Vec<&str> = words.iter().map(String::as_str).collect();
    // "no": nothing written.
    let no = env.rk_stdin(&args, "no\n").ok();
    assert!(
        no.stderr
            .contains("Certificates were not added to keystore"),
        "{}",
        no.stderr
    );
    assert!(!env.path("trust.p12").exists());
    // Nothing on stdin: an error, nothing written.
    env.rk(&args)
        .fails_with("confirmation needed and standard input is empty");
    assert!(!env.path("trust.p12").exists());
    // "yes": the CA (and not the server's own certificate) is trusted.
    let yes = env.rk_stdin(&args, "yes\n").ok();
    let fp = env
        .sh_openssl("x509 -in ca.pem -noout -fingerprint -sha256")
        .ok()
        .stdout;
    let fp = fp.trim().split('=').nth(1).unwrap().to_string();
    assert!(
        yes.stderr.contains(&format!(
            "CA certificates presented by 127.0.0.1:{}:\n  CN=Local-Test-CA\n    SHA-256: {fp}\n",
            server.port
        )),
        "{}",
        yes.stderr
    );
    assert!(
        yes.stderr
            .contains("1 certificate added to keystore, 0 skipped"),
        "{}",
        yes.stderr
    );
    let listed = env
        .kt("-list -v -keystore trust.p12 -storepass changeit")
        .ok()
        .stdout;
    assert!(
        listed.contains("Your keystore contains 1 entry"),
        "{listed}"
    );
    assert!(listed.contains("Entry type: trustedCertEntry"), "{listed}");
    assert!(listed.contains(&format!("SHA256: {fp}")), "{listed}");
    // A second run adds nothing; -noprompt does not ask.
    env.sh(&format!("{line} -noprompt"))
        .ok()
        .stderr
        .contains("0 certificates added to keystore, 1 skipped")
        .then_some(())
        .expect("second run skips");
}
