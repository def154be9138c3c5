"""``nabd summary BASE``: the incidents a pull request adds or changes, as Markdown for the PR
check's job summary, so that reviewers see what it will publish without opening each file::

    nabd summary "origin/$GITHUB_BASE_REF" >> "$GITHUB_STEP_SUMMARY"

The files are validated as ``nabd validate --strict`` would; an invalid one is listed with its
problems instead of a row, and the exit status stays 0: failing the check is validate's job.

Everything printed from a file, a file name or the config is escaped: a title's Markdown or
HTML shows as typed, on one line, and cannot add a row, a link, an image or a mention.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from nabd.cli.app import CONFIG_OPTION, main, read_settings
from nabd.cli.markdown import markdown_text
from nabd.core.model.languages import language_name
from nabd.core.model.loader import load_incidents
from nabd.core.model.models import ComponentStatus, Incident
from nabd.core.present.catalogs import Catalogs
from nabd.core.present.language import Language


@main.command()
@click.argument("base")
@CONFIG_OPTION
def summary(base: str, config_file: Path) -> None:
    """Print, as Markdown, the incidents added or changed since BASE.

    BASE is the branch the pull request merges into, like origin/main. Run it in a git clone
    that has BASE; the PR check appends it to the job summary.
    """
    if base.startswith("-"):
        raise click.BadParameter(f"{base!r} is not a git ref", param_hint="'BASE'")
    settings = read_settings(config_file)
    files = changed_files(base, settings.incidents_dir)
    if not files:
        click.echo("No incident files are added or changed.")
        return
    result = load_incidents(
        settings.incidents_dir,
        settings.platforms,
        display_root=Path.cwd(),
        strict=True,
        max_file_size=settings.max_file_size,
        only=files,
        languages=settings.languages,
    )
    languages = settings.languages.codes
    names = {p.id: p.name.get(settings.languages.default).text for p in settings.platforms}
    count = f"{len(files)} file{'s' if len(files) > 1 else ''}"
    lines = [f"### Incidents added or changed ({count})"]
    if result.incidents:
        lines += ["", *_table(result.incidents, languages, names)]
    if result.problems:
        lines += ["", "**Problems** (fix them in the files, then commit again):", ""]
        lines += [f"- {markdown_text(str(problem))}" for problem in result.problems]
    click.echo("\n".join(lines))


def changed_files(base: str, folder: Path) -> list[Path]:
    """The files under ``folder`` added or modified since ``base`` (a rename counts as added)."""
    command = ["git", "diff", "--name-only", "--diff-filter=AM", "--no-renames", "-z", "--relative"]
    try:
        result = subprocess.run(
            [*command, f"{base}...HEAD", "--", str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise click.ClickException(f"cannot run git: {error}") from None
    if result.returncode:
        raise click.ClickException(f"git diff against {base!r} failed: {result.stderr.strip()}")
    return [Path(name).absolute() for name in result.stdout.split("\0") if name]


def _table(
    incidents: Iterable[Incident], languages: Sequence[str], names: dict[str, str]
) -> list[str]:
    titles = [f"Title ({markdown_text(language_name(lang))})" for lang in languages]
    header = ["Incident", *titles, "Platforms", "Worst status", "Latest update", "Duration"]
    rows = [_row(incident, languages, names) for incident in incidents]
    return [_cells(header), _cells(["---"] * len(header)), *map(_cells, rows)]


def _row(incident: Incident, languages: Sequence[str], names: dict[str, str]) -> list[str]:
    ended = incident.ended_at
    titles = [_title(incident, lang) for lang in languages]
    platforms = ", ".join(markdown_text(names.get(p, p)) for p in incident.platforms)
    return [
        markdown_text(incident.id),
        *titles,
        platforms or "none",
        _status(incident.worst_status),
        incident.status.value.replace("_", " "),
        _english().duration(ended - incident.started_at) if ended else "ongoing",
    ]


def _cells(cells: Sequence[str]) -> str:
    return f"| {' | '.join(cells)} |"


def _title(incident: Incident, lang: str) -> str:
    text = incident.title.values.get(lang)
    return markdown_text(text) if text else "missing"


def _status(status: ComponentStatus) -> str:
    return "none" if status is ComponentStatus.OPERATIONAL else status.value.replace("_", " ")


def _english() -> Language:
    """The summary is for reviewers, in English, as the CI log is."""
    return Language("en", Catalogs().words("en"), "UTC")
