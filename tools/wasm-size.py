#!/usr/bin/env python3
"""The app's download without its corpus: a wasm file's size with its `concord-corpus`
custom section left out, raw and after gzip -9 (what `make sizes` reports against the
250 kB target, which counts the app's code, not the corpus it carries)."""
import gzip
import sys


from wasm_sections import sections


def without_corpus(data):
    out, corpus = bytearray(data[:8]), 0
    for _, name, start, body, end in sections(data):
        if name == b"concord-corpus":
            corpus += end - body
        else:
            out += data[start:end]
    return bytes(out), corpus


for path in sys.argv[1:]:
    app, corpus = without_corpus(open(path, "rb").read())
    print(f"app {len(app)} bytes ({len(gzip.compress(app, 9))} gzip) without the corpus section ({corpus} bytes)")
