//! `-storepasswd`: a new store password. PKCS12 re-encrypts every key and
//! certificate with it; JKS keys keep their own key passwords and only the
//! integrity digest changes.

use crate::cli::args::{StoreArgs, WriteArgs};
use crate::cli::error::{CliError, CliResult, Fault};
use crate::cli::options::{CmdDef, Opt, Parsed, PasswordArg};
use crate::cli::prompt::{self, Prompter};
use crate::cli::store;
use std::io::Write;

/// `-storepasswd` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "storepasswd",
    aliases: &[],
    help: "Changes the store password of a keystore",
    options: &[
        Opt::New,
        Opt::Keystore,
        Opt::Cacerts,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Providername,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
        Opt::Legacy,
        Opt::Macalg,
    ],
    keytool: true,
    run: start,
};

/// What `-storepasswd` takes from the command line.
struct Args<'a> {
    new: Option<&'a PasswordArg>,
    store: StoreArgs<'a>,
    write: WriteArgs<'a>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            new: p.password(Opt::New),
            store: StoreArgs::new(p),
            write: WriteArgs::new(p),
        }
    }
}

fn start(parsed: &Parsed, p: &mut Prompter, _out: &mut dyn Write) -> CliResult<i32> {
    run(&Args::new(parsed), p).map(|()| 0)
}

/// Runs `-storepasswd`.
fn run(args: &Args, p: &mut Prompter) -> CliResult<()> {
    let new = prompt::from_arg(args.new, "new")?;
    prompt::check_new_password(new.as_ref())?;
    let mut open = store::open_for_change(&args.store, p)?;
    let new = match new {
        Some(n) => n,
        None => prompt::changed_password(p, "keystore password", &open.password, "new")?,
    };
    if open.store.store_type() == rkeytool::StoreType::Pkcs12 {
        // keytool re-protects every PKCS12 key with the new store password.
        let old = open.password.clone();
        open.store.recover_keys(&old).map_err(|e| match e {
            rkeytool::Error::CannotRecoverKey { alias } => {
                CliError::from(Fault::KeyHasOwnPassword(alias))
            }
            other => other.into(),
        })?;
    }
    open.password = new.clone();
    store::save(&open, store::protection(&args.write)?)?;
    store::warn_if_jks(&open.path, &open.store);
    Ok(())
}
