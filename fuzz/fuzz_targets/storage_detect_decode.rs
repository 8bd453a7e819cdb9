#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::storage;

fuzz_target!(|data: &[u8]| {
    let _ = storage::detect(data).and_then(|_| storage::decode(data, None));
});
