"""Text from a file or the command line, written into Markdown so that it shows as typed."""

from __future__ import annotations

import unicodedata

from nabd.core.model.characters import one_line
from nabd.core.present.text import markdown_literal

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def markdown_text(text: str) -> str:
    """``text`` as Markdown that shows it as typed, on one line.

    Every ASCII punctuation is backslash-escaped, which CommonMark allows for each of them:
    no emphasis, link, image, HTML tag, entity, table cell, emoji code, autolink or mention
    survives. Line breaks and other control characters become spaces; bidi controls, which
    could reorder what a reader sees, are dropped.
    """
    kept = "".join(
        " " if unicodedata.category(c) in {"Cc", "Zl", "Zp"} else c
        for c in text
        if c not in _BIDI_CONTROLS
    )
    return markdown_literal(one_line(kept))
