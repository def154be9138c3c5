"""Times and figures as the sources give them, in both languages: an end not reported, a start
known only within a range, durations whose ranges overlap, figures of two series, and an outage
tracker's report before the operator's own first word. "Now" is 2026-11-29 12:00 UTC."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .sitebuild import ALL_PLATFORMS_YAML, Build, make_site, mkdocs_build, shown

# A start between 15:00 and 15:25, an end about 17:15: 1 h 50 min to 2 h 15 min. Downdetector's
# users saw it at 15:05; Meta said something at about 15:40.
RANGE = """\
    title: {en: Logins failing, ar: تعذّر تسجيل الدخول}
    impacts:
      - platform: facebook
        status: major_outage
        from: {earliest: 2026-11-10T15:00:00Z, latest: 2026-11-10T15:25:00Z}
        to: {about: 2026-11-10T17:15:00Z}
    updates:
      - at: 2026-11-10T15:05:00Z
        status: investigating
        text: {en: Reports of failed logins climb., ar: تتزايد بلاغات تعذّر تسجيل الدخول.}
        sources:
          - {url: "https://downdetector.com/status/facebook/", title: Downdetector, kind: community}
      - at: {about: 2026-11-10T15:40:00Z}
        status: identified
        text: {en: Meta says it is fixing a login problem., ar: تقول ميتا إنها تصلح مشكلة.}
        sources:
          - {url: "https://metastatus.com/", title: Meta Status, kind: official}
      - at: 2026-11-10T17:20:00Z
        status: resolved
        text: {en: Logins work again., ar: عاد تسجيل الدخول إلى العمل.}
        sources:
          - {url: "https://metastatus.com/", title: Meta Status, kind: official}
    figures:
      - key: downdetector_us_peak_facebook_reuters
        value: 52000
        source: https://www.reuters.com/
        by: Downdetector
        via: Reuters
        at: {about: 2026-11-10T16:00:00Z}
        label: {en: Peak reports in the US, ar: ذروة البلاغات في الولايات المتحدة}
"""
# About two hours, in the range above: about as long.
ABOUT = """\
    title: {en: Facebook down for about two hours, ar: تعطل فيسبوك نحو ساعتين}
    impacts:
      - platform: facebook
        status: major_outage
        from: {about: 2026-10-05T09:00:00Z}
        to: {about: 2026-10-05T11:00:00Z}
    updates:
      - at: {about: 2026-10-05T09:10:00Z}
        status: investigating
        text: {en: Facebook fails to load., ar: يتعذّر تحميل فيسبوك.}
      - at: 2026-10-05T11:30:00Z
        status: resolved
        text: {en: Facebook works again., ar: عاد فيسبوك إلى العمل.}
    figures:
      - key: downdetector_us_peak_facebook_reuters
        value: 41000
        source: https://www.reuters.com/
        by: Reuters
      - key: downdetector_global_reports_ookla
        value: 900000
        source: https://www.ookla.com/
        by: Ookla (Downdetector's owner)
"""
# Still going on at the last report, at 12:00; marked resolved at 18:00.
UNREPORTED = """\
    title: {en: Instagram feeds empty, ar: خلاصات إنستغرام فارغة}
    impacts:
      - platform: instagram
        status: partial_outage
        from: 2026-11-20T10:00:00Z
        to: {after: 2026-11-20T12:00:00Z}
    updates:
      - at: 2026-11-20T10:10:00Z
        status: investigating
        text: {en: Feeds do not load., ar: لا تُحمَّل الخلاصات.}
      - at: 2026-11-20T18:00:00Z
        status: resolved
        text: {en: No report since noon., ar: لا بلاغات منذ الظهر.}
"""
INCIDENTS = {
    "2026-11-10-logins.yaml": RANGE,
    "2026-10-05-facebook.yaml": ABOUT,
    "2026-11-20-instagram.yaml": UNREPORTED,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("honest")
    config = make_site(root, INCIDENTS, platforms_yaml=ALL_PLATFORMS_YAML)
    build = mkdocs_build(config, root / "site")
    assert build.returncode == 0, build.output
    return build


def impact_cells(build: Build, path: str) -> dict[str, str]:
    (row,) = build.page(path).cssselect("table.nabd-impacts tbody tr")
    # Each cell's label as a phone shows it, before its value: "Duration: ".
    return {td.get("data-label").removesuffix(": "): shown(td) for td in row.cssselect("td")}


def measure_cells(build: Build, path: str) -> dict[str, list[str]]:
    """The comparison table: each measure's cells, this incident first."""
    rows = build.page(path).cssselect("table.nabd-compare-table tbody tr")
    return {shown(r.cssselect("th")[0]): [shown(td) for td in r.cssselect("td")] for r in rows}


def test_a_time_known_within_a_range(site: Build) -> None:
    english = impact_cells(site, "incidents/2026-11-10-logins/")
    assert english["From"] == "15:00 to 15:25"
    assert english["To"] == "about 17:15"
    assert english["Duration"] == "1 h 50 min to 2 h 15 min"
    arabic = impact_cells(site, "ar/incidents/2026-11-10-logins/")
    assert arabic["من"] == "من 15:00 إلى 15:25"
    assert arabic["إلى"] == "نحو 17:15"
    assert arabic["المدة"] == "ساعة و50 دقيقة – ساعتان و15 دقيقة"


def test_an_end_not_reported(site: Build) -> None:
    english = impact_cells(site, "incidents/2026-11-20-instagram/")
    assert english["To"] == "after 12:00 (end not reported)"
    assert english["Duration"] == "at least 2 h"
    arabic = impact_cells(site, "ar/incidents/2026-11-20-instagram/")
    assert arabic["إلى"] == "بعد 12:00 (لم يُعلَن وقت الانتهاء)"
    assert arabic["المدة"] == "ساعتان على الأقل"
    # Uptime counts it to noon, and marks what the end could reach: until it was closed.
    for prefix, word in (("", "at most"), ("ar/", "على الأكثر")):
        windows = site.page(prefix + "platforms/instagram/").cssselect("table.nabd-windows td")
        assert word in shown(windows[0]), prefix
        assert prefix == "" or "99." in shown(windows[0])
    # The API keeps Statuspage's fields: resolved at the closing update, not an invented end.
    incidents = json.loads((site.site_dir / "api/v2/incidents.json").read_text("utf-8"))
    (instagram,) = [i for i in incidents["incidents"] if i["name"] == "Instagram feeds empty"]
    assert instagram["status"] == "resolved"
    assert instagram["resolved_at"] == "2026-11-20T18:00:00.000Z"


def test_durations_whose_ranges_overlap_are_about_as_long(site: Build) -> None:
    for prefix, words in (("", "about as long as"), ("ar/", "ما يقارب مدة")):
        page = site.page(prefix + "incidents/2026-11-10-logins/")
        sentences = [shown(p) for p in page.cssselect(".nabd-compare-sentence")]
        assert any(words in s for s in sentences), sentences
        ranking = site.page(prefix + "compare/").cssselect("table.nabd-ranking")[0]
        places = {
            shown(tr.cssselect("th a")[0]): shown(tr.cssselect("td")[0])
            for tr in ranking.cssselect("tbody tr")
        }
        assert all("–" in place for place in places.values()), places  # shared, not ordered


def test_only_figures_of_one_series_stand_side_by_side(site: Build) -> None:
    for prefix in ("", "ar/"):
        page = site.page(prefix + "incidents/2026-11-10-logins/")
        pairs = [shown(li) for li in page.cssselect(".nabd-figure-pairs li")]
        assert len(pairs) == 1 and "52,000" in pairs[0] and "41,000" in pairs[0], pairs
        assert "900,000" not in shown(page)  # Ookla's global count: another series
        (figure,) = page.cssselect(".nabd-figures dd")
        assert figure.cssselect("time")
        (by,) = figure.cssselect(".nabd-figure__by")
        # the names as written, the words around them in the page's language
        assert shown(by) == ("Downdetector، عبر Reuters" if prefix else "Downdetector, via Reuters")
        assert [b.get("lang") for b in by.cssselect("bdi")] == (["en", "en"] if prefix else [])


def test_an_attribution_in_latin_script_reads_whole_on_an_arabic_page(site: Build) -> None:
    """Isolated run by run, "Ookla (Downdetector's owner)" read «Downdetector's) Ookla
    owner)» right to left: a text with no Arabic letter is one isolated run."""
    page = site.page("ar/incidents/2026-10-05-facebook/")
    attributions = page.cssselect(".nabd-figure__by")
    ookla = next(by for by in attributions if "Ookla" in shown(by))
    (run,) = ookla.cssselect("bdi")
    assert run.get("dir") == "ltr" and run.get("lang") == "en"
    assert run.text_content() == shown(ookla) == "Ookla (Downdetector's owner)"


def test_a_trackers_report_is_not_the_operators_first_word(site: Build) -> None:
    english = measure_cells(site, "incidents/2026-11-10-logins/")
    # Downdetector at 15:05 does not count: Meta's first word came at about 15:40, 15 to 40
    # minutes after a start between 15:00 and 15:25.
    assert english["Time to first official word"][0] == "15 min to 40 min"
    assert english["Official updates"][0] == "2"
    assert english["Time to first official word"][1] == "about 10 min"  # a site of its own
    arabic = measure_cells(site, "ar/incidents/2026-11-10-logins/")
    assert arabic["المدة حتى أول تصريح رسمي"][0] == "15 دقيقة – 40 دقيقة"
    assert arabic["التحديثات الرسمية"][0] == "2"


def test_the_build_is_reproducible(site: Build, tmp_path: Path) -> None:
    again = mkdocs_build(site.site_dir.parent / "mkdocs.yml", tmp_path / "again")
    assert again.returncode == 0, again.output
    first = {
        p.relative_to(site.site_dir): p.read_bytes()
        for p in site.site_dir.rglob("*")
        if p.is_file()
    }
    second = {
        p.relative_to(again.site_dir): p.read_bytes()
        for p in again.site_dir.rglob("*")
        if p.is_file()
    }
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []
