# Concord — the two commands a newcomer runs are `make serve` and `make test`.
# Every target installs what it needs when it is missing (idempotently), so a fresh machine
# with Rust, npm and apt needs nothing else.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION        := 0.21.14
# Must equal the `=` pin of wasm-bindgen in Cargo.toml (checked by `make tools`).
WASM_BINDGEN_VERSION := 0.2.130
BINARYEN_VERSION     := 132
AXE_VERSION          := 4.14.1
MINISEARCH_VERSION   := 7.2.0

TOOLS        := $(CURDIR)/.tools
export PATH  := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
RELEASE_DIST := $(CURDIR)/target/release-dist
WASM         := wasm32-unknown-unknown
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help tools browser serve release report screenshots screenshots-sharded bench bench-compare bench-app bench-positions bench-scale fuzz test lint test-core test-app test-wasm test-build-corpus test-e2e test-hostile test-speeches test-sharded test-serve test-reproducible sizes clean

help:
	@echo "make serve   — build and serve the app on http://127.0.0.1:8080 (installs missing tools)"
	@echo "make test    — every check CI runs: format, lint, unit, browser and end-to-end tests"
	@echo "make release — optimized build into target/release-dist/ (works under any sub-path)"
	@echo "make report  — the corpus build report (CONCORD_CORPUS=dir to check another corpus)"
	@echo "make screenshots — PNGs of every view in target/screenshots/"
	@echo "make bench   — the search benchmark on a generated 13 MB corpus"
	@echo "make bench-compare — comparison, formulations, near-duplicates, keyness timings"
	@echo "make bench-app — the app in headless Chromium: ready, search, memory, transfer (seeds, 13 MB, 12 MB speeches, 20k-word pair)"
	@echo "make bench-positions — precision and recall of the positions extractor by stance (labelled set)"
	@echo "make bench-scale — generated 13, 50 and 200 MB corpora: the build (time, memory), then the sharded app in headless Chromium"
	@echo "make fuzz    — each fuzz target for FUZZ_SECONDS (default 60; nightly Rust, cargo-fuzz)"

## Tools ###################################################################################

tools:
	@grep -q '^wasm-bindgen = "=$(WASM_BINDGEN_VERSION)"' Cargo.toml \
		|| { echo "Makefile WASM_BINDGEN_VERSION differs from Cargo.toml's wasm-bindgen pin" >&2; exit 1; }
	@rustup target list --installed | grep -qx $(WASM) || rustup target add $(WASM)
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@trunk --version 2>/dev/null | grep -qx 'trunk $(TRUNK_VERSION)' \
		|| cargo install --locked trunk --version $(TRUNK_VERSION)
	@# Without --locked: its lock file pins a crate version the registry no longer serves.
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' \
		|| cargo install --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@# Only npm's binaryen reads today's wasm; installed locally, on PATH via $(TOOLS).
	@wasm-opt --version 2>/dev/null | grep -q 'version_$(BINARYEN_VERSION)' \
		|| npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error binaryen@$(BINARYEN_VERSION)
	@# axe-core: the accessibility audit the end-to-end tests inject into the page.
	@grep -qs '"version": "$(AXE_VERSION)"' $(TOOLS)/node_modules/axe-core/package.json \
		|| npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION)
	@# MiniSearch: the client-side engine `make bench-app` times beside Concord, key for key.
	@grep -qs '"version": "$(MINISEARCH_VERSION)"' $(TOOLS)/node_modules/minisearch/package.json \
		|| npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error minisearch@$(MINISEARCH_VERSION)
	@cargo fetch --quiet

browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null \
		|| { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver; }

## Build ###################################################################################

serve: tools
	trunk serve

release: tools
	trunk build --release --dist $(RELEASE_DIST)
	@cargo run --quiet -p concord-core --bin concord-corpus -- report $${CONCORD_CORPUS:-seeds} > $(RELEASE_DIST).report.txt
	@echo "release: $(RELEASE_DIST) (corpus report: $(RELEASE_DIST).report.txt)"

report:
	cargo run --quiet -p concord-core --bin concord-corpus -- report $${CONCORD_CORPUS:-seeds}

# PNGs of what the sharded mode adds (results, a damaged shard's message) beside them.
screenshots-sharded: tools browser
	CONCORD_INDEX=sharded CONCORD_SHARD_BYTES=2048 CONCORD_PACK_BYTES=16384 CONCORD_EXPORT_ROWS=16 CONCORD_MEMORY_WORDS=1500 trunk build --release --dist $(SHARDED_DIST)
	CONCORD_DIST=$(SHARDED_DIST) cargo test -p concord --test sharded -- --ignored screenshots --nocapture

# PNGs of every view (desktop, 375 px, dark) in target/screenshots/, to look at.
screenshots: tools browser release
	CONCORD_DIST=$(RELEASE_DIST) cargo test -p concord --test e2e -- --ignored screenshots --nocapture

# The search benchmark (criterion): a generated 13 MB corpus, 20 queries, median and p95
# per query beside a naive scan, index build time and memory. Not part of `make test`.
bench:
	cargo bench -p concord-core --bench search

# The comparison benchmark (criterion): two generated 20,000-word documents compared, and
# formulations, near-duplicates and keyness on the generated 13 MB corpus.
bench-compare:
	cargo bench -p concord-core --bench compare

# The positions extractor's quality: precision and recall by stance on the labelled set
# (crates/concord-core/tests/positions/), and on the held-out set. A figure, not a timing;
# CONCORD_BENCH_VERBOSE=1 lists every wrong find and miss.
bench-positions:
	cargo bench -p concord-core --bench positions

# The app benchmark: User Timing (`concord:ready`, `concord:search`) in headless Chromium
# while a fixed set of queries is typed, for the seeds and for the generated 13 MB corpus.
BENCH_CORPUS := $(CURDIR)/target/bench-corpus-13mb
PAIR_CORPUS := $(CURDIR)/target/bench-compare-pair
SPEECH_CORPUS := $(CURDIR)/target/bench-corpus-speeches-12mb
bench-app: tools browser release
	CONCORD_DIST=$(RELEASE_DIST) CONCORD_BENCH_LABEL=seeds cargo test -p concord --test app_bench
	@[ -f $(BENCH_CORPUS)/generated-259.txt ] \
		|| CONCORD_BENCH_CORPUS_OUT=$(BENCH_CORPUS) cargo bench -p concord-core --bench search
	CONCORD_CORPUS=$(BENCH_CORPUS) trunk build --release --dist $(RELEASE_DIST)-13mb
	CONCORD_DIST=$(RELEASE_DIST)-13mb CONCORD_CORPUS=$(BENCH_CORPUS) CONCORD_BENCH_LABEL="generated 13 MB corpus" \
		cargo test -p concord --test app_bench
	@[ -f $(SPEECH_CORPUS)/speech-248.txt ] \
		|| CONCORD_BENCH_CORPUS_KIND=speeches CONCORD_BENCH_CORPUS_OUT=$(SPEECH_CORPUS) cargo bench -p concord-core --bench search
	CONCORD_CORPUS=$(SPEECH_CORPUS) trunk build --release --dist $(RELEASE_DIST)-speeches-12mb
	CONCORD_DIST=$(RELEASE_DIST)-speeches-12mb CONCORD_CORPUS=$(SPEECH_CORPUS) \
		CONCORD_BENCH_LABEL="generated 12 MB of hard-wrapped speeches (Zipfian vocabulary)" cargo test -p concord --test app_bench
	@[ -f $(PAIR_CORPUS)/pair-b.txt ] \
		|| CONCORD_BENCH_CORPUS_OUT=$(PAIR_CORPUS) cargo bench -p concord-core --bench compare
	CONCORD_CORPUS=$(PAIR_CORPUS) trunk build --release --dist $(RELEASE_DIST)-pair
	CONCORD_DIST=$(RELEASE_DIST)-pair CONCORD_CORPUS=$(PAIR_CORPUS) \
		CONCORD_BENCH_LABEL="two generated 20,000-word documents" cargo test -p concord --test app_bench

# The build at scale: generated speeches of 13, 50 and 200 MB (SCALE_SIZES), each built as
# build.rs builds the embedded corpus, with each stage's time and the peak memory.
SCALE_SIZES ?= 13 50 200
# The sharded app at scale: the largest generated corpus built with CONCORD_INDEX=sharded
# (wall time and peak memory of the whole build), then in headless Chromium behind a host
# that honours Range (tests/scale_bench.rs: cold navigation, bytes, typing, memory).
SCALE_APP ?= $(lastword $(SCALE_SIZES))
SCALE_DIST = $(RELEASE_DIST)-scale-$(SCALE_APP)mb
bench-scale: tools browser
	CONCORD_SCALE_SIZES="$(SCALE_SIZES)" cargo bench -p concord-core --bench scale
	python3 tools/peak.py "build of the sharded app ($(SCALE_APP) MB)" env \
		CONCORD_CORPUS=target/scale-$(SCALE_APP)mb CONCORD_INDEX=sharded \
		trunk build --release --dist $(SCALE_DIST)
	CONCORD_DIST=$(SCALE_DIST) cargo test -p concord --test scale_bench

# The fuzz targets (fuzz/: query parser, link decoder, corpus parser, embedded form), each for
# FUZZ_SECONDS with libFuzzer. Needs nightly Rust and cargo-fuzz (installed when missing).
# `make test` runs the same properties briefly as proptests.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := query_parser link_decoder corpus_parser embedded_form
fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz
	cd fuzz && for t in $(FUZZ_TARGETS); do \
		cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 || exit 1; \
	done

## Tests ###################################################################################

test: tools browser lint test-core test-app test-build-corpus test-wasm release test-e2e test-reproducible test-hostile test-speeches test-sharded test-serve sizes
	@echo "make test: all checks passed"

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --quiet -- -D warnings
	cargo clippy --workspace --target $(WASM) --quiet -- -D warnings
	cargo clippy -p concord --target $(WASM) --all-targets --quiet -- -D warnings
	@# The app's sharded code is compiled only into a sharded build (cfg concord_sharded).
	CONCORD_INDEX=sharded cargo clippy -p concord --target $(WASM) --quiet -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

test-core:
	cargo test -p concord-core

# The app's pure modules (URL state, formatting), natively.
test-app:
	cargo test -p concord --lib
	cargo test -p concord --doc

# A second corpus and a bad one, through build.rs and CONCORD_CORPUS, as a user would.
test-build-corpus:
	bash tests/build-corpus.sh

# Components mounted in headless Chromium (wasm-bindgen-test).
test-wasm:
	CHROMEDRIVER=/usr/bin/chromedriver \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test -p concord --target $(WASM) --test web

# The release dist/ served on 127.0.0.1 (at / and under a sub-path), driven over WebDriver.
test-e2e:
	CONCORD_DIST=$(RELEASE_DIST) CONCORD_AXE=$(TOOLS)/node_modules/axe-core/axe.min.js \
		cargo test -p concord --test e2e -- --test-threads=2

# Two release builds of the same sources (the second from a copy elsewhere) are byte-identical.
test-reproducible: tools release
	bash tests/reproducible.sh

# Markup injection: a corpus of XSS payloads, and links carrying them, in headless Chromium.
HOSTILE_DIST := $(CURDIR)/target/release-dist-hostile
test-hostile: tools browser
	CONCORD_CORPUS=tests/corpora/hostile trunk build --release --dist $(HOSTILE_DIST)
	CONCORD_DIST=$(HOSTILE_DIST) CONCORD_CORPUS=tests/corpora/hostile \
		cargo test -p concord --test hostile -- --test-threads=2

# Real corpora: hard-wrapped speeches, a spreadsheet catalog, file-name dates and a
# transcript (tests/corpora/speeches), in headless Chromium.
SPEECHES_DIST := $(CURDIR)/target/release-dist-speeches
test-speeches: tools browser
	CONCORD_CORPUS=tests/corpora/speeches trunk build --release --dist $(SPEECHES_DIST)
	CONCORD_DIST=$(SPEECHES_DIST) CONCORD_CORPUS=tests/corpora/speeches \
		CONCORD_AXE=$(TOOLS)/node_modules/axe-core/axe.min.js \
		cargo test -p concord --test speeches -- --test-threads=2

# The sharded mode: the seeds built with CONCORD_INDEX=sharded and small shards, served by a
# host that honours Range, one that ignores it and one with a damaged shard; the same links
# give the views the embedded engine gives.
SHARDED_DIST := $(CURDIR)/target/release-dist-sharded
test-sharded: tools browser
	CONCORD_INDEX=sharded CONCORD_SHARD_BYTES=2048 CONCORD_PACK_BYTES=16384 CONCORD_EXPORT_ROWS=16 CONCORD_MEMORY_WORDS=1500 trunk build --release --dist $(SHARDED_DIST)
	CONCORD_DIST=$(SHARDED_DIST) cargo test -p concord --test sharded -- --test-threads=2

# The development loop: `trunk serve` (its own port and dist), the page connecting to the
# reload socket under the development policy, and a reload after a file is saved.
test-serve: tools browser
	cargo test -p concord --test serve

sizes:
	@wasm=$$(ls $(RELEASE_DIST)/concord-*_bg.wasm); js=$$(ls $(RELEASE_DIST)/concord-*.js); \
	printf 'sizes: wasm %s bytes (%s gzip), js %s bytes (%s gzip); %s; %s\n' \
		$$(stat -c %s $$wasm) $$(gzip -9c $$wasm | wc -c) $$(stat -c %s $$js) $$(gzip -9c $$js | wc -c) \
		"$$(python3 tools/wasm-size.py $$wasm)" "$$(grep "^embedded" $(RELEASE_DIST).report.txt)"

clean:
	cargo clean
	rm -rf dist $(TOOLS)
