#!/usr/bin/env bash
# Builds the app crate with CONCORD_CORPUS pointing at other corpora, as a user would:
# the test corpus must build (and its report show every file), a bad corpus must stop the
# build with an error naming the file and line.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0

out=$(CONCORD_CORPUS=tests/corpora/northsea cargo check -p concord --lib 2>&1)
if [[ $? -ne 0 ]]; then
    echo "FAIL: the test corpus did not build:"; echo "$out"; fail=1
elif ! grep -q 'corpus: 4 files → 4 documents, 15 statements' <<<"$out"; then
    echo "FAIL: no build report for the test corpus in:"; echo "$out"; fail=1
else
    echo "ok: tests/corpora/northsea builds: $(grep -o 'corpus: [^(]*' <<<"$out" | head -1)"
fi

out=$(CONCORD_CORPUS=crates/concord-core/tests/bad-corpora/catalog-bad-date cargo check -p concord --lib 2>&1)
if [[ $? -eq 0 ]]; then
    echo "FAIL: a corpus with a bad catalog date built"; fail=1
elif ! grep -q 'catalog.toml:4: bad date `2023-02-30`' <<<"$out"; then
    echo "FAIL: the bad-date error does not name file and line:"; echo "$out"; fail=1
else
    echo "ok: a bad corpus stops the build: $(grep -o 'catalog.toml:4: bad date[^:]*' <<<"$out" | head -1)"
fi

out=$(CONCORD_CORPUS=no/such/folder cargo check -p concord --lib 2>&1)
if [[ $? -eq 0 ]] || ! grep -q 'no/such/folder: cannot be read' <<<"$out"; then
    echo "FAIL: a missing corpus folder is not named:"; echo "$out"; fail=1
else
    echo "ok: a missing corpus folder is named"
fi

# Leave the default corpus built, so later steps do not rebuild for it.
cargo check -p concord --lib --quiet 2>/dev/null
if [[ $fail -eq 0 ]]; then echo "build-corpus: 3 passed, 0 failed"; else echo "build-corpus: failed"; fi
exit $fail
