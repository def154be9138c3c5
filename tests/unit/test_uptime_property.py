"""Uptime against a brute force that looks at every minute on its own.

Impacts are minute-aligned, so the worst status is constant within each minute and the brute
force is exact: Σ over minutes of weight(worst status of the minute) × 60. Days are found by
converting every minute to the site's timezone, independently of the local-midnight arithmetic
of the code under test. The timezones include DST changes at 02:00 (New York), at 03:00
(Berlin), of 30 minutes (Lord Howe), at local midnight (Havana, Santiago) and a half-hour
offset (Kolkata); the "now"s fall shortly after such changes so the days cross them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nabd.core.analysis.timeline import status_segments
from nabd.core.analysis.uptime import (
    DEFAULT_WEIGHTS,
    WINDOWS,
    site_uptime,
    weighted_downtime,
)
from nabd.core.model.models import (
    IMPACT_STATUSES,
    ComponentStatus,
    Impact,
    ImpactLevel,
    Incident,
    Kind,
    LocalizedText,
    Platform,
)

MINUTE = timedelta(minutes=1)
DAY_MINUTES = 1440
DAYS = 35  # daily bars asked for: enough to reach past the 30-day window
ZONES = (
    "UTC",
    "America/New_York",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "America/Havana",
    "America/Santiago",
)
ANCHORS = tuple(
    datetime(2024, month, day, tzinfo=UTC)
    for month, day in ((3, 10), (3, 31), (4, 7), (9, 8), (10, 6), (10, 27), (11, 3))
)
SEVERITY = {s: s.severity for s in ComponentStatus}
STATUS_OF = {s.severity: s for s in ComponentStatus}


@dataclass(frozen=True)
class Drawn:
    """An impact as minute offsets from now: ``[start, end)``, ``end`` ``None`` when open."""

    incident: str
    start: int
    end: int | None
    status: ComponentStatus


def uptime_of(platform, incidents, now, tz, **options):
    """One platform's uptime, as the site computes it."""
    return site_uptime([platform], incidents, now, tz, **options)[platform.id]


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-9, abs=1e-6)


weights_strategy = st.one_of(
    st.just(DEFAULT_WEIGHTS),
    st.fixed_dictionaries(
        {s: st.floats(0, 1, allow_nan=False) for s in ComponentStatus},
    ),
)


@st.composite
def drawn_impacts(draw: st.DrawFn, earliest: int, latest: int, edges: tuple[int, ...]) -> Drawn:
    """An impact anywhere in ``[earliest, latest]``, or starting or ending at or near an edge."""
    near_edge = st.sampled_from(edges).flatmap(
        lambda edge: st.one_of(st.just(edge), st.integers(edge - 180, edge + 180))
    )
    anchor = draw(st.one_of(st.integers(earliest, latest), near_edge))
    length = draw(st.one_of(st.none(), st.integers(1, 180), st.integers(1, 4 * DAY_MINUTES)))
    if length is not None and draw(st.booleans()):  # the anchor is the end
        start, end = anchor - length, anchor
    else:
        start, end = anchor, None if length is None else anchor + length
    return Drawn(draw(st.sampled_from("abcd")), start, end, draw(st.sampled_from(IMPACT_STATUSES)))


def to_impact(drawn: Drawn, now: datetime) -> Impact:
    end = None if drawn.end is None else now + drawn.end * MINUTE
    return Impact("p", drawn.status, now + drawn.start * MINUTE, end)


def worst_per_minute(impacts: list[Drawn], upto: int) -> dict[int, tuple[int, set[str]]]:
    """For each minute before ``upto`` covered by an impact: worst severity, incident ids."""
    minutes: dict[int, tuple[int, set[str]]] = {}
    for drawn in impacts:
        end = upto if drawn.end is None else min(drawn.end, upto)
        for m in range(drawn.start, end):
            severity, ids = minutes.get(m, (0, set()))
            minutes[m] = (max(severity, SEVERITY[drawn.status]), ids | {drawn.incident})
    return minutes


# -- the timeline and any window ---------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    impacts=st.lists(drawn_impacts(0, 600, (0, 300, 600)), max_size=8),
    now_at=st.integers(0, 900),
    window=st.tuples(st.integers(-60, 960), st.integers(-60, 960)).map(sorted),
    weights=weights_strategy,
)
def test_weighted_downtime_of_any_window(
    impacts: list[Drawn], now_at: int, window: list[int], weights: dict
) -> None:
    origin = datetime(2024, 1, 1, tzinfo=UTC)
    segments = status_segments([to_impact(d, origin) for d in impacts], origin + now_at * MINUTE)

    # The timeline is sorted, disjoint, maximal and never operational.
    for segment in segments:
        assert segment.start < segment.end
        assert segment.status is not ComponentStatus.OPERATIONAL
    for before, after in pairwise(segments):
        assert before.end <= after.start
        assert before.end < after.start or before.status != after.status

    minutes = worst_per_minute(impacts, now_at)
    lo, hi = window
    expected = sum(
        weights[STATUS_OF[severity]] * 60 for m, (severity, _) in minutes.items() if lo <= m < hi
    )
    got = weighted_downtime(segments, origin + lo * MINUTE, origin + hi * MINUTE, weights)
    assert got == approx(expected)


# -- a platform's windows and days -------------------------------------------------------------


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The first minute whose local date is ``day`` or later, found by scanning minutes."""
    moment = datetime.combine(day - timedelta(days=2), datetime.min.time(), UTC)
    while moment.astimezone(zone).date() < day:
        moment += MINUTE
    return moment


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[str, datetime, date, list[Drawn], dict]:
    tz = draw(st.sampled_from(ZONES))
    zone = ZoneInfo(tz)
    anchor = draw(st.sampled_from(ANCHORS))
    now = anchor + draw(st.integers(0, 30 * DAY_MINUTES)) * MINUTE
    today = now.astimezone(zone).date()
    tracked_since = today + timedelta(days=draw(st.integers(-(DAYS + 5), 1)))
    # Edges, in minutes from now: now, the 30-day window, and local midnights (of the start of
    # tracking, today, around the DST change of the anchor, and one more day).
    other_day = today - timedelta(days=draw(st.integers(1, DAYS)))
    midnights = (tracked_since, today, anchor.date(), anchor.date() + timedelta(days=1), other_day)
    edges = (
        0,
        -30 * DAY_MINUTES,
        *((local_midnight(day, zone) - now) // MINUTE for day in midnights),
    )
    impacts = draw(st.lists(drawn_impacts(-(DAYS + 2) * DAY_MINUTES, 120, edges), max_size=6))
    return tz, now, tracked_since, impacts, draw(weights_strategy)


@settings(max_examples=60, deadline=None)
@given(scenario=scenarios())
def test_windows_and_days_match_the_brute_force(
    scenario: tuple[str, datetime, date, list[Drawn], dict],
) -> None:
    tz, now, tracked_since, impacts, weights = scenario
    zone = ZoneInfo(tz)
    incidents = [
        Incident(
            id=name,
            path=f"incidents/{name}.yaml",
            title=LocalizedText({"en": name}),
            kind=Kind.INCIDENT,
            impact=ImpactLevel.MINOR,
            impacts=tuple(to_impact(d, now) for d in impacts if d.incident == name),
            updates=(),
        )
        for name in "abcd"
    ]
    platform = Platform("p", LocalizedText({"en": "P"}), "", tracked_since)
    result = uptime_of(platform, incidents, now, tz, weights=weights, days=DAYS)

    tracked_from = (local_midnight(tracked_since, zone) - now) // MINUTE  # minutes from now
    minutes = {m: value for m, value in worst_per_minute(impacts, 0).items() if m >= tracked_from}

    # Status now: the worst impact open at now.
    open_now = [
        SEVERITY[d.status] for d in impacts if d.start <= 0 and (d.end is None or d.end > 0)
    ]
    assert result.status is STATUS_OF[max(open_now, default=0)]

    # Windows.
    for name, length in WINDOWS.items():
        window = result.windows[name]
        lo = tracked_from if length is None else max(tracked_from, -length * DAY_MINUTES)
        tracked = max(0, -lo) * 60
        downtime = sum(
            weights[STATUS_OF[severity]] * 60 for m, (severity, _) in minutes.items() if m >= lo
        )
        assert window.tracked_seconds == tracked
        assert window.downtime_seconds == approx(downtime)
        if tracked:
            assert window.uptime == approx(1 - downtime / tracked)
            assert 0.0 <= window.uptime <= 1.0
        else:
            assert window.uptime is None

    # Days: every minute up to now, put in its local date.
    today = now.astimezone(zone).date()
    dates = [today - timedelta(days=DAYS - 1 - k) for k in range(DAYS)]
    tracked_per_day: dict[date, int] = defaultdict(int)
    m = -1
    while (local := (now + m * MINUTE).astimezone(zone).date()) >= dates[0]:
        if m >= tracked_from:
            tracked_per_day[local] += 60
        m -= 1
    down_per_day: dict[date, float] = defaultdict(float)
    worst_per_day: dict[date, int] = defaultdict(int)
    ids_per_day: dict[date, set[str]] = defaultdict(set)
    for m, (severity, ids) in minutes.items():
        local = (now + m * MINUTE).astimezone(zone).date()
        down_per_day[local] += weights[STATUS_OF[severity]] * 60
        worst_per_day[local] = max(worst_per_day[local], severity)
        ids_per_day[local] |= ids

    assert [d.date for d in result.days] == dates
    for day in result.days:
        assert day.tracked_seconds == tracked_per_day[day.date], day.date
        assert day.downtime_seconds == approx(down_per_day[day.date]), day.date
        assert day.worst is STATUS_OF[worst_per_day[day.date]], day.date
        assert day.incidents == tuple(sorted(ids_per_day[day.date])), day.date
        if day.tracked:
            assert day.uptime is not None and 0.0 <= day.uptime <= 1.0
            assert day.uptime == approx(1 - down_per_day[day.date] / day.tracked_seconds)
        else:
            assert day.uptime is None
