"""The comparison sentence on an incident page, in one language."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

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
_NEXT_CLAUSE = N_("%(clauses)s, %(clause)s")
_LAST_CLAUSE = N_("%(clauses)s, and %(clause)s")
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
    long as the October 4, 2021 outage (6 h 51 min), and Messenger was not hit this time."

    Durations are said as the sources support them ("about 2 h", "2 h to 2 h 30 min"); an
    outage is called shorter or longer than another only when it was so whatever the true times
    were, and "about as long" when their ranges overlap.
    """
    lang = language.code
    reference = language.gettext("the %(date)s outage (%(duration)s)") % {
        "date": language.day_of(other.started_at),
        "duration": language.span(other.span),
    }
    values = {
        "duration": language.span(this.span),
        "comparison": _relation_phrase(comparison, reference, language),
    }

    def names(ids: Iterable[str]) -> str:
        return language.list(
            [platforms[p].name.get(lang).text if p in platforms else p for p in ids]
        )

    not_hit = [
        p for p in comparison.platforms_only_there if p not in comparison.platforms_degraded_here
    ]
    clauses = [
        language.ngettext(*forms, len(ids)) % {"platforms": names(ids)}
        for forms, ids in (
            (_NOT_HIT, not_hit),
            (_DEGRADED, comparison.platforms_degraded_here),
            (_ONLY_HERE, comparison.platforms_only_here),
        )
        if ids
    ]
    if not clauses:
        return language.gettext("%(duration)s: %(comparison)s.") % values
    values["differences"] = join_clauses(clauses, language)
    return language.gettext("%(duration)s: %(comparison)s, and %(differences)s.") % values


def join_clauses(clauses: list[str], language: Language) -> str:
    """Clauses joined as a sentence joins them ("A, B and C"; «أ، وب، وج»), not as a list of
    names: CLDR's list patterns are for names, and run clauses together in Arabic."""
    joined = clauses[0]
    for k, clause in enumerate(clauses[1:], start=2):
        message = _LAST_CLAUSE if k == len(clauses) else _NEXT_CLAUSE
        joined = language.gettext(message) % {"clauses": joined, "clause": clause}
    return joined


def _relation_phrase(comparison: Comparison, reference: str, language: Language) -> str:
    """How long this incident lasted against the other, in words, ``reference`` naming it."""
    values = {"other": reference}
    if comparison.relation == "about":
        return language.gettext("about as long as %(other)s") % values
    ratio = comparison.duration_ratio
    if ratio is None:  # certainly shorter or longer, but by how much the sources do not say
        if comparison.relation == "longer":
            return language.gettext("longer than %(other)s") % values
        return language.gettext("shorter than %(other)s") % values
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
        return language.ngettext(*_TIMES, times) % values
    return language.gettext(msgid) % values
