//! keytool's dialogues on a terminal. Each test types the same answers into
//! keytool and into rkeytool following the same generation, both on a
//! pseudo-terminal, and compares what each printed: prompts, echoed answers,
//! messages, in order. The dialogues are played with keytool 17 and again
//! with keytool 25 (rkeytool's default); a test's own checks of the text
//! read keytool 17's transcript. A secret is
//! typed only once the program has turned the echo off, as a person would.
//!
//! The only differences allowed are the error prefix (`keytool error:
//! java.lang.Exception:` is `rkeytool error:`) and, where a test says so,
//! rkeytool's exit status 1 where keytool gives up with status 0.

use crate::util::{Env, Jdk, assert_same_text, keytool_of, pinned};
use expectrl::{Eof, Session};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What the user does: wait for `prompt`, then type `line` and RETURN.
enum Step {
    /// A visible answer (a name, yes/no, an alias).
    Type(&'static str, &'static str),
    /// A password: typed once the echo is off.
    Secret(&'static str, &'static str),
}
use Step::{Secret, Type};

/// What the terminal showed, with `\r\n` as `\n`, and the exit status.
struct Transcript {
    text: String,
    status: i32,
}

/// Runs `program args` in `dir` on a pseudo-terminal and plays `steps`.
#[track_caller]
fn on_terminal(program: &Path, jdk: Jdk, dir: &Path, args: &[&str], steps: &[Step]) -> Transcript {
    // The pseudo-terminal starts with its echo off; a terminal has it on.
    // `stty echo` turns it on before the program starts, so that typed
    // answers show and the program itself turns it off for passwords.
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("stty echo && exec \"$@\"")
        .arg("sh")
        .arg(program)
        .args(args);
    pinned(&mut cmd, dir).env("RKEYTOOL_KEYTOOL_VERSION", jdk.major().to_string());
    let mut s = Session::spawn(cmd).expect("spawn on a pseudo-terminal");
    s.set_expect_timeout(Some(Duration::from_secs(120)));
    let mut seen = Vec::new();
    let show = |seen: &[u8]| String::from_utf8_lossy(seen).replace("\r\n", "\n");
    for step in steps {
        let (prompt, line, secret) = match step {
            Type(p, l) => (p, l, false),
            Secret(p, l) => (p, l, true),
        };
        let found = s.expect(*prompt).unwrap_or_else(|e| {
            panic!(
                "{}: no {prompt:?} ({e}); the terminal showed:\n{}",
                program.display(),
                show(&seen)
            )
        });
        seen.extend_from_slice(found.before());
        seen.extend_from_slice(found.get(0).unwrap_or_default());
        if prompt.ends_with('?') {
            // A question's line is followed by "  [default]:  ": wait for
            // it too, so that what is typed never races the prompt.
            let rest = s.expect("]:  ").unwrap_or_else(|e| {
                panic!("{}: no \"]:  \" after {prompt:?} ({e})", program.display())
            });
            seen.extend_from_slice(rest.before());
            seen.extend_from_slice(rest.get(0).unwrap_or_default());
        }
        if secret {
            let until = Instant::now() + Duration::from_secs(60);
            while s
                .get_process()
                .get_echo()
                .expect("read the terminal's echo flag")
            {
                assert!(
                    Instant::now() < until,
                    "{}: echo still on at {prompt:?}",
                    program.display()
                );
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        s.send_line(line).expect("type on the terminal");
    }
    let rest = s.expect(Eof).expect("the program ends");
    seen.extend_from_slice(rest.as_bytes());
    let status = match s.get_process().wait().expect("wait for the program") {
        expectrl::WaitStatus::Exited(_, code) => code,
        other => panic!("{}: {other:?}", program.display()),
    };
    Transcript {
        text: show(&seen),
        status,
    }
}

/// keytool and rkeytool following the same generation, each in its own copy
/// of the test's folder.
struct Both {
    env: Env,
    /// The keytools whose dialogues are played, the first one's returned.
    jdks: &'static [Jdk],
}

impl Both {
    /// A folder for the files both programs start from; keytool 17 and 25.
    fn new() -> Both {
        Both {
            env: Env::new(),
            jdks: &[Jdk::V17, Jdk::V25],
        }
    }

    /// One generation's dialogue only.
    fn of(jdk: &'static [Jdk; 1]) -> Both {
        Both {
            env: Env::new(),
            jdks: jdk,
        }
    }

    /// Runs keytool 17 in its own copy of the folder, as set up so far.
    fn dir_for(&self, name: &str) -> PathBuf {
        let to = self.env.path(name);
        std::fs::create_dir_all(&to).expect("mkdir");
        for e in std::fs::read_dir(self.env.dir.path()).expect("read dir") {
            let e = e.expect("dir entry");
            if e.file_type().expect("file type").is_file() {
                std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
            }
        }
        to
    }

    /// The same dialogue with the first keytool and with rkeytool; returns
    /// both transcripts, keytool's first, with keytool's error prefix worded
    /// as ours.
    fn run(&self, args: &[&str], steps: &[Step]) -> (Transcript, Transcript, PathBuf, PathBuf) {
        self.run_with(self.jdks[0], args, steps)
    }

    fn run_with(
        &self,
        jdk: Jdk,
        args: &[&str],
        steps: &[Step],
    ) -> (Transcript, Transcript, PathBuf, PathBuf) {
        let major = jdk.major();
        let kd = self.dir_for(&format!("keytool{major}"));
        let rd = self.dir_for(&format!("rkeytool{major}"));
        let mut theirs = on_terminal(&keytool_of(jdk), jdk, &kd, args, steps);
        theirs.text = theirs
            .text
            .replace("keytool error: java.lang.Exception: ", "rkeytool error: ");
        let rkeytool = Path::new(crate::util::rkeytool_bin());
        let ours = on_terminal(rkeytool, jdk, &rd, args, steps);
        (theirs, ours, kd, rd)
    }

    /// The same dialogue gives the same transcript and exit status, with
    /// each keytool; returns the first one's transcript and folders.
    #[track_caller]
    fn same(&self, args: &[&str], steps: &[Step]) -> (String, PathBuf, PathBuf) {
        let mut first = None;
        for &jdk in self.jdks {
            let (theirs, ours, kd, rd) = self.run_with(jdk, args, steps);
            let what = format!("terminal transcript, keytool {}", jdk.major());
            assert_same_text(&ours.text, &theirs.text, &what);
            assert_eq!(ours.status, theirs.status, "exit status:\n{}", ours.text);
            first.get_or_insert((ours.text, kd, rd));
        }
        first.expect("at least one keytool")
    }
}

fn keytool17() -> PathBuf {
    keytool_of(Jdk::V17)
}

/// keytool, run without a terminal to make the starting files.
#[track_caller]
fn setup(both: &Both, args: &[&str]) {
    both.env.keytool_with(&keytool17(), args).ok();
}

#[test]
fn new_keystore_password_too_short_then_mismatch_then_accepted() {
    let both = Both::new();
    let (text, kd, rd) = both.same(
        &[
            "-genkeypair",
            "-keystore",
            "ks.p12",
            "-alias",
            "k",
            "-keyalg",
            "EC",
            "-dname",
            "CN=x",
        ],
        &[
            Secret("Enter keystore password:", "abc"),
            Secret("Enter keystore password:", "abcdef"),
            Secret("Re-enter new password:", "abcdeg"),
            Secret("Enter keystore password:", "abcdef"),
            Secret("Re-enter new password:", "abcdef"),
        ],
    );
    assert!(text.starts_with(
        "Enter keystore password:  \n\
         Keystore password is too short - must be at least 6 characters\n\
         Enter keystore password:  \n\
         Re-enter new password: \n\
         They don't match. Try again\n\
         Enter keystore password:  \n\
         Re-enter new password: \n\
         Generating 256 bit EC (secp256r1) key pair"
    ));
    // Each keystore opens with the password typed, in the other tool too.
    for dir in [&kd, &rd] {
        let ks = dir.join("ks.p12");
        let ks = ks.to_str().expect("utf-8 path");
        both.env
            .keytool(&["-list", "-keystore", ks, "-storepass", "abcdef"])
            .ok();
        both.env
            .rk(&["-list", "-keystore", ks, "-storepass", "abcdef"])
            .ok();
    }
}

#[test]
fn three_failed_passwords_end_the_command_and_create_nothing() {
    let both = Both::new();
    let (theirs, ours, kd, rd) = both.run(
        &[
            "-genkeypair",
            "-keystore",
            "ks.p12",
            "-alias",
            "k",
            "-keyalg",
            "EC",
            "-dname",
            "CN=x",
        ],
        &[
            Secret("Enter keystore password:", "abc"),
            Secret("Enter keystore password:", "abcdef"),
            Secret("Re-enter new password:", "abcdeg"),
            Secret("Enter keystore password:", "abc"),
        ],
    );
    let dialogue = "Enter keystore password:  \n\
         Keystore password is too short - must be at least 6 characters\n\
         Enter keystore password:  \n\
         Re-enter new password: \n\
         They don't match. Try again\n\
         Enter keystore password:  \n\
         Keystore password is too short - must be at least 6 characters\n";
    assert_same_text(
        &theirs.text,
        &format!("{dialogue}Too many failures - try later\n"),
        "keytool",
    );
    // keytool gives up with status 0 having done nothing; rkeytool says so
    // as an error, status 1, so that a script notices.
    assert_eq!(theirs.status, 0);
    assert_same_text(
        &ours.text,
        &format!("{dialogue}rkeytool error: Too many failures - try later\n"),
        "rkeytool",
    );
    assert_eq!(ours.status, 1);
    assert!(!kd.join("ks.p12").exists() && !rd.join("ks.p12").exists());
}

#[test]
fn distinguished_name_asked_again_with_the_answers_as_defaults_and_quoted_as_keytool() {
    let both = Both::new();
    let (text, kd, rd) = both.same(
        &[
            "-genkeypair",
            "-keystore",
            "ks.p12",
            "-storepass",
            "changeit",
            "-alias",
            "k",
            "-keyalg",
            "EC",
        ],
        &[
            Type("first and last name?", "Doe, John"),
            Type("organizational unit?", "R+D"),
            Type("organization?", ""),
            Type("City or Locality?", " Paris"),
            Type("State or Province?", "a#b;c\"d\\e<f>g"),
            Type("country code for this unit?", "FR"),
            Type("correct?", "no"),
            Type("first and last name?", ""),
            Type("organizational unit?", "RD"),
            Type("organization?", ""),
            Type("City or Locality?", ""),
            Type("State or Province?", ""),
            Type("country code for this unit?", ""),
            Type("correct?", "yes"),
        ],
    );
    assert!(text.contains(
        "Is CN=\"Doe, John\", OU=\"R+D\", O=Unknown, L=\" Paris\", ST=\"a#b;c\\\"d\\\\e<f>g\", C=FR correct?\n  [no]:  no\n\
         What is your first and last name?\n  [Doe, John]:  \n\
         What is the name of your organizational unit?\n  [R+D]:  RD\n"
    ));
    assert!(text.contains(
        "\tfor: CN=\"Doe, John\", OU=RD, O=Unknown, L=\" Paris\", ST=\"a#b;c\\\"d\\\\e<f>g\", C=FR\n"
    ));
    // The subject is the same DER: same attributes, same string types.
    let subject = |dir: &Path| {
        let ks = dir.join("ks.p12");
        let cer = dir.join("k.cer");
        both.env
            .keytool(&[
                "-exportcert",
                "-keystore",
                ks.to_str().expect("utf-8"),
                "-storepass",
                "changeit",
                "-alias",
                "k",
                "-file",
                cer.to_str().expect("utf-8"),
            ])
            .ok();
        both.env
            .openssl(&[
                "x509",
                "-inform",
                "der",
                "-in",
                cer.to_str().expect("utf-8"),
                "-noout",
                "-subject",
                "-nameopt",
                "multiline,show_type",
            ])
            .ok()
            .stdout
    };
    let ours = subject(&rd);
    assert_eq!(ours, subject(&kd));
    assert!(ours.contains("commonName                = PRINTABLESTRING:Doe, John"));
    assert!(ours.contains("localityName              = PRINTABLESTRING: Paris"));
    assert!(ours.contains("stateOrProvinceName       = UTF8STRING:a#b;c\"d\\\\e<f>g"));
}

/// keytool 21 and 25 introduce the questions with a line of their own, take
/// a single `.` as "leave this part out", and ask again when every part is
/// left out; keytool 17 takes `.` as a value (the test above).
#[test]
fn keytool_25_names_leave_parts_out_with_a_dot() {
    let both = Both::of(&[Jdk::V25]);
    let dots = [
        "first and last name?",
        "organizational unit?",
        "organization?",
    ]
    .into_iter()
    .chain(["City or Locality?", "State or Province?"])
    .chain(["country code for this unit?"])
    .map(|q| Type(q, "."));
    let steps: Vec<Step> = dots
        .chain([
            Type("first and last name?", "Joe"),
            Type("organizational unit?", " . "),
            Type("organization?", "Acme"),
            Type("City or Locality?", "."),
            Type("State or Province?", ""),
            Type("country code for this unit?", "FR"),
            Type("correct?", "no"),
            Type("first and last name?", ""),
            Type("organizational unit?", "."),
            Type("organization?", ""),
            Type("City or Locality?", ""),
            Type("State or Province?", ""),
            Type("country code for this unit?", ""),
            Type("correct?", "y"),
        ])
        .collect();
    let args = "-genkeypair -keystore ks.p12 -storepass changeit -alias k -keyalg EC";
    let (text, _, _) = both.same(&args.split(' ').collect::<Vec<_>>(), &steps);
    let intro = "Enter the distinguished name. Provide a single dot (.) to leave a \
                 sub-component empty or press ENTER to use the default value in braces.\n";
    assert_eq!(text.matches(intro).count(), 3, "{text}");
    assert!(text.contains(
        "What is the two-letter country code for this unit?\n  [Unknown]:  .\n\
         At least one field must be provided. Enter again.\n"
    ));
    assert!(text.contains("Is CN=Joe, OU=\" . \", O=Acme, C=FR correct?\n"));
    assert!(text.contains("What is the name of your City or Locality?\n  []:  \n"));
    assert!(text.contains("\tfor: CN=Joe, O=Acme, C=FR\n"), "{text}");
}

#[test]
fn jks_key_password_is_asked_after_generating_and_twice() {
    let both = Both::new();
    let (text, kd, rd) = both.same(
        &[
            "-genkeypair",
            "-keystore",
            "ks.jks",
            "-storetype",
            "JKS",
            "-alias",
            "k",
            "-keyalg",
            "EC",
            "-dname",
            "CN=x",
        ],
        &[
            Secret("Enter keystore password:", "changeit"),
            Secret("Re-enter new password:", "changeit"),
            Secret("keystore password):", "abc"),
            Secret("keystore password):", "keypass1"),
            Secret("Re-enter new password:", "keypass2"),
            Secret("keystore password):", "keypass1"),
            Secret("Re-enter new password:", "keypass1"),
        ],
    );
    assert!(text.contains(
        "\tfor: CN=x\n\
         Enter key password for <k>\n\t(RETURN if same as keystore password):  \n\
         Key password is too short - must be at least 6 characters\n\
         Enter key password for <k>\n\t(RETURN if same as keystore password):  \n\
         Re-enter new password: \n\
         They don't match. Try again\n"
    ));
    // The key opens with the password typed twice, in both keystores.
    for dir in [&kd, &rd] {
        let ks = dir.join("ks.jks");
        both.env
            .keytool(&[
                "-certreq",
                "-keystore",
                ks.to_str().expect("utf-8"),
                "-storepass",
                "changeit",
                "-alias",
                "k",
                "-keypass",
                "keypass1",
            ])
            .ok();
    }
}

#[test]
fn jks_key_password_return_keeps_the_store_password() {
    let both = Both::new();
    let (_, _, rd) = both.same(
        &[
            "-genkeypair",
            "-keystore",
            "ks.jks",
            "-storetype",
            "JKS",
            "-storepass",
            "changeit",
            "-alias",
            "k",
            "-keyalg",
            "EC",
            "-dname",
            "CN=x",
        ],
        &[Secret("keystore password):", "")],
    );
    both.env
        .keytool(&[
            "-certreq",
            "-keystore",
            rd.join("ks.jks").to_str().expect("utf-8"),
            "-storepass",
            "changeit",
            "-alias",
            "k",
        ])
        .ok();
}

#[test]
fn certreq_asks_the_key_password_as_keytool() {
    let both = Both::new();
    setup(
        &both,
        &[
            "-genkeypair",
            "-keystore",
            "ks.jks",
            "-storetype",
            "JKS",
            "-storepass",
            "changeit",
            "-keypass",
            "keypass1",
            "-alias",
            "k",
            "-keyalg",
            "EC",
            "-dname",
            "CN=x",
        ],
    );
    let (text, _, _) = both.same(
        &[
            "-certreq",
            "-keystore",
            "ks.jks",
            "-alias",
            "k",
            "-file",
            "k.csr",
            "-v",
        ],
        &[
            Secret("Enter keystore password:", "changeit"),
            Secret("Enter key password for <k>", "keypass1"),
        ],
    );
    assert!(text.starts_with(
        "Enter keystore password:  \n\
         Enter key password for <k>\n\
         Certification request stored in file <k.csr>\n\
         Submit this to your CA\n"
    ));
}

#[test]
fn importkeystore_asks_the_destination_password_first() {
    let both = Both::new();
    setup(
        &both,
        &[
            "-genkeypair",
            "-keystore",
            "src.p12",
            "-storepass",
            "srcpass1",
            "-alias",
            "k",
            "-keyalg",
            "EC",
            "-dname",
            "CN=x",
        ],
    );
    let (text, _, _) = both.same(
        &[
            "-importkeystore",
            "-srckeystore",
            "src.p12",
            "-destkeystore",
            "dest.p12",
            "-v",
        ],
        &[
            Secret("Enter destination keystore password:", "destpass"),
            Secret("Re-enter new password:", "destpass"),
            Secret("Enter source keystore password:", "srcpass1"),
        ],
    );
    assert_same_text(
        &text,
        "Importing keystore src.p12 to dest.p12...\n\
         Enter destination keystore password:  \n\
         Re-enter new password: \n\
         Enter source keystore password:  \n\
         Entry for alias k successfully imported.\n\
         Import command completed:  1 entries successfully imported, 0 entries failed or cancelled\n\
         [Storing dest.p12]\n",
        "transcript",
    );
}

/// A keystore `ks.p12` (password changeit) and a self-signed certificate
/// `other.cer` that it does not hold.
fn store_and_stranger(both: &Both) {
    for (ks, alias) in [("ks.p12", "k"), ("other.p12", "o")] {
        setup(
            both,
            &[
                "-genkeypair",
                "-keystore",
                ks,
                "-storepass",
                "changeit",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-dname",
                "CN=x",
            ],
        );
    }
    setup(
        both,
        &[
            "-exportcert",
            "-keystore",
            "other.p12",
            "-storepass",
            "changeit",
            "-alias",
            "o",
            "-file",
            "other.cer",
        ],
    );
}

#[test]
fn a_declined_certificate_is_not_added_and_the_exit_status_is_0() {
    let both = Both::new();
    store_and_stranger(&both);
    let before = both.env.read("ks.p12");
    let (text, kd, rd) = both.same(
        &[
            "-importcert",
            "-keystore",
            "ks.p12",
            "-storepass",
            "changeit",
            "-alias",
            "t",
            "-file",
            "other.cer",
        ],
        &[
            Type("Trust this certificate? [no]:", "maybe"),
            Type("Trust this certificate? [no]:", "no"),
        ],
    );
    assert!(text.ends_with(
        "Trust this certificate? [no]:  maybe\n\
         Wrong answer, try again\n\
         Trust this certificate? [no]:  no\n\
         Certificate was not added to keystore\n"
    ));
    assert_eq!(std::fs::read(rd.join("ks.p12")).expect("read"), before);
    assert_eq!(std::fs::read(kd.join("ks.p12")).expect("read"), before);
}

#[test]
fn an_accepted_certificate_is_added_and_stored() {
    let both = Both::new();
    store_and_stranger(&both);
    let (text, _, rd) = both.same(
        &[
            "-importcert",
            "-keystore",
            "ks.p12",
            "-storepass",
            "changeit",
            "-alias",
            "t",
            "-file",
            "other.cer",
            "-v",
        ],
        &[Type("Trust this certificate? [no]:", "YES")],
    );
    assert!(text.ends_with(
        "Trust this certificate? [no]:  YES\n\
         Certificate was added to keystore\n\
         [Storing ks.p12]\n"
    ));
    both.env
        .keytool(&[
            "-list",
            "-keystore",
            rd.join("ks.p12").to_str().expect("utf-8"),
            "-storepass",
            "changeit",
            "-alias",
            "t",
        ])
        .ok();
}

#[test]
fn the_same_certificate_twice_is_asked_about_and_return_means_no() {
    let both = Both::new();
    store_and_stranger(&both);
    setup(
        &both,
        &[
            "-exportcert",
            "-keystore",
            "ks.p12",
            "-storepass",
            "changeit",
            "-alias",
            "k",
            "-file",
            "k.cer",
        ],
    );
    let (text, _, _) = both.same(
        &[
            "-importcert",
            "-keystore",
            "ks.p12",
            "-storepass",
            "changeit",
            "-alias",
            "t",
            "-file",
            "k.cer",
        ],
        &[Type("Do you still want to add it? [no]:", "")],
    );
    assert_same_text(
        &text,
        "Certificate already exists in keystore under alias <k>\n\
         Do you still want to add it? [no]:  \n\
         Certificate was not added to keystore\n",
        "transcript",
    );
}

#[test]
fn storepasswd_new_password_rules_and_three_tries() {
    let both = Both::new();
    store_and_stranger(&both);
    let (text, _, _) = both.same(
        &["-storepasswd", "-keystore", "ks.p12"],
        &[
            Secret("Enter keystore password:", "changeit"),
            Secret("New keystore password:", "abc"),
            Secret("New keystore password:", "changeit"),
            Secret("New keystore password:", "newpass1"),
            Secret("Re-enter new keystore password:", "newpass2"),
        ],
    );
    assert_same_text(
        &text,
        "Enter keystore password:  \n\
         New keystore password: \n\
         Password is too short - must be at least 6 characters\n\
         New keystore password: \n\
         Passwords must differ\n\
         New keystore password: \n\
         Re-enter new keystore password: \n\
         They don't match. Try again\n\
         rkeytool error: Too many failures - try later\n",
        "transcript",
    );
}

#[test]
fn storepasswd_changes_the_password_typed_twice() {
    let both = Both::new();
    store_and_stranger(&both);
    let (_, _, rd) = both.same(
        &["-storepasswd", "-keystore", "ks.p12", "-v"],
        &[
            Secret("Enter keystore password:", "changeit"),
            Secret("New keystore password:", "newpass1"),
            Secret("Re-enter new keystore password:", "newpass1"),
        ],
    );
    both.env
        .keytool(&[
            "-list",
            "-keystore",
            rd.join("ks.p12").to_str().expect("utf-8"),
            "-storepass",
            "newpass1",
        ])
        .ok();
}

#[test]
fn delete_and_changealias_ask_for_the_alias_before_the_password() {
    let both = Both::new();
    store_and_stranger(&both);
    let (text, _, _) = both.same(
        &["-changealias", "-keystore", "ks.p12", "-alias", "k", "-v"],
        &[
            Type("Enter destination alias name:", "k2"),
            Secret("Enter keystore password:", "changeit"),
        ],
    );
    assert_same_text(
        &text,
        "Enter destination alias name:  k2\nEnter keystore password:  \n[Storing ks.p12]\n",
        "changealias",
    );
    let (text, _, _) = both.same(
        &["-delete", "-keystore", "ks.p12", "-v"],
        &[
            Type("Enter alias name:", "k"),
            Secret("Enter keystore password:", "changeit"),
        ],
    );
    assert_same_text(
        &text,
        "Enter alias name:  k\nEnter keystore password:  \n[Storing ks.p12]\n",
        "delete",
    );
}

/// A JKS keystore `ks.jks` (store password changeit) whose key `k` has its
/// own password keypass1, and a PKCS12 `src.p12` with another key `k`.
fn jks_with_key_password(both: &Both) {
    setup(
        both,
        &[
            "-genkeypair",
            "-keystore",
            "ks.jks",
            "-storetype",
            "JKS",
            "-storepass",
            "changeit",
            "-keypass",
            "keypass1",
            "-alias",
            "k",
            "-keyalg",
            "EC",
            "-dname",
            "CN=x",
        ],
    );
    setup(
        both,
        &[
            "-genkeypair",
            "-keystore",
            "src.p12",
            "-storepass",
            "changeit",
            "-alias",
            "k",
            "-keyalg",
            "EC",
            "-dname",
            "CN=y",
        ],
    );
}

#[test]
fn keypasswd_asks_the_old_key_password_then_a_new_one_twice() {
    let both = Both::new();
    jks_with_key_password(&both);
    let (text, _, rd) = both.same(
        &["-keypasswd", "-keystore", "ks.jks", "-alias", "k", "-v"],
        &[
            Secret("Enter keystore password:", "changeit"),
            Secret("Enter key password for <k>", "keypass1"),
            Secret("New key password for <k>:", "keypass1"),
            Secret("New key password for <k>:", "newpass1"),
            Secret("Re-enter new key password for <k>:", "newpass1"),
        ],
    );
    assert!(text.starts_with(
        "Enter keystore password:  \n\
         Enter key password for <k>\n\
         New key password for <k>: \n\
         Passwords must differ\n\
         New key password for <k>: \n\
         Re-enter new key password for <k>: \n\
         [Storing ks.jks]\n"
    ));
    both.env
        .keytool(&[
            "-certreq",
            "-keystore",
            rd.join("ks.jks").to_str().expect("utf-8"),
            "-storepass",
            "changeit",
            "-alias",
            "k",
            "-keypass",
            "newpass1",
        ])
        .ok();
}

#[test]
fn importkeystore_overwrite_declined_then_no_new_alias_imports_nothing() {
    let both = Both::new();
    jks_with_key_password(&both);
    let (text, kd, rd) = both.same(
        &[
            "-importkeystore",
            "-srckeystore",
            "src.p12",
            "-destkeystore",
            "ks.jks",
        ],
        &[
            Secret("Enter destination keystore password:", "changeit"),
            Secret("Enter source keystore password:", "changeit"),
            Type("overwrite? [no]:", "no"),
            Type("(RETURN to cancel import for this entry):", ""),
        ],
    );
    assert!(text.starts_with(
        "Importing keystore src.p12 to ks.jks...\n\
         Enter destination keystore password:  \n\
         Enter source keystore password:  \n\
         Existing entry alias k exists, overwrite? [no]:  no\n\
         Enter new alias name\t(RETURN to cancel import for this entry):  \n\
         Entry for alias k not imported.\n\
         Import command completed:  0 entries successfully imported, 1 entries failed or cancelled\n"
    ));
    // The key kept its own password in both keystores.
    for dir in [&kd, &rd] {
        both.env
            .keytool(&[
                "-certreq",
                "-keystore",
                dir.join("ks.jks").to_str().expect("utf-8"),
                "-storepass",
                "changeit",
                "-alias",
                "k",
                "-keypass",
                "keypass1",
            ])
            .ok();
    }
    // Both list the same entries afterwards.
    let list = |dir: &Path| {
        both.env
            .keytool(&[
                "-list",
                "-keystore",
                dir.join("ks.jks").to_str().expect("utf-8"),
                "-storepass",
                "changeit",
            ])
            .ok()
            .stdout
    };
    assert_eq!(list(&rd), list(&kd));
}
