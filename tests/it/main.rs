//! rkeytool's integration tests: the built binary, run beside real keytool and OpenSSL.

mod foundation;
mod fuzz_regressions;
mod replies;
mod text;
mod util;
mod verify;
