"""The ``nabd`` command line: ``nabd validate`` checks incident files as a site build would."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import click

from .core.loader import FILE, LoadResult, absolute, display_path, load_incidents
from .core.models import Platform, Problem

_CONFIG_OPTION = click.option(
    "-f",
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The site's MkDocs configuration, with the nabd plugin's options.",
)


class SiteSettings(NamedTuple):
    """What the commands need from the ``nabd`` plugin's options in ``mkdocs.yml``."""

    incidents_dir: Path
    platforms: tuple[Platform, ...]
    max_file_size: int


def site_settings(config_file: Path) -> SiteSettings:
    """Read the ``nabd`` plugin's options, validated by MkDocs as a build would."""
    # Imported here: MkDocs and the plugin take a while to load, and only the commands need them.
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .mkdocs.config import platforms_of

    try:
        config = load_config(config_file=str(config_file))
    except MkDocsException as error:
        raise click.ClickException(f"{config_file}: {error}") from None
    plugin = config.plugins.get("nabd")
    if plugin is None:
        raise click.ClickException(f"{config_file}: the nabd plugin is not in its plugins")
    options = plugin.config
    return SiteSettings(
        incidents_dir=absolute(config_file.parent / options.incidents_dir),
        platforms=platforms_of(options),
        max_file_size=options.max_file_size,
    )


@click.group()
@click.version_option(package_name="nabd")
def main() -> None:
    """Nabd: a bilingual status page built from incident files."""


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too, e.g. a missing translation.")
@_CONFIG_OPTION
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def validate(strict: bool, config_file: Path, paths: tuple[Path, ...]) -> None:
    """Check incident files as a site build would.

    Checks PATHS (files or folders inside the incidents folder), or else the whole folder;
    ids are checked against the whole folder either way. Prints each problem as
    file:line: field: message and exits with 1 on any error.
    """
    settings = site_settings(config_file)
    root = Path.cwd()
    outside = [p for p in paths if not _is_within(p, settings.incidents_dir)]
    result = load_incidents(
        settings.incidents_dir,
        settings.platforms,
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
