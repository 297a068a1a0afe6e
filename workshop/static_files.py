"""Static files as a phone on venue Wi-Fi pays for them: each compressed once, at the
highest level, kept in memory, and the scripts and styles a page always needs served
as one bundle (one response and one set of headers in place of several, and one
compression window over all of it).

A bundle is a virtual static file (``url_for('static', filename='bundle/phone.css')``):
its parts joined in the order the page used to load them, so the cascade and the
scripts' order are what they were. A source file that changes is read again (its
mtime is part of the cache key), so development needs no restart.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import brotli
from flask import Flask, Response, abort, request
from flask_compress.compat import compression

#: The classic scripts of a screen, in the order the page ran them. socket.io comes first:
#: live.js needs it.
_SCRIPTS = {
    "phone": ("live.js", "cards.js", "ask.js", "phone-kit.js", "phone-plan.js", "phone.js"),
    "projector": (
        "live.js",
        "cards.js",
        "map.js",
        "projector-fit.js",
        "projector-plan.js",
        "projector.js",
    ),
}
#: Best first; a client that offers none of them gets the plain file.
_ENCODINGS = ("br", "zstd", "gzip")


#: A comment that is a whole line (or lines) of its own: a block that starts a line and
#: ends one, or a line that starts with //. `/*!` blocks (licences) stay.
_WHOLE_LINE_COMMENT = re.compile(
    rb"^[ \t]*(?:/\*(?!!)(?:(?!\*/).)*\*/|//[^\n]*)[ \t]*\n", re.MULTILINE | re.DOTALL
)


def strip_comments(source: bytes) -> bytes:
    """Drop the comments that are lines of their own from a script or a stylesheet.

    They explain the code to its readers; a phone only pays for them. A comment that
    shares its line with code stays, and so does anything inside a template literal
    (an odd number of backticks before it), so no string or statement changes.
    """

    def drop(match: re.Match[bytes]) -> bytes:
        inside_template = source.count(b"`", 0, match.start()) % 2 == 1
        return match.group(0) if inside_template else b""

    return _WHOLE_LINE_COMMENT.sub(drop, source)


def _compress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=11)
    if encoding == "zstd":
        return compression.zstd.compress(data, 19)
    return compression.gzip.compress(data, 9, mtime=0)


@dataclass(frozen=True)
class _Asset:
    body: bytes
    mimetype: str
    etag: str


class StaticFiles:
    """The static folder's files and bundles, each compressed once per encoding."""

    def __init__(self, folder: Path, bundles: dict[str, tuple[str, ...]]) -> None:
        self.folder = folder
        self.bundles = bundles
        self._cache: dict[tuple[str, str, tuple[float, ...]], _Asset] = {}
        # A crowd joining at once asks for the same file together: one of them compresses.
        self._compressing = threading.Lock()

    def _sources(self, filename: str) -> list[Path]:
        names = self.bundles.get(filename, (filename,))
        paths = []
        for name in names:
            path = (self.folder / name).resolve()
            if self.folder not in path.parents or not path.is_file():
                abort(404)
            paths.append(path)
        return paths

    def asset(self, filename: str, encoding: str) -> _Asset:
        """Return the file (or bundle) as sent with this encoding ("" for none)."""
        sources = self._sources(filename)
        stamps = tuple(os.stat(path).st_mtime for path in sources)
        key = (filename, encoding, stamps)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        with self._compressing:
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            # Each part ends its own line: a script's last statement stays its own.
            data = b"\n".join(path.read_bytes().rstrip(b"\n") for path in sources) + b"\n"
            if filename.endswith((".js", ".css")):
                data = strip_comments(data)
            body = _compress(data, encoding) if encoding else data
            digest = hashlib.sha256(data).hexdigest()[:20]
            mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
            cached = _Asset(body, mimetype, f"{digest}-{encoding or 'identity'}")
            self._cache[key] = cached
            return cached

    def serve(self, filename: str) -> Response:
        """The static view: the file compressed for this client, revalidated by its ETag."""
        if not filename or ".." in filename.split("/"):
            abort(404)
        accepted = request.headers.get("Accept-Encoding", "").split(",")
        offered = {part.split(";")[0].strip() for part in accepted}
        asset = self.asset(filename, "")
        encoding = ""
        if _is_compressible(asset.mimetype) and len(asset.body) >= 500:
            encoding = next((e for e in _ENCODINGS if e in offered), "")
            if encoding:
                asset = self.asset(filename, encoding)
        response = Response(asset.body, mimetype=asset.mimetype)
        if encoding:
            response.headers["Content-Encoding"] = encoding
        response.headers["Vary"] = "Accept-Encoding"
        response.set_etag(asset.etag)
        response.cache_control.no_cache = True  # as Flask's own static view: revalidate
        response.make_conditional(request)
        return response


def _is_compressible(mimetype: str) -> bool:
    return mimetype.startswith("text/") or mimetype in {
        "application/javascript",
        "application/json",
        "image/svg+xml",
    }


def bundles(activity_keys: list[str], folder: Path) -> dict[str, tuple[str, ...]]:
    """Each screen's bundles: its styles (app.css, its own, every activity's in the order
    their parts come on the page: ``css/<key>.css``, and ``css/<key>-<screen>.css`` for
    what only that screen needs) and its classic scripts."""
    found: dict[str, tuple[str, ...]] = {}
    for screen, scripts in _SCRIPTS.items():
        styles = [
            name
            for key in activity_keys
            for name in (f"css/{key}.css", f"css/{key}-{screen}.css")
            if (folder / name).is_file()
        ]
        found[f"bundle/{screen}.css"] = ("css/app.css", f"css/{screen}.css", *styles)
        found[f"bundle/{screen}.js"] = (
            "vendor/socket.io/socket.io.min.js",
            *(f"js/{name}" for name in scripts),
        )
    return found


def init_app(app: Flask, activity_keys: list[str]) -> None:
    """Serve the static folder, and the screens' bundles, through one StaticFiles."""
    folder = Path(app.static_folder or "static").resolve()
    files = StaticFiles(folder, bundles(activity_keys, folder))
    app.extensions["static_files"] = files
    app.view_functions["static"] = files.serve
