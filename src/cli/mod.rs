//! The command-line front end: keytool's syntax, prompts, output and error wording.

pub mod args;
pub mod commands;
pub mod conf;
pub mod error;
pub mod generation;
pub mod options;
pub mod prompt;
pub mod recover;
pub mod shell;
pub mod store;

use error::{CliError, CliResult, Fault};
use options::Invocation;
use std::io::Write;

/// Runs one invocation; returns the exit status.
pub fn run(args: Vec<String>) -> CliResult<i32> {
    let args = generation::choose(args)?;
    if let Some(text) = shell_text(&args)? {
        let mut out = std::io::stdout().lock();
        write_out(&mut out, &text)?;
        out.flush().map_err(io_err)?;
        return Ok(0);
    }
    let inv = options::parse(&args)?;
    let mut out = std::io::stdout().lock();
    match inv {
        Invocation::Help => write_out(&mut out, &options::general_help())?,
        Invocation::CommandHelp(c) => write_out(&mut out, &options::command_help(c))?,
        Invocation::Run(parsed) => {
            for j in &parsed.java_options {
                if let Some(zone) = j.strip_prefix("-Duser.timezone=") {
                    use rkeytool::calendar::LocalZone;
                    LocalZone::set_local(LocalZone::from_user_timezone(zone));
                    continue;
                }
                if j != "-Dkeystore.pkcs12.legacy" && !j.starts_with("-Dkeystore.pkcs12.legacy=") {
                    eprintln!("Note: ignoring JVM option -J{j}");
                }
            }
            let mut prompter = prompt::Prompter::new();
            let code = commands::run(&parsed, &mut prompter, &mut out)?;
            out.flush().map_err(io_err)?;
            return Ok(code);
        }
    }
    out.flush().map_err(io_err)?;
    Ok(0)
}

/// `-completions bash|zsh|fish` and `-manpage`: rkeytool's own words,
/// read before keytool's command line (they take nothing else).
fn shell_text(args: &[String]) -> CliResult<Option<String>> {
    let is = |a: &str, w: &str| {
        a.strip_prefix('-')
            .is_some_and(|x| x.eq_ignore_ascii_case(w))
    };
    match args {
        [a] if is(a, "manpage") => Ok(Some(shell::manpage())),
        [a, s] if is(a, "completions") => shell::completions(s).map(Some),
        [a, ..] if is(a, "completions") || is(a, "manpage") => Err(error::usage_line(a)),
        _ => Ok(None),
    }
}

/// Writes to stdout; a closed pipe ends the program quietly (see main).
pub fn write_out(out: &mut (impl Write + ?Sized), s: &str) -> CliResult<()> {
    out.write_all(s.as_bytes()).map_err(io_err)
}

/// Maps an output error; a closed pipe is [`error::Kind::BrokenPipe`].
pub fn io_err(e: std::io::Error) -> CliError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        CliError::broken_pipe()
    } else {
        Fault::Output(e).into()
    }
}
