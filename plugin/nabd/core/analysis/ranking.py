"""Ranks of incidents across the site: by duration, by weighted outage minutes, and "the
longest since"."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from nabd.core.analysis.measures import Measures, comparable
from nabd.core.model.models import (
    Incident,
)

T = TypeVar("T", timedelta, float)


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
