#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::{Password, pkcs12};

// "changeit" opens the seeds from fixtures/; None checks the MAC with "".
fuzz_target!(|data: &[u8]| {
    let _ = pkcs12::decode(data, Some(&Password::new("changeit")));
    let _ = pkcs12::decode(data, None);
});
