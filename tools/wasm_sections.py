"""A WebAssembly module's sections, for the tools that read them (`wasm-size.py`,
`place-shards.py`). Standard library only."""
import sys


def leb128(data, i):
    """The unsigned LEB128 number at `data[i:]`, and the index after it."""
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def sections(data, what="the file"):
    """Each section of the module: (id, custom section name or None, start, body start,
    end); exits naming `what` when it is not a module."""
    if data[:4] != b"\0asm":
        sys.exit(f"{what} is not a WebAssembly module")
    i = 8
    while i < len(data):
        start, kind = i, data[i]
        size, body = leb128(data, i + 1)
        name = None
        if kind == 0:
            length, j = leb128(data, body)
            name = data[j : j + length]
        yield kind, name, start, body, body + size
        i = body + size


def custom_section(data, name, what="the file"):
    """The contents of the custom section `name` (bytes), or None."""
    for _, n, _, body, end in sections(data, what):
        if n == name:
            length, j = leb128(data, body)
            return data[j + length : end]
    return None
