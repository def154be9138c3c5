"""The Statuspage API v2 files: valid against the schema written from Statuspage's documentation,
and carrying what a Statuspage client reads (status, components, incidents, maintenances)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from nabd.core.analysis.analysis import Analysis, analyse
from nabd.core.edition.outputs.statuspage import statuspage_id, statuspage_outputs, statuspage_time
from nabd.core.edition.routes import Routes
from nabd.core.model.loader import load_incidents
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
    Window,
)
from tests.sites import EN_AR, example_languages, language

ROOT = Path(__file__).parent.parent.parent
BASE = {"en": "https://status.example.org/", "ar": "https://status.example.org/ar/"}
NAMES = {"en": "Meta status", "ar": "حالة ميتا"}

SCHEMA = json.loads(files("nabd").joinpath("schema/statuspage-v2.schema.json").read_text("utf-8"))
DOCUMENT_SCHEMA = {
    "api/v2/summary.json": "summary.json",
    "api/v2/status.json": "status.json",
    "api/v2/components.json": "components.json",
    "api/v2/incidents.json": "incidents.json",
    "api/v2/incidents/unresolved.json": "incidents.json",
    "api/v2/scheduled-maintenances.json": "scheduled-maintenances.json",
    "api/v2/scheduled-maintenances/upcoming.json": "scheduled-maintenances.json",
    "api/v2/scheduled-maintenances/active.json": "scheduled-maintenances.json",
}

FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


@FORMATS.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    return not isinstance(value, str) or bool(date.fromisoformat(value))


def validator(file_name: str) -> Draft202012Validator:
    schema = {"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{DOCUMENT_SCHEMA[file_name]}"}
    return Draft202012Validator(schema, format_checker=FORMATS)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def text(en: str, ar: str | None = None) -> LocalizedText:
    return LocalizedText({"en": en, "ar": ar or f"{en} (ar)"})


def update(when: str, status: UpdateStatus) -> Update:
    return Update(at(when), status, text(f"{status.value} at {when}", f"تحديث {when}"))


def incident(
    incident_id: str,
    impacts: tuple[Impact, ...],
    updates: tuple[Update, ...],
    *,
    kind: Kind = Kind.INCIDENT,
    impact: ImpactLevel = ImpactLevel.MAJOR,
    scheduled: Window | None = None,
) -> Incident:
    return Incident(
        id=incident_id,
        path=f"incidents/{incident_id}.yaml",
        title=text(f"Title {incident_id}", f"عنوان {incident_id}"),
        kind=kind,
        impact=impact,
        impacts=impacts,
        updates=updates,
        scheduled=scheduled,
    )


def hit(platform: str, status: ComponentStatus, start: str, end: str | None) -> Impact:
    return Impact(platform, status, at(start), None if end is None else at(end))


def maintenance(incident_id: str, start: str, end: str, *updates: Update) -> Incident:
    return incident(
        incident_id,
        (hit("threads", ComponentStatus.UNDER_MAINTENANCE, start, end),),
        updates,
        kind=Kind.MAINTENANCE,
        impact=ImpactLevel.MAINTENANCE,
        scheduled=Window(at(start), at(end)),
    )


NOW = "2024-06-01T12:00:00+00:00"

OUTAGE = incident(
    "2024-05-01-outage",
    (
        hit("facebook", ComponentStatus.PARTIAL_OUTAGE, "2024-05-01T10:00Z", "2024-05-01T11:00Z"),
        hit("facebook", ComponentStatus.MAJOR_OUTAGE, "2024-05-01T11:00Z", "2024-05-01T12:00Z"),
        hit(
            "instagram",
            ComponentStatus.DEGRADED_PERFORMANCE,
            "2024-05-01T10:00Z",
            "2024-05-01T12:00Z",
        ),
    ),
    (
        update("2024-05-01T10:10:00Z", UpdateStatus.INVESTIGATING),
        update("2024-05-01T11:10:00Z", UpdateStatus.MONITORING),
        update("2024-05-01T12:05:00Z", UpdateStatus.RESOLVED),
        update("2024-05-03T09:00:00Z", UpdateStatus.POSTMORTEM),
    ),
    impact=ImpactLevel.CRITICAL,
)
ONGOING = incident(
    "2024-06-01-ongoing",
    (hit("whatsapp", ComponentStatus.MAJOR_OUTAGE, "2024-06-01T09:00Z", None),),
    (update("2024-06-01T09:20:00.250Z", UpdateStatus.INVESTIGATING),),
    impact=ImpactLevel.CRITICAL,
)
UPCOMING = maintenance(
    "2024-06-10-upgrade",
    "2024-06-10T01:00Z",
    "2024-06-10T03:00Z",
    update("2024-05-20T09:00:00Z", UpdateStatus.SCHEDULED),
)
IN_PROGRESS = maintenance(
    "2024-06-01-migration",
    "2024-06-01T11:00Z",
    "2024-06-01T13:00Z",
    update("2024-05-25T09:00:00Z", UpdateStatus.SCHEDULED),
    update("2024-06-01T11:00:00Z", UpdateStatus.IN_PROGRESS),
)
COMPLETED = maintenance(
    "2024-04-01-done",
    "2024-04-01T01:00Z",
    "2024-04-01T02:00Z",
    update("2024-03-20T09:00:00Z", UpdateStatus.SCHEDULED),
    update("2024-04-01T01:00:00Z", UpdateStatus.IN_PROGRESS),
    update("2024-04-01T02:00:00Z", UpdateStatus.COMPLETED),
)
HAND_MADE = (COMPLETED, OUTAGE, IN_PROGRESS, ONGOING, UPCOMING)


def hand_made_site(
    platforms: tuple[Platform, ...],
    incidents: tuple[Incident, ...] = HAND_MADE,
    *,
    now: str = NOW,
    timezone: str = "UTC",
) -> Analysis:
    ordered = tuple(sorted(incidents, key=lambda i: (i.started_at, i.id)))
    return analyse(platforms, ordered, timezone, at(now))


def documents(site: Analysis, lang: str = "en") -> dict[str, Any]:
    outputs = statuspage_outputs(site, language(lang), Routes(BASE[lang]), NAMES[lang])
    return {path: json.loads(content) for path, content in outputs.items()}


def by_name(objects: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(o for o in objects if o["name"] == name)


@pytest.fixture(scope="module")
def example_site(platforms: tuple[Platform, ...]) -> Analysis:
    result = load_incidents(
        ROOT / "incidents", platforms, display_root=ROOT, languages=example_languages()
    )
    assert not result.errors
    return analyse(platforms, result.incidents, "UTC", at("2026-07-01T00:00:00+00:00"))


@pytest.fixture(scope="module")
def fixture_site(platforms: tuple[Platform, ...]) -> Analysis:
    result = load_incidents(
        ROOT / "tests/fixtures/valid", platforms, display_root=ROOT, languages=EN_AR
    )
    assert not result.errors
    return analyse(platforms, result.incidents, "Asia/Riyadh", at("2030-02-01T09:00:00+00:00"))


# -- every file, every site --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("which", ["example", "fixtures", "hand-made"])
def test_every_file_is_valid_against_the_schema(
    which: str,
    lang: str,
    example_site: Analysis,
    fixture_site: Analysis,
    platforms: tuple[Platform, ...],
) -> None:
    site = {"example": example_site, "fixtures": fixture_site}.get(which) or hand_made_site(
        platforms
    )
    outputs = statuspage_outputs(site, language(lang), Routes(BASE[lang]), NAMES[lang])
    assert sorted(outputs) == sorted(DOCUMENT_SCHEMA)
    for path, content in outputs.items():
        errors = [
            f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(path).iter_errors(json.loads(content))
        ]
        assert not errors, "\n".join(errors[:10])


def test_the_schema_rejects_what_statuspage_would_not_send(platforms: tuple[Platform, ...]) -> None:
    summary = documents(hand_made_site(platforms))["api/v2/summary.json"]
    check = validator("api/v2/summary.json")
    broken = json.loads(json.dumps(summary))
    broken["status"]["indicator"] = "maintenance"
    broken["components"][0]["status"] = "down"
    broken["incidents"][0]["incident_updates"][0]["created_at"] = "2024-06-01 09:20"
    del broken["page"]["time_zone"]
    messages = " ".join(e.message for e in check.iter_errors(broken))
    assert "'maintenance' is not one of" in messages
    assert "'down' is not one of" in messages
    assert "'time_zone' is a required property" in messages
    assert "'2024-06-01 09:20'" in messages


def test_output_is_deterministic_and_ids_stable(
    example_site: Analysis, fixture_site: Analysis
) -> None:
    for site in (example_site, fixture_site):
        first = statuspage_outputs(site, language("ar"), Routes(BASE["ar"]), NAMES["ar"])
        assert statuspage_outputs(site, language("ar"), Routes(BASE["ar"]), NAMES["ar"]) == first
    assert statuspage_id("incident:2021-10-04-global-outage") == statuspage_id(
        "incident:2021-10-04-global-outage"
    )


def test_ids_are_unique_and_shared_by_both_languages(example_site: Analysis) -> None:
    en = documents(example_site, "en")
    ar = documents(example_site, "ar")
    incidents = en["api/v2/incidents.json"]["incidents"]
    update_ids = [u["id"] for i in incidents for u in i["incident_updates"]]
    incident_ids = [i["id"] for i in incidents]
    component_ids = [c["id"] for c in en["api/v2/components.json"]["components"]]
    every = update_ids + incident_ids + component_ids + [en["api/v2/status.json"]["page"]["id"]]
    assert len(set(every)) == len(every)
    assert incident_ids == [i["id"] for i in ar["api/v2/incidents.json"]["incidents"]]
    assert component_ids == [c["id"] for c in ar["api/v2/components.json"]["components"]]
    # Two pages (two URLs), so two page ids.
    assert en["api/v2/status.json"]["page"]["id"] != ar["api/v2/status.json"]["page"]["id"]


# -- status, components --------------------------------------------------------------------------


def test_indicator_and_description(
    example_site: Analysis, platforms: tuple[Platform, ...], fixture_site: Analysis
) -> None:
    quiet = documents(example_site)["api/v2/status.json"]["status"]
    assert quiet == {"indicator": "none", "description": "All systems operational"}
    assert documents(hand_made_site(platforms))["api/v2/status.json"]["status"] == {
        "indicator": "critical",
        "description": "Major system outage",
    }
    assert documents(fixture_site, "ar")["api/v2/status.json"]["status"] == {
        "indicator": "minor",
        "description": "انقطاع طفيف في الخدمة",
    }
    maintenance_only = hand_made_site(platforms, (IN_PROGRESS,))
    assert documents(maintenance_only)["api/v2/summary.json"]["status"] == {
        "indicator": "none",
        "description": "Service under maintenance",
    }


def test_components_carry_status_order_and_times(platforms: tuple[Platform, ...]) -> None:
    site = hand_made_site(platforms)
    components = documents(site)["api/v2/components.json"]["components"]
    assert [c["name"] for c in components] == [p.name.get("en").text for p in platforms]
    assert [c["position"] for c in components] == [1, 2, 3, 4, 5]
    statuses = {c["name"]: c["status"] for c in components}
    assert statuses == {
        "Facebook": "operational",
        "Instagram": "operational",
        "WhatsApp": "major_outage",
        "Messenger": "operational",
        "Threads": "under_maintenance",
    }
    facebook = by_name(components, "Facebook")
    assert facebook["created_at"] == "2010-01-01T00:00:00.000Z"
    assert facebook["start_date"] == "2010-01-01"
    assert facebook["updated_at"] == "2024-05-01T12:00:00.000Z"  # back to operational
    assert by_name(components, "WhatsApp")["updated_at"] == "2024-06-01T09:00:00.000Z"
    assert by_name(components, "Messenger")["updated_at"] == "2010-01-01T00:00:00.000Z"
    page_ids = {c["page_id"] for c in components}
    assert page_ids == {documents(site)["api/v2/summary.json"]["page"]["id"]}


def test_groups_become_group_components(platforms: tuple[Platform, ...]) -> None:
    grouped = tuple(
        Platform(p.id, p.name, p.url, p.tracked_since, "Messaging")
        if p.id in {"whatsapp", "messenger"}
        else p
        for p in platforms
    )
    components = documents(hand_made_site(grouped))["api/v2/components.json"]["components"]
    assert [c["name"] for c in components] == [
        "Facebook",
        "Instagram",
        "Messaging",
        "WhatsApp",
        "Messenger",
        "Threads",
    ]
    group = by_name(components, "Messaging")
    members = [by_name(components, "WhatsApp"), by_name(components, "Messenger")]
    assert group["group"] is True
    assert group["components"] == [m["id"] for m in members]
    assert group["status"] == "major_outage"  # its worst member
    assert all(m["group_id"] == group["id"] for m in members)
    assert by_name(components, "Facebook")["group_id"] is None


def test_page_object(platforms: tuple[Platform, ...]) -> None:
    page = documents(hand_made_site(platforms), "ar")["api/v2/summary.json"]["page"]
    assert page["name"] == "حالة ميتا"
    assert page["url"] == "https://status.example.org/ar"
    assert page["time_zone"] == "UTC"
    # The last change before now (the maintenance going in progress), not the build time.
    assert page["updated_at"] == "2024-06-01T11:00:00.000Z"


# -- incidents -----------------------------------------------------------------------------------


def test_incident_fields(platforms: tuple[Platform, ...]) -> None:
    incidents = documents(hand_made_site(platforms))["api/v2/incidents.json"]["incidents"]
    outage = by_name(incidents, "Title 2024-05-01-outage")
    assert outage["status"] == "postmortem"
    assert outage["impact"] == "critical"
    assert outage["started_at"] == "2024-05-01T10:00:00.000Z"
    assert outage["created_at"] == "2024-05-01T10:10:00.000Z"
    assert outage["monitoring_at"] == "2024-05-01T11:10:00.000Z"
    assert outage["resolved_at"] == "2024-05-01T12:05:00.000Z"
    assert outage["updated_at"] == "2024-05-03T09:00:00.000Z"
    assert [u["status"] for u in outage["incident_updates"]] == [
        "postmortem",
        "resolved",
        "monitoring",
        "investigating",
    ]
    assert {u["incident_id"] for u in outage["incident_updates"]} == {outage["id"]}
    assert [c["name"] for c in outage["components"]] == ["Facebook", "Instagram"]
    ongoing = by_name(incidents, "Title 2024-06-01-ongoing")
    assert ongoing["resolved_at"] is None
    assert ongoing["monitoring_at"] is None
    assert ongoing["components"][0]["status"] == "major_outage"


def test_affected_components_report_each_status_change(platforms: tuple[Platform, ...]) -> None:
    incidents = documents(hand_made_site(platforms))["api/v2/incidents.json"]["incidents"]
    outage = by_name(incidents, "Title 2024-05-01-outage")
    changes = [
        {a["name"]: (a["old_status"], a["new_status"]) for a in u["affected_components"]}
        for u in reversed(outage["incident_updates"])
    ]
    assert changes == [
        {
            "Facebook": ("operational", "partial_outage"),
            "Instagram": ("operational", "degraded_performance"),
        },
        {
            "Facebook": ("partial_outage", "major_outage"),
            "Instagram": ("degraded_performance", "degraded_performance"),
        },
        {
            "Facebook": ("major_outage", "operational"),
            "Instagram": ("degraded_performance", "operational"),
        },
        {"Facebook": ("operational", "operational"), "Instagram": ("operational", "operational")},
    ]
    codes = {a["code"] for u in outage["incident_updates"] for a in u["affected_components"]}
    assert codes == {c["id"] for c in outage["components"]}


def test_unresolved_lists_only_unresolved_incidents(
    example_site: Analysis, fixture_site: Analysis
) -> None:
    assert documents(example_site)["api/v2/incidents/unresolved.json"]["incidents"] == []
    unresolved = documents(fixture_site)["api/v2/incidents/unresolved.json"]["incidents"]
    assert [i["name"] for i in unresolved] == ["Messenger: messages are delayed"]
    summary = documents(fixture_site)["api/v2/summary.json"]
    assert summary["incidents"] == unresolved


def daily_incident(n: int, *, resolved: bool) -> Incident:
    """An incident on day ``n`` of 2020 (an hour long when resolved)."""
    start = at("2020-01-01T00:00:00+00:00") + timedelta(days=n)
    end = start + timedelta(hours=1) if resolved else None
    updates = (Update(start, UpdateStatus.INVESTIGATING, text("x")),)
    if end is not None:
        updates += (Update(end, UpdateStatus.RESOLVED, text("y")),)
    return incident(
        f"i{n:03d}", (Impact("facebook", ComponentStatus.PARTIAL_OUTAGE, start, end),), updates
    )


def test_incidents_are_the_50_most_recent_newest_first(platforms: tuple[Platform, ...]) -> None:
    many = tuple(daily_incident(n, resolved=n > 0) for n in range(60))
    docs = documents(hand_made_site(platforms, many, now="2024-01-01T00:00:00+00:00"))
    listed = docs["api/v2/incidents.json"]["incidents"]
    assert [i["name"] for i in listed] == [f"Title i{n:03d}" for n in range(59, 9, -1)]
    # The oldest one is still open: too old for the 50, but unresolved, so in the summary.
    assert [i["name"] for i in docs["api/v2/summary.json"]["incidents"]] == ["Title i000"]


def test_shortlinks_are_absolute_incident_pages(example_site: Analysis) -> None:
    for lang in ("en", "ar"):
        incidents = documents(example_site, lang)["api/v2/incidents.json"]["incidents"]
        assert incidents
        for item in incidents:
            assert item["shortlink"].startswith(f"{BASE[lang]}incidents/")
            assert item["shortlink"].endswith("/")
    assert "https://status.example.org/incidents/2021-10-04-global-outage/" in {
        i["shortlink"] for i in documents(example_site)["api/v2/incidents.json"]["incidents"]
    }


def test_arabic_text_in_the_arabic_files(
    fixture_site: Analysis, platforms: tuple[Platform, ...]
) -> None:
    docs = documents(fixture_site, "ar")
    names = [c["name"] for c in docs["api/v2/components.json"]["components"]]
    assert names == [p.name.get("ar").text for p in platforms]
    messenger = docs["api/v2/incidents/unresolved.json"]["incidents"][0]
    assert messenger["name"] == "ماسنجر: تأخر وصول الرسائل"
    assert messenger["incident_updates"][0]["body"] == "يجري نشر إصلاح ونواصل المتابعة."
    affected = messenger["incident_updates"][0]["affected_components"]
    assert {a["name"] for a in affected} == {"فيسبوك", "ماسنجر"}
    # ensure_ascii=False: the Arabic is written as is, not as \\u escapes.
    raw = statuspage_outputs(fixture_site, language("ar"), Routes(BASE["ar"]), NAMES["ar"])[
        "api/v2/summary.json"
    ]
    assert "ماسنجر" in raw


def test_incidents_json_leaves_maintenance_out(platforms: tuple[Platform, ...]) -> None:
    docs = documents(hand_made_site(platforms))
    names = [i["name"] for i in docs["api/v2/incidents.json"]["incidents"]]
    assert names == ["Title 2024-06-01-ongoing", "Title 2024-05-01-outage"]


# -- scheduled maintenance -----------------------------------------------------------------------


def test_maintenances_split_into_upcoming_and_active(platforms: tuple[Platform, ...]) -> None:
    docs = documents(hand_made_site(platforms))

    def names(path: str) -> list[str]:
        return [m["name"] for m in docs[path]["scheduled_maintenances"]]

    assert names("api/v2/scheduled-maintenances.json") == [
        "Title 2024-06-10-upgrade",
        "Title 2024-06-01-migration",
        "Title 2024-04-01-done",
    ]
    assert names("api/v2/scheduled-maintenances/upcoming.json") == ["Title 2024-06-10-upgrade"]
    assert names("api/v2/scheduled-maintenances/active.json") == ["Title 2024-06-01-migration"]
    assert names("api/v2/summary.json") == [
        "Title 2024-06-10-upgrade",
        "Title 2024-06-01-migration",
    ]
    upgrade = docs["api/v2/scheduled-maintenances/upcoming.json"]["scheduled_maintenances"][0]
    assert upgrade["scheduled_for"] == "2024-06-10T01:00:00.000Z"
    assert upgrade["scheduled_until"] == "2024-06-10T03:00:00.000Z"
    assert upgrade["impact"] == "maintenance"
    assert upgrade["status"] == "scheduled"
    done = by_name(
        docs["api/v2/scheduled-maintenances.json"]["scheduled_maintenances"],
        "Title 2024-04-01-done",
    )
    assert done["resolved_at"] == "2024-04-01T02:00:00.000Z"
    migration = docs["api/v2/scheduled-maintenances/active.json"]["scheduled_maintenances"][0]
    assert [
        (a["old_status"], a["new_status"])
        for u in migration["incident_updates"]
        for a in u["affected_components"]
    ] == [("operational", "under_maintenance"), ("operational", "operational")]


# -- timestamps ----------------------------------------------------------------------------------


def test_timestamps_are_written_as_statuspage_writes_them(platforms: tuple[Platform, ...]) -> None:
    assert statuspage_time(at("2030-02-01T07:30:00.250Z"), "UTC") == "2030-02-01T07:30:00.250Z"
    assert statuspage_time(at("2030-02-01T07:30:00Z"), "Asia/Riyadh") == (
        "2030-02-01T10:30:00.000+03:00"
    )
    assert statuspage_time(at("2024-01-15T12:00:00Z"), "America/Chicago") == (
        "2024-01-15T06:00:00.000-06:00"
    )
    assert statuspage_time(at("2024-07-15T12:00:00Z"), "Asia/Kolkata").endswith("+05:30")
    site = hand_made_site(platforms, timezone="Asia/Riyadh")
    ongoing = documents(site)["api/v2/incidents/unresolved.json"]["incidents"][0]
    assert ongoing["created_at"] == "2024-06-01T12:20:00.250+03:00"
    assert documents(site)["api/v2/components.json"]["components"][0]["created_at"] == (
        "2010-01-01T00:00:00.000+03:00"
    )


def test_an_update_keeps_its_id_when_another_is_added_before_it_or_its_text_changes(
    platforms: tuple[Platform, ...],
) -> None:
    """``nabd notify`` tells news by these ids: a forgotten update written in later, before
    the others, or a corrected typo, must not make the others news again."""

    def update_ids(*updates: Update) -> list[str]:
        outage = incident("2024-05-01-outage", OUTAGE.impacts, updates)
        (found,) = documents(hand_made_site(platforms, (outage,)))["api/v2/incidents.json"][
            "incidents"
        ]
        return [u["id"] for u in reversed(found["incident_updates"])]

    early = update("2024-05-01T10:05:00Z", UpdateStatus.INVESTIGATING)
    found = update("2024-05-01T10:30:00Z", UpdateStatus.IDENTIFIED)
    fixed = update("2024-05-01T12:05:00Z", UpdateStatus.RESOLVED)
    corrected = Update(found.at, found.status, text("Found it, typo fixed."))
    before = update_ids(found, fixed)
    after = update_ids(early, corrected, fixed)
    assert after[1:] == before and after[0] not in before
    # two updates at the same time: two ids, the first unchanged
    twice = update_ids(found, corrected, fixed)
    assert len(set(twice)) == 3 and twice[0] == before[0] and twice[2] == before[1]
