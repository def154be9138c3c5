"""``mkdocs serve --dirty`` after an edit: the edited incident's pages are rendered again, the
pages of incidents the edit does not touch are kept as they were written."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .sitebuild import FIXED_NOW, REPO

EDITED = "2024-04-03-whatsapp-led"
UNRELATED = "2010-09-23-facebook-config-verification"


def test_a_dirty_rebuild_renders_again_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").symlink_to(REPO / "docs")
    shutil.copytree(REPO / "incidents", tmp_path / "incidents")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    site = tmp_path / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_NOW)
    monkeypatch.setattr(sys, "argv", ["mkdocs", "serve", "--dirty"])  # i18n reads it

    def rebuild() -> None:
        config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(site))
        build(config, dirty=True)

    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        pages = {
            name: [site / prefix / "incidents" / name / "index.html" for prefix in ("", "ar")]
            for name in (EDITED, UNRELATED)
        }
        for page in [*pages[EDITED], *pages[UNRELATED]]:
            os.utime(page, ns=(1, 1))  # so that a page written again shows a new time

        edited = tmp_path / "incidents" / f"{EDITED}.yaml"
        edited.write_text(
            edited.read_text(encoding="utf-8").replace("en: ", "en: Edited. ", 1), "utf-8"
        )
        rebuild()
        for page in pages[UNRELATED]:
            assert page.stat().st_mtime_ns == 1, page
        for page in pages[EDITED]:
            assert page.stat().st_mtime_ns > 1, page
        assert "Edited." in pages[EDITED][0].read_text(encoding="utf-8")
    finally:
        config.plugins.on_shutdown()
