"""``nabd new``, ``update`` and ``resolve``: edit incident files the way a maintainer would, and
refuse any edit that leaves a file invalid."""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from nabd.cli.app import CONFIG_OPTION, main, read_settings
from nabd.cli.files import Encoding, editing_lock, incident_files, write_atomically
from nabd.core.model import editing
from nabd.core.model.clock import now_from_environment
from nabd.core.model.languages import Languages, language_name
from nabd.core.model.loader import (
    ID_PATTERN,
    TIMESTAMP_PATTERN,
    display_path,
    load_incident_text,
)
from nabd.core.model.models import IMPACT_STATUSES, ComponentStatus, Platform, Problem, UpdateStatus

if TYPE_CHECKING:
    from nabd.mkdocs.settings import SiteSettings


_SCHEMA = Path("plugin/nabd/schema/incident.schema.json")
"""Where a checkout of this repository keeps the schema; a site without it gets no schema line."""


def _parse_at(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    if TIMESTAMP_PATTERN.fullmatch(value.strip()):
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(value.strip()).replace(microsecond=0)
    raise click.BadParameter(
        f"{value!r} is not a time with a UTC offset: write it like 2024-03-05T15:00:00Z or "
        "2024-03-05T18:00:00+03:00 (a time without an offset is not guessed)"
    )


def localized(values: tuple[str, ...], languages: Languages, option: str) -> dict[str, str]:
    """The texts of a repeated option written ``LANG=TEXT`` (``--text ar=...``), one per
    language the site requires; on a site of one language, ``TEXT`` alone will do."""
    texts: dict[str, str] = {}
    for value in values:
        lang, equals, text = value.partition("=")
        if not equals or lang not in languages.codes:
            if len(languages.codes) == 1:
                lang, text = languages.default, value
            else:
                hint = _suggest(lang, languages.codes) if equals else ""
                raise click.BadParameter(
                    f"{value[:40]!r}: write LANG=TEXT, LANG one of the site's languages "
                    f"({', '.join(languages.codes)}){hint}",
                    param_hint=f"'{option}'",
                )
        if lang in texts:
            raise click.BadParameter(f"{lang} is given twice", param_hint=f"'{option}'")
        if not text.strip():
            raise click.BadParameter(
                f"empty text in {lang}: write what people need to know", param_hint=f"'{option}'"
            )
        texts[lang] = text
    if missing := [lang for lang in languages.required if lang not in texts]:
        wanted = " ".join(f"{option} {lang}=..." for lang in missing)
        raise click.BadParameter(
            f"missing the text in {', '.join(language_name(lang) for lang in missing)}: "
            f"add {wanted}",
            param_hint=f"'{option}'",
        )
    return languages.ordered(texts)


def _suggest(word: str, choices: Collection[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


_UPDATE_STATUS = click.Choice([s.value for s in UpdateStatus])
_IMPACT_STATUS = click.Choice([s.value for s in IMPACT_STATUSES])
_TEXT_HELP = (
    "The update, as LANG=TEXT, once per language of the site (--text en=... --text ar=...); "
    "on a site of one language, TEXT alone."
)


def _update_options(command: Callable[..., None]) -> Callable[..., None]:
    """--text (per language) and --at: what every editing command writes."""
    options = (
        click.option(
            "--text", "texts", multiple=True, required=True, metavar="LANG=TEXT", help=_TEXT_HELP
        ),
        click.option(
            "--at",
            callback=_parse_at,
            metavar="ISO",
            help="When, with a UTC offset, like 2024-03-05T15:00:00Z.  [default: now]",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@click.argument("incident_id", metavar="ID")
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    required=True,
    metavar="P",
    help="A platform hit (repeat for each).",
)
@click.option("--status", required=True, type=_IMPACT_STATUS, help="The platforms' status.")
@click.option(
    "--title",
    "titles",
    multiple=True,
    required=True,
    metavar="LANG=TEXT",
    help="The title, as LANG=TEXT, once per language of the site; on a site of one language, "
    "TEXT alone.",
)
@_update_options
@CONFIG_OPTION
def new(
    incident_id: str,
    platforms: tuple[str, ...],
    status: str,
    titles: tuple[str, ...],
    texts: tuple[str, ...],
    at: datetime | None,
    config_file: Path,
) -> None:
    """Start incident ID: write incidents/ID.yaml.

    It opens an impact on each --platform from --at, with --status, and a first
    `investigating` update. ID is the file name and the page's address, like
    2024-03-05-login-outage.
    """
    settings = read_settings(config_file)
    if not ID_PATTERN.fullmatch(incident_id):
        raise click.BadParameter(
            f"{incident_id!r} is not an id: use lowercase letters, digits and hyphens, "
            "like 2024-03-05-login-outage",
            param_hint="'ID'",
        )
    files = incident_files(settings.incidents_dir)
    if incident_id in files:
        shown = display_path(files[incident_id][0], Path.cwd())
        raise click.ClickException(f"{shown} already exists: use nabd update {incident_id}")
    for platform in platforms:
        _check_platform(platform, settings.platforms)
    title = localized(titles, settings.languages, "--title")
    message = localized(texts, settings.languages, "--text")
    path = settings.incidents_dir / f"{incident_id}.yaml"
    schema = config_file.parent / _SCHEMA
    text = editing.new_incident(
        title=title,
        platforms=platforms,
        status=status,
        at=at or _now(),
        message=message,
        schema=Path(os.path.relpath(schema, path.parent)).as_posix() if schema.is_file() else None,
    )
    settings.incidents_dir.mkdir(parents=True, exist_ok=True)
    with editing_lock(settings.incidents_dir):
        _save(settings, path, text, files.keys() | {incident_id}, Encoding())


@main.command()
@click.argument("incident_id", metavar="ID")
@click.option("--status", required=True, type=_UPDATE_STATUS, help="The incident's status now.")
@_update_options
@click.option("--platform", metavar="P", help="A platform whose status changes (with --impact).")
@click.option(
    "--impact",
    type=click.Choice([*_IMPACT_STATUS.choices, ComponentStatus.OPERATIONAL.value]),
    help="The platform's status from --at; operational closes its impact.",
)
@CONFIG_OPTION
def update(
    incident_id: str,
    status: str,
    texts: tuple[str, ...],
    at: datetime | None,
    platform: str | None,
    impact: str | None,
    config_file: Path,
) -> None:
    """Add an update to incident ID.

    With --platform and --impact, the platform's open impact closes at --at and one with the
    new status opens (none with operational).
    """
    if (platform is None) != (impact is None):
        raise click.UsageError("--platform and --impact go together")
    settings = read_settings(config_file)
    if platform is not None:
        _check_platform(platform, settings.platforms)
    message = localized(texts, settings.languages, "--text")
    moment = at or _now()
    _edit(
        settings,
        incident_id,
        lambda text: editing.add_update(
            text,
            at=moment,
            status=status,
            message=message,
            platform=platform,
            impact=impact,
        ),
    )


@main.command()
@click.argument("incident_id", metavar="ID")
@_update_options
@CONFIG_OPTION
def resolve(
    incident_id: str, texts: tuple[str, ...], at: datetime | None, config_file: Path
) -> None:
    """Resolve incident ID.

    Closes every open impact at --at and adds a `resolved` update (`completed` for a
    maintenance).
    """
    settings = read_settings(config_file)
    message = localized(texts, settings.languages, "--text")
    moment = at or _now()
    _edit(
        settings,
        incident_id,
        lambda text: editing.resolve(text, at=moment, message=message),
    )


def _now() -> datetime:
    try:
        return now_from_environment().replace(microsecond=0)
    except ValueError as error:
        raise click.ClickException(str(error)) from None


def _check_platform(platform: str, platforms: tuple[Platform, ...]) -> None:
    ids = [p.id for p in platforms]
    if platform in ids:
        return
    close = difflib.get_close_matches(platform, ids, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    known = f"one of: {', '.join(ids)}" if ids else "none is configured in mkdocs.yml"
    raise click.BadParameter(
        f"unknown platform {platform!r}{hint} ({known})", param_hint="'--platform'"
    )


def _edit(settings: SiteSettings, incident_id: str, change: Callable[[str], str]) -> None:
    """Apply ``change`` to the file of ``incident_id`` if the file is valid before and after,
    holding the incidents folder meanwhile so that concurrent edits take turns."""
    with editing_lock(settings.incidents_dir):
        files = incident_files(settings.incidents_dir)
        paths = files.get(incident_id, [])
        if len(paths) != 1:
            folder = display_path(settings.incidents_dir, Path.cwd())
            if paths:
                listed = ", ".join(display_path(p, Path.cwd()) for p in paths)
                raise click.ClickException(f"{incident_id!r} is the id of several files: {listed}")
            close = difflib.get_close_matches(incident_id, list(files), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise click.ClickException(f"no incident {incident_id!r} in {folder}/{hint}")
        path = paths[0]
        shown = display_path(path, Path.cwd())
        try:
            original = path.read_bytes()
            text, encoding = Encoding.decode(original)
        except (OSError, UnicodeDecodeError) as error:
            raise click.ClickException(f"{shown}: cannot read: {error}") from None
        before = load_incident_text(
            text, shown, settings.platforms, languages=settings.languages, known_ids=files.keys()
        )
        if before.errors:
            _refuse(
                before.errors,
                f"{shown} has the errors above: fix them first (the file is unchanged)",
            )
        try:
            changed = change(text)
        except editing.EditError as error:
            raise click.ClickException(f"{shown}: {error} (the file is unchanged)") from None
        _save(settings, path, changed, files.keys(), encoding, expected=original)


def _save(
    settings: SiteSettings,
    path: Path,
    text: str,
    known_ids: Collection[str],
    encoding: Encoding,
    *,
    expected: bytes | None = None,
) -> None:
    """Write ``text`` to ``path`` if it validates, else print why and leave the file as it is.

    ``expected`` is what the file held when the edit began; ``None`` creates a new file."""
    created = expected is None
    shown = display_path(path, Path.cwd())
    untouched = "not created" if created else "the file is unchanged"
    result = load_incident_text(
        text, shown, settings.platforms, languages=settings.languages, known_ids=known_ids
    )
    if result.errors:
        _refuse(result.errors, f"refused, the edit would cause the errors above: {untouched}")
    data = encoding.encode(text)
    if len(data) > settings.max_file_size:
        raise click.ClickException(
            f"{shown}: would be {len(data)} bytes, over the limit of {settings.max_file_size} "
            f"(max_file_size); {untouched}"
        )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    try:
        write_atomically(path, data, exclusive=created, expected=expected)
    except OSError as error:
        raise click.ClickException(f"{shown}: cannot write: {error}; {untouched}") from None
    click.echo(shown)


def _refuse(problems: tuple[Problem, ...], why: str) -> NoReturn:
    for problem in problems:
        click.echo(str(problem), err=True)
    raise click.ClickException(why)
