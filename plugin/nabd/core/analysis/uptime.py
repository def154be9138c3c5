"""Uptime of each platform: over fixed windows, and day by day for the daily bars.

The source of all uptime is the impacts of incidents. For one platform they are merged into a
*timeline* of disjoint segments, each carrying the worst status of that instant, so that
overlapping impacts count once. Downtime is then ``Σ weight(status) × seconds`` over the
segments, and uptime is ``1 - downtime / tracked seconds``.

Conventions:

* Time is half-open: an impact from ``start`` to ``end`` covers ``[start, end)``. An open impact
  (``end`` is ``None``) or one ending after ``now`` counts until ``now``; an impact starting at
  or after ``now`` (e.g. scheduled maintenance) counts nothing.
* Tracking of a platform starts at local midnight of ``tracked_since`` *in the site's timezone*,
  the same timezone days are cut in, so a platform's first daily bar is a whole tracked day.
  Nothing before it counts: no downtime, no worst status, no incident.
* Days are cut in the site's timezone: a day runs from local midnight to the next local
  midnight, converted to UTC, so a day may last 23 or 25 hours across a DST change.
* All instants are converted to UTC before any arithmetic: subtracting or comparing two
  datetimes that share a ``ZoneInfo`` uses wall-clock time and is wrong across DST changes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nabd.core.analysis.status import is_open_at
from nabd.core.model.models import ComponentStatus, Impact, Incident, Platform

DEFAULT_WEIGHTS: Mapping[ComponentStatus, float] = MappingProxyType(
    {
        ComponentStatus.OPERATIONAL: 0.0,
        ComponentStatus.UNDER_MAINTENANCE: 0.0,
        ComponentStatus.DEGRADED_PERFORMANCE: 0.0,
        ComponentStatus.PARTIAL_OUTAGE: 0.3,
        ComponentStatus.MAJOR_OUTAGE: 1.0,
    }
)
"""How much of a second in each status counts as downtime (a status not listed weighs 0)."""

WINDOWS: Mapping[str, int | None] = MappingProxyType(
    {"30d": 30, "90d": 90, "365d": 365, "all": None}
)
"""The uptime windows: the last N days (of 86400 s) up to now, or ``None`` for all time."""

DAILY_DAYS = 90
"""How many days the daily bars show, ending with today."""

_BY_SEVERITY: tuple[ComponentStatus, ...] = tuple(sorted(ComponentStatus, key=lambda s: s.severity))
_SEVERITY: dict[ComponentStatus, int] = {s: s.severity for s in ComponentStatus}


@dataclass(frozen=True)
class Segment:
    """A stretch of time ``[start, end)`` (UTC) during which the worst status was ``status``."""

    start: datetime
    end: datetime
    status: ComponentStatus


@dataclass(frozen=True)
class WindowUptime:
    """Uptime over one window; ``uptime`` is ``None`` when no second of it was tracked."""

    uptime: float | None
    downtime_seconds: float
    tracked_seconds: float


@dataclass(frozen=True)
class DayUptime:
    """One daily bar: a local day, counted up to now and from the start of tracking.

    ``incidents`` are the ids of incidents with an impact on the platform during the day,
    whatever its weight (maintenance included). A day with no tracked second (before
    ``tracked_since``) has ``uptime`` ``None``, no downtime, status operational, no incident.
    """

    date: date
    uptime: float | None
    downtime_seconds: float
    worst: ComponentStatus
    incidents: tuple[str, ...]
    tracked_seconds: float

    @property
    def tracked(self) -> bool:
        """Whether any second of the day was tracked (``uptime`` is then not ``None``)."""
        return self.tracked_seconds > 0


@dataclass(frozen=True)
class PlatformUptime:
    """A platform's status now, its uptime per window (keys of ``WINDOWS``) and daily bars."""

    platform: str
    status: ComponentStatus
    windows: dict[str, WindowUptime]
    days: tuple[DayUptime, ...]


def status_segments(impacts: Iterable[Impact], now: datetime) -> list[Segment]:
    """The timeline of one platform's impacts up to ``now``: sorted, disjoint, maximal segments.

    Each instant carries the worst status among the impacts covering it; instants covered by no
    impact are left out (operational). A sweep over the sorted start/end events with a count of
    active impacts per status: O(n log n) in the number of impacts.
    """
    now = _utc(now)
    events: list[tuple[datetime, int, int]] = []  # (instant, +1 start / -1 end, severity)
    for impact in impacts:
        span = _clip(impact, now)
        if span is not None:
            severity = _SEVERITY[impact.status]
            events.append((span[0], 1, severity))
            events.append((span[1], -1, severity))
    events.sort(key=lambda event: event[0])

    active = [0] * len(_BY_SEVERITY)
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
                segments.append(Segment(since, at, _BY_SEVERITY[current]))
            current, since = worst, at
    return segments


def weighted_downtime(
    segments: Sequence[Segment],
    window_start: datetime,
    window_end: datetime,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
) -> float:
    """Seconds of downtime in ``[window_start, window_end)``: Σ weight × overlap.

    ``segments`` must be sorted and disjoint, as ``status_segments`` returns them; the first
    overlapping one is found by bisection.
    """
    window_start, window_end = _utc(window_start), _utc(window_end)
    total = 0.0
    i = bisect_right(segments, window_start, key=lambda s: s.end)
    while i < len(segments) and segments[i].start < window_end:
        segment = segments[i]
        total += weights.get(segment.status, 0.0) * _overlap(segment, window_start, window_end)
        i += 1
    return total


def platform_uptime(
    platform: Platform,
    incidents: Sequence[Incident],
    now: datetime,
    tz: str,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
    days: int = DAILY_DAYS,
) -> PlatformUptime:
    """The uptime of one platform at ``now``, with days cut in the IANA timezone ``tz``."""
    impacts = _impacts_by_platform(incidents, [platform.id])[platform.id]
    return _platform_uptime(platform, impacts, _utc(now), _zone(tz), _checked(weights), days)


def site_uptime(
    platforms: Iterable[Platform],
    incidents: Iterable[Incident],
    now: datetime,
    tz: str,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
    days: int = DAILY_DAYS,
) -> dict[str, PlatformUptime]:
    """The uptime of every platform, keyed by id; impacts are grouped in one pass."""
    platforms = list(platforms)
    grouped = _impacts_by_platform(incidents, [p.id for p in platforms])
    now, zone, weights = _utc(now), _zone(tz), _checked(weights)
    return {p.id: _platform_uptime(p, grouped[p.id], now, zone, weights, days) for p in platforms}


# -- internals ---------------------------------------------------------------------------------

_Tagged = tuple[str, Impact]
"""An impact with the id of its incident."""


def _impacts_by_platform(
    incidents: Iterable[Incident], platform_ids: Iterable[str]
) -> dict[str, list[_Tagged]]:
    """The impacts on each of ``platform_ids``, in one pass; other platforms are ignored."""
    grouped: dict[str, list[_Tagged]] = {pid: [] for pid in platform_ids}
    for incident in incidents:
        for impact in incident.impacts:
            bucket = grouped.get(impact.platform)
            if bucket is not None:
                bucket.append((incident.id, impact))
    return grouped


def _platform_uptime(
    platform: Platform,
    impacts: list[_Tagged],
    now: datetime,
    zone: ZoneInfo,
    weights: Mapping[ComponentStatus, float],
    days: int,
) -> PlatformUptime:
    segments = status_segments((impact for _, impact in impacts), now)
    tracked_from = _local_midnight(platform.tracked_since, zone)
    windows = {}
    for name, length in WINDOWS.items():
        start = tracked_from if length is None else max(tracked_from, now - timedelta(days=length))
        windows[name] = _window(segments, start, now, weights)
    return PlatformUptime(
        platform=platform.id,
        status=_status_now(impacts, now),
        windows=windows,
        days=_days(segments, impacts, now, zone, tracked_from, weights, days),
    )


def _status_now(impacts: list[_Tagged], now: datetime) -> ComponentStatus:
    """The worst status among impacts open at ``now``, by the rule of ``status.py``."""
    open_now = (
        impact.status
        for _, impact in impacts
        if is_open_at(_utc(impact.start), None if impact.end is None else _utc(impact.end), now)
    )
    return max(open_now, key=_SEVERITY.__getitem__, default=ComponentStatus.OPERATIONAL)


def _window(
    segments: Sequence[Segment],
    start: datetime,
    end: datetime,
    weights: Mapping[ComponentStatus, float],
) -> WindowUptime:
    tracked = max(0.0, (end - start).total_seconds())
    if not tracked:
        return WindowUptime(uptime=None, downtime_seconds=0.0, tracked_seconds=0.0)
    downtime = weighted_downtime(segments, start, end, weights)
    return WindowUptime(_uptime(downtime, tracked), downtime, tracked)


def _days(
    segments: Sequence[Segment],
    impacts: list[_Tagged],
    now: datetime,
    zone: ZoneInfo,
    tracked_from: datetime,
    weights: Mapping[ComponentStatus, float],
    count: int,
) -> tuple[DayUptime, ...]:
    """The last ``count`` local days up to today, walking segments and day bounds together."""
    if count < 0:
        raise ValueError(f"the number of days must not be negative, got {count}")
    today = now.astimezone(zone).date()
    dates = [today - timedelta(days=count - 1 - k) for k in range(count)]
    midnights = [_local_midnight(d, zone) for d in (*dates, today + timedelta(days=1))]
    # The counted part of each day: from its start (or the start of tracking) up to now.
    bounds = [(max(midnights[k], tracked_from), min(midnights[k + 1], now)) for k in range(count)]
    touching = _incidents_per_day(impacts, midnights, now)

    result: list[DayUptime] = []
    first = 0  # first segment that may still overlap the current day
    for k, (start, end) in enumerate(bounds):
        tracked = max(0.0, (end - start).total_seconds())
        if not tracked:
            result.append(DayUptime(dates[k], None, 0.0, ComponentStatus.OPERATIONAL, (), 0.0))
            continue
        while first < len(segments) and segments[first].end <= start:
            first += 1
        downtime, worst = 0.0, ComponentStatus.OPERATIONAL
        i = first
        while i < len(segments) and segments[i].start < end:
            segment = segments[i]
            downtime += weights.get(segment.status, 0.0) * _overlap(segment, start, end)
            if _SEVERITY[segment.status] > _SEVERITY[worst]:
                worst = segment.status
            i += 1
        result.append(
            DayUptime(
                date=dates[k],
                uptime=_uptime(downtime, tracked),
                downtime_seconds=downtime,
                worst=worst,
                incidents=tuple(sorted(touching[k])),
                tracked_seconds=tracked,
            )
        )
    return tuple(result)


def _incidents_per_day(
    impacts: list[_Tagged], midnights: list[datetime], now: datetime
) -> list[set[str]]:
    """For each day, the ids of incidents with an impact on it before ``now``.

    Each impact finds its first and last day by bisection, so the work is
    O(impacts × log days) plus the size of the answer. Untracked days are dropped by the caller.
    """
    touching: list[set[str]] = [set() for _ in midnights[1:]]
    for incident_id, impact in impacts:
        span = _clip(impact, now)
        if span is None:
            continue
        start, end = span
        # The days k with midnights[k] < end and start < midnights[k + 1].
        first = max(0, bisect_right(midnights, start) - 1)
        last = min(len(touching), bisect_left(midnights, end))
        for k in range(first, last):
            touching[k].add(incident_id)
    return touching


def _clip(impact: Impact, now: datetime) -> tuple[datetime, datetime] | None:
    """The part ``[start, end)`` of an impact up to ``now`` in UTC, ``None`` if empty."""
    start = _utc(impact.start)
    end = now if impact.end is None else min(_utc(impact.end), now)
    return (start, end) if start < end else None


def _overlap(segment: Segment, start: datetime, end: datetime) -> float:
    return max(0.0, (min(segment.end, end) - max(segment.start, start)).total_seconds())


def _uptime(downtime: float, tracked: float) -> float:
    # Clamped because sums of float seconds may stray an ulp past the exact bounds.
    return min(1.0, max(0.0, 1.0 - downtime / tracked))


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The UTC instant a local day begins.

    Where midnight falls in a DST gap, ``fold=0`` gives the instant the clocks jump (the day
    starts then); where it occurs twice, its first occurrence.
    """
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a datetime with a UTC offset, got naive {moment.isoformat()}")
    return moment.astimezone(UTC)


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown timezone {tz!r} (expected an IANA name)") from error


def _checked(weights: Mapping[ComponentStatus, float]) -> Mapping[ComponentStatus, float]:
    """The weights, if each lies in [0, 1]: otherwise uptime could leave [0, 1]."""
    for status, weight in weights.items():
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"the weight of {status} must be between 0 and 1, got {weight!r}")
    return weights
