"""The example site built with the real ``mkdocs`` command, served as GitHub Pages serves it
(under the path of ``site_url``, text gzip-compressed), and Debian's Chromium to visit it.

Each site is built with ``site_url`` pointing at the local server, so that its absolute links
(feeds, canonical URLs) stay on the server and any request elsewhere is a third-party request.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

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

from ..integration.sitebuild import FIXED_NOW, REPO
from ..served import ServedSite

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
  fr: "Panne synthétique {n} de {platform}"
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
      fr: "Beaucoup signalent que les pages ne se chargent pas. Nous examinons le problème."
  - at: {stamp(end)}
    status: resolved
    text:
      en: "The service works again."
      ar: "عادت الخدمة إلى العمل."
      fr: "Le service fonctionne de nouveau."
""",
            encoding="utf-8",
        )


@pytest.fixture(scope="session")
def active_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The example site with an outage going on: it began half an hour before the build."""
    workdir = tmp_path_factory.mktemp("active")
    incidents = workdir / "incidents-now"
    shutil.copytree(REPO / "incidents", incidents)
    start = datetime.fromtimestamp(int(FIXED_NOW), UTC) - timedelta(minutes=30)
    stamp = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    (incidents / f"{start:%Y-%m-%d}-logins-failing.yaml").write_text(
        f"""\
title:
  en: "Logins failing on Facebook and Instagram"
  ar: "تعذّر تسجيل الدخول إلى فيسبوك وإنستغرام"
  fr: "Échec des connexions à Facebook et Instagram"
impacts:
  - platform: facebook
    status: major_outage
    from: {stamp}
  - platform: instagram
    status: partial_outage
    from: {stamp}
updates:
  - at: {stamp}
    status: investigating
    text:
      en: "Many people cannot log in. We are looking into it."
      ar: "يتعذّر على كثيرين تسجيل الدخول، ونحن نتحقق من الأمر."
      fr: "Beaucoup de personnes ne peuvent pas se connecter. Nous examinons le problème."
""",
        encoding="utf-8",
    )
    site = ServedSite()
    site.build(workdir, incidents)
    yield site
    site.close()


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
        self,
        site: ServedSite,
        path: str,
        viewport: tuple[int, int],
        settle_ms: int = 0,
        scheme: str = "light",
    ) -> Visit: ...


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visitor]:
    """Open a page of a site at a viewport size, in a browser whose system asks for the light or
    the dark ``scheme``, and wait until the network is idle (plus ``settle_ms``); requests to
    any other host are blocked and recorded."""
    contexts: list[BrowserContext] = []

    def open_page(
        site: ServedSite,
        path: str,
        viewport: tuple[int, int],
        settle_ms: int = 0,
        scheme: str = "light",
    ) -> Visit:
        width, height = viewport
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme="dark" if scheme == "dark" else "light",
        )
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
