"""A new user's path, outside this repository, as issue 12 tells it: a company with the
services api, web and payments, English and Arabic, on GitHub Pages at
https://acme.github.io/status/.

The wheel is built from a copy of the package's own files and installed, with its
dependencies from the registry (pip's cache makes it quick), into a fresh venv in tmp_path;
then ``nabd init``, an incident started, updated and resolved, a maintenance announced, all
with the command line; ``mkdocs build --strict``; the pages, feeds and API read back. Last,
the starter's workflows run their ``run:`` steps the way GitHub's runner does (bash -eo
pipefail, GITHUB_STEP_SUMMARY, GITHUB_BASE_REF, a clone with ``origin``), in another fresh
venv standing for setup-python, pip pointed at the wheel by PIP_FIND_LINKS: no Makefile of
ours, no test extras, no browser, no Java.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from email.parser import Parser
from pathlib import Path

import feedparser
import lxml.html
import pytest
import yaml

from tests.unit.test_workflows import actionlint, zizmor

from .sitebuild import REPO

URL = "https://acme.github.io/status/"
INIT = [
    *("--name", "Acme status", "--url", URL),
    *("--language", "en", "--language", "ar"),
    *("--platform", "api=API", "--platform", "web=Web", "--platform", "payments=Payments"),
    *("--timezone", "Asia/Dubai"),
]
INCIDENT = "2026-12-02-payments-errors"
MAINTENANCE = "2026-12-05-database-upgrade"
TEST_TOOLS = ("pytest", "hypothesis", "ruff", "playwright", "zizmor", "linkchecker", "lxml")


def epoch(moment: str) -> str:
    return str(int(datetime.fromisoformat(moment).replace(tzinfo=UTC).timestamp()))


def run(
    command: list[str], cwd: Path, env: Mapping[str, str], now: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**env, **({"SOURCE_DATE_EPOCH": epoch(now)} if now else {})}
    done = subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done


def clean_environment(venv: Path, home: Path) -> dict[str, str]:
    """The environment of a shell with ``venv`` first on PATH, nothing of this checkout."""
    drop = {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "SOURCE_DATE_EPOCH"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("GIT_")}
    return {
        **env,
        "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}",
        "NO_MKDOCS_2_WARNING": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Acme",
        "GIT_AUTHOR_EMAIL": "ops@acme.example",
        "GIT_COMMITTER_NAME": "Acme",
        "GIT_COMMITTER_EMAIL": "ops@acme.example",
    }


def fresh_venv(where: Path, wheels: Path, *packages: str) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    if packages:
        env = {**os.environ, "PIP_FIND_LINKS": find_links(wheels)}
        command = [str(where / "bin" / "python"), "-m", "pip", "install", "--quiet", *packages]
        subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    return where


def find_links(wheels: Path) -> str:
    """The machine's own find-links, if any, and the folder of our wheel."""
    return " ".join(filter(None, [os.environ.get("PIP_FIND_LINKS", ""), str(wheels)]))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel, built from a copy of what the package is made of, and the build's log."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "plugin", source / "plugin", ignore=ignore)
    out = tmp_path_factory.mktemp("wheels")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(source)]
    built = subprocess.run(command, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("mkdocs_nabd-*.whl")
    return found, built.stdout + built.stderr


@pytest.fixture(scope="module")
def installed(wheel: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside this repository with the wheel and its run-time dependencies."""
    path, _ = wheel
    return fresh_venv(tmp_path_factory.mktemp("user") / ".venv", path.parent, str(path))


def test_the_wheel_is_fit_for_pypi(wheel: tuple[Path, str]) -> None:
    path, log = wheel
    assert "DeprecationWarning" not in log
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    for packaged in (
        "nabd/templates/nabd/overview.html",
        "nabd/templates/assets/nabd/nabd.css",
        "nabd/locales/ar/LC_MESSAGES/nabd.po",
        "nabd/schema/incident.schema.json",
        "nabd/core/edition/outputs/badge_widths.json",
        "nabd/starter/mkdocs.yml.j2",
        "nabd/starter/gitignore",
        "nabd/starter/github/workflows/check.yml",
        "nabd/starter/docs/ar/about.md",
        "nabd/starter/text/ar.yaml",
    ):
        assert packaged in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not any(n.startswith(("tests/", "tools/", "bench/")) for n in names)
    assert metadata["Name"] == "mkdocs-nabd"
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert metadata.get_payload().startswith("# Nabd")
    assert "Start your own status page" in metadata.get_payload()
    assert any(
        url.startswith("Source, https://github.com/") for url in metadata.get_all("Project-URL")
    )
    assert "Framework :: MkDocs" in metadata.get_all("Classifier")
    runtime = [r for r in metadata.get_all("Requires-Dist") if "extra ==" not in r]
    assert not [r for r in runtime if r.lower().startswith(TEST_TOOLS)]


def test_pip_install_gives_the_plugin_and_the_command(installed: Path) -> None:
    python = str(installed / "bin" / "python")
    where = subprocess.run(
        [python, "-c", "import nabd; print(nabd.__file__)"], capture_output=True, text=True
    )
    assert Path(where.stdout.strip()).is_relative_to(installed)
    version = subprocess.run(
        [installed / "bin" / "nabd", "--version"], capture_output=True, text=True
    )
    assert "0.1.0" in version.stdout
    plugins = subprocess.run(
        [
            python,
            "-c",
            "from importlib.metadata import entry_points as e; "
            "print(e(group='mkdocs.plugins')['nabd'].value)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert plugins.stdout.strip() == "nabd.mkdocs.plugin:NabdPlugin"
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format", "json"], capture_output=True, text=True
    )
    names = {p["name"].lower() for p in json.loads(listed.stdout)}
    assert {"mkdocs-nabd", "mkdocs", "mkdocs-material", "mkdocs-static-i18n"} <= names
    assert not names & set(TEST_TOOLS)


def test_a_new_user_goes_from_nothing_to_a_published_site(
    installed: Path, wheel: tuple[Path, str], tmp_path: Path
) -> None:
    env = clean_environment(installed, tmp_path)
    nabd = ["nabd"]

    # nabd init, then the repository on "GitHub" (a bare origin), as a new user pushes it
    run([*nabd, "init", "acme", *INIT], tmp_path, env, now="2026-12-01T09:00:00")
    origin, site = tmp_path / "origin.git", tmp_path / "acme"
    run(["git", "init", "--quiet", "--initial-branch=main"], site, env)
    run(["git", "add", "--all"], site, env)
    run(["git", "commit", "--quiet", "-m", "nabd init"], site, env)
    run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(origin)], tmp_path, env)
    run(["git", "push", "--quiet", str(origin), "main"], site, env)
    run(["git", "rm", "--quiet", "incidents/2026-12-01-example.yaml"], site, env)
    run(["git", "commit", "--quiet", "-m", "No example"], site, env)
    run(["git", "push", "--quiet", str(origin), "main"], site, env)

    # a pull request: an incident started, updated, a service back, resolved; a maintenance
    work = tmp_path / "work"
    run(["git", "clone", "--quiet", str(origin), str(work)], tmp_path, env)
    run(["git", "switch", "--quiet", "--create", "outage"], work, env)
    texts = ["--text", "en=Payments fail.", "--text", "ar=يتعذّر الدفع."]
    hit = ["--platform", "payments", "--platform", "api", "--status", "major_outage"]
    title = ["--title", "en=Payments fail: **card** errors", "--title", "ar=تعذّر الدفع بالبطاقات"]
    run([*nabd, "new", INCIDENT, *hit, *title, *texts], work, env, now="2026-12-02T10:00:00")
    identified = [*nabd, "update", INCIDENT, "--status", "identified", *texts]
    run(identified, work, env, now="2026-12-02T10:30:00")
    back = ["--platform", "api", "--impact", "operational"]
    monitoring = [*nabd, "update", INCIDENT, "--status", "monitoring", *back, *texts]
    run(monitoring, work, env, now="2026-12-02T11:00:00")
    run([*nabd, "resolve", INCIDENT, *texts], work, env, now="2026-12-02T12:30:00")
    window = ["--from", "2026-12-05T01:00:00Z", "--to", "2026-12-05T03:00:00Z"]
    title = ["--title", "en=Database upgrade", "--title", "ar=ترقية قاعدة البيانات"]
    texts = ["--text", "en=The site is read-only.", "--text", "ar=الموقع للقراءة فقط."]
    announce = [*nabd, "new", MAINTENANCE, "--maintenance", "--platform", "web", *window]
    run([*announce, *title, *texts], work, env, now="2026-12-03T09:00:00")
    first_line = (work / "incidents" / f"{INCIDENT}.yaml").read_text("utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={URL}schema/incident.json"
    run([*nabd, "validate", "--strict"], work, env)
    run(["git", "add", "--all"], work, env)
    run(["git", "commit", "--quiet", "-m", "Payments outage, database upgrade"], work, env)

    # Before the maintenance window: announced, upcoming.
    run(["mkdocs", "build", "--strict", "-d", "before"], work, env, now="2026-12-04T12:00:00")
    before = work / "before"
    upcoming = json.loads((before / "api/v2/scheduled-maintenances/upcoming.json").read_text())
    assert [m["name"] for m in upcoming["scheduled_maintenances"]] == ["Database upgrade"]
    overview = lxml.html.fromstring((before / "index.html").read_bytes())
    (section,) = overview.cssselect("section[aria-labelledby=upcoming]")
    assert "Database upgrade" in section.text_content()
    assert "Database upgrade" in (before / "maintenance.ics").read_text("utf-8")

    # During the window: in progress, the service under maintenance.
    run(["mkdocs", "build", "--strict", "-d", "during"], work, env, now="2026-12-05T02:00:00")
    during = work / "during"
    check_pages(during)
    summary = json.loads((during / "api/v2/summary.json").read_text("utf-8"))
    statuses = {c["name"]: c["status"] for c in summary["components"]}
    assert statuses == {"API": "operational", "Web": "under_maintenance", "Payments": "operational"}
    assert [m["name"] for m in summary["scheduled_maintenances"]] == ["Database upgrade"]
    assert summary["scheduled_maintenances"][0]["status"] == "in_progress"
    assert summary["incidents"] == []
    feed = feedparser.parse((during / "feed.atom").read_bytes())
    assert feed.bozo == 0 and len(feed.entries) >= 5
    assert any("Payments fail" in e.title for e in feed.entries)
    arabic = feedparser.parse((during / "ar" / "feed.rss").read_bytes())
    assert any("تعذّر الدفع" in e.title for e in arabic.entries)
    schema = json.loads((during / "schema" / "incident.json").read_text("utf-8"))
    assert schema["title"] == "Nabd incident"

    # After the window, the maintenance is completed without another edit.
    run(["mkdocs", "build", "--strict", "-d", "after"], work, env, now="2026-12-06T00:00:00")
    active = json.loads((work / "after/api/v2/scheduled-maintenances/active.json").read_text())
    assert active["scheduled_maintenances"] == []
    page = lxml.html.fromstring((work / f"after/incidents/{MAINTENANCE}/index.html").read_bytes())
    assert "Completed" in page.text_content()

    # The PR check and the deploy's build, step by step, as GitHub's runner would run them.
    runner = fresh_venv(tmp_path / "runner", wheel[0].parent)
    ci = clean_environment(runner, tmp_path) | {"PIP_FIND_LINKS": find_links(wheel[0].parent)}
    for built in ("before", "during", "after"):
        shutil.rmtree(work / built)
    summary_file = tmp_path / "step_summary.md"
    summary_file.touch()
    github = {"GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary_file), "CI": "true"}
    check = work / ".github" / "workflows" / "check.yml"
    deploy = work / ".github" / "workflows" / "deploy.yml"
    for workflow in (check, deploy):
        for script, step_env in run_steps(workflow):
            assert not any(word in script for word in ("make ", "pytest", "chromium", "java"))
            run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                work,
                ci | github | step_env,
                now="2026-12-05T02:00:00",
            )
    assert (work / "site" / "index.html").is_file()
    assert (work / "site" / "ar" / "schema" / "incident.json").is_file()
    job_summary = summary_file.read_text("utf-8")
    assert job_summary.startswith("### Incidents added or changed (2 files)\n")
    assert "Payments fail\\: \\*\\*card\\*\\* errors" in job_summary
    assert "| Title (English) | Title (Arabic) |" in job_summary
    assert "تعذّر الدفع بالبطاقات" in job_summary and "Database upgrade" in job_summary

    # The workflows it wrote are clean under actionlint and zizmor.
    assert actionlint(check, deploy).returncode == 0
    linted = zizmor(check, deploy, min_severity="informational", persona="pedantic")
    assert linted.returncode == 0, linted.stdout + linted.stderr


def check_pages(site: Path) -> None:
    """Every page a visitor of the new site opens, in both languages, reads right."""
    for prefix, lang, direction in (("", "en", "ltr"), ("ar/", "ar", "rtl")):
        overview = lxml.html.fromstring((site / prefix / "index.html").read_bytes())
        assert overview.get("lang") == lang and overview.find("body").get("dir") == direction
        text = overview.text_content()
        for name in ("API", "Web", "Payments"):
            assert name in text
        assert "Example incident" not in text and "عطل تجريبي" not in text
        for page in (
            f"incidents/{INCIDENT}/",
            f"incidents/{MAINTENANCE}/",
            "platforms/payments/",
            "history/",
            "about/",
            "methodology/",
        ):
            assert (site / prefix / page / "index.html").is_file(), prefix + page
    incident = lxml.html.fromstring((site / f"incidents/{INCIDENT}/index.html").read_bytes())
    assert "Payments fail: **card** errors" in incident.text_content()
    about = lxml.html.fromstring((site / "ar/about/index.html").read_bytes())
    assert "Asia/Dubai" in about.text_content() and "API، Web، Payments" in about.text_content()


def run_steps(workflow: Path) -> list[tuple[str, dict[str, str]]]:
    """The ``run:`` steps of every job, each with the environment GitHub gives it."""
    document = yaml.safe_load(workflow.read_text("utf-8"))
    steps = []
    for job in document["jobs"].values():
        job_env = {**document.get("env", {}), **job.get("env", {})}
        for step in job.get("steps", []):
            if "run" in step:
                assert "${{" not in step["run"], f"{workflow.name}: an expression in a script"
                steps.append((step["run"], {**job_env, **step.get("env", {})}))
    return steps
