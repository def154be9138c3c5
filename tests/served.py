"""The example site built with the real ``mkdocs`` command and served on ``127.0.0.1`` as
GitHub Pages serves it: under the path of its ``site_url``, text gzip-compressed, a missing
file (or a folder without ``index.html``) answered with the site's ``404.html``, and every
response open to other origins (``Access-Control-Allow-Origin: *``, as GitHub Pages sends),
which is what lets ``widget.js`` on another site read the API.

Each site is built with ``site_url`` pointing at the local server, so that its absolute links
(feeds, canonical URLs, ``og:url``) stay on the server: the browser and the checkers never
request the published site, and any request elsewhere is a third-party request.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .integration.sitebuild import REPO, mkdocs_build

SITE_URL_LINE = re.compile(r"^site_url: *(\S+) *$", re.MULTILINE)
BASE_PATH = urlsplit(SITE_URL_LINE.search((REPO / "mkdocs.yml").read_text("utf-8"))[1]).path

COMPRESSED_TYPES = ("text/", "application/json", "application/xml", "image/svg+xml")
GZIP_LEVEL = 6  # zlib's default, what a CDN compressing on the fly typically uses


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files of ``server.root`` at ``BASE_PATH``, text gzip-compressed, cacheable for 10 minutes
    like GitHub Pages; everything else is a 404 with the site's 404 page."""

    server: _SiteServer

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(BASE_PATH):
            self._not_found()
            return
        file = (self.server.root / path.removeprefix(BASE_PATH)).resolve()
        if file.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file() or not file.is_relative_to(self.server.root):
            self._not_found()
            return
        self._send(file, 200)

    def _not_found(self) -> None:
        """GitHub Pages answers a missing file with the site's root ``404.html``."""
        page = self.server.root / "404.html"
        if page.is_file():
            self._send(page, 404)
        else:
            self.send_error(404)

    def _send(self, file: Path, status: int) -> None:
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if "text" in kind else ""))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Access-Control-Allow-Origin", "*")
        if kind.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, GZIP_LEVEL, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        # LinkChecker waits up to 0.6 s between requests to a host unless the host answers
        # with this header: then its ``maxrequestspersecond`` setting applies.
        self.send_header("LinkChecker", "unthrottled")
        self.end_headers()
        self.wfile.write(body)
        self.server.sent.append((self.path, len(body)))

    def log_message(self, format: str, *args: object) -> None:
        pass


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    root: Path
    sent: list[tuple[str, int]]


class ServedSite:
    """A site on ``127.0.0.1``; its address is known before it is built, for its ``site_url``."""

    def __init__(self) -> None:
        self._server = _SiteServer(("127.0.0.1", 0), _Handler)
        self._server.sent = []
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        self.url = self.origin + BASE_PATH

    def build(self, workdir: Path, incidents: Path) -> None:
        """Build the example site's configuration, docs and ``incidents`` into ``workdir``."""
        config = SITE_URL_LINE.sub(
            f"site_url: {self.url}", (REPO / "mkdocs.yml").read_text("utf-8"), count=1
        )
        (workdir / "mkdocs.yml").write_text(config, encoding="utf-8")
        (workdir / "docs").symlink_to(REPO / "docs")
        (workdir / "incidents").symlink_to(incidents)
        build = mkdocs_build(workdir / "mkdocs.yml", workdir / "site", strict=True)
        assert build.returncode == 0, build.output
        self.site_dir = (workdir / "site").resolve()
        self._server.root = self.site_dir
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def sent(self) -> list[tuple[str, int]]:
        """The path and body size of every response with a file, in order; a 404 has none."""
        return self._server.sent

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
