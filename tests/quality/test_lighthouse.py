"""Lighthouse, as a phone visiting the overview in each language, scores 100 for accessibility,
best practices and SEO, and at least 95 for performance (its simulated slow phone network)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ..served import ServedSite
from .conftest import NODE_MODULES

LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM = {"performance": 0.95, "accessibility": 1, "best-practices": 1, "seo": 1}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: install Node.js 20")
    if not LIGHTHOUSE.is_file():
        pytest.fail(f"{LIGHTHOUSE} is missing: run `npm ci --prefix tools`")
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`)")
    done = subprocess.run(
        [
            node,
            str(LIGHTHOUSE),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--no-enable-error-reporting",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        check=False,
    )
    if done.returncode != 0 or not report.is_file():
        pytest.fail(f"Lighthouse exited with {done.returncode}:\n{done.stderr}")
    result = json.loads(report.read_text(encoding="utf-8"))
    if "runtimeError" in result:
        pytest.fail(f"Lighthouse could not audit {url}: {result['runtimeError']}")
    return result


def failed_audits(result: dict[str, Any]) -> list[str]:
    """Each audit that lowered a category's score, with what it found (at most three items)."""
    lines = []
    for category in result["categories"].values():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                lines.append(f"{category['id']}: {audit['title']} ({audit['id']})")
                items = audit.get("details", {}).get("items", [])
                lines.extend(f"    {_describe(item)}" for item in items[:3])
    return lines


def _describe(item: dict[str, Any]) -> str:
    node = item.get("node") or item.get("source") or {}
    if isinstance(node, dict) and "snippet" in node:
        return node["snippet"]
    location = item.get("sourceLocation", {}).get("url", "")
    return f"{item.get('description', '')} {location}".strip() or json.dumps(item)[:200]


@pytest.mark.parametrize("path", ["", "ar/"], ids=["en", "ar"])
def test_overview_scores_100_and_95_for_speed(
    example_site: ServedSite, path: str, tmp_path: Path
) -> None:
    result = run_lighthouse(example_site.url + path, tmp_path / "report.json")
    scores = {name: result["categories"][name]["score"] for name in CATEGORIES}
    assert all(scores[name] >= MINIMUM[name] for name in CATEGORIES), f"{scores}\n" + "\n".join(
        failed_audits(result)
    )
