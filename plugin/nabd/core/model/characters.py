"""Which characters a text from an incident file or the configuration may hold.

A text must be something a page, a feed and a terminal can all show as written. Refused:

* control characters (``\\x01``, ``\\x1b``, ``\\x7f``, C1 controls...) except the line feed and
  the tab, since YAML's escapes (``"\\x01"``, ``"\\e"``, ``"\\0"``) let them through a file that
  looks clean: XML cannot carry them at all, and a terminal or CI log obeys them;
* surrogates and noncharacters (U+D800–DFFF, U+FDD0–FDEF, U+xFFFE, U+xFFFF): not text, and
  not allowed in XML either;
* bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069): they can make text read
  differently than it is stored.

The marks U+200E and U+200F (and Arabic's U+061C) stay allowed: they steer punctuation in
mixed Arabic and Latin text and cannot reorder a whole run.

``printable`` is the other side: it shows any text on one line of a log, every character the
terminal would act on written as an escape.
"""

from __future__ import annotations

import re
import unicodedata

TAG_START = re.compile(r"<[A-Za-z/!?]")
"""Where raw HTML could begin: ``<`` before a letter, ``/``, ``!`` or ``?``. Refusing it is a
courtesy to the author (the pages escape every text anyway), so the pattern is wide."""
AUTOLINK = re.compile(r"<(?:(?:https?|mailto):[^\s<>]+|[^\s<>@]+@[^\s<>@]+)>", re.IGNORECASE)
"""Markdown's ``<https://...>`` and ``<name@example.org>``: links, not HTML."""
_TAG = re.compile(r"<[^\s>]{0,10}>?")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"})


_NO_BREAK_SPACES = "\u00a0\u2007\u202f"
_BREAKING_SPACES = re.compile(f"[^\\S{_NO_BREAK_SPACES}]+")
"""White space (what ``str.split`` splits at) other than the no-break spaces."""


def one_line(text: str) -> str:
    """``text`` on one line, each run of breaking white space made one space.

    Not ``" ".join(text.split())``: ``str.split`` also splits at the no-break spaces (U+00A0,
    U+202F, U+2007) that French puts before ``:``, ``;``, ``?``, ``!`` and inside « », and that
    hold a number to its unit; they must stay as written. At the ends, any space goes.
    """
    return _BREAKING_SPACES.sub(" ", text).strip()


_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
_REFUSED_ALWAYS = "\u202a-\u202e\u2066-\u2069\ud800-\udfff" + _NONCHARACTERS
_REFUSED = {
    True: re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_REFUSED_ALWAYS}]"),
    False: re.compile(f"[\x00-\x1f\x7f-\x9f{_REFUSED_ALWAYS}]"),
}
"""Any refused character, for a text with line breaks allowed (``True``) or not: one scan in
C, since every text of every incident file goes through it."""


def refused_character(text: str, *, multiline: bool = True) -> str | None:
    """Why ``text`` cannot be shown as written, naming its first refused character; ``None``
    when every character is fine. ``multiline`` allows line feeds (and tabs)."""
    found = _REFUSED[multiline].search(text)
    if found is None:
        return None
    char = found.group()
    code = ord(char)
    if char in _BIDI_CONTROLS:
        return (
            f"bidi control character U+{code:04X} ({unicodedata.name(char)}) can disguise "
            "text: remove it"
        )
    if unicodedata.category(char) == "Cc":
        shown = "a line break" if char in "\n\r" else f"control character U+{code:04X}"
        return f"{shown} cannot be shown in a page or feed: remove it"
    return f"U+{code:04X} is not a character: remove it"


def has_visible_character(text: str) -> bool:
    """Whether ``text`` shows anything: not only spaces, zero-width or combining characters."""
    return any(unicodedata.category(char) not in _INVISIBLE_CATEGORIES for char in text)


def printable(text: str) -> str:
    """``text`` on one line, safe for a terminal or a CI log: line breaks, controls, format and
    bidi characters written as escapes (``\\n``, ``\\x1b``, ``\\u202e``), the rest as it is."""
    return "".join(
        char
        if char == " " or (char.isprintable() and unicodedata.category(char) != "Cf")
        else char.encode("unicode_escape", "backslashreplace").decode("ascii")
        for char in text
    )


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (controls other than tab and line
    breaks, surrogates, U+FFFE and U+FFFF): the last wall before a feed or an SVG, behind the
    loader's refusal."""
    return _NOT_XML.sub("", text)


def raw_html(text: str) -> str | None:
    """The start of the first thing in ``text`` a browser could read as a tag, if any."""
    for match in TAG_START.finditer(text):
        if not AUTOLINK.match(text, match.start()):
            return _TAG.match(text, match.start()).group()
    return None


def text_problem(text: str) -> str | None:
    """What keeps ``text`` from being shown as written, or ``None``: a refused character, no
    visible character, or raw HTML."""
    if refused := refused_character(text):
        return refused
    if not has_visible_character(text):
        return "the text shows nothing: only spaces or invisible characters"
    if tag := raw_html(text):
        return (
            f"raw HTML ({tag}...) is not allowed: use Markdown (for 'less than', put a space "
            "after <)"
        )
    return None
