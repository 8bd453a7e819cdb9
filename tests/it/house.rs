//! The house (issue 18): the installable binary (`-version`), shell
//! completions and the man page, errors worded once, constant-time checks.

use crate::util::*;

/// keytool 25 takes `-version` as a command: with any of its options, anywhere
/// on the line, and with `-help` for its usage. rkeytool prints its own
/// version in keytool's form, plus the keytool generation it follows.
#[test]
fn version_is_a_command_as_in_keytool_25() {
    let env = Env::new();
    let kt = keytool_of(Jdk::V25);
    let ours = format!(
        "rkeytool {} (follows keytool 25)\n",
        env!("CARGO_PKG_VERSION")
    );
    for line in [
        "-version",
        "-version -v",
        "-alias x -version",
        "-version -keystore nowhere.p12",
    ] {
        assert_eq!(
            env.sh_keytool(&kt, line).ok().stdout,
            "keytool 25.0.2\n",
            "{line}"
        );
        let rk = env
            .rk_env(
                &shell_words(line)
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
                &[("RKEYTOOL_KEYTOOL_VERSION", "")],
            )
            .ok();
        assert_eq!(rk.stdout, ours, "{line}");
    }
    assert_eq!(
        env.sh("-version -keytoolversion 17").ok().stdout,
        format!(
            "rkeytool {} (follows keytool 17)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    // (keytool prints usage on stderr; rkeytool on stdout, for every command.)
    let kt_help = env.sh_keytool(&kt, "-version -help").ok().stderr;
    let rk_help = env.sh("-version -help").ok().stdout;
    assert_eq!(rk_help, kt_help.replace("keytool", "rkeytool"));
    assert!(
        env.sh("-help")
            .ok()
            .stdout
            .contains(" -version            Prints the program version\n")
    );
    // rkeytool's own options stay with their commands.
    env.sh("-version -json")
        .fails_with("rkeytool error: Illegal option:  -json");
}

/// Runs `program` with `args` in the test folder; a missing shell is a failure.
fn run_tool(env: &Env, program: &str, args: &[&str]) -> Run {
    let o = std::process::Command::new(program)
        .args(args)
        .current_dir(env.dir.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (scripts/test.sh installs it): {e}"));
    Run {
        status: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Every command word of `rkeytool -help`, from the option table.
fn help_commands(env: &Env) -> Vec<String> {
    env.sh("-help")
        .ok()
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix(" -"))
        .map(|l| format!("-{}", l.split_whitespace().next().unwrap_or_default()))
        .collect()
}

/// The bash script loads (`bash -n`) and completes: commands, each command's
/// own options, a value list, and file names after `-keystore`.
#[test]
fn bash_completion_completes_commands_options_and_files() {
    let env = Env::new();
    let script = env.sh("-completions bash").ok().stdout;
    std::fs::write(env.path("rkeytool.bash"), &script).unwrap();
    run_tool(&env, "bash", &["-n", "rkeytool.bash"]).ok();
    std::fs::write(env.path("ks-here.p12"), b"").unwrap();
    let driver = r#"source ./rkeytool.bash
comp() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _rkeytool; echo "${COMPREPLY[*]}"; }
comp rkeytool -list -keys
comp rkeytool -genk
comp rkeytool -LIST -storetype ''
comp rkeytool -list -alias -rfc -rf
comp rkeytool -list -keystore ks-h
comp rkeytool -
"#;
    let out = run_tool(&env, "bash", &["-c", driver]).ok().stdout;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "-keystore",
            "-genkeypair -genkey",
            "PKCS12 JKS JCEKS",
            "-rfc",
            "ks-here.p12"
        ]
    );
    let all: Vec<&str> = lines[5].split(' ').collect();
    for c in help_commands(&env) {
        assert!(all.contains(&c.as_str()), "{c} not offered: {all:?}");
    }
    assert!(all.contains(&"-completions") && all.contains(&"-keytoolversion"));
}

/// zsh: the script parses, and its function offers what the table says
/// (zsh's completion builtins are stood in for by functions that print).
#[test]
fn zsh_completion_completes_commands_options_and_values() {
    let env = Env::new();
    let script = env.sh("-completions zsh").ok().stdout;
    assert!(script.starts_with("#compdef rkeytool\n"));
    std::fs::write(env.path("_rkeytool"), &script).unwrap();
    run_tool(&env, "zsh", &["-n", "_rkeytool"]).ok();
    let driver = r#"compdef() {}
_describe() { local -a a b; a=("${(@P)4}"); b=("${(@M)a:#${PREFIX}*}"); print -r -- "${(j: :)b}"; }
compadd() { shift; print -r -- "$*"; }
_files() { print files; }
_message() { print message; }
source ./_rkeytool
comp() { words=("$@"); CURRENT=$#; PREFIX=${words[CURRENT]}; _rkeytool; }
comp rkeytool -list -keys
comp rkeytool -genk
comp rkeytool -LIST -storetype ''
comp rkeytool -list -keystore x
comp rkeytool -list -alias x
"#;
    let out = run_tool(&env, "zsh", &["-c", driver]).ok().stdout;
    assert_eq!(
        out,
        "-keystore:keystore name\n\
         -genkeypair:Generates a key pair -genkey:Generates a key pair\n\
         PKCS12 JKS JCEKS\n\
         files\n\
         message\n"
    );
}

/// fish: `complete -o` is its form for single-dash long options.
#[test]
fn fish_completion_completes_commands_options_and_values() {
    let env = Env::new();
    let script = env.sh("-completions fish").ok().stdout;
    std::fs::write(env.path("rkeytool.fish"), &script).unwrap();
    run_tool(&env, "fish", &["-n", "rkeytool.fish"]).ok();
    let driver = r#"source rkeytool.fish
complete -C 'rkeytool -list -keys'
complete -C 'rkeytool -genk'
complete -C 'rkeytool -LIST -storetype '
complete -C 'rkeytool -list -alias x -rf'"#;
    let out = run_tool(&env, "fish", &["-c", driver]).ok().stdout;
    assert_eq!(
        out,
        "-keystore\tkeystore name\n\
         -genkey\tGenerates a key pair\n\
         -genkeypair\tGenerates a key pair\n\
         JCEKS\tkeystore type\n\
         JKS\tkeystore type\n\
         PKCS12\tkeystore type\n\
         -rfc\toutput in RFC style\n"
    );
}

#[test]
fn completions_for_an_unknown_shell_are_refused() {
    let env = Env::new();
    env.sh("-completions tcsh")
        .fails_with("rkeytool error: Illegal -completions value: tcsh");
    env.sh("-completions")
        .fails_with("rkeytool error: Illegal use of -completions");
    env.sh("-manpage -v")
        .fails_with("rkeytool error: Illegal use of -manpage");
}

/// `man/rkeytool.1` is what the binary writes (scripts/gen-man.sh), and it
/// renders without a groff warning; it documents every command of `-help`.
#[test]
fn man_page_is_current_and_renders() {
    let env = Env::new();
    let page = env.sh("-manpage").ok().stdout;
    let checked_in =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/man/rkeytool.1"))
            .expect("man/rkeytool.1 (scripts/gen-man.sh writes it)");
    assert!(
        page == checked_in,
        "man/rkeytool.1 is stale: run scripts/gen-man.sh"
    );
    std::fs::write(env.path("rkeytool.1"), &page).unwrap();
    let warnings = run_tool(
        &env,
        "groff",
        &["-man", "-Tutf8", "-ww", "-z", "rkeytool.1"],
    )
    .ok();
    assert_eq!(warnings.stderr, "");
    let o = std::process::Command::new("man")
        .args(["-l", "rkeytool.1"])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        // man-db's seccomp sandbox refuses libfaketime's calls (the clock-moved run).
        .env("MAN_DISABLE_SECCOMP", "1")
        .current_dir(env.dir.path())
        .output()
        .expect("man (scripts/test.sh installs man-db)");
    assert!(
        o.status.success(),
        "man -l: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("rkeytool - keytool-compatible key and certificate management tool"));
    for c in help_commands(&env) {
        assert!(
            text.contains(&format!("   {c}\n")),
            "{c} missing from the man page"
        );
    }
}

/// A certificate, a request, a key file or an empty file given as
/// `-keystore` is named as what it is, with what to do instead; nothing is
/// written. keytool only says "Unrecognized keystore format" (an empty file:
/// "Keystore file exists, but is empty", which rkeytool says word for word).
#[test]
fn a_file_that_is_no_keystore_is_named_as_what_it_is() {
    let env = Env::new();
    env.sh_openssl("req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -subj /CN=x -days 3")
        .ok();
    env.sh_openssl("x509 -in cert.pem -outform DER -out cert.der")
        .ok();
    env.sh_openssl("pkcs8 -topk8 -nocrypt -in key.pem -outform DER -out key.der")
        .ok();
    env.sh_openssl("req -new -key key.pem -subj /CN=y -out req.pem")
        .ok();
    env.sh_openssl("req -in req.pem -outform DER -out req.der")
        .ok();
    env.sh_openssl("crl2pkcs7 -nocrl -certfile cert.pem -outform DER -out chain.p7b")
        .ok();
    std::fs::write(env.path("empty.p12"), b"").unwrap();
    let cert_hint = |f: &str| {
        format!(
            "hint: to read it: rkeytool -printcert -file {f}; to trust it: rkeytool -importcert -file {f} -keystore <keystore>\n"
        )
    };
    let cases = [
        ("cert.der", "cert.der is a certificate, not a keystore".to_string(), cert_hint("cert.der")),
        ("chain.p7b", "chain.p7b is a PKCS#7 certificate bundle, not a keystore".to_string(), cert_hint("chain.p7b")),
        ("key.der", "key.der is a private key file, not a keystore".to_string(), "hint: to store it: rkeytool -importkey -keyfile key.der -file <certificate> -keystore <keystore>\n".to_string()),
        ("key.pem", "key.pem is a private key file, not a keystore".to_string(), "hint: to store it: rkeytool -importkey -keyfile key.pem -file <certificate> -keystore <keystore>\n".to_string()),
        ("req.der", "req.der is a certificate request, not a keystore".to_string(), "hint: to read it: rkeytool -printcertreq -file req.der; to sign it: rkeytool -gencert -infile req.der -keystore <keystore>\n".to_string()),
        ("req.pem", "req.pem is a certificate request, not a keystore".to_string(), "hint: to read it: rkeytool -printcertreq -file req.pem; to sign it: rkeytool -gencert -infile req.pem -keystore <keystore>\n".to_string()),
        ("empty.p12", "Keystore file exists, but is empty: empty.p12".to_string(), "hint: an empty file is no keystore; remove it, or name a new file, to create one\n".to_string()),
    ];
    for (file, message, hint) in cases {
        let before = env.read(file);
        let want = format!("rkeytool error: {message}\n{hint}");
        assert_eq!(
            env.sh(&format!("-list -keystore {file} -storepass {PW}"))
                .fails_with(&message)
                .stderr,
            want
        );
        assert_eq!(
            env.sh(&format!(
                "-genkeypair -keystore {file} -storepass {PW} -alias a -dname CN=a -keyalg EC"
            ))
            .fails_with(&message)
            .stderr,
            want
        );
        env.sh(&format!("-importkeystore -srckeystore {file} -srcstorepass {PW} -destkeystore new.p12 -deststorepass {PW}"))
            // keytool's -importkeystore says "Source keystore file exists, but is empty".
            .fails_with(&message.replace("Keystore file exists", "keystore file exists"));
        assert_eq!(env.read(file), before, "{file} changed");
        assert!(!env.path("new.p12").exists());
        // keytool refuses each of them too.
        let kt = env.kt(&format!("-list -keystore {file} -storepass {PW}"));
        assert_eq!(kt.status, 1, "{file}: {}", kt.stderr);
    }
    // PEM text with a certificate is a PEM keystore (tests/it/pemstore.rs):
    // listed, never changed in place.
    let l = env
        .sh(&format!("-list -keystore cert.pem -storepass {PW}"))
        .ok();
    assert!(l.stdout.starts_with("Keystore type: PEM\n"), "{}", l.stdout);
    let kt = env.kt(&format!("-list -keystore empty.p12 -storepass {PW}"));
    assert!(
        kt.stdout
            .contains("Keystore file exists, but is empty: empty.p12"),
        "{}",
        kt.stdout
    );
    // A damaged PKCS#12 is still called one (its first bytes are a PFX's).
    env.sh(&format!(
        "-genkeypair -keystore ks.p12 -storepass {PW} -alias a -dname CN=a -keyalg EC"
    ))
    .ok();
    let ks = env.read("ks.p12");
    std::fs::write(env.path("cut.p12"), &ks[..ks.len() / 2]).unwrap();
    env.sh(&format!("-list -keystore cut.p12 -storepass {PW}"))
        .fails_with("rkeytool error: cut.p12: damaged or truncated PKCS#12 data");
    // Nothing recognisable: the general line.
    std::fs::write(env.path("junk"), b"this is not a keystore").unwrap();
    env.sh(&format!("-list -keystore junk -storepass {PW}"))
        .fails_with("rkeytool error: junk: not a keystore: neither JKS nor PKCS#12");
}

/// "Alias <x> does not exist", keytool's words, from every command that looks an alias up.
#[test]
fn a_missing_alias_is_worded_as_keytool_words_it() {
    let env = Env::new();
    env.sh(&format!(
        "-genkeypair -keystore ks.p12 -storepass {PW} -alias a -dname CN=a -keyalg EC"
    ))
    .ok();
    let kt = env.kt(&format!(
        "-list -keystore ks.p12 -storepass {PW} -alias nope"
    ));
    assert!(
        kt.stdout.contains("Alias <nope> does not exist"),
        "{}",
        kt.stdout
    );
    let before = env.read("ks.p12");
    for line in [
        "-list -alias nope",
        "-delete -alias nope",
        "-exportcert -alias nope -file x.cer",
        "-changealias -alias nope -destalias other",
        "-verify -alias nope",
    ] {
        env.sh(&format!("{line} -keystore ks.p12 -storepass {PW}"))
            .fails_with("rkeytool error: Alias <nope> does not exist\n");
    }
    env.sh(&format!("-importkeystore -srckeystore ks.p12 -srcstorepass {PW} -srcalias nope -destkeystore b.p12 -deststorepass {PW}"))
        .fails_with("rkeytool error: Alias <nope> does not exist\n");
    assert_eq!(env.read("ks.p12"), before);
}

/// A reader that closes the pipe early (`rkeytool -list | head -1`) is no
/// error: exit status 0, nothing on stderr.
#[test]
fn a_closed_pipe_ends_quietly() {
    let env = Env::new();
    env.sh(&format!(
        "-genkeypair -keystore ks.p12 -storepass {PW} -alias a -dname CN=a -keyalg EC"
    ))
    .ok();
    let mut child = std::process::Command::new(rkeytool_bin())
        .args(["-list", "-v", "-keystore", "ks.p12", "-storepass", PW])
        .current_dir(env.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert_eq!(o.status.code(), Some(0));
}

/// The integrity checks compared with `subtle` still tell a right password
/// from a wrong one and from an altered digest or MAC, for stores keytool wrote.
#[test]
fn integrity_checks_still_tell_right_from_wrong() {
    let env = Env::new();
    for (file, kind, refused) in [
        (
            "kt.p12",
            "PKCS12",
            "rkeytool error: keystore password was incorrect",
        ),
        (
            "kt.jks",
            "JKS",
            "rkeytool error: Keystore was tampered with, or password was incorrect",
        ),
    ] {
        env.kt(&format!("-genkeypair -keystore {file} -storetype {kind} -storepass {PW} -keypass {PW} -alias a -dname CN=a -keyalg EC"))
            .ok();
        env.sh(&format!("-list -keystore {file} -storepass {PW}"))
            .ok();
        env.sh(&format!("-list -keystore {file} -storepass wrong-{PW}"))
            .fails_with(refused);
        // The last bytes are the JKS digest, or the PKCS#12 MAC's iteration
        // count: flip a byte of the digest (JKS) or of the MAC value (PKCS#12).
        let mut bytes = env.read(file);
        let at = if kind == "JKS" {
            bytes.len() - 1
        } else {
            // MacData ::= SEQUENCE { DigestInfo { AlgorithmIdentifier, OCTET STRING mac }, salt, iterations }
            // keytool 17: HMAC-SHA256 (32 bytes), a 20-byte salt, 10000 iterations.
            let at = bytes.len() - (2 + 2) - (2 + 20) - 32;
            assert_eq!(bytes[at - 2..at], [0x04, 0x20], "the MAC value's header");
            at
        };
        bytes[at] ^= 1;
        std::fs::write(env.path("altered"), &bytes).unwrap();
        env.sh(&format!("-list -keystore altered -storepass {PW}"))
            .fails_with(refused);
        let kt = env.kt(&format!("-list -keystore altered -storepass {PW}"));
        assert_eq!(
            kt.status, 1,
            "keytool read the altered {kind} store: {}",
            kt.stdout
        );
    }
}
