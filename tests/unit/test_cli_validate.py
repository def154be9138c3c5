"""``nabd validate``: reads the site's platforms from mkdocs.yml and reports every problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from nabd.cli import main
from tests.sites import CLI_MKDOCS_YML

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site folder, the current directory, with one valid incident."""
    (tmp_path / "mkdocs.yml").write_text(CLI_MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Status\n", encoding="utf-8")
    (tmp_path / "incidents").mkdir()
    add(tmp_path, "valid/2024-03-05-login-session-outage.yaml")
    add(tmp_path, "valid/2021-10-04-global-outage.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def add(site: Path, fixture: str, name: str | None = None) -> Path:
    target = site / "incidents" / (name or Path(fixture).name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / fixture, target)
    return target


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args])


def test_a_valid_folder_passes(site: Path) -> None:
    result = run()
    assert result.exit_code == 0, result.output
    assert result.output == "no problems: 2 valid incidents\n"


def test_problems_are_listed_with_file_line_and_field(site: Path) -> None:
    add(site, "invalid/unknown-status.yaml")
    add(site, "invalid/updates-out-of-order.yaml", "2024/updates-out-of-order.yaml")
    result = run()
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "incidents/2024/updates-out-of-order.yaml:12: updates[1].at: 2024-03-05T15:20:00Z "
        "is before updates[0] (2024-03-05T15:40:00Z): list updates oldest first",
        "incidents/unknown-status.yaml:5: impacts[0].status: unknown status 'major-outage'; "
        "did you mean 'major_outage'? (one of: degraded_performance, partial_outage, "
        "major_outage, under_maintenance)",
        "2 errors, 0 warnings; 2 valid incidents",
    ]


def test_platforms_come_from_mkdocs_yml(site: Path) -> None:
    without_threads = "\n".join(
        line for line in CLI_MKDOCS_YML.splitlines() if "threads" not in line
    )
    (site / "mkdocs.yml").write_text(without_threads, encoding="utf-8")
    result = run()
    assert result.exit_code == 1
    assert "impacts[3].platform: unknown platform 'threads'" in result.output
    assert "(one of: facebook, instagram, whatsapp, messenger)" in result.output


def test_a_missing_translation_warns_and_fails_under_strict(site: Path) -> None:
    add(site, "invalid/missing-translation.yaml")
    warned = run()
    assert warned.exit_code == 0
    assert warned.output.splitlines() == [
        "warning: incidents/missing-translation.yaml:2: title.ar: missing Arabic translation "
        "(shown in English with a marker)",
        "0 errors, 1 warning; 3 valid incidents",
    ]
    strict = run("--strict")
    assert strict.exit_code == 1
    assert strict.output.splitlines() == [
        "incidents/missing-translation.yaml:2: title.ar: missing Arabic translation "
        "(shown in English with a marker)",
        "1 error, 0 warnings; 2 valid incidents",
    ]


def test_given_paths_are_checked_against_the_whole_folder(site: Path) -> None:
    add(site, "invalid/unknown-status.yaml")
    first = add(site, "valid/2021-10-04-global-outage.yaml", "old/2021-10-04-global-outage.yaml")
    result = run(str(first.relative_to(site)))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "incidents/old/2021-10-04-global-outage.yaml:1: (file): duplicate id: "
        "incidents/2021-10-04-global-outage.yaml has the same file name",
        "1 error, 0 warnings; 0 valid incidents",
    ]
    other = run("incidents/2024-03-05-login-session-outage.yaml")
    assert (other.exit_code, other.output) == (0, "no problems: 1 valid incident\n")


def test_a_path_outside_the_incidents_folder_is_refused(site: Path) -> None:
    result = run("mkdocs.yml")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "mkdocs.yml:1: (file): not in the incidents folder (incidents/)"
    )


def test_another_config_file_and_folder(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (site / "mkdocs.yml").write_text(CLI_MKDOCS_YML + "      incidents_dir: events\n", "utf-8")
    add(site, "invalid/unknown-status.yaml")
    (site / "incidents").rename(site / "events")
    (site / "elsewhere").mkdir()
    monkeypatch.chdir(site / "elsewhere")
    result = run("--config", "../mkdocs.yml")
    assert result.exit_code == 1
    assert result.output.startswith("../events/unknown-status.yaml:5: impacts[0].status: ")
    for path in ("../events/unknown-status.yaml", str(site / "events" / "unknown-status.yaml")):
        one = run("--config", "../mkdocs.yml", path)
        assert one.output.splitlines()[-1] == "1 error, 0 warnings; 0 valid incidents"


def test_a_missing_incidents_folder_fails(site: Path) -> None:
    shutil.rmtree(site / "incidents")
    result = run()
    assert result.exit_code == 1
    assert result.output.startswith("incidents:1: (file): incidents folder not found")


def test_a_config_without_the_plugin_is_explained(site: Path) -> None:
    (site / "mkdocs.yml").write_text("site_name: Plain\n", encoding="utf-8")
    result = run()
    assert result.exit_code == 1
    assert "mkdocs.yml: the nabd plugin is not in its plugins" in result.output


def test_an_invalid_config_is_an_error_not_a_traceback(site: Path) -> None:
    (site / "mkdocs.yml").write_text(CLI_MKDOCS_YML + "      timezone: Mars/Olympus\n", "utf-8")
    result = run()
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.output.startswith("Error: mkdocs.yml: Aborted with")


def test_validate_is_a_subcommand_of_nabd() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "validate" in result.output
