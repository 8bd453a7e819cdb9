//! Issue 14: writes that keep the file. A keystore edited by rkeytool is,
//! apart from its contents, the same file it was: same path, same links,
//! same owner, group, mode, ACLs and extended attributes; every writer takes
//! the same lock; no file or stream can make a command take unbounded memory.

use crate::util::*;
use rkeytool::{Password, storage};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn ec_key(env: &Env, keystore: &str, alias: &str) -> Run {
    env.rk(&[
        "-genkeypair",
        "-keyalg",
        "EC",
        "-alias",
        alias,
        "-dname",
        &format!("CN={alias}"),
        "-keystore",
        keystore,
        "-storepass",
        PW,
    ])
}

fn import_ca(env: &Env, keystore: &str, alias: &str) -> Run {
    env.sh(&format!(
        "-importcert -noprompt -alias {alias} -file ca.pem -keystore {keystore} -storepass {PW}"
    ))
}

fn aliases(path: &Path) -> Vec<String> {
    let ks = storage::decode(&std::fs::read(path).unwrap(), Some(&Password::new(PW))).unwrap();
    ks.sorted_aliases().iter().map(|a| a.to_string()).collect()
}

fn is_link(p: &Path) -> bool {
    std::fs::symlink_metadata(p)
        .unwrap()
        .file_type()
        .is_symlink()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().mode() & 0o7777
}

/// What `getfacl` says of a file, without its name line.
fn getfacl(p: &Path) -> String {
    let o = Command::new("getfacl")
        .arg("-n")
        .arg(p)
        .output()
        .expect("getfacl (package acl) must be installed");
    assert!(o.status.success(), "getfacl failed");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.starts_with("# file:"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn setfacl(args: &[&str], p: &Path) {
    let st = Command::new("setfacl")
        .args(args)
        .arg(p)
        .status()
        .expect("setfacl (package acl) must be installed");
    assert!(st.success(), "setfacl {args:?} failed");
}

/// `sh -c SCRIPT` in the test folder, with `$RK` the binary.
fn sh(env: &Env, script: &str) -> Run {
    let o = pinned(Command::new("sh").arg("-c").arg(script), env.dir.path())
        .env("RK", rkeytool_bin())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        status: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

#[test]
fn symlinks_absolute_relative_and_chained_are_written_through() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    std::fs::create_dir(env.path("sub")).unwrap();
    ec_key(&env, "sub/real.p12", "first").ok();
    let real = env.path("sub/real.p12");
    // The Debian layout: lib/security/cacerts -> /etc/ssl/certs/java/cacerts.
    std::os::unix::fs::symlink("sub/real.p12", env.path("rel.p12")).unwrap();
    std::os::unix::fs::symlink(env.path("rel.p12"), env.path("abs.p12")).unwrap();
    std::os::unix::fs::symlink("abs.p12", env.path("chain.p12")).unwrap();
    for (link, alias) in [
        ("rel.p12", "viarel"),
        ("abs.p12", "viaabs"),
        ("chain.p12", "viachain"),
    ] {
        import_ca(&env, link, alias).ok();
        assert!(is_link(&env.path(link)), "{link} must stay a link");
        assert!(
            aliases(&real).contains(&alias.to_string()),
            "{link}: target not updated"
        );
    }
    for link in ["rel.p12", "abs.p12", "chain.p12"] {
        assert!(is_link(&env.path(link)));
    }
    assert_eq!(mode(&real), 0o600);
    // keytool reads the target through the chain, and writes through links too.
    let l = env
        .kt(&format!("-list -keystore chain.p12 -storepass {PW}"))
        .ok();
    assert!(
        l.stdout.contains("Your keystore contains 4 entries"),
        "{}",
        l.stdout
    );
    env.kt(&format!(
        "-importcert -noprompt -alias bykeytool -file ca.pem -keystore chain.p12 -storepass {PW}"
    ))
    .ok();
    assert!(is_link(&env.path("chain.p12")));
    assert!(aliases(&real).contains(&"bykeytool".to_string()));
}

#[test]
fn dangling_links_are_written_through_as_keytool_does() {
    let env = Env::new();
    std::fs::create_dir(env.path("sub")).unwrap();
    std::os::unix::fs::symlink("sub/new.p12", env.path("ours.p12")).unwrap();
    std::os::unix::fs::symlink("sub/theirs.p12", env.path("theirs.p12")).unwrap();
    ec_key(&env, "ours.p12", "k").ok();
    env.kt(&format!(
        "-genkeypair -keyalg EC -alias k -dname CN=k -keystore theirs.p12 -storepass {PW}"
    ))
    .ok();
    for (link, target) in [
        ("ours.p12", "sub/new.p12"),
        ("theirs.p12", "sub/theirs.p12"),
    ] {
        assert!(is_link(&env.path(link)), "{link} must stay a link");
        assert!(env.path(target).is_file(), "{target} must be created");
    }
    // A new keystore is private, through a link as elsewhere.
    assert_eq!(mode(&env.path("sub/new.p12")), 0o600);

    // Output files: a link to an existing file, and a dangling one.
    std::fs::write(env.path("sub/old.pem"), b"old").unwrap();
    std::os::unix::fs::symlink("sub/old.pem", env.path("cert.pem")).unwrap();
    std::os::unix::fs::symlink("sub/csr.pem", env.path("csr.pem")).unwrap();
    std::os::unix::fs::symlink("sub/key.pem", env.path("key.pem")).unwrap();
    let base = ["-alias", "k", "-keystore", "ours.p12", "-storepass", PW];
    env.rk(&[&["-exportcert", "-rfc", "-file", "cert.pem"], &base[..]].concat())
        .ok();
    env.rk(&[&["-certreq", "-file", "csr.pem"], &base[..]].concat())
        .ok();
    env.rk(&[&["-exportkey", "-nocrypt", "-file", "key.pem"], &base[..]].concat())
        .ok();
    for (link, target) in [
        ("cert.pem", "sub/old.pem"),
        ("csr.pem", "sub/csr.pem"),
        ("key.pem", "sub/key.pem"),
    ] {
        assert!(is_link(&env.path(link)), "{link} must stay a link");
        assert!(
            env.read(target).starts_with(b"-----BEGIN"),
            "{target} not written"
        );
    }
    assert_eq!(mode(&env.path("sub/key.pem")), 0o600);
    // -exportkey never overwrites, through a link either.
    env.rk(&[&["-exportkey", "-nocrypt", "-file", "cert.pem"], &base[..]].concat())
        .fails_with("exists; refusing to overwrite it");
    env.sh_openssl("x509 -in sub/old.pem -noout").ok();
}

#[test]
fn owner_group_mode_acl_and_xattrs_are_kept_on_rewrite() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    ec_key(&env, "svc.p12", "svc").ok();
    let ks = env.path("svc.p12");
    // A service's keystore: tomcat:tomcat 0640, readable by kafka through an ACL.
    std::os::unix::fs::chown(&ks, Some(4242), Some(4242)).unwrap();
    std::fs::set_permissions(&ks, std::fs::Permissions::from_mode(0o640)).unwrap();
    setfacl(&["-m", "u:4243:r"], &ks);
    rustix::fs::setxattr(
        &ks,
        "user.rkeytool.note",
        b"keep me",
        rustix::fs::XattrFlags::empty(),
    )
    .unwrap();
    let acl = getfacl(&ks);
    assert!(acl.contains("user:4243:r--"), "{acl}");
    // A default ACL on the folder must not leak onto the rewritten file.
    setfacl(&["-d", "-m", "u:4244:rw"], env.dir.path());

    import_ca(&env, "svc.p12", "ca").ok(); // as root, like an admin would
    ec_key(&env, "svc.p12", "second").ok();
    env.sh(&format!(
        "-delete -alias second -keystore svc.p12 -storepass {PW}"
    ))
    .ok();

    let m = std::fs::metadata(&ks).unwrap();
    assert_eq!((m.uid(), m.gid()), (4242, 4242), "owner and group kept");
    assert_eq!(mode(&ks), 0o640, "mode kept");
    assert_eq!(getfacl(&ks), acl, "ACL kept, nothing added");
    let mut v = [0u8; 64];
    let n = rustix::fs::getxattr(&ks, "user.rkeytool.note", &mut v[..]).unwrap();
    assert_eq!(&v[..n], b"keep me", "user xattr kept");
    assert_eq!(aliases(&ks), ["ca", "svc"]);
    // The service (uid 4242) and kafka (4243, through the ACL) can still read it.
    for uid in ["4242", "4243"] {
        let r = Command::new("setpriv")
            .args(["--reuid", uid, "--regid", uid, "--clear-groups", "cat"])
            .arg(&ks)
            .output()
            .expect("setpriv (util-linux) must be installed");
        assert!(r.status.success(), "uid {uid} cannot read the keystore");
    }
}

/// A folder the unprivileged user 4243 can use, holding a keystore owned by 4242.
fn shared_store(env: &Env, folder_mode: u32) -> std::path::PathBuf {
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir(env.path("shared")).unwrap();
    std::fs::copy(fixture("ca.pem"), env.path("shared/ca.pem")).unwrap();
    ec_key(env, "shared/app.p12", "app").ok();
    let ks = env.path("shared/app.p12");
    std::os::unix::fs::chown(&ks, Some(4242), Some(4242)).unwrap();
    std::fs::set_permissions(&ks, std::fs::Permissions::from_mode(0o640)).unwrap();
    setfacl(&["-m", "u:4243:rw"], &ks);
    std::fs::set_permissions(
        env.path("shared"),
        std::fs::Permissions::from_mode(folder_mode),
    )
    .unwrap();
    ks
}

fn as_user_4243(env: &Env, args: &[&str]) -> Run {
    let o = pinned(
        Command::new("setpriv")
            .args(["--reuid", "4243", "--regid", "4243", "--clear-groups"])
            .arg(rkeytool_bin())
            .args(args),
        &env.path("shared"),
    )
    .stdin(Stdio::null())
    .output()
    .expect("setpriv (util-linux) must be installed");
    Run {
        status: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

#[test]
fn another_users_keystore_is_rewritten_in_place_keeping_its_owner() {
    let env = Env::new();
    let ks = shared_store(&env, 0o777);
    let acl = getfacl(&ks);
    let (ino, mode_before) = (std::fs::metadata(&ks).unwrap().ino(), mode(&ks));
    assert_eq!(
        mode_before, 0o660,
        "the ACL's rw mask shows in the group bits"
    );
    // uid 4243 may write the file (ACL) but cannot give a new file to uid 4242.
    as_user_4243(
        &env,
        &[
            "-importcert",
            "-noprompt",
            "-alias",
            "ca",
            "-file",
            "ca.pem",
            "-keystore",
            "app.p12",
            "-storepass",
            PW,
        ],
    )
    .ok();
    let m = std::fs::metadata(&ks).unwrap();
    assert_eq!(
        (m.uid(), m.gid(), m.ino()),
        (4242, 4242, ino),
        "same file, same owner"
    );
    assert_eq!(mode(&ks), mode_before);
    assert_eq!(getfacl(&ks), acl);
    assert_eq!(aliases(&ks), ["app", "ca"]);
    let left: Vec<_> = std::fs::read_dir(env.path("shared"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "backup or temporary left behind: {left:?}");
}

#[test]
fn when_the_owner_cannot_be_kept_the_write_is_refused_and_the_last_line_says_so() {
    let env = Env::new();
    // The folder is not writable by uid 4243: no new file, and no backup copy.
    let ks = shared_store(&env, 0o755);
    let before = std::fs::read(&ks).unwrap();
    let r = as_user_4243(
        &env,
        &[
            "-genkeypair",
            "-keyalg",
            "EC",
            "-alias",
            "new",
            "-dname",
            "CN=new",
            "-keystore",
            "app.p12",
            "-storepass",
            PW,
        ],
    )
    .fails_with(
        "app.p12: cannot rewrite it in place (no new file can be made in its folder: Permission denied (os error 13)) without a backup copy beside it, and that cannot be written: Permission denied (os error 13); the file is unchanged",
    );
    assert!(r.stderr.contains("Generating 256 bit EC"), "{}", r.stderr);
    let last = r.stderr.lines().rfind(|l| !l.is_empty()).unwrap();
    assert!(
        last.starts_with("rkeytool error: ") && last.ends_with("the file is unchanged"),
        "{last}"
    );
    assert_eq!(
        std::fs::read(&ks).unwrap(),
        before,
        "byte for byte unchanged"
    );
    assert_eq!(std::fs::metadata(&ks).unwrap().uid(), 4242);
}

#[test]
fn a_write_that_fails_after_generating_ends_on_the_truth() {
    let env = Env::new();
    // RLIMIT_FSIZE of 1 KiB with SIGXFSZ ignored: the write fails with EFBIG.
    let generate = "trap '' XFSZ; ulimit -f 1; exec \"$RK\" -genkeypair -keyalg RSA -alias k -dname CN=k -keystore ks.p12 -storepass changeit";
    let r =
        sh(&env, generate).fails_with("ks.p12: File too large (os error 27); nothing was written");
    assert!(
        r.stderr.starts_with("Generating 2,048 bit RSA key pair"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("rkeytool error: ")
    );
    assert!(!env.path("ks.p12").exists());
    ec_key(&env, "ks.p12", "first").ok();
    let before = env.read("ks.p12");
    sh(&env, generate).fails_with("ks.p12: File too large (os error 27); the file is unchanged");
    assert_eq!(env.read("ks.p12"), before);
    let left = std::fs::read_dir(env.dir.path()).unwrap().count();
    assert_eq!(left, 1, "no temporary left behind");
}

#[test]
fn hard_links_stay_one_file() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    std::fs::create_dir(env.path("other")).unwrap();
    ec_key(&env, "ks.p12", "k").ok();
    std::fs::hard_link(env.path("ks.p12"), env.path("other/same.p12")).unwrap();
    let ino = std::fs::metadata(env.path("ks.p12")).unwrap().ino();
    import_ca(&env, "ks.p12", "viafirst").ok();
    import_ca(&env, "other/same.p12", "viasecond").ok();
    env.sh(&format!(
        "-delete -alias k -keystore ks.p12 -storepass {PW}"
    ))
    .ok();
    for name in ["ks.p12", "other/same.p12"] {
        let m = std::fs::metadata(env.path(name)).unwrap();
        assert_eq!(
            (m.ino(), m.nlink()),
            (ino, 2),
            "{name}: still one file, two names"
        );
        assert_eq!(aliases(&env.path(name)), ["viafirst", "viasecond"]);
    }
    let l = env
        .kt(&format!("-list -keystore other/same.p12 -storepass {PW}"))
        .ok();
    assert!(l.stdout.contains("Your keystore contains 2 entries"));
    let hidden = std::fs::read_dir(env.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .count();
    assert_eq!(hidden, 0, "no backup copy left behind");
}

#[test]
fn killed_in_place_writers_leave_the_old_or_the_new_keystore() {
    let env = Env::new();
    env.copy_fixture("ca.pem");
    // A big enough store that a write takes a while, hard-linked.
    big_truststore(&env, "big.p12", 300);
    std::fs::hard_link(env.path("big.p12"), env.path("twin.p12")).unwrap();
    let t0 = Instant::now();
    import_ca(&env, "big.p12", "timing").ok();
    let window = (t0.elapsed().as_micros() as u64).max(1000);
    let read = |name: &str| entry_count(&storage::read_keystore(&env.path(name)).unwrap());
    let mut current = read("big.p12");
    let (mut kept, mut replaced) = (0, 0);
    for i in 0..16u64 {
        let line = format!(
            "-importcert -noprompt -alias new{i} -file ca.pem -keystore big.p12 -storepass {PW}"
        );
        kill_after(
            &env,
            &line,
            Duration::from_micros(window * (i % 8 + 2) / 10),
        );
        // What any reader (rkeytool's own read) sees, through either name.
        for name in ["big.p12", "twin.p12"] {
            let n = read(name);
            assert!(n == current || n == current + 1, "round {i}: {n} entries");
        }
        match read("big.p12") {
            n if n == current => kept += 1,
            n => (replaced, current) = (replaced + 1, n),
        }
        // The next writer puts back an interrupted rewrite before reading.
        env.sh(&format!("-list -keystore twin.p12 -storepass {PW}"))
            .ok();
    }
    eprintln!("in-place kill test: {kept} kept, {replaced} replaced");
    import_ca(&env, "big.p12", "final").ok();
    let after = env.read("big.p12");
    assert_eq!(after, env.read("twin.p12"));
    assert_eq!(entry_count(&after), current + 1);
    assert_eq!(std::fs::metadata(env.path("big.p12")).unwrap().nlink(), 2);
    let hidden = files_in(env.dir.path(), |n| n.starts_with('.'));
    assert!(hidden.is_empty(), "left behind: {hidden:?}");
}

#[test]
fn importkeystore_and_genkeypair_at_once_both_land_every_time() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    ec_key(&env, "dest.p12", "start").ok();
    let rounds = 12;
    for r in 0..rounds {
        import_ca(&env, &format!("src{r}.p12"), &format!("imported{r}")).ok();
    }
    for r in 0..rounds {
        let spawn = |args: Vec<String>| {
            rkeytool_in(env.dir.path())
                .args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let src = format!("src{r}.p12");
        let alias = format!("generated{r}");
        let a = spawn(strs(&[
            "-importkeystore",
            "-noprompt",
            "-srckeystore",
            &src,
            "-srcstorepass",
            PW,
            "-destkeystore",
            "dest.p12",
            "-deststorepass",
            PW,
        ]));
        let b = spawn(strs(&[
            "-genkeypair",
            "-keyalg",
            "EC",
            "-alias",
            &alias,
            "-dname",
            "CN=g",
            "-keystore",
            "dest.p12",
            "-storepass",
            PW,
        ]));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
        assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
        let found = aliases(&env.path("dest.p12"));
        assert!(
            found.contains(&format!("imported{r}")) && found.contains(&alias),
            "round {r}: a change was lost: {found:?}"
        );
    }
    assert_eq!(aliases(&env.path("dest.p12")).len(), 1 + 2 * rounds);
}

#[test]
fn keystore_names_up_to_255_bytes_are_written() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    for len in [225usize, 240, 255] {
        let name = format!("{}.p12", "k".repeat(len - 4));
        assert_eq!(name.len(), len);
        ec_key(&env, &name, "a").ok();
        import_ca(&env, &name, "ca").ok();
        let l = env
            .kt(&format!("-list -keystore {name} -storepass {PW}"))
            .ok();
        assert!(l.stdout.contains("Your keystore contains 2 entries"));
    }
}

#[test]
fn public_outputs_follow_the_umask_and_secrets_stay_0600() {
    let env = Env::new();
    ec_key(&env, "ks.p12", "k").ok();
    ec_key(&env, "ca.p12", "ca").ok();
    let store = "-keystore ks.p12 -storepass changeit -alias k";
    for (umask, public) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let d = format!("u{umask}");
        std::fs::create_dir(env.path(&d)).unwrap();
        sh(&env, &format!(
            "umask {umask} && \"$RK\" -exportcert {store} -file {d}/c.der && \
             \"$RK\" -certreq {store} -file {d}/r.csr && \
             \"$RK\" -gencert -keystore ca.p12 -storepass changeit -alias ca -infile {d}/r.csr -outfile {d}/issued.der && \
             \"$RK\" -exportkey -nocrypt {store} -file {d}/k.pem && \
             \"$RK\" -genkeypair -keyalg EC -alias n -dname CN=n -keystore {d}/new.p12 -storepass changeit && \
             keytool -exportcert {store} -file {d}/keytool.der"
        ))
        .ok();
        for f in ["c.der", "r.csr", "issued.der"] {
            assert_eq!(
                mode(&env.path(&format!("{d}/{f}"))),
                public,
                "umask {umask}: {f}"
            );
        }
        assert_eq!(
            mode(&env.path(&format!("{d}/keytool.der"))),
            public,
            "keytool's own"
        );
        for f in ["k.pem", "new.p12"] {
            assert_eq!(
                mode(&env.path(&format!("{d}/{f}"))),
                0o600,
                "umask {umask}: {f}"
            );
        }
    }
}

/// Runs rkeytool with stdin from `stdin_file`, under a 256 MiB address-space
/// limit: an attempt to read a big input whole dies instead of passing.
fn rk_bounded(env: &Env, args: &str, stdin_file: &str) -> (Run, Duration) {
    let t0 = Instant::now();
    let r = sh(
        env,
        &format!("ulimit -v 262144; exec \"$RK\" {args} < {stdin_file}"),
    );
    (r, t0.elapsed())
}

#[test]
fn endless_and_huge_inputs_fail_fast_with_one_line() {
    let env = Env::new();
    ec_key(&env, "ks.p12", "k").ok();
    let sparse = env.path("huge.p12");
    let st = Command::new("truncate")
        .args(["-s", "3G"])
        .arg(&sparse)
        .status()
        .unwrap();
    assert!(st.success());
    std::os::unix::fs::symlink("huge.p12", env.path("huge.pem")).unwrap();
    let cases: [(&str, &str, &str); 12] = [
        // A password read from a non-terminal stdin.
        (
            "-list -keystore ks.p12",
            "/dev/zero",
            "standard input: too large: rkeytool reads at most 64 KiB for a password line",
        ),
        (
            "-list -keystore ks.p12 -storepass:file /dev/zero",
            "/dev/null",
            "/dev/zero: too large: rkeytool reads at most 64 KiB for a password line (given with -storepass:file)",
        ),
        // Keystores.
        (
            "-list -keystore /dev/zero -storepass changeit",
            "/dev/null",
            "/dev/zero: not a keystore: neither JKS nor PKCS#12",
        ),
        (
            "-list -keystore huge.p12 -storepass changeit",
            "/dev/null",
            "huge.p12: too large: rkeytool reads at most 512 MiB for a keystore",
        ),
        (
            "-verify -keystore huge.p12 -storepass changeit",
            "/dev/null",
            "huge.p12: too large: rkeytool reads at most 512 MiB for a keystore",
        ),
        (
            "-importkeystore -srckeystore huge.p12 -srcstorepass changeit -destkeystore d.p12 -deststorepass changeit",
            "/dev/null",
            "huge.p12: too large: rkeytool reads at most 512 MiB for a keystore",
        ),
        // -file, -infile, -keyfile and standard input.
        (
            "-printcert -file /dev/zero",
            "/dev/null",
            "/dev/zero: too large: rkeytool reads at most 16 MiB for a certificate or key file",
        ),
        (
            "-printcert -file huge.pem",
            "/dev/null",
            "huge.pem: too large: rkeytool reads at most 16 MiB for a certificate or key file",
        ),
        (
            "-printcert",
            "/dev/zero",
            "standard input: too large: rkeytool reads at most 16 MiB for a certificate or key file",
        ),
        (
            "-importcert -noprompt -alias c -keystore ks.p12 -storepass changeit -file huge.pem",
            "/dev/null",
            "huge.pem: too large: rkeytool reads at most 16 MiB",
        ),
        (
            "-gencert -alias k -keystore ks.p12 -storepass changeit -infile /dev/zero",
            "/dev/null",
            "/dev/zero: too large: rkeytool reads at most 16 MiB",
        ),
        (
            "-importkey -alias x -keyfile huge.pem -keyfilepass changeit -keystore ks.p12 -storepass changeit",
            "/dev/null",
            "huge.pem: too large: rkeytool reads at most 16 MiB",
        ),
    ];
    let before = env.read("ks.p12");
    for (args, stdin, message) in cases {
        let (r, took) = rk_bounded(&env, args, stdin);
        let r = r.fails_with(message);
        assert!(
            !r.stderr.contains("memory allocation"),
            "{args}: {}",
            r.stderr
        );
        assert!(took < Duration::from_secs(10), "{args}: took {took:?}");
    }
    assert_eq!(env.read("ks.p12"), before);
    assert!(!env.path("d.p12").exists());
    // keytool fails /dev/zero too (with its own words).
    let k = env.kt(&format!("-list -keystore /dev/zero -storepass {PW}"));
    assert_ne!(k.status, 0);
}

#[test]
fn a_tampered_jks_body_with_the_right_password_says_what_keytool_says() {
    let env = Env::new();
    env.kt(&format!(
        "-genkeypair -keyalg EC -alias k -dname CN=k -keystore t.jks -storetype JKS -storepass {PW}"
    ))
    .ok();
    let mut b = env.read("t.jks");
    let i = b.len() / 2;
    b[i] ^= 1;
    std::fs::write(env.path("t.jks"), &b).unwrap();
    let theirs = env.kt(&format!("-list -keystore t.jks -storepass {PW}"));
    assert!(
        format!("{}{}", theirs.stdout, theirs.stderr)
            .contains("Keystore was tampered with, or password was incorrect")
    );
    env.sh(&format!("-list -keystore t.jks -storepass {PW}"))
        .fails_with("rkeytool error: Keystore was tampered with, or password was incorrect");
    env.sh(&format!("-importkeystore -srckeystore t.jks -srcstorepass {PW} -destkeystore d.p12 -deststorepass {PW}"))
    .fails_with("t.jks: Keystore was tampered with, or password was incorrect");
    // PKCS12 keeps keytool's PKCS12 words.
    ec_key(&env, "p.p12", "k").ok();
    env.sh("-list -keystore p.p12 -storepass wrongpass")
        .fails_with("rkeytool error: keystore password was incorrect");
}

#[test]
fn every_writer_waits_for_the_lock_and_says_so() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    ec_key(&env, "dest.p12", "k").ok();
    import_ca(&env, "src.p12", "imported").ok();
    let writers: [&[&str]; 4] = [
        &[
            "-importkeystore",
            "-noprompt",
            "-srckeystore",
            "src.p12",
            "-srcstorepass",
            PW,
            "-destkeystore",
            "dest.p12",
            "-deststorepass",
            PW,
        ],
        &[
            "-genkeypair",
            "-keyalg",
            "EC",
            "-alias",
            "g",
            "-dname",
            "CN=g",
            "-keystore",
            "dest.p12",
            "-storepass",
            PW,
        ],
        &[
            "-delete",
            "-alias",
            "g",
            "-keystore",
            "dest.p12",
            "-storepass",
            PW,
        ],
        &[
            "-exportcert",
            "-alias",
            "k",
            "-keystore",
            "dest.p12",
            "-storepass",
            PW,
            "-file",
            "k.der",
        ],
    ];
    for args in writers {
        // Another writer holds the folder's lock.
        let held = std::fs::File::open(env.dir.path()).unwrap();
        held.lock().unwrap();
        let child = rkeytool_in(env.dir.path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(700));
        let mut child = child;
        assert!(
            child.try_wait().unwrap().is_none(),
            "{args:?} did not wait for the lock"
        );
        drop(held);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "Waiting for another rkeytool to finish writing in {} ...",
                env.dir.path().display()
            )),
            "{args:?}: {stderr}"
        );
    }
    assert!(aliases(&env.path("dest.p12")).contains(&"imported".to_string()));
}

#[test]
fn a_failed_in_place_rewrite_puts_the_old_bytes_back() {
    let env = Env::new();
    ec_key(&env, "ks.p12", "small").ok();
    std::fs::hard_link(env.path("ks.p12"), env.path("twin.p12")).unwrap();
    let before = env.read("ks.p12");
    assert!(before.len() < 2048, "the old store fits under the limit");
    // 2 KiB per file: the backup copy (the old bytes) fits, a store with an
    // RSA key does not, so the in-place write fails half-way.
    sh(
        &env,
        "trap '' XFSZ; ulimit -f 2; exec \"$RK\" -genkeypair -keyalg RSA -alias big -dname CN=big -keystore ks.p12 -storepass changeit",
    )
    .fails_with("ks.p12: rewriting it in place failed: File too large (os error 27); the old content was put back");
    assert_eq!(env.read("ks.p12"), before);
    assert_eq!(env.read("twin.p12"), before);
    assert_eq!(std::fs::metadata(env.path("ks.p12")).unwrap().nlink(), 2);
    let names = std::fs::read_dir(env.dir.path()).unwrap().count();
    assert_eq!(names, 2, "no backup or temporary left");
}

#[test]
fn writers_through_hard_links_in_two_folders_both_land() {
    let env = Env::new();
    std::fs::copy(fixture("ca.pem"), env.path("ca.pem")).unwrap();
    std::fs::create_dir(env.path("a")).unwrap();
    std::fs::create_dir(env.path("b")).unwrap();
    ec_key(&env, "a/ks.p12", "k").ok();
    std::fs::hard_link(env.path("a/ks.p12"), env.path("b/ks.p12")).unwrap();
    for round in 0..6 {
        let spawn = |name: &str, alias: String| {
            rkeytool_in(env.dir.path())
                .args([
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    &alias,
                    "-file",
                    "ca.pem",
                ])
                .args(["-keystore", name, "-storepass", PW])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let x = spawn("a/ks.p12", format!("x{round}"));
        let y = spawn("b/ks.p12", format!("y{round}"));
        assert!(x.wait_with_output().unwrap().status.success());
        assert!(y.wait_with_output().unwrap().status.success());
        let found = aliases(&env.path("b/ks.p12"));
        assert!(
            found.contains(&format!("x{round}")) && found.contains(&format!("y{round}")),
            "round {round}: a change was lost: {found:?}"
        );
    }
    assert_eq!(std::fs::metadata(env.path("a/ks.p12")).unwrap().nlink(), 2);
}
