#!/usr/bin/env python3
"""The app's download without its corpus: a wasm file's size with its `concord-corpus`
custom section left out, raw and after gzip -9 (what `make sizes` reports against the
250 kB target, which counts the app's code, not the corpus it carries)."""
import gzip
import sys


def leb128(data, i):
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def without_corpus(data):
    if data[:4] != b"\0asm":
        sys.exit("not a WebAssembly module")
    out, i, corpus = bytearray(data[:8]), 8, 0
    while i < len(data):
        start = i
        section = data[i]
        size, i = leb128(data, i + 1)
        if section == 0:
            length, j = leb128(data, i)
            if data[j : j + length] == b"concord-corpus":
                corpus += size
                i += size
                continue
        out += data[start : i + size]
        i += size
    return bytes(out), corpus


for path in sys.argv[1:]:
    app, corpus = without_corpus(open(path, "rb").read())
    print(f"app {len(app)} bytes ({len(gzip.compress(app, 9))} gzip) without the corpus section ({corpus} bytes)")
