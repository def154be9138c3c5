"""``nabd init [DIR]``: a new status site, ready to build, to check and to publish.

It writes the whole starter from its flags, or asks for what they leave out when it runs in a
terminal, and refuses to overwrite a file unless told to. The starter lives in
``nabd/starter/``: Jinja templates, the workflows as they are copied, and for each language
its texts (``text/<code>.yaml``) and pages (``docs/<code>/``). A language without them gets
the English ones, marked for translation.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib.metadata import version as installed_version
from itertools import zip_longest
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
import yaml
from babel import Locale, UnknownLocaleError
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from nabd.cli.app import DISTRIBUTION, main
from nabd.cli.files import write_atomically
from nabd.cli.markdown import markdown_text
from nabd.core.edition.outputs.schema import INCIDENT_SCHEMA
from nabd.core.model.characters import one_line, printable, refused_character, text_problem
from nabd.core.model.clock import now_from_environment
from nabd.core.model.languages import language_name
from nabd.core.present.catalogs import Catalogs

STARTER = Path(__file__).resolve().parents[1] / "starter"
FALLBACK_LANGUAGE = "en"
"""The language of the starter's texts for a language that has none of its own."""
_CATALOGS = Catalogs()

DEFAULT_NAME = "Status"
DEFAULT_TIMEZONE = "UTC"
PLATFORM_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""A platform id, as the plugin's configuration accepts it."""

COPIED = {
    "gitignore": ".gitignore",
    "github/workflows/check.yml": ".github/workflows/check.yml",
    "github/workflows/deploy.yml": ".github/workflows/deploy.yml",
}
"""Starter files written as they are: source in the package, path in the new site."""

RENDERED = {
    "mkdocs.yml.j2": "mkdocs.yml",
    "README.md.j2": "README.md",
    "requirements.txt.j2": "requirements.txt",
    "github/ISSUE_TEMPLATE/report-outage.yml.j2": ".github/ISSUE_TEMPLATE/report-outage.yml",
    "github/PULL_REQUEST_TEMPLATE.md.j2": ".github/PULL_REQUEST_TEMPLATE.md",
}
PAGES = ("about.md", "methodology.md")

EXAMPLE_AGO = timedelta(minutes=45)
"""How long before ``nabd init`` the example incident starts; it lasts half an hour."""


@dataclass(frozen=True)
class Service:
    """A platform the new site tracks: ``--platform api=API``."""

    id: str
    name: str


@dataclass(frozen=True)
class Language:
    """A language of the new site, with the starter's texts in it."""

    code: str
    name: str
    """The language's name in itself, as the language switcher shows it: ``العربية``."""
    rtl: bool
    text: dict[str, Any]
    """The starter's texts in it (in English when the starter has none in it)."""


@dataclass(frozen=True)
class Answers:
    name: str
    url: str
    languages: tuple[str, ...]
    platforms: tuple[Service, ...]
    timezone: str


# Reading the answers


def _is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def check_name(value: str) -> str:
    name = one_line(value)
    if not name:
        raise click.BadParameter("empty: give the site a name, like 'Acme status'")
    _check_text(value, name)
    return name


def _check_text(value: str, text: str) -> None:
    """Refuse what the plugin's configuration would refuse in a name."""
    if problem := refused_character(value, multiline=False) or text_problem(text):
        raise click.BadParameter(f"{printable(value)!r}: {problem}")


def check_url(value: str) -> str:
    url = value.strip()
    if "://" not in url:
        url = "https://" + url  # acme.github.io/status/, as a browser would take it
    parts = urlsplit(url)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.query
        or parts.fragment
        or re.search(r"[\s<>\"'`\\]", url)
    ):
        raise click.BadParameter(
            f"{value!r} is not the address of a site: write it like "
            "https://acme.github.io/status/ (GitHub Pages) or https://status.acme.com/"
        )
    return url if url.endswith("/") else url + "/"


def check_language(value: str) -> str:
    code = value.strip()
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        raise click.BadParameter(
            f"{value!r} is not a language code: use one like en, ar or fr"
        ) from None
    return code


def check_platform(value: str) -> Service:
    key, _, name = value.partition("=")
    key, name = key.strip(), one_line(name) or key.strip()
    if not PLATFORM_ID.fullmatch(key):
        raise click.BadParameter(
            f"{value!r}: write ID=Name, like api=API; the id is lowercase letters, digits, "
            "'-' and '_' (it becomes part of the pages' addresses)"
        )
    _check_text(value, name)
    return Service(key, name)


def check_timezone(value: str) -> str:
    name = value.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(
            f"unknown time zone {value!r}: use an IANA name such as Asia/Dubai or UTC"
        ) from None
    return name


def _unique(items: Sequence[Any], key: Callable[[Any], str], what: str) -> tuple[Any, ...]:
    seen: set[str] = set()
    for item in items:
        if key(item) in seen:
            raise click.BadParameter(f"{key(item)!r} is given twice", param_hint=what)
        seen.add(key(item))
    return tuple(items)


def _each(check: Callable[[str], Any]) -> Callable[..., tuple[Any, ...]]:
    """A click callback applying ``check`` to every value of a repeated option."""

    def callback(ctx: click.Context, param: click.Parameter, values: Sequence[str]) -> tuple:
        return tuple(check(value) for value in values)

    return callback


def _one(check: Callable[[str], Any]) -> Callable[..., Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        return None if value is None else check(value)

    return callback


def _split(check: Callable[[str], Any], separator: str) -> Callable[[str], tuple]:
    """What a prompt answered, as a list: ``en ar`` or ``api=API, web=Web``."""
    return lambda answer: tuple(check(part) for part in re.split(separator, answer) if part.strip())


def _required(items: tuple[Any, ...], what: str) -> tuple[Any, ...]:
    if not items:
        raise click.BadParameter(f"give at least one {what}")
    return items


def _answers(
    name: str | None,
    url: str | None,
    languages: tuple[str, ...],
    platforms: tuple[Service, ...],
    timezone: str | None,
) -> Answers:
    """The flags' answers; in a terminal, the missing ones asked (all of them without flags)."""
    given = any((name, url, languages, platforms, timezone))
    ask = _is_terminal()
    interview = ask and not given
    if interview:
        click.echo("A new status site. Ctrl-C stops without writing anything.\n")
        name = click.prompt("Site name", default=DEFAULT_NAME, value_proc=check_name)
    if url is None and ask:
        url = click.prompt(
            "Address it will be published at (GitHub Pages: https://OWNER.github.io/REPO/)",
            value_proc=check_url,
        )
    if url is None:
        raise click.UsageError("Missing option '--url': the address the site is published at")
    if interview:
        languages = click.prompt(
            "Languages, the default first (codes, like: en ar)",
            default=FALLBACK_LANGUAGE,
            value_proc=lambda a: _required(_split(check_language, r"[,\s]+")(a), "language"),
        )
    if not platforms and ask:
        platforms = click.prompt(
            "Services to track, as id=Name separated by commas (like: api=API, web=Website)",
            value_proc=lambda a: _required(_split(check_platform, ",")(a), "service"),
        )
    if not platforms:
        raise click.UsageError("Missing option '--platform': a service to track, like api=API")
    if interview:
        timezone = click.prompt(
            "Time zone the times are shown in (IANA name)",
            default=DEFAULT_TIMEZONE,
            value_proc=check_timezone,
        )
    return Answers(
        name=name or DEFAULT_NAME,
        url=url,
        languages=_unique(languages or (FALLBACK_LANGUAGE,), str, "'--language'"),
        platforms=_unique(platforms, lambda p: p.id, "'--platform'"),
        timezone=timezone or DEFAULT_TIMEZONE,
    )


# Writing the starter


def _language(code: str) -> Language:
    own = STARTER / "text" / f"{code}.yaml"
    source = own if own.is_file() else STARTER / "text" / f"{FALLBACK_LANGUAGE}.yaml"
    locale = Locale.parse(code)
    name = locale.get_display_name(code) or code
    return Language(
        code=code,
        name=name[:1].upper() + name[1:],
        rtl=locale.text_direction == "rtl",
        text=yaml.safe_load(source.read_text(encoding="utf-8")),
    )


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(STARTER),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    # A JSON string is a YAML double-quoted scalar: whatever was typed stays text.
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    environment.filters["md"] = markdown_text
    return environment


def _joined(languages: Sequence[Language], separator: str) -> Callable[[str], str]:
    """A template helper: the text at ``key`` (``form.name``) in every language, joined."""

    def text(key: str) -> str:
        found = [_lookup(lang.text, key) for lang in languages]
        return separator.join(dict.fromkeys(found))

    return text


def _options(languages: Sequence[Language]) -> Callable[[str], list[str]]:
    """A template helper: the lists at ``key``, item by item, each item in every language."""

    def options(key: str) -> list[str]:
        lists = [_lookup(lang.text, key) for lang in languages]
        return [" · ".join(dict.fromkeys(filter(None, item))) for item in zip_longest(*lists)]

    return options


def _lookup(texts: dict[str, Any], key: str) -> Any:
    value: Any = texts
    for part in key.split("."):
        value = value[part]
    return value


def starter_files(answers: Answers, *, now: datetime, example: bool) -> dict[str, str]:
    """Every file of the new site, by its path in the site's folder."""
    languages = [_language(code) for code in answers.languages]
    default = languages[0]
    zone = ZoneInfo(answers.timezone)
    start = (now - EXAMPLE_AGO).replace(second=0, microsecond=0)
    since = start.astimezone(zone).date()
    example_file = f"{since.isoformat()}-example.yaml" if example else None
    multilingual = len(languages) > 1

    def folder(lang: Language) -> str:
        return f"docs/{lang.code}/" if multilingual else "docs/"

    context = {
        "name": answers.name,
        "url": answers.url,
        "timezone": answers.timezone,
        "languages": languages,
        "default": default,
        "platforms": answers.platforms,
        "since": since.isoformat(),
        "today": now.astimezone(zone).date().isoformat(),
        "version": installed_version(DISTRIBUTION),
        "schema": answers.url + INCIDENT_SCHEMA,
        "example": example_file,
        "about_pages": ", ".join(f"`{folder(lang)}about.md`" for lang in languages),
        "title_options": _text_options("--title", languages),
        "text_options": _text_options("--text", languages),
        "both": _joined(languages, " · "),
        "paragraphs": _joined(languages, "\n\n"),
        "options": _options(languages),
    }
    environment = _environment()
    files = {
        target: environment.get_template(source).render(context)
        for source, target in RENDERED.items()
    }
    files |= {
        target: (STARTER / source).read_text(encoding="utf-8") for source, target in COPIED.items()
    }
    for lang in languages:
        for page in PAGES:
            files[folder(lang) + page] = _page(environment, lang, page, context)
    files["incidents/.gitkeep"] = ""
    if example_file:
        files[f"incidents/{example_file}"] = environment.get_template(
            "incidents/example.yaml.j2"
        ).render(
            context,
            platform=answers.platforms[0],
            file=example_file,
            start=_utc(start),
            end=_utc(start + timedelta(minutes=30)),
            first_update=_utc(start + timedelta(minutes=5)),
            last_update=_utc(start + timedelta(minutes=35)),
        )
    return files


def _text_options(option: str, languages: Sequence[Language]) -> str:
    """How the README's commands give a text: ``--text "en=…" --text "ar=…"``, or on a site
    of one language ``--text "…"``."""
    if len(languages) == 1:
        return f'{option} "…"'
    return " ".join(f'{option} "{lang.code}=…"' for lang in languages)


def _page(environment: Environment, lang: Language, page: str, context: dict[str, Any]) -> str:
    own = STARTER / "docs" / lang.code / page
    source = own if own.is_file() else STARTER / "docs" / FALLBACK_LANGUAGE / page
    template = environment.get_template(source.relative_to(STARTER).as_posix())
    names = [_page_text(p.name) for p in context["platforms"]]
    # Status and stage names from the catalog the badges use, so the page says what they say.
    words = _CATALOGS.words(lang.code if own.is_file() else FALLBACK_LANGUAGE)
    text = template.render(
        context, platforms=names, timezone=_page_text(context["timezone"]), _=words.gettext
    )
    if own.is_file():
        return text
    # Under the heading: MkDocs takes a page's title from its first line only when it is one.
    heading, _, rest = text.partition("\n")
    note = f"<!-- In English: translate this page into {lang.name} ({lang.code}). -->"
    return f"{heading}\n{note}\n{rest}"


def _page_text(text: str) -> str:
    """``text`` as MkDocs' Markdown (Python-Markdown) shows it as typed: HTML's characters as
    entities, and a backslash only before the characters Python-Markdown unescapes (before any
    other, such as ``/``, the backslash would show)."""
    line = html.escape(one_line(text), quote=False)
    return "".join(f"\\{c}" if c in _PAGE_ESCAPES else c for c in line)


_PAGE_ESCAPES = frozenset("\\`*_{}[]()#+-.!")


def _utc(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")


# The command


@main.command()
@click.argument(
    "directory",
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option("--name", callback=_one(check_name), help="The site's name, like 'Acme status'.")
@click.option(
    "--url",
    callback=_one(check_url),
    help="The address it is published at, like https://acme.github.io/status/.",
)
@click.option(
    "--language",
    "languages",
    multiple=True,
    metavar="CODE",
    callback=_each(check_language),
    help="A language of the site (repeat; the first is the default).  [default: en]",
)
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    metavar="ID=NAME",
    callback=_each(check_platform),
    help="A service the page tracks (repeat), like api=API.",
)
@click.option(
    "--timezone",
    callback=_one(check_timezone),
    help="The IANA time zone times are shown in, like Asia/Dubai.  [default: UTC]",
)
@click.option(
    "--example/--no-example",
    default=True,
    show_default=True,
    help="Write an example incident, to delete before publishing.",
)
@click.option("--force", is_flag=True, help="Overwrite the files that exist.")
def init(
    directory: Path,
    name: str | None,
    url: str | None,
    languages: tuple[str, ...],
    platforms: tuple[Service, ...],
    timezone: str | None,
    example: bool,
    force: bool,
) -> None:
    """Start a status site in DIRECTORY (by default, here).

    Writes mkdocs.yml, the about and methodology pages in each language, incidents/ (with an
    example incident), a README, requirements.txt pinning this Nabd release, and .github/:
    the PR check, the GitHub Pages deploy, the outage form and the pull-request template.
    The flags give the answers; in a terminal, what they leave out is asked (everything,
    with no flag). A file that exists is left alone unless --force.
    """
    answers = _answers(name, url, languages, platforms, timezone)
    for code in answers.languages:
        if not _CATALOGS.has(code):
            click.echo(
                f"warning: this release of Nabd has no translation of its pages into "
                f"{language_name(code)} ({code}): their words stay in English, and "
                "mkdocs build --strict fails, until the site adds a catalog (the plugin's "
                "locale_dir option)",
                err=True,
            )
    try:
        now = now_from_environment().replace(microsecond=0)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    files = starter_files(answers, now=now, example=example)
    existing = sorted(path for path in files if (directory / path).exists())
    if existing and not force:
        listed = "\n".join(f"  {directory / path}" for path in existing)
        raise click.ClickException(
            f"these files exist:\n{listed}\nnothing was written: use --force to overwrite "
            "them, or another DIRECTORY"
        )
    for path, text in files.items():
        target = directory / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, text.encode("utf-8"), exclusive=not force)
        except OSError as error:
            raise click.ClickException(f"{target}: cannot write: {error}") from None
        click.echo(target)
    _next_steps(directory, example)


def _next_steps(directory: Path, example: bool) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    command = "mkdocs" if shutil.which("mkdocs") == str(mkdocs) else str(mkdocs)
    steps = [""]
    if directory != Path("."):
        steps.append(f"  cd {directory}")
    steps.append(f"  {command} serve     # the site at http://127.0.0.1:8000/")
    click.echo("\n".join(["", "Next:", *steps[1:]]))
    delete = "delete the example incident, " if example else ""
    click.echo(
        f"Then {delete}push to GitHub and choose Settings → Pages → Source: GitHub Actions."
        "\nREADME.md has the steps."
    )
