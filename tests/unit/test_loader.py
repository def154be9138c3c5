"""The incident loader and validator: fixtures, each rule, and the folder walk."""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from nabd.core.model import loader
from nabd.core.model.loader import LoadResult, load_incident_text, load_incidents
from nabd.core.model.models import (
    ComponentStatus,
    Confidence,
    ImpactLevel,
    Kind,
    Problem,
    SourceKind,
    UpdateStatus,
)
from tests.sites import EN_AR

FIXTURES = Path(__file__).parent.parent / "fixtures"
VALID = sorted((FIXTURES / "valid").rglob("*.y*ml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
VALID_IDS = frozenset(p.stem for p in VALID)
EXPECT = re.compile(r"# expect: (\d+) (\S+): (.+)")

BASE = """\
title: {en: Login failures, ar: أعطال في تسجيل الدخول}
impacts:
  - platform: facebook
    status: major_outage
    from: 2024-03-05T15:00:00Z
    to: 2024-03-05T17:15:00Z
updates:
  - at: 2024-03-05T15:40:00Z
    status: investigating
    text: {en: We are looking into it., ar: نحقق في المشكلة.}
  - at: 2024-03-05T17:20:00Z
    status: resolved
    text: {en: Fixed., ar: تم الإصلاح.}
"""


def load(text: str, platforms, **options) -> LoadResult:
    return load_incident_text(
        text, "incidents/test-incident.yaml", platforms, **options, languages=EN_AR
    )


def edited(*replacements: tuple[str, str]) -> str:
    text = BASE
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def only_error(result: LoadResult) -> Problem:
    assert not result.incidents
    assert len(result.errors) == 1, result.problems
    return result.errors[0]


# Fixtures


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_loads_without_any_problem(path: Path, platforms) -> None:
    text = path.read_text(encoding="utf-8")
    result = load_incident_text(
        text, f"incidents/{path.name}", platforms, known_ids=VALID_IDS, strict=True, languages=EN_AR
    )
    assert result.problems == ()
    assert [i.id for i in result.incidents] == [path.stem]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_reports_its_problem(path: Path, platforms) -> None:
    text = path.read_text(encoding="utf-8")
    expected = EXPECT.match(text)
    assert expected, f"{path.name}: line 1 must be '# expect: LINE FIELD: FRAGMENT'"
    line, field, fragment = int(expected[1]), expected[2], expected[3]
    result = load_incident_text(
        text,
        f"incidents/{path.name}",
        platforms,
        known_ids=VALID_IDS | {path.stem},
        strict=True,
        languages=EN_AR,
    )
    assert result.incidents == ()
    found = [(p.line, p.field, p.message) for p in result.errors]
    assert any((ln, fd) == (line, field) and fragment in message for ln, fd, message in found), (
        found
    )


def test_invalid_fixtures_cover_the_rules_of_the_brief() -> None:
    names = {p.stem for p in INVALID}
    assert {
        "naive-timestamp",
        "sexagesimal-time",
        "duplicate-key",
        "unknown-platform",
        "unknown-status",
        "unknown-field",
        "to-before-from",
        "updates-out-of-order",
        "resolved-while-open",
        "bad-url-scheme",
        "raw-html",
        "bidi-control",
        "tab-indent",
        "malformed",
        "empty",
        "not-a-mapping",
        "missing-translation",
        "yes-boolean",
    } <= names


def test_a_full_incident_is_read_into_the_model(platforms) -> None:
    path = FIXTURES / "valid" / "2021-10-04-global-outage.yaml"
    result = load_incident_text(
        path.read_text(encoding="utf-8"), "x/2021-10-04.yaml", platforms, languages=EN_AR
    )
    (incident,) = result.incidents
    assert incident.id == "2021-10-04"
    assert incident.path == "x/2021-10-04.yaml"
    assert incident.kind is Kind.INCIDENT
    assert incident.impact is ImpactLevel.CRITICAL
    assert incident.landmark is True
    assert incident.confidence is Confidence.HIGH
    assert incident.platforms == ("facebook", "instagram", "whatsapp", "messenger")
    assert incident.started_at == datetime(2021, 10, 4, 15, 39, tzinfo=UTC)
    assert incident.ended_at == datetime(2021, 10, 4, 22, 30, tzinfo=UTC)
    assert [u.status for u in incident.updates] == [
        UpdateStatus.INVESTIGATING,
        UpdateStatus.RESOLVED,
        UpdateStatus.POSTMORTEM,
    ]
    first = incident.updates[0]
    assert first.text.get("en").text.startswith("Facebook's domain names stopped resolving")
    assert not first.text.get("en").text.endswith("\n")
    assert first.sources[0].kind is SourceKind.COMMUNITY
    (figure,) = incident.figures
    assert (figure.key, figure.value) == ("downdetector_reports_total", 10600000)
    assert figure.label is not None and figure.label.get("ar").text.startswith("بلاغات")
    assert incident.impacts[0].line == 10


def test_impact_is_derived_and_offsets_are_kept(platforms) -> None:
    path = FIXTURES / "valid" / "2024-03-05-login-session-outage.yaml"
    (incident,) = load_incident_text(
        path.read_text(encoding="utf-8"), path.name, platforms, languages=EN_AR
    ).incidents
    assert incident.impact is ImpactLevel.CRITICAL  # derived from major_outage
    assert incident.compare_with == ("2021-10-04-global-outage",)
    messenger = incident.impacts[2]
    assert messenger.start.utcoffset() == timedelta(hours=-5)
    assert messenger.start == datetime(2024, 3, 5, 15, 0, tzinfo=UTC)
    assert incident.figures[0].value == 550000


def test_an_ongoing_incident_keeps_open_impacts(platforms) -> None:
    path = FIXTURES / "valid" / "2030-02-01-messenger-ongoing.yaml"
    (incident,) = load_incident_text(
        path.read_text(encoding="utf-8"), path.name, platforms, languages=EN_AR
    ).incidents
    assert [i.end for i in incident.impacts] == [None, None]
    assert incident.impacts[0].status is ComponentStatus.DEGRADED_PERFORMANCE
    assert incident.impacts[0].start == datetime(
        2030, 2, 1, 10, tzinfo=timezone(timedelta(hours=3))
    )
    assert incident.impact is ImpactLevel.MINOR
    assert incident.confidence is Confidence.MEDIUM
    assert not incident.is_resolved and incident.ended_at is None
    assert "<https://metastatus.com/>" in incident.updates[0].text.get("en").text


def test_a_maintenance_has_its_window(platforms) -> None:
    path = FIXTURES / "valid" / "2030-01-10-planned-maintenance.yaml"
    (incident,) = load_incident_text(
        path.read_text(encoding="utf-8"), path.name, platforms, languages=EN_AR
    ).incidents
    assert incident.kind is Kind.MAINTENANCE
    assert incident.impact is ImpactLevel.MAINTENANCE
    assert incident.scheduled is not None
    assert incident.scheduled.end - incident.scheduled.start == timedelta(hours=2)


# Rules, one by one


def test_a_missing_translation_is_a_warning_unless_strict(platforms) -> None:
    text = edited(("title: {en: Login failures, ar: أعطال في تسجيل الدخول}", "title: {en: Login}"))
    result = load(text, platforms)
    (incident,) = result.incidents
    (warning,) = result.warnings
    assert result.errors == ()
    assert (warning.line, warning.field) == (1, "title.ar")
    assert "missing Arabic translation" in warning.message
    shown = incident.title.get("ar")
    assert (shown.text, shown.is_fallback) == ("Login", True)
    strict = load(text, platforms, strict=True)
    assert strict.incidents == () and strict.errors[0].field == "title.ar"


def test_an_empty_translation_counts_as_missing(platforms) -> None:
    text = edited(("text: {en: Fixed., ar: تم الإصلاح.}", 'text: {en: "", ar: تم الإصلاح.}'))
    (warning,) = load(text, platforms).warnings
    assert (warning.line, warning.field) == (13, "updates[1].text.en")
    assert "missing English translation (shown in Arabic" in warning.message


@pytest.mark.parametrize(
    "value",
    [
        "2024-03-05T15:00:00Z",
        "'2024-03-05T15:00:00Z'",
        "2024-03-05T15:00Z",
        "2024-03-05 15:00:00Z",
        "2024-03-05T18:00:00+03:00",
        "2024-03-05T14:00:00.5-01:00",
    ],
)
def test_timestamps_with_an_offset_are_accepted(value: str, platforms) -> None:
    (incident,) = load(
        edited(("from: 2024-03-05T15:00:00Z", f"from: {value}")), platforms
    ).incidents
    assert incident.impacts[0].start.utcoffset() is not None


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2024-03-05T15:00:00", "without a UTC offset: write 2024-03-05T15:00:00Z or"),
        ("2024-03-05 9:00", "without a UTC offset: write 2024-03-05T09:00:00Z"),
        ("2024-03-05", "a date without a time"),
        ("15:00", "'15:00' is a time without a date"),
        ("15:00:30", "like 2024-03-05T15:00:30Z"),
        ("2024-13-05T15:00:00Z", "not a valid date or time"),
        ("2024-03-05T15:00:00+0300", "is not a timestamp"),
        ("yesterday", "is not a timestamp"),
        ("'15:00'", "is not a timestamp"),
        ("٢٠٢٤-03-05T15:00:00Z", "is not a timestamp"),
        ("[2024]", "expected a value, found a list"),
        ("~", "expected a value, found nothing"),
    ],
)
def test_timestamps_without_offset_or_date_are_refused(
    value: str, fragment: str, platforms
) -> None:
    error = only_error(load(edited(("from: 2024-03-05T15:00:00Z", f"from: {value}")), platforms))
    assert (error.line, error.field) == (5, "impacts[0].from")
    assert fragment in error.message


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False), ("True", True)])
def test_booleans_are_true_or_false(value: str, expected: bool, platforms) -> None:
    (incident,) = load(f"landmark: {value}\n{BASE}", platforms).incidents
    assert incident.landmark is expected


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "Y", '"true"', "1"])
def test_yaml_1_1_booleans_are_refused(value: str, platforms) -> None:
    error = only_error(load(f"landmark: {value}\n{BASE}", platforms))
    assert (error.line, error.field) == (1, "landmark")
    assert "true or false" in error.message


def figure(value: str) -> str:
    return f'figures:\n  - {{key: peak, value: {value}, source: "https://example.com/"}}\n{BASE}'


@pytest.mark.parametrize("value", ["550000", "1.5", "-3", "1e3", "0.000001", "999999999999999.5"])
def test_figure_values_are_numbers_kept_as_written(value: str, platforms) -> None:
    (incident,) = load(figure(value), platforms).incidents
    assert incident.figures[0].value == Decimal(value)
    assert str(incident.figures[0].value) == str(Decimal(value))


@pytest.mark.parametrize("value", ['"550000"', ".inf", "1_000", "0x10", "yes"])
def test_figure_values_that_are_not_plain_numbers_are_refused(value: str, platforms) -> None:
    error = only_error(load(figure(value), platforms))
    assert (error.line, error.field) == (2, "figures[0].value")
    assert error.message.startswith("expected a number")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e999", "'1e999' is too large: at most 15 digits before the point"),
        ("1e25", "'1e25' is too large: at most 15 digits before the point"),
        ("1000000000000000", "too large"),
        ("9" * 5000, "5000 characters is too long for a number"),
        ("0.0000000001", "too small to show: at most 9 decimals"),
    ],
)
def test_figure_values_a_page_cannot_show_are_refused(value: str, message: str, platforms) -> None:
    error = only_error(load(figure(value), platforms))
    assert (error.line, error.field) == (2, "figures[0].value")
    assert message in error.message


def source(url: str) -> str:
    return edited(
        (
            "text: {en: Fixed., ar: تم الإصلاح.}",
            f"text: {{en: Fixed., ar: تم الإصلاح.}}\n    sources:\n"
            f"      - {{url: {url!r}, title: Report, kind: press}}",
        )
    )


@pytest.mark.parametrize("url", ["https://example.com", "http://example.com/a?b=c#d"])
def test_http_and_https_urls_are_accepted(url: str, platforms) -> None:
    (incident,) = load(source(url), platforms).incidents
    assert incident.updates[1].sources[0].url == url


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("javascript:alert(1)", "javascript: addresses are not allowed"),
        ("ftp://example.com/x", "ftp: addresses are not allowed"),
        ("mailto:a@example.com", "mailto: addresses are not allowed"),
        ("//example.com/x", "not a web address"),
        ("https://", "not a web address"),
        ("https://exa mple.com", "not a web address"),
        ("http://[::1/x", "no valid host name"),
        ("https://:80/x", "no valid host name"),
    ],
)
def test_other_urls_are_refused(url: str, fragment: str, platforms) -> None:
    error = only_error(load(source(url), platforms))
    assert (error.line, error.field) == (15, "updates[1].sources[0].url")
    assert fragment in error.message


def with_text(text: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return edited(("{en: Fixed.,", f'{{en: "{quoted}",'))


@pytest.mark.parametrize(
    "text",
    [
        "a < b and b > c",
        "1<2",
        "x <= y",
        "see <https://example.com/status>",
        "write to <mailto:help@example.com> or <help@example.com>",
        "an arrow <- here",
        "Latin \u200fmarks\u200e are fine",
    ],
)
def test_text_without_html_or_bidi_controls_is_accepted(text: str, platforms) -> None:
    (incident,) = load(with_text(text), platforms).incidents
    assert incident.updates[1].text.get("en").text == text


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("<b>bold</b>", "raw HTML (<b>...)"),
        ("end</b>", "raw HTML (</b>...)"),
        ("<!-- hidden -->", "raw HTML (<!--...)"),
        ("<script>alert(1)</script>", "raw HTML (<script>...)"),
        ('<img src=x onerror="alert(1)">', "raw HTML (<img...)"),
        ("line<br/>break", "raw HTML (<br/>...)"),
        ("<?php echo 1 ?>", "raw HTML (<?php...)"),
        ("Down <div", "raw HTML (<div...)"),
        ("abc\u202edef", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("abc\u2066def\u2069", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("abc\u202adef", "U+202A (LEFT-TO-RIGHT EMBEDDING)"),
    ],
)
def test_raw_html_and_bidi_controls_are_refused(text: str, fragment: str, platforms) -> None:
    error = only_error(load(with_text(text), platforms))
    assert (error.line, error.field) == (13, "updates[1].text.en")
    assert fragment in error.message


def test_source_titles_are_checked_like_text(platforms) -> None:
    text = source("https://example.com").replace("title: Report", 'title: "<i>Report</i>"')
    error = only_error(load(text, platforms))
    assert error.field == "updates[1].sources[0].title"


def test_every_problem_is_reported_at_once(platforms) -> None:
    text = edited(
        ("platform: facebook", "platform: facebok"),
        ("status: major_outage", "status: major"),
        ("to: 2024-03-05T17:15:00Z", "to: 17:15"),
        ("status: investigating", "staus: investigating"),
        ("{en: Fixed.,", "{en: <b>Fixed</b>,"),
    )
    result = load("landmark: yes\n" + text, platforms)
    assert [(p.line, p.field) for p in result.errors] == [
        (1, "landmark"),
        (4, "impacts[0].platform"),
        (5, "impacts[0].status"),
        (7, "impacts[0].to"),
        (10, "updates[0].staus"),
        (14, "updates[1].text.en"),
    ]


def test_unknown_fields_name_the_known_ones_when_nothing_is_close(platforms) -> None:
    error = only_error(load(f"severity: high\n{BASE}", platforms))
    assert error.field == "severity"
    assert error.message == (
        "unknown field (known: title, kind, impact, landmark, confidence, impacts, updates, "
        "compare_with, scheduled, figures)"
    )


def test_a_misspelled_required_field_is_reported_once(platforms) -> None:
    error = only_error(
        load(edited(("  - at: 2024-03-05T17:20:00Z", "  - att: 2024-03-05T17:20:00Z")), platforms)
    )
    assert (error.field, error.message) == ("updates[1].att", "unknown field; did you mean 'at'?")


def test_unknown_platform_without_any_configured(platforms) -> None:
    error = only_error(load(BASE, ()))
    assert "no platforms are configured" in error.message


def test_duplicate_keys_deep_in_lists_name_their_field(platforms) -> None:
    text = edited(("text: {en: Fixed., ar: تم الإصلاح.}", "text: {en: Fixed., ar: تم, en: Again}"))
    error = only_error(load(text, platforms))
    assert (error.line, error.field) == (13, "updates[1].text.en")
    assert error.message.startswith("duplicate key (first on line 13)")


def test_a_maintenance_uses_maintenance_statuses(platforms) -> None:
    path = FIXTURES / "valid" / "2030-01-10-planned-maintenance.yaml"
    text = path.read_text(encoding="utf-8").replace("status: scheduled", "status: investigating")
    error = only_error(load(text, platforms))
    assert error.field == "updates[0].status"
    assert "unknown maintenance status 'investigating'" in error.message


def test_completing_a_maintenance_while_it_goes_on_is_refused(platforms) -> None:
    path = FIXTURES / "valid" / "2030-01-10-planned-maintenance.yaml"
    text = path.read_text(encoding="utf-8") + (
        "  - at: 2030-01-10T02:00:00Z\n    status: completed\n    text: {en: Done., ar: انتهت.}\n"
    )
    error = only_error(load(text, platforms))
    assert error.field == "updates[1].status"
    assert "completed at 2030-01-10T02:00:00Z while impacts[0] (threads)" in error.message


def test_an_incident_may_reopen_after_a_resolved_update(platforms) -> None:
    text = BASE + (
        "  - at: 2024-03-05T18:00:00Z\n    status: investigating\n"
        "    text: {en: It is back., ar: عاد العطل.}\n"
        "  - at: 2024-03-05T19:00:00Z\n    status: resolved\n"
        "    text: {en: Fixed again., ar: أُصلح مجدداً.}\n"
    )
    text = text.replace(
        "updates:",
        "  - platform: instagram\n    status: partial_outage\n"
        "    from: 2024-03-05T17:50:00Z\n    to: 2024-03-05T18:50:00Z\nupdates:",
    )
    (incident,) = load(text, platforms).incidents
    assert incident.is_resolved and incident.ended_at == datetime(2024, 3, 5, 18, 50, tzinfo=UTC)


def test_an_impact_opened_after_the_last_resolution_is_refused(platforms) -> None:
    text = BASE.replace(
        "updates:",
        "  - platform: instagram\n    status: partial_outage\n"
        "    from: 2024-03-05T18:00:00Z\nupdates:",
    )
    error = only_error(load(text, platforms))
    assert error.field == "updates[1].status"
    assert "impacts[1] (instagram) is still open" in error.message


def test_an_empty_to_means_still_going_on(platforms) -> None:
    text = edited(
        ("    to: 2024-03-05T17:15:00Z\n", "    to:\n"), ("status: resolved", "status: monitoring")
    )
    (incident,) = load(text, platforms).incidents
    assert incident.impacts[0].end is None


def test_an_unknown_kind_still_checks_the_rest(platforms) -> None:
    result = load(f"kind: outage\n{BASE}".replace("status: resolved", "status: resolvd"), platforms)
    assert [p.field for p in result.errors] == ["kind", "updates[1].status"]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: &x 1\nb: *x\n", 1, "anchors and aliases"),
        ('a: "\x07"\n', 1, "character U+0007 is not allowed"),
        ("title: x\n\x00\n", 2, "character U+0000 is not allowed"),
        ("title: عربي\nb: c\n\x1b\n", 3, "character U+001B is not allowed"),
        ("a: " + "[" * 40 + "]" * 40 + "\n", 1, "nested more than 32 levels"),
        ("a: \ud800\n", 1, "not valid Unicode"),
        ("? [a, b]\n: c\n", 1, "a key must be a name"),
        ("a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
        ("   \n", 1, "empty file"),
        ("just text\n", 1, "found 'just text'"),
    ],
)
def test_yaml_that_is_refused_names_its_line(
    text: str, line: int, fragment: str, platforms
) -> None:
    error = only_error(load(text, platforms))
    assert (error.line, error.field) == (line, "(file)")
    assert fragment in error.message


def test_a_billion_laughs_is_refused_quickly(platforms) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    start = time.perf_counter()
    error = only_error(load("\n".join(lines), platforms))
    assert "anchors and aliases" in error.message
    assert time.perf_counter() - start < 1


def test_file_name_must_be_a_valid_id(platforms) -> None:
    result = load_incident_text(BASE, "incidents/Login Outage.yaml", platforms, languages=EN_AR)
    assert [(p.line, p.field) for p in result.errors] == [(1, "(file)")]
    assert "'Login Outage' is not a valid id" in result.errors[0].message


def test_problems_print_as_file_line_field_message(platforms) -> None:
    error = only_error(load(edited(("status: major_outage", "status: down")), platforms))
    assert str(error) == (
        "incidents/test-incident.yaml:4: impacts[0].status: unknown status 'down' "
        "(one of: degraded_performance, partial_outage, major_outage, under_maintenance)"
    )


def test_compare_with_is_only_checked_against_known_ids_when_given(platforms) -> None:
    text = f"compare_with: [some-other-incident]\n{BASE}"
    assert load(text, platforms).incidents[0].compare_with == ("some-other-incident",)
    error = only_error(load(text, platforms, known_ids={"some-other-incidents"}))
    assert "did you mean 'some-other-incidents'?" in error.message
    error = only_error(load(f"compare_with: [Not An Id]\n{BASE}", platforms))
    assert "is not an incident id" in error.message


# The folder


def write(folder: Path, name: str, text: str = BASE) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def started(text: str, day: int) -> str:
    return text.replace("2024-03-05T", f"2024-03-{day:02d}T")


@pytest.fixture
def incidents(tmp_path: Path) -> Path:
    folder = tmp_path / "incidents"
    folder.mkdir()
    return folder


def test_a_folder_loads_recursively_in_order(incidents: Path, platforms) -> None:
    write(incidents, "b-second.yaml", started(BASE, 7))
    write(incidents, "2024/a-third.yml", started(BASE, 9))
    write(incidents, "2023/deep/c-first.yaml", started(BASE, 1))
    write(incidents, "README.md", "# Incidents\n")
    write(incidents, ".gitkeep", "")
    write(incidents, ".drafts/draft.txt", "not read")
    result = load_incidents(incidents, platforms, display_root=incidents.parent, languages=EN_AR)
    assert result.problems == ()
    assert [(i.id, i.path) for i in result.incidents] == [
        ("c-first", "incidents/2023/deep/c-first.yaml"),
        ("b-second", "incidents/b-second.yaml"),
        ("a-third", "incidents/2024/a-third.yml"),
    ]


def test_the_valid_fixtures_load_as_a_folder(platforms) -> None:
    result = load_incidents(
        FIXTURES / "valid", platforms, display_root=FIXTURES, strict=True, languages=EN_AR
    )
    assert result.problems == ()
    assert [i.id for i in result.incidents] == [
        "2021-10-04-global-outage",
        "2023-06-16-end-not-reported",
        "2024-03-05-login-session-outage",
        "2025-04-12-whatsapp",
        "2030-01-10-planned-maintenance",
        "2030-02-01-messenger-ongoing",
    ]


def test_every_file_of_a_folder_is_checked(incidents: Path, platforms) -> None:
    write(incidents, "good.yaml")
    write(incidents, "bad-one.yaml", edited(("platform: facebook", "platform: myspace")))
    write(incidents, "bad-two.yaml", "title: [")
    result = load_incidents(incidents, platforms, display_root=incidents.parent, languages=EN_AR)
    assert [i.id for i in result.incidents] == ["good"]
    assert [(p.path, p.line) for p in result.errors] == [
        ("incidents/bad-one.yaml", 3),
        ("incidents/bad-two.yaml", 2),
    ]


def test_duplicate_ids_across_folders_are_refused(incidents: Path, platforms) -> None:
    write(incidents, "2024/outage.yaml")
    write(incidents, "2025/outage.yml")
    write(incidents, "other.yaml", f"compare_with: [outage]\n{BASE}")
    result = load_incidents(incidents, platforms, display_root=incidents.parent, languages=EN_AR)
    assert [i.id for i in result.incidents] == ["other"]
    assert [str(p) for p in result.errors] == [
        "incidents/2024/outage.yaml:1: (file): duplicate id: incidents/2025/outage.yml "
        "has the same file name",
        "incidents/2025/outage.yml:1: (file): duplicate id: incidents/2024/outage.yaml "
        "has the same file name",
    ]


def test_compare_with_names_incidents_of_the_folder(incidents: Path, platforms) -> None:
    write(incidents, "old.yaml")
    write(incidents, "new.yaml", f"compare_with: [old, olds]\n{BASE}")
    result = load_incidents(incidents, platforms, display_root=incidents.parent, languages=EN_AR)
    (error,) = result.errors
    assert str(error) == (
        "incidents/new.yaml:1: compare_with[1]: unknown incident 'olds'; did you mean 'old'?"
    )


def test_other_files_are_reported_not_ignored(incidents: Path, platforms) -> None:
    write(incidents, "notes.txt", "x")
    write(incidents, "x.yaml.txt", "x")
    write(incidents, "sub/x.json", "{}")
    write(incidents, "upper.YAML", BASE)
    result = load_incidents(incidents, platforms, display_root=incidents.parent, languages=EN_AR)
    assert sorted(p.path for p in result.errors) == [
        "incidents/notes.txt",
        "incidents/sub/x.json",
        "incidents/upper.YAML",
        "incidents/x.yaml.txt",
    ]
    assert all("not an incident file: rename it to .yaml" in p.message for p in result.errors)


def test_a_file_over_the_size_limit_is_not_parsed(incidents: Path, platforms) -> None:
    write(incidents, "big.yaml", BASE + "#" * 2000 + "\n")
    result = load_incidents(
        incidents, platforms, display_root=incidents.parent, max_file_size=1000, languages=EN_AR
    )
    (error,) = result.errors
    assert error.message.startswith("file is 2")
    assert "over the limit of 1000 (max_file_size)" in error.message


def test_a_file_that_is_not_utf8_is_refused(incidents: Path, platforms) -> None:
    (incidents / "latin.yaml").write_bytes(BASE.encode("utf-8").replace(b"Fixed.", b"Fix\xe9"))
    (incidents / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    result = load_incidents(incidents, platforms, display_root=incidents.parent, languages=EN_AR)
    (error,) = result.errors
    assert str(error) == (
        "incidents/latin.yaml:13: (file): not UTF-8 text (byte 0xE9): save it as UTF-8"
    )
    assert [i.id for i in result.incidents] == ["bom"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinks_out_of_the_folder_are_refused(tmp_path: Path, incidents: Path, platforms) -> None:
    outside = write(tmp_path, "elsewhere/secret.yaml")
    (incidents / "linked.yaml").symlink_to(outside)
    (incidents / "folder").symlink_to(outside.parent, target_is_directory=True)
    write(incidents, "real.yaml")
    (incidents / "alias.yaml").symlink_to(incidents / "real.yaml")
    result = load_incidents(incidents, platforms, display_root=tmp_path, languages=EN_AR)
    assert [str(p) for p in result.errors] == [
        "incidents/folder:1: (file): a symlinked folder is not read: move its files here instead",
        "incidents/linked.yaml:1: (file): symlink pointing outside the incidents folder, or "
        "nowhere: copy the file here",
    ]
    assert [i.id for i in result.incidents] == ["alias", "real"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_read(incidents: Path, platforms) -> None:
    os.mkfifo(incidents / "pipe.yaml")
    (error,) = load_incidents(
        incidents, platforms, display_root=incidents.parent, languages=EN_AR
    ).errors
    assert (error.path, error.message) == ("incidents/pipe.yaml", "not a regular file")


def test_a_missing_folder_is_an_error(tmp_path: Path, platforms) -> None:
    result = load_incidents(tmp_path / "nothing", platforms, display_root=tmp_path, languages=EN_AR)
    (error,) = result.errors
    assert (error.path, error.field) == ("nothing", "(file)")
    assert error.message.startswith("incidents folder not found")


def test_only_some_files_are_validated_against_the_whole_folder(incidents: Path, platforms) -> None:
    write(incidents, "a/same.yaml")
    write(incidents, "b/same.yaml")
    write(incidents, "broken.yaml", "title: [")
    write(incidents, "c/notes.txt", "x")
    chosen = [incidents / "a" / "same.yaml", incidents / "c"]
    result = load_incidents(
        incidents, platforms, display_root=incidents.parent, only=chosen, languages=EN_AR
    )
    assert [(p.path, p.message.split(":")[0]) for p in result.errors] == [
        ("incidents/a/same.yaml", "duplicate id"),
        ("incidents/c/notes.txt", "not an incident file"),
    ]


def test_result_splits_errors_and_warnings() -> None:
    error = Problem("a.yaml", 1, "title", "bad")
    warning = Problem("a.yaml", 2, "title.ar", "missing", is_error=False)
    result = LoadResult(problems=(error, warning))
    assert result.errors == (error,)
    assert result.warnings == (warning,)


# Hostile and careless input (issue 11): every refusal names the file, line and field.


def with_yaml_text(escaped: str, field: str = "text") -> str:
    """The second update's English text (or the title) written as a YAML double-quoted string
    with ``escaped`` as it stands in the file (YAML escapes such as ``\\x01`` included)."""
    if field == "title":
        return edited(("title: {en: Login failures,", f'title: {{en: "{escaped}",'))
    return edited(("{en: Fixed.,", f'{{en: "{escaped}",'))


@pytest.mark.parametrize(
    ("escaped", "fragment"),
    [
        ("\\x01 hidden", "control character U+0001"),
        ("bell\\a", "control character U+0007"),
        ("nul\\0", "control character U+0000"),
        ("esc\\e[31m red", "control character U+001B"),
        ("back\\b", "control character U+0008"),
        ("del\\x7f", "control character U+007F"),
        ("c1 \\x85 next line", "control character U+0085"),
        ("not \\uFFFE a character", "U+FFFE is not a character"),
        ("not \\uFFFF a character", "U+FFFF is not a character"),
        ("not \\uFDD0 a character", "U+FDD0 is not a character"),
        ("\\u200b\\u200b\\u200b", "the text shows nothing"),
        ("\\u200d\\u0301", "the text shows nothing"),
    ],
)
def test_characters_a_page_or_feed_cannot_show_are_refused(
    escaped: str, fragment: str, platforms
) -> None:
    for field, expected in (("text", "updates[1].text.en"), ("title", "title.en")):
        error = only_error(load(with_yaml_text(escaped, field), platforms))
        assert error.field == expected
        assert fragment in error.message


def test_a_surrogate_escape_is_a_yaml_error_naming_the_line(platforms) -> None:
    error = only_error(load(with_yaml_text("lone \\uD800 surrogate"), platforms))
    assert (error.line, error.field) == (13, "(file)")
    assert "invalid Unicode character escape" in error.message


def test_a_line_break_in_a_title_becomes_a_space(platforms) -> None:
    (incident,) = load(with_yaml_text("Login\\n  failures", "title"), platforms).incidents
    assert incident.title.get("en").text == "Login failures"


def test_no_break_spaces_in_a_title_stay_as_written(platforms) -> None:
    """French typography: a no-break space before ":" and a narrow one before ";"."""
    title = "Panne\u00a0: connexion\u202f; 100\u00a0%"
    (incident,) = load(with_yaml_text(title, "title"), platforms).incidents
    assert incident.title.get("en").text == title


@pytest.mark.parametrize(
    "text",
    [
        "<a.b autofocus onfocus=alert(1)>",
        "<a_b onclick=x>",
        "<svg:svg onload=x>",
        "<a=b>",
        "<a;b>",
        "<a@b onclick=x>",
        "<aé onclick=x>",
        "<x onmouseover=alert(1)//",
    ],
)
def test_anything_a_browser_could_read_as_a_tag_is_refused(text: str, platforms) -> None:
    for field, expected in (("text", "updates[1].text.en"), ("title", "title.en")):
        error = only_error(load(with_yaml_text(text.replace('"', '\\"'), field), platforms))
        assert error.field == expected
        assert error.message.startswith("raw HTML (<")


@pytest.mark.parametrize("text", ["See <https://example.org/a>", "Mail <ops@example.org>"])
def test_markdown_autolinks_are_not_html(text: str, platforms) -> None:
    (incident,) = load(with_text(text), platforms).incidents
    assert incident.updates[1].text.get("en").text == text


@pytest.mark.parametrize("url", ["HTTPS://Example.com/page", "Http://example.com"])
def test_a_web_address_in_capitals_is_a_web_address(url: str, platforms) -> None:
    (incident,) = load(source(url), platforms).incidents
    assert incident.updates[1].sources[0].url == url


def test_a_control_character_in_a_url_is_refused(platforms) -> None:
    text = source("https://example.com/").replace(
        "'https://example.com/'", '"https://ex\\x01.com/"'
    )
    error = only_error(load(text, platforms))
    assert error.field == "updates[1].sources[0].url"
    assert "control character U+0001" in error.message


@pytest.mark.parametrize(
    "moment",
    ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "1969-12-31T23:59:59Z"],
)
def test_timestamps_out_of_range_are_refused(moment: str, platforms) -> None:
    error = only_error(load(edited(("from: 2024-03-05T15:00:00Z", f"from: {moment}")), platforms))
    assert error.field == "impacts[0].from"
    assert "out of range: years 1970 to 9998" in error.message


def test_a_symlink_loop_is_reported_not_followed(
    tmp_path: Path, incidents: Path, platforms
) -> None:
    (incidents / "a.yaml").symlink_to(incidents / "b.yaml")
    (incidents / "b.yaml").symlink_to(incidents / "a.yaml")
    write(incidents, "real.yaml")
    result = load_incidents(incidents, platforms, display_root=tmp_path, languages=EN_AR)
    assert [(p.path, p.field) for p in result.errors] == [
        ("incidents/a.yaml", "(file)"),
        ("incidents/b.yaml", "(file)"),
    ]
    assert "symlink" in result.errors[0].message
    assert [i.id for i in result.incidents] == ["real"]


def test_an_incidents_file_instead_of_a_folder_is_named_as_such(tmp_path: Path, platforms) -> None:
    (tmp_path / "incidents").write_text("oops", encoding="utf-8")
    result = load_incidents(
        tmp_path / "incidents", platforms, display_root=tmp_path, languages=EN_AR
    )
    assert [str(p) for p in result.errors] == [
        "incidents:1: (file): is a file, not the incidents folder: incident files go in a folder"
    ]


def test_a_problem_is_one_line_whatever_the_key_holds(platforms) -> None:
    """A key with a line break must not start a line of its own in a CI log, where a line
    starting ``::error`` is a command to the runner."""
    text = BASE + '"x\\n::error file=evil.yaml::owned\\u202e": 1\n'
    (problem,) = load(text, platforms).errors
    shown = str(problem)
    assert "\n" not in shown and "\u202e" not in shown
    assert shown.startswith("incidents/test-incident.yaml:")
    assert "\\n::error" in shown and "\\u202e" in shown


def test_an_optional_list_left_empty_is_an_empty_list(platforms) -> None:
    text = edited(
        ("text: {en: Fixed., ar: تم الإصلاح.}", "text: {en: Fixed., ar: تم الإصلاح.}\n    sources:")
    )
    (incident,) = load(text + "figures:\ncompare_with:\n", platforms).incidents
    assert incident.updates[1].sources == () and incident.figures == ()


def test_required_updates_left_empty_are_named(platforms) -> None:
    error = only_error(load(BASE.split("updates:")[0] + "updates:\n", platforms))
    assert (error.field, error.message) == ("updates", "needs at least 1 item")


# Times as sources give them (issue 14): exact, about, a range, or an end not reported.


def with_end(end: str) -> str:
    return edited(("    to: 2024-03-05T17:15:00Z\n", f"    to: {end}\n"))


@pytest.mark.parametrize(
    ("written", "counted", "earliest", "latest", "about"),
    [
        ("2024-03-05T17:15:00Z", "17:15", "17:15", "17:15", None),
        ("{about: 2024-03-05T17:00:00Z}", "17:00", "17:00", "17:00", "17:00"),
        (
            "{earliest: 2024-03-05T17:00:00Z, latest: 2024-03-05T17:19:00Z}",
            "17:00",
            "17:00",
            "17:19",
            None,
        ),
        ("{after: 2024-03-05T16:10:00Z}", "16:10", "16:10", None, None),
        ("unknown", "15:00", "15:00", None, None),
    ],
)
def test_an_end_is_exact_approximate_a_range_or_not_reported(
    written: str, counted: str, earliest: str, latest: str | None, about: str | None, platforms
) -> None:
    (incident,) = load(with_end(written), platforms).incidents
    impact = incident.impacts[0]

    def hhmm(moment: datetime | None) -> str | None:
        return None if moment is None else moment.strftime("%H:%M")

    assert hhmm(impact.end) == counted, "uptime counts the shortest stretch the sources support"
    assert hhmm(impact.ended.earliest) == earliest
    assert hhmm(impact.ended.latest) == latest
    assert hhmm(impact.ended.about) == about
    assert impact.is_exact == (written == "2024-03-05T17:15:00Z")


def test_a_range_start_is_counted_from_its_latest_moment(platforms) -> None:
    text = edited(
        (
            "    from: 2024-03-05T15:00:00Z\n",
            "    from: {earliest: 2024-03-05T14:40:00Z, latest: 2024-03-05T15:10:00Z}\n",
        )
    )
    (incident,) = load(text, platforms).incidents
    assert incident.impacts[0].start == datetime(2024, 3, 5, 15, 10, tzinfo=UTC)
    assert incident.impacts[0].started.earliest == datetime(2024, 3, 5, 14, 40, tzinfo=UTC)


def test_an_update_time_may_be_approximate(platforms) -> None:
    text = edited(("  - at: 2024-03-05T15:40:00Z\n", "  - at: {about: 2024-03-05T15:40:00Z}\n"))
    (incident,) = load(text, platforms).incidents
    update = incident.updates[0]
    assert update.at == datetime(2024, 3, 5, 15, 40, tzinfo=UTC)
    assert not update.posted.is_exact and update.posted.about == update.at


@pytest.mark.parametrize(
    ("written", "field", "message"),
    [
        (
            "{about: 2024-03-05T17:00:00Z, after: 2024-03-05T16:00:00Z}",
            "impacts[0].to",
            "write one of",
        ),
        ("{earliest: 2024-03-05T17:00:00Z}", "impacts[0].to", "write one of"),
        (
            "{earliest: 2024-03-05T17:30:00Z, latest: 2024-03-05T17:00:00Z}",
            "impacts[0].to.latest",
            "is not after 'earliest'",
        ),
        (
            "{earliest: 2024-03-05T17:00:00Z, latest: 2024-03-05T17:19:00Z, "
            "about: 2024-03-05T18:00:00Z}",
            "impacts[0].to.about",
            "not between",
        ),
        ("{after: 2024-03-05T14:00:00Z}", "impacts[0].to", "is before impacts[0].from"),
        ("{about: 2024-03-05T14:00:00Z}", "impacts[0].to", "is not after impacts[0].from"),
        ("{soon: 2024-03-05T17:00:00Z}", "impacts[0].to.soon", "unknown field"),
        ("{after: 2024-03-05 17:00}", "impacts[0].to.after", "without a UTC offset"),
    ],
)
def test_a_time_written_wrong_is_named(written: str, field: str, message: str, platforms) -> None:
    result = load(with_end(written), platforms)
    assert not result.incidents
    assert any(p.field == field and message in p.message for p in result.errors), result.errors


def test_a_start_cannot_be_left_open(platforms) -> None:
    text = edited(("    from: 2024-03-05T15:00:00Z\n", "    from: {after: 2024-03-05T15:00:00Z}\n"))
    error = only_error(load(text, platforms))
    assert error.field == "impacts[0].from.after"
    assert error.message.startswith("only an end ('to') is ever 'after' a time")


def test_a_resolved_update_before_an_end_not_reported_is_refused(platforms) -> None:
    error = only_error(load(with_end("{after: 2024-03-05T17:30:00Z}"), platforms))
    assert error.field == "updates[1].status"
    assert "still open" in error.message


def test_figures_carry_their_series_source_language_and_moment(platforms) -> None:
    text = BASE + (
        "figures:\n"
        "  - key: downdetector_us_peak_facebook\n"
        "    value: 550000\n"
        "    source: https://example.org/reuters\n"
        "    by: Downdetector\n"
        "    via: Reuters\n"
        "    at: {about: 2024-03-05T16:00:00Z}\n"
    )
    source = "{url: 'https://example.org/a', title: 'تقرير', kind: press, lang: ar}"
    text = text.replace(
        "text: {en: Fixed., ar: تم الإصلاح.}",
        f"text: {{en: Fixed., ar: تم الإصلاح.}}\n    sources:\n      - {source}",
    )
    (incident,) = load(text, platforms).incidents
    figure = incident.figures[0]
    assert (figure.key, figure.by, figure.via) == (
        "downdetector_us_peak_facebook",
        "Downdetector",
        "Reuters",
    )
    assert figure.at is not None and figure.at.about == datetime(2024, 3, 5, 16, tzinfo=UTC)
    assert incident.updates[1].sources[0].lang == "ar"


def test_a_cache_parses_again_only_the_files_that_changed(
    tmp_path: Path, platforms, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ``mkdocs serve`` does after an edit: load the folder again."""
    folder = tmp_path / "incidents"
    folder.mkdir()
    for name in ("2024-01-01-a", "2024-01-02-b"):
        (folder / f"{name}.yaml").write_text(BASE, encoding="utf-8")
    parsed: list[str] = []
    real = loader._load_text

    def counted(text: str, path: str, *rest: object) -> LoadResult:
        parsed.append(path)
        return real(text, path, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_load_text", counted)
    cache = loader.LoadCache()

    def load_all() -> LoadResult:
        return load_incidents(
            folder, platforms, languages=EN_AR, display_root=tmp_path, cache=cache
        )

    first = load_all()
    assert sorted(parsed) == ["incidents/2024-01-01-a.yaml", "incidents/2024-01-02-b.yaml"]
    parsed.clear()
    assert load_all() == first and parsed == []
    (folder / "2024-01-02-b.yaml").write_text(edited(("Fixed.", "Fixed at last.")), "utf-8")
    again = load_all()
    assert parsed == ["incidents/2024-01-02-b.yaml"]
    assert again.incidents[1].updates[-1].text.get("en").text == "Fixed at last."
    parsed.clear()
    (folder / "2024-01-03-c.yaml").write_text(BASE, encoding="utf-8")  # a new id: all again
    assert len(load_all().incidents) == 3 and len(parsed) == 3
