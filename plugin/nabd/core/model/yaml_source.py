"""Parse YAML into plain nodes that keep their line and their text, guessing no types.

PyYAML's loaders follow YAML 1.1: ``12:00`` becomes 720, ``no`` becomes ``False`` and a
timestamp without an offset becomes a naive datetime. Incident files are edited by hand,
often under stress, so nothing is guessed here: every scalar keeps its text and whether it
was quoted, and the loader reads it as its field requires. The tree is built from the
parser's events, without recursion: duplicate keys are reported, and anchors, aliases and
tags are refused (no "billion laughs").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from yaml import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    MarkedYAMLError,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    YAMLError,
)
from yaml.reader import ReaderError

try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml: the same events, about 15 times slower
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


MAX_DEPTH = 32
"""Deepest nesting accepted; an incident file needs 4 levels."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(slots=True)
class Scalar:
    """A value as written; ``plain`` when it was not quoted (so it may be a number or bool)."""

    text: str
    line: int
    plain: bool

    @property
    def is_null(self) -> bool:
        """Whether it is YAML's null: nothing, ``~`` or ``null``, unquoted."""
        return self.plain and self.text in _NULLS


@dataclass(slots=True)
class Entry:
    """A mapping's value, with the line of its key."""

    key_line: int
    value: Node


@dataclass(frozen=True, slots=True)
class MapNode:
    entries: dict[str, Entry]
    line: int


@dataclass(frozen=True, slots=True)
class ListNode:
    items: tuple[Node, ...]
    line: int


Node = Scalar | MapNode | ListNode


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found while parsing that does not stop it, such as a duplicate key."""

    line: int
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed file: its top-level node (``None`` when empty) and the issues found."""

    root: Node | None
    issues: tuple[Issue, ...]


class YamlError(Exception):
    """The file cannot be read as YAML; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def join(path: str, key: str | int) -> str:
    """The dotted path of a field: ``join("updates[0]", "text")`` is ``updates[0].text``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def parse(text: str) -> Document:
    """Parse one YAML document, or raise ``YamlError`` naming the line."""
    try:
        parser = _Parser(text)
    except UnicodeEncodeError as error:  # a lone surrogate, only possible in a built string
        line = text.count("\n", 0, error.start) + 1
        raise YamlError(line, "text that is not valid Unicode") from None
    try:
        return _Builder().run(parser)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(line, _explain(error, text, line)) from None
    except ReaderError as error:
        # Its position counts bytes with libyaml, characters without: find the character.
        line = text.count("\n", 0, max(text.find(chr(error.character)), 0)) + 1
        raise YamlError(line, f"character U+{error.character:04X} is not allowed") from None
    except YAMLError as error:
        raise YamlError(1, str(error)) from None
    finally:
        parser.dispose()


def _explain(error: MarkedYAMLError, text: str, line: int) -> str:
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source[: len(source) - len(source.lstrip())]:
        return "tab in indentation: indent with spaces"
    parts = [error.context, error.problem]
    return " ".join(p for p in parts if p) or "not valid YAML"


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("entries", "items", "key", "key_line", "line", "path")

    def __init__(self, line: int, path: str, is_mapping: bool) -> None:
        self.line = line
        self.path = path
        self.entries: dict[str, Entry] | None = {} if is_mapping else None
        self.items: list[Node] = []
        self.key: str | None = None
        self.key_line = 0

    def child_path(self) -> str:
        if self.entries is None:
            return join(self.path, len(self.items))
        return join(self.path, self.key or "")

    def close(self) -> Node:
        if self.entries is None:
            return ListNode(tuple(self.items), self.line)
        return MapNode(self.entries, self.line)


class _Builder:
    def __init__(self) -> None:
        self.stack: list[_Frame] = []
        self.issues: list[Issue] = []
        self.root: Node | None = None

    def run(self, parser: _Parser) -> Document:
        # Dispatch on the exact event class: this loop runs for every node of every file.
        stack = self.stack
        documents = 0
        while (kind := type(event := parser.get_event())) is not StreamEndEvent:
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    _refuse(event)
                line = event.start_mark.line + 1
                top = stack[-1] if stack else None
                if top is not None and top.entries is not None and top.key is None:
                    top.key, top.key_line = event.value, line
                else:
                    self._add(Scalar(event.value, line, plain=not event.style))
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._start(event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self._add(stack.pop().close())
            elif kind is AliasEvent:
                _refuse(event)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line = event.start_mark.line + 1
                    raise YamlError(line, "more than one YAML document (---) in the file")
        return Document(self.root, tuple(self.issues))

    def _start(self, event: CollectionStartEvent) -> None:
        if event.anchor is not None or event.tag is not None:
            _refuse(event)
        line = event.start_mark.line + 1
        top = self.stack[-1] if self.stack else None
        if top is not None and top.entries is not None and top.key is None:
            raise YamlError(line, "a key must be a name, not a list or a mapping")
        if len(self.stack) >= MAX_DEPTH:
            raise YamlError(line, f"nested more than {MAX_DEPTH} levels deep")
        path = top.child_path() if top else ""
        self.stack.append(_Frame(line, path, type(event) is MappingStartEvent))

    def _add(self, node: Node) -> None:
        """Attach a finished value to the collection being built (keys are set in ``run``)."""
        if not self.stack:
            self.root = node
            return
        top = self.stack[-1]
        if top.entries is None:
            top.items.append(node)
            return
        key = top.key or ""
        first = top.entries.get(key)
        if first is None:
            top.entries[key] = Entry(top.key_line, node)
        else:
            message = f"duplicate key (first on line {first.key_line}): remove one"
            self.issues.append(Issue(top.key_line, join(top.path, key), message))
        top.key = None


def _refuse(event: NodeEvent) -> NoReturn:
    line = event.start_mark.line + 1
    tag = getattr(event, "tag", None)
    if tag is None:
        raise YamlError(line, "anchors and aliases (&name, *name) are not allowed")
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    raise YamlError(line, f"YAML tags ({shown}) are not allowed: quote the value instead")
