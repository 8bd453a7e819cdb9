#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::{Password, bcfks};

// Detection, then the MAC check (and, past it, decryption and the entries).
fuzz_target!(|data: &[u8]| {
    let _ = bcfks::is_bcfks(data);
    let _ = bcfks::decode(data, Some(&Password::new("changeit")));
    let _ = bcfks::decode(data, None);
});
