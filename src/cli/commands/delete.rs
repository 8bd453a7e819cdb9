//! `-delete`: removes an entry.

use crate::cli::args::{StoreArgs, WriteArgs};
use crate::cli::error::CliResult;
use crate::cli::options::{CmdDef, Opt, Parsed};
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use std::io::Write;

/// `-delete` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "delete",
    aliases: &[],
    help: "Deletes an entry",
    options: &[
        Opt::Alias,
        Opt::Keystore,
        Opt::Cacerts,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
        Opt::Protected,
        Opt::Legacy,
        Opt::Macalg,
    ],
    keytool: true,
    run: start,
};

/// What `-delete` takes from the command line.
struct Args<'a> {
    alias: Option<&'a str>,
    store: StoreArgs<'a>,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            alias: p.value(Opt::Alias),
            store: StoreArgs::new(p),
            write: WriteArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p).map(|()| 0)
}

/// Runs `-delete`.
fn run(args: &Args, p: &mut Prompter) -> CliResult<()> {
    // keytool asks for the alias before the store password.
    let alias = match args.alias {
        Some(a) => a.to_string(),
        None if store::keystore_path(&args.store)?.exists() => prompt::alias(p, false)?,
        // open_for_change says the file does not exist.
        None => String::new(),
    };
    let mut open = store::open_for_change(&args.store, p)?;
    if open.store.remove(&alias).is_none() {
        return Err(crate::cli::error::alias_not_found(&alias));
    }
    store::save(&open, store::protection(&args.write)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}
