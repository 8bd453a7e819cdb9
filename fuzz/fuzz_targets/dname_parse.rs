#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::dname;

// Parse, then print the name back as keytool's Owner: line does.
fuzz_target!(|data: &[u8]| {
    let _ = dname::parse(&String::from_utf8_lossy(data)).map(|name| dname::format(&name));
});
