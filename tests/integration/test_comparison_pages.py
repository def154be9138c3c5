"""Was it worse last time? The comparison on incident pages and the /compare/ page."""

from __future__ import annotations

import pytest

from .sitebuild import REPO, Build, mkdocs_build, shown

MARCH_2024 = "incidents/2024-03-05-login-session-outage/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = mkdocs_build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("compare"))
    assert build.returncode == 0, build.output
    return build


def test_march_2024_is_compared_with_october_2021(site: Build) -> None:
    page = site.page(MARCH_2024)
    sentences = [shown(p) for p in page.cssselect(".nabd-compare-sentence")]
    # Both durations are estimates from approximate times; WhatsApp's consumer app was
    # essentially unaffected in 2024 (only its Business API had issues), so it was not hit.
    assert sentences == [
        "about 2 h 15 min: about a third as long as the October 4, 2021 outage "
        "(about 6 h 51 min), and WhatsApp was not hit this time."
    ]
    header = [th.text_content() for th in page.cssselect(".nabd-compare-table thead th")]
    assert header == ["Measure", "This incident", "October 4, 2021"]
    rows = {
        tr.cssselect("th")[0].text_content(): [shown(td) for td in tr.cssselect("td")]
        for tr in page.cssselect(".nabd-compare-table tbody tr")
    }
    assert rows["Duration"] == ["about 2 h 15 min", "about 6 h 51 min"]  # no backwards ratio


def test_the_arabic_sentence_and_chart_read_right_to_left(site: Build) -> None:
    page = site.page("ar/" + MARCH_2024)
    sentence = shown(page.cssselect(".nabd-compare-sentence")[0])
    duration, _, rest = sentence.partition(":")
    assert "ساعت" in duration and "15 دقيقة" in duration
    assert rest.lstrip().startswith("نحو ثلث مدة") and "واتساب" in rest
    solid = ".nabd-compare-chart rect.nabd-compare-bar:not(.nabd-compare-bar--range)"
    bars = page.cssselect(solid)
    assert len(bars) == 2
    for bar in bars:  # anchored on the right: the bars grow leftwards
        assert float(bar.get("x")) + float(bar.get("width")) == pytest.approx(300)
    # Both durations are estimates: what the sources allow beyond the shortest continues the
    # bar in the reading direction, leftwards.
    ranges = page.cssselect(".nabd-compare-chart rect.nabd-compare-bar--range")
    assert len(ranges) == 2
    for bar, more in zip(bars, ranges, strict=True):
        assert float(more.get("x")) + float(more.get("width")) == pytest.approx(float(bar.get("x")))
    english = site.page(MARCH_2024).cssselect(solid)
    assert all(float(bar.get("x")) == 0 for bar in english)
    label = page.cssselect(".nabd-compare-chart svg")[0].get("aria-label")
    assert "مارس 2024" in label and "أكتوبر 2021" in label


def test_only_figures_of_one_series_are_shown_side_by_side(site: Build) -> None:
    # Downdetector's own whole-incident totals, March 2019 and October 2021: one series.
    page = site.page("incidents/2019-03-13-family-of-apps-server-config/")
    pairs = [li.text_content() for li in page.cssselect(".nabd-figure-pairs li")]
    assert len(pairs) == 1 and "7,500,000" in pairs[0] and "10,600,000" in pairs[0], pairs
    # ZDNet's peaks of December 2024 and Reuters' of March 2024 are different series.
    page = site.page("incidents/2024-12-11-family-of-apps/")
    assert "550,000" not in page.text_content()
    assert not page.cssselect(".nabd-figure-pairs li")


def test_low_confidence_records_are_not_compared(site: Build) -> None:
    page = site.page("incidents/2023-06-16-family-of-apps/")
    assert page.cssselect(".nabd-confidence")
    assert not page.cssselect(".nabd-compare-sentence")


def test_compare_page_ranks_every_comparable_incident(site: Build) -> None:
    for prefix in ("", "ar/"):
        page = site.page(prefix + "compare/")
        tables = page.cssselect("table.nabd-ranking")
        assert len(tables) == 2
        by_duration = [
            tr.cssselect("th a")[0].get("href") for tr in tables[0].cssselect("tbody tr")
        ]
        assert by_duration[0].endswith("incidents/2019-03-13-family-of-apps-server-config/")
        assert not [href for href in by_duration if "2023-06-16" in href]  # low confidence
        ranks = [  # a place may be a range, "2–3", where durations overlap
            int(tr.cssselect("td")[0].text_content().split("–")[0])
            for tr in tables[0].cssselect("tbody tr")
        ]
        assert ranks == sorted(ranks) and ranks[0] == 1
        for href in by_duration:
            assert (site.site_dir / prefix / "compare" / href / "index.html").resolve().exists()
        dots = page.cssselect(".nabd-timeline-chart circle")
        assert len(dots) >= len(by_duration)
        assert all(dot.getparent().get("aria-label") for dot in dots)


def test_timeline_runs_in_the_reading_direction(site: Build) -> None:
    def x_of_2010(prefix: str) -> float:
        page = site.page(prefix + "compare/")
        dot = next(
            d
            for d in page.cssselect(".nabd-timeline-chart circle")
            if "2010-09-23" in d.getparent().get("href")
        )
        return float(dot.get("cx"))

    assert x_of_2010("") < 150 < x_of_2010("ar/")
