#!/usr/bin/env python3
"""Trunk post_build hook: moves every inline <script> of the staged index.html into a file.

Concord's Content-Security-Policy (in index.html) allows scripts only from the app's own
origin ('self'), never inline. Trunk writes the wasm loader as an inline module script; this
hook writes each inline script to `<stem>-<hash>.js` beside index.html (the hash of its
content, like Trunk's own file names) and replaces it with
`<script type="module" src="…" integrity="sha384-…">` (a classic script, such as the live
reload `trunk serve` adds, stays classic). Standard library only.

Fails (and so fails the build) when a script cannot be moved, naming it.
"""
import base64
import hashlib
import os
import re
import sys

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("externalize-scripts: TRUNK_STAGING_DIR is not set (run by Trunk only)", file=sys.stderr)
        return 1
    public_url = os.environ.get("TRUNK_PUBLIC_URL", "./")
    index = os.path.join(staging, "index.html")
    with open(index, encoding="utf-8") as f:
        html = f.read()
    moved = 0

    def externalize(match: re.Match) -> str:
        nonlocal moved
        attrs, body = match.group("attrs"), match.group("body")
        if "src=" in attrs or not body.strip():
            return match.group(0)
        # Trunk's loader is a module; `trunk serve` adds a classic script (live reload).
        kind = ' type="module"' if 'type="module"' in attrs else ""
        data = body.strip().encode("utf-8") + b"\n"
        digest = hashlib.sha256(data).hexdigest()[:16]
        name = f"init-{digest}.js"
        with open(os.path.join(staging, name), "wb") as out:
            out.write(data)
        integrity = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
        moved += 1
        return f'<script{kind} src="{public_url}{name}" integrity="{integrity}" crossorigin="anonymous"></script>'

    html = SCRIPT.sub(externalize, html)
    if moved == 0:
        print(f"externalize-scripts: {index}: no inline script found (has Trunk's output changed?)", file=sys.stderr)
        return 1
    with open(index, "w", encoding="utf-8") as f:
        f.write(html)
    return 0


if __name__ == "__main__":
    sys.exit(main())
