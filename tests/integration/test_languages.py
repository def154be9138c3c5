"""Any set of languages: the site's configuration says which, the incidents follow, and every
page and output speaks each one, right to left where CLDR says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from nabd.cli import main

from .sitebuild import build_in_process, make_site, shown

ONE_PLATFORM = """\
      platforms:
        - {id: api, name: API, tracked_since: 2024-01-01}
"""


def incident(texts: dict[str, str]) -> str:
    localized = "{" + ", ".join(f"{lang}: {text!r}" for lang, text in texts.items()) + "}"
    return f"""\
title: {localized}
impacts:
  - {{platform: api, status: major_outage, from: 2024-04-03T18:00:00Z, to: 2024-04-03T19:30:00Z}}
updates:
  - {{at: 2024-04-03T18:05:00Z, status: investigating, text: {localized}}}
  - {{at: 2024-04-03T19:35:00Z, status: resolved, text: {localized}}}
"""


def test_an_english_only_site_builds_strict_with_no_word_of_another_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_site(
        tmp_path,
        {"2024-04-03-api.yaml": incident({"en": "API errors"})},
        platforms_yaml=ONE_PLATFORM,
        languages=("en",),
    )
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    page = build.page("incidents/2024-04-03-api/")
    assert page.get("lang") == "en" and page.find("body").get("dir") == "ltr"
    assert shown(page.cssselect("h1")[0]) == "API errors"
    assert not (tmp_path / "site" / "ar").exists()
    monkeypatch.chdir(tmp_path)
    new = ["new", "2024-05-01-web", "--platform", "api", "--status", "partial_outage"]
    texts = ["--title", "Slow pages", "--text", "Pages load slowly."]
    result = CliRunner().invoke(main, [*new, *texts, "--at", "2024-05-01T10:00:00Z"])
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((tmp_path / "incidents/2024-05-01-web.yaml").read_text("utf-8"))
    assert written["title"] == {"en": "Slow pages"}
    assert written["updates"][0]["text"] == {"en": "Pages load slowly."}
    checked = CliRunner().invoke(main, ["validate", "--strict"])
    assert checked.exit_code == 0, checked.output
    assert "warning" not in checked.output


def test_an_arabic_only_site_is_right_to_left_at_its_root(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        {"2024-04-03-api.yaml": incident({"ar": "أخطاء في الواجهة البرمجية"})},
        platforms_yaml=ONE_PLATFORM,
        languages=("ar",),
    )
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    for path in ("", "incidents/2024-04-03-api/", "history/"):
        page = build.page(path)
        assert page.get("lang") == "ar" and page.find("body").get("dir") == "rtl", path
    summary = json.loads((tmp_path / "site/api/v2/summary.json").read_text("utf-8"))
    assert summary["status"]["description"] == "جميع المنصات تعمل بشكل طبيعي"


def test_a_text_in_a_language_the_site_does_not_build_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_site(
        tmp_path,
        {"2024-04-03-api.yaml": incident({"en": "API errors", "fr": "Erreurs"})},
        platforms_yaml=ONE_PLATFORM,
        languages=("en",),
    )
    build = build_in_process(config, tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    checked = CliRunner().invoke(main, ["validate"])
    expected = "incidents/2024-04-03-api.yaml:1: title.fr: 'fr' is not a language of this site"
    assert build.returncode == 1 and expected in build.output
    assert checked.exit_code == 1 and expected in checked.output


def test_a_language_without_a_catalog_is_a_warning_and_speaks_english(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        {"2024-04-03-api.yaml": incident({"en": "API errors", "sw": "Hitilafu za API"})},
        platforms_yaml=ONE_PLATFORM,
        languages=("en", "sw"),
    )
    strict = build_in_process(config, tmp_path / "strict")
    assert strict.returncode == 1
    assert "no catalog for the language 'sw'" in strict.output
    assert "sw/LC_MESSAGES/nabd.po" in strict.output
    lenient = build_in_process(config, tmp_path / "site", strict=False)
    assert lenient.returncode == 0, lenient.output
    page = lenient.page("sw/")
    assert page.get("lang") == "sw"
    assert "All systems operational" in shown(page)


def test_a_site_catalog_changes_a_word(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        {},
        platforms_yaml=ONE_PLATFORM,
        extra_plugin_yaml="      locale_dir: locales\n",
        languages=("en",),
    )
    folder = tmp_path / "locales" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "nabd.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Platforms"\nmsgstr "Services"\n',
        encoding="utf-8",
    )
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    headings = [shown(h) for h in build.page("").cssselect("h2")]
    assert "Services" in headings and "Platforms" not in headings


def test_an_english_and_french_site_speaks_french_with_french_plurals(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        {"2024-04-03-api.yaml": incident({"en": "API errors", "fr": "Erreurs de l'API"})},
        platforms_yaml=ONE_PLATFORM,
        languages=("en", "fr"),
    )
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    page = build.page("fr/incidents/2024-04-03-api/")
    assert page.get("lang") == "fr" and page.find("body").get("dir") == "ltr"
    assert shown(page.cssselect("h1")[0]) == "Erreurs de l'API"
    text = " ".join(shown(page).split())
    assert "3 avr. 2024, 18:00 UTC" in text and "Résolu" in text and "Impact par plateforme" in text
    assert "1 heure et 30 minutes" in text  # CLDR's French units, composed
    labels = [td.get("data-label") for td in page.cssselect("table.nabd-impacts td")]
    assert labels[0] == "État\u00a0: "  # a phone's stacked row, with French typography
    alternates = {
        link.get("hreflang"): link.get("href") for link in page.cssselect('link[rel="alternate"]')
    }
    assert alternates["en"] == "https://status.example.org/incidents/2024-04-03-api/"
    assert alternates["fr"] == "https://status.example.org/fr/incidents/2024-04-03-api/"
    assert "ar" not in alternates
    assert alternates["x-default"] == alternates["en"]  # for a reader of neither: the default
    meta = build.page("fr/history/").cssselect('meta[property="og:description"]')
    history = meta[0].get("content")
    assert "1\u00a0incident" in history and "incidents" not in history  # French "one": 0 and 1
    feed = (tmp_path / "site/fr/feed.rss").read_text("utf-8")
    assert "<language>fr</language>" in feed and "Erreurs de l'API" in feed
    summary = json.loads((tmp_path / "site/fr/api/v2/summary.json").read_text("utf-8"))
    assert summary["status"]["description"] == "Tous les systèmes sont opérationnels"


def test_arabic_by_default_with_french_and_english(tmp_path: Path) -> None:
    texts = {"ar": "أخطاء في الواجهة البرمجية", "fr": "Erreurs de l'API", "en": "API errors"}
    config = make_site(
        tmp_path,
        {"2024-04-03-api.yaml": incident(texts)},
        platforms_yaml=ONE_PLATFORM,
        languages=("ar", "fr", "en"),
    )
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    for prefix, lang, direction in (("", "ar", "rtl"), ("fr/", "fr", "ltr"), ("en/", "en", "ltr")):
        page = build.page(f"{prefix}incidents/2024-04-03-api/")
        assert page.get("lang") == lang and page.find("body").get("dir") == direction
        assert shown(page.cssselect("h1")[0]) == texts[lang]
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in page.cssselect('link[rel="alternate"][hreflang]')
        }
        assert sorted(alternates) == ["ar", "en", "fr", "x-default"]
        assert alternates["x-default"] == "https://status.example.org/incidents/2024-04-03-api/"
    sitemap = (tmp_path / "site/sitemap.xml").read_text("utf-8")
    for prefix in ("", "fr/", "en/"):
        assert f"https://status.example.org/{prefix}incidents/2024-04-03-api/" in sitemap
