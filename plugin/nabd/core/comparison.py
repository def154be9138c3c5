"""Comparisons between incidents: "was it worse last time?".

Every incident is *measured* once (duration, platforms, worst status, weighted outage minutes,
time to the first public update, number of updates); the measures are then *ranked* across the
site and each incident gets a *comparison set*: the incidents its page compares it with.

Choices worth knowing:

* Only incidents of kind ``incident`` that have started by ``now`` are measured; maintenance is
  left out of every comparison. An ongoing incident is measured as it stands at ``now``.
* A ``confidence: low`` record is measured but is *not comparable*: it is left out of ranks and
  of every comparison set, its own included (its page says so), even when another incident's
  ``compare_with`` names it.
* A platform is *hit* by an incident when its worst status there is a partial or major outage;
  ``degraded_performance`` or ``under_maintenance`` alone is not a hit. So the comparison
  sentence never says a platform was "hit" when it was only slow, and says "only degraded"
  where that is what happened.
* A platform is only said to be missing from an incident if it was tracked then
  (``Platform.tracked_since``): Threads did not exist in 2021, so it was not "spared" then.
* Ties in ranks share a position (1, 2, 2, 4). "Longest since" names the most recent earlier
  incident *at least* as long: everything between the two was strictly shorter.
* Incidents are ordered by ``(started_at, id)``; "earlier" means before in that order for
  ranks, and a strictly earlier start for comparison candidates.

Cost: measuring is linear in the number of impacts (times a log for sorting), ranks are
O(n log n), and choosing comparison sets looks at no more than ``SCAN_LIMIT`` recent incidents
per shared platform, so the whole site costs O(n · p · SCAN_LIMIT) for p platforms per incident,
never O(n²). The price of the bound: an incident older than the ``SCAN_LIMIT`` most recent
earlier ones on each of its platforms is not a candidate for automatic comparison (landmarks
and ``compare_with`` are unaffected).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from babel.lists import format_list

from .l10n import Numerals, format_integer, translations
from .models import ComponentStatus, Confidence, Figure, Impact, Incident, Kind, Platform
from .uptime import DEFAULT_WEIGHTS, status_segments

SCAN_LIMIT = 50
"""How many of the most recent earlier incidents per platform are candidates for comparison."""

HIT_STATUSES: frozenset[ComponentStatus] = frozenset(
    {ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.MAJOR_OUTAGE}
)
"""The statuses that count as a platform being hit (an outage, not a slowdown)."""

_ZERO = timedelta(0)

T = TypeVar("T", timedelta, float)


# -- measures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlatformMeasure:
    """One platform as one incident hit it: from its first impact there to its last end."""

    platform: str
    worst: ComponentStatus
    duration: timedelta
    weighted_minutes: float

    @property
    def hit(self) -> bool:
        return self.worst in HIT_STATUSES


@dataclass(frozen=True)
class Measures:
    """The measures of one incident at ``now``.

    ``time_to_first_update`` is clamped to zero when the first update precedes the first impact
    (a warning posted before the impact began); ``None`` when there is no update.
    ``weighted_minutes`` is Σ over platforms of weight × minutes, overlapping impacts on one
    platform counted once at the worst status of each instant. ``per_platform`` follows
    ``platforms`` (every platform with an impact, in the file's order).
    """

    incident_id: str
    started_at: datetime
    duration: timedelta
    platforms: tuple[str, ...]
    worst: ComponentStatus
    weighted_minutes: float
    time_to_first_update: timedelta | None
    updates: int
    ongoing: bool
    per_platform: tuple[PlatformMeasure, ...]

    @property
    def hit(self) -> tuple[str, ...]:
        """The platforms hit by an outage (partial or major), in the file's order."""
        return tuple(p.platform for p in self.per_platform if p.hit)

    def on(self, platform: str) -> PlatformMeasure | None:
        return next((p for p in self.per_platform if p.platform == platform), None)


def measure(
    incident: Incident,
    now: datetime,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
) -> Measures:
    """The measures of one incident; an ongoing one counts until ``now``."""
    start = incident.started_at
    end = incident.ended_at
    ongoing = end is None
    by_platform: dict[str, list[Impact]] = defaultdict(list)
    for impact in incident.impacts:
        by_platform[impact.platform].append(impact)
    per_platform = []
    for platform in incident.platforms:
        impacts = by_platform[platform]
        seconds = sum(
            weights.get(s.status, 0.0) * (s.end - s.start).total_seconds()
            for s in status_segments(impacts, now)
        )
        # Not ongoing means every impact has ended (``Incident.ended_at``).
        last = now if ongoing else max(i.end for i in impacts if i.end is not None)
        per_platform.append(
            PlatformMeasure(
                platform=platform,
                worst=max((i.status for i in impacts), key=lambda s: s.severity),
                duration=max(_ZERO, last - min(i.start for i in impacts)),
                weighted_minutes=seconds / 60,
            )
        )
    first_update = incident.updates[0].at - start if incident.updates else None
    return Measures(
        incident_id=incident.id,
        started_at=start,
        duration=max(_ZERO, (end or now) - start),
        platforms=incident.platforms,
        worst=incident.worst_status,
        weighted_minutes=sum(p.weighted_minutes for p in per_platform),
        time_to_first_update=None if first_update is None else max(_ZERO, first_update),
        updates=len(incident.updates),
        ongoing=ongoing,
        per_platform=tuple(per_platform),
    )


def measure_all(
    incidents: Iterable[Incident],
    now: datetime,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
) -> dict[str, Measures]:
    """The measures of every incident (not maintenance) that has started by ``now``."""
    return {
        i.id: measure(i, now, weights)
        for i in incidents
        if i.kind is Kind.INCIDENT and i.started_at <= now
    }


def comparable(incident: Incident, measures: Mapping[str, Measures]) -> bool:
    """Whether an incident takes part in ranks and comparison sets."""
    return incident.id in measures and incident.confidence is not Confidence.LOW


# -- ranks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlatformRank:
    """An incident among the comparable incidents that hit one platform, by the duration on it.

    ``since`` is the id of the most recent earlier incident on that platform at least as long,
    ``None`` when there is none (the longest on record so far).
    """

    platform: str
    position: int
    of: int
    since: str | None
    since_year: int | None


@dataclass(frozen=True)
class Rank:
    """An incident's place among all comparable incidents (1 = longest, ties share a place).

    ``since``/``since_year``: the most recent earlier incident at least as long, so this one is
    "the longest since <since_year>"; ``None`` means the longest on record at the time.
    """

    incident_id: str
    by_duration: int
    by_weighted_minutes: int
    of: int
    since: str | None
    since_year: int | None
    platforms: tuple[PlatformRank, ...]


def ranks(
    measures: Mapping[str, Measures], incidents: Iterable[Incident], tz: str = "UTC"
) -> dict[str, Rank]:
    """The rank of every comparable incident, in O(n log n); years are counted in ``tz``."""
    zone = ZoneInfo(tz)
    ordered = sorted(
        (measures[i.id] for i in incidents if comparable(i, measures)),
        key=lambda m: (m.started_at, m.incident_id),
    )

    def year(m: Measures | None) -> int | None:
        return None if m is None else m.started_at.astimezone(zone).year

    by_duration = positions([m.duration for m in ordered])
    by_weight = positions([m.weighted_minutes for m in ordered])
    since = previous_at_least([m.duration for m in ordered])

    # Per platform: the incidents that hit it, in start order, by the duration on it.
    per_platform: dict[str, list[tuple[Measures, timedelta]]] = defaultdict(list)
    for m in ordered:
        for p in m.per_platform:
            if p.hit:
                per_platform[p.platform].append((m, p.duration))
    platform_ranks: dict[str, list[PlatformRank]] = defaultdict(list)
    for platform, entries in per_platform.items():
        durations = [d for _, d in entries]
        places = positions(durations)
        befores = previous_at_least(durations)
        for k, (m, _) in enumerate(entries):
            before = None if befores[k] is None else entries[befores[k]][0]
            platform_ranks[m.incident_id].append(
                PlatformRank(
                    platform=platform,
                    position=places[k],
                    of=len(entries),
                    since=None if before is None else before.incident_id,
                    since_year=year(before),
                )
            )

    result = {}
    for k, m in enumerate(ordered):
        before = None if since[k] is None else ordered[since[k]]
        order = {p: n for n, p in enumerate(m.platforms)}
        result[m.incident_id] = Rank(
            incident_id=m.incident_id,
            by_duration=by_duration[k],
            by_weighted_minutes=by_weight[k],
            of=len(ordered),
            since=None if before is None else before.incident_id,
            since_year=year(before),
            platforms=tuple(sorted(platform_ranks[m.incident_id], key=lambda r: order[r.platform])),
        )
    return result


def positions(values: Sequence[T]) -> list[int]:
    """Each value's place from the largest (1), ties sharing a place: 1 + how many are larger."""
    ascending = sorted(values)
    return [len(ascending) - bisect_right(ascending, v) + 1 for v in values]


def previous_at_least(values: Sequence[T]) -> list[int | None]:
    """For each index, the nearest earlier index whose value is at least as large, or ``None``.

    A monotonic stack: it keeps the indices whose values strictly decrease from the bottom, so
    each index is pushed and popped once: O(n).
    """
    stack: list[int] = []
    result: list[int | None] = []
    for k, value in enumerate(values):
        while stack and values[stack[-1]] < value:
            stack.pop()
        result.append(stack[-1] if stack else None)
        stack.append(k)
    return result


# -- comparison sets ---------------------------------------------------------------------------


class ComparisonIndex:
    """The comparable incidents, indexed by platform, to choose comparison sets quickly.

    Built once for the site in O(n log n); each ``comparison_set`` then scans at most
    ``scan_limit`` incidents per platform of the incident.
    """

    def __init__(
        self,
        incidents: Iterable[Incident],
        measures: Mapping[str, Measures],
        scan_limit: int = SCAN_LIMIT,
    ) -> None:
        self.measures = measures
        self.scan_limit = scan_limit
        self.comparable: dict[str, Incident] = {
            i.id: i for i in incidents if comparable(i, measures)
        }
        ordered = sorted(self.comparable, key=lambda i: (measures[i].started_at, i))
        by_platform: dict[str, list[str]] = defaultdict(list)
        landmarks: dict[str, list[str]] = defaultdict(list)
        for incident_id in ordered:
            for platform in measures[incident_id].platforms:
                by_platform[platform].append(incident_id)
                if self.comparable[incident_id].landmark:
                    landmarks[platform].append(incident_id)
        self._ids = dict(by_platform)
        self._starts = {p: [measures[i].started_at for i in ids] for p, ids in by_platform.items()}
        self._landmarks = dict(landmarks)

    def earlier_on(self, platform: str, start: datetime) -> list[str]:
        """The ``scan_limit`` most recent incidents on ``platform`` that started before
        ``start``, oldest first."""
        ids = self._ids.get(platform, [])
        end = bisect_left(self._starts.get(platform, []), start)
        return ids[max(0, end - self.scan_limit) : end]

    def landmarks_on(self, platform: str) -> list[str]:
        return self._landmarks.get(platform, [])


def comparison_set(
    incident: Incident, index: ComparisonIndex, max_similar: int = 3
) -> tuple[str, ...]:
    """The ids an incident's page compares it with, in the order to show them.

    Its ``compare_with`` list when it has one (order kept, ids that are not comparable skipped,
    no landmark added: the author chose). Otherwise the ``max_similar`` most similar earlier
    incidents (most shared platforms, then the closest weighted minutes, then the most recent)
    followed by every landmark sharing a platform, earlier or later, oldest first. Platforms are
    shared when both incidents have an impact on them, whatever its status. A non-comparable
    incident (maintenance, low confidence, not yet started) is compared with nothing.
    """
    if incident.id not in index.comparable:
        return ()
    if incident.compare_with:
        chosen = (i for i in incident.compare_with if i in index.comparable and i != incident.id)
        return tuple(dict.fromkeys(chosen))
    this = index.measures[incident.id]
    here = set(this.platforms)
    candidates = {c for p in this.platforms for c in index.earlier_on(p, this.started_at)}

    def similarity(candidate: str) -> tuple[int, float, float, str]:
        other = index.measures[candidate]
        shared = len(here.intersection(other.platforms))
        closeness = abs(math.log((this.weighted_minutes + 1) / (other.weighted_minutes + 1)))
        return (-shared, closeness, -other.started_at.timestamp(), candidate)

    similar = heapq.nsmallest(max_similar, candidates, key=similarity)
    landmarks = sorted(
        {lm for p in this.platforms for lm in index.landmarks_on(p)} - {incident.id},
        key=lambda i: (index.measures[i].started_at, i),
    )
    return tuple(dict.fromkeys([*similar, *landmarks]))


# -- comparing two incidents -------------------------------------------------------------------


@dataclass(frozen=True)
class FigurePair:
    """Two incidents' attributed figures with the same key, each with its own source."""

    key: str
    here: Figure
    there: Figure


@dataclass(frozen=True)
class Comparison:
    """This incident against another.

    Ratios are this / other, ``None`` when undefined (the other's value is zero or missing).
    ``platforms_only_here``: hit here, not hit there; ``platforms_only_there``: hit there, not
    hit here, of which ``platforms_degraded_here`` were degraded here. A platform not tracked
    yet when the incident without it started is left out of both.
    """

    other_id: str
    duration_ratio: float | None
    weighted_minutes_ratio: float | None
    first_update_ratio: float | None
    platforms_only_here: tuple[str, ...]
    platforms_only_there: tuple[str, ...]
    platforms_degraded_here: tuple[str, ...]
    shared_figures: tuple[FigurePair, ...]


def compare(
    this: Measures,
    other: Measures,
    this_incident: Incident,
    other_incident: Incident,
    *,
    platforms: Mapping[str, Platform],
) -> Comparison:
    """How ``this`` incident compares with ``other``; ``platforms`` gives ``tracked_since``."""

    def tracked(platform: str, at: datetime) -> bool:
        known = platforms.get(platform)
        return known is None or at.date() >= known.tracked_since

    hit_here, hit_there = set(this.hit), set(other.hit)
    only_here = tuple(p for p in this.hit if p not in hit_there and tracked(p, other.started_at))
    only_there = tuple(p for p in other.hit if p not in hit_here and tracked(p, this.started_at))
    degraded = tuple(
        p
        for p in only_there
        if (m := this.on(p)) is not None and m.worst is ComponentStatus.DEGRADED_PERFORMANCE
    )
    theirs: dict[str, Figure] = {}
    for figure in other_incident.figures:
        theirs.setdefault(figure.key, figure)
    mine: dict[str, Figure] = {}
    for figure in this_incident.figures:
        mine.setdefault(figure.key, figure)
    return Comparison(
        other_id=other.incident_id,
        duration_ratio=_ratio(this.duration, other.duration),
        weighted_minutes_ratio=_ratio(this.weighted_minutes, other.weighted_minutes),
        first_update_ratio=_ratio(this.time_to_first_update, other.time_to_first_update),
        platforms_only_here=only_here,
        platforms_only_there=only_there,
        platforms_degraded_here=degraded,
        shared_figures=tuple(FigurePair(k, f, theirs[k]) for k, f in mine.items() if k in theirs),
    )


def _ratio(a: timedelta | float | None, b: timedelta | float | None) -> float | None:
    if a is None or b is None or not b:
        return None
    return a / b


# -- the sentence on an incident page ----------------------------------------------------------

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
