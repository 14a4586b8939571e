// Concord's shard fetcher: a Web Worker the sharded app starts (src/data/sharded.rs). It
// only moves bytes: the app checks every shard's hash, inflates and decodes it.
//
// A job is a run of shards lying end to end in one pack, or a whole file (the manifest):
//   { id, pack, start, end, chunks: [url, …] }   (urls absolute; end exclusive; no chunks
//                                                 when the build wrote no chunk files)
//   { id, file }
// and is answered with
//   { id, ok: true, bytes: ArrayBuffer }          (transferred: the run's bytes in order)
//   { id, ok: false, error: "…" }                 (naming the file and what went wrong)
//
// - Bounded: at most MAX_ACTIVE requests at once, the rest queued in order (no storms).
// - Range first: the run is one `Range` request on its pack. A host that answers with the
//   whole file (200, Range ignored) is remembered, the download is cancelled, and from then
//   on every shard is read from its own chunk file.
// - Resilient: a network error or a 5xx (or 408, 429) is retried after a backoff (250 ms,
//   1 s, 4 s); a 4xx is final.
// - Cancellable: { cancel: [id, …] } drops those jobs still queued and aborts those in
//   flight; each is answered { id, ok: false, error: "cancelled" } (the app cancels what
//   a view no longer needs, such as the prefixes of a word typed on).
// - Cached: runs already fetched are kept, up to CACHE_BYTES, least recently used first
//   out; the browser's HTTP cache keeps them across visits (every name is a content hash).

const MAX_ACTIVE = 6;
const RETRIES = 3;
const CACHE_BYTES = 64 * 1024 * 1024;

let rangeWorks = true;
let active = 0;
const queue = [];
const inFlight = new Map(); // id -> AbortController
const cache = new Map(); // key -> ArrayBuffer, in order of use
let cached = 0;

self.onmessage = (event) => {
  if (event.data.cancel) {
    const ids = new Set(event.data.cancel);
    for (let i = queue.length - 1; i >= 0; i -= 1) {
      if (ids.has(queue[i].id)) {
        self.postMessage({ id: queue[i].id, ok: false, error: "cancelled" });
        queue.splice(i, 1);
      }
    }
    for (const id of ids) {
      const controller = inFlight.get(id);
      if (controller) {
        controller.abort();
      }
    }
    return;
  }
  for (const job of event.data.jobs) {
    queue.push(job);
  }
  pump();
};

function pump() {
  while (active < MAX_ACTIVE && queue.length > 0) {
    const job = queue.shift();
    active += 1;
    const controller = new AbortController();
    inFlight.set(job.id, controller);
    // Every job is answered: a failure after the fetch (the copy, out of memory) too, or
    // the app would wait for it forever.
    run(job, controller.signal)
      .then((bytes) => {
        const copy = bytes.slice(0);
        self.postMessage({ id: job.id, ok: true, bytes: copy }, [copy]);
      })
      .catch((error) =>
        self.postMessage({
          id: job.id,
          ok: false,
          error: controller.signal.aborted ? "cancelled" : String(error.message || error),
        }),
      )
      .finally(() => {
        inFlight.delete(job.id);
        active -= 1;
        pump();
      });
  }
}

async function run(job, signal) {
  if (job.file) {
    const response = await fetchRetrying(job.file, { signal });
    if (!response.ok) {
      throw new Error(`${job.file}: HTTP ${response.status} ${response.statusText}`.trim());
    }
    return await response.arrayBuffer();
  }
  const key = `${job.pack}#${job.start}-${job.end}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let bytes = rangeWorks ? await ranged(job, signal) : null;
  if (bytes === null) {
    bytes = await chunks(job, signal);
  }
  remember(key, bytes);
  return bytes;
}

function remember(key, bytes) {
  if (bytes.byteLength > CACHE_BYTES) {
    return;
  }
  cache.set(key, bytes);
  cached += bytes.byteLength;
  for (const [k, b] of cache) {
    if (cached <= CACHE_BYTES) {
      break;
    }
    cache.delete(k);
    cached -= b.byteLength;
  }
}

// The run from its pack by one Range request; null when the host ignores Range.
async function ranged(job, signal) {
  const want = job.end - job.start;
  const response = await fetchRetrying(job.pack, {
    headers: { Range: `bytes=${job.start}-${job.end - 1}` },
    signal,
  });
  if (response.status === 200) {
    rangeWorks = false;
    try {
      await response.body.cancel();
    } catch (_) {
      // Nothing left to cancel.
    }
    return null;
  }
  if (response.status !== 206) {
    throw new Error(`${job.pack}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength !== want) {
    throw new Error(`${job.pack}: ${bytes.byteLength} bytes for bytes ${job.start}-${job.end - 1}, not ${want}`);
  }
  return bytes;
}

// The run from each shard's own file, laid end to end (one file after the other, so that
// the requests in flight stay at MAX_ACTIVE). A build without chunk files sends none.
async function chunks(job, signal) {
  if (!job.chunks) {
    throw new Error(
      `${job.pack}: the host ignores Range requests (it sends the whole file), and this ` +
        "build has no chunk files to read instead (it was built with CONCORD_CHUNKS=0): " +
        "serve it from a host that honours Range, or build it again without CONCORD_CHUNKS=0",
    );
  }
  const parts = [];
  for (const url of job.chunks) {
    const response = await fetchRetrying(url, { signal });
    if (!response.ok) {
      throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`.trim());
    }
    parts.push(new Uint8Array(await response.arrayBuffer()));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.buffer;
}

async function fetchRetrying(url, init) {
  let wait = 250;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await fetch(url, init);
      const transient = response.status >= 500 || response.status === 408 || response.status === 429;
      if (!transient || attempt >= RETRIES) {
        return response;
      }
    } catch (error) {
      if (attempt >= RETRIES || (init.signal && init.signal.aborted)) {
        throw new Error(`${url}: ${error.message || error} (after ${RETRIES + 1} tries)`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait *= 4;
  }
}
