//! The corpus that `build.rs` compiled into the app, and its search index: embedded,
//! decoded on first use from the statements `build.rs` analysed; or sharded ([`sharded`]),
//! fetched beside the page as views need it (README, "Two modes").
//!
//! In the wasm build the embedded bytes are a **custom section** of the module
//! (`concord-corpus`), not data in its memory: they are copied into the heap to be decoded
//! and freed after, so the memory they took is reused by the index instead of staying
//! resident beside it (WebAssembly memory never shrinks).

pub use crate::context::Engine;
use concord_core::{embed, Index};

#[cfg(concord_sharded)]
pub mod sharded;
#[cfg(not(concord_sharded))]
#[path = "unsharded.rs"]
pub mod sharded;

/// A number set at build time (`option_env!`), or `default` when it is not set; 0 when it is
/// not a decimal number.
pub(crate) const fn build_number(value: Option<&str>, default: usize) -> usize {
    let Some(value) = value else {
        return default;
    };
    let bytes = value.as_bytes();
    let mut n = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            return 0;
        }
        n = n * 10 + (bytes[i] - b'0') as usize;
        i += 1;
    }
    n
}

/// The sharded corpus's manifest and fetch worker, by file name (one a line), or nothing
/// when the corpus is embedded (written by `build.rs`).
const SHARDS: &str = include_str!(concat!(env!("OUT_DIR"), "/manifest.txt"));

/// The same names in a custom section of the module, where Trunk's post-build hook
/// (`tools/place-shards.py`) reads which files to put beside it.
#[cfg(target_arch = "wasm32")]
#[link_section = "concord-shards"]
#[allow(dead_code)]
static SHARDS_SECTION: [u8; include_bytes!(concat!(env!("OUT_DIR"), "/manifest.txt")).len()] =
    *include_bytes!(concat!(env!("OUT_DIR"), "/manifest.txt"));

/// The sharded corpus's manifest and worker file names, when the corpus is sharded.
pub fn sharded_names() -> Option<(&'static str, &'static str)> {
    let mut names = SHARDS.split_whitespace();
    Some((names.next()?, names.next()?))
}

/// The embedded corpus bytes (see `concord_core::embed`), natively (for tests).
#[cfg(not(target_arch = "wasm32"))]
pub static CORPUS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

/// The name of the module's custom section holding the embedded corpus.
pub const SECTION: &str = "concord-corpus";

// Not `#[used]`: with it the bytes would also be put in the module's data, in memory.
#[cfg(target_arch = "wasm32")]
#[link_section = "concord-corpus"]
#[allow(dead_code)]
static CORPUS_SECTION: [u8; include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin")).len()] =
    *include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

/// The embedded corpus bytes, read from the module's custom section.
#[cfg(target_arch = "wasm32")]
fn corpus_bytes() -> Result<std::borrow::Cow<'static, [u8]>, String> {
    use wasm_bindgen::JsCast;
    let module = wasm_bindgen::module()
        .dyn_into::<js_sys::WebAssembly::Module>()
        .map_err(|_| "the app's WebAssembly module is not available".to_string())?;
    let sections = js_sys::WebAssembly::Module::custom_sections(&module, SECTION);
    let section = sections
        .get(0)
        .dyn_into::<js_sys::ArrayBuffer>()
        .map_err(|_| format!("the app has no `{SECTION}` section: rebuild it"))?;
    Ok(js_sys::Uint8Array::new(&section).to_vec().into())
}

#[cfg(not(target_arch = "wasm32"))]
fn corpus_bytes() -> Result<std::borrow::Cow<'static, [u8]>, String> {
    Ok(CORPUS_BYTES.into())
}

thread_local! {
    static ENGINE: Result<Engine, String> = {
        // The bytes are dropped at the end of the decoding, before the index is built.
        crate::timing::measured("concord:decode", || {
            corpus_bytes().and_then(|bytes| embed::decode(&bytes).map_err(|e| e.to_string()))
        })
    }
    .map(|embedded| {
        // The statements were analysed at build time: only integer work is left.
        let index = crate::timing::measured("concord:index", || Index::from_data(embedded.index));
        Engine::new(embedded.corpus, index, embedded.formulas)
    });
}

/// The embedded corpus and its index, or why the corpus could not be read.
pub fn engine() -> Result<Engine, String> {
    ENGINE.with(Clone::clone)
}

/// The corpus and its index: embedded, at once; sharded, once its manifest and table are
/// fetched.
pub async fn open() -> Result<Engine, String> {
    #[cfg(concord_sharded)]
    if let Some((manifest, worker)) = sharded_names() {
        return sharded::open(manifest, worker).await;
    }
    engine()
}
