//! rkeytool's integration tests: the built binary, run beside real keytool and OpenSSL.

mod admin;
mod crl;
mod differential;
mod ec;
mod foundation;
mod fuzz_regressions;
mod generations;
mod identity;
mod jarfile;
mod jceks;
mod jks;
mod keys;
mod local_time;
mod matrix;
mod names;
mod replies;
mod safety;
mod scripts;
mod secret;
mod sslserver;
mod terminal;
mod text;
mod util;
mod verify;
mod writing;
