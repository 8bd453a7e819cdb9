//! rkeytool's integration tests: the built binary, run beside real keytool and OpenSSL.

mod foundation;
mod replies;
mod safety;
mod text;
mod util;
mod verify;
