"""An incident written only with ``nabd new``, ``update`` and ``resolve`` builds and reads right."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from nabd.cli import main

from .sitebuild import make_site, mkdocs_build

ID = "2026-05-04-whatsapp-delivery"


def text(en: str, ar: str) -> tuple[str, ...]:
    return ("--text", f"en={en}", "--text", f"ar={ar}")


def test_new_update_resolve_builds_a_resolved_incident(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_site(tmp_path, {})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1777903200")  # 2026-05-04T14:00:00Z
    new = ("new", ID, "--platform", "whatsapp", "--platform", "facebook")
    title = (
        "--title",
        "en=WhatsApp messages not delivered",
        "--title",
        "ar=تعذّر توصيل رسائل واتساب",
    )
    update = ("update", ID, "--status", "identified", "--at", "2026-05-04T15:00:00Z")
    commands = [
        (*new, "--status", "major_outage", *title, *text("Not delivered.", "لا تصل الرسائل.")),
        (
            *update,
            "--platform",
            "facebook",
            "--impact",
            "operational",
            *text("Facebook is back.", "عاد فيسبوك."),
        ),
        (
            "resolve",
            ID,
            "--at",
            "2026-05-04T16:30:00+01:00",
            *text("Delivered again.", "عادت الرسائل."),
        ),
    ]
    for command in commands:
        result = CliRunner().invoke(main, list(command))
        assert (result.exit_code, result.output) == (0, f"incidents/{ID}.yaml\n")

    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    for prefix in ("", "ar/"):
        page = build.page(f"{prefix}incidents/{ID}/")
        phase = page.cssselect(".nabd-incident__phase")[0]
        assert phase.cssselect(".nabd-phase--resolved")
        overview = build.page(prefix)
        assert not overview.cssselect("#active ~ .nabd-incident-list")
    banner = build.page("").cssselect(".nabd-banner")[0]
    assert "All systems operational" in banner.text_content()
    timeline = build.page(f"incidents/{ID}/").text_content()
    assert "Facebook is back." in timeline
