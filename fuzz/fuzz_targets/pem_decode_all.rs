#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = rkeytool::pem::decode_all(&String::from_utf8_lossy(data));
});
