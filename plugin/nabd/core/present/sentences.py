"""The comparison sentence on an incident page, in one language."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta

from babel.lists import format_list

from nabd.core.analysis.comparisons import Comparison
from nabd.core.analysis.measures import Measures
from nabd.core.model.models import (
    Platform,
)
from nabd.core.present.l10n import Numerals, format_integer, translations

# The fractions a ratio below 0.9 is rounded to (the nearest in log scale), with their phrases.
_FRACTIONS: tuple[tuple[float, str], ...] = (
    (1 / 10, "about a tenth as long as %(other)s"),
    (1 / 5, "about a fifth as long as %(other)s"),
    (1 / 4, "about a quarter as long as %(other)s"),
    (1 / 3, "about a third as long as %(other)s"),
    (1 / 2, "about half as long as %(other)s"),
    (2 / 3, "about two thirds as long as %(other)s"),
    (3 / 4, "about three quarters as long as %(other)s"),
)
_TIMES = ("about %(num)s time as long as %(other)s", "about %(num)s times as long as %(other)s")
_NOT_HIT = ("%(platforms)s was not hit this time", "%(platforms)s were not hit this time")
_DEGRADED = (
    "%(platforms)s was only degraded this time",
    "%(platforms)s were only degraded this time",
)
_ONLY_HERE = (
    "%(platforms)s was hit this time but not then",
    "%(platforms)s were hit this time but not then",
)


def comparison_sentence(
    this: Measures,
    other: Measures,
    comparison: Comparison,
    lang: str,
    *,
    platforms: Mapping[str, Platform],
    format_duration: Callable[[timedelta], str],
    format_date: Callable[[datetime], str],
    numerals: Numerals = "latn",
) -> str:
    """One plain-text sentence (escape it when rendering), e.g. "2 h 15 min: about a third as
    long as the 4 October 2021 outage (6 h 51 min), and WhatsApp was only degraded this time."

    ``format_duration`` and ``format_date`` are bound by the caller to the language, the site's
    timezone and numerals; ``format_date`` receives the other incident's start.
    """
    t = translations(lang)
    reference = t.gettext("the %(date)s outage (%(duration)s)") % {
        "date": format_date(other.started_at),
        "duration": format_duration(other.duration),
    }
    duration = format_duration(this.duration)
    if this.ongoing:
        duration = t.gettext("%(duration)s so far") % {"duration": duration}
    values = {
        "duration": duration,
        "comparison": _ratio_phrase(this.duration, other.duration, reference, lang, numerals),
    }

    def names(ids: Iterable[str]) -> str:
        return format_list(
            [platforms[p].name.get(lang).text if p in platforms else p for p in ids], locale=lang
        )

    not_hit = [
        p for p in comparison.platforms_only_there if p not in comparison.platforms_degraded_here
    ]
    clauses = [
        t.ngettext(*forms, len(ids)) % {"platforms": names(ids)}
        for forms, ids in (
            (_NOT_HIT, not_hit),
            (_DEGRADED, comparison.platforms_degraded_here),
            (_ONLY_HERE, comparison.platforms_only_here),
        )
        if ids
    ]
    if not clauses:
        return t.gettext("%(duration)s: %(comparison)s.") % values
    values["differences"] = format_list(clauses, locale=lang)
    return t.gettext("%(duration)s: %(comparison)s, and %(differences)s.") % values


def _ratio_phrase(
    this: timedelta, other: timedelta, reference: str, lang: str, numerals: Numerals
) -> str:
    """How long ``this`` lasted against ``other``, in words, ``reference`` naming the other."""
    t = translations(lang)
    values = {"other": reference}
    if not other:
        return t.gettext("longer than %(other)s" if this else "about as long as %(other)s") % values
    ratio = this / other
    if ratio < 0.1:
        msgid = "less than a tenth as long as %(other)s"
    elif ratio < 0.9:
        _, msgid = min(_FRACTIONS, key=lambda f: abs(math.log(ratio / f[0])))
    elif ratio <= 1.1:
        msgid = "about as long as %(other)s"
    elif ratio < 1.25:
        msgid = "a little longer than %(other)s"
    elif ratio < 1.75:
        msgid = "about one and a half times as long as %(other)s"
    else:
        times = math.floor(ratio + 0.5)
        values["num"] = format_integer(times, lang, numerals=numerals)
        return t.ngettext(*_TIMES, times) % values
    return t.gettext(msgid) % values
