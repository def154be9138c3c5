"""``nabd summary``: the PR check's summary of the incidents a pull request adds or changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt

from nabd.cli import main
from nabd.cli.markdown import markdown_text
from tests.sites import CLI_MKDOCS_YML

ROOT = Path(__file__).resolve().parents[2]
GFM = MarkdownIt("gfm-like", {"linkify": True}).enable("linkify")
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


def summary_of(*args: str) -> str:
    result = run("main", *args)
    assert result.exit_code == 0, result.output
    return result.output


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["summary", *args])


def rendered(output: str) -> lxml.html.HtmlElement:
    """The summary as GitHub shows it: rendered as GitHub-flavoured Markdown."""
    return lxml.html.fromstring(f"<div>{GFM.render(output)}</div>")


def rows(output: str) -> dict[str, list[str]]:
    """The rendered table's rows by incident id, each as its cells' text."""
    table = rendered(output).cssselect("tbody tr")
    cells = [[td.text_content() for td in row.cssselect("td")] for row in table]
    return {row[0]: row[1:] for row in cells}


def test_lists_the_incidents_added_and_changed_with_a_title_in_each_language(
    repo: Path,
) -> None:
    (repo / "incidents" / "2025-02-28-whatsapp.yaml").write_text(RESOLVED, encoding="utf-8")
    shutil.copy(FIXTURES / "valid" / "2030-02-01-messenger-ongoing.yaml", repo / "incidents")
    commit(repo, "Resolve one incident, add another")

    output = summary_of()

    assert output.startswith("### Incidents added or changed (2 files)\n")
    header = [th.text_content() for th in rendered(output).cssselect("thead th")]
    assert header == [
        "Incident",
        "Title (English)",
        "Title (Arabic)",
        "Platforms",
        "Worst status",
        "Latest update",
        "Duration",
    ]
    assert rows(output) == {
        "2025-02-28-whatsapp": [
            "WhatsApp | messages not sent",
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


HOSTILE_TITLE = (
    "**Bold** _it_ `code` [link](https://evil.example/) ![img](https://evil.example/i.png) "
    "https://evil.example www.evil.example @octocat :tada: &amp; #1 | cell ~~x~~ \\ end"
)


def test_markdown_and_html_in_a_title_show_as_typed(repo: Path) -> None:
    hostile = ONGOING.replace(
        'en: "WhatsApp | messages not sent"', "en: " + json.dumps(HOSTILE_TITLE)
    )
    hostile = hostile.replace("ar: واتساب لا يرسل الرسائل", 'ar: "سطر\\nثانٍ **عريض**"')
    (repo / "incidents" / "2025-02-28-whatsapp.yaml").write_text(hostile, encoding="utf-8")
    commit(repo, "A title full of Markdown")

    output = summary_of()

    assert rows(output)["2025-02-28-whatsapp"][:2] == [HOSTILE_TITLE, "سطر ثانٍ **عريض**"]
    unescaped = GFM.render(HOSTILE_TITLE)
    assert all(tag in unescaped for tag in ("<a ", "<img ", "<strong>", "<em>", "<code>", "<s>"))
    page = rendered(output)
    assert page.cssselect("table a, table img, table strong, table em, table code, table b") == []
    assert page.cssselect("table del, table s") == []
    assert len(page.cssselect("tbody tr")) == 1


def test_problems_are_escaped_too(repo: Path) -> None:
    raw = ONGOING.replace('"WhatsApp | messages not sent"', '"<img src=x onerror=alert(1)>"')
    (repo / "incidents" / "2025-03-01-`tick`.yaml").write_text(raw, encoding="utf-8")
    commit(repo, "Raw HTML in a title, a backtick in a file name")

    output = summary_of()

    items = [li.text_content() for li in rendered(output).cssselect("li")]
    assert items and all("incidents/2025-03-01-`tick`.yaml" in item for item in items)
    assert rendered(output).cssselect("img, code") == []


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("a*b", "a\\*b"),
        ("<script>", "\\<script\\>"),
        ("two\nlines\u2028and\tmore", "two lines and more"),
        ("\u202eevil", "evil"),
        ("واتساب", "واتساب"),
    ],
)
def test_markdown_text(text: str, markdown: str) -> None:
    assert markdown_text(text) == markdown


def test_an_invalid_file_is_listed_with_its_problems(repo: Path) -> None:
    shutil.copy(FIXTURES / "invalid" / "unknown-status.yaml", repo / "incidents" / "2024-bad.yaml")
    commit(repo, "Add a broken incident")

    output = summary_of()

    assert rows(output) == {}
    problem = "incidents/2024-bad.yaml:5: impacts[0].status: unknown status 'major-outage'"
    items = [li.text_content() for li in rendered(output).cssselect("li")]
    assert any(item.startswith(problem) for item in items)


def test_a_pull_request_without_incident_changes_says_so(repo: Path) -> None:
    (repo / "docs" / "index.md").write_text("# Status now\n", encoding="utf-8")
    commit(repo, "Edit a page")

    assert summary_of() == "No incident files are added or changed.\n"


def test_an_unknown_base_fails_with_the_reason(repo: Path) -> None:
    result = run("origin/main")
    assert result.exit_code == 1
    assert "git diff against 'origin/main' failed" in result.output


def test_a_base_that_looks_like_an_option_is_refused(repo: Path) -> None:
    result = run("--output=/tmp/x")
    assert result.exit_code == 2
