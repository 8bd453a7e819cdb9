#![no_main]
use libfuzzer_sys::fuzz_target;

// One -ext value per line.
fuzz_target!(|data: &[u8]| {
    let specs: Vec<String> = String::from_utf8_lossy(data)
        .lines()
        .map(String::from)
        .collect();
    let _ = rkeytool::ext::parse_all(&specs);
});
