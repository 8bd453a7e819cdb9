//! rkeytool: parse, run, exit. Everything else lives in the library and in `cli`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // Keys and passwords live in this process's memory: never let a crash
    // write them to a core file.
    let _ = rlimit::setrlimit(rlimit::Resource::CORE, 0, 0);
    let args: Vec<String> = match std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect()
    {
        Ok(a) => a,
        Err(bad) => {
            eprintln!(
                "rkeytool error: argument is not valid UTF-8: {}",
                bad.to_string_lossy()
            );
            return ExitCode::from(1);
        }
    };
    match cli::run(args) {
        Ok(code) => ExitCode::from(code as u8),
        // A closed pipe (`rkeytool -list | head`) is not an error.
        Err(e) if e.kind == cli::error::Kind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            cli::prompt::end_open_prompt();
            eprintln!("rkeytool error: {}", e.message);
            if let Some(h) = e.hint {
                eprintln!("hint: {h}");
            }
            ExitCode::from(1)
        }
    }
}
