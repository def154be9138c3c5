"""The comparison sentence on an incident page, in one language."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import timedelta

from nabd.core.analysis.comparisons import Comparison
from nabd.core.analysis.measures import Measures
from nabd.core.model.models import (
    Platform,
)
from nabd.core.present.catalogs import N_, plural
from nabd.core.present.language import Language

# The fractions a ratio below 0.9 is rounded to (the nearest in log scale), with their phrases.
_FRACTIONS: tuple[tuple[float, str], ...] = (
    (1 / 10, N_("about a tenth as long as %(other)s")),
    (1 / 5, N_("about a fifth as long as %(other)s")),
    (1 / 4, N_("about a quarter as long as %(other)s")),
    (1 / 3, N_("about a third as long as %(other)s")),
    (1 / 2, N_("about half as long as %(other)s")),
    (2 / 3, N_("about two thirds as long as %(other)s")),
    (3 / 4, N_("about three quarters as long as %(other)s")),
)
_TIMES = plural(
    "about %(num)s time as long as %(other)s", "about %(num)s times as long as %(other)s"
)
_NOT_HIT = plural("%(platforms)s was not hit this time", "%(platforms)s were not hit this time")
_DEGRADED = plural(
    "%(platforms)s was only degraded this time",
    "%(platforms)s were only degraded this time",
)
_ONLY_HERE = plural(
    "%(platforms)s was hit this time but not then",
    "%(platforms)s were hit this time but not then",
)


def comparison_sentence(
    this: Measures,
    other: Measures,
    comparison: Comparison,
    language: Language,
    *,
    platforms: Mapping[str, Platform],
) -> str:
    """One plain-text sentence (escape it when rendering), e.g. "2 h 15 min: about a third as
    long as the 4 October 2021 outage (6 h 51 min), and WhatsApp was only degraded this time."
    """
    t = language
    lang = language.code
    format_duration = language.duration
    reference = t.gettext("the %(date)s outage (%(duration)s)") % {
        "date": language.day_of(other.started_at),
        "duration": format_duration(other.duration),
    }
    duration = format_duration(this.duration)
    if this.ongoing:
        duration = t.gettext("%(duration)s so far") % {"duration": duration}
    values = {
        "duration": duration,
        "comparison": _ratio_phrase(this.duration, other.duration, reference, language),
    }

    def names(ids: Iterable[str]) -> str:
        return language.list(
            [platforms[p].name.get(lang).text if p in platforms else p for p in ids]
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
    values["differences"] = language.list(clauses)
    return t.gettext("%(duration)s: %(comparison)s, and %(differences)s.") % values


def _ratio_phrase(this: timedelta, other: timedelta, reference: str, language: Language) -> str:
    """How long ``this`` lasted against ``other``, in words, ``reference`` naming the other."""
    t = language
    values = {"other": reference}
    if not other:
        if this:
            return t.gettext("longer than %(other)s") % values
        return t.gettext("about as long as %(other)s") % values
    ratio = this / other
    if ratio < 0.1:
        msgid = N_("less than a tenth as long as %(other)s")
    elif ratio < 0.9:
        _, msgid = min(_FRACTIONS, key=lambda f: abs(math.log(ratio / f[0])))
    elif ratio <= 1.1:
        msgid = N_("about as long as %(other)s")
    elif ratio < 1.25:
        msgid = N_("a little longer than %(other)s")
    elif ratio < 1.75:
        msgid = N_("about one and a half times as long as %(other)s")
    else:
        times = math.floor(ratio + 0.5)
        values["num"] = language.integer(times)
        return t.ngettext(*_TIMES, times) % values
    return t.gettext(msgid) % values
