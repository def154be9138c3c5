"""Pins what nabd reads from and writes to mkdocs-static-i18n (see nabd/mkdocs/i18n.py)."""

from __future__ import annotations

from pathlib import Path

from .sitebuild import GOOD_INCIDENT, make_site, mkdocs_build


def test_generated_pages_exist_once_per_language_at_the_right_place(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2024-04-03-whatsapp.yaml": GOOD_INCIDENT})
    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    for prefix, lang in (("", "en"), ("ar/", "ar")):
        for path in ("", "history/", "platforms/whatsapp/", "incidents/2024-04-03-whatsapp/"):
            assert build.page(prefix + path).get("lang") == lang, prefix + path
    assert not (tmp_path / "site" / "en").exists()
    assert not (tmp_path / "site" / "ar" / "ar").exists()


def test_switcher_and_sitemap_know_the_generated_pages(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2024-04-03-whatsapp.yaml": GOOD_INCIDENT})
    build = mkdocs_build(config, tmp_path / "site")
    page = build.page("platforms/whatsapp/")
    links = {a.get("hreflang"): a.get("href") for a in page.cssselect("a[hreflang]")}
    assert links["ar"] == "../../ar/platforms/whatsapp/", links
    arabic = build.page("ar/platforms/whatsapp/")
    links = {a.get("hreflang"): a.get("href") for a in arabic.cssselect("a[hreflang]")}
    assert links["en"] == "../../../platforms/whatsapp/", links
    alternates = {
        link.get("hreflang"): link.get("href") for link in arabic.cssselect("link[hreflang]")
    }
    assert alternates["en"] == "https://status.example.org/platforms/whatsapp/", alternates
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://status.example.org/ar/incidents/2024-04-03-whatsapp/" in sitemap
