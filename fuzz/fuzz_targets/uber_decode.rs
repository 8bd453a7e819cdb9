#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::{Password, bks};

// Decryption with a password, then the entries it yields (or the refusal).
fuzz_target!(|data: &[u8]| {
    let _ = bks::decode_uber(data, Some(&Password::new("changeit")));
    let _ = bks::detect(data);
});
