"""``nabd validate``: check incident files as a site build would."""

from __future__ import annotations

from pathlib import Path

import click

from nabd.cli.app import CONFIG_OPTION, main, read_settings
from nabd.core.model.loader import (
    FILE,
    LoadResult,
    absolute,
    display_path,
    load_incidents,
)
from nabd.core.model.models import Problem


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too, e.g. a missing translation.")
@CONFIG_OPTION
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def validate(strict: bool, config_file: Path, paths: tuple[Path, ...]) -> None:
    """Check incident files as a site build would.

    Checks PATHS (files or folders inside the incidents folder), or else the whole folder;
    ids are checked against the whole folder either way. Prints each problem as
    file:line: field: message and exits with 1 on any error.
    """
    settings = read_settings(config_file)
    root = Path.cwd()
    outside = [p for p in paths if not _is_within(p, settings.incidents_dir)]
    result = load_incidents(
        settings.incidents_dir,
        settings.platforms,
        languages=settings.languages,
        display_root=root,
        strict=strict,
        max_file_size=settings.max_file_size,
        only=[p for p in paths if p not in outside] if paths else None,
    )
    folder = display_path(settings.incidents_dir, root)
    refused = tuple(
        Problem(display_path(p, root), 1, FILE, f"not in the incidents folder ({folder}/)")
        for p in outside
    )
    problems = refused + result.problems
    for problem in problems:
        click.echo(str(problem) if problem.is_error else f"warning: {problem}")
    click.echo(_summary(result, len(refused)))
    if refused or result.errors:
        raise SystemExit(1)


def _is_within(path: Path, folder: Path) -> bool:
    path = absolute(path)
    return path == folder or folder in path.parents


def _summary(result: LoadResult, refused: int) -> str:
    errors, warnings = len(result.errors) + refused, len(result.warnings)
    valid = _count(len(result.incidents), "valid incident")
    if not errors and not warnings:
        return f"no problems: {valid}"
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')}; {valid}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
