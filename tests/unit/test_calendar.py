"""``maintenance.ics``: read back with icalendar, as a calendar app would."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from nabd.core.analysis.site import Site
from nabd.core.edition.outputs.calendar import calendar_outputs, maintenance_calendar
from nabd.core.edition.routes import Routes
from nabd.core.model.loader import load_incident_text
from nabd.core.model.models import Incident, LocalizedText, Platform, Window
from tests.sites import EN_AR

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "valid"
MAINTENANCE_ID = "2030-01-10-planned-maintenance"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
BASE = {"en": "https://status.example.org/", "ar": "https://status.example.org/ar/"}
SITE_NAME = {"en": "Meta status", "ar": "حالة ميتا"}


def load(name: str, platforms: tuple[Platform, ...]) -> Incident:
    path = FIXTURE / f"{name}.yaml"
    result = load_incident_text(
        path.read_text("utf-8"), f"incidents/{name}.yaml", platforms, languages=EN_AR
    )
    assert not result.errors
    (incident,) = result.incidents
    return incident


@pytest.fixture
def maintenance(platforms: tuple[Platform, ...]) -> Incident:
    return load(MAINTENANCE_ID, platforms)


@pytest.fixture
def outage(platforms: tuple[Platform, ...]) -> Incident:
    return load("2021-10-04-global-outage", platforms)


def ics(site: Site, lang: str = "en") -> str:
    return maintenance_calendar(site, lang, Routes(BASE[lang]), SITE_NAME[lang])


def events(text: str) -> list:
    return Calendar.from_ical(text).walk("VEVENT")


def test_calendar_outputs_one_file(platforms: tuple[Platform, ...], maintenance: Incident) -> None:
    site = Site(platforms, (maintenance,), "UTC", NOW)
    assert calendar_outputs(site, "en", Routes(BASE["en"]), SITE_NAME["en"]) == {
        "maintenance.ics": ics(site)
    }


def test_maintenance_becomes_an_event(
    platforms: tuple[Platform, ...], maintenance: Incident
) -> None:
    text = ics(Site(platforms, (maintenance,), "UTC", NOW))
    calendar = Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Nabd//Status page//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Meta status: scheduled maintenance"
    (event,) = events(text)
    assert str(event["UID"]) == f"{MAINTENANCE_ID}@status.example.org"
    assert event["DTSTART"].dt == datetime(2030, 1, 10, 1, 0, tzinfo=UTC)
    assert event["DTEND"].dt == datetime(2030, 1, 10, 3, 0, tzinfo=UTC)
    assert event["DTSTAMP"].dt == datetime(2029, 12, 20, 9, 0, tzinfo=UTC)  # its latest update
    assert str(event["SUMMARY"]) == "Planned maintenance of Threads"
    url = f"https://status.example.org/incidents/{MAINTENANCE_ID}/"
    assert str(event["URL"]) == url
    assert str(event["DESCRIPTION"]) == f"Threads will be read-only during the window.\n\n{url}"
    assert event["CATEGORIES"].cats == ["Threads"]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "DTSTART:20300110T010000Z\r\n" in text
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n" in text


def test_arabic_calendar(platforms: tuple[Platform, ...], maintenance: Incident) -> None:
    text = ics(Site(platforms, (maintenance,), "UTC", NOW), "ar")
    assert str(Calendar.from_ical(text)["X-WR-CALNAME"]) == "حالة ميتا: الصيانة المجدولة"
    (event,) = events(text)
    assert str(event["SUMMARY"]) == "صيانة مجدولة لثريدز"
    assert event["SUMMARY"].params["LANGUAGE"] == "ar"
    assert str(event["URL"]) == f"https://status.example.org/ar/incidents/{MAINTENANCE_ID}/"
    assert str(event["DESCRIPTION"]).startswith("سيكون ثريدز للقراءة فقط خلال فترة الصيانة.")
    assert event["CATEGORIES"].cats == ["ثريدز"]


def test_untranslated_title_is_tagged_with_its_language(
    platforms: tuple[Platform, ...], maintenance: Incident
) -> None:
    english_only = replace(maintenance, title=LocalizedText({"en": "Planned maintenance"}))
    (event,) = events(ics(Site(platforms, (english_only,), "UTC", NOW), "ar"))
    assert str(event["SUMMARY"]) == "Planned maintenance"
    assert event["SUMMARY"].params["LANGUAGE"] == "en"


def test_times_are_in_utc(platforms: tuple[Platform, ...], maintenance: Incident) -> None:
    riyadh = timezone(timedelta(hours=3))
    window = Window(
        datetime(2030, 1, 10, 4, 0, tzinfo=riyadh), datetime(2030, 1, 10, 6, 0, tzinfo=riyadh)
    )
    text = ics(Site(platforms, (replace(maintenance, scheduled=window),), "Asia/Riyadh", NOW))
    assert "DTSTART:20300110T010000Z\r\n" in text
    assert "DTEND:20300110T030000Z\r\n" in text
    assert "TZID" not in text


def test_uids_are_stable_across_rebuilds_and_languages(
    platforms: tuple[Platform, ...], maintenance: Incident, outage: Incident
) -> None:
    alone = events(ics(Site(platforms, (maintenance,), "UTC", NOW)))
    later = Site(platforms, (outage, maintenance), "UTC", NOW + timedelta(days=400))
    with_more = events(ics(later)) + events(ics(later, "ar"))
    assert {str(e["UID"]) for e in alone} == {str(e["UID"]) for e in with_more}


def test_only_maintenance_is_listed_in_start_order(
    platforms: tuple[Platform, ...], maintenance: Incident, outage: Incident
) -> None:
    earlier = replace(
        maintenance,
        id="2029-06-01-earlier",
        scheduled=Window(datetime(2029, 6, 1, tzinfo=UTC), datetime(2029, 6, 1, 2, tzinfo=UTC)),
    )
    text = ics(Site(platforms, (outage, maintenance, earlier), "UTC", NOW))
    assert [str(e["UID"]).split("@")[0] for e in events(text)] == [
        "2029-06-01-earlier",
        MAINTENANCE_ID,
    ]


def test_without_maintenance_the_calendar_is_valid_and_empty(
    platforms: tuple[Platform, ...], outage: Incident
) -> None:
    for incidents in ((), (outage,)):
        text = ics(Site(platforms, incidents, "UTC", NOW))
        calendar = Calendar.from_ical(text)
        assert calendar.name == "VCALENDAR"
        assert str(calendar["VERSION"]) == "2.0"
        assert "PRODID" in calendar
        assert events(text) == []
        assert text.startswith("BEGIN:VCALENDAR\r\n")
        assert text.endswith("END:VCALENDAR\r\n")


def test_lines_are_folded_and_end_in_crlf(
    platforms: tuple[Platform, ...], maintenance: Incident
) -> None:
    long_title = LocalizedText({"en": "Maintenance " * 20, "ar": "صيانة " * 30})
    site = Site(platforms, (replace(maintenance, title=long_title),), "UTC", NOW)
    for lang in ("en", "ar"):
        text = ics(site, lang)
        lines = text.split("\r\n")
        assert lines[-1] == ""
        assert all("\n" not in line and len(line.encode("utf-8")) <= 75 for line in lines)
        assert str(events(text)[0]["SUMMARY"]) == long_title.values[lang]


def test_output_does_not_depend_on_the_clock(
    platforms: tuple[Platform, ...], maintenance: Incident
) -> None:
    first = ics(Site(platforms, (maintenance,), "UTC", NOW))
    assert first == ics(Site(platforms, (maintenance,), "UTC", NOW + timedelta(days=1)))
