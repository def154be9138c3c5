"""Read incident files into validated ``Incident`` objects, reporting every problem at once.

Nothing here raises on bad input: each problem in each file becomes a ``Problem`` with its
file, line and field, and an incident with an error is left out of the result. Maintainers
fix files during outages, so one run must show everything that is wrong.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from pathlib import Path, PurePosixPath
from typing import NamedTuple, TypeVar
from urllib.parse import urlsplit

from nabd.core.model.characters import one_line, refused_character, text_problem
from nabd.core.model.languages import Languages, language_name
from nabd.core.model.models import (
    CLOSING_UPDATE_STATUSES,
    IMPACT_STATUSES,
    INCIDENT_UPDATE_STATUSES,
    MAINTENANCE_UPDATE_STATUSES,
    Confidence,
    Figure,
    Impact,
    ImpactLevel,
    Incident,
    Kind,
    LocalizedText,
    Platform,
    Problem,
    Source,
    SourceKind,
    Update,
    UpdateStatus,
    When,
    Window,
    derived_impact,
)
from nabd.core.model.yaml_source import ListNode, MapNode, Node, Scalar, YamlError, join, parse

FILE = "(file)"
"""The field named by problems about a whole file."""

SUFFIXES = (".yaml", ".yml")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
TIMESTAMP_PATTERN = re.compile(
    r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)", re.ASCII
)
URL_PATTERN = re.compile(r"https?://[^\s/?#]+(?:[/?#]\S*)?", re.IGNORECASE)
FIGURE_KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*")

_NAIVE = re.compile(r"(\d{4}-\d\d-\d\d)(?:[Tt ](\d\d?:\d\d)(:\d\d(?:\.\d+)?)?)?", re.ASCII)
_SEXAGESIMAL = re.compile(r"[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?", re.ASCII)
_NUMBER = re.compile(r"[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?", re.ASCII)
MAX_NUMBER_LENGTH = 40
LARGEST_NUMBER = Decimal("1e15")
SMALLEST_NUMBER = Decimal("1e-9")
FIRST_YEAR, LAST_YEAR = 1970, 9998
"""The years a timestamp may fall in (in UTC): a status page records nothing older, and every
moment, its day and its local midnight stay within what dates can hold."""
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})

_TOP = (
    "title",
    "kind",
    "impact",
    "landmark",
    "confidence",
    "impacts",
    "updates",
    "compare_with",
    "scheduled",
    "figures",
)
_IMPACT = ("platform", "status", "from", "to")
_UPDATE = ("at", "status", "text", "sources")
_SOURCE = ("url", "title", "kind", "lang")
_FIGURE = ("key", "value", "source", "label", "by", "via", "at")
_WHEN = ("about", "earliest", "latest")
_END = (*_WHEN, "after")
UNKNOWN = "unknown"
"""``to: unknown``: it ended, and no source says when."""
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_WINDOW = ("from", "to")

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class LoadResult:
    """The valid incidents, sorted by ``(started_at, id)``, and every problem found."""

    incidents: tuple[Incident, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


class LoadCache:
    """What each file gave the last time the folder was loaded, by its text: loaded again (as
    ``mkdocs serve`` does after every edit), only the files that changed are parsed again.
    Whatever a file's result depends on besides its text (platforms, languages, the other
    ids, strictness) is the cache's context: when it changes, everything is parsed again."""

    def __init__(self) -> None:
        self._context: object = None
        self._results: dict[tuple[str, str], LoadResult] = {}

    def run(self, context: object) -> dict[tuple[str, str], LoadResult]:
        """The results kept for ``context``; the caller puts this run's results in ``keep``."""
        found = self._results if context == self._context else {}
        self._context, self._results = context, {}
        return found

    def keep(self, key: tuple[str, str], result: LoadResult) -> None:
        self._results[key] = result


def load_incidents(
    incidents_dir: Path,
    platforms: Sequence[Platform],
    *,
    languages: Languages,
    display_root: Path,
    strict: bool = False,
    max_file_size: int = 65536,
    only: Collection[Path] | None = None,
    cache: LoadCache | None = None,
) -> LoadResult:
    """Load and validate every incident file under ``incidents_dir``, recursively.

    Paths in problems are relative to ``display_root``. With ``only`` (files or folders),
    just those files are validated, but ids are still checked against the whole folder. With
    a ``cache``, a file whose text has not changed since the last load is not parsed again.
    """
    incidents_dir = absolute(incidents_dir)
    folder = display_path(incidents_dir, display_root)
    if not incidents_dir.is_dir():
        if incidents_dir.exists():
            message = "is a file, not the incidents folder: incident files go in a folder"
        else:
            message = (
                "incidents folder not found: create it (an empty folder with a .gitkeep is fine)"
            )
        return LoadResult(problems=(Problem(folder, 1, FILE, message),))
    files, problems = _scan(incidents_dir, display_root)
    chosen = _chooser(only)
    problems = [p for p, path in problems if chosen(path)]
    paths_of_id: dict[str, list[str]] = {}
    for _, shown in files:
        paths_of_id.setdefault(PurePosixPath(shown).stem, []).append(shown)
    platform_ids = tuple(p.id for p in platforms)
    context = (platform_ids, languages, frozenset(paths_of_id), strict)
    cached = cache.run(context) if cache is not None else {}
    incidents: list[Incident] = []
    for path, shown in files:
        if not chosen(path):
            continue
        others = [p for p in paths_of_id[PurePosixPath(shown).stem] if p != shown]
        if others:
            message = f"duplicate id: {', '.join(others)} has the same file name"
            problems.append(Problem(shown, 1, FILE, message))
        try:
            text = _read(path, max_file_size)
        except _Unreadable as error:
            problems.append(Problem(shown, error.line, FILE, error.message))
            continue
        result = cached.get((shown, text))
        if result is None:
            result = _load_text(text, shown, platform_ids, languages, paths_of_id.keys(), strict)
        if cache is not None:
            cache.keep((shown, text), result)
        incidents.extend(result.incidents)
        problems.extend(result.problems)
    failed = {p.path for p in problems if p.is_error}
    return LoadResult(
        tuple(sorted((i for i in incidents if i.path not in failed), key=_incident_order)),
        tuple(sorted(problems, key=lambda p: (p.path, p.line))),
    )


def load_incident_text(
    text: str,
    path: str,
    platforms: Iterable[Platform],
    *,
    languages: Languages,
    known_ids: Collection[str] | None = None,
    strict: bool = False,
) -> LoadResult:
    """Validate one incident file's text; its id is the file name of ``path``.

    ``known_ids`` are the ids ``compare_with`` may name; ``None`` skips that check.
    """
    return _load_text(text, path, tuple(p.id for p in platforms), languages, known_ids, strict)


def _load_text(
    text: str,
    path: str,
    platform_ids: tuple[str, ...],
    languages: Languages,
    known_ids: Collection[str] | None,
    strict: bool,
) -> LoadResult:
    incident_id = PurePosixPath(path).stem
    check = _FileCheck(path, platform_ids, languages, known_ids, strict)
    if not ID_PATTERN.fullmatch(incident_id):
        check.error(
            1,
            FILE,
            f"file name {incident_id!r} is not a valid id (it becomes the page's address): "
            "use lowercase letters, digits and hyphens",
        )
    try:
        document = parse(text)
    except YamlError as error:
        check.error(error.line, FILE, error.message)
        return check.result(None)
    for issue in document.issues:
        check.error(issue.line, issue.field, issue.message)
    return check.result(check.incident(document.root, incident_id))


def _incident_order(incident: Incident) -> tuple[datetime, str]:
    return incident.started_at, incident.id


def display_path(path: Path, root: Path) -> str:
    """``path`` as shown in problems: relative to ``root``, with forward slashes."""
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive, on Windows
        return path.as_posix()


def absolute(path: Path) -> Path:
    """``path`` made absolute and without ``..``, so that paths compare (symlinks are kept)."""
    return Path(os.path.abspath(path))


def _chooser(only: Collection[Path] | None) -> Callable[[Path], bool]:
    if only is None:
        return lambda path: True
    wanted = [absolute(p) for p in only]
    return lambda path: any(w == path or w in path.parents for w in wanted)


def _scan(
    root: Path, display_root: Path
) -> tuple[list[tuple[Path, str]], list[tuple[Problem, Path]]]:
    """The incident files under ``root`` (absolute path, shown path), and the others' problems."""
    real_root = root.resolve()
    files: list[tuple[Path, str]] = []
    problems: list[tuple[Problem, Path]] = []

    def reject(path: Path, message: str) -> None:
        problems.append((Problem(display_path(path, display_root), 1, FILE, message), path))

    def unreadable(error: OSError) -> None:
        reject(Path(error.filename or root), f"cannot read: {error.strerror}")

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        here = Path(folder)
        for name in sorted(dirnames):
            path = here / name
            if name.startswith("."):
                dirnames.remove(name)
            elif path.is_symlink():
                dirnames.remove(name)
                reject(path, "a symlinked folder is not read: move its files here instead")
        dirnames.sort()
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or name.lower() == "readme.md":
                continue
            if path.is_symlink() and not _resolves_within(path, real_root):
                reject(
                    path,
                    "symlink pointing outside the incidents folder, or nowhere: copy the file here",
                )
            elif not name.endswith(SUFFIXES):
                reject(path, "not an incident file: rename it to .yaml, or move it elsewhere")
            else:
                files.append((path, display_path(path, display_root)))
    return files, problems


def _resolves_within(path: Path, folder: Path) -> bool:
    """Whether the symlink ``path`` leads to a file inside ``folder`` (a loop leads nowhere)."""
    try:
        return path.resolve(strict=True).is_relative_to(folder)
    except (OSError, RuntimeError):  # a loop, or a link to nothing
        return False


class _Unreadable(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _read(path: Path, max_size: int) -> str:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable(1, "not a regular file")
        if info.st_size > max_size:
            raise _Unreadable(
                1, f"file is {info.st_size} bytes, over the limit of {max_size} (max_file_size)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise _Unreadable(1, f"cannot read: {error.strerror}") from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise _Unreadable(line, f"not UTF-8 text (byte 0x{byte:02X}): save it as UTF-8") from None


def _tidy(text: str, multiline: bool) -> str:
    """``text`` without surrounding spaces; a one-line text with its spaces collapsed to one."""
    return text.strip() if multiline else one_line(text)


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address with a host, made only of characters a
    page can show."""
    if refused_character(url, multiline=False) or not URL_PATTERN.fullmatch(url):
        return False
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:  # e.g. a broken [IPv6] host
        return False


def _names(codes: Iterable[str]) -> str:
    """ "English and Arabic", "English, French and Arabic"."""
    names = [language_name(code) for code in codes]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _quote(text: str) -> str:
    """A value written in a message, cut when long."""
    return repr(text if len(text) <= 60 else f"{text[:57]}...")


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1) if len(word) < 100 else []
    return f"; did you mean {close[0]!r}?" if close else ""


def _describe(node: Node) -> str:
    if isinstance(node, MapNode):
        return "a mapping"
    if isinstance(node, ListNode):
        return "a list"
    return "nothing" if node.is_null else _quote(node.text)


def _show(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


class _ImpactAt(NamedTuple):
    index: int
    impact: Impact


class _UpdateAt(NamedTuple):
    index: int
    update: Update
    at_line: int
    status_line: int


class _FileCheck:
    """The checks of one file: each reader reports its problems and returns ``None`` on one."""

    def __init__(
        self,
        path: str,
        platform_ids: tuple[str, ...],
        languages: Languages,
        known_ids: Collection[str] | None,
        strict: bool,
    ) -> None:
        self.path = path
        self.platform_ids = platform_ids
        self.languages = languages
        self.known_ids = known_ids
        self.strict = strict
        self.problems: list[Problem] = []
        self.failed = False

    def error(self, line: int, field: str, message: str, *, is_error: bool = True) -> None:
        self.problems.append(Problem(self.path, max(line, 1), field, message, is_error))
        self.failed = self.failed or is_error

    def result(self, incident: Incident | None) -> LoadResult:
        problems = tuple(sorted(self.problems, key=lambda p: p.line))
        if incident is None or self.failed:
            return LoadResult((), problems)
        return LoadResult((incident,), problems)

    # The incident and its parts

    def incident(self, root: Node | None, incident_id: str) -> Incident | None:
        if root is None or (isinstance(root, Scalar) and root.is_null):
            self.error(1, FILE, "empty file: an incident needs a title, impacts and updates")
            return None
        if not isinstance(root, MapNode):
            found = _describe(root)
            self.error(root.line, FILE, f"expected fields (title:, updates:, ...), found {found}")
            return None
        fields = self._fields(root, "", _TOP, required=("title", "updates"))
        title = self._localized(fields.get("title"), "title")
        kind: Kind | None = Kind.INCIDENT
        if "kind" in fields:
            kind = self._enum(fields["kind"], "kind", tuple(Kind), "kind")
        impact = self._enum(fields.get("impact"), "impact", tuple(ImpactLevel), "impact")
        landmark = self._bool(fields.get("landmark"), "landmark")
        confidence = self._enum(
            fields.get("confidence"), "confidence", tuple(Confidence), "confidence"
        )
        impacts = self._impacts(root, fields.get("impacts"), kind)
        updates = self._updates(fields.get("updates"), kind)
        compare_with = self._compare_with(fields.get("compare_with"), incident_id)
        scheduled = self._scheduled(root, fields.get("scheduled"), kind)
        figures = self._figures(fields.get("figures"))
        self._check_order(updates)
        self._check_resolution(impacts, updates)
        if self.failed or title is None or kind is None or not updates:
            return None
        all_impacts = tuple(i.impact for i in impacts)
        return Incident(
            id=incident_id,
            path=self.path,
            title=title,
            kind=kind,
            impact=impact or derived_impact(kind, all_impacts),
            impacts=all_impacts,
            updates=tuple(u.update for u in updates),
            landmark=bool(landmark),
            confidence=confidence or Confidence.HIGH,
            compare_with=compare_with,
            scheduled=scheduled,
            figures=figures,
        )

    def _impacts(self, root: MapNode, node: Node | None, kind: Kind | None) -> list[_ImpactAt]:
        if node is None:
            if kind is Kind.INCIDENT:
                self.error(root.line, "impacts", "required field is missing: list the platforms")
            return []
        impacts = []
        items = self._list(node, "impacts", min_items=1 if kind is Kind.INCIDENT else 0)
        for index, item in enumerate(items):
            impact = self._impact(item, join("impacts", index))
            if impact is not None:
                impacts.append(_ImpactAt(index, impact))
        return impacts

    def _impact(self, node: Node, path: str) -> Impact | None:
        mapping = self._map(node, path, "an impact {platform:, status:, from:, to:}")
        if mapping is None:
            return None
        fields = self._fields(mapping, path, _IMPACT, required=("platform", "status", "from"))
        platform = self._platform(fields.get("platform"), join(path, "platform"))
        status = self._enum(fields.get("status"), join(path, "status"), IMPACT_STATUSES, "status")
        started = self._when(fields.get("from"), join(path, "from"))
        valid_end, ended = self._impact_end(fields.get("to"), path, started)
        if platform is None or status is None or started is None or not valid_end:
            return None
        # Uptime counts the shortest stretch the sources support: the latest start they allow,
        # the earliest end; where those cross (two wide ranges), nothing.
        start = started.latest or started.earliest
        end = None if ended is None else max(ended.earliest, start)
        return Impact(platform, status, start, end, mapping.line, started, ended)

    def _impact_end(
        self, node: Node | None, path: str, started: When | None
    ) -> tuple[bool, When | None]:
        """Whether an impact's ``to`` is valid, and its value (``None``: still going on)."""
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return True, None
        field = join(path, "to")
        if isinstance(node, Scalar) and node.plain and node.text == UNKNOWN:
            return started is not None, None if started is None else When(started.earliest, None)
        ended = self._when(node, field, end=True)
        if ended is None:
            return False, None
        if started is not None and ended.latest is not None and ended.latest <= started.earliest:
            message = f"{_show(ended.latest)} is not after {join(path, 'from')}"
            self.error(node.line, field, f"{message} ({_show(started.earliest)})")
            return False, None
        if started is not None and ended.latest is None and ended.earliest < started.earliest:
            message = f"'after' {_show(ended.earliest)} is before {join(path, 'from')}"
            self.error(node.line, field, f"{message} ({_show(started.earliest)})")
            return False, None
        return True, ended

    def _when(self, node: Node | None, path: str, *, end: bool = False) -> When | None:
        """A moment: a timestamp, or ``{about: T}``, ``{earliest: T, latest: T}`` (with an
        optional ``about``), or for an end ``{after: T}`` (not reported, later than T)."""
        if node is None or not isinstance(node, MapNode):
            moment = self._timestamp(node, path)
            return None if moment is None else When.exactly(moment)
        allowed = _END if end else _WHEN
        if not end and "after" in node.entries:
            message = (
                "only an end ('to') is ever 'after' a time: write about, or earliest and latest"
            )
            self.error(node.entries["after"].key_line, join(path, "after"), message)
            return None
        fields = self._fields(node, path, allowed)
        moments = {key: self._timestamp(value, join(path, key)) for key, value in fields.items()}
        if None in moments.values() or len(fields) < len(node.entries):
            return None  # reported
        shape = tuple(key for key in allowed if key in moments)
        forms = "{about: T}, {earliest: T, latest: T}" + (" or {after: T}" if end else "")
        if shape not in (("about",), ("earliest", "latest"), ("about", "earliest", "latest")) and (
            not end or shape != ("after",)
        ):
            self.error(node.line, path, f"write one of {forms}, or a timestamp")
            return None
        if shape == ("after",):
            return When(moments["after"], None)
        about = moments.get("about")
        earliest, latest = moments.get("earliest", about), moments.get("latest", about)
        assert earliest is not None and latest is not None
        if earliest >= latest and shape != ("about",):
            self.error(node.line, join(path, "latest"), f"{_show(latest)} is not after 'earliest'")
            return None
        if about is not None and not earliest <= about <= latest:
            self.error(node.line, join(path, "about"), "not between 'earliest' and 'latest'")
            return None
        return When(earliest, latest, about)

    def _updates(self, node: Node | None, kind: Kind | None) -> list[_UpdateAt]:
        if kind is Kind.MAINTENANCE:
            statuses, what = MAINTENANCE_UPDATE_STATUSES, "maintenance status"
        elif kind is Kind.INCIDENT:
            statuses, what = INCIDENT_UPDATE_STATUSES, "incident status"
        else:
            statuses, what = tuple(UpdateStatus), "status"
        updates = []
        for index, item in enumerate(self._list(node, "updates", min_items=1)):
            update = self._update(item, index, statuses, what)
            if update is not None:
                updates.append(update)
        return updates

    def _update(
        self, node: Node, index: int, statuses: tuple[UpdateStatus, ...], what: str
    ) -> _UpdateAt | None:
        path = join("updates", index)
        mapping = self._map(node, path, "an update {at:, status:, text:}")
        if mapping is None:
            return None
        fields = self._fields(mapping, path, _UPDATE, required=("at", "status", "text"))
        posted = self._when(fields.get("at"), join(path, "at"))
        status = self._enum(fields.get("status"), join(path, "status"), statuses, what)
        text = self._localized(fields.get("text"), join(path, "text"), multiline=True)
        sources = []
        for number, item in enumerate(self._list(fields.get("sources"), join(path, "sources"))):
            source = self._source(item, join(join(path, "sources"), number))
            if source is not None:
                sources.append(source)
        if posted is None or status is None or text is None:
            return None
        update = Update(posted.point, status, text, tuple(sources), posted)
        return _UpdateAt(index, update, fields["at"].line, fields["status"].line)

    def _source(self, node: Node, path: str) -> Source | None:
        mapping = self._map(node, path, "a source {url:, title:, kind:}")
        if mapping is None:
            return None
        fields = self._fields(mapping, path, _SOURCE, required=("url", "title", "kind"))
        url = self._url(fields.get("url"), join(path, "url"))
        title = self._text(fields.get("title"), join(path, "title"), multiline=False)
        kind = self._enum(fields.get("kind"), join(path, "kind"), tuple(SourceKind), "source kind")
        lang = self._language_code(fields.get("lang"), join(path, "lang"))
        if url is None or title is None or kind is None or lang is False:
            return None
        return Source(url, title, kind, lang)

    def _language_code(self, node: Node | None, path: str) -> str | bool | None:
        """A language code such as ``en`` or ``pt-BR``; ``None`` when absent, ``False`` when
        wrong (reported)."""
        if node is None:
            return None
        scalar = self._scalar(node, path)
        if scalar is None:
            return False
        if LANGUAGE_CODE.fullmatch(scalar.text):
            return scalar.text
        self.error(scalar.line, path, f"{_quote(scalar.text)} is not a language code like en or ar")
        return False

    def _compare_with(self, node: Node | None, incident_id: str) -> tuple[str, ...]:
        ids: list[str] = []
        for index, item in enumerate(self._list(node, "compare_with")):
            path = join("compare_with", index)
            scalar = self._scalar(item, path)
            if scalar is None:
                continue
            other = scalar.text
            if other == incident_id:
                message = "an incident cannot be compared with itself"
            elif other in ids:
                message = f"{_quote(other)} is listed twice"
            elif self.known_ids is not None and other not in self.known_ids:
                message = f"unknown incident {_quote(other)}{_suggest(other, self.known_ids)}"
            elif not ID_PATTERN.fullmatch(other):
                message = f"{_quote(other)} is not an incident id (a file name without .yaml)"
            else:
                ids.append(other)
                continue
            self.error(scalar.line, path, message)
        return tuple(ids)

    def _scheduled(self, root: MapNode, node: Node | None, kind: Kind | None) -> Window | None:
        if node is None:
            if kind is Kind.MAINTENANCE:
                self.error(root.line, "scheduled", "required field is missing for a maintenance")
            return None
        if kind is Kind.INCIDENT:
            line = root.entries["scheduled"].key_line
            self.error(line, "scheduled", "only a maintenance is scheduled: set kind: maintenance")
            return None
        mapping = self._map(node, "scheduled", "a window {from:, to:}")
        if mapping is None:
            return None
        fields = self._fields(mapping, "scheduled", _WINDOW, required=_WINDOW)
        start = self._timestamp(fields.get("from"), "scheduled.from")
        end = self._timestamp(fields.get("to"), "scheduled.to")
        if start is None or end is None:
            return None
        if end <= start:
            line = fields["to"].line
            self.error(
                line, "scheduled.to", f"{_show(end)} is not after scheduled.from ({_show(start)})"
            )
            return None
        return Window(start, end)

    def _figures(self, node: Node | None) -> tuple[Figure, ...]:
        figures: list[Figure] = []
        for index, item in enumerate(self._list(node, "figures")):
            path = join("figures", index)
            mapping = self._map(item, path, "a figure {key:, value:, source:}")
            if mapping is None:
                continue
            fields = self._fields(mapping, path, _FIGURE, required=("key", "value", "source"))
            key = self._figure_key(fields.get("key"), join(path, "key"), figures)
            value = self._number(fields.get("value"), join(path, "value"))
            source = self._url(fields.get("source"), join(path, "source"))
            label = self._localized(fields.get("label"), join(path, "label"))
            by = self._text(fields.get("by"), join(path, "by"), multiline=False)
            via = self._text(fields.get("via"), join(path, "via"), multiline=False)
            at = self._when(fields.get("at"), join(path, "at")) if "at" in fields else None
            if None in (key, value, source) or any(
                name in fields and found is None for name, found in (("by", by), ("via", via))
            ):
                continue
            if "at" in fields and at is None:
                continue
            figures.append(Figure(key, value, source, label, by, via, at))
        return tuple(figures)

    def _figure_key(self, node: Node | None, path: str, figures: list[Figure]) -> str | None:
        scalar = self._scalar(node, path)
        if scalar is None:
            return None
        key = scalar.text
        if not FIGURE_KEY_PATTERN.fullmatch(key):
            message = f"{_quote(key)} is not a key: use lowercase letters, digits and _"
        elif any(f.key == key for f in figures):
            message = f"{_quote(key)} is listed twice"
        else:
            return key
        self.error(scalar.line, path, message)
        return None

    # Rules across fields

    def _check_order(self, updates: list[_UpdateAt]) -> None:
        for before, after in pairwise(updates):
            if after.update.at < before.update.at:
                self.error(
                    after.at_line,
                    f"updates[{after.index}].at",
                    f"{_show(after.update.at)} is before updates[{before.index}] "
                    f"({_show(before.update.at)}): list updates oldest first",
                )
                return

    def _check_resolution(self, impacts: list[_ImpactAt], updates: list[_UpdateAt]) -> None:
        """A closing update must not come while an impact goes on, nor leave one open."""
        for placed in updates:
            update = placed.update
            if update.status not in CLOSING_UPDATE_STATUSES:
                continue
            for index, impact in impacts:
                started = impact.start <= update.at
                ongoing = started and (impact.end is None or update.at < impact.end)
                if ongoing or (impact.end is None and placed is updates[-1]):
                    until = f"until {_show(impact.end)}" if impact.end else "it has no 'to'"
                    self.error(
                        placed.status_line,
                        f"updates[{placed.index}].status",
                        f"{update.status} at {_show(update.at)} while impacts[{index}] "
                        f"({impact.platform}) is still open ({until})",
                    )
                    return

    # Values

    def _fields(
        self, mapping: MapNode, path: str, allowed: tuple[str, ...], required: Iterable[str] = ()
    ) -> dict[str, Node]:
        """The known fields of ``mapping``, after reporting unknown and missing ones."""
        fields = {}
        misspelled = set()
        for key, entry in mapping.entries.items():
            if key in allowed:
                fields[key] = entry.value
                continue
            close = difflib.get_close_matches(key, allowed, n=1)
            misspelled.update(close)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(allowed)})"
            # An empty key (``? `` or ``"": x``) still needs a name the reader can find.
            self.error(entry.key_line, join(path, key or '""'), f"unknown field{hint}")
        for key in required:
            if key not in fields and key not in misspelled:  # already reported, misspelled
                self.error(mapping.line, join(path, key), "required field is missing")
        return fields

    def _map(self, node: Node, path: str, expected: str) -> MapNode | None:
        if isinstance(node, MapNode):
            return node
        self.error(node.line, path, f"expected {expected}, found {_describe(node)}")
        return None

    def _list(self, node: Node | None, path: str, min_items: int = 0) -> tuple[Node, ...]:
        """The items of a list; an optional list left empty (``sources:``) has none."""
        if node is None or (not min_items and isinstance(node, Scalar) and node.is_null):
            return ()
        if isinstance(node, Scalar) and node.is_null:
            self.error(node.line, path, f"needs at least {min_items} item")
            return ()
        if not isinstance(node, ListNode):
            self.error(node.line, path, f"expected a list, found {_describe(node)}")
            return ()
        if len(node.items) < min_items:
            self.error(node.line, path, f"needs at least {min_items} item")
        return node.items

    def _scalar(self, node: Node | None, path: str) -> Scalar | None:
        """A single value (not null, a list or a mapping); ``None`` when absent or wrong."""
        if node is None:
            return None
        if isinstance(node, Scalar) and not node.is_null:
            return node
        self.error(node.line, path, f"expected a value, found {_describe(node)}")
        return None

    def _text(self, node: Node | None, path: str, *, multiline: bool = True) -> str | None:
        """Free text shown on the site; a one-line text (a title) has its spaces collapsed."""
        scalar = self._scalar(node, path)
        if scalar is None:
            return None
        text = _tidy(scalar.text, multiline)
        if not text:
            self.error(scalar.line, path, "empty text")
            return None
        return text if self._is_safe(scalar.text, scalar.line, path) else None

    def _is_safe(self, text: str, line: int, path: str) -> bool:
        """Whether ``text`` can be shown as written (see ``characters.py``)."""
        if problem := text_problem(text):
            self.error(line, path, problem)
            return False
        return True

    def _localized(
        self, node: Node | None, path: str, *, multiline: bool = False
    ) -> LocalizedText | None:
        """A text in each of the site's languages; one-line (a title) unless ``multiline``."""
        if node is None:
            return None
        codes = self.languages.codes
        example = ", ".join(f"{code}: ..." for code in codes)
        mapping = self._map(node, path, f"a text in each language {{{example}}}")
        if mapping is None:
            return None
        values: dict[str, str] = {}
        wrong: set[str] = set()
        for lang, entry in mapping.entries.items():
            field = join(path, lang)
            if lang not in codes:
                self.error(
                    entry.key_line,
                    field,
                    f"{_quote(lang)} is not a language of this site{_suggest(lang, codes)} "
                    f"(its languages: {', '.join(codes)})",
                )
            elif isinstance(entry.value, Scalar) and entry.value.is_null:
                continue
            else:
                scalar = self._scalar(entry.value, field)
                text = "" if scalar is None else _tidy(scalar.text, multiline)
                if scalar is None or (text and not self._is_safe(scalar.text, scalar.line, field)):
                    wrong.add(lang)
                elif text:
                    values[lang] = text
        if not values:
            if not wrong:
                names = _names(self.languages.required)
                self.error(mapping.line, path, f"missing text: write it in {names}")
            return None
        shown = language_name(next(iter(self.languages.ordered(values))))
        for lang in self.languages.required:
            if lang not in values and lang not in wrong:
                entry = mapping.entries.get(lang)
                self.error(
                    entry.value.line if entry else mapping.line,
                    join(path, lang),
                    f"missing {language_name(lang)} translation (shown in {shown} with a marker)",
                    is_error=self.strict,
                )
        return LocalizedText(self.languages.ordered(values))

    def _enum(self, node: Node | None, path: str, choices: tuple[E, ...], what: str) -> E | None:
        scalar = self._scalar(node, path)
        if scalar is None:
            return None
        for choice in choices:
            if choice.value == scalar.text:
                return choice
        names = [c.value for c in choices]
        hint = _suggest(scalar.text, names)
        self.error(
            scalar.line,
            path,
            f"unknown {what} {_quote(scalar.text)}{hint} (one of: {', '.join(names)})",
        )
        return None

    def _platform(self, node: Node | None, path: str) -> str | None:
        scalar = self._scalar(node, path)
        if scalar is None or scalar.text in self.platform_ids:
            return scalar and scalar.text
        if self.platform_ids:
            known = f" (one of: {', '.join(self.platform_ids)})"
        else:
            known = ": no platforms are configured (mkdocs.yml, plugins: nabd: platforms)"
        hint = _suggest(scalar.text, self.platform_ids)
        self.error(scalar.line, path, f"unknown platform {_quote(scalar.text)}{hint}{known}")
        return None

    def _timestamp(self, node: Node | None, path: str) -> datetime | None:
        scalar = self._scalar(node, path)
        if scalar is None:
            return None
        text = scalar.text
        if TIMESTAMP_PATTERN.fullmatch(text):
            try:
                moment = datetime.fromisoformat(text)
                year = moment.astimezone(UTC).year
            except ValueError as error:
                self.error(scalar.line, path, f"not a valid date or time: {error}")
                return None
            except OverflowError:
                year = 0
            if FIRST_YEAR <= year <= LAST_YEAR:
                return moment
            self.error(
                scalar.line, path, f"{text} is out of range: years {FIRST_YEAR} to {LAST_YEAR}"
            )
            return None
        if naive := _NAIVE.fullmatch(text):
            day, hours, seconds = naive.groups()
            if hours is None:
                message = f"a date without a time and UTC offset: write {day}T00:00:00Z"
            else:
                written = f"{day}T{hours.zfill(5)}{seconds or ':00'}"
                message = f"timestamp without a UTC offset: write {written}Z or {written}+03:00"
        elif scalar.plain and _SEXAGESIMAL.fullmatch(text):
            clock = (text if text.count(":") == 2 else f"{text}:00").zfill(8)
            message = (
                f"{_quote(text)} is a time without a date (YAML 1.1 reads it as a base-60 "
                f"number): write the date and UTC offset too, like 2024-03-05T{clock}Z"
            )
        else:
            message = f"{_quote(text)} is not a timestamp: write it like 2024-03-05T15:00:00Z"
        self.error(scalar.line, path, message)
        return None

    def _bool(self, node: Node | None, path: str) -> bool | None:
        if node is None:
            return None
        if isinstance(node, Scalar) and node.plain and node.text in _BOOLS:
            return _BOOLS[node.text]
        if isinstance(node, Scalar) and node.text.lower() in _YAML11_BOOLS:
            self.error(node.line, path, f"{node.text!r} is not a boolean here: write true or false")
        else:
            self.error(node.line, path, f"expected true or false, found {_describe(node)}")
        return None

    def _number(self, node: Node | None, path: str) -> Decimal | None:
        """A number as written (``0.000001`` stays ``0.000001``), within what a page shows."""
        if node is None:
            return None
        if isinstance(node, Scalar) and node.plain and _NUMBER.fullmatch(node.text):
            if len(node.text) > MAX_NUMBER_LENGTH:
                message = f"{len(node.text)} characters is too long for a number"
            elif abs(number := Decimal(node.text)) >= LARGEST_NUMBER:
                message = f"{_quote(node.text)} is too large: at most 15 digits before the point"
            elif number and abs(number) < SMALLEST_NUMBER:
                message = f"{_quote(node.text)} is too small to show: at most 9 decimals"
            else:
                return number
            self.error(node.line, path, message)
            return None
        quoted = " without quotes" if isinstance(node, Scalar) and not node.plain else ""
        found = _describe(node)
        self.error(node.line, path, f"expected a number{quoted}, like 550000, found {found}")
        return None

    def _url(self, node: Node | None, path: str) -> str | None:
        scalar = self._scalar(node, path)
        if scalar is None:
            return None
        url = scalar.text
        if refused := refused_character(url, multiline=False):
            message = refused
        elif URL_PATTERN.fullmatch(url):
            try:
                if urlsplit(url).hostname:
                    return url
            except ValueError:  # e.g. a broken [IPv6] host
                pass
            message = f"{_quote(url)} has no valid host name"
        elif (scheme := url.partition(":")[0]) != url and scheme.lower() not in ("http", "https"):
            message = f"{scheme}: addresses are not allowed, only http and https"
        else:
            message = f"{_quote(url)} is not a web address: write it like https://example.com/page"
        self.error(scalar.line, path, message)
        return None
