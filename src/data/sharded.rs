//! The sharded corpus (README, "Two modes"): its manifest and table fetched at start-up,
//! everything else as views need it. The fetching is the worker's (`src/fetch-worker.js`:
//! bounded, retried, `Range` with chunk files as the fallback, cached); what to fetch, the
//! checks and the loading are `concord_core::shard::load`'s.

use concord_core::shard::{self, Digest, Loader, Manifest, Need, ShardRef};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Most words of statements loaded before a load starts over (`CONCORD_MEMORY_WORDS` at
/// build time sets another; the sharded tests set a small one). With their text a word
/// takes 17.4 bytes (measured natively: the 200 MB corpus's 31.5 million words, 548 MB), so
/// 16 million is about 280 MB.
const BUDGET_WORDS: usize = super::build_number(option_env!("CONCORD_MEMORY_WORDS"), 16_000_000);

/// The sharded corpus's fetcher and what of it is loaded.
pub struct Sharded {
    pub(crate) loader: RefCell<Loader>,
    /// What each part of the page on screen reads ([`super::Engine::pin`]): kept when a
    /// load starts over.
    pins: RefCell<HashMap<u32, Need>>,
    next_pin: Cell<u32>,
    /// The absolute URL of the folder of the shards (`…/corpus/`).
    base: String,
    worker: web_sys::Worker,
    next: Cell<u32>,
    waiting: Rc<RefCell<HashMap<u32, js_sys::Function>>>,
    _answers: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl std::fmt::Debug for Sharded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sharded")
    }
}

fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

impl Sharded {
    /// Starts the worker for the shards beside the page (`corpus/`), named `worker`.
    fn start(worker: &str) -> Result<Sharded, String> {
        let document = gloo::utils::document();
        let page = document
            .base_uri()
            .map_err(js_error)?
            .unwrap_or_else(|| gloo::utils::window().location().href().unwrap_or_default());
        let base = web_sys::Url::new_with_base("corpus/", &page)
            .map_err(js_error)?
            .href();
        let worker = web_sys::Worker::new(&format!("{base}{worker}"))
            .map_err(|e| format!("the fetch worker cannot start: {}", js_error(e)))?;
        let waiting: Rc<RefCell<HashMap<u32, js_sys::Function>>> = Rc::default();
        let answers = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let id = js_sys::Reflect::get(&data, &"id".into())
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or(-1.0) as u32;
                if let Some(resolve) = waiting.borrow_mut().remove(&id) {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                }
            })
        };
        worker.set_onmessage(Some(answers.as_ref().unchecked_ref()));
        Ok(Sharded {
            loader: RefCell::new(Loader::new(Manifest::default())),
            pins: RefCell::default(),
            next_pin: Cell::new(1),
            base,
            worker,
            next: Cell::new(0),
            waiting,
            _answers: answers,
        })
    }

    /// Sends the worker one job and waits for its bytes (or its message).
    async fn job(&self, job: js_sys::Object) -> Result<Vec<u8>, String> {
        self.send(job, &Cancel::default()).await
    }

    /// Sends the worker one job, which `cancel` can call off; waits for its bytes (or its
    /// message).
    async fn send(&self, job: js_sys::Object, cancel: &Cancel) -> Result<Vec<u8>, String> {
        let answer = self.post(job, cancel)?;
        Self::answer(answer).await
    }

    /// Posts the worker one job now, which `cancel` can call off: the promise of its answer.
    /// (Not an `async fn`: a future does nothing until it is awaited, and jobs awaited one
    /// after the other would be sent one after the other.)
    fn post(&self, job: js_sys::Object, cancel: &Cancel) -> Result<js_sys::Promise, String> {
        let id = self.next.get();
        cancel.sent(id, &self.worker);
        self.next.set(id.wrapping_add(1));
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&job, &k.into(), &v);
        };
        set("id", id.into());
        let waiting = self.waiting.clone();
        let answer = js_sys::Promise::new(&mut |resolve, _reject| {
            waiting.borrow_mut().insert(id, resolve);
        });
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"jobs".into(), &js_sys::Array::of1(&job));
        self.worker
            .post_message(&message)
            .map_err(|e| format!("the fetch worker cannot be reached: {}", js_error(e)))?;
        Ok(answer)
    }

    /// A job's answer: its bytes, or its message.
    async fn answer(answer: js_sys::Promise) -> Result<Vec<u8>, String> {
        let data = wasm_bindgen_futures::JsFuture::from(answer)
            .await
            .map_err(js_error)?;
        let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
        if get("ok").as_bool() == Some(true) {
            Ok(js_sys::Uint8Array::new(&get("bytes")).to_vec())
        } else {
            Err(get("error")
                .as_string()
                .unwrap_or_else(|| "the fetch failed".into()))
        }
    }

    /// A whole file of the folder.
    async fn file(&self, name: &str) -> Result<Vec<u8>, String> {
        let job = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&job, &"file".into(), &format!("{}{name}", self.base).into());
        self.job(job).await
    }

    /// `shards`' stored bytes by hash, fetched in runs (one `Range` request each), the runs
    /// in flight at once as many as the worker allows; `progress(done, total)` after each.
    async fn fetch(
        &self,
        manifest: &Manifest,
        shards: Vec<&ShardRef>,
        progress: &dyn Fn(usize, usize),
        cancel: &Cancel,
    ) -> Result<HashMap<Digest, Vec<u8>>, String> {
        let sent = self.send_runs(manifest, shards, cancel);
        self.receive(manifest, sent, progress, cancel).await
    }

    /// Posts `shards` to the worker now, in runs (the worker queues and bounds them); their
    /// bytes are awaited by `Sharded::receive`. Apart, so that a caller can ask for what
    /// it reads next while it works on what it has (an export's next blocks).
    fn send_runs(&self, manifest: &Manifest, shards: Vec<&ShardRef>, cancel: &Cancel) -> Sent {
        let runs = shard::runs(shards);
        let runs = runs
            .iter()
            .map(|run| {
                let job = js_sys::Object::new();
                let set = |k: &str, v: JsValue| {
                    let _ = js_sys::Reflect::set(&job, &k.into(), &v);
                };
                let pack = &manifest.packs[run.pack as usize].name;
                set("pack", format!("{}{pack}", self.base).into());
                set("start", (run.start as f64).into());
                set("end", (run.end as f64).into());
                if manifest.chunks {
                    let chunks = js_sys::Array::new();
                    for s in &run.shards {
                        chunks.push(&format!("{}{}", self.base, s.chunk_name()).into());
                    }
                    set("chunks", chunks.into());
                }
                let shards: Vec<ShardRef> = run.shards.iter().map(|&s| s.clone()).collect();
                (shards, self.post(job, cancel))
            })
            .collect();
        Sent { runs }
    }

    /// The stored bytes, by hash, of the shards `sent` asked for; `progress(done, total)`
    /// after each run.
    async fn receive(
        &self,
        manifest: &Manifest,
        sent: Sent,
        progress: &dyn Fn(usize, usize),
        cancel: &Cancel,
    ) -> Result<HashMap<Digest, Vec<u8>>, String> {
        let total = sent.runs.len();
        let mut out = HashMap::new();
        for (done, (shards, answer)) in sent.runs.into_iter().enumerate() {
            let bytes = Self::answer(answer?).await?;
            if cancel.is_cancelled() {
                return Err("cancelled".into());
            }
            let mut at = 0usize;
            for s in &shards {
                let len = s.len as usize;
                let Some(b) = bytes.get(at..at + len) else {
                    return Err(format!("{} came back short", manifest.describe(s)));
                };
                out.insert(s.hash, b.to_vec());
                at += len;
            }
            progress(done + 1, total);
        }
        Ok(out)
    }
}

/// Runs posted to the worker (`Sharded::send_runs`): each run's shards and the promise
/// of its bytes.
pub struct Sent {
    runs: Vec<(Vec<ShardRef>, Result<js_sys::Promise, String>)>,
}

/// The paragraphs of some documents, asked for ([`super::Engine::ask_paragraphs`]) and
/// not read yet.
pub struct Asked {
    docs: Vec<u32>,
    sent: Option<Sent>,
}

/// A loading that its view calls off when it no longer needs it (a word typed on): the
/// requests still queued are dropped, those in flight aborted.
#[derive(Default)]
pub struct Cancel {
    cancelled: Cell<bool>,
    sent: RefCell<(Vec<u32>, Option<web_sys::Worker>)>,
}

impl Cancel {
    fn sent(&self, id: u32, worker: &web_sys::Worker) {
        let mut sent = self.sent.borrow_mut();
        sent.0.push(id);
        sent.1.get_or_insert_with(|| worker.clone());
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }

    /// Calls the loading off (once).
    pub fn cancel(&self) {
        if self.cancelled.replace(true) {
            return;
        }
        let sent = self.sent.borrow();
        if let (ids, Some(worker)) = (&sent.0, &sent.1) {
            let list = js_sys::Array::new();
            for &id in ids {
                list.push(&id.into());
            }
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"cancel".into(), &list);
            let _ = worker.post_message(&message);
        }
    }
}

/// Opens the sharded corpus: fetches the manifest and the table shard, and starts the
/// engine with nothing else loaded.
pub async fn open(manifest_name: &str, worker: &str) -> Result<super::Engine, String> {
    let sharded = Sharded::start(worker)?;
    crate::timing::begin("concord:manifest");
    let bytes = sharded.file(manifest_name).await;
    crate::timing::end("concord:manifest");
    let bytes = bytes.map_err(|e| format!("the corpus's manifest cannot be fetched: {e}"))?;
    let manifest = Manifest::decode(&bytes).map_err(|e| format!("{manifest_name}: {e}"))?;
    let table: Vec<&ShardRef> = manifest.of_kind(shard::Kind::Table).iter().collect();
    let fetched = sharded
        .fetch(&manifest, table, &|_, _| {}, &Cancel::default())
        .await?;
    let (corpus, index) = crate::timing::measured("concord:index", || {
        shard::open(&manifest, shard::read_fetched(&manifest, &fetched))
    })
    .map_err(|e| e.to_string())?;
    *sharded.loader.borrow_mut() = Loader::new(manifest);
    let mut engine = super::Engine::new(corpus, index, Vec::new());
    engine.sharded = Some(Rc::new(sharded));
    Ok(engine)
}

impl super::Engine {
    /// How many shards `need` reads that are not loaded (none, embedded).
    pub fn missing(&self, need: &Need) -> usize {
        self.missing_bytes(need).0
    }

    /// How many shards `need` reads that are not loaded, and their bytes as stored.
    pub fn missing_bytes(&self, need: &Need) -> (usize, u64) {
        match &self.sharded {
            None => (0, 0),
            Some(s) => {
                let loader = s.loader.borrow();
                let missing = loader.missing(&self.index(), need);
                let bytes = missing.iter().map(|s| u64::from(s.len)).sum();
                (missing.len(), bytes)
            }
        }
    }

    /// A new id for [`Self::pin`] (one a part of the page that loads what it reads).
    pub fn pin_id(&self) -> u32 {
        match &self.sharded {
            None => 0,
            Some(s) => {
                let id = s.next_pin.get();
                s.next_pin.set(id + 1);
                id
            }
        }
    }

    /// Notes that the part `id` of the page on screen reads what `need` names: a load that
    /// starts over keeps it.
    pub fn pin(&self, id: u32, need: &Need) {
        if let Some(s) = &self.sharded {
            s.pins.borrow_mut().insert(id, need.clone());
        }
    }

    /// The part `id` is gone from the page.
    pub fn unpin(&self, id: u32) {
        if let Some(s) = &self.sharded {
            s.pins.borrow_mut().remove(&id);
        }
    }

    /// Starts over when the words loaded are past the budget: drops the text of every
    /// document that neither `need` nor a part of the page on screen reads (an engine that
    /// only grew would reach the whole corpus in a long session). Marks
    /// `concord:start-over`.
    fn start_over_if_full(&self, need: &Need) {
        let Some(s) = &self.sharded else {
            return;
        };
        if self.index().loaded_words() <= BUDGET_WORDS {
            return;
        }
        let pins = s.pins.borrow();
        if need.all_docs || pins.values().any(|p| p.all_docs) {
            return;
        }
        let mut keep = vec![false; self.corpus().documents.len()];
        for &d in pins.values().flat_map(|p| &p.docs).chain(&need.docs) {
            if let Some(k) = keep.get_mut(d as usize) {
                *k = true;
            }
        }
        let dropped = s.loader.borrow_mut().unload_text(
            &mut self.corpus.borrow_mut(),
            &mut self.index.borrow_mut(),
            |d| keep[d as usize],
        );
        if dropped > 0 {
            crate::timing::mark("concord:start-over");
        }
    }

    /// Fetches and loads what `need` reads, reporting `progress(done, total)` in requests:
    /// whether anything was missing. An error names the shard or file that failed; what
    /// loaded before it stays loaded. Past the budget of words loaded, it first starts over
    /// ([`Self::start_over_if_full`]).
    async fn load(
        &self,
        need: &Need,
        progress: &dyn Fn(usize, usize),
        cancel: &Cancel,
    ) -> Result<bool, String> {
        let Some(sharded) = &self.sharded else {
            return Ok(false);
        };
        // The manifest is read-only and shared (no copy); the shards to fetch are copied,
        // so that nothing stays borrowed while the fetch is awaited.
        let manifest = sharded.loader.borrow().manifest.clone();
        let wanted: Vec<ShardRef> = {
            let loader = sharded.loader.borrow();
            loader
                .missing(&self.index(), need)
                .into_iter()
                .cloned()
                .collect()
        };
        if wanted.is_empty() {
            return Ok(false);
        }
        let fetched = sharded
            .fetch(&manifest, wanted.iter().collect(), progress, cancel)
            .await?;
        // After the fetch (the page may have moved on meanwhile: its pins are current).
        self.start_over_if_full(need);
        let formulas = crate::timing::measured("concord:load", || {
            sharded.loader.borrow_mut().load(
                &mut self.corpus.borrow_mut(),
                &mut self.index.borrow_mut(),
                need,
                &fetched,
            )
        })
        .map_err(|e| e.to_string())?;
        if let Some(f) = formulas {
            *self.formulas.borrow_mut() = Rc::new(f);
        }
        crate::timing::memory();
        Ok(true)
    }

    /// [`Self::load`] until nothing `need(engine)` reads is missing: needs that unfold in
    /// steps (a search's words after its postings).
    pub async fn load_all(
        &self,
        need: &dyn Fn(&super::Engine) -> Need,
        progress: &dyn Fn(usize, usize),
        cancel: &Cancel,
    ) -> Result<(), String> {
        if !self.is_sharded() {
            return Ok(());
        }
        // What is missing is found once a step, by the load itself.
        for _ in 0..4 {
            if !self.load(&need(self), progress, cancel).await? {
                return Ok(());
            }
        }
        Err("the corpus's shards were loaded, yet some are still missing".into())
    }

    /// The text shard document `doc` is in (its first document): an export's blocks are
    /// cut by how many shards they read.
    pub fn text_key(&self, doc: u32) -> u32 {
        match &self.sharded {
            None => 0,
            Some(s) => s
                .loader
                .borrow()
                .manifest
                .text_of(doc)
                .map_or(doc, |t| t.first),
        }
    }

    /// Asks for the paragraphs of documents `docs` now: their shards are posted to the
    /// worker at once, and read by [`Self::read_paragraphs`] (an export asks for its next
    /// blocks while it writes one, so that the worker keeps its requests in flight).
    pub fn ask_paragraphs(&self, docs: &[u32], cancel: &Cancel) -> Asked {
        let sent = self.sharded.as_ref().map(|sharded| {
            let loader = sharded.loader.borrow();
            sharded.send_runs(&loader.manifest, loader.text_shards_of(docs), cancel)
        });
        Asked {
            docs: docs.to_vec(),
            sent,
        }
    }

    /// The paragraphs `asked` for, fetched and read, not loaded (an export reads its
    /// statements a block at a time and drops them, so that the engine does not grow to
    /// the corpus). An error names the shard.
    pub async fn read_paragraphs(
        &self,
        asked: Asked,
        cancel: &Cancel,
    ) -> Result<HashMap<u32, Vec<concord_core::model::Paragraph>>, String> {
        let (Some(sharded), Some(sent)) = (&self.sharded, asked.sent) else {
            return Ok(HashMap::new());
        };
        let manifest = sharded.loader.borrow().manifest.clone();
        let fetched = sharded.receive(&manifest, sent, &|_, _| {}, cancel).await?;
        let read = sharded
            .loader
            .borrow()
            .read_paragraphs(&asked.docs, &fetched);
        read.map_err(|e| e.to_string())
    }
}
