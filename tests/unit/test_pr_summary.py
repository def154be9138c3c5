"""tools/pr_summary.py: the PR check's summary of the incidents a pull request adds or changes."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from tests.sites import CLI_MKDOCS_YML

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


ONGOING = """\
title: {en: "WhatsApp | messages not sent", ar: واتساب لا يرسل الرسائل}
impacts:
  - platform: whatsapp
    status: major_outage
    from: 2025-02-28T19:00:00Z
updates:
  - at: 2025-02-28T19:20:00Z
    status: investigating
    text: {en: Messages are not delivered., ar: لا تصل الرسائل.}
"""

RESOLVED = ONGOING.replace(
    "from: 2025-02-28T19:00:00Z", "from: 2025-02-28T19:00:00Z\n    to: 2025-02-28T21:15:00Z"
) + (
    "  - at: 2025-02-28T21:30:00Z\n"
    "    status: resolved\n"
    "    text: {en: Messages are delivered again., ar: عادت الرسائل تصل.}\n"
)


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pr_summary", ROOT / "tools" / "pr_summary.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pr_summary = _load_tool()


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository, the current directory: a site on ``main``, then a branch ``pr``."""
    for name, value in {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }.items():
        monkeypatch.setenv(name, value)
    (tmp_path / "mkdocs.yml").write_text(CLI_MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Status\n", encoding="utf-8")
    incidents = tmp_path / "incidents"
    incidents.mkdir()
    shutil.copy(FIXTURES / "valid" / "2021-10-04-global-outage.yaml", incidents)
    (incidents / "2025-02-28-whatsapp.yaml").write_text(ONGOING, encoding="utf-8")
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    commit(tmp_path, "The site")
    git(tmp_path, "switch", "--quiet", "--create", "pr")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def summary_of(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert pr_summary.main(["main", *args]) == 0
    return capsys.readouterr().out


def rows(output: str) -> dict[str, list[str]]:
    """The table's rows by incident id, each as its cells."""
    table = [line.strip("|").split(" | ") for line in output.splitlines() if line.startswith("| `")]
    return {cells[0].strip(" `"): [c.strip() for c in cells[1:]] for cells in table}


def test_lists_the_incidents_added_and_changed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "incidents" / "2025-02-28-whatsapp.yaml").write_text(RESOLVED, encoding="utf-8")
    shutil.copy(FIXTURES / "valid" / "2030-02-01-messenger-ongoing.yaml", repo / "incidents")
    commit(repo, "Resolve one incident, add another")

    output = summary_of(capsys)

    assert output.startswith("### Incidents added or changed (2 files)\n")
    assert rows(output) == {
        "2025-02-28-whatsapp": [
            "WhatsApp \\| messages not sent",
            "واتساب لا يرسل الرسائل",
            "WhatsApp",
            "major outage",
            "resolved",
            "2\u00a0h 15\u00a0min",
        ],
        "2030-02-01-messenger-ongoing": [
            "Messenger: messages are delayed",
            "ماسنجر: تأخر وصول الرسائل",
            "Messenger, Facebook",
            "degraded performance",
            "monitoring",
            "ongoing",
        ],
    }
    assert "Problems" not in output


def test_an_invalid_file_is_listed_with_its_problems(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(FIXTURES / "invalid" / "unknown-status.yaml", repo / "incidents" / "2024-bad.yaml")
    commit(repo, "Add a broken incident")

    output = summary_of(capsys)

    assert rows(output) == {}
    problem = "incidents/2024-bad.yaml:5: impacts[0].status: unknown status 'major-outage'"
    assert f"- `{problem}" in output


def test_a_pull_request_without_incident_changes_says_so(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "docs" / "index.md").write_text("# Status now\n", encoding="utf-8")
    commit(repo, "Edit a page")

    assert summary_of(capsys) == "No incident files are added or changed.\n"


def test_an_unknown_base_fails_with_the_reason(repo: Path) -> None:
    with pytest.raises(SystemExit, match="git diff against 'origin/main' failed"):
        pr_summary.main(["origin/main"])
