"""The reference page, in both languages, lists every setting and every incident field."""

from __future__ import annotations

from pathlib import Path

from nabd.core.edition.reference import schema_fields
from nabd.core.model.schema import incident_schema
from nabd.mkdocs.reference import settings_reference

from .sitebuild import REPO, mkdocs_build


def test_reference_page_lists_everything_in_both_languages(tmp_path: Path) -> None:
    build = mkdocs_build(REPO / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output
    expected = [e.name for e in (*settings_reference(), *schema_fields(incident_schema()))]
    for prefix, word in (("", "The site's timezone"), ("ar/", "المنطقة الزمنية")):
        page = build.page(prefix + "reference/")
        names = [code.text_content() for code in page.cssselect(".nabd-reference th code")]
        assert names == expected
        assert word in page.text_content()
