"""What a maintainer sees when an incident file is incomplete or wrong."""

from __future__ import annotations

from pathlib import Path

from .sitebuild import GOOD_INCIDENT, make_site, mkdocs_build

MISSING_ARABIC = GOOD_INCIDENT.replace("      ar: تعذّر إرسال رسائل واتساب\n", "")


def test_a_good_incident_builds_in_both_languages(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2024-04-03-whatsapp.yaml": GOOD_INCIDENT})
    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    for prefix in ("", "ar/"):
        page = build.page(f"{prefix}incidents/2024-04-03-whatsapp/")
        assert page.cssselect("table.nabd-impacts")
        assert page.cssselect("strong"), "incident text is rendered as Markdown"


def test_missing_translation_shows_the_other_language_with_a_marker(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2024-04-03-whatsapp.yaml": MISSING_ARABIC})
    build = mkdocs_build(config, tmp_path / "site", strict=False)
    assert build.returncode == 0, build.output
    assert "incidents/2024-04-03-whatsapp.yaml:2: title.ar" in build.output
    page = build.page("ar/incidents/2024-04-03-whatsapp/")
    title = page.cssselect("h1 .nabd-fallback")[0]
    assert title.get("lang") == "en" and title.get("dir") == "ltr"
    assert title.text_content() == "WhatsApp messages not sending"
    marker = page.cssselect("h1 .nabd-fallback-marker")[0].text_content()
    assert marker == "(لم يُترجم بعد)"
    english = build.page("incidents/2024-04-03-whatsapp/")
    assert not english.cssselect(".nabd-fallback-marker")


def test_missing_translation_fails_a_strict_build(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2024-04-03-whatsapp.yaml": MISSING_ARABIC})
    build = mkdocs_build(config, tmp_path / "site", strict=True)
    assert build.returncode != 0
    assert "incidents/2024-04-03-whatsapp.yaml:2: title.ar" in build.output


def test_a_bad_incident_fails_the_build_naming_file_line_and_field(tmp_path: Path) -> None:
    naive = GOOD_INCIDENT.replace("from: 2024-04-03T18:00:00Z", "from: 2024-04-03 18:00")
    unknown = GOOD_INCIDENT.replace("platform: facebook", "platform: facebok")
    config = make_site(tmp_path, {"2024-04-03-naive.yaml": naive, "2024-04-04-typo.yaml": unknown})
    build = mkdocs_build(config, tmp_path / "site", strict=False)
    assert build.returncode != 0
    assert "incidents/2024-04-03-naive.yaml:7: impacts[0].from:" in build.output
    assert "incidents/2024-04-04-typo.yaml:9: impacts[1].platform:" in build.output
    assert "facebook" in build.output.split("2024-04-04-typo.yaml:9")[1].splitlines()[0]
    assert "Traceback" not in build.output
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_hand_written_page_may_not_shadow_a_generated_one(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2024-04-03-whatsapp.yaml": GOOD_INCIDENT})
    (tmp_path / "docs" / "en" / "history.md").write_text("# Mine\n", encoding="utf-8")
    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode != 0
    assert "history.md" in build.output and "generated" in build.output
