"""Right after ``nabd init``, ``mkdocs build --strict`` builds the new site, in each language,
and what was typed into the flags shows as typed on its pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from nabd.cli import main

from .sitebuild import mkdocs_build, shown

NAME = 'Acme: "status" 1 < 2 & more'
SERVICE = "API & Web *x* [a](https://evil.example/) `c`"
INIT_AT = "1796115600"  # 2026-12-01T09:00:00Z


EXAMPLE_TITLES = {
    "en": "Example incident: api",
    "ar": "عطل تجريبي: بطء في استجابة api",
    "fr": "Incident d'exemple\u00a0: api répond lentement",
}
ABOUT_HEADINGS = {
    "en": "About this status page",
    "ar": "عن صفحة الحالة هذه",
    "fr": "À propos de cette page d'état",
}


@pytest.mark.parametrize(
    "languages", [("en", "ar"), ("ar", "en"), ("en",), ("ar",), ("ar", "fr"), ("fr", "en")]
)
def test_the_starter_builds_strictly_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, languages: tuple[str, ...]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", INIT_AT)
    flags = ["--name", NAME, "--url", "https://acme.github.io/status/", "--timezone", "Asia/Dubai"]
    flags += [f"--language={code}" for code in languages]
    flags += ["--platform", f"api={SERVICE}", "--platform", "payments=Payments"]
    result = CliRunner().invoke(main, ["init", str(tmp_path), *flags])
    assert result.exit_code == 0, result.output

    build = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site", now=INIT_AT)
    assert build.returncode == 0, build.output

    prefixes = {code: "" if code == languages[0] else f"{code}/" for code in languages}
    for code, prefix in prefixes.items():
        assert build.page(prefix).get("lang") == code
        direction = "rtl" if code == "ar" else "ltr"
        assert build.page(prefix).find("body").get("dir") == direction
        for page in ("", "history/", "compare/", "about/", "methodology/"):
            assert build.page(prefix + page).find("body") is not None
        example = build.page(prefix + "incidents/2026-12-01-example/")
        assert "nabd init" in example.text_content()
        assert (tmp_path / "site" / prefix / "schema" / "incident.json").is_file()
        about = build.page(prefix + "about/").cssselect("article")[0]
        assert SERVICE in about.text_content() and "Asia/Dubai" in about.text_content()
        assert about.findtext(".//h1").strip() == ABOUT_HEADINGS[code]
        if code == "ar":  # Arabic has no italics: slanted letters are a forgery
            for page in ("about/", "methodology/"):
                assert not build.page(prefix + page).cssselect("article em"), page
        # MkDocs' title for the page: in the footer of every page and in the browser's tab
        assert build.page(prefix + "about/").findtext(".//title").startswith(ABOUT_HEADINGS[code])
        footer = [a.text for a in build.page(prefix).cssselect(".nabd-footer nav a")]
        assert ABOUT_HEADINGS[code] in footer, footer
        # The methodology names the statuses as the pages' badges do.
        methodology = shown(build.page(prefix + "methodology/").cssselect("article")[0])
        example = build.page(prefix + "incidents/2026-12-01-example/")
        status = shown(example.cssselect("table.nabd-impacts td")[0]).strip()
        phase = shown(example.cssselect(".nabd-incident__phase > *")[0]).strip()
        assert status in methodology and phase in methodology, (status, phase)
        assert EXAMPLE_TITLES[code] in build.page(prefix).text_content()
        assert about.cssselect("a[href^='https://evil']") == []
        assert "c" not in [code.text for code in about.cssselect("code")]
        assert "x" not in [em.text for em in about.cssselect("em")]
    overview = build.page("")
    assert overview.findtext(".//title").endswith(f" - {NAME}")
    assert EXAMPLE_TITLES[languages[0]] in overview.text_content()
