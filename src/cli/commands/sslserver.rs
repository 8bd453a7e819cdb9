//! `-printcert -sslserver host[:port]`: the chain a TLS server presents,
//! printed as keytool prints it (`-rfc`: PEM).

use crate::cli::error::{CliResult, Fault};
use crate::cli::write_out;
use rkeytool::{pem, text, tls};
use std::io::Write;

/// Runs `-printcert -sslserver`.
pub fn run(rfc: bool, server: &str, out: &mut dyn Write) -> CliResult<()> {
    let chain = fetch(server)?;
    let mut s = String::new();
    let mut warnings = Vec::new();
    for (i, c) in chain.iter().enumerate() {
        if rfc {
            s.push_str(&pem::encode_java("CERTIFICATE", c.der()));
        } else {
            s.push_str(&format!(
                "Certificate #{i}\n====================================\n{}\n",
                text::certificate_verbose(c)
            ));
            warnings.extend(text::weak_warnings(c, "The certificate", false));
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

/// The server's chain, leaf first; keytool's error when it sent none.
pub fn fetch(server: &str) -> CliResult<Vec<rkeytool::Certificate>> {
    let (host, port) = tls::parse_server(server)?;
    // keytool says only "No certificate from the SSL server"; the reason follows.
    let chain = tls::server_chain(&host, port)
        .map_err(|e| Fault::NoServerCertificate(Some(e.to_string())))?;
    if chain.is_empty() {
        return Err(Fault::NoServerCertificate(None).into());
    }
    Ok(chain)
}
