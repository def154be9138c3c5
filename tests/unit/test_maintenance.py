"""A scheduled maintenance is upcoming, in progress and completed as the clock passes its
window, with automatic updates that say so, unless its file says otherwise."""

from __future__ import annotations

import textwrap
from datetime import datetime

import pytest

from nabd.core.analysis.maintenance import as_of
from nabd.core.analysis.site import Site
from nabd.core.analysis.status import active_incidents
from nabd.core.edition.maintenance_notices import maintenance_notices
from nabd.core.edition.outputs.statuspage import statuspage_outputs
from nabd.core.model.loader import load_incident_text
from nabd.core.model.models import Incident, Platform, UpdateStatus

NOTICES = maintenance_notices(["en", "ar"])

ANNOUNCED = """\
title: {en: Database upgrade, ar: ترقية قاعدة البيانات}
kind: maintenance
scheduled: {from: 2030-01-10T01:00:00Z, to: 2030-01-10T03:00:00Z}
impacts:
  - platform: threads
    status: under_maintenance
    from: 2030-01-10T01:00:00Z
    to: 2030-01-10T03:00:00Z
updates:
  - at: 2029-12-20T09:00:00Z
    status: scheduled
    text: {en: Read-only during the window., ar: للقراءة فقط خلال الفترة.}
"""


def load(text: str, platforms: tuple[Platform, ...]) -> Incident:
    result = load_incident_text(textwrap.dedent(text), "incidents/2030-01-10-db.yaml", platforms)
    assert not result.errors, result.errors
    return result.incidents[0]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def statuses(incident: Incident) -> list[tuple[str, UpdateStatus]]:
    return [(u.at.isoformat(), u.status) for u in incident.updates]


def test_before_its_window_a_maintenance_is_upcoming(platforms: tuple[Platform, ...]) -> None:
    announced = load(ANNOUNCED, platforms)
    (seen,) = as_of([announced], at("2030-01-09T00:00:00+00:00"), NOTICES)
    assert seen is announced
    site = Site(platforms, (seen,), "UTC", at("2030-01-09T00:00:00+00:00"))
    outputs = statuspage_outputs(site, "en", "https://status.example.org/", "Status")
    assert '"Database upgrade"' in outputs["api/v2/scheduled-maintenances/upcoming.json"]
    assert '"Database upgrade"' not in outputs["api/v2/scheduled-maintenances/active.json"]


def test_in_its_window_it_is_in_progress_from_the_start(platforms: tuple[Platform, ...]) -> None:
    now = at("2030-01-10T02:00:00+00:00")
    (seen,) = as_of([load(ANNOUNCED, platforms)], now, NOTICES)
    assert statuses(seen)[1:] == [("2030-01-10T01:00:00+00:00", UpdateStatus.IN_PROGRESS)]
    assert seen.updates[-1].text.get("ar").text == (
        "بدأت فترة الصيانة المجدولة. نُشر هذا التحديث تلقائيًا."
    )
    assert active_incidents([seen], now) == [seen]
    site = Site(platforms, (seen,), "UTC", now)
    outputs = statuspage_outputs(site, "en", "https://status.example.org/", "Status")
    assert '"Database upgrade"' in outputs["api/v2/scheduled-maintenances/active.json"]
    assert site.statuses["threads"] == "under_maintenance"


def test_after_its_window_it_is_completed(platforms: tuple[Platform, ...]) -> None:
    now = at("2030-01-11T00:00:00+00:00")
    (seen,) = as_of([load(ANNOUNCED, platforms)], now, NOTICES)
    assert statuses(seen)[1:] == [
        ("2030-01-10T01:00:00+00:00", UpdateStatus.IN_PROGRESS),
        ("2030-01-10T03:00:00+00:00", UpdateStatus.COMPLETED),
    ]
    assert seen.updates[-1].text.get("en").text.startswith("The scheduled maintenance window has")
    assert seen.is_resolved and seen.ended_at == at("2030-01-10T03:00:00+00:00")
    assert active_incidents([seen], now) == []


def test_what_the_file_says_wins(platforms: tuple[Platform, ...]) -> None:
    by_hand = ANNOUNCED + (
        "  - at: 2030-01-10T00:50:00Z\n    status: in_progress\n"
        "    text: {en: Started early., ar: بدأت مبكرًا.}\n"
    )
    (inside,) = as_of([load(by_hand, platforms)], at("2030-01-10T02:00:00+00:00"), NOTICES)
    assert [u.status for u in inside.updates] == [UpdateStatus.SCHEDULED, UpdateStatus.IN_PROGRESS]
    completed = by_hand + (
        "  - at: 2030-01-10T03:10:00Z\n    status: completed\n"
        "    text: {en: Done early., ar: انتهت مبكرًا.}\n"
    )
    done = load(completed, platforms)
    assert as_of([done], at("2030-01-11T00:00:00+00:00"), NOTICES) == (done,)


def test_an_open_impact_keeps_it_going_past_its_window(platforms: tuple[Platform, ...]) -> None:
    late = ANNOUNCED.replace("    to: 2030-01-10T03:00:00Z\n", "")
    (seen,) = as_of([load(late, platforms)], at("2030-01-11T00:00:00+00:00"), NOTICES)
    assert seen.updates[-1].status is UpdateStatus.IN_PROGRESS
    overrun = ANNOUNCED.replace("    to: 2030-01-10T03:00:00Z\n", "    to: 2030-01-10T04:30:00Z\n")
    (ended,) = as_of([load(overrun, platforms)], at("2030-01-11T00:00:00+00:00"), NOTICES)
    assert ended.updates[-1].at == at("2030-01-10T04:30:00+00:00")


@pytest.mark.parametrize("now", ["2020-01-01T00:00:00+00:00", "2040-01-01T00:00:00+00:00"])
def test_incidents_are_left_alone(platforms: tuple[Platform, ...], now: str) -> None:
    incident = load(
        ANNOUNCED.replace("kind: maintenance", "kind: incident")
        .replace("scheduled: {from: 2030-01-10T01:00:00Z, to: 2030-01-10T03:00:00Z}\n", "")
        .replace("under_maintenance", "major_outage")
        .replace("status: scheduled", "status: investigating"),
        platforms,
    )
    assert as_of([incident], at(now), NOTICES) == (incident,)


def test_a_language_without_the_notices_falls_back_to_english() -> None:
    notices = maintenance_notices(["xx"])
    text = notices[UpdateStatus.COMPLETED].get("xx")
    assert text.is_fallback and text.lang == "en" and "automatically" in text.text
