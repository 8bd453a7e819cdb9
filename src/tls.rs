//! The certificate chain a TLS server presents (`-printcert -sslserver`).
//!
//! keytool connects with a trust manager that accepts anything and shows
//! whatever the server sent; so does this: rustls (ring provider) with a
//! verifier that records the chain instead of judging it. The handshake's
//! own signatures are still checked with the presented key, so what is shown
//! is what the server holds the key for.

use crate::cert::Certificate;
use crate::error::{Error, Result};
use rustls::DigitallySignedStruct;
use rustls::SignatureScheme;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// keytool's connect timeout (`HttpsURLConnection.setConnectTimeout(10000)`),
/// also used for each read.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Most certificates kept from one server.
const MAX_CHAIN: usize = 64;

/// `host[:port]` as keytool reads `-sslserver` (port 443 by default; an
/// IPv6 address in brackets, `[::1]:8443`).
pub fn parse_server(s: &str) -> Result<(String, u16)> {
    let bad = || Error::InvalidValue {
        option: "sslserver",
        value: s.to_string(),
        reason: None,
    };
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest.split_once(']').ok_or_else(bad)?;
        match after.strip_prefix(':') {
            Some(p) => (h, Some(p)),
            None if after.is_empty() => (h, None),
            None => return Err(bad()),
        }
    } else {
        match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    if host.is_empty() {
        return Err(bad());
    }
    let port = match port {
        None => 443,
        Some(p) => p.parse::<u16>().ok().filter(|n| *n > 0).ok_or_else(bad)?,
    };
    Ok((host.to_string(), port))
}

#[derive(Debug)]
struct Recorder {
    chain: Mutex<Vec<Vec<u8>>>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let mut chain = self.chain.lock().unwrap_or_else(|e| e.into_inner());
        chain.clear();
        chain.push(end_entity.to_vec());
        chain.extend(intermediates.iter().take(MAX_CHAIN - 1).map(|c| c.to_vec()));
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// Connects to `host:port`, goes through the TLS handshake and returns the
/// certificates the server presented, leaf first, whatever they are. An
/// empty list when the server sent none.
pub fn server_chain(host: &str, port: u16) -> Result<Vec<Certificate>> {
    let server = format!("{host}:{port}");
    let net = |e: std::io::Error| Error::io(&server, e);
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let recorder = Arc::new(Recorder {
        chain: Mutex::new(Vec::new()),
        algorithms: provider.signature_verification_algorithms,
    });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| Error::CryptoFailed {
            operation: "TLS configuration",
        })?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_string()).map_err(|_| Error::InvalidValue {
        option: "sslserver",
        value: host.to_string(),
        reason: None,
    })?;
    let mut conn =
        rustls::ClientConnection::new(Arc::new(config), name).map_err(|e| net(tls_error(e)))?;
    let addr = (host, port)
        .to_socket_addrs()
        .map_err(net)?
        .next()
        .ok_or_else(|| net(std::io::Error::other("no address")))?;
    let mut sock = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(net)?;
    sock.set_read_timeout(Some(TIMEOUT)).map_err(net)?;
    sock.set_write_timeout(Some(TIMEOUT)).map_err(net)?;
    let mut failure = None;
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut sock) {
            failure = Some(e);
            break;
        }
    }
    if failure.is_none() {
        conn.send_close_notify();
        let _ = conn.complete_io(&mut sock);
    }
    let chain = std::mem::take(&mut *recorder.chain.lock().unwrap_or_else(|e| e.into_inner()));
    match (chain.is_empty(), failure) {
        // Shown as keytool shows it, even when the handshake failed after.
        (false, _) => chain.iter().map(|d| Certificate::from_der(d)).collect(),
        (true, Some(e)) => Err(net(e)),
        (true, None) => Ok(Vec::new()),
    }
}

fn tls_error(e: rustls::Error) -> std::io::Error {
    std::io::Error::other(format!("TLS: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_forms() {
        assert_eq!(
            parse_server("example.com").unwrap(),
            ("example.com".into(), 443)
        );
        assert_eq!(parse_server("h:8443").unwrap(), ("h".into(), 8443));
        assert_eq!(parse_server("[::1]:9").unwrap(), ("::1".into(), 9));
        assert_eq!(parse_server("[::1]").unwrap(), ("::1".into(), 443));
        for bad in ["", ":1", "h:0", "h:x", "[::1", "h:70000"] {
            assert!(parse_server(bad).is_err(), "{bad}");
        }
    }
}
