"""Uptime as visitors and machines read it: bars, windows, floors and /api/uptime.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .sitebuild import Build, make_site, mkdocs_build, shown

NOW = "1733011200"  # 2024-12-01T00:00:00Z

# 100 seconds of major outage on WhatsApp: 30-day uptime 1 - 100/2592000 = 0.99996...
SHORT_OUTAGE = """\
    title: {en: WhatsApp hiccup, ar: توقف قصير في واتساب}
    impacts:
      - platform: whatsapp
        status: major_outage
        from: 2024-11-20T10:00:00Z
        to: 2024-11-20T10:01:40Z
    updates:
      - at: 2024-11-20T10:05:00Z
        status: resolved
        text: {en: It was short., ar: كان قصيرًا.}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("uptime")
    config = make_site(root, {"2024-11-20-hiccup.yaml": SHORT_OUTAGE})
    build = mkdocs_build(config, root / "site", now=NOW)
    assert build.returncode == 0, build.output
    return build


def test_any_downtime_shows_below_100_percent(site: Build) -> None:
    page = site.page("platforms/whatsapp/")
    rows = {
        shown(row.cssselect("th")[0]): shown(row.cssselect("td")[0])
        for row in page.cssselect("table.nabd-windows tbody tr")
    }
    assert rows["Last 30 days"] == "99.99%"
    assert rows["All time"] != "100.00%"
    facebook = site.page("platforms/facebook/")
    assert facebook.cssselect("table.nabd-windows td")[0].text_content() == "100.00%"


def test_ninety_daily_bars_with_names_and_links(site: Build) -> None:
    page = site.page("")
    charts = page.cssselect("svg.nabd-bars__chart")
    assert len(charts) == 2  # one per platform
    whatsapp = charts[1]
    bars = whatsapp.cssselect("rect")
    assert len(bars) == 90
    assert all(bar.find("title") is not None and bar.find("title").text for bar in bars)
    links = whatsapp.cssselect("a")
    assert len(links) == 1
    assert links[0].get("href") == "incidents/2024-11-20-hiccup/"
    label = links[0].get("aria-label")
    assert "November 20, 2024" in label and "Major outage" in label and "WhatsApp hiccup" in label
    table = page.cssselect("details.nabd-bars__days table")[0]
    assert "WhatsApp hiccup" in table.text_content()


@pytest.mark.parametrize(("prefix", "today_x"), [("", 445), ("ar/", 0)])
def test_bars_follow_the_reading_direction(site: Build, prefix: str, today_x: int) -> None:
    chart = site.page(prefix).cssselect("svg.nabd-bars__chart")[1]
    bars = chart.cssselect("rect")
    xs = [int(bar.get("x")) for bar in bars]
    assert xs[-1] == today_x  # the last bar is today
    hiccup = next(bar for bar in bars if bar.getparent().tag == "a")
    assert int(hiccup.get("x")) == (today_x - 11 * 5 if today_x else 11 * 5)


def test_uptime_json_has_the_documented_shape(site: Build) -> None:
    document = json.loads((site.site_dir / "api" / "uptime.json").read_text(encoding="utf-8"))
    assert document["generated_at"] == "2024-12-01T00:00:00Z"
    assert document["timezone"] == "UTC"
    assert document["weights"] == {
        "major_outage": 1.0,
        "partial_outage": 0.3,
        "degraded_performance": 0.0,
        "under_maintenance": 0.0,
    }
    whatsapp = document["platforms"]["whatsapp"]
    assert whatsapp["status"] == "operational"
    assert set(whatsapp["windows"]) == {"30d", "90d", "365d", "all"}
    thirty = whatsapp["windows"]["30d"]
    assert thirty == {
        "uptime": 1 - 100 / 2592000,
        "downtime_seconds": 100,
        "tracked_seconds": 2592000,
    }
    assert len(whatsapp["days"]) == 90
    day = next(d for d in whatsapp["days"] if d["date"] == "2024-11-20")
    assert day == {
        "date": "2024-11-20",
        "uptime": 1 - 100 / 86400,
        "worst": "major_outage",
        "incidents": ["2024-11-20-hiccup"],
    }
    arabic = (site.site_dir / "ar" / "api" / "uptime.json").read_bytes()
    assert arabic == (site.site_dir / "api" / "uptime.json").read_bytes()  # same paths in /ar/


def test_every_page_says_when_it_was_built(site: Build) -> None:
    for path in ("", "about/", "history/", "platforms/whatsapp/", "ar/about/", "ar/"):
        built = site.page(path).cssselect(".nabd-built time")
        assert built and built[0].get("datetime") == "2024-12-01T00:00:00Z", path
    overview = site.page("")
    assert overview.cssselect("[data-nabd-built='2024-12-01T00:00:00Z']")


def test_yearly_figures_on_the_platform_page(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2024-11-20-hiccup.yaml": SHORT_OUTAGE})
    build = mkdocs_build(config, tmp_path / "site", now=NOW)
    row = build.page("platforms/whatsapp/").cssselect("table.nabd-years tbody tr")[0]
    cells = [shown(c).strip() for c in row]
    assert cells == ["2024", "1", "1 min", "1 min", "1 min"]
