//! `-printcert` and `-printcertreq`: keytool's text for certificates and requests in files.

use crate::cli::error::{CliError, CliResult, Fault};

use crate::cli::options::{CmdDef, Opt, Parsed};
use crate::cli::prompt::Prompter;
use crate::cli::write_out;
use rkeytool::{cert, csr, pem, text};
use std::io::Write;
use std::path::Path;

/// `-printcert` in the command table: its help, its options, its entry point.
pub const COMMAND: CmdDef = CmdDef {
    name: "printcert",
    aliases: &[],
    help: "Prints the content of a certificate",
    options: &[
        Opt::Rfc,
        Opt::File,
        Opt::Sslserver,
        Opt::Jarfile,
        Opt::Keystore,
        Opt::Storepass,
        Opt::Storetype,
        Opt::Trustcacerts,
        Opt::Providername,
        Opt::Addprovider,
        Opt::Providerclass,
        Opt::Providerpath,
        Opt::V,
        Opt::Protected,
    ],
    keytool: true,
    run: start_cert,
};

/// What `-printcert` takes from the command line.
struct Args<'a> {
    file: Option<&'a str>,
    rfc: bool,
    sslserver: Option<&'a str>,
    jarfile: Option<&'a str>,
}

impl<'a> Args<'a> {
    fn new(p: &'a Parsed) -> Self {
        Args {
            file: p.value(Opt::File),
            rfc: p.flag(Opt::Rfc),
            sslserver: p.value(Opt::Sslserver),
            jarfile: p.value(Opt::Jarfile),
        }
    }
}

fn start_cert(parsed: &Parsed, _p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run_cert(&Args::new(parsed), out).map(|()| 0)
}
/// `-printcertreq` in the command table: its help, its options, its entry point.
pub const PRINTCERTREQ: CmdDef = CmdDef {
    name: "printcertreq",
    aliases: &[],
    help: "Prints the content of a certificate request",
    options: &[Opt::File, Opt::V],
    keytool: true,
    run: start_req,
};

fn start_req(parsed: &Parsed, _p: &mut Prompter, out: &mut dyn Write) -> CliResult<i32> {
    run_req(&Args::new(parsed), out).map(|()| 0)
}

/// Runs `-printcert`.
fn run_cert(args: &Args, out: &mut dyn Write) -> CliResult<()> {
    if let Some(server) = args.sslserver {
        return super::sslserver::run(args.rfc, server, out);
    }
    if let Some(jar) = args.jarfile {
        return super::jarfile::run(args.rfc, jar, out);
    }
    let (data, name) = super::read_input(args.file)?;
    let certs = cert::parse_certificates(&data).map_err(|_| Fault::FailedToParse(name.clone()))?;
    let mut s = String::new();
    let many = certs.len() > 1;
    let mut warnings = Vec::new();
    for (i, c) in certs.iter().enumerate() {
        if many {
            s.push_str(&format!("Certificate[{}]:\n", i + 1));
        }
        if args.rfc {
            s.push_str(&pem::encode_java("CERTIFICATE", c.der()));
        } else {
            s.push_str(&text::certificate_verbose(c));
        }
        // keytool checks every certificate, with -rfc too.
        let label = if many {
            format!("The certificate #{} of {}", i + 1, certs.len())
        } else {
            "The certificate".to_string()
        };
        warnings.extend(text::weak_warnings(c, &label, false));
        if i + 1 < certs.len() {
            s.push('\n');
        }
    }
    write_out(out, &s)?;
    out.flush().map_err(crate::cli::io_err)?;
    if !warnings.is_empty() {
        eprintln!("\nWarning:");
        for w in warnings {
            eprintln!("{w}");
        }
    }
    Ok(())
}

/// Runs `-printcertreq`.
fn run_req(args: &Args, out: &mut dyn Write) -> CliResult<()> {
    let (data, name) = super::read_input(args.file)?;
    let der = if pem::is_pem(&data) {
        pem::decode_all(&String::from_utf8_lossy(&data))?
            .into_iter()
            .find(|b| b.label.ends_with("CERTIFICATE REQUEST"))
            .map(|b| b.der)
            .ok_or_else(|| Fault::FailedToParse(name.clone()))?
    } else {
        data
    };
    let req = csr::decode(&der).map_err(|e| CliError::from(e).in_file(Path::new(&name)))?;
    // keytool's PKCS10 checks the signature while reading.
    csr::verify_der(&der, &req).map_err(|_| Fault::InvalidRequestSignature)?;
    if args.rfc {
        return write_out(out, &pem::encode_java("NEW CERTIFICATE REQUEST", &der));
    }
    let sig_oid = req.algorithm.oid.to_string();
    let (key_text, sig_text) = text::request_key_and_signature(&req.info.public_key, &sig_oid);
    let mut s = format!(
        "PKCS #10 Certificate Request (Version 1.0)\nSubject: {}\nFormat: X.509\nPublic Key: {}\nSignature algorithm: {}\n",
        rkeytool::dname::format(&req.info.subject),
        key_text,
        sig_text,
    );
    for attr in csr::attributes_in_keytool_order(&req)? {
        match attr {
            csr::AttributeText::Extensions(exts) => {
                if !exts.is_empty() {
                    s.push_str("\nExtension Request:\n\n");
                    s.push_str(&text::extension_items(&exts));
                }
            }
            csr::AttributeText::Other { oid, name, value } => {
                s.push_str(&format!("Attribute: {oid}\n{name}: {value}\n"));
            }
        }
    }
    write_out(out, &rkeytool::lenient::restore_text(&s))?;
    out.flush().map_err(crate::cli::io_err)?;
    let warnings = text::request_weak_warnings(&req.info.public_key, &sig_oid);
    if !warnings.is_empty() {
        eprintln!("\nWarning:");
        for w in warnings {
            eprintln!("{w}");
        }
    }
    Ok(())
}
