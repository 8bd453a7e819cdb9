//! Passwords from the command line, the environment, files, a terminal, or stdin,
//! and keytool's dialogues: its prompts, its retries and its messages, word for word.
//!
//! As keytool, every question reads standard input whether or not it is a
//! terminal: secrets without echo on a terminal, one line otherwise, and
//! visible answers (names, yes/no) one line each. Where keytool would go on
//! at the end of input (and loop, or exit 0 having done nothing) we stop with
//! a clear error instead: a script never hangs and never half-works.

use super::error::{CliError, CliResult, Fault};
use super::options::PasswordArg;
use rkeytool::Password;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
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
        let text = std::str::from_utf8(&bytes).map_err(|_| Fault::StdinNotUtf8)?;
        Ok(Some(Zeroizing::new(text.to_string())))
    }

    /// One line of stdin with no prompt (keytool's `Password.readPassword(System.in)`).
    pub fn line(&mut self) -> CliResult<Option<Zeroizing<String>>> {
        self.read_line()
    }

    /// A line after a prompt; at the end of input the prompt's line is ended,
    /// so that what follows (an error) starts a line of its own.
    fn read_line_after_prompt(&mut self) -> CliResult<Option<Zeroizing<String>>> {
        let line = self.read_line()?;
        if line.is_none() {
            eprintln!();
        }
        Ok(line)
    }

    /// Asks for a secret: no echo on a terminal, one stdin line otherwise
    /// (keytool prints no newline after it then). None at end of input.
    pub fn secret(&mut self, prompt: &str) -> CliResult<Option<Password>> {
        if self.tty {
            let p = rpassword::prompt_password(prompt).map_err(Fault::TerminalRead)?;
            Ok(Some(Password::new(p)))
        } else {
            show(prompt);
            let line = self.read_line_after_prompt()?;
            Ok(line.map(|l| Password::new(l.as_str())))
        }
    }

    /// Prints a line of a dialogue (not a question) on stderr. As keytool,
    /// it follows a prompt left open on the same line (a piped answer is not
    /// echoed; on a terminal the typed RETURN ended that line).
    pub fn say(&mut self, line: &str) {
        show(&format!("{line}\n"));
    }

    /// Asks for a visible answer (a name, an alias); None at end of input.
    pub fn answer(&mut self, prompt: &str) -> CliResult<Option<String>> {
        show(prompt);
        Ok(self.read_line_after_prompt()?.map(|l| l.to_string()))
    }

    /// keytool's `getYesNoReply`: y/yes is yes; RETURN, n and no are no
    /// (any case); anything else is "Wrong answer, try again" and the question
    /// again. At the end of input a terminal answers no (as keytool), and a
    /// pipe gives None: the caller says what could not be confirmed.
    pub fn yes_no(&mut self, prompt: &str) -> CliResult<Option<bool>> {
        for _ in 0..=20 {
            let Some(reply) = self.answer(prompt)? else {
                return Ok(if self.tty { Some(false) } else { None });
            };
            match reply.to_lowercase().as_str() {
                "" | "n" | "no" => return Ok(Some(false)),
                "y" | "yes" => return Ok(Some(true)),
                _ => eprintln!("Wrong answer, try again"),
            }
        }
        Err(Fault::TooManyRetries.into())
    }
}

/// Prints a prompt on stderr, where keytool prints its own.
fn show(prompt: &str) {
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(prompt.as_bytes());
    let _ = e.flush();
    PROMPT_OPEN.store(!prompt.ends_with('\n'), Ordering::Relaxed);
}

/// True while a prompt shown on stderr has not been followed by a newline
/// (keytool echoes none after a piped answer).
static PROMPT_OPEN: AtomicBool = AtomicBool::new(false);

/// Ends the line of a prompt left open, so that an error starts its own line.
pub fn end_open_prompt() {
    if PROMPT_OPEN.swap(false, Ordering::Relaxed) {
        eprintln!();
    }
}

/// The password an option gives, if it was given.
pub fn from_arg(arg: Option<&PasswordArg>, option: &'static str) -> CliResult<Option<Password>> {
    match arg {
        None => Ok(None),
        Some(PasswordArg::Literal(p)) => Ok(Some(Password::new(p.as_str()))),
        Some(PasswordArg::Env(var)) => match std::env::var(var) {
            Ok(v) => Ok(Some(Password::new(v))),
            Err(_) => Err(Fault::EnvVarMissing {
                var: var.clone(),
                option,
            }
            .into()),
        },
        Some(PasswordArg::File(path)) => {
            let line = rkeytool::storage::read_password_file(std::path::Path::new(path))
                .map_err(|error| Fault::PasswordFile { error, option })?;
            let first = std::str::from_utf8(&line).map_err(|_| {
                CliError::from(Fault::PasswordFileNotUtf8 {
                    path: path.clone(),
                    option,
                })
            })?;
            Ok(Some(Password::new(first)))
        }
    }
}

/// The error for a password that is needed and nowhere to be had.
pub fn missing(what: &str, option: &'static str) -> CliError {
    CliError::from(Fault::PasswordMissing {
        what: what.to_string(),
        option,
    })
}

/// keytool's store-password dialogue for a command that changes a keystore:
/// `prompt` ("Enter keystore password:  ", or the destination's), at least 6
/// characters ("Keystore password is too short - must be at least 6
/// characters" and again), asked twice for a keystore about to be created
/// ("Re-enter new password: ", "They don't match. Try again"), three tries.
/// From a pipe, one line where keytool wants two is accepted.
pub fn store_password(
    p: &mut Prompter,
    prompt: &str,
    new_store: bool,
    what: &str,
    option: &'static str,
) -> CliResult<Password> {
    for _ in 0..3 {
        let Some(first) = p.secret(prompt)? else {
            return Err(missing(what, option));
        };
        if first.char_len() < 6 {
            eprintln!("Keystore password is too short - must be at least 6 characters");
            continue;
        }
        if new_store {
            // keytool reads it twice from a pipe too; a script that gives it
            // once (the end of input instead of the second line) is taken at
            // its word rather than failed.
            let Some(again) = p.secret("Re-enter new password: ")? else {
                return Ok(first);
            };
            if again != first {
                eprintln!("They don't match. Try again");
                continue;
            }
        }
        return Ok(first);
    }
    Err(Fault::TooManyFailures.into())
}

/// Asks for a new password for a file rkeytool writes (`-exportkey`): keytool's
/// store-password dialogue with `Enter <what>:  `.
pub fn new_password(p: &mut Prompter, what: &str, option: &'static str) -> CliResult<Password> {
    store_password(p, &format!("Enter {what}:  "), true, what, option)
}

/// keytool's `promptForKeyPass` for a new JKS key entry, asked after the key
/// is made: "Enter key password for <alias>" and "(RETURN if same as keystore
/// password)"; RETURN (or the end of input) keeps the store password; a new
/// one must have 6 characters and be typed twice; three tries.
pub fn new_key_password(
    p: &mut Prompter,
    alias: &str,
    store_password: &Password,
) -> CliResult<Password> {
    for _ in 0..3 {
        let entered = p.secret(&format!(
            "Enter key password for <{alias}>\n\t(RETURN if same as keystore password):  "
        ))?;
        let entered = match entered {
            None => return Ok(store_password.clone()),
            Some(e) if e.is_empty() => return Ok(store_password.clone()),
            Some(e) => e,
        };
        if entered.char_len() < 6 {
            eprintln!("Key password is too short - must be at least 6 characters");
            continue;
        }
        let again = p.secret("Re-enter new password: ")?;
        if again.as_ref() != Some(&entered) {
            eprintln!("They don't match. Try again");
            continue;
        }
        return Ok(entered);
    }
    Err(Fault::KeyNotAdded.into())
}

/// keytool's `getKeyPasswd`: "Enter key password for <alias>" until something
/// is typed, three tries. None when standard input has nothing to give.
pub fn key_password(p: &mut Prompter, alias: &str) -> CliResult<Option<Password>> {
    for _ in 0..3 {
        match p.secret(&format!("Enter key password for <{alias}>"))? {
            None => return Ok(None),
            Some(k) if k.is_empty() => continue,
            Some(k) => return Ok(Some(k)),
        }
    }
    Err(Fault::TooManyFailures.into())
}

/// keytool's `getNewPasswd`: "New <what>: " and "Re-enter new <what>: ", at
/// least 6 characters and different from the old one; three tries.
pub fn changed_password(
    p: &mut Prompter,
    what: &str,
    old: &Password,
    option: &'static str,
) -> CliResult<Password> {
    for _ in 0..3 {
        let Some(first) = p.secret(&format!("New {what}: "))? else {
            return Err(missing(&format!("new {what}"), option));
        };
        if first.char_len() < 6 {
            eprintln!("Password is too short - must be at least 6 characters");
        } else if &first == old {
            eprintln!("Passwords must differ");
        } else {
            let again = p.secret(&format!("Re-enter new {what}: "))?;
            if again.as_ref() == Some(&first) {
                return Ok(first);
            }
            eprintln!("They don't match. Try again");
        }
    }
    Err(Fault::TooManyFailures.into())
}

/// The alias to work on when not given (`-delete`, `-changealias`): asked
/// for as keytool does, on a terminal or from standard input.
/// `destination`: `-changealias`'s destination alias.
pub fn alias(p: &mut Prompter, destination: bool) -> CliResult<String> {
    let prompt = if destination {
        "Enter destination alias name:  "
    } else {
        "Enter alias name:  "
    };
    match p.answer(prompt)? {
        Some(a) if !a.is_empty() => Ok(a),
        _ => Err(Fault::AliasNotGiven { destination }.into()),
    }
}

/// Refuses a new password under 6 characters, as keytool does before anything else.
pub fn check_new_password(p: Option<&Password>) -> CliResult<()> {
    match p {
        Some(p) if p.char_len() < 6 => Err(crate::cli::error::password_too_short(
            crate::cli::error::ShortPassword::New,
        )),
        _ => Ok(()),
    }
}
