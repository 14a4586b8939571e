//! Any bytes after the embedded form's header: decoding is an error or a corpus, never a
//! panic (nor a runaway allocation).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let mut bytes = concord_core::embed::MAGIC.to_vec();
    bytes.push(concord_core::embed::VERSION);
    bytes.extend_from_slice(body);
    let _ = concord_core::embed::decode(&bytes);
});
