"""The example site, built for real: both languages, every incident, direction and links."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
import yaml

from .sitebuild import REPO, Build, mkdocs_build

INCIDENT_IDS = sorted(p.stem for p in (REPO / "incidents").rglob("*.yaml"))
CONFIG = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
NABD = next(plugin["nabd"] for plugin in CONFIG["plugins"] if "nabd" in plugin)
PLATFORM_IDS = [p["id"] for p in NABD["platforms"]]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = mkdocs_build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("site"), strict=True)
    assert build.returncode == 0, build.output
    return build


def test_strict_build_has_no_warning(site: Build) -> None:
    assert "WARNING" not in site.output


def test_the_example_holds_the_required_real_outages() -> None:
    required = [
        "2010-09-23",
        "2015-01-27",
        "2019-03-13",
        "2019-07-03",
        "2021-03-19",
        "2021-10-04",
        "2021-10-08",
        "2022-10-25",
        "2023-05-21",
        "2024-03-05",
        "2024-04-03",
        "2024-12-11",
    ]
    for day in required:
        assert any(i.startswith(day) for i in INCIDENT_IDS), day
    assert len(INCIDENT_IDS) >= 14


@pytest.mark.parametrize(("prefix", "lang", "direction"), [("", "en", "ltr"), ("ar/", "ar", "rtl")])
def test_every_page_in_both_languages(site: Build, prefix: str, lang: str, direction: str) -> None:
    paths = ["", "history/", "about/", "methodology/"]
    paths += [f"platforms/{p}/" for p in PLATFORM_IDS]
    paths += [f"incidents/{i}/" for i in INCIDENT_IDS]
    for path in paths:
        page = site.page(prefix + path)
        assert page.get("lang") == lang, path
        body = page.find("body")
        assert body.get("dir") == direction, path


def test_arabic_pages_are_in_arabic(site: Build) -> None:
    page = site.page("ar/incidents/2021-10-04-global-outage/")
    title = page.findtext(".//h1")
    assert re.search(r"[\u0600-\u06FF]", title), title
    headings = [h.text_content() for h in page.cssselect("h2")]
    assert headings and all(re.search(r"[\u0600-\u06FF]", h) for h in headings), headings


def test_switcher_leads_to_the_same_page_in_the_other_language(site: Build) -> None:
    incident = "2024-03-05-login-session-outage"
    assert incident in INCIDENT_IDS
    english = site.page(f"incidents/{incident}/")
    links = {a.get("hreflang"): a.get("href") for a in english.cssselect("a[hreflang]")}
    assert links["ar"].rstrip("/").endswith(f"ar/incidents/{incident}"), links
    arabic = site.page(f"ar/incidents/{incident}/")
    links = {a.get("hreflang"): a.get("href") for a in arabic.cssselect("a[hreflang]")}
    resolved = (Path("/ar/incidents") / incident / links["en"]).resolve()
    assert resolved == Path("/incidents") / incident, links


def test_incident_pages_stay_out_of_the_nav(site: Build) -> None:
    """The nav is in the footer of every page: the site's few pages, never its incidents."""
    for prefix in ("", "ar/"):
        page = site.page(prefix + "incidents/2021-10-04-global-outage/")
        nav_links = [a.get("href") for a in page.cssselect(".nabd-footer nav a")]
        assert len(nav_links) == 6, nav_links
        assert not [href for href in nav_links if "incidents/" in href]


def test_history_lists_every_incident_newest_first_a_page_per_year(site: Build) -> None:
    first = site.page("history/")
    years = first.cssselect(".nabd-years-nav li")
    current = first.cssselect(".nabd-years-nav [aria-current=page]")[0].text_content()
    assert current == "2026"
    pages = [first] + [
        site.page("history/" + a.get("href")) for a in first.cssselect(".nabd-years-nav a")
    ]
    assert len(pages) == len(years)
    ids = []
    for page in pages:
        hrefs = [a.get("href") for a in page.cssselect(".nabd-incident-item__title")]
        found = [h.rstrip("/").split("/")[-1] for h in hrefs]
        assert found == sorted(found, reverse=True)  # newest first within the year
        ids += found
    assert sorted(ids) == INCIDENT_IDS
    assert [i[:4] for i in ids] == sorted((i[:4] for i in ids), reverse=True)


def test_platform_history_is_paginated_by_year(site: Build) -> None:
    page = site.page("platforms/whatsapp/")
    years = {a.text_content(): a.get("href") for a in page.cssselect(".nabd-years-nav a")}
    assert "2021" in years
    year_page = site.page("platforms/whatsapp/" + years["2021"])
    hrefs = [a.get("href") for a in year_page.cssselect(".nabd-incident-item__title")]
    assert any("2021-10-04-global-outage" in href for href in hrefs)
    assert all("2021-" in href for href in hrefs)


def test_incident_page_shows_impacts_timeline_and_sources(site: Build) -> None:
    page = site.page("incidents/2021-10-04-global-outage/")
    impacts = page.cssselect("table.nabd-impacts tbody tr")
    assert len(impacts) >= 4
    updates = page.cssselect(".nabd-timeline > li")
    assert len(updates) >= 3
    sources = [a.get("href") for a in page.cssselect(".nabd-sources a")]
    assert sources and all(s.startswith("https://") or s.startswith("http://") for s in sources)
    times = page.cssselect("time[datetime]")
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|\d{4}-\d\d-\d\d", t.get("datetime"))
        for t in times
    )


def test_durations_are_composed_of_units(site: Build) -> None:
    page = site.page("incidents/2021-10-04-global-outage/")
    facts = page.cssselect(".nabd-facts dd")
    text = " ".join(dd.text_content() for dd in facts)
    assert re.search(r"\d+\sh \d+\smin", text), text


def test_no_request_leaves_the_site(site: Build) -> None:
    for html in site.site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html
        for attribute in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', text):
            assert not re.match(r"(https?:)?//", attribute) or attribute.startswith(
                "https://example.github.io/nabd/"
            ), (html, attribute)


INTERFACE_NAMES = {"UTC", "RSS", "Atom", "Statuspage"}
"""Latin names the Arabic interface itself writes: a standard, two formats, a product."""


def latin_words_without_language(page: lxml.html.HtmlElement) -> set[str]:
    """The Latin-script words of a page's Arabic text that no element marks with a language
    (code, which is in no language, aside)."""
    found = set()
    for element in page.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title"):
            continue
        chain = [element, *element.iterancestors()]
        if any(e.tag in ("code", "pre", "svg") for e in chain):
            continue
        lang = next((e.get("lang") for e in chain if e.get("lang")), None)
        if lang != "ar":
            continue
        for text in (element.text or "", *(child.tail or "" for child in element)):
            found.update(re.findall(r"[A-Za-z]{2,}", re.sub(r"https?://\S+", "", text)))
    return found


def test_every_latin_word_on_an_arabic_page_says_its_language(site: Build) -> None:
    """Quoted English messages, outlets and brands in Arabic text are marked as English."""
    lists = ["", "compare/", "history/", "platforms/facebook/"]
    for path in [*lists, *(f"incidents/{incident}/" for incident in INCIDENT_IDS)]:
        page = site.page("ar/" + path)
        assert latin_words_without_language(page) <= INTERFACE_NAMES, path
