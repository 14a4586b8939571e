#!/usr/bin/env bash
# Reproducible builds: a second release build of the same sources and corpus, from another
# checkout path (a copy of the working tree under target/), must give a byte-identical
# dist/ to `make release`'s. Run by `make test-reproducible`, after `make release`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
first="$root/target/release-dist"
copy="$root/target/repro/src"
second="$root/target/repro/dist"
[[ -f "$first/index.html" ]] || { echo "FAIL: no release build at $first (run make release)"; exit 1; }
rm -rf "$root/target/repro"
mkdir -p "$copy"
# Tracked and untracked files (not ignored ones), as a fresh checkout would have them.
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy")
(cd "$copy" && CARGO_TARGET_DIR="$root/target" trunk build --release --dist "$second" >/dev/null 2>&1) \
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
