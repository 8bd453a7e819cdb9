//! `-keytoolversion 17|21|25` and `RKEYTOOL_KEYTOOL_VERSION`: which keytool
//! generation to follow (default 25), and what `-version` prints.
//!
//! The option is taken by every command, anywhere on the line, as keytool
//! takes `-J` options; it is removed before the command line is parsed.

use super::error::{CliError, CliResult, Fault};
use rkeytool::Generation;
use rkeytool::generation::ENV_VAR;

/// The option's name, without the dash.
pub const OPTION: &str = "keytoolversion";

/// Takes `-keytoolversion` out of `args`, chooses the generation (the
/// option, else the environment variable, else 25) and returns the rest.
pub fn choose(args: Vec<String>) -> CliResult<Vec<String>> {
    let mut rest = Vec::with_capacity(args.len());
    let mut given: Option<String> = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        if arg
            .strip_prefix('-')
            .is_some_and(|w| w.eq_ignore_ascii_case(OPTION))
        {
            let value = it
                .next()
                .ok_or_else(|| CliError::from(Fault::GenerationNeedsValue(arg.clone())))?;
            given = Some(value);
        } else {
            rest.push(arg);
        }
    }
    let generation = match given {
        Some(v) => Generation::parse(&v).ok_or_else(|| Fault::IllegalGeneration(v.clone()))?,
        None => match std::env::var(ENV_VAR) {
            Ok(v) if !v.trim().is_empty() => {
                Generation::parse(&v).ok_or_else(|| Fault::IllegalGenerationEnv(v.clone()))?
            }
            _ => Generation::DEFAULT,
        },
    };
    Generation::set_current(generation);
    Ok(rest)
}

/// What `-version` prints: ours and the keytool generation followed, in
/// keytool's style (`keytool 25.0.2`).
pub fn version_line() -> String {
    format!(
        "rkeytool {} (follows keytool {})\n",
        env!("CARGO_PKG_VERSION"),
        Generation::current().major()
    )
}
