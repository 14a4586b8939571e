#!/usr/bin/env python3
"""Trunk post_build hook: puts a sharded corpus's files into the staged dist/ (`corpus/`).

A sharded build (build.rs, README "Two modes") compiles the app with the name of its
manifest and fetch worker, in the wasm custom section `concord-shards`, and writes the files
into `<target>/concord-shards/<manifest>/`. This hook reads that section from the staged
wasm and copies the manifest, the packs, the chunk files (if written) and the worker into
`$TRUNK_STAGING_DIR/corpus/` (hard links where it can: the packs can be hundreds of
megabytes). An embedded build's section is empty: nothing to do.

Fails (and so fails the build) naming what is missing. Standard library only.
"""
import glob
import os
import shutil
import sys

from wasm_sections import custom_section

SECTION = b"concord-shards"


def link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def main():
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        sys.exit("place-shards: TRUNK_STAGING_DIR is not set (run by Trunk's post_build hook)")
    modules = glob.glob(os.path.join(staging, "*.wasm"))
    if len(modules) != 1:
        sys.exit(f"place-shards: expected one .wasm in {staging}, found {len(modules)}")
    names = custom_section(open(modules[0], "rb").read(), SECTION, modules[0])
    if not names or not names.strip():
        return
    manifest, worker = names.decode().split()
    source = os.environ.get("TRUNK_SOURCE_DIR", os.getcwd())
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    store = os.path.join(source, target, "concord-shards", manifest[: -len(".bin")])
    if not os.path.isfile(os.path.join(store, manifest)):
        sys.exit(f"place-shards: the app names {manifest}, which is not in {store}: rebuild")
    out = os.path.join(staging, "corpus")
    files = [manifest, worker] + [
        os.path.relpath(p, store)
        for pattern in ("pack-*.bin", "chunk/*.bin")
        for p in glob.glob(os.path.join(store, pattern))
    ]
    # The chunk files only when the build wrote them (CONCORD_CHUNKS=0 leaves them out).
    os.makedirs(os.path.join(out, "chunk") if any("/" in n for n in files) else out, exist_ok=True)
    for name in files:
        src = os.path.join(store, name)
        if not os.path.isfile(src):
            sys.exit(f"place-shards: {src} is missing: rebuild")
        link_or_copy(src, os.path.join(out, name))
    print(f"place-shards: {len(files)} files of {manifest} in {out}")


if __name__ == "__main__":
    main()
