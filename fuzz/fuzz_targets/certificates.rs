#![no_main]
use libfuzzer_sys::fuzz_target;

// PEM (with text around blocks), bare base64, DER certificate or DER PKCS#7.
fuzz_target!(|data: &[u8]| {
    let _ = rkeytool::cert::parse_certificates(data);
});
