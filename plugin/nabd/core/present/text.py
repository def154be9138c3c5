"""Incident text, written in Markdown, to safe HTML.

Two layers. Python-Markdown runs with its raw-HTML handling removed, so ``<b>`` or
``<script>`` in the source comes out as escaped text, and a tree processor turns any link that
is not http(s) or mailto into plain text. Then nh3 (ammonia) cleans the result against an
explicit allow-list, as defence in depth: the validator already refuses raw HTML (and bidi
controls, which are dropped here too) in incident files. Links get ``rel="noopener nofollow"``;
images become their alternative text.

Markdown instances are reused per thread and ``reset()`` before each conversion, so the output
depends only on the input (reference definitions never leak from one text to the next).

In a right-to-left text, each run of Latin-script words (a quoted English message, a brand
name, an outlet) is isolated in ``<bdi dir="ltr">`` with its language, where the site says
which language its Latin-script words are in: punctuation around it stays where it was written,
and a screen reader reads it with the right rules (WCAG 2.1, 3.1.2 language of parts).
"""

from __future__ import annotations

import html
import re
import string
import threading
import xml.etree.ElementTree as etree
from functools import cache
from html.parser import HTMLParser

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from nabd.core.model.characters import one_line

BLOCK_TAGS: frozenset[str] = frozenset(
    {"p", "a", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "br", "bdi"}
)
INLINE_TAGS: frozenset[str] = frozenset({"a", "strong", "em", "code"})
LINK_REL = "noopener nofollow"

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")  # refused by the validator too
_PUNCTUATION = frozenset(string.punctuation)
_LATIN = "A-Za-z\u00c0-\u024f"
FOREIGN_RUN = re.compile(
    rf"(?<![\x02{_LATIN}0-9])[0-9]*[{_LATIN}][{_LATIN}0-9'’\-]*"
    rf"(?:[ ,.:/&]+[{_LATIN}0-9][{_LATIN}0-9'’\-]*)*"
)
"""Latin-script words, with the spaces and punctuation between them (not after the last):
"Downdetector", "Sorry, something went wrong", "5xx Server Error". Python-Markdown's
placeholders start with ``\x02``, so a run never begins inside one."""
_SAFE_URL = re.compile(r"(?:https?://|mailto:)[^\s]", re.IGNORECASE)
_EXTENSIONS = ["sane_lists", "pymdownx.magiclink"]
# Blocks that would make tags outside the allow-list (headings, rules): without them such a
# line stays a paragraph. A one-line text keeps no block syntax at all.
_DROPPED_BLOCKS = ("hashheader", "setextheader", "hr")
_INLINE_DROPPED_BLOCKS = (
    *_DROPPED_BLOCKS,
    "empty",
    "indent",
    "code",
    "olist",
    "ulist",
    "quote",
    "reference",
)


def is_safe_url(url: str) -> bool:
    """Whether ``url`` may be a link's target: absolute http(s), or mailto."""
    return bool(_SAFE_URL.match(url))


def _keep_safe_href(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and not is_safe_url(value):
        return None
    return value


class _LinkPolicy(Treeprocessor):
    """Turn links to anything but http(s) or mailto (``javascript:``, relative paths, ...)
    into their plain text, and images into their alternative text: the page embeds nothing.

    A ``span`` is not allowed by the cleaner, which keeps its text and drops the tag.
    """

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and not is_safe_url(_plain(element.get("href", ""))):
                element.tag = "span"
                element.attrib.clear()
            elif element.tag == "img":
                alt = element.get("alt", "")
                element.tag = "span"
                element.attrib.clear()
                element.text = alt


class _ForeignRuns(Treeprocessor):
    """Isolate runs of Latin-script words in ``<bdi dir="ltr" lang=...>`` (see the module's
    docstring): in every text but code's, when the text being converted asks for it."""

    lang: str | None = None

    def run(self, root: etree.Element) -> None:
        if self.lang is not None:
            self._isolate(root)

    def _isolate(self, element: etree.Element) -> None:
        if element.tag in ("code", "pre"):
            return
        for child in list(element):
            self._isolate(child)
            child.tail = self._split(child.tail, element, list(element).index(child) + 1)
        element.text = self._split(element.text, element, 0)

    def _split(self, text: str | None, parent: etree.Element, index: int) -> str | None:
        """``text`` up to its first run; the runs and what follows each go in ``parent`` from
        ``index`` on."""
        if not text:
            return text
        found = list(FOREIGN_RUN.finditer(text))
        if not found:
            return text
        for offset, match in enumerate(found):
            run = etree.Element("bdi", {"dir": "ltr", "lang": self.lang or ""})
            run.text = match.group()
            end = found[offset + 1].start() if offset + 1 < len(found) else len(text)
            run.tail = text[match.end() : end]
            parent.insert(index + offset, run)
        return text[: found[0].start()]


def _plain(url: str) -> str:
    # Python-Markdown writes a <mail@example.com> autolink's address as character references.
    return html.unescape(url.replace(AMP_SUBSTITUTE, "&"))


def _markdown(*, inline: bool) -> markdown.Markdown:
    md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    for name in _INLINE_DROPPED_BLOCKS if inline else _DROPPED_BLOCKS:
        md.parser.blockprocessors.deregister(name)
    md.treeprocessors.register(_LinkPolicy(md), "nabd_link_policy", 1)
    md.treeprocessors.register(_ForeignRuns(md), "nabd_foreign_runs", 0.5)
    return md


class _Converters(threading.local):
    def __init__(self) -> None:
        self.block = _markdown(inline=False)
        self.inline = _markdown(inline=True)
        self.foreign: _ForeignRuns = self.block.treeprocessors["nabd_foreign_runs"]


_converters = _Converters()


def _clean(fragment: str, tags: frozenset[str]) -> str:
    return nh3.clean(
        fragment,
        tags=set(tags),
        attributes={"a": {"href", "title"}, "bdi": {"dir", "lang"}},
        attribute_filter=_keep_safe_href,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
        strip_comments=True,
    )


@cache  # a text shows on its page, in feeds, and as a fallback in every other language
def render_markdown(source: str, latin: str | None = None) -> str:
    """Incident text (Markdown, no raw HTML) to safe HTML: paragraphs, emphasis, code, lists,
    quotes and http(s)/mailto links. With ``latin`` (a right-to-left text's), runs of
    Latin-script words are isolated and said to be in that language."""
    md = _converters.block
    md.reset()
    _converters.foreign.lang = latin
    try:
        converted = md.convert(_BIDI_CONTROLS.sub("", source))
    finally:
        _converters.foreign.lang = None
    return _clean(converted, BLOCK_TAGS)


def isolate_latin(text: str, latin: str) -> str:
    """A plain right-to-left text as HTML, its runs of Latin-script words isolated in
    ``latin`` (see the module's docstring)."""
    parts, last = [], 0
    for match in FOREIGN_RUN.finditer(text):
        parts.append(html.escape(text[last : match.start()], quote=False))
        run = html.escape(match.group(), quote=False)
        parts.append(f'<bdi dir="ltr" lang="{html.escape(latin)}">{run}</bdi>')
        last = match.end()
    parts.append(html.escape(text[last:], quote=False))
    return "".join(parts)


def render_inline(source: str) -> str:
    """A one-line text such as a title to safe inline HTML (emphasis, code, links), without a
    ``<p>`` wrapper; line breaks become spaces and block syntax ("# ", "1. ") stays text."""
    md = _converters.inline
    md.reset()
    converted = md.convert(one_line(_BIDI_CONTROLS.sub("", source)))
    return _clean(converted.removeprefix("<p>").removesuffix("</p>"), INLINE_TAGS)


def markdown_literal(text: str) -> str:
    """``text`` with every ASCII punctuation backslash-escaped, which CommonMark allows for
    each of them (GitHub's and Discord's Markdown act on most): no emphasis, link, image, tag,
    entity, table cell, emoji code, autolink or mention survives."""
    return "".join(f"\\{c}" if c in _PUNCTUATION else c for c in text)


def render_plain(source: str, *, inline: bool = False) -> str:
    """Incident text as plain text, for a chat message that shows no HTML and whose own markup
    differs per service: what the page shows, without its marks. Paragraphs are apart by a
    blank line, list items start with "•" or their number, a link's address follows its words
    in parentheses (unless the words are the address), emphasis and code lose their marks.
    ``inline`` reads a title, on one line."""
    reader = _PlainText()
    reader.feed(render_inline(source) if inline else render_markdown(source))
    reader.close()
    return reader.text()


class _PlainText(HTMLParser):
    """The text of the safe HTML ``render_markdown`` writes (its tags only)."""

    _BLOCKS = frozenset({"p", "pre", "blockquote", "ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[int | None] = []  # per open list: the next number, None for bullets
        self.links: list[tuple[str, int]] = []  # per open link: its address, where its words start
        self.open: list[str] = []  # the elements open, but <br>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "br":
            self.open.append(tag)
        if tag in self._BLOCKS and not (tag in ("ul", "ol") and self.lists):
            self.parts.append("\n\n")
        if tag in ("ul", "ol"):
            self.lists.append(1 if tag == "ol" else None)
        elif tag == "li":
            number = self.lists[-1] if self.lists else None
            indent = "  " * max(len(self.lists) - 1, 0)
            self.parts.append(f"\n{indent}{'•' if number is None else f'{number}.'} ")
            if number is not None:
                self.lists[-1] = number + 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            words = "".join(self.parts[start:]).strip()
            if href and words not in (href, href.removeprefix("mailto:")):
                self.parts.append(f" ({href})")
        if tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if "\n" in data and not data.strip() and "pre" not in self.open:
            return  # the line breaks Python-Markdown writes between tags
        if self.parts[-1:] == ["\n"] and data.startswith("\n"):
            data = data[1:]  # and after a <br>
        self.parts.append(data)

    def text(self) -> str:
        lines = [line.rstrip() for line in "".join(self.parts).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
