"""Edit an incident file's text the way a maintainer would by hand: add, close, keep the rest.

Each edit takes the file's text and returns the new text; the caller validates it with the
loader before writing. ruamel.yaml's round trip keeps comments, key order, quoting and the
file's indentation, with two adjustments: timestamps stay text exactly as written (ruamel
would rewrite ``07:30:00.250Z`` as a datetime), and the comment block after the last line of
a list or a field moves down with new content, so that ``# figures`` stays above ``figures:``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from io import StringIO
from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.util import load_yaml_guess_indent

from nabd.core.model.models import CLOSING_UPDATE_STATUSES, ComponentStatus, Kind, UpdateStatus

_SCHEMA_COMMENT = "# yaml-language-server: $schema={}"

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_DOCUMENT_START = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*(?:#[^\n]*)?(?:\n|$)")
_WIDTH = 1_000_000
"""Never fold a line: the example files keep each text on one line."""


class EditError(ValueError):
    """An edit that cannot be made to this file; the message says why."""


class _Resolver(VersionedResolver):
    """Reads timestamps as text, and so writes new ones unquoted, like the example files."""

    def add_version_implicit_resolver(
        self, version: Any, tag: Any, regexp: Any, first: Any
    ) -> None:
        if tag != _TIMESTAMP_TAG:
            super().add_version_implicit_resolver(version, tag, regexp, first)


def timestamp(moment: datetime) -> str:
    """``moment`` as the files write it: UTC, whole seconds, ``Z``."""
    if moment.tzinfo is None:
        raise ValueError("a timestamp needs a UTC offset")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_incident(
    *,
    title: Mapping[str, str],
    platforms: Sequence[str],
    status: str,
    at: datetime,
    message: Mapping[str, str],
    schema: str | None = None,
) -> str:
    """A new incident: an open impact per platform from ``at`` and an ``investigating`` update.

    With ``schema`` (a path relative to the file), the first line points editors to it.
    """
    impacts = CommentedSeq(_impact(p, status, at) for p in dict.fromkeys(platforms))
    document = CommentedMap(
        [
            ("title", _localized(title)),
            ("kind", Kind.INCIDENT.value),
            ("impacts", impacts),
            ("updates", CommentedSeq([_update(at, UpdateStatus.INVESTIGATING, message)])),
        ]
    )
    preamble = f"{_SCHEMA_COMMENT.format(schema)}\n" if schema else ""
    return _File(_yaml(), document, preamble).text()


def new_maintenance(
    *,
    title: Mapping[str, str],
    platforms: Sequence[str],
    status: str,
    window: tuple[datetime, datetime],
    at: datetime,
    message: Mapping[str, str],
    schema: str | None = None,
) -> str:
    """A maintenance announced at ``at`` for ``window``: a ``scheduled`` update, and an impact
    with ``status`` on each platform over the window. The site shows it as upcoming, then in
    progress, then completed, as the clock passes the window."""
    start, end = window
    impacts = CommentedSeq(_impact(p, status, start, end) for p in dict.fromkeys(platforms))
    document = CommentedMap(
        [
            ("title", _localized(title)),
            ("kind", Kind.MAINTENANCE.value),
            ("scheduled", CommentedMap([("from", timestamp(start)), ("to", timestamp(end))])),
            ("impacts", impacts),
            ("updates", CommentedSeq([_update(at, UpdateStatus.SCHEDULED, message)])),
        ]
    )
    preamble = f"{_SCHEMA_COMMENT.format(schema)}\n" if schema else ""
    return _File(_yaml(), document, preamble).text()


def add_update(
    text: str,
    *,
    at: datetime,
    status: str,
    message: Mapping[str, str],
    platform: str | None = None,
    impact: str | None = None,
) -> str:
    """``text`` with an update appended; with ``platform`` and ``impact``, its impact changed.

    The platform's open impact, if any, closes at ``at``; a new one opens from ``at`` with
    ``impact``, unless ``impact`` is ``operational`` (the platform is back).
    """
    if (platform is None) != (impact is None):
        raise EditError("a platform and its new impact status go together")
    file = _File.parse(text)
    document = file.document
    if platform is not None and impact is not None:
        _change_impact(document, platform, impact, at)
    if status in CLOSING_UPDATE_STATUSES and (still := _open_platforms(document)):
        raise EditError(
            f"a {status!r} update while {_and(still)} still "
            f"{'has an open impact' if len(still) == 1 else 'have open impacts'}: "
            "`nabd resolve` closes every open impact and adds the update"
        )
    _append(_list(document, "updates"), _update(at, status, message))
    return file.text()


def resolve(text: str, *, at: datetime, message: Mapping[str, str]) -> str:
    """``text`` with every open impact closed at ``at`` and a closing update appended.

    The update is ``resolved``, or ``completed`` for a maintenance.
    """
    file = _File.parse(text)
    document = file.document
    updates = _list(document, "updates")
    open_impacts = [i for i in _impacts(document) if _is_open(i)]
    last = updates[-1] if updates and isinstance(updates[-1], CommentedMap) else {}
    if not open_impacts and last.get("status") in CLOSING_UPDATE_STATUSES:
        raise EditError(f"already closed: its last update is {last['status']!r}")
    for item in open_impacts:
        _close(item, at)
    kind = document.get("kind", Kind.INCIDENT.value)
    status = UpdateStatus.COMPLETED if kind == Kind.MAINTENANCE else UpdateStatus.RESOLVED
    _append(updates, _update(at, status, message))
    return file.text()


# Changes


def _change_impact(document: CommentedMap, platform: str, status: str, at: datetime) -> None:
    impacts = _impacts(document, create=status != ComponentStatus.OPERATIONAL)
    open_ones = [
        (n, i) for n, i in enumerate(impacts) if i.get("platform") == platform and _is_open(i)
    ]
    if len(open_ones) > 1:
        listed = ", ".join(f"impacts[{n}]" for n, _ in open_ones)
        raise EditError(
            f"{platform} has {len(open_ones)} open impacts ({listed}): edit the file by hand"
        )
    if open_ones:
        index, current = open_ones[0]
        if current.get("status") == status:
            raise EditError(f"{platform} is already {status} (impacts[{index}])")
        _close(current, at)
    elif status == ComponentStatus.OPERATIONAL:
        raise EditError(f"{platform} has no open impact to close")
    if status != ComponentStatus.OPERATIONAL:
        _append(impacts, _impact(platform, status, at))


def _close(impact: CommentedMap, at: datetime) -> None:
    """Set ``to`` (right after ``from``, where a reader looks for it)."""
    if "to" in impact or "from" not in impact:
        impact["to"] = timestamp(at)
        return
    position = list(impact).index("from") + 1
    moved = _take_trailing(impact, "from") if position == len(impact) else None
    impact.insert(position, "to", timestamp(at))
    if moved:
        _put_trailing_at(impact, "to", moved)


def _append(items: CommentedSeq, item: CommentedMap) -> None:
    moved = _take_trailing(*_tail(items)) if items and not items.fa.flow_style() else None
    items.append(item)
    if moved:
        _put_trailing(items, moved)


# Reading the document


def _yaml() -> YAML:
    yaml = YAML()
    yaml.Resolver = _Resolver
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class _File(NamedTuple):
    """A parsed file, and what writes it back as it was.

    ``yaml`` writes in the file's indentation; ``preamble`` is the lines up to an explicit
    ``---``, kept as they are (ruamel drops the comments before it).
    """

    yaml: YAML
    document: CommentedMap
    preamble: str

    @classmethod
    def parse(cls, text: str) -> _File:
        start = _DOCUMENT_START.match(text)
        preamble = start.group() if start else ""
        yaml = _yaml()
        try:
            document, indent, offset = load_yaml_guess_indent(text[len(preamble) :], yaml=yaml)
        except YAMLError as error:
            raise EditError(f"not readable YAML: {error}") from None
        if not isinstance(document, CommentedMap) or not isinstance(document.get("updates"), list):
            raise EditError("not an incident: expected fields with a list of updates")
        if indent is not None and offset is not None:
            yaml.indent(mapping=max(indent - offset, 1), sequence=indent, offset=offset)
        elif indent is not None:
            yaml.indent(mapping=indent, sequence=indent + 2, offset=2)
        return cls(yaml, document, preamble)

    def text(self) -> str:
        out = StringIO()
        self.yaml.dump(self.document, out)
        return self.preamble + out.getvalue()


def _list(document: CommentedMap, key: str) -> CommentedSeq:
    value = document.get(key)
    if not isinstance(value, CommentedSeq):
        raise EditError(f"{key}: expected a list")
    return value


def _impacts(document: CommentedMap, *, create: bool = False) -> CommentedSeq:
    """The impacts, a new empty list (before the updates) when there is none and ``create``."""
    if "impacts" not in document or document["impacts"] is None:
        if not create:
            return CommentedSeq()
        document.insert(list(document).index("updates"), "impacts", CommentedSeq())
    impacts = _list(document, "impacts")
    if not all(isinstance(i, CommentedMap) for i in impacts):
        raise EditError("impacts: expected a list of {platform:, status:, from:}")
    return impacts


def _is_open(impact: CommentedMap) -> bool:
    return impact.get("to") is None


def _open_platforms(document: CommentedMap) -> list[str]:
    return list(dict.fromkeys(str(i.get("platform")) for i in _impacts(document) if _is_open(i)))


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# New nodes


def _impact(
    platform: str, status: str, at: datetime, until: datetime | None = None
) -> CommentedMap:
    fields = [("platform", platform), ("status", str(status)), ("from", timestamp(at))]
    if until is not None:
        fields.append(("to", timestamp(until)))
    return CommentedMap(fields)


def _update(at: datetime, status: str, message: Mapping[str, str]) -> CommentedMap:
    fields = [("at", timestamp(at)), ("status", str(status)), ("text", _localized(message))]
    return CommentedMap(fields)


def _localized(texts: Mapping[str, str]) -> CommentedMap:
    return CommentedMap((lang, _text(text)) for lang, text in texts.items())


def _text(text: str) -> str:
    """Quoted like the example files; several lines as a literal block, as written."""
    text = text.strip()
    if "\n" in text:
        return LiteralScalarString(text + "\n")
    return DoubleQuotedScalarString(text)


# The comment block after a node's last line
#
# ruamel attaches the comments and blank lines that follow a line to the last value on it: a
# mapping keeps them in ``ca.items[key][2]``, a list in ``ca.items[index][0]``. The first line
# of that text ends the value's own line (and may hold its end-of-line comment); the rest are
# the lines below, which belong below whatever is now last.


def _tail(node: CommentedBase) -> tuple[CommentedBase, Any]:
    """The innermost block collection holding ``node``'s last value, and that value's key."""
    while True:
        key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        value = node[key]
        if not isinstance(value, (CommentedMap, CommentedSeq)) or not value:
            return node, key
        if value.fa.flow_style():
            return node, key
        node = value


def _slot(node: CommentedBase) -> int:
    return 2 if isinstance(node, CommentedMap) else 0


def _take_trailing(node: CommentedBase, key: Any) -> str | None:
    """Remove and return the lines after ``node[key]``'s line, keeping its end-of-line comment."""
    entry = node.ca.items.get(key)
    token = entry[_slot(node)] if entry else None
    if not isinstance(token, CommentToken) or "\n" not in token.value:
        return None
    head, _, rest = token.value.partition("\n")
    entry[_slot(node)] = (
        CommentToken(head + "\n", token.start_mark, token.end_mark) if head else None
    )
    return rest or None


def _put_trailing(node: CommentedBase, lines: str) -> None:
    _put_trailing_at(*_tail(node), lines)


def _put_trailing_at(node: CommentedBase, key: Any, lines: str) -> None:
    entry = node.ca.items.setdefault(key, [None] * (4 if isinstance(node, CommentedMap) else 2))
    token = entry[_slot(node)]
    if isinstance(token, CommentToken):
        token.value = token.value + lines
    else:
        entry[_slot(node)] = CommentToken("\n" + lines, CommentMark(0))
