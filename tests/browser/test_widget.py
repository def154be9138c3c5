"""``widget.js`` and the embed page on another site: a host page on a second local origin
includes the script and iframes of ``/embed/``, as a shop's site would; the status site is
served as GitHub Pages serves it (``Access-Control-Allow-Origin: *``, see ``tests/served.py``)."""

from __future__ import annotations

import gzip
import http.server
import json
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Frame, Page, Route

from ..served import ServedSite

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDGET_BUDGET = 3 * 1024  # bytes over the wire, gzip-compressed

HOST_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A shop</title>
<style>
/* A host's careless rules, which must not reach the widget. */
div { font-size: 40px; letter-spacing: 3px } a { text-transform: uppercase }
</style>
</head>
<body>
<main>
<h1>A shop</h1>
<div data-nabd-status data-lang="ar" id="widget-ar"></div>
<div data-nabd-status data-lang="en" id="widget-en"></div>
<div data-nabd-status data-src="{site}" id="widget-default"></div>
<iframe id="embed-en" src="{site}embed/" title="Service status"></iframe>
<iframe id="embed-ar" src="{site}ar/embed/" title="حالة الخدمة"></iframe>
<script src="{site}widget.js" async></script>
</main>
</body>
</html>
"""

# What a widget shows: its box's language, direction, colours and texts, read in its shadow root.
WIDGET = """id => {
  const root = document.getElementById(id).shadowRoot;
  if (root === null) return null;
  const box = root.querySelector("div");
  const style = getComputedStyle(box);
  const links = [...root.querySelectorAll("a")];
  return {
    lang: box.lang, direction: style.direction, background: style.backgroundColor,
    fontSize: style.fontSize, links: links.map(a => [a.textContent, a.href]),
  };
}"""


class _HostHandler(http.server.BaseHTTPRequestHandler):
    body: bytes = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def host(active_site: ServedSite) -> Iterator[str]:
    """The host page on a second origin (another port), including the status site's widget."""
    handler = type(
        "Host", (_HostHandler,), {"body": HOST_PAGE.replace("{site}", active_site.url).encode()}
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@dataclass
class HostVisit:
    page: Page
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    api_origins: list[tuple[str | None, str | None]] = field(default_factory=list)


def open_host(
    browser: Browser,
    host: str,
    site: ServedSite,
    scheme: str,
    arabic_api: dict[str, Any] | None = None,
) -> HostVisit:
    """The host page in a fresh context; any request to neither origin is blocked and kept.
    ``arabic_api``: what the Arabic ``summary.json`` answers instead of the built one."""
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    seen = HostVisit(context.new_page())

    def route(route: Route) -> None:
        url = route.request.url
        if arabic_api is not None and url == site.url + "ar/api/v2/summary.json":
            route.fulfill(json=arabic_api, headers={"Access-Control-Allow-Origin": "*"}, status=200)
        elif url.startswith((host, site.origin + "/")):
            route.continue_()
        else:
            seen.foreign.append(url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.errors.append(f"{message.text} ({message.location.get('url')})")

    def response(answer: Any) -> None:
        if answer.url.endswith("summary.json"):
            origin = answer.request.header_value("origin")
            seen.api_origins.append((origin, answer.header_value("access-control-allow-origin")))

    context.route("**/*", route)
    seen.page.on("console", console)
    seen.page.on("pageerror", lambda error: seen.errors.append(str(error)))
    seen.page.on("response", response)
    seen.page.goto(host, wait_until="networkidle")
    seen.page.wait_for_function(
        "document.querySelectorAll('[data-nabd-status]').length === 3 && "
        "[...document.querySelectorAll('[data-nabd-status]')]"
        ".every(e => e.shadowRoot && e.shadowRoot.querySelector('p'))"
    )
    return seen


def summary(site: ServedSite, prefix: str) -> dict[str, Any]:
    return json.loads((site.site_dir / prefix / "api/v2/summary.json").read_text("utf-8"))


def luminance(css_color: str) -> float:
    """The relative luminance of an ``rgb(r, g, b)`` colour, from 0 (black) to 1 (white)."""
    channels = [int(c) / 255 for c in css_color.removeprefix("rgb(").rstrip(")").split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def axe_violations(target: Page | Frame, axe_source: str) -> list[str]:
    target.add_script_tag(content=axe_source)
    results = target.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_A_AA
    )
    return [f"{v['id']}: {[n['html'] for n in v['nodes']]}" for v in results["violations"]]


def embed_frame(page: Page, frame_id: str) -> Frame:
    frame = page.locator(f"#{frame_id}").element_handle().content_frame()
    assert frame is not None
    return frame


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_widget_and_embed_on_another_origin(
    browser: Browser, host: str, active_site: ServedSite, axe_source: str, scheme: str
) -> None:
    seen = open_host(browser, host, active_site, scheme)
    page = seen.page
    assert host.split("/")[2] != active_site.origin.split("/")[2], "two origins"
    assert seen.errors == []
    assert seen.foreign == []
    # The API was read across origins, the status site allowing it as GitHub Pages does.
    assert sorted(seen.api_origins) == [(host.rstrip("/"), "*")] * 2
    for lang, prefix, direction in (("ar", "ar/", "rtl"), ("en", "", "ltr")):
        api = summary(active_site, prefix)
        assert api["incidents"], "the site has an active incident"
        shown = page.evaluate(WIDGET, f"widget-{lang}")
        assert shown["lang"] == lang
        assert shown["direction"] == direction
        assert shown["fontSize"] == "14px", "the host's CSS does not reach the widget"
        expected = [[api["status"]["description"], api["page"]["url"] + "/"]]
        expected += [[i["name"], i["shortlink"]] for i in api["incidents"]]
        assert shown["links"] == expected
        dark = luminance(shown["background"]) < 0.2
        assert dark == (scheme == "dark")

        frame = embed_frame(page, f"embed-{lang}")
        assert frame.evaluate(
            "[document.documentElement.lang, getComputedStyle(document.body).direction]"
        ) == [lang, direction]
        assert frame.locator("p a strong").text_content() == api["status"]["description"]
        titles = frame.locator("li a")
        assert titles.count() == len(api["incidents"])
        assert titles.first.text_content() == api["incidents"][0]["name"]
        assert titles.first.get_attribute("target") == "_top"
        background = frame.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (luminance(background) < 0.2) == (scheme == "dark")
        assert axe_violations(frame, axe_source) == []
    assert (
        page.evaluate(WIDGET, "widget-default")["links"]
        == page.evaluate(WIDGET, "widget-en")["links"]
    ), "without data-lang, the default language; data-src names the site"
    assert axe_violations(page, axe_source) == []
    page.context.close()


def test_embed_link_opens_the_incident_in_the_top_window(
    browser: Browser, host: str, active_site: ServedSite
) -> None:
    seen = open_host(browser, host, active_site, "light")
    frame = embed_frame(seen.page, "embed-ar")
    with seen.page.expect_navigation():
        frame.locator("li a").first.click()
    incident = summary(active_site, "ar/")["incidents"][0]
    assert seen.page.url == incident["shortlink"]
    assert seen.errors == []
    seen.page.context.close()


def test_widget_script_within_its_budget(active_site: ServedSite) -> None:
    """As a browser fetches it: gzip-compressed by the server."""
    request = urllib.request.Request(active_site.url + "widget.js")
    request.add_header("Accept-Encoding", "gzip")
    with urllib.request.urlopen(request) as answer:
        assert answer.headers["Content-Encoding"] == "gzip"
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        body = answer.read()
    assert len(body) <= WIDGET_BUDGET
    assert gzip.decompress(body) == (active_site.site_dir / "widget.js").read_bytes()


def test_widget_sets_api_texts_as_text_and_links_only_to_the_status_site(
    browser: Browser, host: str, active_site: ServedSite
) -> None:
    """An API answer with markup in its texts and links elsewhere (a compromised or mistaken
    one): the texts are shown as they are, and no link leaves the status site."""
    api = summary(active_site, "ar/")
    markup = '<img src=x onerror="document.title=1">'
    api["status"]["description"] = markup
    api["incidents"] = [
        {"name": markup, "shortlink": "javascript:document.title=2"},
        {"name": "elsewhere", "shortlink": "https://evil.example/"},
        {"name": "data", "shortlink": "data:text/html,<b>x</b>"},
        {"name": "ours", "shortlink": active_site.url + "incidents/x/"},
    ]
    seen = open_host(browser, host, active_site, "light", arabic_api=api)
    page = seen.page
    root = "document.getElementById('widget-ar').shadowRoot"
    assert page.evaluate(f"{root}.querySelectorAll('img, script').length") == 0
    texts = page.evaluate(
        f"[...{root}.querySelectorAll('p > :last-child, li > *')]"
        ".map(e => [e.tagName, e.textContent, e.getAttribute('href')])"
    )
    assert texts == [
        ["A", markup, api["page"]["url"] + "/"],
        ["SPAN", markup, None],
        ["SPAN", "elsewhere", None],
        ["SPAN", "data", None],
        ["A", "ours", active_site.url + "incidents/x/"],
    ]
    assert page.title() == "A shop"
    assert seen.errors == []
    page.context.close()
