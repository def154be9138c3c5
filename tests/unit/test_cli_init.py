"""``nabd init``: a complete starter from flags or answers, never over a file that exists."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from mkdocs.config import load_config

from nabd.cli import init as init_module
from nabd.cli import main
from nabd.mkdocs.settings import site_settings

NOW = "1796115600"  # 2026-12-01T09:00:00Z
STARTER = Path(init_module.__file__).resolve().parents[1] / "starter"
ACME = [
    *("--name", "Acme status", "--url", "https://acme.github.io/status"),
    *("--language", "en", "--language", "ar"),
    *("--platform", "api=API", "--platform", "web=Web", "--platform", "payments=Payments"),
    *("--timezone", "Asia/Dubai"),
]
FILES = {
    ".github/ISSUE_TEMPLATE/report-outage.yml",
    ".github/PULL_REQUEST_TEMPLATE.md",
    ".github/workflows/check.yml",
    ".github/workflows/deploy.yml",
    ".gitignore",
    "README.md",
    "docs/ar/about.md",
    "docs/ar/methodology.md",
    "docs/en/about.md",
    "docs/en/methodology.md",
    "incidents/.gitkeep",
    "incidents/2026-12-01-example.yaml",
    "mkdocs.yml",
    "requirements.txt",
}


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW)
    monkeypatch.setattr(init_module, "_is_terminal", lambda: False)
    return tmp_path


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["init", *args], input=input)


def written(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def config(folder: Path):
    return load_config(str(folder / "mkdocs.yml"))


def test_init_writes_a_complete_starter_from_its_flags(here: Path) -> None:
    result = run("acme", *ACME)
    assert result.exit_code == 0, result.output
    assert written(here / "acme") == FILES
    assert "acme/mkdocs.yml\n" in result.output and "Next:\n  cd acme\n" in result.output

    site = config(here / "acme")
    assert (site.site_name, site.site_url) == ("Acme status", "https://acme.github.io/status/")
    assert site.theme.name == "material" and site.theme["font"] is False
    i18n = site.plugins["i18n"].config
    assert i18n.docs_structure == "folder"
    assert [(lang.locale, lang.default, lang.name) for lang in i18n.languages] == [
        ("en", True, "English"),
        ("ar", False, "العربية"),
    ]
    nabd = site.plugins["nabd"].config
    assert nabd.timezone == "Asia/Dubai"
    platforms = site_settings(here / "acme" / "mkdocs.yml").platforms
    assert [(p.id, p.name.get("en").text, p.name.get("ar").text) for p in platforms] == [
        ("api", "API", "API"),
        ("web", "Web", "Web"),
        ("payments", "Payments", "Payments"),
    ]
    assert {str(p.tracked_since) for p in nabd.platforms} == {"2026-12-01"}

    requirements = (here / "acme" / "requirements.txt").read_text(encoding="utf-8")
    assert requirements.splitlines()[-1] == f"mkdocs-nabd=={version('mkdocs-nabd')}"


def test_the_example_incident_is_valid_and_says_it_is_an_example(here: Path) -> None:
    assert run("acme", *ACME).exit_code == 0
    example = here / "acme" / "incidents" / "2026-12-01-example.yaml"
    text = example.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=https://acme.github.io/status/schema/incident.json"
    )
    data = yaml.safe_load(text)
    assert data["title"]["en"].startswith("Example incident: api")
    assert "delete this file" in data["title"]["en"] and "احذف هذا الملف" in data["title"]["ar"]
    assert [u["status"] for u in data["updates"]] == ["investigating", "resolved"]
    validate = CliRunner().invoke(main, ["validate", "--strict", "-f", "acme/mkdocs.yml"])
    assert validate.exit_code == 0, validate.output
    assert validate.output.endswith("no problems: 1 valid incident\n")


def test_the_workflows_are_the_ones_nabd_ships(here: Path) -> None:
    assert run(*ACME).exit_code == 0
    for name in ("check.yml", "deploy.yml"):
        shipped = (STARTER / "github" / "workflows" / name).read_text(encoding="utf-8")
        assert (here / ".github" / "workflows" / name).read_text(encoding="utf-8") == shipped


def test_the_outage_form_lists_the_services_in_every_language(here: Path) -> None:
    assert run(*ACME).exit_code == 0
    form = yaml.safe_load((here / ".github/ISSUE_TEMPLATE/report-outage.yml").read_text("utf-8"))
    assert form["name"] == "Report an outage · الإبلاغ عن عطل"
    services = next(item for item in form["body"] if item.get("id") == "services")
    assert services["attributes"]["options"] == ["API", "Web", "Payments"]


def test_one_language_needs_no_i18n_plugin(here: Path) -> None:
    assert (
        run("--url", "https://status.acme.ae/", "--language", "ar", "--platform", "api").exit_code
        == 0
    )
    assert {"docs/about.md", "docs/methodology.md"} <= written(here)
    assert not (here / "docs" / "ar").exists()
    site = config(here)
    assert "i18n" not in site.plugins
    assert site.theme["language"] == "ar"
    assert "written right to left" in (here / "mkdocs.yml").read_text(encoding="utf-8")
    assert (here / "docs" / "about.md").read_text(encoding="utf-8").count("# عن صفحة الحالة") == 1


def test_a_language_without_starter_texts_gets_english_to_translate(here: Path) -> None:
    flags = ["--url", "https://s.example/", "--language", "de", "--language", "ar"]
    result = run(*flags, "--platform", "api")
    assert result.exit_code == 0, result.output
    assert "warning: this release of Nabd has no translation of its pages into German (de)" in (
        result.output
    )
    about = (here / "docs" / "de" / "about.md").read_text(encoding="utf-8")
    assert about.startswith(
        "# About this status page\n<!-- In English: translate this page into Deutsch (de). -->\n"
    )
    assert config(here).plugins["i18n"].config.languages[0].locale == "de"


def test_no_example_leaves_the_incidents_folder_empty_but_kept(here: Path) -> None:
    assert run(*ACME, "--no-example").exit_code == 0
    assert [p.name for p in (here / "incidents").iterdir()] == [".gitkeep"]
    readme = (here / "README.md").read_text(encoding="utf-8")
    assert "1. Read\n   `mkdocs.yml`" in readme and "example incident" not in readme


def test_files_that_exist_are_not_overwritten(here: Path) -> None:
    (here / "README.md").write_text("# Mine\n", encoding="utf-8")
    result = run(*ACME)
    assert result.exit_code == 1
    assert "these files exist:\n  README.md\nnothing was written" in result.output
    assert written(here) == {"README.md"}
    assert (here / "README.md").read_text(encoding="utf-8") == "# Mine\n"

    assert run(*ACME, "--force").exit_code == 0
    assert written(here) == FILES
    assert (here / "README.md").read_text(encoding="utf-8").startswith("# Acme status\n")


URL = ("--url", "https://s.example/")
API = ("--platform", "api")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([*API], "Missing option '--url'"),
        ([*URL], "Missing option '--platform'"),
        (["--url", "ftp://s.example/", *API], "'ftp://s.example/' is not the address of a site"),
        (["--url", "https://s.example/<x>", *API], "is not the address of a site"),
        ([*URL, "--platform", "Bad Id=X"], "'Bad Id=X': write ID=Name, like api=API"),
        ([*URL, *API, "--language", "xx"], "'xx' is not a language code"),
        ([*URL, *API, "--timezone", "Mars/Base"], "unknown time zone 'Mars/Base'"),
        ([*URL, "--platform", "api=A", "--platform", "api=B"], "'api' is given twice"),
        ([*URL, *API, "--name", "Acme\x07"], "control character U+0007 cannot be shown"),
        ([*URL, "--platform", "api=<b>API</b>"], "raw HTML (<b>...) is not allowed"),
        ([*URL, *API, "--name", "Acme \u202estatus"], "bidi control character U+202E"),
    ],
)
def test_bad_flags_are_refused_and_nothing_is_written(
    here: Path, args: list[str], message: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert written(here) == set()


def test_in_a_terminal_it_asks_and_asks_again_after_a_wrong_answer(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init_module, "_is_terminal", lambda: True)
    answers = [
        "Acme status",
        "ftp://acme.github.io/status",  # not a web address: asked again
        "acme.github.io/status",  # https:// understood
        "en, ar",
        "api=API, web=Web, payments=Payments",
        "Asia/Dubai",
    ]
    result = run(input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "is not the address of a site" in result.output
    assert written(here) == FILES
    site = config(here)
    assert site.site_url == "https://acme.github.io/status/"
    assert [p.id for p in site.plugins["nabd"].config.platforms] == ["api", "web", "payments"]
    assert site.plugins["nabd"].config.timezone == "Asia/Dubai"


def test_with_flags_a_terminal_is_asked_only_what_they_lack(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init_module, "_is_terminal", lambda: True)
    result = run("--url", "https://s.example/", input="api=API\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("?") == 0 and result.output.startswith("Services to track")
    site = config(here)
    assert (site.site_name, site.theme["language"]) == ("Status", "en")


def test_what_is_typed_stays_text_in_every_file(here: Path) -> None:
    name = 'Acme: "status" # not a comment\\ *bold* 1 < 2'
    service = "api=API & Web | [link](https://evil.example/) *x*"
    assert run("--name", name, "--url", "https://s.example/", "--platform", service).exit_code == 0
    site = config(here)
    assert site.site_name == name
    (platform,) = site_settings(here / "mkdocs.yml").platforms
    assert platform.name.get("en").text == service.removeprefix("api=")
    form = yaml.safe_load((here / ".github/ISSUE_TEMPLATE/report-outage.yml").read_text("utf-8"))
    assert form["body"][1]["attributes"]["options"] == [service.removeprefix("api=")]
    readme = (here / "README.md").read_text(encoding="utf-8")
    assert readme.startswith('# Acme\\: \\"status\\" \\# not a comment\\\\ \\*bold\\* 1 \\< 2\n')
