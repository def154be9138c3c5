"""A language as the pages speak it: durations, moments, zones, numbers and direction, for the
languages Nabd ships catalogs for and for one it does not (Persian), through CLDR."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date as babel_format_date
from babel.numbers import format_percent
from hypothesis import given
from hypothesis import strategies as st

from nabd.core.present import l10n
from tests.sites import language

AT = datetime(2024, 3, 5, 15, 0, tzinfo=UTC)
BIDI_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NBSP = "\u00a0"


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def spaced(text: str) -> str:
    """``text`` as a reader sees it: a no-break space is a space."""
    return text.replace(NBSP, " ")


# -- durations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (minutes(90), "1 h 30 min"),
        (minutes(135), "2 h 15 min"),
        (minutes(60), "1 h"),
        (minutes(1), "1 min"),
        (timedelta(days=1, hours=2, minutes=59, seconds=59), "1 d 2 h"),  # truncated, not rounded
        (timedelta(days=2, minutes=5), "2 d 5 min"),
        (timedelta(days=1200), "1,200 d"),
        (timedelta(0), "0 min"),
        (timedelta(seconds=30), "< 1 min"),
        (timedelta(seconds=119), "1 min"),
    ],
)
def test_duration_en(duration: timedelta, expected: str) -> None:
    assert spaced(language("en").duration(duration)) == expected


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (minutes(90), "ساعة و30 دقيقة"),
        (minutes(120), "ساعتان"),
        (minutes(135), "ساعتان و15 دقيقة"),
        (minutes(180), "3 ساعات"),
        (minutes(660), "11 ساعة"),
        (minutes(2), "دقيقتان"),
        (timedelta(days=1, hours=2), "يوم وساعتان"),
        (timedelta(days=11), "11 يومًا"),
        (timedelta(seconds=59), "أقل من دقيقة"),
    ],
)
def test_duration_ar_uses_cldr_plurals(duration: timedelta, expected: str) -> None:
    assert spaced(language("ar").duration(duration)) == expected


def test_a_language_without_a_catalog_gets_cldr_words() -> None:
    persian = language("fa", "Asia/Tehran")
    assert spaced(persian.duration(minutes(90))) == "1 ساعت و 30 دقیقه"
    assert persian.direction == "rtl"


def test_number_and_unit_never_part_at_a_line_break() -> None:
    for code in ("en", "ar", "fa"):
        text = language(code).duration(timedelta(days=3, hours=4))
        units = re.split(r" (?!\d)|(?<=\D) (?=\D)", text)  # where a line may break
        assert all(re.search(r"\d", unit) or NBSP not in unit for unit in units), text
        assert re.search(rf"\d{NBSP}", text), text


def test_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        language("en").duration(minutes(-1))


# -- percentages and numbers -------------------------------------------------------------------


def test_percent_is_floored_not_rounded() -> None:
    assert format_percent(0.99996, "#,##0.00%", locale="en") == "100.00%"  # why we floor
    assert language("en").percent(0.99996) == "99.99%"
    assert language("ar").percent(0.99996) == "99.99%"
    assert language("en").percent(1.0) == "100.00%"
    assert l10n.format_percent_floor(0.123456, "en", digits=3) == "12.345%"
    assert l10n.format_percent_floor(0.999, "en", digits=0) == "99%"
    assert language("en").percent(0) == "0.00%"


@given(st.floats(min_value=0, max_value=1, exclude_max=True))
def test_any_downtime_shows_below_100(fraction: float) -> None:
    assert not language("en").percent(fraction).startswith("100")


def test_numbers_and_figures() -> None:
    assert language("en").number(1234567.891) == "1,234,567.891"
    assert language("ar").number(0.5) == "0.5"
    assert language("en").integer(550000) == "550,000"
    assert language("en").figure(Decimal("0.000001")) == "0.000001"
    # As written: "1.50" keeps its zero, though it equals "1.5" (so figures are not cached).
    assert [language("en").figure(Decimal(v)) for v in ("1.50", "1.5")] == ["1.50", "1.5"]
    assert language("en").figure(Decimal("1e3")) == "1,000"
    assert language("fr").integer(550000) == "550\u202f000"


# -- dates, times and zones --------------------------------------------------------------------


def test_dates_follow_each_language_own_pattern() -> None:
    day = date(2024, 3, 5)
    assert language("en").date(day) == "March 5, 2024"
    assert language("ar").date(day) == "5 مارس 2024"
    assert language("fr").date(day) == "5 mars 2024"
    assert language("de").date(day) == "5. März 2024"
    assert language("ja").date(day) == "2024年3月5日"
    assert language("en").month(2024, 3) == "March 2024"
    assert language("ar").month(2024, 3) == "مارس 2024"


@pytest.mark.parametrize(
    ("code", "timezone", "expected"),
    [
        ("en", "UTC", "Mar 5, 2024, 15:00 UTC"),
        ("en", "Asia/Riyadh", "Mar 5, 2024, 18:00 UTC+3"),
        ("en", "Asia/Kolkata", "Mar 5, 2024, 20:30 UTC+5:30"),
        ("en", "America/New_York", "Mar 5, 2024, 10:00 UTC-5"),
        ("ar", "UTC", "5 مارس 2024، 15:00 (UTC)"),
        ("ar", "Asia/Riyadh", "5 مارس 2024، 18:00 (UTC+3)"),
    ],
)
def test_a_moment_names_its_zone_as_a_reader_would(code: str, timezone: str, expected: str) -> None:
    assert language(code, timezone).moment(AT) == expected


@pytest.mark.parametrize(
    ("code", "timezone", "expected"),
    [
        ("en", "UTC", "All times in UTC."),
        ("en", "Asia/Riyadh", "All times in Riyadh time (UTC+3)."),
        ("en", "Europe/Paris", "All times in Paris time."),  # the offset changes with the season
        ("ar", "UTC", "جميع الأوقات بالتوقيت العالمي المنسّق (UTC)."),
        ("ar", "Asia/Riyadh", "جميع الأوقات بتوقيت الرياض (UTC+3)."),
        ("ar", "Africa/Casablanca", "جميع الأوقات بتوقيت الدار البيضاء."),
    ],
)
def test_a_page_says_once_in_which_zone_its_times_are(
    code: str, timezone: str, expected: str
) -> None:
    assert language(code, timezone).zone_sentence(AT) == expected


def test_a_moment_falls_on_the_local_day() -> None:
    late = datetime(2024, 3, 5, 22, 30, tzinfo=UTC)
    riyadh = language("en", "Asia/Riyadh")
    assert riyadh.moment(late).startswith("Mar 6, 2024, 01:30")
    assert riyadh.day_of(late) == "March 6, 2024"
    assert riyadh.clock(late) == "01:30"


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        language("en").moment(datetime(2024, 3, 5, 15, 0))


def test_visible_text_carries_no_bidi_marks() -> None:
    babel_medium = babel_format_date(date(2024, 3, 5), "medium", locale="ar")
    assert "\u200f" in babel_medium  # Babel's numeric Arabic dates carry them
    assert l10n.strip_bidi_marks(babel_medium) == "05/03/2024"
    assert l10n.strip_bidi_marks("\u2067x\u2069\u200e\u061c") == "x"
    arabic = language("ar", "Asia/Riyadh")
    ours = [
        arabic.moment(AT),
        arabic.date(date(2024, 3, 5)),
        arabic.month(2024, 3),
        arabic.duration(minutes(90)),
        arabic.percent(0.5),
    ]
    assert not [text for text in ours if BIDI_MARKS.search(text)]


@pytest.mark.parametrize(
    ("code", "direction"),
    [("ar", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("he", "rtl"), ("en", "ltr"), ("fr", "ltr")],
)
def test_direction_comes_from_cldr(code: str, direction: str) -> None:
    assert language(code).direction == direction


@pytest.mark.parametrize(
    ("lang", "timezone", "same_day", "over_midnight"),
    [
        (
            "en",
            "Asia/Dubai",
            "Dec 10, 2026, 05:00 to 07:00 UTC+4",
            "Dec 11, 2026, 02:30 to 05:00 UTC+4",
        ),
        (
            "ar",
            "UTC",
            "10 ديسمبر 2026، من 01:00 إلى 03:00 (UTC)",
            "من 10 ديسمبر 2026، 22:30 (UTC) إلى 11 ديسمبر 2026، 01:00 (UTC)",
        ),
        (
            "fr",
            "Europe/Paris",
            "10 déc. 2026, de 02:00 à 04:00 UTC+1",
            "du 10 déc. 2026, 23:30 UTC+1 au 11 déc. 2026, 02:00 UTC+1",
        ),
    ],
)
def test_a_planned_window_names_its_day_once_when_it_fits_in_one(
    lang: str, timezone: str, same_day: str, over_midnight: str
) -> None:
    """In the site's zone: 22:30–01:00 UTC is one day in Dubai, two in UTC and Paris."""
    speaker = language(lang, timezone)
    day = datetime(2026, 12, 10, tzinfo=UTC)
    assert speaker.window(day + timedelta(hours=1), day + timedelta(hours=3)) == same_day
    late = day + timedelta(hours=22, minutes=30)
    assert speaker.window(late, late + timedelta(hours=2, minutes=30)) == over_midnight
