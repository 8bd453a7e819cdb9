#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::{Password, bks};

// With a password the HMAC is computed over the body as well.
fuzz_target!(|data: &[u8]| {
    let _ = bks::decode_bks(data, Some(&Password::new("changeit")));
    let _ = bks::decode_bks(data, None);
});
