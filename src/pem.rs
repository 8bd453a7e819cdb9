//! PEM armour, as keytool and OpenSSL write it.

use crate::error::{Error, Result};
use base64ct::{Base64, Encoding};

/// Encodes `der` under `label` with 64-character lines and LF endings, as
/// OpenSSL writes PEM.
pub fn encode(label: &str, der: &[u8]) -> String {
    encode_secret(label, der).as_str().to_owned()
}

/// [`encode`] for secrets (private keys): every buffer that holds the text,
/// the base64 included, is wiped on drop.
pub fn encode_secret(label: &str, der: &[u8]) -> zeroize::Zeroizing<String> {
    let b64 = zeroize::Zeroizing::new(Base64::encode_string(der));
    let mut out = zeroize::Zeroizing::new(String::with_capacity(
        b64.len() + b64.len() / 64 + 2 * label.len() + 40,
    ));
    out.push_str("-----BEGIN ");
    out.push_str(label);
    out.push_str("-----\n");
    let mut rest = b64.as_str();
    while !rest.is_empty() {
        let (line, tail) = rest.split_at(rest.len().min(64));
        out.push_str(line);
        out.push('\n');
        rest = tail;
    }
    out.push_str("-----END ");
    out.push_str(label);
    out.push_str("-----\n");
    out
}

/// Encodes `der` as keytool of the current generation prints PEM
/// (`-exportcert -rfc`, `-list -rfc`, `-printcert -rfc`, `-certreq`,
/// `-gencert -rfc`); see [`encode_java_in`].
pub fn encode_java(label: &str, der: &[u8]) -> String {
    encode_java_in(label, der, crate::generation::Profile::current())
}

/// Encodes `der` as Java's `Base64.getMimeEncoder(64, "\r\n")` inside PEM
/// boundaries: CRLF between body lines; keytool 17 and 21 end the
/// boundaries and the last body line with LF, keytool 25 with CRLF.
pub fn encode_java_in(label: &str, der: &[u8], profile: &crate::generation::Profile) -> String {
    if profile.pem_crlf {
        let mut text = encode_java_lf(label, der).replace("-----\n", "-----\r\n");
        // The last body line before END.
        if let Some(at) = text.rfind("\n-----END ")
            && !text[..at].ends_with('\r')
        {
            text.insert(at, '\r');
        }
        return text;
    }
    encode_java_lf(label, der)
}

fn encode_java_lf(label: &str, der: &[u8]) -> String {
    let b64 = Base64::encode_string(der);
    let body: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap_or(""))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        body.join("\r\n")
    )
}

/// One PEM block: its label, headers (`Proc-Type`, `DEK-Info`...) and DER.
#[derive(Clone, Debug)]
pub struct Block {
    /// The label after `BEGIN`.
    pub label: String,
    /// RFC 1421 headers, in order.
    pub headers: Vec<(String, String)>,
    /// The decoded body.
    pub der: Vec<u8>,
}

/// True when `data` contains a PEM boundary line.
pub fn is_pem(data: &[u8]) -> bool {
    data.windows(11).any(|w| w == b"-----BEGIN ")
}

/// Finds every PEM block in `text`, ignoring whatever lies between them.
pub fn decode_all(text: &str) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let mut headers = Vec::new();
        let mut body = String::new();
        let mut closed = false;
        for l in lines.by_ref() {
            let l = l.trim();
            if l == end {
                closed = true;
                break;
            }
            if body.is_empty()
                && let Some((k, v)) = l.split_once(':')
            {
                headers.push((k.trim().to_string(), v.trim().to_string()));
                continue;
            }
            body.push_str(l);
        }
        if !closed {
            return Err(Error::malformed("PEM", format!("no END line for {label}")));
        }
        let der = Base64::decode_vec(&body)
            .map_err(|e| Error::malformed("PEM", format!("bad base64 in {label}: {e}")))?;
        blocks.push(Block {
            label: label.to_string(),
            headers,
            der,
        });
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_surrounding_text() {
        let der: Vec<u8> = (0..=255u8).collect();
        let pem = encode("CERTIFICATE", &der);
        assert!(pem.lines().skip(1).take(5).all(|l| l.len() <= 64));
        let text = format!("subject=CN=x\n{pem}\nsome text\n{}", encode("X", b"hi"));
        let blocks = decode_all(&text).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].der, der);
        assert_eq!(blocks[1].label, "X");
    }

    #[test]
    fn unterminated_block_is_an_error() {
        assert!(decode_all("-----BEGIN CERTIFICATE-----\nAAAA\n").is_err());
    }
}
