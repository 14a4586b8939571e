#!/usr/bin/env bash
# Reproducible builds: a second release build of the same sources and corpus, from another
# checkout path (a copy of the working tree under target/) and another cargo target folder,
# must give a byte-identical dist/ to `make release`'s. Run by `make test-reproducible`, after
# `make release`.
#
# The copy builds into a target folder of its own (target/repro/target, kept between runs so
# only the workspace's crates rebuild). Sharing the checkout's target was a bug: cargo names a
# workspace crate's artifacts by its path relative to the workspace root, so the copy's build
# overwrote the checkout's artifacts and fingerprints, which then pointed at the copy's files;
# the next `make release` in the checkout did not see edits and shipped a stale app.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
first="$root/target/release-dist"
copy="$root/target/repro/src"
second="$root/target/repro/dist"
target="$root/target/repro/target"
[[ -f "$first/index.html" ]] || { echo "FAIL: no release build at $first (run make release)"; exit 1; }
rm -rf "$copy" "$second"
mkdir -p "$copy" "$target"
# Tracked and untracked files (not ignored ones), as a fresh checkout would have them.
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy")
(cd "$copy" && CARGO_TARGET_DIR="$target" trunk build --release --dist "$second" >/dev/null 2>&1) \
    || { echo "FAIL: the second build failed"; exit 1; }
if diff -r "$first" "$second" >/dev/null; then
    echo "reproducible: $(find "$second" -type f | wc -l) files byte-identical ($(du -sb "$second" | cut -f1) bytes) from $copy"
else
    echo "FAIL: two builds of the same sources differ:"
    diff -rq "$first" "$second" || true
    for f in "$first"/*; do
        g="$second/$(basename "$f")"
        [[ -f "$g" ]] && ! cmp -s "$f" "$g" && cmp "$f" "$g" | head -1
    done
    exit 1
fi
# Regression: the checkout's own artifacts must not name the copy's files (they did when both
# builds shared one target folder, and the next release build then missed edits).
stale=$(grep -rlsF --include='*.d' "$copy/" "$root/target/wasm32-unknown-unknown" "$root/target/release" || true)
if [[ -n "$stale" ]]; then
    echo "FAIL: the checkout's build records name files of the copy at $copy:"
    echo "$stale" | head -3
    echo "(a target folder left by the old shared-target check; cargo clean -p concord --release --target wasm32-unknown-unknown, then make release)"
    exit 1
fi
