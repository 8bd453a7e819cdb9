#![no_main]
use libfuzzer_sys::fuzz_target;
use rkeytool::pemstore;

// PEM text as a keystore: blocks, Bag Attributes text, key/certificate matching.
fuzz_target!(|data: &[u8]| {
    let _ = pemstore::decode(data);
});
