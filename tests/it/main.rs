//! rkeytool's integration tests: the built binary, run beside real keytool and OpenSSL.

mod foundation;
mod replies;
mod text;
mod util;
mod verify;
