"""Feeds, the Statuspage API, badges, the calendar and link previews, read as their users do."""

from __future__ import annotations

import filecmp
import json
import threading
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import jsonschema
import lxml.etree
import pytest
import yaml

from nabd.core.model.languages import Languages
from nabd.core.model.schema import incident_schema

from .sitebuild import REPO, Build, mkdocs_build

SITE_URL = "https://example.github.io/nabd/"
SCHEMA = json.loads(
    (REPO / "plugin/nabd/schema/statuspage-v2.schema.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = mkdocs_build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("outputs"))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def served(site: Build) -> Iterator[str]:
    """The built site on a local HTTP server, as a dashboard or feed reader sees it."""
    handler = partial(_QuietHandler, directory=str(site.site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _local(site: Build, url: str) -> Path:
    """The built file an absolute site URL points to."""
    assert url.startswith(SITE_URL), url
    path = site.site_dir / url.removeprefix(SITE_URL).split("#")[0]
    return path / "index.html" if url.split("#")[0].endswith("/") else path


@pytest.mark.parametrize("prefix", ["", "ar/"])
@pytest.mark.parametrize("name", ["feed.rss", "feed.atom", "platforms/whatsapp/feed.atom"])
def test_feeds_parse_and_link_to_built_pages(site: Build, prefix: str, name: str) -> None:
    raw = (site.site_dir / prefix / name).read_bytes()
    lxml.etree.fromstring(raw)  # well-formed XML, strictly
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    for entry in feed.entries:
        assert _local(site, entry.link).exists(), entry.link
    assert feed.feed.get("language", "").startswith(prefix.rstrip("/") or "en")
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [SITE_URL + prefix + name]


def test_every_page_announces_the_feeds_and_previews_itself(site: Build) -> None:
    page = site.page("ar/incidents/2024-03-05-login-session-outage/")
    feeds = [link.get("href") for link in page.cssselect("link[rel=alternate][type*=xml]")]
    assert SITE_URL + "ar/feed.rss" in feeds and SITE_URL + "ar/feed.atom" in feeds
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.cssselect("meta")}
    assert meta["og:url"] == SITE_URL + "ar/incidents/2024-03-05-login-session-outage/"
    assert meta["og:title"].startswith("[حُلّت المشكلة]")
    assert "فيسبوك" in meta["og:description"]
    assert meta["og:locale"] == "ar_EG" and meta["twitter:card"] == "summary"
    about = site.page("about/")
    assert about.cssselect("meta[property='og:title']")


def test_the_overview_has_a_subscribe_box(site: Build) -> None:
    box = site.page("").cssselect(".nabd-subscribe")[0]
    hrefs = [a.get("href") for a in box.cssselect("a")]
    assert "feed.rss" in hrefs and "feed.atom" in hrefs
    platform = site.page("ar/platforms/whatsapp/").cssselect(".nabd-subscribe a")[0]
    assert platform.get("href") == "feed.rss"


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_a_statuspage_dashboard_reads_our_api(site: Build, served: str, prefix: str) -> None:
    files = {  # file -> its schema (a $def named after the file Statuspage publishes)
        "summary.json": "summary.json",
        "status.json": "status.json",
        "components.json": "components.json",
        "incidents.json": "incidents.json",
        "incidents/unresolved.json": "incidents.json",
        "scheduled-maintenances.json": "scheduled-maintenances.json",
        "scheduled-maintenances/upcoming.json": "scheduled-maintenances.json",
        "scheduled-maintenances/active.json": "scheduled-maintenances.json",
    }
    for name, definition in files.items():
        with urllib.request.urlopen(f"{served}{prefix}api/v2/{name}") as response:
            assert response.status == 200
            document = json.load(response)
        schema = {**SCHEMA, "$ref": f"#/$defs/{definition}"}
        jsonschema.validate(document, schema)
    with urllib.request.urlopen(f"{served}{prefix}api/v2/summary.json") as response:
        summary = json.load(response)
    assert summary["status"]["indicator"] in {"none", "minor", "major", "critical"}
    assert [c["name"] for c in summary["components"]][:1] == (
        ["Facebook"] if not prefix else ["فيسبوك"]
    )
    with urllib.request.urlopen(f"{served}{prefix}api/v2/incidents.json") as response:
        incidents = json.load(response)["incidents"]
    assert incidents
    for incident in incidents:
        assert _local(site, incident["shortlink"]).exists()


def test_badges_and_shields_endpoints(site: Build) -> None:
    for prefix in ("", "ar/"):
        svg = lxml.etree.fromstring((site.site_dir / prefix / "badges/whatsapp.svg").read_bytes())
        assert svg.tag.endswith("svg") and float(svg.get("width")) > 0
        endpoint = json.loads((site.site_dir / prefix / "api/badges/whatsapp.json").read_text())
        assert endpoint["schemaVersion"] == 1 and endpoint["message"]
        for window in ("30d", "90d"):
            uptime = json.loads(
                (site.site_dir / prefix / f"api/badges/whatsapp/uptime-{window}.json").read_text()
            )
            assert uptime["message"].endswith("%") or uptime["message"].endswith("٪")


def test_calendar_is_served_and_valid(site: Build) -> None:
    text = (site.site_dir / "maintenance.ics").read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "END:VCALENDAR" in text


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_the_incident_schema_is_published_for_editors(
    site: Build, served: str, prefix: str
) -> None:
    with urllib.request.urlopen(served + prefix + "schema/incident.json") as response:
        assert response.headers["Content-Type"] == "application/json"
        schema = json.load(response)
    assert schema == incident_schema(Languages(("en", "ar", "fr")))
    jsonschema.Draft202012Validator.check_schema(schema)
    incident = yaml.safe_load((REPO / "incidents/2021-10-04-global-outage.yaml").read_bytes())
    jsonschema.validate(json.loads(json.dumps(incident, default=str)), schema)
    incident["title"]["de"] = "Weltweiter Ausfall"
    with pytest.raises(jsonschema.ValidationError, match="'de' was unexpected"):
        jsonschema.validate(json.loads(json.dumps(incident, default=str)), schema)


def test_two_builds_with_the_same_now_are_byte_identical(site: Build, tmp_path: Path) -> None:
    again = mkdocs_build(REPO / "mkdocs.yml", tmp_path / "again")
    assert again.returncode == 0, again.output
    differing = _compare(filecmp.dircmp(site.site_dir, again.site_dir))
    assert differing == []


def _compare(comparison: filecmp.dircmp) -> list[str]:
    found = [f"{comparison.left}/{name}" for name in comparison.diff_files]
    found += comparison.left_only + comparison.right_only
    for sub in comparison.subdirs.values():
        found += _compare(sub)
    return found
