"""Dates, times, numbers and lists in any language, through Babel (CLDR): pure functions of
their arguments, cached because the same values recur across thousands of pages.

Choices worth knowing:

- Dates and times follow the language's own CLDR patterns (skeletons): "March 5, 2024",
  "5 mars 2024", "5 مارس 2024", "2024年3月5日"; times are 24-hour ("15:00").
- Percentages are floored, never rounded up: any downtime shows below 100.00%.
- Figures keep every decimal they were written with: 0.000001 is not "0".
- Digits are Latin (0–9) in every language, as the example's readers write them.
- Babel's own numeric patterns may carry bidi marks (U+200F): ``strip_bidi_marks`` removes them
  where text is read by machines or goes into an attribute.

What needs words (a duration's joining "and", "less than a minute", a zone's phrasing) is in
``language.py``, where the catalogs are.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from functools import cache
from typing import Literal

from babel import Locale
from babel.core import get_global
from babel.dates import format_skeleton, get_timezone, get_timezone_location
from babel.lists import format_list as _babel_list
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit

from nabd.core.model.languages import locale_of

Direction = Literal["ltr", "rtl"]

_BIDI_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@cache
def babel_locale(lang: str) -> Locale:
    """Babel's locale for ``lang``; a language CLDR does not know is formatted as English."""
    return locale_of(lang) or Locale("en")


@cache
def direction(lang: str) -> Direction:
    """The language's writing direction, from CLDR: Arabic, Persian, Urdu, Hebrew are rtl."""
    return "rtl" if babel_locale(lang).text_direction == "rtl" else "ltr"


def first_strong_direction(text: str) -> Direction | None:
    """The direction of ``text``'s first strong character (a letter), as apps take a line's
    direction from it; ``None`` when it has none (digits, punctuation, a link)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def has_right_to_left(text: str) -> bool:
    """Whether ``text`` has a right-to-left letter (Arabic, Hebrew...)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


@cache
def writes_latin(lang: str) -> bool:
    """Whether the language is written in Latin script (CLDR's likely subtags: "en" is
    "en_Latn_US", "ar" is "ar_Arab_EG")."""
    locale, likely = babel_locale(lang), get_global("likely_subtags")
    return "_Latn" in (likely.get(str(locale)) or likely.get(locale.language, ""))


def strip_bidi_marks(text: str) -> str:
    """``text`` without bidi marks and controls (LRM, RLM, ALM, embeddings, isolates), for
    attributes such as ``title`` or ``aria-label`` and for machine-read outputs."""
    return _BIDI_MARKS.sub("", text)


# -- dates and times ---------------------------------------------------------------------------


@cache
def format_date(day: date, lang: str) -> str:
    """A calendar day: "March 5, 2024", "5 مارس 2024" (convert a moment to the site's
    timezone first)."""
    return format_skeleton("yMMMMd", day, locale=babel_locale(lang))


@cache
def format_short_date(day: date, lang: str) -> str:
    """A day with an abbreviated month: "Mar 5, 2024"."""
    return format_skeleton("yMMMd", day, locale=babel_locale(lang))


@cache
def format_month(year: int, month: int, lang: str) -> str:
    """A month of a year: "March 2024", "مارس 2024"."""
    return format_skeleton("yMMMM", date(year, month, 1), locale=babel_locale(lang))


@cache
def format_time(moment: datetime, lang: str, tz: str) -> str:
    """The time of day of ``moment`` in ``tz``, 24-hour: "15:00"."""
    local = _aware(moment).astimezone(get_timezone(tz))
    return format_skeleton("Hm", local, locale=babel_locale(lang))


@cache
def join_date_time(day: str, time: str, lang: str) -> str:
    """A day and a time as the language joins them: "Mar 5, 2024, 15:00", "5 مارس 2024، 15:00"."""
    glue = str(babel_locale(lang).datetime_formats["medium"])  # "{1}, {0}" / "{1}، {0}"
    return glue.replace("{1}", day).replace("{0}", time)


@cache
def zone_city(lang: str, tz: str) -> str:
    """The city a zone is named after, in the language: "Riyadh", "الرياض", "Riyad"."""
    return get_timezone_location(get_timezone(tz), locale=babel_locale(lang), return_city=True)


def has_daylight_saving(tz: str, around: datetime) -> bool:
    """Whether the clocks of ``tz`` change in the year around ``around``."""
    zone = get_timezone(tz)
    offsets = {
        (around.replace(tzinfo=None) + timedelta(days=30 * month)).replace(tzinfo=zone).utcoffset()
        for month in range(-6, 7)
    }
    return len(offsets) > 1


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: every moment needs an offset")
    return moment


# -- numbers and lists -------------------------------------------------------------------------


@cache
def format_percent_floor(fraction: float, lang: str, digits: int = 2) -> str:
    """``fraction`` as a percentage with ``digits`` decimals, floored: 0.99996 is "99.99%",
    never "100.00%"."""
    if digits < 0:
        raise ValueError("digits must be >= 0")
    floored = Decimal(repr(float(fraction))).quantize(
        Decimal(1).scaleb(-(digits + 2)), rounding=ROUND_FLOOR
    )
    locale = babel_locale(lang)
    pattern = locale.percent_formats[None].pattern  # "#,##0%"
    if digits:
        pattern = re.sub(r"0(?=[^0]*$)", "0." + "0" * digits, pattern, count=1)
    return format_percent(floored, pattern, locale=locale, numbering_system="latn")


@cache
def format_number(number: float | int | Decimal, lang: str) -> str:
    """A number with the language's separators and up to three decimals: "1,234.5"."""
    return format_decimal(number, locale=babel_locale(lang), numbering_system="latn")


@cache
def format_integer(number: int, lang: str) -> str:
    """A whole number with the language's group separator: "550,000"."""
    return format_decimal(int(number), "#,##0", locale=babel_locale(lang), numbering_system="latn")


def format_figure(number: Decimal, lang: str) -> str:
    """A figure as written, every decimal kept: "0.000001", "1.50", "550,000". (Not cached:
    Decimal("1.50") equals Decimal("1.5"), and each is written as it is.)"""
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(number, pattern, locale=babel_locale(lang), numbering_system="latn")


@cache
def format_unit_long(value: int, unit: str, lang: str) -> str:
    """``value`` of a CLDR unit (``duration-hour``) in full words, with the language's plural
    forms: "2 hours", "ساعتان", "2 heures"."""
    return format_unit(
        value, unit, length="long", locale=babel_locale(lang), numbering_system="latn"
    )


def format_list(items: list[str], lang: str, *, alternatives: bool = False) -> str:
    """ "A, B and C" as the language writes it: "A وB وC", "A, B et C"; with
    ``alternatives``, "A, B or C"."""
    style = "or" if alternatives else "standard"
    return _babel_list(items, style=style, locale=babel_locale(lang)) if items else ""
