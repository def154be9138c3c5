"""The embed page (``/embed/``, ``/<lang>/embed/``) and ``widget.js``, read from a real build."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import lxml.html
import pytest

from nabd.core.model import characters, loader

from .sitebuild import PLATFORMS_YAML, Build, build_in_process, make_site, shown

HOSTILE = '<img src=x onerror=alert(1)> "quoted" & </a><script>alert(2)</script>'
ACTIVE = """\
    title:
      en: {title}
      ar: تعذّر إرسال رسائل واتساب
    impacts:
      - platform: whatsapp
        status: major_outage
        from: 2026-11-29T11:00:00Z
    updates:
      - at: 2026-11-29T11:05:00Z
        status: investigating
        text:
          en: Messages are not sending.
          ar: تتعذّر الرسائل.
      - at: 2026-11-29T11:40:00Z
        status: identified
        text:
          en: The cause is known.
          ar: عُرف السبب.
"""
HOSTILE_ACTIVE = ACTIVE.format(title=json.dumps(HOSTILE))
PLAIN_ACTIVE = ACTIVE.format(title="WhatsApp messages not sending")
RESOLVED = """\
    title:
      en: Old outage
      ar: انقطاع قديم
    impacts:
      - platform: facebook
        status: partial_outage
        from: 2024-04-03T18:00:00Z
        to: 2024-04-03T19:00:00Z
    updates:
      - at: 2024-04-03T19:05:00Z
        status: resolved
        text:
          en: Fixed.
          ar: أُصلح.
"""
EMBED_BUDGET = 3 * 1024  # the page with one incident, uncompressed
WIDGET_BUDGET = 3 * 1024  # gzip


def _build(root: Path, incidents: dict[str, str], extra_yaml: str = "") -> Build:
    config = make_site(root, incidents, platforms_yaml=PLATFORMS_YAML, extra_yaml=extra_yaml)
    build = build_in_process(config, root / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def active(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """An active incident whose English title is markup (the validator's refusal of raw HTML
    switched off, as if it had a gap: the page must still escape it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "text_problem", characters.refused_character)
        return _build(
            tmp_path_factory.mktemp("embed"),
            {"2026-11-29-whatsapp.yaml": HOSTILE_ACTIVE, "2024-04-03-old.yaml": RESOLVED},
        )


@pytest.mark.parametrize(("prefix", "lang", "direction"), [("", "en", "ltr"), ("ar/", "ar", "rtl")])
def test_embed_page_shows_status_and_active_incident(
    active: Build, prefix: str, lang: str, direction: str
) -> None:
    raw = (active.site_dir / prefix / "embed" / "index.html").read_text("utf-8")
    page = lxml.html.fromstring(raw)
    assert page.get("lang") == lang
    assert page.get("dir") == direction
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert page.xpath("//script") == []
    assert page.xpath("//link[@rel='stylesheet']") == [], "its CSS is inline"
    overview = active.page(prefix)
    indicator = shown(overview.get_element_by_id("nabd-indicator")).strip()
    assert shown(page.xpath("//p/a/strong")[0]) == indicator
    links = page.xpath("//li/a")
    assert [a.get("href") for a in links] == ["../incidents/2026-11-29-whatsapp/"]
    assert all(a.get("target") == "_top" for a in page.xpath("//a"))
    assert page.xpath("//p/a/@href") == [".."]
    time = page.xpath("//li//time")[0]
    assert time.get("datetime") == "2026-11-29T11:40:00Z"
    overview_times = overview.xpath("//*[contains(@class,'nabd-active__latest')]//time/text()")
    assert time.text in overview_times, "the latest update's time, as the overview says it"
    status = shown(page.xpath("//li/small")[0])
    overview_status = shown(overview.xpath("//*[contains(@class,'nabd-active__latest')]")[0])
    assert status.split(" · ")[0] in overview_status
    if lang == "en":
        assert shown(links[0]) == HOSTILE, "the hostile title is shown as text"
        assert "<img" not in raw and "<script>" not in raw
    assert len(raw.encode("utf-8")) < EMBED_BUDGET
    css = "".join(page.xpath("//style/text()"))
    assert "prefers-color-scheme:dark" in css
    assert len(css.encode("utf-8")) < 800


def test_embed_page_without_incidents_and_outside_nav_and_sitemap(tmp_path: Path) -> None:
    build = _build(tmp_path, {"2024-04-03-old.yaml": RESOLVED})
    page = build.page("ar/embed/")
    assert page.xpath("//li") == []
    assert (
        shown(page.xpath("//p/a/strong")[0])
        == shown(build.page("ar/").get_element_by_id("nabd-indicator")).strip()
    )
    sitemap = (build.site_dir / "sitemap.xml").read_text("utf-8")
    assert "embed" not in sitemap
    assert "embed" not in (build.site_dir / "index.html").read_text("utf-8")


def test_embed_page_without_directory_urls(tmp_path: Path) -> None:
    build = _build(
        tmp_path, {"2026-11-29-whatsapp.yaml": PLAIN_ACTIVE}, "use_directory_urls: false\n"
    )
    for prefix in ("", "ar/"):
        page = lxml.html.fromstring((build.site_dir / prefix / "embed.html").read_bytes())
        hrefs = page.xpath("//a/@href")
        assert hrefs == ["index.html", "incidents/2026-11-29-whatsapp.html"]
        for href in hrefs:
            assert (build.site_dir / prefix / href).is_file()
    assert not (build.site_dir / "embed").exists()


def test_widget_script_once_at_the_root_with_the_languages(active: Build) -> None:
    script = (active.site_dir / "widget.js").read_text("utf-8")
    assert not (active.site_dir / "ar" / "widget.js").exists()
    found = re.search(r"const LANGUAGES = (\{.*?\});", script)
    assert found is not None
    assert json.loads(found[1]) == {"en": "ltr", "ar": "rtl"}
    assert "innerHTML" not in script
    assert len(gzip.compress(script.encode("utf-8"), 9)) <= WIDGET_BUDGET


def test_single_language_site(tmp_path: Path) -> None:
    """Without the i18n plugin: one embed page at the root, a widget with that one language."""
    incident = """\
        title: {en: WhatsApp messages not sending}
        impacts:
          - {platform: whatsapp, status: major_outage, from: 2026-11-29T11:00:00Z}
        updates:
          - {at: 2026-11-29T11:05:00Z, status: investigating, text: {en: Not sending.}}
    """
    platforms = (
        "      platforms:\n        - {id: whatsapp, name: WhatsApp, tracked_since: 2014-02-19}\n"
    )
    config = make_site(
        tmp_path,
        {"2026-11-29-whatsapp.yaml": incident},
        platforms_yaml=platforms,
        languages=("en",),
    )
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    page = build.page("embed/")
    assert (page.get("lang"), page.get("dir")) == ("en", "ltr")
    assert [shown(a) for a in page.xpath("//li/a")] == ["WhatsApp messages not sending"]
    script = (build.site_dir / "widget.js").read_text("utf-8")
    assert 'const LANGUAGES = {"en": "ltr"};' in script
