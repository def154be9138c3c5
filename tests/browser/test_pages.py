"""Every page type, in both languages, on a phone and a desktop, in the light and the dark
scheme, as a visitor's browser shows it."""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ..integration.sitebuild import REPO
from ..served import ServedSite
from .conftest import Visit, Visitor

PAGES = {
    "overview": "",
    "platform": "platforms/whatsapp/",
    "incident": "incidents/2024-03-05-login-session-outage/",
    "history": "history/",
    "compare": "compare/",
    "methodology": "methodology/",
    "about": "about/",
    "reference": "reference/",
    "not-found": "404.html",
}
LANGUAGES = {"en": ("", "ltr"), "ar": ("ar/", "rtl"), "fr": ("fr/", "ltr")}
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}

# Every page in the light scheme on both screens, and in the dark one on a phone (at night).
CASES = [
    (page, lang, viewport, scheme)
    for page in PAGES
    for lang in LANGUAGES
    for viewport, scheme in (("phone", "light"), ("desktop", "light"), ("phone", "dark"))
]

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TAB_STOPS = 15  # the header's controls, then the first links of the page
BUDGET = 60 * 1024
AFTER_LOAD_MS = 2000  # beyond network idle, for anything a page fetches later still

# Focus is checked where transitions end (Material fades the skip link in).
NO_TRANSITIONS = "*, ::before, ::after { transition: none !important; animation: none !important }"

FOCUSED = """() => {
  const e = document.activeElement;
  if (e === null || e === document.body) return null;
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  return {
    element: e.outerHTML.slice(0, 160),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    shown: box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth
      && style.visibility !== "hidden" && parseFloat(style.opacity) > 0,
  };
}"""


# Table cells whose box reaches past either edge of the screen (by more than a pixel).
CELLS_OUTSIDE = """() => [...document.querySelectorAll("table th, table td")]
  .filter(cell => {
    const box = cell.getBoundingClientRect();
    return box.width > 0 && (box.left < -1 || box.right > innerWidth + 1);
  })
  .map(cell => cell.outerHTML.slice(0, 120))"""


@dataclass(frozen=True)
class Report:
    """What the tests check on one page, gathered in a single visit."""

    lang: str
    direction: str
    asked_scheme: str
    scheme: str
    scroll_width: int
    inner_width: int
    cells_outside: list[str]
    violations: list[dict[str, Any]]
    focus: list[dict[str, Any]]
    errors: list[str]
    foreign: list[str]


@pytest.fixture(scope="session")
def reports() -> dict[tuple[str, str, str], Report]:
    return {}


@pytest.fixture(params=CASES, ids="-".join)
def report(
    request: pytest.FixtureRequest,
    reports: dict[tuple[str, str, str], Report],
    example_site: ServedSite,
    visit: Visitor,
    axe_source: str,
) -> Report:
    """The report of the test's page, language and viewport: each is visited once."""
    if request.param not in reports:
        page, lang, viewport, scheme = request.param
        path = LANGUAGES[lang][0] + PAGES[page]
        seen = visit(example_site, path, VIEWPORTS[viewport], scheme=scheme)
        reports[request.param] = inspect(seen, lang, scheme, axe_source)
    return reports[request.param]


def inspect(seen: Visit, lang: str, asked_scheme: str, axe_source: str) -> Report:
    page = seen.page
    direction = page.evaluate("getComputedStyle(document.body).direction")
    scheme = page.evaluate("document.documentElement.dataset.nabdScheme")
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    cells_outside = page.evaluate(CELLS_OUTSIDE)
    page.add_script_tag(content=axe_source)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_A_AA
    )
    page.add_style_tag(content=NO_TRANSITIONS)
    focus = []
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:  # past the last one
            break
        focus.append(focused)
    return Report(
        lang,
        direction,
        asked_scheme,
        scheme,
        scroll_width,
        inner_width,
        cells_outside,
        results["violations"],
        focus,
        seen.errors,
        seen.foreign,
    )


def test_direction(report: Report) -> None:
    assert report.direction == LANGUAGES[report.lang][1]


def test_the_scheme_is_the_one_the_system_asks_for(report: Report) -> None:
    assert report.scheme == report.asked_scheme


def test_no_sideways_scrolling(report: Report) -> None:
    assert report.scroll_width <= report.inner_width


def test_every_table_cell_is_on_screen(report: Report) -> None:
    assert report.cells_outside == []


def test_no_wcag_a_or_aa_violation(report: Report) -> None:
    assert not report.violations, readable(report.violations)


def test_focus_is_visible_when_tabbing(report: Report) -> None:
    hidden = [stop for stop in report.focus if not stop["shown"]]
    unmarked = [stop for stop in report.focus if not (stop["outline"] or stop["shadow"])]
    assert report.focus, "the Tab key focuses nothing"
    assert not hidden, f"focus on something the visitor cannot see: {hidden}"
    assert not unmarked, f"focus without an outline: {unmarked}"


def test_no_console_error(report: Report) -> None:
    assert not report.errors


def test_no_request_leaves_the_site(report: Report) -> None:
    assert not report.foreign


def readable(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}".replace("\n", " "))
            lines.append("        " + " ".join(node["html"].split())[:200])
    return "\n".join(lines)


def transferred(seen: Visit) -> dict[str, int]:
    """Bytes of the response bodies the browser received, by path, text gzip-compressed as
    GitHub Pages sends it: a file fetched twice counts twice, one served from cache not."""
    sizes: dict[str, int] = {}
    for path, size in seen.sent:
        sizes[path] = sizes.get(path, 0) + size
    return sizes


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("site", ["example_site", "large_site"])
def test_a_phone_loads_the_overview_in_60_kb(
    request: pytest.FixtureRequest, site: str, lang: str, visit: Visitor
) -> None:
    """Everything the overview fetches, also after it loaded, fits the budget, and still does
    with 5,000 incidents: nothing it loads grows with the number of incidents."""
    served = request.getfixturevalue(site)
    seen = visit(served, LANGUAGES[lang][0], VIEWPORTS["phone"], settle_ms=AFTER_LOAD_MS)
    sizes = transferred(seen)
    total = sum(sizes.values())
    listing = "\n".join(f"{size:>9} {url}" for url, size in sorted(sizes.items()))
    print(f"\n{site} {lang}: {total} bytes\n{listing}")
    assert total <= BUDGET, listing


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_readme_screenshot(
    example_site: ServedSite, visit: Visitor, lang: str, scheme: str, tmp_path: Path
) -> None:
    """The overview on a phone, whole: in the README with NABD_SCREENSHOTS=1, else in tmp."""
    folder = REPO / "screenshots" if os.environ.get("NABD_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(exist_ok=True)
    path = folder / f"overview-{lang}-{scheme}.png"
    seen = visit(example_site, LANGUAGES[lang][0], VIEWPORTS["phone"], scheme=scheme)
    seen.page.screenshot(path=path, full_page=True)
    width, height = png_size(path)
    assert width == VIEWPORTS["phone"][0], "the page is wider than the phone"
    assert height > VIEWPORTS["phone"][1]


# Where an element's box ends, measured from the top of the page.
BOTTOM = """selector => [...document.querySelectorAll(selector)]
  .map(e => e.getBoundingClientRect().bottom)"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_phone_shows_every_platform_at_a_glance(
    example_site: ServedSite, visit: Visitor, lang: str
) -> None:
    """Without scrolling: the overall state, then every platform's name, state and bars."""
    seen = visit(example_site, LANGUAGES[lang][0], VIEWPORTS["phone"])
    height = VIEWPORTS["phone"][1]
    (banner,) = seen.page.evaluate(BOTTOM, ".nabd-banner")
    rows = seen.page.evaluate(BOTTOM, ".nabd-platform-row .nabd-bars__chart")
    assert len(rows) == 5
    assert banner < max(rows) <= height, (banner, rows)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_phone_shows_an_active_incident_at_a_glance(
    active_site: ServedSite, visit: Visitor, lang: str
) -> None:
    """Without scrolling: the overall state, then the incident going on, its latest update and
    when it was posted."""
    seen = visit(active_site, LANGUAGES[lang][0], VIEWPORTS["phone"])
    page, height = seen.page, VIEWPORTS["phone"][1]
    assert page.evaluate(BOTTOM, ".nabd-banner:not(.nabd-banner--none)")[0] <= height
    active = page.locator(".nabd-active").first
    title = {"en": "Logins failing", "ar": "تسجيل الدخول", "fr": "Échec des connexions"}[lang]
    assert title in active.inner_text()
    for selector in ("a.nabd-incident-item__title", ".nabd-update__head time"):
        (bottom,) = page.evaluate(BOTTOM, ".nabd-active " + selector)
        assert bottom <= height, selector
    assert page.evaluate(BOTTOM, ".nabd-active .nabd-update__text p")[0] <= height


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_phone_shows_no_label_without_a_value(
    example_site: ServedSite, visit: Visitor, lang: str
) -> None:
    """Stacked on a phone, a table cell with nothing in it (an option without a default on
    the reference page) would show its label alone: «القيمة الافتراضية:» and nothing."""
    seen = visit(example_site, LANGUAGES[lang][0] + PAGES["reference"], VIEWPORTS["phone"])
    shown = seen.page.evaluate(
        """() => [...document.querySelectorAll("table.nabd-table td[data-label]")]
            .filter(td => td.getClientRects().length && !td.textContent.trim())
            .map(td => td.dataset.label)"""
    )
    empty = seen.page.evaluate(
        """() => [...document.querySelectorAll("table.nabd-table td[data-label]")]
            .filter(td => !td.textContent.trim()).length"""
    )
    assert empty > 0  # the reference has options without a default
    assert shown == []
