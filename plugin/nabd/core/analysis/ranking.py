"""Ranks of incidents across the site: by duration, by weighted outage minutes, and "the
longest since"."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from nabd.core.analysis.measures import Measures, comparable
from nabd.core.analysis.spans import Span
from nabd.core.model.models import (
    Incident,
)


@dataclass(frozen=True)
class Place:
    """A place from the longest (1). Where durations are known only as ranges, the place is a
    range too: ``best`` counts only what was certainly longer, ``worst`` also what may have
    been; a single number when they agree. Ties share a place (1, 2, 2, 4)."""

    best: int
    worst: int

    @property
    def is_exact(self) -> bool:
        return self.best == self.worst


@dataclass(frozen=True)
class PlatformRank:
    """An incident among the comparable incidents that hit one platform, by the span there.

    ``since`` is the id of the most recent earlier incident on that platform that may have
    lasted as long, ``None`` when there is none (the longest of this record so far).
    """

    platform: str
    place: Place
    of: int
    since: str | None
    since_year: int | None


@dataclass(frozen=True)
class Rank:
    """An incident's place among all comparable incidents, by duration and by weighted outage
    minutes. ``since``/``since_year``: the most recent earlier incident that may have lasted as
    long, so this one is "the longest of this record since <since_year>" (every incident in
    between was certainly shorter); ``None``: the longest of this record when it happened."""

    incident_id: str
    by_duration: Place
    by_weighted_minutes: Place
    of: int
    since: str | None
    since_year: int | None
    platforms: tuple[PlatformRank, ...]


Bounds = tuple[float, float | None]
"""A measure as a range: at least the first, at most the second (``None``: no bound)."""


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

    durations = [_seconds(m.span) for m in ordered]
    by_duration = places(durations)
    by_weight = places([(m.weighted_minutes, m.weighted_minutes_most) for m in ordered])
    since = previous_maybe_as_long(durations)

    # Per platform: the incidents that hit it, in start order, by the span there.
    per_platform: dict[str, list[tuple[Measures, Bounds]]] = defaultdict(list)
    for m in ordered:
        for p in m.per_platform:
            if p.hit:
                per_platform[p.platform].append((m, _seconds(p.span)))
    platform_ranks: dict[str, list[PlatformRank]] = defaultdict(list)
    for platform, entries in per_platform.items():
        bounds = [b for _, b in entries]
        found = places(bounds)
        befores = previous_maybe_as_long(bounds)
        for k, (m, _) in enumerate(entries):
            before = None if befores[k] is None else entries[befores[k]][0]
            platform_ranks[m.incident_id].append(
                PlatformRank(
                    platform=platform,
                    place=found[k],
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


def _seconds(span: Span) -> Bounds:
    longest = None if span.longest is None or span.ongoing else span.longest.total_seconds()
    return span.shortest.total_seconds(), longest


def places(values: Sequence[Bounds]) -> list[Place]:
    """Each value's place from the largest: best = 1 + how many others are certainly larger
    (their least above its most), worst = 1 + how many others may be larger (their most above
    its least). Equal exact values share a place. O(n log n)."""
    lows = sorted(low for low, _ in values)
    highs = sorted(high for _, high in values if high is not None)
    unbounded = len(values) - len(highs)
    result = []
    for low, high in values:
        larger = 0 if high is None else len(lows) - bisect_right(lows, high)
        may_be_larger = len(highs) - bisect_right(highs, low) + unbounded
        if high is None or high > low:
            may_be_larger -= 1  # itself
        result.append(Place(best=larger + 1, worst=may_be_larger + 1))
    return result


def previous_maybe_as_long(values: Sequence[Bounds]) -> list[int | None]:
    """For each index, the nearest earlier index whose value may be at least as large (its
    most reaches this one's least), or ``None``: every value in between is certainly smaller.

    A stack of earlier indices whose highs strictly decrease from the bottom (a nearer index
    with a high at least as large hides an older one from every later question), searched by
    bisection for the nearest high that reaches the asked least: O(n log n).
    """
    infinite = float("inf")
    stack: list[int] = []
    highs: list[float] = []  # the negated highs of ``stack``, increasing, for bisection
    result: list[int | None] = []
    for k, (low, high) in enumerate(values):
        # the last stack entry whose high >= low, i.e. whose -high <= -low
        found = bisect_right(highs, -low) - 1
        result.append(stack[found] if found >= 0 else None)
        top = infinite if high is None else high
        while stack and -highs[-1] <= top:
            stack.pop()
            highs.pop()
        stack.append(k)
        highs.append(-top)
    return result


# -- comparison sets ---------------------------------------------------------------------------
