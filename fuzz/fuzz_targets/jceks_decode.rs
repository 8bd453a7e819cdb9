#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::{Password, jceks};

// With a password the integrity digest is computed over the body as well.
fuzz_target!(|data: &[u8]| {
    let _ = jceks::decode(data, Some(&Password::new("changeit")));
    let _ = jceks::decode(data, None);
});
