"""Incident text, written in Markdown, to safe HTML.

Two layers. Python-Markdown runs with its raw-HTML handling removed, so ``<b>`` or
``<script>`` in the source comes out as escaped text, and a tree processor turns any link that
is not http(s) or mailto into plain text. Then nh3 (ammonia) cleans the result against an
explicit allow-list, as defence in depth: the validator already refuses raw HTML (and bidi
controls, which are dropped here too) in incident files. Links get ``rel="noopener nofollow"``;
images become their alternative text.

Markdown instances are reused per thread and ``reset()`` before each conversion, so the output
depends only on the input (reference definitions never leak from one text to the next).
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as etree
from functools import cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

BLOCK_TAGS: frozenset[str] = frozenset(
    {"p", "a", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "br"}
)
INLINE_TAGS: frozenset[str] = frozenset({"a", "strong", "em", "code"})
LINK_REL = "noopener nofollow"

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")  # refused by the validator too
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
    return md


class _Converters(threading.local):
    def __init__(self) -> None:
        self.block = _markdown(inline=False)
        self.inline = _markdown(inline=True)


_converters = _Converters()


def _clean(fragment: str, tags: frozenset[str]) -> str:
    return nh3.clean(
        fragment,
        tags=set(tags),
        attributes={"a": {"href", "title"}},
        attribute_filter=_keep_safe_href,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
        strip_comments=True,
    )


@cache  # a text shows on its page, in feeds, and as a fallback in every other language
def render_markdown(source: str) -> str:
    """Incident text (Markdown, no raw HTML) to safe HTML: paragraphs, emphasis, code, lists,
    quotes and http(s)/mailto links."""
    md = _converters.block
    md.reset()
    return _clean(md.convert(_BIDI_CONTROLS.sub("", source)), BLOCK_TAGS)


def render_inline(source: str) -> str:
    """A one-line text such as a title to safe inline HTML (emphasis, code, links), without a
    ``<p>`` wrapper; line breaks become spaces and block syntax ("# ", "1. ") stays text."""
    md = _converters.inline
    md.reset()
    converted = md.convert(" ".join(_BIDI_CONTROLS.sub("", source).split()))
    return _clean(converted.removeprefix("<p>").removesuffix("</p>"), INLINE_TAGS)
