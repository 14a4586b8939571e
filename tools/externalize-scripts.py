#!/usr/bin/env python3
"""Trunk post_build hook: moves every inline <script> of the staged index.html into a file.

Concord's Content-Security-Policy (in index.html) allows scripts only from the app's own
origin ('self'), never inline. Trunk writes the wasm loader as an inline module script; this
hook writes each inline script to `<stem>-<hash>.js` beside index.html (the hash of its
content, like Trunk's own file names) and replaces it with
`<script type="module" src="…" integrity="sha384-…">` (a classic script, such as the live
reload `trunk serve` adds, stays classic). Standard library only.

Under `trunk serve` (the only build with Trunk's live-reload script), two more things, so
the page reloads on save:
- the reload script's placeholders, which Trunk's server fills in only inside HTML
  responses, are filled in here: the page's own host (`window.location.host`, what Trunk
  uses when it cannot tell) and the websocket base derived from the public URL as Trunk
  derives it;
- the page's Content-Security-Policy becomes the development policy: the release policy
  with the reload socket (`TRUNK_SERVE_ADDRESS`/`TRUNK_SERVE_PORT`, or Trunk.toml's `[serve]`) added to `connect-src` (`'self'`
  already covers a same-origin websocket in CSP Level 3 browsers; the explicit entry is for
  the rest). `trunk build` output keeps the release policy untouched.

Fails (and so fails the build) when a script cannot be moved, naming it.
"""
import base64
import hashlib
import os
import re
import sys
import tomllib

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
RELOAD_PATH = ".well-known/trunk/ws"
CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")(?P<policy>[^"]*)(")')


def ws_base(public_url: str) -> str:
    """The websocket base Trunk 0.21 serves for a public URL (its `common_base`)."""
    if public_url.startswith("/"):
        base = public_url
    elif public_url in ("", "./"):
        base = "/"
    elif public_url.startswith("."):
        base = public_url[1:]
    elif "://" in public_url:
        base = "/" + public_url.split("://", 1)[1].partition("/")[2]
    else:
        base = "/" + public_url
    return base if base.endswith("/") else base + "/"


def reload_socket(source_dir: str) -> str:
    """`ws://address:port` of the server: `TRUNK_SERVE_ADDRESS` and `TRUNK_SERVE_PORT` when
    set (Trunk reads them too), else Trunk.toml's [serve], else Trunk's defaults. A `--port`
    given on the command line is not passed to hooks: then only `'self'` covers the socket."""
    serve = {}
    path = os.path.join(source_dir, "Trunk.toml")
    if os.path.exists(path):
        with open(path, "rb") as f:
            serve = tomllib.load(f).get("serve", {})
    address = os.environ.get("TRUNK_SERVE_ADDRESS") or (serve.get("addresses") or [serve.get("address", "127.0.0.1")])[0]
    port = os.environ.get("TRUNK_SERVE_PORT") or serve.get("port", 8080)
    return f"ws://{address}:{port}"


def development_policy(html: str, socket: str) -> str:
    """The page's policy with the reload socket allowed to connect, nothing else changed."""

    def allow(match: re.Match) -> str:
        directives = [d.strip() for d in match.group("policy").split(";")]
        out = [d + " " + socket if d.startswith("connect-src ") else d for d in directives]
        return match.group(1) + "; ".join(out) + match.group(3)

    changed, n = CSP.subn(allow, html)
    if n != 1 or socket not in changed:
        raise SystemExit("externalize-scripts: index.html has no Content-Security-Policy with connect-src to extend")
    return changed


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
    serving = False

    def externalize(match: re.Match) -> str:
        nonlocal moved, serving
        attrs, body = match.group("attrs"), match.group("body")
        if "src=" in attrs or not body.strip():
            return match.group(0)
        # Trunk's loader is a module; `trunk serve` adds a classic script (live reload).
        kind = ' type="module"' if 'type="module"' in attrs else ""
        if RELOAD_PATH in body:
            serving = True
            body = (
                body.replace("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
                .replace("`{{__TRUNK_ADDRESS__}}`", "window.location.host")
                .replace("{{__TRUNK_WS_BASE__}}", ws_base(public_url))
            )
            if "{{__TRUNK_" in body:
                raise SystemExit("externalize-scripts: the live-reload script has a placeholder this hook does not know (has Trunk changed?)")
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
    if serving:
        html = development_policy(html, reload_socket(os.environ.get("TRUNK_SOURCE_DIR", ".")))
    with open(index, "w", encoding="utf-8") as f:
        f.write(html)
    return 0


if __name__ == "__main__":
    sys.exit(main())
