"""Every page type, in both languages, on a phone and a desktop, as a visitor's browser shows it."""

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
}
LANGUAGES = {"en": ("", "ltr"), "ar": ("ar/", "rtl")}
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}

CASES = [(page, lang, viewport) for page in PAGES for lang in LANGUAGES for viewport in VIEWPORTS]

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TAB_STOPS = 15  # the header's controls, then the first links of the page
BUDGET = 150 * 1024
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


@dataclass(frozen=True)
class Report:
    """What the tests check on one page, gathered in a single visit."""

    lang: str
    direction: str
    scroll_width: int
    inner_width: int
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
        page, lang, viewport = request.param
        seen = visit(example_site, LANGUAGES[lang][0] + PAGES[page], VIEWPORTS[viewport])
        reports[request.param] = inspect(seen, lang, axe_source)
    return reports[request.param]


def inspect(seen: Visit, lang: str, axe_source: str) -> Report:
    page = seen.page
    direction = page.evaluate("getComputedStyle(document.body).direction")
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
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
        scroll_width,
        inner_width,
        results["violations"],
        focus,
        seen.errors,
        seen.foreign,
    )


def test_direction(report: Report) -> None:
    assert report.direction == LANGUAGES[report.lang][1]


def test_no_sideways_scrolling(report: Report) -> None:
    assert report.scroll_width <= report.inner_width


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
def test_a_phone_loads_the_overview_in_150_kb(
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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_readme_screenshot(
    example_site: ServedSite, visit: Visitor, lang: str, tmp_path: Path
) -> None:
    """The overview on a phone, whole: in the README with NABD_SCREENSHOTS=1, else in tmp."""
    folder = REPO / "screenshots" if os.environ.get("NABD_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(exist_ok=True)
    path = folder / f"overview-{lang}.png"
    seen = visit(example_site, LANGUAGES[lang][0], VIEWPORTS["phone"])
    seen.page.screenshot(path=path, full_page=True)
    width, height = png_size(path)
    assert width == VIEWPORTS["phone"][0], "the page is wider than the phone"
    assert height > VIEWPORTS["phone"][1]
