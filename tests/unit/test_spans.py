"""Durations as the sources support them: exact, about, a range, at least."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nabd.core.analysis.spans import span_between
from nabd.core.model.models import When

from ..sites import language

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


def at(hour: float) -> datetime:
    return datetime(2026, 11, 10, tzinfo=UTC) + timedelta(hours=hour)


def about(hour: float) -> When:
    return When(at(hour), at(hour), at(hour))


def between(first: float, last: float) -> When:
    return When(at(first), at(last))


def shown(span_text: str) -> str:
    return span_text.replace("\u00a0", " ")


def test_exact_times_make_an_exact_duration() -> None:
    span = span_between([When.exactly(at(15))], [When.exactly(at(17.25))], NOW)
    assert span.is_exact and span.shortest == span.longest == timedelta(hours=2.25)
    assert shown(language("en").span(span)) == "2 h 15 min"


def test_two_estimates_make_an_estimate_not_an_exact_duration() -> None:
    span = span_between([about(9)], [about(11)], NOW)
    assert not span.is_exact and span.about == timedelta(hours=2)
    assert shown(language("en").span(span)) == "about 2 h"
    assert shown(language("ar").span(span)) == "ساعتان تقريبًا"


def test_a_range_without_estimate_is_a_range() -> None:
    span = span_between([between(15, 15 + 25 / 60)], [about(17.25)], NOW)
    assert (span.shortest, span.longest, span.about) == (
        timedelta(hours=1, minutes=50),
        timedelta(hours=2, minutes=15),
        None,
    )
    assert shown(language("en").span(span)) == "1 h 50 min to 2 h 15 min"


def test_an_end_not_reported_has_no_longest() -> None:
    span = span_between([When.exactly(at(10))], [When(at(12), None)], NOW)
    assert span.longest is None and not span.is_exact
    assert shown(language("en").span(span)) == "at least 2 h"


def test_an_end_not_reported_after_a_start_that_may_be_as_late_is_not_known() -> None:
    span = span_between([When(at(10), at(11))], [When(at(10), None)], NOW)
    assert span.shortest == timedelta(0) and span.longest is None
    assert [language(code).span(span) for code in ("en", "ar", "fr")] == [
        "not known",
        "غير معروفة",
        "inconnue",
    ]


def test_only_the_first_start_and_the_last_end_decide_whether_it_is_exact() -> None:
    """An approximate time inside the outage does not make its length approximate."""
    starts = [When.exactly(at(10)), about(10.5)]
    ends = [about(11), When.exactly(at(12))]
    assert span_between(starts, ends, NOW).is_exact
    assert not span_between([about(10), When.exactly(at(10.5))], ends, NOW).is_exact


def test_a_range_from_nothing_reads_as_at_most() -> None:
    """An update dated between the first reports and the end: from 0 up to the end."""
    span = span_between([When.exactly(at(10))], [between(10, 12.5)], NOW)
    assert shown(language("en").span(span)) == "at most 2 h 30 min"
    assert shown(language("ar").span(span)) == "ساعتان و30 دقيقة على الأكثر"
