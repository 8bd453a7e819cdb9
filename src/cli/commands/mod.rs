//! One file per command, each in three parts: its table entry (`COMMAND`:
//! name, legacy names, help, the options its help lists, entry point), its
//! typed `Args` built once from the parse, and its `run`, which reads only
//! `Args`. (`jarfile.rs` and `sslserver.rs` are `-printcert`'s two sources.)

pub mod certreq;
pub mod changealias;
pub mod delete;
pub mod exportcert;
pub mod exportkey;
pub mod exportpass;
pub mod gencert;
pub mod gencrl;
pub mod genkeypair;
pub mod genseckey;
pub mod importbundle;
pub mod importcert;
pub mod importkey;
pub mod importkeystore;
pub mod jarfile;
pub mod keypasswd;
pub mod list;
pub mod printcert;
pub mod printcrl;
pub mod sslserver;
pub mod storepasswd;
pub mod verify;

use super::error::CliResult;
use super::options::{CmdDef, Opt, Parsed};
use super::prompt::Prompter;
use std::io::Write;

/// Every command, in the order completions list them; each command file
/// declares its own entry (name, help, options, entry point).
pub const COMMANDS: &[CmdDef] = &[
    certreq::COMMAND,
    genkeypair::COMMAND,
    exportcert::COMMAND,
    gencert::COMMAND,
    importcert::COMMAND,
    printcert::COMMAND,
    printcrl::COMMAND,
    gencrl::COMMAND,
    printcert::PRINTCERTREQ,
    VERSION,
    verify::COMMAND,
    changealias::COMMAND,
    delete::COMMAND,
    importkeystore::COMMAND,
    keypasswd::COMMAND,
    storepasswd::COMMAND,
    list::COMMAND,
    importkey::COMMAND,
    exportkey::COMMAND,
    genseckey::COMMAND,
    genseckey::IMPORTPASS,
    exportpass::COMMAND,
    importbundle::COMMAND,
];

/// `-version` in the command table: its help, its options, its entry point.
pub const VERSION: CmdDef = CmdDef {
    name: "version",
    aliases: &[],
    help: "Prints the program version",
    options: &[],
    keytool: true,
    run: version,
};

fn version(_: &Parsed, _: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    super::write_out(out, &super::generation::version_line()).map(|()| 0)
}

/// Runs the parsed command through its table entry; returns the exit status.
pub fn run(args: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    (args.command.run)(args, p, out)
}

/// The alias to work on: `-alias`, else keytool's `mykey`.
pub fn alias(args: &Parsed) -> &str {
    args.value(Opt::Alias).unwrap_or("mykey")
}

/// Formats a number with thousands separators, as keytool's messages do ("2,048").
pub fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Parses a positive whole number option.
pub fn number(name: Opt, value: Option<&str>) -> CliResult<Option<u32>> {
    match value {
        None => Ok(None),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(Some)
            .ok_or_else(|| crate::cli::error::illegal_value(name.name(), v)),
    }
}

/// The bytes of the file named by `option` (`-file`, `-infile`), else of
/// standard input, with a name for messages.
pub fn read_input(file: Option<&str>) -> CliResult<(Vec<u8>, String)> {
    match file {
        Some(f) => Ok((
            rkeytool::storage::read_file(std::path::Path::new(f))?,
            f.to_string(),
        )),
        None => {
            let v = rkeytool::storage::read_stream(&mut std::io::stdin().lock(), "standard input")?;
            Ok((v, "standard input".into()))
        }
    }
}
