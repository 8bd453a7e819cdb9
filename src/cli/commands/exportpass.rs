//! `-exportpass` (rkeytool only): the value of a password stored with
//! `-importpass`, to `-file` (a new file, mode 0600) or standard output,
//! always with a warning on stderr. keytool has no way to get it back.

use crate::cli::args::StoreArgs;
use crate::cli::error::{CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::recover;
use crate::cli::store;
use rkeytool::storage;
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

/// `-exportpass` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "exportpass",
    aliases: &[],
    help: "Exports a password stored with -importpass (rkeytool only)",
    options: &[
        Opt::Alias,
        Opt::File,
        Opt::Keypass,
        Opt::Keystore,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::V,
    ],
    keytool: false,
    run: start,
};

/// What `-exportpass` takes from the command line.
struct Args<'a> {
    /// `-alias`, else keytool's `mykey`.
    alias: &'a str,
    file: Option<&'a str>,
    keypass: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: super::alias(p),
            file: p.value(Opt::File),
            keypass: p.password(Opt::Keypass),
            store: StoreArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p, out).map(|()| 0)
}

/// Runs `-exportpass`.
fn run(args: &Args, p: &mut Prompter, out: &mut dyn Write) -> CliResult<()> {
    let alias = args.alias;
    let file = args.file.map(Path::new);
    if let Some(f) = file
        && f.exists()
    {
        return Err(crate::cli::error::refuse_overwrite(f));
    }
    let (_, ks, store_password) = store::open_existing(&args.store, p, true)?;
    let store_password =
        store_password.ok_or_else(|| prompt::missing("keystore password", "storepass"))?;
    let key = recover::secret_key(args.keypass, p, &ks, &store_password, alias)?;
    if !key.is_password() {
        return Err(Fault::NotAStoredPassword {
            alias: alias.to_string(),
            algorithm: key.algorithm.to_string(),
        }
        .into());
    }
    let mut value = Zeroizing::new(key.bytes.to_vec());
    value.push(b'\n');
    let alias = rkeytool::keystore::normalize_alias(alias);
    match file {
        Some(f) => {
            storage::write_new_file(f, &value, true)?;
            eprintln!(
                "Warning: the password stored under <{alias}> is written in the clear to file <{}>",
                f.display()
            );
        }
        None => {
            eprintln!(
                "Warning: the password stored under <{alias}> is written in the clear to standard output"
            );
            out.write_all(&value).map_err(crate::cli::io_err)?;
            out.flush().map_err(crate::cli::io_err)?;
        }
    }
    Ok(())
}
