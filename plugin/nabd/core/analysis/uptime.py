"""Uptime of each platform: over fixed windows, and day by day for the daily bars.

The source of all uptime is a platform's timeline (``timeline.py``): disjoint segments, each
carrying the worst status of that instant. Downtime is ``Σ weight(status) × seconds`` over the
segments, and uptime is ``1 - downtime / tracked seconds``.

Conventions:

* Time is half-open: an impact covers ``[start, end)``, the shortest stretch its sources
  support. An open impact counts until ``now``; one starting after ``now`` counts nothing.
  A window or a day with an impact whose times are approximate, or whose end no source gives,
  is ``estimated``: its uptime is the highest the sources allow, and the pages mark it so.
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

from nabd.core.analysis.timeline import SEVERITY, Segment, Tagged, Timeline, clip, timelines, utc
from nabd.core.model.models import ComponentStatus, Incident, Platform

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


@dataclass(frozen=True)
class WindowUptime:
    """Uptime over one window; ``uptime`` is ``None`` when no second of it was tracked."""

    uptime: float | None
    downtime_seconds: float
    tracked_seconds: float
    estimated: bool = False
    """Whether an impact in the window has approximate times or an end no source gives."""


@dataclass(frozen=True)
class DayUptime:
    """One daily bar: a local day, counted up to now and from the start of tracking.

    ``incidents`` are the ids of incidents with an impact on the platform during the day,
    whatever its weight (maintenance included); ``worst`` the worst status of the day, an impact
    whose end no source gives included even where it counts no time. A day with no tracked
    second (before ``tracked_since``) has ``uptime`` ``None``, no downtime, status operational,
    no incident.
    """

    date: date
    uptime: float | None
    downtime_seconds: float
    worst: ComponentStatus
    incidents: tuple[str, ...]
    tracked_seconds: float
    estimated: bool = False

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
    window_start, window_end = utc(window_start), utc(window_end)
    total = 0.0
    i = bisect_right(segments, window_start, key=lambda s: s.end)
    while i < len(segments) and segments[i].start < window_end:
        segment = segments[i]
        total += weights.get(segment.status, 0.0) * _overlap(segment, window_start, window_end)
        i += 1
    return total


def platform_uptime(
    timeline: Timeline,
    platform: Platform,
    tz: str,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
    days: int = DAILY_DAYS,
) -> PlatformUptime:
    """The uptime of one platform from its timeline, with days cut in the IANA timezone ``tz``."""
    zone, weights = _zone(tz), _checked(weights)
    now = timeline.now
    tracked_from = _local_midnight(platform.tracked_since, zone)
    uncertain = [t for t in timeline.impacts if not t.impact.is_exact]
    windows = {}
    for name, length in WINDOWS.items():
        start = tracked_from if length is None else max(tracked_from, now - timedelta(days=length))
        windows[name] = _window(timeline.segments, uncertain, start, now, weights)
    return PlatformUptime(
        platform=platform.id,
        status=timeline.status_now,
        windows=windows,
        days=_days(timeline, uncertain, zone, tracked_from, weights, days),
    )


def site_uptime(
    platforms: Iterable[Platform],
    incidents: Iterable[Incident],
    now: datetime,
    tz: str,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
    days: int = DAILY_DAYS,
) -> dict[str, PlatformUptime]:
    """The uptime of every platform, keyed by id."""
    platforms = list(platforms)
    found = timelines((p.id for p in platforms), incidents, now)
    return {p.id: platform_uptime(found[p.id], p, tz, weights, days) for p in platforms}


# -- internals ---------------------------------------------------------------------------------


def _window(
    segments: Sequence[Segment],
    uncertain: list[Tagged],
    start: datetime,
    end: datetime,
    weights: Mapping[ComponentStatus, float],
) -> WindowUptime:
    tracked = max(0.0, (end - start).total_seconds())
    if not tracked:
        return WindowUptime(uptime=None, downtime_seconds=0.0, tracked_seconds=0.0)
    downtime = weighted_downtime(segments, start, end, weights)
    estimated = any(_touches(t, start, end) for t in uncertain)
    return WindowUptime(_uptime(downtime, tracked), downtime, tracked, estimated)


def _touches(tagged: Tagged, start: datetime, end: datetime) -> bool:
    """Whether an impact, at its widest, reaches into ``[start, end)``."""
    latest_end = tagged.latest_end
    return tagged.impact.started.earliest < end and (latest_end is None or latest_end > start)


def _days(
    timeline: Timeline,
    uncertain: list[Tagged],
    zone: ZoneInfo,
    tracked_from: datetime,
    weights: Mapping[ComponentStatus, float],
    count: int,
) -> tuple[DayUptime, ...]:
    """The last ``count`` local days up to today, walking segments and day bounds together."""
    if count < 0:
        raise ValueError(f"the number of days must not be negative, got {count}")
    now, segments = timeline.now, timeline.segments
    today = now.astimezone(zone).date()
    dates = [today - timedelta(days=count - 1 - k) for k in range(count)]
    midnights = [_local_midnight(d, zone) for d in (*dates, today + timedelta(days=1))]
    # The counted part of each day: from its start (or the start of tracking) up to now.
    bounds = [(max(midnights[k], tracked_from), min(midnights[k + 1], now)) for k in range(count)]
    touching, unreported = _incidents_per_day(timeline.impacts, midnights, now)

    result: list[DayUptime] = []
    first = 0  # first segment that may still overlap the current day
    for k, (start, end) in enumerate(bounds):
        tracked = max(0.0, (end - start).total_seconds())
        if not tracked:
            result.append(DayUptime(dates[k], None, 0.0, ComponentStatus.OPERATIONAL, (), 0.0))
            continue
        while first < len(segments) and segments[first].end <= start:
            first += 1
        downtime, worst = 0.0, unreported[k]
        i = first
        while i < len(segments) and segments[i].start < end:
            segment = segments[i]
            downtime += weights.get(segment.status, 0.0) * _overlap(segment, start, end)
            if SEVERITY[segment.status] > SEVERITY[worst]:
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
                estimated=any(_touches(t, start, end) for t in uncertain),
            )
        )
    return tuple(result)


def _incidents_per_day(
    impacts: Iterable[Tagged], midnights: list[datetime], now: datetime
) -> tuple[list[set[str]], list[ComponentStatus]]:
    """For each day, the ids of incidents with an impact on it before ``now``, and the worst
    status of impacts whose end no source gives and which count no time at all (so that the
    day still shows them).

    Each impact finds its first and last day by bisection, so the work is
    O(impacts × log days) plus the size of the answer. Untracked days are dropped by the caller.
    """
    days = len(midnights) - 1
    touching: list[set[str]] = [set() for _ in range(days)]
    unreported = [ComponentStatus.OPERATIONAL] * days
    for tagged in impacts:
        impact = tagged.impact
        span = clip(impact, now)
        if span is None:
            start = utc(impact.start)
            if impact.ended is None or impact.ended.is_reported or start > now:
                continue
            # An end no source gives, counted as nothing: the day it began still shows it.
            k = bisect_right(midnights, start) - 1
            if 0 <= k < days:
                touching[k].add(tagged.incident_id)
                if SEVERITY[impact.status] > SEVERITY[unreported[k]]:
                    unreported[k] = impact.status
            continue
        start, end = span
        # The days k with midnights[k] < end and start < midnights[k + 1].
        first = max(0, bisect_right(midnights, start) - 1)
        last = min(days, bisect_left(midnights, end))
        for k in range(first, last):
            touching[k].add(tagged.incident_id)
    return touching, unreported


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
