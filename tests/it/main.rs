//! rkeytool's integration tests: the built binary, run beside real keytool and OpenSSL.

mod admin;
mod algorithms;
mod bouncycastle;
mod ec;
mod foundation;
mod fuzz_regressions;
mod generations;
mod house;
mod identity;
mod jceks;
mod jks;
mod keys;
mod local_time;
mod matrix;
mod names;
mod pbmac1;
mod pemstore;
mod replies;
mod safety;
mod scripts;
mod secret;
mod terminal;
mod text;
mod util;
mod verify;
mod wild;
