"""One platform's timeline: the single source of its status at any moment, its segments and
its last change, from which uptime, the daily bars, badges and the API all come.

An impact counts over ``[start, end)`` (the shortest stretch its sources support; see
``Impact``); an open impact counts until "now", and one that starts after now counts nothing
yet. Overlapping impacts count once, at the worst status of each instant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from nabd.core.model.models import CLOSING_UPDATE_STATUSES, ComponentStatus, Impact, Incident

BY_SEVERITY: tuple[ComponentStatus, ...] = tuple(sorted(ComponentStatus, key=lambda s: s.severity))
SEVERITY: dict[ComponentStatus, int] = {s: s.severity for s in ComponentStatus}


@dataclass(frozen=True)
class Segment:
    """A stretch of time ``[start, end)`` (UTC) during which the worst status was ``status``."""

    start: datetime
    end: datetime
    status: ComponentStatus


@dataclass(frozen=True)
class Tagged:
    """An impact with the id of its incident."""

    incident_id: str
    impact: Impact
    latest_end: datetime | None
    """The latest the impact can have ended: its end's latest time; for an end the sources do
    not give, when the record was closed (its closing update); ``None`` while it may go on."""


@dataclass(frozen=True)
class Timeline:
    """A platform's impacts, in start order, and the segments they make up to ``now``."""

    platform: str
    impacts: tuple[Tagged, ...]
    segments: tuple[Segment, ...]
    now: datetime

    def status_at(self, moment: datetime) -> ComponentStatus:
        return worst_open((tagged.impact for tagged in self.impacts), moment)

    @property
    def status_now(self) -> ComponentStatus:
        return self.status_at(self.now)

    def last_change(self) -> datetime | None:
        """When the status last changed at or before now: the start of the status going on,
        else the end of the last segment; ``None`` for a platform that never had one."""
        if not self.segments:
            return None
        last = self.segments[-1]
        return last.start if self.status_now is not ComponentStatus.OPERATIONAL else last.end


def is_open_at(impact: Impact, moment: datetime) -> bool:
    """Whether the impact goes on at ``moment``: ``[start, end)``, open-ended without an end."""
    return impact.start <= moment and (impact.end is None or moment < impact.end)


def worst_open(impacts: Iterable[Impact], moment: datetime) -> ComponentStatus:
    """The worst status among ``impacts`` going on at ``moment`` (operational if none): the one
    rule for "status at a moment", whether over a platform's timeline or one incident's."""
    return max(
        (impact.status for impact in impacts if is_open_at(impact, moment)),
        key=SEVERITY.__getitem__,
        default=ComponentStatus.OPERATIONAL,
    )


def timelines(
    platform_ids: Iterable[str], incidents: Iterable[Incident], now: datetime
) -> dict[str, Timeline]:
    """Every platform's timeline, the impacts grouped in one pass."""
    grouped: dict[str, list[Tagged]] = {pid: [] for pid in platform_ids}
    for incident in incidents:
        for impact in incident.impacts:
            bucket = grouped.get(impact.platform)
            if bucket is not None:
                bucket.append(Tagged(incident.id, impact, _latest_end(impact, incident)))
    now = utc(now)
    result = {}
    for pid, tagged in grouped.items():
        tagged.sort(key=lambda t: (t.impact.start, t.incident_id))
        segments = status_segments((t.impact for t in tagged), now)
        result[pid] = Timeline(pid, tuple(tagged), tuple(segments), now)
    return result


def status_segments(impacts: Iterable[Impact], now: datetime) -> list[Segment]:
    """The timeline of impacts up to ``now``: sorted, disjoint, maximal segments.

    Each instant carries the worst status among the impacts covering it; instants covered by no
    impact are left out (operational). A sweep over the sorted start/end events with a count of
    active impacts per status: O(n log n) in the number of impacts.
    """
    now = utc(now)
    events: list[tuple[datetime, int, int]] = []  # (instant, +1 start / -1 end, severity)
    for impact in impacts:
        span = clip(impact, now)
        if span is not None:
            severity = SEVERITY[impact.status]
            events.append((span[0], 1, severity))
            events.append((span[1], -1, severity))
    events.sort(key=lambda event: event[0])

    active = [0] * len(BY_SEVERITY)
    segments: list[Segment] = []
    current, since = 0, now  # severity 0 is operational
    i = 0
    while i < len(events):
        at = events[i][0]
        # Apply every event at this instant before looking at the worst status, so an impact
        # ending where another starts leaves no zero-length segment.
        while i < len(events) and events[i][0] == at:
            active[events[i][2]] += events[i][1]
            i += 1
        worst = next((s for s in range(len(active) - 1, 0, -1) if active[s]), 0)
        if worst != current:
            if current:
                segments.append(Segment(since, at, BY_SEVERITY[current]))
            current, since = worst, at
    return segments


def clip(impact: Impact, now: datetime) -> tuple[datetime, datetime] | None:
    """The counted part ``[start, end)`` of an impact up to ``now``, in UTC; ``None`` if
    empty."""
    start = utc(impact.start)
    end = now if impact.end is None else min(utc(impact.end), now)
    return (start, end) if start < end else None


def utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a datetime with a UTC offset, got naive {moment.isoformat()}")
    return moment.astimezone(UTC)


def _latest_end(impact: Impact, incident: Incident) -> datetime | None:
    ended = impact.ended
    if ended is None:
        return None
    if ended.latest is not None:
        return ended.latest
    closing = [u for u in incident.updates if u.status in CLOSING_UPDATE_STATUSES]
    if not closing:
        return None
    closed = closing[-1].posted
    return max(ended.earliest, closed.latest or closed.earliest)
