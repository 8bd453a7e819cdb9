//! keytool's X.500 distinguished-name syntax. PLACEHOLDER: parse/format being written.

use crate::error::{Error, Result};
use std::str::FromStr;
use x509_cert::name::Name;

/// Parses a `-dname` value the way keytool does and encodes it as keytool encodes it.
pub fn parse(dname: &str) -> Result<Name> {
    Name::from_str(dname).map_err(|e| Error::InvalidInput(format!("invalid -dname {dname:?}: {e}")))
}

/// Formats a name as keytool prints it in `Owner:` / `Issuer:` lines.
pub fn format(name: &Name) -> String {
    name.to_string()
}
