//! rkeytool's integration tests: the built binary, run beside real keytool and OpenSSL.

mod admin;
mod ec;
mod foundation;
mod fuzz_regressions;
mod jks;
mod keys;
mod replies;
mod safety;
mod secret;
mod text;
mod util;
mod verify;
