"""Status badges: ``badges/<id>.svg`` and shields.io endpoint JSON, in one language.

The SVG is a shields.io-style "flat" badge: a grey label (the platform's name) first, then the
status in its colour, white text with a faint shadow. "First" is where the badge's language
reads from: the label is on the left in English and on the right in Arabic, so a reader meets
«فيسبوك» before «يعمل بشكل طبيعي». Each text is centred in its box (``text-anchor`` ``middle``
works in both directions) and carries ``direction="rtl"`` when it is right-to-left.

A box is as wide as its text, measured with the advance widths of DejaVu Sans at 11 px
(``badge_widths.json``, written by ``tools/make_badge_widths.py``; DejaVu Sans follows
Verdana's Latin metrics, the badge's first font), plus 5 px of padding on each side.
Arabic letters are measured in the form they take in the word (initial, medial, final or
isolated, with the lam-alef ligature), which the font's shaping would choose; Arabic runs then
get a 5 % margin because a reader without DejaVu Sans sees them in another font (Tahoma, Geeza
Pro, Noto...), whose widths the table does not know. A character missing from the table counts
as 0.6 × the width of "M"; combining marks and format characters count nothing.

The endpoint JSON (https://shields.io/badges/endpoint-badge) lets shields.io draw the same
badge, or a platform's uptime over 30 or 90 days: ``api/badges/<id>.json``,
``api/badges/<id>/uptime-30d.json``, ``api/badges/<id>/uptime-90d.json``. Uptime is floored
like on the pages, and coloured green from 99.9 %, amber from 99 %, red below.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from functools import cache
from html import escape
from importlib.resources import files
from math import ceil
from typing import Any

from nabd.core.analysis.analysis import Analysis
from nabd.core.model.characters import xml_safe
from nabd.core.model.models import ComponentStatus
from nabd.core.present import l10n
from nabd.core.present.catalogs import N_
from nabd.core.present.formats import dump
from nabd.core.present.labels import COMPONENT_STATUS
from nabd.core.present.language import Language

FONT_FAMILY = "Verdana,DejaVu Sans,sans-serif"
FONT_SIZE = 11
HEIGHT = 20
PADDING = 5
"""Space between a box's edge and its text, in px, on each side."""
ARABIC_MARGIN = 1.05
"""Arabic runs are counted 5 % wider: see the module's docstring."""
LABEL_COLOR = "555"

STATUS_COLORS: Mapping[ComponentStatus, str] = {
    ComponentStatus.OPERATIONAL: "1b6e32",
    ComponentStatus.DEGRADED_PERFORMANCE: "8a5a00",
    ComponentStatus.PARTIAL_OUTAGE: "b3440e",
    ComponentStatus.MAJOR_OUTAGE: "b3261e",
    ComponentStatus.UNDER_MAINTENANCE: "1a5fb4",
}
"""Hex colours (no ``#``, as shields.io takes them) on which white text is readable."""

UPTIME_COLORS: tuple[tuple[float, str], ...] = (
    (0.999, "1b6e32"),
    (0.99, "8a5a00"),
    (0.0, "b3261e"),
)
"""The colour of an uptime: the first whose threshold it reaches."""
NO_DATA_COLOR = "6e6e6e"

UPTIME_BADGES: Mapping[str, str] = {
    "30d": N_("%(platform)s uptime (30 days)"),
    "90d": N_("%(platform)s uptime (90 days)"),
}
"""The uptime windows (keys of ``uptime.WINDOWS``) that get a badge, and their label's msgid."""

CACHE_SECONDS = 300
"""How long shields.io may cache a badge (its minimum); the site changes only when rebuilt."""

_JOIN_CAUSING = frozenset("\u0640\u200d")  # tatweel, zero width joiner


@cache
def _table() -> dict[str, Any]:
    return json.loads(
        (files("nabd") / "core" / "edition" / "outputs" / "badge_widths.json").read_text("utf-8")
    )


def text_width(text: str) -> float:
    """The width of ``text`` in px at the badge's font size (see the module's docstring)."""
    table = _table()
    letters = [ch for ch in text if not _is_transparent(ch)]
    other = arabic = 0.0
    index = 0
    while index < len(letters):
        ch = letters[index]
        before = letters[index - 1] if index else None
        after = letters[index + 1] if index + 1 < len(letters) else None
        joins_before = before is not None and _joins_after(before) and _joins_before(ch)
        ligature = table["ligatures"].get(_key(ch, after)) if after else None
        if ligature is not None:
            width = ligature["final" if joins_before else "isolated"]
            index += 2
        else:
            joins_after = after is not None and _joins_after(ch) and _joins_before(after)
            width = _advance(ch, _FORMS[joins_before, joins_after])
            index += 1
        if _is_arabic(ch):
            arabic += width
        else:
            other += width
    return (other + arabic * ARABIC_MARGIN) * FONT_SIZE / table["units_per_em"]


_FORMS = {
    (False, False): "isolated",
    (False, True): "initial",
    (True, True): "medial",
    (True, False): "final",
}
"""A letter's form by whether it joins the letter before it and the one after it."""


def _key(*chars: str) -> str:
    """The table's key of a character or a ligature: ``"0627"``, ``"0644 0627"``."""
    return " ".join(f"{ord(ch):04X}" for ch in chars)


def _advance(ch: str, form: str) -> float:
    table = _table()
    width = table["forms"].get(_key(ch), {}).get(form)
    if width is None:
        width = table["advances"].get(_key(ch))
    return 0.6 * table["advances"]["004D"] if width is None else width


def _is_transparent(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me", "Cf") and ch not in _JOIN_CAUSING


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def _joins_before(ch: str) -> bool:
    """Whether ``ch`` connects to the letter before it (right-joining or dual-joining)."""
    return ch in _JOIN_CAUSING or "final" in _table()["forms"].get(_key(ch), {})


def _joins_after(ch: str) -> bool:
    """Whether ``ch`` connects to the letter after it (dual-joining)."""
    return ch in _JOIN_CAUSING or "initial" in _table()["forms"].get(_key(ch), {})


def badge_svg(label: str, message: str, color: str, *, lang: str) -> str:
    """A flat badge: ``label`` on grey, ``message`` on ``color`` (hex, with or without ``#``)."""
    label, message = xml_safe(label), xml_safe(message)
    label_width = ceil(text_width(label)) + 2 * PADDING
    message_width = ceil(text_width(message)) + 2 * PADDING
    width = label_width + message_width
    title = escape(f"{label}: {message}")
    label_x, message_x = (message_width, 0) if l10n.direction(lang) == "rtl" else (0, label_width)
    texts = "".join(
        _text(text, x + box / 2, lang)
        for text, x, box in ((label, label_x, label_width), (message, message_x, message_width))
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}"'
        f' role="img" aria-label="{title}" xml:lang="{escape(lang)}">'
        f"<title>{title}</title>"
        '<linearGradient id="s" x2="0" y2="100%">'
        '<stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{width}" height="{HEIGHT}" rx="3" fill="#fff"/></clipPath>'
        '<g clip-path="url(#r)">'
        f'<rect x="{label_x}" width="{label_width}" height="{HEIGHT}" fill="#{LABEL_COLOR}"/>'
        f'<rect x="{message_x}" width="{message_width}" height="{HEIGHT}"'
        f' fill="#{escape(color.lstrip("#"))}"/>'
        f'<rect width="{width}" height="{HEIGHT}" fill="url(#s)"/></g>'
        f'<g fill="#fff" text-anchor="middle" font-family="{FONT_FAMILY}"'
        f' text-rendering="geometricPrecision" font-size="{FONT_SIZE}">{texts}</g>'
        "</svg>\n"
    )


def _text(text: str, center: float, lang: str) -> str:
    """A text and its shadow, one pixel lower, as shields.io draws them."""
    x = f"{center:g}"
    direction = l10n.first_strong_direction(text) or l10n.direction(lang)
    bidi = ' direction="rtl" unicode-bidi="embed"' if direction == "rtl" else ""
    content = escape(text)
    return (
        f'<text aria-hidden="true" x="{x}" y="15" fill="#010101" fill-opacity=".3"{bidi}>'
        f"{content}</text>"
        f'<text x="{x}" y="14"{bidi}>{content}</text>'
    )


def _endpoint(label: str, message: str, color: str) -> str:
    """A shields.io endpoint document."""
    document = {
        "schemaVersion": 1,
        "label": l10n.strip_bidi_marks(label),
        "message": l10n.strip_bidi_marks(message),
        "color": color,
        "labelColor": LABEL_COLOR,
        "cacheSeconds": CACHE_SECONDS,
    }
    return dump(document)


def uptime_color(uptime: float | None) -> str:
    """The colour of an uptime fraction (``None``: no tracked second)."""
    if uptime is None:
        return NO_DATA_COLOR
    return next(color for threshold, color in UPTIME_COLORS if uptime >= threshold)


def badge_outputs(site: Analysis, language: Language) -> dict[str, str]:
    """Every badge of ``site`` in ``lang``: per platform, its status as SVG and as endpoint
    JSON, and its uptime over each window of ``UPTIME_BADGES`` as endpoint JSON."""
    gettext, lang = language.gettext, language.code
    outputs: dict[str, str] = {}
    for platform in site.platforms:
        name = platform.name.get(lang).text
        status = site.statuses[platform.id]
        message = gettext(COMPONENT_STATUS[status])
        color = STATUS_COLORS[status]
        outputs[f"badges/{platform.id}.svg"] = badge_svg(name, message, color, lang=lang)
        outputs[f"api/badges/{platform.id}.json"] = _endpoint(name, message, color)
        windows = site.uptime[platform.id].windows
        for window, msgid in UPTIME_BADGES.items():
            uptime = windows[window].uptime
            shown = gettext("Not tracked") if uptime is None else language.percent(uptime)
            label = gettext(msgid) % {"platform": name}
            path = f"api/badges/{platform.id}/uptime-{window}.json"
            outputs[path] = _endpoint(label, shown, uptime_color(uptime))
    return outputs
