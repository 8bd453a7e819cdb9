#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::{Password, keys::file::KeyFile};

// Every private-key form -importkey reads; decrypt with the seeds' password and with none.
fuzz_target!(|data: &[u8]| {
    if let Ok(k) = KeyFile::parse(data) {
        let _ = k.decrypt(Some(&Password::new("changeit")));
        let _ = k.decrypt(None);
    }
});
