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
