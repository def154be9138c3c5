"""Uptime, checked against numbers computed by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from nabd.core.analysis.timeline import status_segments, timelines
from nabd.core.analysis.uptime import (
    DEFAULT_WEIGHTS,
    WINDOWS,
    DayUptime,
    Segment,
    WindowUptime,
    site_uptime,
    weighted_downtime,
)
from nabd.core.model.clock import now_from_environment
from nabd.core.model.models import (
    ComponentStatus,
    Impact,
    ImpactLevel,
    Incident,
    Kind,
    LocalizedText,
    Platform,
    Update,
    UpdateStatus,
    When,
)

MAJOR = ComponentStatus.MAJOR_OUTAGE
PARTIAL = ComponentStatus.PARTIAL_OUTAGE
DEGRADED = ComponentStatus.DEGRADED_PERFORMANCE
MAINTENANCE = ComponentStatus.UNDER_MAINTENANCE
OPERATIONAL = ComponentStatus.OPERATIONAL

HOUR = 3600
DAY = 86400
NOW = datetime(2024, 6, 16, 0, 0, tzinfo=UTC)


def uptime_of(platform, incidents, now, tz, **options):
    """One platform's uptime, as the site computes it."""
    return site_uptime([platform], incidents, now, tz, **options)[platform.id]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def impact(
    start: str | datetime,
    end: str | datetime | None,
    status: ComponentStatus = MAJOR,
    platform: str = "fb",
) -> Impact:
    start = at(start) if isinstance(start, str) else start
    end = at(end) if isinstance(end, str) else end
    return Impact(platform=platform, status=status, start=start, end=end)


def incident(incident_id: str, *impacts: Impact) -> Incident:
    first = min(i.start for i in impacts)
    return Incident(
        id=incident_id,
        path=f"incidents/{incident_id}.yaml",
        title=LocalizedText({"en": incident_id, "ar": incident_id}),
        kind=Kind.INCIDENT,
        impact=ImpactLevel.MAJOR,
        impacts=impacts,
        updates=(Update(first, UpdateStatus.INVESTIGATING, LocalizedText({"en": "x"})),),
    )


def platform(pid: str = "fb", since: date = date(2020, 1, 1)) -> Platform:
    return Platform(id=pid, name=LocalizedText({"en": pid}), url="", tracked_since=since)


def day(result_days: tuple[DayUptime, ...], which: date) -> DayUptime:
    return next(d for d in result_days if d.date == which)


# -- timeline ----------------------------------------------------------------------------------


def test_overlapping_impacts_count_once_at_the_worst_status() -> None:
    segments = status_segments(
        [
            impact("2024-06-01T16:00Z", "2024-06-01T18:00Z", PARTIAL),
            impact("2024-06-01T15:00Z", "2024-06-01T17:00Z", MAJOR),
        ],
        NOW,
    )
    assert segments == [
        Segment(at("2024-06-01T15:00Z"), at("2024-06-01T17:00Z"), MAJOR),
        Segment(at("2024-06-01T17:00Z"), at("2024-06-01T18:00Z"), PARTIAL),
    ]
    downtime = weighted_downtime(segments, NOW - timedelta(days=30), NOW)
    assert downtime == pytest.approx(2 * HOUR + 0.3 * HOUR)  # 7200 + 1080


def test_a_lesser_impact_inside_a_worse_one_adds_nothing() -> None:
    segments = status_segments(
        [
            impact("2024-06-01T10:00Z", "2024-06-01T14:00Z", MAJOR),
            impact("2024-06-01T11:00Z", "2024-06-01T12:00Z", DEGRADED),
            impact("2024-06-01T12:00Z", "2024-06-01T15:00Z", MAJOR),
        ],
        NOW,
    )
    assert segments == [Segment(at("2024-06-01T10:00Z"), at("2024-06-01T15:00Z"), MAJOR)]


def test_back_to_back_impacts_and_gaps() -> None:
    segments = status_segments(
        [
            impact("2024-06-01T10:00Z", "2024-06-01T11:00Z", PARTIAL),
            impact("2024-06-01T11:00Z", "2024-06-01T12:00Z", MAJOR),
            impact("2024-06-01T13:00Z", "2024-06-01T14:00Z", MAJOR),
        ],
        NOW,
    )
    assert [(s.start.hour, s.end.hour, s.status) for s in segments] == [
        (10, 11, PARTIAL),
        (11, 12, MAJOR),
        (13, 14, MAJOR),
    ]


def test_timestamps_with_offsets_are_compared_as_instants() -> None:
    plus3 = timezone(timedelta(hours=3))
    segments = status_segments(
        [
            impact(datetime(2024, 6, 1, 13, tzinfo=plus3), datetime(2024, 6, 1, 14, tzinfo=plus3)),
            impact("2024-06-01T10:30Z", "2024-06-01T12:00Z", PARTIAL),
        ],
        NOW,
    )
    assert segments == [
        Segment(at("2024-06-01T10:00Z"), at("2024-06-01T11:00Z"), MAJOR),
        Segment(at("2024-06-01T11:00Z"), at("2024-06-01T12:00Z"), PARTIAL),
    ]
    assert all(s.start.tzinfo is UTC for s in segments)


def test_impacts_are_cut_at_now_and_future_ones_count_nothing() -> None:
    now = at("2024-06-01T12:00Z")
    segments = status_segments(
        [
            impact("2024-06-01T10:00Z", None, PARTIAL),
            impact("2024-06-01T11:00Z", "2024-06-01T20:00Z", MAJOR),
            impact("2024-06-02T00:00Z", "2024-06-02T04:00Z", MAINTENANCE),
            impact("2024-06-01T12:00Z", None, MAJOR),  # starts exactly now: nothing yet
        ],
        now,
    )
    assert segments == [
        Segment(at("2024-06-01T10:00Z"), at("2024-06-01T11:00Z"), PARTIAL),
        Segment(at("2024-06-01T11:00Z"), now, MAJOR),
    ]


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        status_segments([], datetime(2024, 6, 1))


# -- windows -----------------------------------------------------------------------------------


def test_a_one_hour_partial_outage_weighs_1080_seconds() -> None:
    result = uptime_of(
        platform(),
        [incident("a", impact("2024-06-10T10:00Z", "2024-06-10T11:00Z", PARTIAL))],
        NOW,
        "UTC",
    )
    window = result.windows["30d"]
    assert window.downtime_seconds == pytest.approx(1080)
    assert window.tracked_seconds == 30 * DAY
    assert window.uptime == pytest.approx(1 - 1080 / (30 * DAY))
    assert window.uptime < 1.0


def test_an_impact_straddling_the_window_edge_counts_only_inside() -> None:
    edge = NOW - timedelta(days=30)
    result = uptime_of(
        platform(),
        [incident("a", impact(edge - timedelta(hours=2), edge + timedelta(hours=1)))],
        NOW,
        "UTC",
    )
    assert result.windows["30d"].downtime_seconds == HOUR
    assert result.windows["90d"].downtime_seconds == 3 * HOUR
    assert result.windows["365d"].downtime_seconds == 3 * HOUR
    assert result.windows["all"].downtime_seconds == 3 * HOUR
    assert set(result.windows) == set(WINDOWS) == {"30d", "90d", "365d", "all"}


def test_an_open_incident_counts_until_now() -> None:
    incidents = [incident("a", impact(NOW - timedelta(hours=2), None))]
    result = uptime_of(platform(), incidents, NOW, "UTC")
    assert result.status is MAJOR
    assert result.windows["30d"].downtime_seconds == 2 * HOUR
    assert result.days[-1].downtime_seconds == 0  # today (UTC) began at now
    assert result.days[-2].downtime_seconds == 2 * HOUR
    assert result.days[-2].incidents == ("a",)


def test_an_impact_ending_after_now_counts_until_now() -> None:
    now = at("2024-06-15T12:00Z")
    incidents = [incident("a", impact("2024-06-15T11:00Z", "2024-06-15T18:00Z"))]
    result = uptime_of(platform(), incidents, now, "UTC")
    assert result.status is MAJOR
    assert result.windows["all"].downtime_seconds == HOUR
    assert result.days[-1].date == date(2024, 6, 15)
    assert result.days[-1].tracked_seconds == 12 * HOUR  # today counts up to now
    assert result.days[-1].uptime == pytest.approx(1 - 1 / 12)


def test_future_maintenance_counts_nothing() -> None:
    maintenance = impact(NOW + timedelta(days=1), NOW + timedelta(days=1, hours=4), MAINTENANCE)
    result = uptime_of(platform(), [incident("m", maintenance)], NOW, "UTC")
    assert result.status is OPERATIONAL
    assert all(w.uptime == 1.0 and w.downtime_seconds == 0 for w in result.windows.values())
    assert all(d.incidents == () for d in result.days)


def test_tracked_since_clips_every_window() -> None:
    tracked = platform(since=date(2024, 6, 6))  # ten days before NOW, at UTC midnight
    incidents = [
        incident("before", impact("2024-06-05T22:00Z", "2024-06-06T01:00Z")),  # 1 h counted
        incident("old", impact("2024-05-01T00:00Z", "2024-05-02T00:00Z")),  # not counted
    ]
    result = uptime_of(tracked, incidents, NOW, "UTC")
    for name in ("30d", "90d", "365d", "all"):
        assert result.windows[name] == WindowUptime(
            uptime=pytest.approx(1 - HOUR / (10 * DAY)),
            downtime_seconds=HOUR,
            tracked_seconds=10 * DAY,
        )
    june5 = day(result.days, date(2024, 6, 5))
    assert june5 == DayUptime(date(2024, 6, 5), None, 0.0, OPERATIONAL, (), 0.0)
    assert not june5.tracked
    june6 = day(result.days, date(2024, 6, 6))
    assert june6.tracked and june6.downtime_seconds == HOUR and june6.incidents == ("before",)
    assert [d.tracked for d in result.days].count(True) == 10


def test_tracking_starts_at_midnight_in_the_site_timezone() -> None:
    tracked = platform(since=date(2024, 6, 6))
    result = uptime_of(tracked, [], NOW, "Asia/Riyadh")  # UTC+3: 2024-06-05T21:00Z
    assert result.windows["all"].tracked_seconds == 10 * DAY + 3 * HOUR


def test_uptime_is_exactly_one_when_nothing_happened() -> None:
    harmless = [
        incident("slow", impact("2024-06-10T10:00Z", "2024-06-10T11:00Z", DEGRADED)),
        incident("planned", impact("2024-06-11T10:00Z", "2024-06-11T11:00Z", MAINTENANCE)),
    ]
    for incidents in ([], harmless):
        result = uptime_of(platform(), incidents, NOW, "UTC")
        assert all(w.uptime == 1.0 for w in result.windows.values())
        # Today has no tracked second yet: NOW is midnight UTC.
        assert all(d.uptime == 1.0 for d in result.days[:-1])
        assert result.days[-1].uptime is None
    slow = day(result.days, date(2024, 6, 10))
    assert slow.worst is DEGRADED and slow.incidents == ("slow",) and slow.uptime == 1.0


def test_uptime_is_none_when_not_tracked() -> None:
    result = uptime_of(platform(since=date(2024, 7, 1)), [], NOW, "UTC")
    assert all(w == WindowUptime(None, 0.0, 0.0) for w in result.windows.values())
    assert all(d.uptime is None and not d.tracked for d in result.days)


def test_configurable_weights() -> None:
    incidents = [incident("a", impact("2024-06-10T10:00Z", "2024-06-10T12:00Z", DEGRADED))]
    weights = {**DEFAULT_WEIGHTS, DEGRADED: 0.5}
    result = uptime_of(platform(), incidents, NOW, "UTC", weights=weights)
    assert result.windows["30d"].downtime_seconds == HOUR
    with pytest.raises(ValueError, match="between 0 and 1"):
        uptime_of(platform(), incidents, NOW, "UTC", weights={MAJOR: 2.0})


def test_unknown_timezone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown timezone"):
        uptime_of(platform(), [], NOW, "Mars/Olympus_Mons")


# -- days --------------------------------------------------------------------------------------


def test_ninety_days_ending_today_in_the_site_timezone() -> None:
    now = at("2024-06-15T22:30Z")  # already 2024-06-16 in Riyadh (UTC+3)
    result = uptime_of(platform(), [], now, "Asia/Riyadh")
    assert len(result.days) == 90
    assert result.days[-1].date == date(2024, 6, 16)
    assert result.days[0].date == date(2024, 6, 16) - timedelta(days=89)
    assert result.days[-1].tracked_seconds == 90 * 60  # since local midnight, 21:00Z
    assert len(uptime_of(platform(), [], now, "UTC", days=7).days) == 7


def test_day_worst_status_and_sorted_unique_incidents() -> None:
    incidents = [
        incident(
            "b",
            impact("2024-06-10T01:00Z", "2024-06-10T02:00Z", DEGRADED),
            impact("2024-06-10T05:00Z", "2024-06-10T06:00Z", PARTIAL),
        ),
        incident("a", impact("2024-06-09T23:00Z", "2024-06-10T00:30Z", MAJOR)),
        incident("c", impact("2024-06-10T03:00Z", "2024-06-10T04:00Z", MAJOR, platform="ig")),
    ]
    result = uptime_of(platform(), incidents, NOW, "UTC")
    june10 = day(result.days, date(2024, 6, 10))
    assert june10.incidents == ("a", "b")
    assert june10.worst is MAJOR
    assert june10.downtime_seconds == pytest.approx(1800 + 1080)
    june9 = day(result.days, date(2024, 6, 9))
    assert (june9.incidents, june9.worst, june9.downtime_seconds) == (("a",), MAJOR, HOUR)
    assert day(result.days, date(2024, 6, 11)) == DayUptime(
        date(2024, 6, 11), 1.0, 0.0, OPERATIONAL, (), DAY
    )


def test_a_23_hour_day_in_new_york() -> None:
    # 2024-03-10: clocks jump from 02:00 EST to 03:00 EDT. An impact across the next local
    # midnight, 2024-03-10T23:30-04:00 to 2024-03-11T00:30-04:00, is split half and half.
    incidents = [incident("a", impact("2024-03-10T23:30-04:00", "2024-03-11T00:30-04:00"))]
    result = uptime_of(platform(), incidents, at("2024-03-20T12:00Z"), "America/New_York")
    march10 = day(result.days, date(2024, 3, 10))
    march11 = day(result.days, date(2024, 3, 11))
    assert march10.tracked_seconds == 23 * HOUR
    assert march10.downtime_seconds == 1800
    assert march10.uptime == pytest.approx(1 - 1800 / (23 * HOUR))
    assert march11.tracked_seconds == 24 * HOUR
    assert march11.downtime_seconds == 1800
    assert march10.incidents == march11.incidents == ("a",)


def test_an_impact_from_midnight_to_midnight_touches_one_day() -> None:
    incidents = [incident("a", impact("2024-03-10T00:00-05:00", "2024-03-11T00:00-04:00"))]
    result = uptime_of(platform(), incidents, at("2024-03-20T12:00Z"), "America/New_York")
    march10 = day(result.days, date(2024, 3, 10))
    assert (march10.downtime_seconds, march10.uptime, march10.worst) == (23 * HOUR, 0.0, MAJOR)
    assert day(result.days, date(2024, 3, 9)).incidents == ()
    assert day(result.days, date(2024, 3, 11)).incidents == ()


def test_a_25_hour_day_in_berlin() -> None:
    # 2024-10-27: clocks fall back from 03:00 CEST to 02:00 CET. The impact runs from
    # 2024-10-26T23:00+02:00 (21:00Z) to 2024-10-27T03:00+01:00 (02:00Z): one hour on the
    # 26th, four on the 27th, which began at 22:00Z.
    incidents = [incident("a", impact("2024-10-26T23:00+02:00", "2024-10-27T03:00+01:00"))]
    result = uptime_of(platform(), incidents, at("2024-11-01T12:00Z"), "Europe/Berlin")
    october26 = day(result.days, date(2024, 10, 26))
    october27 = day(result.days, date(2024, 10, 27))
    assert october26.tracked_seconds == 24 * HOUR
    assert october26.downtime_seconds == HOUR
    assert october27.tracked_seconds == 25 * HOUR
    assert october27.downtime_seconds == 4 * HOUR
    assert october27.uptime == pytest.approx(1 - 4 / 25)
    # The days tile the time from the first local midnight (2024-08-04T00:00+02:00) to now.
    first_midnight = at("2024-08-03T22:00Z")
    assert result.days[0].date == date(2024, 8, 4)
    total = sum(d.tracked_seconds for d in result.days)
    assert total == (at("2024-11-01T12:00Z") - first_midnight).total_seconds()


# -- site and status ---------------------------------------------------------------------------


def test_site_uptime_matches_each_platform_and_the_status_now() -> None:
    platforms = [platform("fb"), platform("ig", since=date(2024, 6, 1)), platform("wa")]
    incidents = [
        incident(
            "a",
            impact("2024-06-10T10:00Z", None, PARTIAL, "fb"),
            impact("2024-06-10T10:00Z", "2024-06-10T11:00Z", MAJOR, "ig"),
        ),
        incident("b", impact("2024-06-15T10:00Z", None, MAJOR, "fb")),
        incident("c", impact("2024-06-15T10:00Z", None, MAJOR, "unknown")),
    ]
    site = site_uptime(platforms, incidents, NOW, "Europe/Berlin")
    assert list(site) == ["fb", "ig", "wa"]
    for p in platforms:
        assert site[p.id] == uptime_of(p, incidents, NOW, "Europe/Berlin")
    now_statuses = {
        p: t.status_now for p, t in timelines([p.id for p in platforms], incidents, NOW).items()
    }
    assert {pid: u.status for pid, u in site.items()} == now_statuses
    assert now_statuses == {"fb": MAJOR, "ig": OPERATIONAL, "wa": OPERATIONAL}


# -- now ---------------------------------------------------------------------------------------


def clock() -> datetime:
    return datetime(2030, 1, 1, tzinfo=UTC)


def test_source_date_epoch_sets_now() -> None:
    now = now_from_environment({"SOURCE_DATE_EPOCH": "1700000000"}, clock)
    assert now == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert now.tzinfo is UTC
    assert now_from_environment({"SOURCE_DATE_EPOCH": "0"}, clock) == datetime(
        1970, 1, 1, tzinfo=UTC
    )


def test_without_source_date_epoch_now_is_the_clock() -> None:
    assert now_from_environment({}, clock) == clock()
    assert now_from_environment({"SOURCE_DATE_EPOCH": ""}, clock) == clock()
    plus3 = timezone(timedelta(hours=3))
    local = now_from_environment({}, lambda: datetime(2030, 1, 1, 3, tzinfo=plus3))
    assert local == clock() and local.tzinfo is UTC
    real = now_from_environment({})
    assert real.tzinfo is UTC
    assert abs(real - datetime.now(UTC)) < timedelta(minutes=1)


@pytest.mark.parametrize("value", ["abc", "1.5", "-1", " 1700000000", "1e9", "١٧٠٠", "9" * 30])
def test_invalid_source_date_epoch_is_an_error(value: str) -> None:
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        now_from_environment({"SOURCE_DATE_EPOCH": value}, clock)


def test_many_overlapping_impacts_at_scale() -> None:
    # 20,000 nested impacts, all open at once at some instant: a sweep line handles them in
    # well under a second, where comparing every pair or every impact with every day would not.
    base = at("2024-06-01T00:00Z")
    count = 20_000
    impacts = [
        impact(base + timedelta(seconds=k), base + timedelta(seconds=2 * count - k), PARTIAL)
        for k in range(count)
    ]
    impacts.append(impact(base + timedelta(seconds=count), base + timedelta(seconds=count + 1)))
    segments = status_segments(impacts, NOW)
    assert [(s.status, (s.end - s.start).total_seconds()) for s in segments] == [
        (PARTIAL, count),
        (MAJOR, 1),
        (PARTIAL, count - 1),
    ]
    incidents = [incident(f"i{k:05}", i) for k, i in enumerate(impacts)]
    result = uptime_of(platform(), incidents, NOW, "UTC")
    assert len(day(result.days, date(2024, 6, 1)).incidents) == count + 1


def test_an_end_not_reported_is_uncertain_until_the_record_was_closed() -> None:
    """Uptime counts such an outage to the last time it was reported; the days until the record
    was closed are marked estimated, and no day after it."""
    start, last_seen = at("2024-06-10T10:00Z"), at("2024-06-10T12:00Z")
    unreported = Impact("fb", MAJOR, start, last_seen, ended=When(last_seen, None))
    updates = (
        Update(start, UpdateStatus.INVESTIGATING, LocalizedText({"en": "x"})),
        Update(at("2024-06-12T06:00Z"), UpdateStatus.RESOLVED, LocalizedText({"en": "y"})),
    )
    record = replace(incident("a", unreported), updates=updates)
    result = uptime_of(platform(), [record], NOW, "UTC")
    estimated = [d.date.day for d in result.days if d.estimated]
    assert estimated == [10, 11, 12]
    assert day(result.days, date(2024, 6, 10)).downtime_seconds == 2 * HOUR
    still_open = replace(record, updates=updates[:1])
    result = uptime_of(platform(), [still_open], NOW, "UTC")
    assert [d.date.day for d in result.days if d.estimated] == list(range(10, 16))
