//! keytool as old shell scripts run it: options keytool takes and ignores,
//! answers piped on standard input, `-conf` files, and `-v`. Each test runs
//! keytool and rkeytool on the same command line and compares.

use crate::util::{Env, Jdk, PW, assert_same_text, keytool_of};

/// A PKCS12 keystore `ks.p12` (password changeit) with a key `k`, its
/// certificate `k.cer`, and a stranger's self-signed `other.cer`.
fn store(env: &Env) {
    for (ks, alias) in [("ks.p12", "k"), ("other.p12", "o")] {
        env.keytool(&[
            "-genkeypair",
            "-keystore",
            ks,
            "-storepass",
            PW,
            "-alias",
            alias,
            "-keyalg",
            "EC",
            "-dname",
            "CN=x",
        ])
        .ok();
    }
    for (ks, alias, file) in [("ks.p12", "k", "k.cer"), ("other.p12", "o", "other.cer")] {
        env.keytool(&[
            "-exportcert",
            "-keystore",
            ks,
            "-storepass",
            PW,
            "-alias",
            alias,
            "-file",
            file,
        ])
        .ok();
    }
}

/// Copies `from` to `to` in the test folder.
fn copy(env: &Env, from: &str, to: &str) {
    std::fs::copy(env.path(from), env.path(to)).expect("copy");
}

#[test]
fn options_keytool_takes_with_every_command_are_taken() {
    let env = Env::new();
    store(&env);
    // The same output as keytool 17, for options that change nothing there.
    for line in [
        "-list -keystore ks.p12 -storepass changeit -keypass changeit",
        "-list -keystore ks.p12 -storepass changeit -noprompt -keyalg RSA",
        "-list -destkeystore ks.p12 -deststorepass changeit -srcalias k",
        "-list -keystore ks.p12 -storepass changeit -providerclass sun.security.provider.Sun -providerpath /nonexistent",
        "-exportcert -noprompt -rfc -keystore ks.p12 -storepass changeit -alias k -trustcacerts",
        "-printcert -file k.cer -storepass changeit -keystore ks.p12 -alias k",
        "-printcert -file k.cer -nowarn -id 1 -tls",
    ] {
        let theirs = env.kt(line).ok();
        let ours = env.sh(line).ok();
        assert_same_text(&ours.stdout, &theirs.stdout, line);
    }
    // Commands that change the keystore (KS: a copy for each tool): the
    // same result in keytool's eyes.
    for line in [
        "-delete -noprompt -alias k -keystore KS -storepass changeit",
        "-storepasswd -noprompt -new newpass1 -keystore KS -storepass changeit",
        "-changealias -noprompt -alias k -dest k2 -keystore KS -storepass changeit",
        "-importcert -noprompt -alias t -file other.cer -keystore KS -storepass changeit -rfc -keyalg EC",
    ] {
        copy(&env, "ks.p12", "theirs.p12");
        copy(&env, "ks.p12", "ours.p12");
        env.kt(&line.replace("KS", "theirs.p12")).ok();
        env.sh(&line.replace("KS", "ours.p12")).ok();
        let pass = if line.contains("newpass1") {
            "newpass1"
        } else {
            PW
        };
        let list = |ks: &str| {
            env.kt(&format!("-list -keystore {ks} -storepass {pass}"))
                .ok()
                .stdout
                .replace(ks, "KS")
        };
        assert_same_text(&list("ours.p12"), &list("theirs.p12"), line);
    }
}

#[test]
fn every_keytool_generation_takes_what_rkeytool_takes() {
    let env = Env::new();
    store(&env);
    let args = [
        "-list",
        "-keystore",
        "ks.p12",
        "-storepass",
        PW,
        "-keypass",
        PW,
        "-noprompt",
        "-rfc",
        "-alias",
        "k",
    ];
    let ours = env.rk(&args).ok();
    for jdk in Jdk::ALL {
        let theirs = env.keytool_with(&keytool_of(jdk), &args).ok();
        assert!(theirs.stdout.contains("-----BEGIN CERTIFICATE-----"));
        // Each generation's wording is another matter; 17's is rkeytool's.
        if jdk == Jdk::V17 {
            assert_same_text(&ours.stdout, &theirs.stdout, "JDK 17");
        }
    }
}

#[test]
fn options_whose_effect_rkeytool_lacks_are_refused_not_ignored() {
    let env = Env::new();
    store(&env);
    // (-printcert -sslserver and -jarfile work: tests/it/sslserver.rs, jarfile.rs.)
    let before = env.read("ks.p12");
    env.sh(&format!(
        "-genkeypair -keystore ks.p12 -storepass {PW} -alias n -keyalg EC -dname CN=n -signer nosuch"
    ))
    .fails_with("Alias <nosuch> does not exist");
    env.sh("-list -keystore ks.p12 -protected")
        .fails_with("-protected is not supported by rkeytool");
    assert_eq!(env.read("ks.p12"), before);
    // rkeytool's own options stay with their commands.
    env.sh(&format!(
        "-delete -alias k -keystore ks.p12 -storepass {PW} -json"
    ))
    .fails_with("Illegal option:  -json");
    assert_eq!(env.read("ks.p12"), before);
}

#[test]
fn yes_on_standard_input_answers_the_trust_question() {
    let env = Env::new();
    store(&env);
    copy(&env, "ks.p12", "theirs.p12");
    copy(&env, "ks.p12", "ours.p12");
    let args = |ks: &'static str| {
        [
            "-importcert",
            "-alias",
            "t",
            "-file",
            "other.cer",
            "-keystore",
            ks,
            "-storepass",
            PW,
        ]
    };
    let theirs = env.keytool_stdin(&args("theirs.p12"), "yes\n").ok();
    let ours = env.rk_stdin(&args("ours.p12"), "yes\n").ok();
    // The certificate on stdout, the question and the answer on stderr.
    assert_same_text(&ours.stdout, &theirs.stdout, "stdout");
    assert_same_text(&ours.stderr, &theirs.stderr, "stderr");
    assert!(
        ours.stderr
            .ends_with("Trust this certificate? [no]:  Certificate was added to keystore\n")
    );
    for ks in ["theirs.p12", "ours.p12"] {
        env.keytool(&["-list", "-keystore", ks, "-storepass", PW, "-alias", "t"])
            .ok();
    }
    // "no" is keytool's: not added, exit 0, the keystore untouched.
    let before = env.read("ks.p12");
    let theirs = env.keytool_stdin(&args("ks.p12"), "no\n").ok();
    let ours = env.rk_stdin(&args("ks.p12"), "no\n").ok();
    assert_same_text(&ours.stderr, &theirs.stderr, "stderr");
    assert!(
        ours.stderr
            .ends_with("Certificate was not added to keystore\n")
    );
    assert_eq!(env.read("ks.p12"), before);
    // Nothing on standard input: keytool says "not added" with status 0;
    // rkeytool makes it an error a script sees.
    env.rk(&args("ks.p12")).fails_with(
        "Certificate was not added to keystore: confirmation needed and standard input is empty",
    );
    assert_eq!(env.read("ks.p12"), before);
}

#[test]
fn answers_and_passwords_piped_as_keytool_reads_them() {
    let env = Env::new();
    // Store password twice (a new keystore), the six answers, "yes".
    let input = "changeit\nchangeit\nDoe, John\nR+D\n\n Paris\n\nFR\nyes\n";
    let args = |ks: &'static str| {
        [
            "-genkeypair",
            "-keystore",
            ks,
            "-alias",
            "k",
            "-keyalg",
            "EC",
        ]
    };
    let theirs = env.keytool_stdin(&args("theirs.p12"), input).ok();
    let ours = env.rk_stdin(&args("ours.p12"), input).ok();
    assert_same_text(&ours.stderr, &theirs.stderr, "stderr");
    let owner = |ks: &str| {
        env.keytool(&["-list", "-v", "-keystore", ks, "-storepass", PW])
            .ok()
            .stdout
            .lines()
            .find(|l| l.starts_with("Owner: "))
            .map(str::to_string)
    };
    assert_eq!(owner("ours.p12"), owner("theirs.p12"));
    assert_eq!(
        owner("ours.p12").as_deref(),
        Some("Owner: CN=\"Doe, John\", OU=\"R+D\", O=Unknown, L=\" Paris\", ST=Unknown, C=FR")
    );
}

#[test]
fn conf_file_options_come_first_and_the_command_line_wins() {
    let env = Env::new();
    store(&env);
    std::fs::write(
        env.path("keytool.conf"),
        "# options for every command, then per command\n\
         keytool.all = -keystore ${user.dir}${/}ks.p12 \\\n    -storepass changeit\n\
         keytool.exportcert = -rfc -alias 'k'\n\
         keytool.list: -alias \"nosuch\"\n\
         keytool.printcert = -file ${cert.file}\n",
    )
    .expect("write conf");
    for args in [
        &["-exportcert", "-conf", "keytool.conf"][..],
        &["-list", "-conf", "keytool.conf", "-alias", "k"][..],
        &["-printcert", "-conf", "keytool.conf", "-J-Dcert.file=k.cer"][..],
    ] {
        let theirs = env.keytool(args).ok();
        let ours = env.rk(args).ok();
        assert_same_text(&ours.stdout, &theirs.stdout, &args.join(" "));
    }
    // -list without -alias takes the file's: an alias that does not exist.
    let theirs = env.kt("-list -conf keytool.conf");
    assert!(theirs.stdout.contains("Alias <nosuch> does not exist"));
    env.sh("-list -conf keytool.conf")
        .fails_with("Alias <nosuch> does not exist");
    // A property that is not set, and both names of one command.
    let t = env.kt("-printcert -conf keytool.conf");
    assert!(t.stdout.contains("unable to expand property cert.file"));
    env.sh("-printcert -conf keytool.conf")
        .fails_with("unable to expand property cert.file");
    std::fs::write(
        env.path("both.conf"),
        "keytool.genkeypair=-keyalg EC\nkeytool.genkey=-keyalg RSA\n",
    )
    .expect("write conf");
    let t = env.kt("-genkey -conf both.conf -dname CN=x");
    assert!(
        t.stdout
            .contains("Cannot have both -genkeypair and -genkey as pre-configured options")
    );
    env.sh("-genkey -conf both.conf -dname CN=x")
        .fails_with("Cannot have both -genkeypair and -genkey as pre-configured options");
}

#[test]
fn verbose_says_where_it_stores_as_keytool() {
    let env = Env::new();
    store(&env);
    let storing = |stderr: &str, ks: &str| -> Vec<String> {
        stderr
            .lines()
            .filter(|l| l.starts_with("[Storing"))
            .map(|l| l.replace(ks, "S"))
            .collect()
    };
    for command in [
        "-genkeypair -alias n -keyalg EC -dname CN=n",
        "-importcert -noprompt -alias t -file other.cer",
        "-changealias -alias k -destalias k2",
        "-delete -alias k",
        "-storepasswd -new newpass1",
    ] {
        copy(&env, "ks.p12", "theirs.p12");
        copy(&env, "ks.p12", "ours.p12");
        let theirs = env
            .kt(&format!(
                "{command} -keystore theirs.p12 -storepass {PW} -v"
            ))
            .ok();
        let ours = env
            .sh(&format!("{command} -keystore ours.p12 -storepass {PW} -v"))
            .ok();
        let ours = storing(&ours.stderr, "ours.p12");
        assert_eq!(ours, storing(&theirs.stderr, "theirs.p12"), "{command}");
        assert_eq!(ours, ["[Storing S]"], "{command}");
    }
}
