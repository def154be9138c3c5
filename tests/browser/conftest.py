"""The example site built with the real ``mkdocs`` command, served as GitHub Pages serves it
(under the path of ``site_url``, text gzip-compressed), and Debian's Chromium to visit it.

Each site is built with ``site_url`` pointing at the local server, so that its absolute links
(feeds, canonical URLs) stay on the server and any request elsewhere is a third-party request.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Route,
    sync_playwright,
)

from ..integration.sitebuild import REPO, mkdocs_build

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NETWORK_SCHEMES = ("http", "https", "ws", "wss")
AXE = REPO / "tools" / "node_modules" / "axe-core" / "axe.min.js"

SITE_URL_LINE = re.compile(r"^site_url: *(\S+) *$", re.MULTILINE)
BASE_PATH = urlsplit(SITE_URL_LINE.search((REPO / "mkdocs.yml").read_text("utf-8"))[1]).path

COMPRESSED_TYPES = ("text/", "application/json", "application/xml", "image/svg+xml")
GZIP_LEVEL = 6  # zlib's default, what a CDN compressing on the fly typically uses


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files of ``server.root`` at ``BASE_PATH``, text gzip-compressed, cacheable for 10 minutes
    like GitHub Pages; everything else is a 404."""

    server: _SiteServer

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(BASE_PATH):
            self.send_error(404)
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
            self.send_error(404)
            return
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if "text" in kind else ""))
        self.send_header("Cache-Control", "max-age=600")
        if kind.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, GZIP_LEVEL, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
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
        self._server.root = (workdir / "site").resolve()
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def sent(self) -> list[tuple[str, int]]:
        """The path and body size of every response with a file, in order; a 404 has none."""
        return self._server.sent

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The example site in this repository."""
    site = ServedSite()
    site.build(tmp_path_factory.mktemp("example"), REPO / "incidents")
    yield site
    site.close()


LARGE_SITE_INCIDENTS = 5000


@pytest.fixture(scope="session")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The example site's configuration and docs with 5,000 synthetic incidents."""
    workdir = tmp_path_factory.mktemp("large")
    incidents = workdir / "synthetic-incidents"
    incidents.mkdir()
    write_synthetic_incidents(incidents, LARGE_SITE_INCIDENTS)
    site = ServedSite()
    site.build(workdir, incidents)
    yield site
    site.close()


def write_synthetic_incidents(folder: Path, count: int) -> None:
    """``count`` short resolved incidents, one a day from 2012, on the example's platforms."""
    first = datetime(2012, 1, 1, 9, tzinfo=UTC)
    platforms = ("facebook", "instagram", "whatsapp", "messenger")
    statuses = ("major_outage", "partial_outage", "degraded_performance")

    def stamp(moment: datetime) -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    for n in range(count):
        start = first + timedelta(days=n, minutes=7 * (n % 60))
        end = start + timedelta(minutes=20 + n % 240)
        platform = "facebook" if start.year < 2015 else platforms[n % len(platforms)]
        (folder / f"{start:%Y-%m-%d}-synthetic-{n}.yaml").write_text(
            f"""\
title:
  en: "Synthetic outage {n} of {platform}"
  ar: "انقطاع تجريبي رقم {n}"
impacts:
  - platform: {platform}
    status: {statuses[n % len(statuses)]}
    from: {stamp(start)}
    to: {stamp(end)}
updates:
  - at: {stamp(start + timedelta(minutes=5))}
    status: investigating
    text:
      en: "Many people report that pages do not load. We are looking into it."
      ar: "يبلغ كثيرون عن تعذّر تحميل الصفحات، ونحن نتحقق من الأمر."
  - at: {stamp(end)}
    status: resolved
    text:
      en: "The service works again."
      ar: "عادت الخدمة إلى العمل."
""",
            encoding="utf-8",
        )


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium: the tests never download a browser, which needs the internet."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`)")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tools`")
    return AXE.read_text(encoding="utf-8")


@dataclass
class Visit:
    """One page in a fresh browser context (an empty cache), with what it did: console errors,
    requests that left the site, and the responses the site sent it."""

    page: Page
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    sent: list[tuple[str, int]] = field(default_factory=list)


class Visitor(Protocol):
    def __call__(
        self, site: ServedSite, path: str, viewport: tuple[int, int], settle_ms: int = 0
    ) -> Visit: ...


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visitor]:
    """Open a page of a site at a viewport size and wait until the network is idle (plus
    ``settle_ms``); requests to any other host are blocked and recorded."""
    contexts: list[BrowserContext] = []

    def open_page(
        site: ServedSite, path: str, viewport: tuple[int, int], settle_ms: int = 0
    ) -> Visit:
        width, height = viewport
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        seen = Visit(context.new_page())

        def route(route: Route) -> None:
            url = route.request.url
            if url.startswith(site.origin + "/") or urlsplit(url).scheme not in NETWORK_SCHEMES:
                route.continue_()
            else:
                seen.foreign.append(url)
                route.abort()

        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                seen.errors.append(f"{message.text} ({message.location.get('url')})")

        context.route("**/*", route)
        seen.page.on("console", console)
        seen.page.on("pageerror", lambda error: seen.errors.append(str(error)))
        start = len(site.sent)
        seen.page.goto(site.url + path, wait_until="networkidle")
        seen.page.wait_for_timeout(settle_ms)
        seen.sent = site.sent[start:]
        return seen

    yield open_page
    for context in contexts:
        context.close()
