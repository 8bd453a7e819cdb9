//! `-printcert -jarfile F.jar`: the signers of a signed JAR, as keytool prints them.

use crate::cli::error::{CliError, CliResult};
use crate::cli::write_out;
use rkeytool::{dname, jar, pem, text};
use std::io::Write;
use std::path::Path;

/// Runs `-printcert -jarfile`.
pub fn run(rfc: bool, file: &str, out: &mut dyn Write) -> CliResult<()> {
    let path = Path::new(file);
    let signers = jar::signers(path).map_err(|e| CliError::from(e).in_file(path))?;
    if signers.is_empty() {
        return write_out(out, "Not a signed jar file\n");
    }
    let mut s = String::new();
    let mut warnings = Vec::new();
    for (n, chain) in signers.iter().enumerate() {
        s.push_str(&format!("Signer #{}:\n\n", n + 1));
        for (i, c) in chain.iter().enumerate() {
            s.push_str(&format!("Certificate #{}:\n", i + 1));
            if rfc {
                s.push_str(&format!(
                    "Certificate owner: {}\n\n{}",
                    dname::format(c.parsed().tbs_certificate().subject()),
                    pem::encode_java("CERTIFICATE", c.der())
                ));
            } else {
                s.push_str(&text::certificate_verbose(c));
                warnings.extend(text::weak_warnings(c, "The certificate", false));
            }
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
