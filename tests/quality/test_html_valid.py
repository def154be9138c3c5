"""Every built page is valid HTML for the Nu HTML Checker (vnu), the W3C's validator."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..served import ServedSite
from .conftest import NODE_MODULES

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

MATERIAL_CHECKBOX_AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
    "“tel”, “text”, “time”, “url”, or “week”."
)
MATERIAL_TOGGLE = re.compile(
    r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
    r'id="__\1" autocomplete="off">'
)
"""mkdocs-material's hidden drawer and search toggles carry ``autocomplete="off"`` (so that
Firefox does not restore their state); the theme's markup, not ours, so the one error allowed."""


def _is_material_toggle(message: dict[str, Any]) -> bool:
    start = message.get("hiliteStart", 0)
    flagged = message.get("extract", "")[start : start + message.get("hiliteLength", 0)]
    return (
        message["message"] == MATERIAL_CHECKBOX_AUTOCOMPLETE
        and MATERIAL_TOGGLE.fullmatch(flagged) is not None
    )


def _where(message: dict[str, Any], site_dir: Path) -> str:
    page = message.get("url", "").removeprefix(f"file:{site_dir}/")
    return f"{page}:{message.get('lastLine', '?')}"


def test_every_page_is_valid_html(example_site: ServedSite) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install a Java runtime, 17 or newer (default-jre-headless)")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci --prefix tools`")
    site_dir = example_site.site_dir.resolve()
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 100, "the example site should have well over 100 pages"

    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout"]
        + [str(page) for page in pages],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(done.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu exited with {done.returncode} without a JSON report:\n{done.stderr}")

    errors = [message for message in messages if not _is_material_toggle(message)]
    assert not errors, "\n".join(
        f"{_where(message, site_dir)}: {message['message']}" for message in errors
    )
