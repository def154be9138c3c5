"""The example site built once with the real ``mkdocs`` command and served on ``127.0.0.1``
under the path of its ``site_url``, as GitHub Pages serves it, for the checkers of this folder.

The site is built with ``site_url`` pointing at the local server, so that its absolute links
(feeds, canonical URLs, ``og:url``) lead to the pages being checked rather than to the
published site, which the checkers must never request.
"""

from __future__ import annotations

import http.server
import os
import re
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..integration.sitebuild import REPO, mkdocs_build

NODE_MODULES = Path(os.environ.get("NABD_NODE_MODULES", REPO / "tools" / "node_modules"))
"""Where ``npm ci --prefix tools`` installs the checkers that run on Node or Java."""

SITE_URL_LINE = re.compile(r"^site_url: *(\S+) *$", re.MULTILINE)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; a folder without ``index.html`` is a 404, as on GitHub Pages."""

    def end_headers(self) -> None:
        # LinkChecker waits up to 0.6 s between requests to a host unless the host answers
        # with this header: then its ``maxrequestspersecond`` setting applies.
        self.send_header("LinkChecker", "unthrottled")
        super().end_headers()

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        pass


class ServedSite:
    """A site built in ``site_dir`` and served at ``url`` (ending with ``/``); its address is
    known before it is built, for its ``site_url``."""

    def __init__(self, workdir: Path, base_path: str) -> None:
        self._workdir = workdir
        root = workdir / "root"
        handler = partial(_Handler, directory=str(root))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        self.url = self.origin + base_path
        self.site_dir = root / base_path.strip("/")

    def build(self) -> None:
        """Build the example site (its config with ``site_url`` = ``url``, docs and incidents)
        into ``site_dir`` and start serving it."""
        workdir = self._workdir
        config = SITE_URL_LINE.sub(
            f"site_url: {self.url}", (REPO / "mkdocs.yml").read_text("utf-8"), count=1
        )
        (workdir / "mkdocs.yml").write_text(config, encoding="utf-8")
        (workdir / "docs").symlink_to(REPO / "docs")
        (workdir / "incidents").symlink_to(REPO / "incidents")
        build = mkdocs_build(workdir / "mkdocs.yml", self.site_dir)
        assert build.returncode == 0, build.output
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The example site, built with the local server's address as its ``site_url``."""
    published = SITE_URL_LINE.search((REPO / "mkdocs.yml").read_text("utf-8"))
    assert published, "mkdocs.yml has no site_url"
    site = ServedSite(tmp_path_factory.mktemp("quality"), urlsplit(published[1]).path)
    site.build()
    yield site
    site.close()
