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
        .current_dir(env.dir.path())
        .output()
        .expect("man (scripts/test.sh installs man-db)");
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("rkeytool - keytool-compatible key and certificate management tool"));
    for c in help_commands(&env) {
        assert!(
            text.contains(&format!("   {c}\n")),
            "{c} missing from the man page"
        );
    }
}
