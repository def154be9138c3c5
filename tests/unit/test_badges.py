"""Badges: the SVG's size follows its text (Arabic included), and the shields.io endpoints."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from lxml import etree

from nabd.core.analysis.analysis import Analysis, analyse
from nabd.core.edition.outputs.badges import (
    ARABIC_MARGIN,
    NO_DATA_COLOR,
    STATUS_COLORS,
    UPTIME_COLORS,
    badge_outputs,
    badge_svg,
    text_width,
    uptime_color,
)
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
)
from tests.sites import language

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
SVG = "{http://www.w3.org/2000/svg}"
PX = 11 / 2048  # DejaVu Sans has 2048 units per em; badges use 11 px
STATUS_OF = {
    "facebook": ComponentStatus.MAJOR_OUTAGE,
    "instagram": ComponentStatus.PARTIAL_OUTAGE,
    "whatsapp": ComponentStatus.DEGRADED_PERFORMANCE,
    "messenger": ComponentStatus.UNDER_MAINTENANCE,
}
AR_STATUS = {
    ComponentStatus.OPERATIONAL: "يعمل بشكل طبيعي",
    ComponentStatus.MAJOR_OUTAGE: "انقطاع واسع",
    ComponentStatus.PARTIAL_OUTAGE: "انقطاع جزئي",
    ComponentStatus.DEGRADED_PERFORMANCE: "تراجع في الأداء",
    ComponentStatus.UNDER_MAINTENANCE: "قيد الصيانة",
}


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode("utf-8"))


def boxes(svg: str) -> tuple[int, int]:
    """The widths of the label's and the message's boxes."""
    rects = parse(svg).findall(f"{SVG}g/{SVG}rect")
    return int(rects[0].get("width")), int(rects[1].get("width"))


def outage(
    platform: str, status: ComponentStatus, start: datetime, end: datetime | None
) -> Incident:
    return Incident(
        id=f"{start:%Y-%m-%d}-{platform}",
        path=f"incidents/{platform}.yaml",
        title=LocalizedText({"en": "Outage", "ar": "انقطاع"}),
        kind=Kind.INCIDENT,
        impact=ImpactLevel.MAJOR,
        impacts=(Impact(platform, status, start, end),),
        updates=(Update(start, UpdateStatus.INVESTIGATING, LocalizedText({"en": "x", "ar": "س"})),),
    )


@pytest.fixture
def site(platforms: tuple[Platform, ...]) -> Analysis:
    """Every status at once: one platform in each, Threads operational."""
    incidents = tuple(
        outage(platform, status, NOW - timedelta(hours=1), None)
        for platform, status in STATUS_OF.items()
    )
    return analyse(platforms, incidents, "UTC", NOW)


# -- measuring text ------------------------------------------------------------------------------


def test_latin_text_is_measured_with_the_fonts_advance_widths() -> None:
    # DejaVu Sans: b 1300, u 1298, i 569, l 569, d 1300 units (shields.io's Verdana gives 27 px)
    assert text_width("build") == pytest.approx(5036 * PX)
    assert text_width("Operational") == pytest.approx(12016 * PX)


@pytest.mark.parametrize(
    ("text", "shaped_units"),
    [
        # Widths of the shaped text, measured with HarfBuzz on DejaVu Sans 2.37
        ("فيسبوك", 6788),
        ("يعمل بشكل طبيعي", 16235),
        ("لا توجد بيانات", 11373),  # with the lam-alef ligature
        ("ببب", 3199),
    ],
)
def test_arabic_is_measured_as_shaped_plus_the_margin(text: str, shaped_units: int) -> None:
    spaces = 651 * text.count(" ")  # not Arabic: no margin
    expected = ((shaped_units - spaces) * ARABIC_MARGIN + spaces) * PX
    assert text_width(text) == pytest.approx(expected)


def test_joined_arabic_letters_are_narrower_than_isolated_ones() -> None:
    assert text_width("ببب") < 3 * text_width("ب")
    assert text_width("ب ب ب") > text_width("ببب")


def test_marks_take_no_room_and_unknown_characters_some() -> None:
    assert text_width("يومًا") == text_width("يوما")
    assert text_width("\u200fOK") == text_width("OK")
    assert text_width("字") > 0


def test_badge_grows_with_its_text() -> None:
    short = badge_svg("Facebook", "Operational", "1b6e32", lang="en")
    long = badge_svg("Facebook", "Degraded performance", "8a5a00", lang="en")
    assert boxes(short)[0] == boxes(long)[0]
    assert boxes(long)[1] > boxes(short)[1]
    assert int(parse(long).get("width")) > int(parse(short).get("width"))


@pytest.mark.parametrize("status", list(AR_STATUS))
def test_arabic_boxes_fit_their_measured_text(status: ComponentStatus) -> None:
    label, message = "فيسبوك", AR_STATUS[status]
    label_box, message_box = boxes(badge_svg(label, message, STATUS_COLORS[status], lang="ar"))
    assert label_box - 10 == pytest.approx(text_width(label), abs=1)
    assert message_box - 10 == pytest.approx(text_width(message), abs=1)


def test_arabic_and_english_badges_differ_in_width_as_their_texts_do() -> None:
    english = boxes(badge_svg("Facebook", "Operational", "1b6e32", lang="en"))
    arabic = boxes(badge_svg("فيسبوك", "يعمل بشكل طبيعي", "1b6e32", lang="ar"))
    # "فيسبوك" is narrower than "Facebook", "يعمل بشكل طبيعي" wider than "Operational"
    assert arabic[0] < english[0]
    assert arabic[1] > english[1]


# -- the SVG ---------------------------------------------------------------------------------------


def test_svg_is_an_accessible_image() -> None:
    svg = parse(badge_svg("Facebook", "Major outage", "b3261e", lang="en"))
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == "Facebook: Major outage"
    assert svg.findtext(f"{SVG}title") == "Facebook: Major outage"
    assert int(svg.get("height")) == 20
    label_box, message_box = boxes(etree.tostring(svg, encoding="unicode"))
    assert int(svg.get("width")) == label_box + message_box
    fills = [r.get("fill") for r in svg.findall(f"{SVG}g/{SVG}rect")][:2]
    assert fills == ["#555", "#b3261e"]


def centres(svg: etree._Element) -> dict[str, float]:
    group = svg.findall(f"{SVG}g")[1]
    assert group.get("text-anchor") == "middle"
    return {t.text: float(t.get("x")) for t in group.findall(f"{SVG}text")}


def test_texts_are_centred_in_their_boxes() -> None:
    svg = parse(badge_svg("Facebook", "Major outage", "b3261e", lang="en"))
    label_box, message_box = boxes(etree.tostring(svg, encoding="unicode"))
    assert centres(svg) == {"Facebook": label_box / 2, "Major outage": label_box + message_box / 2}


def test_an_arabic_badge_reads_from_the_right() -> None:
    """The label (the platform) is where a right-to-left reader starts: on the right."""
    svg = parse(badge_svg("فيسبوك", "انقطاع كبير", "b3261e", lang="ar"))
    label_box, message_box = boxes(etree.tostring(svg, encoding="unicode"))
    rects = {r.get("fill"): r for r in svg.findall(f"{SVG}g/{SVG}rect")[:2]}
    assert rects["#555"].get("x") == str(message_box) and rects["#b3261e"].get("x") == "0"
    assert centres(svg) == {"فيسبوك": message_box + label_box / 2, "انقطاع كبير": message_box / 2}


def test_arabic_text_runs_right_to_left_and_latin_left_to_right() -> None:
    svg = parse(badge_svg("Facebook", "انقطاع كبير", "b3261e", lang="ar"))
    texts = svg.findall(f"{SVG}g/{SVG}text")
    directions = {t.text: t.get("direction") for t in texts}
    assert directions == {"Facebook": None, "انقطاع كبير": "rtl"}


def test_text_is_escaped() -> None:
    svg = parse(badge_svg('A&B <"x">', "ok", "1b6e32", lang="en"))
    assert svg.findtext(f"{SVG}title") == 'A&B <"x">: ok'


# -- colours ---------------------------------------------------------------------------------------


def contrast_with_white(color: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i : i + 2]) for i in (0, 2, 4))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


@pytest.mark.parametrize(
    "color", [*STATUS_COLORS.values(), *(c for _, c in UPTIME_COLORS), NO_DATA_COLOR]
)
def test_white_text_is_readable_on_every_colour(color: str) -> None:
    assert contrast_with_white(color) >= 4.5


def test_uptime_colour_thresholds() -> None:
    green, amber, red = (c for _, c in UPTIME_COLORS)
    assert uptime_color(1.0) == uptime_color(0.999) == green
    assert uptime_color(0.99899) == uptime_color(0.99) == amber
    assert uptime_color(0.98999) == uptime_color(0.0) == red
    assert uptime_color(None) == NO_DATA_COLOR


# -- outputs ---------------------------------------------------------------------------------------


def test_every_platform_has_a_badge_and_three_endpoints(site: Analysis) -> None:
    outputs = badge_outputs(site, language("en"))
    expected = set()
    for platform in site.platforms:
        expected |= {
            f"badges/{platform.id}.svg",
            f"api/badges/{platform.id}.json",
            f"api/badges/{platform.id}/uptime-30d.json",
            f"api/badges/{platform.id}/uptime-90d.json",
        }
    assert set(outputs) == expected


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_status_badges_show_each_status_in_its_colour(site: Analysis, lang: str) -> None:
    outputs = badge_outputs(site, language(lang))
    for platform in site.platforms:
        status = STATUS_OF.get(platform.id, ComponentStatus.OPERATIONAL)
        endpoint = json.loads(outputs[f"api/badges/{platform.id}.json"])
        name = platform.name.get(lang).text
        message = AR_STATUS[status] if lang == "ar" else endpoint["message"]
        assert endpoint == {
            "schemaVersion": 1,
            "label": name,
            "message": message,
            "color": STATUS_COLORS[status],
            "labelColor": "555",
            "cacheSeconds": 300,
        }
        svg = parse(outputs[f"badges/{platform.id}.svg"])
        assert svg.get("aria-label") == f"{name}: {message}"
        assert svg.findall(f"{SVG}g/{SVG}rect")[1].get("fill") == f"#{STATUS_COLORS[status]}"
    english = json.loads(badge_outputs(site, language("en"))["api/badges/facebook.json"])
    assert english["message"] == "Major outage"


def test_uptime_is_floored_never_rounded_up(platforms: tuple[Platform, ...]) -> None:
    # 103.68 s of major outage in 30 days: uptime 0.99996, which rounds to 100.00 %
    start = NOW - timedelta(days=2)
    incident = outage(
        "facebook", ComponentStatus.MAJOR_OUTAGE, start, start + timedelta(seconds=103.68)
    )
    site = analyse(platforms, (incident,), "UTC", NOW)
    assert site.uptime["facebook"].windows["30d"].uptime == pytest.approx(0.99996)
    outputs = badge_outputs(site, language("en"))
    month = json.loads(outputs["api/badges/facebook/uptime-30d.json"])
    assert month["schemaVersion"] == 1
    assert month["label"] == "Facebook uptime (30 days)"
    assert month["message"] == "99.99%"
    assert month["color"] == UPTIME_COLORS[0][1]
    quarter = json.loads(outputs["api/badges/facebook/uptime-90d.json"])
    assert quarter["label"] == "Facebook uptime (90 days)"
    assert quarter["message"] == "99.99%"
    untouched = json.loads(outputs["api/badges/threads/uptime-30d.json"])
    assert untouched["message"] == "100.00%"


def test_uptime_endpoint_in_arabic(platforms: tuple[Platform, ...]) -> None:
    start = NOW - timedelta(days=2)
    incident = outage("facebook", ComponentStatus.MAJOR_OUTAGE, start, start + timedelta(hours=12))
    site = analyse(platforms, (incident,), "UTC", NOW)
    month = json.loads(badge_outputs(site, language("ar"))["api/badges/facebook/uptime-30d.json"])
    assert month["label"] == "نسبة توفر فيسبوك (30 يومًا)"
    assert month["message"] == "98.33%"
    assert month["color"] == UPTIME_COLORS[2][1]


def test_platform_not_yet_tracked_has_no_uptime(platforms: tuple[Platform, ...]) -> None:
    later = Platform(
        "new", LocalizedText({"en": "New", "ar": "جديد"}), "https://new.example/", date(2027, 1, 1)
    )
    site = analyse((*platforms, later), (), "UTC", NOW)
    month = json.loads(badge_outputs(site, language("en"))["api/badges/new/uptime-30d.json"])
    assert (month["message"], month["color"]) == ("Not tracked", NO_DATA_COLOR)


def test_outputs_are_deterministic(site: Analysis) -> None:
    again = analyse(site.platforms, site.incidents, site.timezone, site.now)
    assert badge_outputs(site, language("ar")) == badge_outputs(again, language("ar"))
