"""Dates, times, durations and numbers in English and Arabic (through Babel), and the UI catalogs.

Every function is pure: the same arguments give the same string. ``numerals`` picks the digits:
``"latn"`` (0123456789, the default) or ``"arab"`` (Arabic-Indic ٠١٢٣٤٥٦٧٨٩, with the Arabic
decimal and group separators and percent sign for numbers).

Choices worth knowing:

- Dates are day-first ("5 March 2024") and times 24-hour ("15:00") in both languages; a moment
  is shown in the site's timezone followed by the zone: its abbreviation where CLDR has one for
  the language ("UTC", "EST"), else the localized offset ("GMT+03:00", "غرينتش+03:00").
- Durations keep at most the two largest non-zero units among days, hours and minutes, the rest
  truncated (never rounded up): "1 h 30 min", "1 d 2 h"; in Arabic through CLDR's long unit
  patterns, which carry the dual and plural forms ("ساعتان و15 دقيقة"). Zero is "0 min";
  anything above zero but under a minute is "< 1 min" ("أقل من دقيقة").
- Percentages are floored, never rounded up: any downtime shows below 100.00%.
- The patterns used here produce no bidi marks; Babel's own numeric date formats do carry
  U+200F, which is useful in visible RTL text but noise in attributes: ``strip_bidi_marks``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from functools import cache
from importlib.resources import files
from io import BytesIO
from typing import Literal

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_skeleton, get_timezone, get_timezone_gmt
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations
from babel.units import format_unit

Numerals = Literal["latn", "arab"]
Direction = Literal["ltr", "rtl"]

DOMAIN = "nabd"
"""The gettext domain: ``locales/<lang>/LC_MESSAGES/nabd.po``."""

_ARABIC_INDIC = str.maketrans("0123456789%", "٠١٢٣٤٥٦٧٨٩٪")
_BIDI_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# English CLDR "short" units are "hr"/"min" and "narrow" ones "h"/"m" without a space; the
# page uses the SI-style symbols "d", "h", "min". Other languages use Babel's long units.
_UNIT_SYMBOLS: dict[str, dict[str, str]] = {
    "en": {"duration-day": "{0} d", "duration-hour": "{0} h", "duration-minute": "{0} min"},
}
_LIST_STYLES: dict[str, str] = {"en": "unit-narrow"}  # "1 h 30 min"; else "standard" ("و")
_LESS_THAN: dict[str, str] = {"en": "< {0}", "ar": "أقل من {0}"}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def to_numerals(text: str, numerals: Numerals = "latn") -> str:
    """``text`` with its ASCII digits (and ``%``) in the given numeral system."""
    if numerals == "latn":
        return text
    if numerals == "arab":
        return text.translate(_ARABIC_INDIC)
    raise ValueError(f"unknown numerals {numerals!r} (use 'latn' or 'arab')")


def strip_bidi_marks(text: str) -> str:
    """``text`` without bidi marks and controls (LRM, RLM, ALM, embeddings, isolates), for
    attributes such as ``title`` or ``aria-label`` and for machine-read outputs."""
    return _BIDI_MARKS.sub("", text)


def direction(lang: str) -> Direction:
    """``"rtl"`` for a right-to-left language such as Arabic, else ``"ltr"``."""
    return "rtl" if _locale(lang).character_order == "right-to-left" else "ltr"


# -- dates and times ---------------------------------------------------------------------------


@cache  # pure, and called with the same values across thousands of pages
def format_date(d: date, lang: str, *, numerals: Numerals = "latn") -> str:
    """A calendar day: "5 March 2024", "5 مارس 2024". A datetime is taken as it is (convert it
    to the site's timezone first)."""
    return to_numerals(_babel_date(d, "d MMMM y", locale=_locale(lang)), numerals)


@cache  # pure, and called with the same values across thousands of pages
def format_month(year: int, month: int, lang: str, *, numerals: Numerals = "latn") -> str:
    """A month of a year: "March 2024", "مارس 2024"."""
    text = format_skeleton("yMMMM", date(year, month, 1), locale=_locale(lang))
    return to_numerals(text, numerals)


def format_zone(dt: datetime, lang: str, tz: str) -> str:
    """The zone of ``tz`` at ``dt``: "UTC", "EST", or else "GMT+03:00" / "غرينتش+03:00"."""
    zone = get_timezone(tz)
    label = _babel_datetime(_aware(dt), "z", tzinfo=zone, locale=_locale(lang))
    if any(ch.isdigit() for ch in label):
        return get_timezone_gmt(_aware(dt).astimezone(zone), "long", locale=_locale(lang))
    return label


def format_time(
    dt: datetime, lang: str, tz: str, *, zone: bool = False, numerals: Numerals = "latn"
) -> str:
    """The time of day of ``dt`` in ``tz``, 24-hour ("15:00"); with ``zone``, "15:00 UTC"."""
    text = _babel_datetime(_aware(dt), "HH:mm", tzinfo=get_timezone(tz), locale=_locale(lang))
    if zone:
        text = f"{text} {format_zone(dt, lang, tz)}"
    return to_numerals(text, numerals)


def format_datetime(
    dt: datetime, lang: str, tz: str, *, zone: bool = True, numerals: Numerals = "latn"
) -> str:
    """A moment in the site's timezone, with its zone: "5 Mar 2024, 15:00 UTC",
    "5 مارس 2024، 18:00 غرينتش+03:00" (without ``zone``: "5 Mar 2024, 15:00")."""
    locale = _locale(lang)
    local = _aware(dt).astimezone(get_timezone(tz))
    day = _babel_date(local, "d MMM y", locale=locale)
    glue = str(locale.datetime_formats["medium"])  # "{1}, {0}" / "{1}، {0}"
    text = glue.replace("{1}", day).replace("{0}", format_time(dt, lang, tz, zone=zone))
    return to_numerals(text, numerals)


def _aware(dt: datetime) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"naive datetime {dt.isoformat()}: every moment needs an offset")
    return dt


# -- durations and numbers ---------------------------------------------------------------------

_UNITS = (("duration-day", 86400), ("duration-hour", 3600), ("duration-minute", 60))


@cache  # pure, and called with the same values across thousands of pages
def format_duration(td: timedelta, lang: str, *, numerals: Numerals = "latn") -> str:
    """A duration in its two largest non-zero units among days, hours and minutes, truncated:
    90 min is "1 h 30 min" / "ساعة و30 دقيقة", 26 h 59 min is "1 d 2 h"."""
    seconds = int(td.total_seconds())
    if seconds < 0:
        raise ValueError(f"negative duration {td}")
    if 0 < seconds < 60:
        less_than = _LESS_THAN.get(lang, "< {0}")
        text = less_than.format(_unit(1, "duration-minute", lang))
    else:
        parts = []
        for unit, size in _UNITS:
            value, seconds = divmod(seconds, size)
            if value:
                parts.append(_unit(value, unit, lang))
        parts = parts[:2] or [_unit(0, "duration-minute", lang)]
        text = format_list(parts, style=_LIST_STYLES.get(lang, "standard"), locale=_locale(lang))
    return to_numerals(text, numerals)


def _unit(value: int, unit: str, lang: str) -> str:
    symbols = _UNIT_SYMBOLS.get(lang)
    if symbols is not None:
        return symbols[unit].format(format_decimal(value, locale=_locale(lang)))
    return format_unit(value, unit, length="long", locale=_locale(lang))


@cache  # pure, and called with the same values across thousands of pages
def format_percent_floor(
    fraction: float, lang: str, digits: int = 2, *, numerals: Numerals = "latn"
) -> str:
    """``fraction`` as a percentage with ``digits`` decimals, floored: 0.99996 is "99.99%",
    never "100.00%"."""
    if digits < 0:
        raise ValueError("digits must be >= 0")
    floored = Decimal(repr(float(fraction))).quantize(
        Decimal(1).scaleb(-(digits + 2)), rounding=ROUND_FLOOR
    )
    locale = _locale(lang)
    pattern = locale.percent_formats[None].pattern  # "#,##0%"
    if digits:
        pattern = re.sub(r"0(?=[^0]*$)", "0." + "0" * digits, pattern, count=1)
    text = format_percent(floored, pattern, locale=locale, numbering_system=numerals)
    return to_numerals(text, numerals)


def format_number(n: float | int | Decimal, lang: str, *, numerals: Numerals = "latn") -> str:
    """A number with the locale's separators and up to three decimals: "1,234.5"."""
    return to_numerals(format_decimal(n, locale=_locale(lang), numbering_system=numerals), numerals)


def format_figure(n: Decimal, lang: str, *, numerals: Numerals = "latn") -> str:
    """A figure as written, every decimal kept: 0.000001 stays "0.000001", not "0"."""
    text = format_decimal(
        n, locale=_locale(lang), numbering_system=numerals, decimal_quantization=False
    )
    return to_numerals(text, numerals)


def format_integer(n: int, lang: str, *, numerals: Numerals = "latn") -> str:
    """A whole number with the locale's group separator: "550,000"."""
    text = format_decimal(int(n), "#,##0", locale=_locale(lang), numbering_system=numerals)
    return to_numerals(text, numerals)


# -- gettext catalogs --------------------------------------------------------------------------


def load_catalog(lang: str) -> Catalog:
    """A fresh copy of the catalog ``locales/<lang>/LC_MESSAGES/nabd.po``."""
    po = files("nabd") / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        raise LookupError(f"no message catalog for language {lang!r}")
    return read_po(BytesIO(po.read_bytes()), locale=lang, domain=DOMAIN)


@cache
def translations(lang: str) -> Translations:
    """The UI translations of ``lang``, compiled in memory (no .mo file), for Jinja's
    ``install_gettext_translations``. An empty msgstr falls back to the msgid (English)."""
    buffer = BytesIO()
    write_mo(buffer, load_catalog(lang))
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def message_ids(lang: str) -> frozenset[str]:
    """The msgids of ``lang``'s catalog (the singular one for plural messages)."""
    ids = (m.id[0] if isinstance(m.id, tuple) else m.id for m in load_catalog(lang))
    return frozenset(i for i in ids if i)
