//! Passwords from the command line, the environment, files, a terminal, or stdin.
//!
//! On a terminal we prompt without echo (new passwords twice). When stdin is
//! not a terminal we read one line from it, and when it is empty we fail
//! rather than go on without a password.

use super::error::{CliError, CliResult};
use super::options::PasswordArg;
use rkeytool::Password;
use std::io::IsTerminal;
use zeroize::Zeroizing;

/// Reads passwords and answers, from a terminal or line by line from stdin.
pub struct Prompter {
    stdin: Option<std::io::StdinLock<'static>>,
    tty: bool,
}

impl Prompter {
    /// A prompter on this process's stdin.
    pub fn new() -> Self {
        Prompter {
            stdin: None,
            tty: std::io::stdin().is_terminal(),
        }
    }

    /// True when stdin is a terminal.
    pub fn is_tty(&self) -> bool {
        self.tty
    }

    /// One line from stdin without its line ending; None at end of input.
    fn read_line(&mut self) -> CliResult<Option<Zeroizing<String>>> {
        let stdin = self.stdin.get_or_insert_with(|| std::io::stdin().lock());
        // Bounded: `< /dev/zero` is one error line, not a 1 GiB allocation.
        let Some(bytes) = rkeytool::storage::read_line_bounded(stdin, "standard input")? else {
            return Ok(None);
        };
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| CliError::new("standard input: a line is not valid UTF-8"))?;
        Ok(Some(Zeroizing::new(text.to_string())))
    }

    /// One line of stdin with no prompt (keytool's `Password.readPassword(System.in)`).
    pub fn line(&mut self) -> CliResult<Option<Zeroizing<String>>> {
        self.read_line()
    }

    /// Asks for a secret: no echo on a terminal, one stdin line otherwise.
    /// None when stdin has nothing to give.
    pub fn secret(&mut self, prompt: &str) -> CliResult<Option<Password>> {
        if self.tty {
            let p = rpassword::prompt_password(prompt)
                .map_err(|e| CliError::new(format!("cannot read password from terminal: {e}")))?;
            Ok(Some(Password::new(p)))
        } else {
            eprint!("{prompt}");
            let line = self.read_line();
            // The line ends before an error too, which then starts its own.
            eprintln!();
            Ok(line?.map(|l| Password::new(l.as_str())))
        }
    }

    /// Asks for a visible answer (a name, yes/no); None at end of input.
    pub fn answer(&mut self, prompt: &str) -> CliResult<Option<String>> {
        eprint!("{prompt}");
        if self.tty {
            let mut s = String::new();
            std::io::stdin()
                .read_line(&mut s)
                .map_err(|e| CliError::new(format!("cannot read standard input: {e}")))?;
            Ok(Some(s.trim_end_matches(['\r', '\n']).to_string()))
        } else {
            let l = self.read_line();
            eprintln!();
            Ok(l?.map(|l| l.to_string()))
        }
    }
}

/// The password an option gives, if it was given.
pub fn from_arg(arg: Option<&PasswordArg>, option: &str) -> CliResult<Option<Password>> {
    match arg {
        None => Ok(None),
        Some(PasswordArg::Literal(p)) => Ok(Some(Password::new(p.as_str()))),
        Some(PasswordArg::Env(var)) => match std::env::var(var) {
            Ok(v) => Ok(Some(Password::new(v))),
            Err(_) => Err(CliError::new(format!(
                "Cannot find environment variable: {var} (given with -{option}:env)"
            ))),
        },
        Some(PasswordArg::File(path)) => {
            let line = rkeytool::storage::read_password_file(std::path::Path::new(path))
                .map_err(|e| CliError::new(format!("{e} (given with -{option}:file)")))?;
            let first = std::str::from_utf8(&line).map_err(|_| {
                CliError::new(format!(
                    "{path}: stream did not contain valid UTF-8 (given with -{option}:file)"
                ))
            })?;
            Ok(Some(Password::new(first)))
        }
    }
}

/// The error for a password that is needed and nowhere to be had.
pub fn missing(what: &str, option: &str) -> CliError {
    CliError::new(format!("no {what} given and standard input is empty")).hint(format!(
        "give it with -{option}:env VAR, -{option}:file FILE or -{option} PASSWORD"
    ))
}

/// Asks for a new keystore password: twice on a terminal, and at least 6 characters.
pub fn new_password(p: &mut Prompter, what: &str, option: &str) -> CliResult<Password> {
    let first = p
        .secret(&format!("Enter {what}:  "))?
        .ok_or_else(|| missing(what, option))?;
    if p.is_tty() {
        let again = p
            .secret("Re-enter new password: ")?
            .ok_or_else(|| missing(what, option))?;
        if again != first {
            return Err(CliError::new("They don't match. Try again"));
        }
    }
    Ok(first)
}
