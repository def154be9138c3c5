"""Comparisons: measures, ranks, the choice of comparison set and the sentence on the page."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from nabd.core.analysis.comparisons import ComparisonIndex, compare, comparison_set
from nabd.core.analysis.measures import Measures, measure, measure_all
from nabd.core.analysis.ranking import Place, places, previous_maybe_as_long, ranks
from nabd.core.edition.views import place_words
from nabd.core.model.loader import load_incidents
from nabd.core.model.models import (
    ComponentStatus,
    Confidence,
    Figure,
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
from nabd.core.present.sentences import comparison_sentence
from tests.sites import example_languages, language

MAJOR = ComponentStatus.MAJOR_OUTAGE
PARTIAL = ComponentStatus.PARTIAL_OUTAGE
DEGRADED = ComponentStatus.DEGRADED_PERFORMANCE

REPO = Path(__file__).resolve().parents[2]
T0 = datetime(2024, 3, 5, 15, 0, tzinfo=UTC)
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def hours(h: float) -> timedelta:
    return timedelta(hours=h)


def make(
    incident_id: str,
    start: datetime,
    spans: dict[str, tuple[float, ComponentStatus]] | None = None,
    *,
    impacts: tuple[Impact, ...] = (),
    first_update: timedelta = timedelta(0),
    resolved: bool = True,
    **fields: object,
) -> Incident:
    """An incident starting at ``start``; ``spans`` maps platform -> (hours, status)."""
    built = tuple(
        Impact(platform=p, status=s, start=start, end=start + hours(h))
        for p, (h, s) in (spans or {}).items()
    )
    updates = [Update(start + first_update, UpdateStatus.INVESTIGATING, LocalizedText({}))]
    if resolved:
        updates.append(Update(start + hours(100), UpdateStatus.RESOLVED, LocalizedText({})))
    return Incident(
        id=incident_id,
        path=f"incidents/{incident_id}.yaml",
        title=LocalizedText({"en": incident_id}),
        kind=fields.pop("kind", Kind.INCIDENT),  # type: ignore[arg-type]
        impact=ImpactLevel.MAJOR,
        impacts=impacts or built,
        updates=tuple(updates),
        **fields,  # type: ignore[arg-type]
    )


def year(y: int, month: int = 6) -> datetime:
    return datetime(y, month, 1, 12, tzinfo=UTC)


def approx(platform: str, start: datetime, shortest: timedelta, longest: timedelta) -> Impact:
    """A major outage from exactly ``start`` that ended between ``shortest`` and ``longest``
    later (the sources give a range)."""
    ended = When(start + shortest, start + longest)
    return Impact(
        platform, MAJOR, start, start + shortest, started=When.exactly(start), ended=ended
    )


# -- measures ----------------------------------------------------------------------------------


def test_overlapping_impacts_on_one_platform_count_once_at_the_worst_status() -> None:
    incident = make(
        "overlap",
        T0,
        impacts=(
            Impact("facebook", MAJOR, T0, T0 + hours(1)),
            Impact("facebook", PARTIAL, T0 + hours(0.5), T0 + hours(2)),
            Impact("instagram", PARTIAL, T0, T0 + hours(1)),
            Impact("whatsapp", DEGRADED, T0, T0 + hours(3)),
        ),
        first_update=timedelta(minutes=17),
    )
    m = measure(incident, NOW)
    # Facebook: 60 min major + 60 min partial (the overlap counts once, as major); Instagram:
    # 60 min partial; WhatsApp degraded weighs nothing.
    assert m.weighted_minutes == pytest.approx(60 + 0.3 * 60 + 0.3 * 60)
    assert m.duration == hours(3)
    assert m.platforms == ("facebook", "instagram", "whatsapp")
    assert m.hit == ("facebook", "instagram")
    assert m.worst is MAJOR
    # An operator's own page: no sources needed.
    assert m.first_official is not None and m.first_official.is_exact
    assert m.first_official.shortest == timedelta(minutes=17)
    assert m.official_updates == 2
    assert measure(incident, NOW, tracker=True).official_updates == 0  # a tracker's own words
    assert not m.ongoing
    facebook = m.on("facebook")
    assert facebook is not None and facebook.duration == hours(2) and facebook.worst is MAJOR


def test_configured_weights_change_weighted_minutes() -> None:
    incident = make("w", T0, {"whatsapp": (1, DEGRADED)})
    assert measure(incident, NOW, {DEGRADED: 0.5}).weighted_minutes == pytest.approx(30)


def test_an_update_posted_before_the_impact_gives_zero_time_to_first_word() -> None:
    incident = make("early", T0, {"facebook": (1, MAJOR)}, first_update=-timedelta(minutes=5))
    first = measure(incident, NOW).first_official
    assert first is not None and first.shortest == first.longest == timedelta(0)


def test_an_ongoing_incident_is_measured_until_now() -> None:
    incident = make(
        "ongoing",
        T0,
        impacts=(Impact("facebook", MAJOR, T0, None),),
        resolved=False,
    )
    m = measure(incident, T0 + hours(3))
    assert m.ongoing
    assert m.duration == hours(3)
    assert m.weighted_minutes == pytest.approx(180)


def test_maintenance_and_incidents_not_yet_started_are_not_measured() -> None:
    incidents = [
        make("past", T0, {"facebook": (1, MAJOR)}),
        make(
            "maintenance",
            T0,
            {"facebook": (1, ComponentStatus.UNDER_MAINTENANCE)},
            kind=Kind.MAINTENANCE,
        ),
        make("future", T0 + hours(10), {"facebook": (1, MAJOR)}),
    ]
    assert list(measure_all(incidents, T0 + hours(5))) == ["past"]


# -- ranks -------------------------------------------------------------------------------------


def test_ranks_by_duration_weight_platform_and_longest_since() -> None:
    incidents = [
        make("a-2019", year(2019), {"facebook": (5, MAJOR), "whatsapp": (5, MAJOR)}),
        make("b-2020", year(2020), {"facebook": (3.5, MAJOR)}),
        make("c-2021", year(2021), {"whatsapp": (3, MAJOR)}),
        make("d-2022", year(2022), {"whatsapp": (4, PARTIAL), "facebook": (4, DEGRADED)}),
        make("e-2023", year(2023), {"facebook": (9, MAJOR)}, confidence=Confidence.LOW),
        make("f-2024", year(2024), {"facebook": (6, MAJOR)}),
    ]
    measures = measure_all(incidents, NOW)
    result = ranks(measures, incidents)

    assert "e-2023" not in result  # low confidence: measured, never ranked
    assert {k: r.by_duration for k, r in result.items()} == {
        "a-2019": Place(2, 2),
        "b-2020": Place(4, 4),
        "c-2021": Place(5, 5),
        "d-2022": Place(3, 3),
        "f-2024": Place(1, 1),
    }
    assert result["d-2022"].by_weighted_minutes == Place(5, 5)  # 4 h partial: 72 minutes
    assert all(r.of == 5 for r in result.values())
    # The longest since: the most recent earlier incident at least as long.
    assert (result["c-2021"].since, result["c-2021"].since_year) == ("b-2020", 2020)
    assert (result["d-2022"].since, result["d-2022"].since_year) == ("a-2019", 2019)
    assert result["f-2024"].since is None  # the longest on record
    # Per platform: only the platforms hit (Facebook was just degraded in d-2022).
    d = result["d-2022"].platforms
    assert [(p.platform, p.place.best, p.of, p.since_year) for p in d] == [("whatsapp", 2, 3, 2019)]
    f = result["f-2024"].platforms
    assert [(p.platform, p.place.best, p.of, p.since) for p in f] == [("facebook", 1, 3, None)]


def test_ties_share_a_position_and_an_equal_earlier_incident_bounds_longest_since() -> None:
    incidents = [
        make("one", year(2020), {"facebook": (2, MAJOR)}),
        make("two", year(2021), {"facebook": (2, MAJOR)}),
        make("three", year(2022), {"facebook": (1, MAJOR)}),
    ]
    result = ranks(measure_all(incidents, NOW), incidents)
    assert [result[i].by_duration.best for i in ("one", "two", "three")] == [1, 1, 3]
    assert all(result[i].by_duration.is_exact for i in ("one", "two", "three"))
    assert result["two"].since == "one"


def test_the_year_of_longest_since_is_counted_in_the_site_timezone() -> None:
    new_year = datetime(2021, 12, 31, 22, tzinfo=UTC)  # already 2022 in Riyadh (UTC+3)
    incidents = [
        make("long", new_year, {"facebook": (5, MAJOR)}),
        make("short", year(2023), {"facebook": (1, MAJOR)}),
    ]
    measures = measure_all(incidents, NOW)
    assert ranks(measures, incidents)["short"].since_year == 2021
    assert ranks(measures, incidents, "Asia/Riyadh")["short"].since_year == 2022


def brute_previous_maybe_as_long(values: list[tuple[float, float | None]]) -> list[int | None]:
    def reaches(j: int, k: int) -> bool:
        high = values[j][1]
        return high is None or high >= values[k][0]

    return [
        next((j for j in range(k - 1, -1, -1) if reaches(j, k)), None) for k in range(len(values))
    ]


def brute_places(values: list[tuple[float, float | None]]) -> list[Place]:
    def certainly_larger(a: tuple[float, float | None], b: tuple[float, float | None]) -> bool:
        return b[1] is not None and a[0] > b[1]

    def may_be_larger(a: tuple[float, float | None], b: tuple[float, float | None]) -> bool:
        return a[1] is None or a[1] > b[0]

    return [
        Place(
            1 + sum(certainly_larger(w, v) for w in values),
            1 + sum(may_be_larger(w, v) for j, w in enumerate(values) if j != k),
        )
        for k, v in enumerate(values)
    ]


exact = st.integers(0, 30).map(lambda m: (float(m), float(m)))
ranged = st.tuples(st.integers(0, 30), st.integers(0, 10)).map(
    lambda t: (float(t[0]), float(t[0] + t[1]))
)
open_ended = st.integers(0, 30).map(lambda m: (float(m), None))
bounds = st.lists(st.one_of(exact, ranged, open_ended), max_size=40)


@given(bounds)
def test_longest_since_matches_a_brute_force(values: list[tuple[float, float | None]]) -> None:
    assert previous_maybe_as_long(values) == brute_previous_maybe_as_long(values)


@given(bounds)
def test_places_match_a_brute_force(values: list[tuple[float, float | None]]) -> None:
    assert places(values) == brute_places(values)


@given(st.lists(exact, max_size=40))
def test_exact_values_get_one_place_ties_sharing_it(values: list[tuple[float, float]]) -> None:
    assert places(values) == [
        Place(1 + sum(w > v for w in values), 1 + sum(w > v for w in values)) for v in values
    ]


def test_overlapping_durations_share_a_range_of_places_and_are_never_ranked_apart() -> None:
    about_two = make(
        "about-two",
        year(2021),
        impacts=(approx("facebook", year(2021), hours(1.75), hours(2.5)),),
    )
    two_and_a_quarter = make("exact", year(2024), {"facebook": (2.25, MAJOR)})
    one = make("one", year(2025), {"facebook": (1, MAJOR)})
    incidents = [about_two, two_and_a_quarter, one]
    result = ranks(measure_all(incidents, NOW), incidents)
    assert result["about-two"].by_duration == Place(1, 2)
    assert result["exact"].by_duration == Place(1, 2)
    assert result["one"].by_duration == Place(3, 3)


@given(st.lists(st.integers(0, 20), min_size=1, max_size=25))
def test_ranks_since_matches_a_brute_force(lengths: list[int]) -> None:
    incidents = [
        make(f"i{k:02}", T0 + hours(24 * k), {"facebook": (h / 4, MAJOR)})
        for k, h in enumerate(lengths)
    ]
    result = ranks(measure_all(incidents, NOW), incidents)
    durations = [(h / 4 * 3600, h / 4 * 3600) for h in lengths]
    expected = brute_previous_maybe_as_long(durations)
    assert [result[i.id].since for i in incidents] == [
        None if j is None else incidents[j].id for j in expected
    ]


# -- comparison sets ---------------------------------------------------------------------------


def chosen(incidents: list[Incident], incident_id: str, **kwargs: int) -> tuple[str, ...]:
    index = ComparisonIndex(incidents, measure_all(incidents, NOW), **kwargs)
    by_id = {i.id: i for i in incidents}
    return comparison_set(by_id[incident_id], index)


def test_compare_with_wins_in_its_order_skipping_what_cannot_be_compared() -> None:
    incidents = [
        make("old", year(2019), {"facebook": (1, MAJOR)}),
        make("landmark", year(2020), {"facebook": (7, MAJOR)}, landmark=True),
        make("shaky", year(2021), {"facebook": (1, MAJOR)}, confidence=Confidence.LOW),
        make("later", year(2024), {"whatsapp": (1, MAJOR)}),
        make(
            "this",
            year(2023),
            {"facebook": (1, MAJOR)},
            compare_with=("later", "missing", "shaky", "old", "later"),
        ),
    ]
    assert chosen(incidents, "this") == ("later", "old")


def test_similar_earlier_incidents_by_shared_platforms_then_size_then_landmarks() -> None:
    incidents = [
        make("both-small", year(2015), {"facebook": (1, MAJOR), "instagram": (1, MAJOR)}),
        make("both-big", year(2016), {"facebook": (9, MAJOR), "instagram": (9, MAJOR)}),
        make("fb-same-size", year(2017), {"facebook": (4, MAJOR)}),
        make("fb-far-size", year(2018), {"facebook": (1, MAJOR)}),
        make("other-platform", year(2019), {"whatsapp": (4, MAJOR)}),
        make(
            "shaky",
            year(2020),
            {"facebook": (4, MAJOR), "instagram": (4, MAJOR)},
            confidence=Confidence.LOW,
        ),
        make("old-landmark", year(2010), {"instagram": (20, MAJOR)}, landmark=True),
        make("wa-landmark", year(2011), {"whatsapp": (20, MAJOR)}, landmark=True),
        make("this", year(2022), {"facebook": (4, MAJOR), "instagram": (4, MAJOR)}),
        make("later-same", year(2023), {"facebook": (4, MAJOR), "instagram": (4, MAJOR)}),
        make("later-landmark", year(2024), {"facebook": (8, MAJOR)}, landmark=True),
    ]
    # Two shared platforms first (the closer in size first), then one shared platform and the
    # closest size; at most three; then every landmark sharing a platform, oldest first.
    assert chosen(incidents, "this") == (
        "both-big",
        "both-small",
        "fb-same-size",
        "old-landmark",
        "later-landmark",
    )


def test_equally_similar_candidates_go_to_the_most_recent() -> None:
    incidents = [
        make("older", year(2018), {"facebook": (2, MAJOR)}),
        make("newer", year(2019), {"facebook": (2, MAJOR)}),
        make("this", year(2020), {"facebook": (2, MAJOR)}),
    ]
    index = ComparisonIndex(incidents, measure_all(incidents, NOW))
    assert comparison_set(incidents[2], index, max_similar=1) == ("newer",)


def test_a_first_incident_and_a_landmark_itself_compare_with_no_later_incident() -> None:
    incidents = [
        make("landmark", year(2019), {"facebook": (7, MAJOR)}, landmark=True),
        make("later", year(2020), {"facebook": (7, MAJOR)}),
    ]
    assert chosen(incidents, "landmark") == ()
    assert chosen(incidents, "later") == ("landmark",)


def test_low_confidence_and_maintenance_have_no_comparison() -> None:
    incidents = [
        make("before", year(2019), {"facebook": (1, MAJOR)}, landmark=True),
        make(
            "shaky",
            year(2020),
            {"facebook": (1, MAJOR)},
            confidence=Confidence.LOW,
            compare_with=("before",),
        ),
        make(
            "works",
            year(2021),
            {"facebook": (1, ComponentStatus.UNDER_MAINTENANCE)},
            kind=Kind.MAINTENANCE,
        ),
    ]
    assert chosen(incidents, "shaky") == ()
    assert chosen(incidents, "works") == ()


def test_candidates_are_the_most_recent_earlier_incidents_of_each_platform() -> None:
    incidents = [
        make("oldest-twin", year(2010), {"facebook": (3, MAJOR)}),
        *(make(f"recent-{k}", year(2011 + k), {"facebook": (1, MAJOR)}) for k in range(3)),
        make("this", year(2020), {"facebook": (3, MAJOR)}),
    ]
    assert chosen(incidents, "this", scan_limit=4)[0] == "oldest-twin"
    assert "oldest-twin" not in chosen(incidents, "this", scan_limit=3)


# -- comparing two incidents and the sentence --------------------------------------------------


def platform(pid: str, en: str, ar: str, since: date = date(2010, 1, 1)) -> Platform:
    return Platform(pid, LocalizedText({"en": en, "ar": ar}), f"https://{pid}.example/", since)


PLATFORMS = {
    p.id: p
    for p in (
        platform("facebook", "Facebook", "فيسبوك"),
        platform("instagram", "Instagram", "إنستغرام"),
        platform("whatsapp", "WhatsApp", "واتساب"),
        platform("messenger", "Messenger", "ماسنجر"),
        platform("threads", "Threads", "ثريدز", date(2023, 7, 5)),
    )
}


def sentence(this: Incident, other: Incident, lang: str = "en", now: datetime = NOW) -> str:
    a, b = measure(this, now), measure(other, now)
    return comparison_sentence(
        a,
        b,
        compare(a, b, this, other, platforms=PLATFORMS),
        language(lang),
        platforms=PLATFORMS,
    ).replace("\u00a0", " ")


REFERENCE = make("ref", datetime(2021, 10, 4, 15, tzinfo=UTC), {"facebook": (1, MAJOR)})


@pytest.mark.parametrize(
    ("length", "phrase"),
    [
        (hours(1), "1 h: about as long as"),
        (timedelta(minutes=30), "30 min: about half as long as"),
        (timedelta(minutes=20), "20 min: about a third as long as"),
        (timedelta(minutes=5), "5 min: less than a tenth as long as"),
        (timedelta(minutes=70), "1 h 10 min: a little longer than"),
        (timedelta(minutes=90), "1 h 30 min: about one and a half times as long as"),
        (hours(3), "3 h: about 3 times as long as"),
    ],
)
def test_the_ratio_is_put_in_words(length: timedelta, phrase: str) -> None:
    this = make("this", T0, {"facebook": (length / hours(1), MAJOR)})
    assert sentence(this, REFERENCE) == f"{phrase} the October 4, 2021 outage (1 h)."


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        (2, "ساعتان: نحو ضعفي مدة انقطاع 4 أكتوبر 2021 (ساعة واحدة)."),
        (3, "3 ساعات: نحو 3 أضعاف مدة انقطاع 4 أكتوبر 2021 (ساعة واحدة)."),
        (11, "11 ساعة: نحو 11 ضعفًا من مدة انقطاع 4 أكتوبر 2021 (ساعة واحدة)."),
        (100, "4 أيام و4 ساعات: نحو 100 ضعف مدة انقطاع 4 أكتوبر 2021 (ساعة واحدة)."),
    ],
)
def test_arabic_uses_the_plural_form_of_each_number(times: int, expected: str) -> None:
    this = make("this", T0, {"facebook": (times, MAJOR)})
    assert sentence(this, REFERENCE, "ar") == expected


def test_an_ongoing_incident_is_compared_as_it_stands() -> None:
    this = make("this", T0, impacts=(Impact("facebook", MAJOR, T0, None),), resolved=False)
    assert sentence(this, REFERENCE, now=T0 + hours(2)) == (
        "2 h so far: longer than the October 4, 2021 outage (1 h)."
    )


def test_platform_differences_say_what_happened_to_each_platform() -> None:
    other = make(
        "then",
        datetime(2021, 10, 4, 15, tzinfo=UTC),
        {"facebook": (1, MAJOR), "whatsapp": (1, MAJOR), "messenger": (1, MAJOR)},
    )
    this = make(
        "now",
        T0,
        {
            "facebook": (1, MAJOR),
            "whatsapp": (1, DEGRADED),
            "instagram": (1, PARTIAL),
            "threads": (1, MAJOR),
        },
    )
    # Messenger was spared, WhatsApp only slowed, Instagram hit; Threads did not exist then.
    assert sentence(this, other) == (
        "1 h: about as long as the October 4, 2021 outage (1 h), and Messenger was not hit this "
        "time, WhatsApp was only degraded this time, and Instagram was hit this time but not then."
    )
    assert sentence(this, other, "ar") == (
        "ساعة واحدة: ما يقارب مدة انقطاع 4 أكتوبر 2021 (ساعة واحدة)، وفي هذه المرة"
        " لم يشمل الانقطاع ماسنجر"
        "، واقتصر الأمر في واتساب على تراجع في الأداء"
        "، وشمل الانقطاع إنستغرام ولم يشمله في تلك المرة."
    )


def test_several_platforms_are_listed_with_a_plural_verb() -> None:
    other = make("then", T0 - hours(100), {"whatsapp": (1, MAJOR), "messenger": (1, MAJOR)})
    this = make("now", T0, {"facebook": (1, MAJOR)})
    assert sentence(this, other).endswith(
        ", and WhatsApp and Messenger were not hit this time, and Facebook was hit this time but"
        " not then."
    )


def test_figures_with_the_same_key_are_paired_with_their_sources() -> None:
    peak = Figure("reports_peak", 550000, "https://a.example/")
    this = make(
        "now",
        T0,
        {"facebook": (1, MAJOR)},
        figures=(peak, Figure("only_here", 1, "https://b.example/")),
    )
    other_peak = Figure("reports_peak", 120000, "https://c.example/")
    other = make("then", T0 - hours(100), {"facebook": (1, MAJOR)}, figures=(other_peak,))
    a, b = measure(this, NOW), measure(other, NOW)
    result = compare(a, b, this, other, platforms=PLATFORMS)
    assert [(f.key, f.here, f.there) for f in result.shared_figures] == [
        ("reports_peak", peak, other_peak)
    ]


def test_an_exact_ratio_between_exact_durations() -> None:
    this = make("now", T0, {"facebook": (2, MAJOR)}, first_update=timedelta(minutes=10))
    other = make("then", T0 - hours(100), {"whatsapp": (1, DEGRADED)})
    a, b = measure(this, NOW), measure(other, NOW)
    result = compare(a, b, this, other, platforms=PLATFORMS)
    assert result.duration_ratio == 2 and result.relation == "longer"


# -- the example data --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> tuple[dict[str, Incident], dict[str, Measures], dict[str, Platform]]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    nabd = next(plugin["nabd"] for plugin in config["plugins"] if "nabd" in plugin)
    platforms = {
        p["id"]: Platform(
            p["id"],
            LocalizedText(dict(p["name"])),
            p["url"],
            date.fromisoformat(p["tracked_since"]),
        )
        for p in nabd["platforms"]
    }
    loaded = load_incidents(
        REPO / "incidents",
        tuple(platforms.values()),
        languages=example_languages(),
        display_root=REPO,
    )
    assert not loaded.errors
    return {i.id: i for i in loaded.incidents}, measure_all(loaded.incidents, NOW), platforms


def test_the_2024_login_outage_is_compared_with_october_2021(example) -> None:  # type: ignore[no-untyped-def]
    incidents, measures, platforms = example
    this_id, other_id = "2024-03-05-login-session-outage", "2021-10-04-global-outage"
    index = ComparisonIndex(incidents.values(), measures)
    assert comparison_set(incidents[this_id], index) == (other_id,)

    this, other = measures[this_id], measures[other_id]
    result = compare(this, other, incidents[this_id], incidents[other_id], platforms=platforms)
    assert other.hit == ("facebook", "instagram", "whatsapp", "messenger")
    # WhatsApp's consumer app was essentially unaffected in 2024: not an impact at all
    assert this.on("whatsapp") is None
    assert result.platforms_only_there == ("whatsapp",)
    assert result.platforms_degraded_here == ()
    assert result.platforms_only_here == ()  # Threads was not tracked in 2021
    # both durations are estimates from approximate times, and they do not overlap
    assert result.relation == "shorter"
    # 2021's total counts all apps, 2024's only Facebook: different series, not set side by side
    assert [f.key for f in result.shared_figures] == []

    def text(lang: str) -> str:
        return comparison_sentence(
            this,
            other,
            result,
            language(lang),
            platforms=platforms,
        ).replace("\u00a0", " ")

    assert text("en") == (
        "about 2 h 15 min: about a third as long as the October 4, 2021 outage"
        " (about 6 h 51 min), and WhatsApp was not hit this time."
    )
    assert text("ar") == (
        "ساعتان و15 دقيقة تقريبًا: نحو ثلث مدة انقطاع 4 أكتوبر 2021 (6 ساعات و51 دقيقة"
        " تقريبًا)، وفي هذه المرة لم يشمل الانقطاع واتساب."
    )


def test_the_example_ranks_october_2021_among_the_longest(example) -> None:  # type: ignore[no-untyped-def]
    incidents, measures, _ = example
    result = ranks(measures, incidents.values())
    low = {i for i, incident in incidents.items() if incident.confidence is Confidence.LOW}
    assert set(result) == set(measures) - low
    october = result["2021-10-04-global-outage"]
    whatsapp = next(p for p in october.platforms if p.platform == "whatsapp")
    assert (whatsapp.place.best, whatsapp.since_year) == (2, 2019)


@pytest.mark.parametrize(
    ("lang", "place", "words"),
    [
        ("en", Place(3, 3), "the 3rd longest"),
        ("en", Place(2, 4), "between the 2nd and the 4th longest"),
        ("en", Place(9, 12), "between places 9 and 12"),
        ("en", Place(14, 14), "place 14"),
        ("ar", Place(2, 4), "بين الثاني والرابع في الطول"),
        ("ar", Place(9, 12), "بين المرتبتين 9 و12"),
        ("fr", Place(9, 12), "entre les rangs 9 et 12"),
    ],
)
def test_a_place_is_said_in_words_or_in_numbers_never_both(
    lang: str, place: Place, words: str
) -> None:
    """Past the tenth, both ends of a range are numbers: an ordinal beside a number read
    «بين التاسع ورقم 12»."""
    assert place_words(language(lang), place) == words
