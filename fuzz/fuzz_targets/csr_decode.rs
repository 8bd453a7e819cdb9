#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::csr;

// The request, then the extensionRequest inside it (what -gencert reads).
fuzz_target!(|data: &[u8]| {
    let _ = csr::decode(data).and_then(|req| csr::requested_extensions(&req));
});
