"""What an attacker writes in a pull request and a tired maintainer writes at 3 a.m.

Whatever ``nabd validate`` accepts, the build builds; whatever either refuses, both refuse, each
naming the file, line and field, without a traceback. And what reaches a page is escaped on
every path, Material's templates included, even where the validator would have let markup
through: the validator's refusal is a courtesy, not the wall.
"""

from __future__ import annotations

import json
import re
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from nabd.cli import main
from nabd.core.model import characters, loader
from nabd.mkdocs import config as plugin_config

from .sitebuild import ALL_PLATFORMS_YAML, REPO, build_in_process, make_site

FIXTURES = REPO / "tests" / "fixtures"
VALID = sorted((FIXTURES / "valid").rglob("*.y*ml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
PROBLEM = re.compile(r"incidents/[^\s:]+:\d+: [^\s:]+")
MARKER = "zq"
"""Every piece of markup the tests write carries this, so what it would create can be found."""


def validate(
    site: Path, monkeypatch: pytest.MonkeyPatch, *, strict: bool = True
) -> tuple[int, str]:
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["validate", *(["--strict"] if strict else [])])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def problems(output: str) -> set[str]:
    """The ``file:line: field`` of every problem printed."""
    return set(PROBLEM.findall(output))


def fixture_site(root: Path, *files: Path) -> Path:
    config = make_site(root, {}, platforms_yaml=ALL_PLATFORMS_YAML)
    for path in (*VALID, *files):
        shutil.copy(path, root / "incidents" / path.name)
    return config


# -- validate and build agree -----------------------------------------------------------------


def test_validate_and_build_accept_every_valid_fixture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = fixture_site(tmp_path)
    code, said = validate(tmp_path, monkeypatch)
    assert code == 0, said
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    for fixture in VALID:
        assert (tmp_path / "site" / "incidents" / fixture.stem / "index.html").is_file()


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_validate_and_build_refuse_every_invalid_fixture_alike(
    fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = fixture_site(tmp_path, fixture)
    code, said = validate(tmp_path, monkeypatch)
    build = build_in_process(config, tmp_path / "site")
    assert code == 1 and build.returncode == 1, (said, build.output)
    assert "Traceback" not in build.output
    assert problems(said) and problems(said) == problems(build.output), (said, build.output)
    assert all(fixture.name in problem for problem in problems(said))


# -- the wall behind the validator ------------------------------------------------------------


ATTACKS = [
    '<a.b autofocus onfocus="zq()">',
    "<img src=x onerror=zq()>",
    "</title><script>zq()</script>",
    "\"'><svg/onload=zq()>",
    "<zqtag zqattr=1>",
    "[link](javascript:zq())",
    "![img](https://example.org/zq.png)",
    "{{ zq }} {% if zq %}",
    "<![CDATA[zq]]> <!-- zq -->",
    "&lt;zq&gt; &amp; &#60;zq",
]


def hostile_incident(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return f"""\
title: {{en: {quoted}, ar: {quoted}}}
impacts:
  - platform: facebook
    status: major_outage
    from: 2024-04-03T18:00:00Z
    to: 2024-04-03T19:00:00Z
updates:
  - at: 2024-04-03T18:05:00Z
    status: investigating
    text: {{en: {quoted}, ar: {quoted}}}
    sources:
      - {{url: "https://example.org/a", title: {quoted}, kind: press}}
  - at: 2024-04-03T19:05:00Z
    status: resolved
    text: {{en: {quoted}, ar: {quoted}}}
figures:
  - {{key: peak, value: 1, source: "https://example.org/b", label: {{en: {quoted}, ar: {quoted}}}}}
"""


def hostile_platforms(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return (
        "      platforms:\n"
        f"        - {{id: facebook, name: {{en: {quoted}, ar: {quoted}}},"
        ' tracked_since: 2010-01-01, url: "https://www.facebook.com/"}\n'
        "        - {id: whatsapp, name: {en: WhatsApp, ar: واتساب}, tracked_since: 2014-02-19}\n"
    )


def html_pages(site_dir: Path) -> Iterator[tuple[Path, lxml.html.HtmlElement]]:
    for path in sorted(site_dir.rglob("*.html")):
        yield path, lxml.html.fromstring(path.read_bytes())


def assert_nothing_was_injected(site_dir: Path) -> None:
    """No element, attribute, script or link made from the input, in any page; every feed,
    sitemap and badge well-formed XML; every JSON file parses."""
    for path, page in html_pages(site_dir):
        for element in page.iter():
            if not isinstance(element.tag, str):
                continue
            assert MARKER not in element.tag.lower(), (path, element.tag)
            for name, value in element.attrib.items():
                assert MARKER not in name.lower(), (path, element.tag, name)
                assert not name.lower().startswith("on"), (path, element.tag, name)
                if name in ("href", "src", "action", "formaction"):
                    assert not value.strip().lower().startswith(("javascript:", "data:")), path
            if element.tag == "script":
                assert MARKER not in (element.text or ""), path
    for pattern in ("*.rss", "*.atom", "*.xml", "*.svg"):
        for path in site_dir.rglob(pattern):
            lxml.etree.fromstring(path.read_bytes())  # raises if not well-formed
    for path in site_dir.rglob("*.json"):
        json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize("attack", ATTACKS)
def test_markup_the_validator_would_refuse_is_still_escaped_on_every_page(
    attack: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the validator's courtesy switched off, in titles, texts, source titles, figure
    labels and a platform's name: the pages show the text and run nothing."""
    lenient = lambda text: characters.refused_character(text)  # noqa: E731
    monkeypatch.setattr(loader, "text_problem", lenient)
    monkeypatch.setattr(plugin_config, "text_problem", lenient)
    config = make_site(
        tmp_path,
        {"2024-04-03-hostile.yaml": hostile_incident(attack)},
        platforms_yaml=hostile_platforms(attack),
        extra_yaml=f"site_description: {json.dumps(attack)}\n",
    )
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert_nothing_was_injected(tmp_path / "site")
    for prefix in ("", "ar/"):
        page = build.page(f"{prefix}incidents/2024-04-03-hostile/")
        assert page.findtext(".//title").startswith(attack.strip())
        assert attack.strip() in page.cssselect("h1")[0].text_content()


def test_a_tag_like_title_is_refused_by_validate_and_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_site(tmp_path, {"2024-04-03-hostile.yaml": hostile_incident(ATTACKS[0])})
    code, said = validate(tmp_path, monkeypatch)
    build = build_in_process(config, tmp_path / "site")
    assert code == 1 and build.returncode == 1
    assert "incidents/2024-04-03-hostile.yaml:1: title.en: raw HTML (<a.b...)" in said
    assert problems(said) == problems(build.output)


# -- anything at all ----------------------------------------------------------------------------

TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),  # controls, noncharacters, format and bidi characters
        st.sampled_from([*string.punctuation, "\n", "\t", " ", "\u200b", "\u202e"]),
        st.sampled_from([f"<{MARKER}", f" on{MARKER}=", "javascript:", f"&#{ord('<')};{MARKER}"]),
    ),
    min_size=1,
    max_size=30,
).map("".join)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXT, in_config=st.booleans())
@example(text="\x01 \ufffe \u202e", in_config=False)
@example(text="\u200b\u200b", in_config=False)
@example(text="plain & <b and c> d", in_config=True)
@example(text=f"<a.b on{MARKER}=1>", in_config=False)
def test_any_text_is_built_safely_or_refused_by_both(
    text: str,
    in_config: bool,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``text`` in every text field of an incident and, with ``in_config``, in a platform's
    name in ``mkdocs.yml``."""
    root = tmp_path_factory.mktemp("any")
    config = make_site(
        root,
        {"2024-04-03-any.yaml": hostile_incident(text)},
        platforms_yaml=hostile_platforms(text if in_config else "Facebook"),
    )
    code, said = validate(root, monkeypatch, strict=False)
    build = build_in_process(config, root / "site", strict=False)
    assert "Traceback" not in build.output, build.output
    if "mkdocs.yml" in said:  # a platform name the configuration refuses
        event("refused by the configuration")
        assert code == 1 and build.returncode == 1
        return
    event("built" if code == 0 else "refused by the validator")
    assert (code == 0) == (build.returncode == 0), (said, build.output)
    if code:
        assert problems(said) and problems(said) == problems(build.output), (said, build.output)
    else:
        assert_nothing_was_injected(root / "site")


# -- times, addresses and numbers at their edges --------------------------------------------------

UPCOMING = (FIXTURES / "valid" / "2030-01-10-planned-maintenance.yaml").read_text("utf-8")
SKEWED = """\
title: {en: Posted from a clock running fast, ar: نُشر من ساعة متقدمة}
impacts:
  - {platform: facebook, status: major_outage, from: "2026-11-29T12:04:00Z"}
updates:
  - at: 2026-11-29T12:05:00Z
    status: investigating
    text: {en: Looking into it., ar: نبحث في الأمر.}
"""


def test_a_future_maintenance_and_a_skewed_incident_build(tmp_path: Path) -> None:
    """ "Now" is 2026-11-29 12:00 UTC: the maintenance is in 2030, the incident four minutes
    ahead."""
    config = make_site(
        tmp_path,
        {
            "2030-01-10-planned-maintenance.yaml": UPCOMING.replace("threads", "whatsapp"),
            "2026-11-29-skewed.yaml": SKEWED,
        },
    )
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    for prefix in ("", "ar/"):
        overview = build.page(prefix)
        upcoming = overview.cssselect("#upcoming ~ ul .nabd-incident-item__title")
        assert [a.get("href") for a in upcoming] == ["incidents/2030-01-10-planned-maintenance/"]
        api = json.loads((tmp_path / "site" / prefix / "api/v2/summary.json").read_text("utf-8"))
        (planned,) = api["scheduled_maintenances"]
        assert planned["status"] == "scheduled"
        assert planned["scheduled_for"] == "2030-01-10T01:00:00.000Z"
        upcoming_json = tmp_path / "site" / prefix / "api/v2/scheduled-maintenances/upcoming.json"
        assert json.loads(upcoming_json.read_text("utf-8"))["scheduled_maintenances"]
        calendar = (tmp_path / "site" / prefix / "maintenance.ics").read_text("utf-8")
        assert "DTSTART:20300110T010000Z" in calendar
        skewed = build.page(f"{prefix}incidents/2026-11-29-skewed/")
        assert skewed.cssselect(".nabd-facts time")[0].get("datetime") == "2026-11-29T12:04:00Z"


def test_a_scheduled_maintenance_moves_on_with_its_window(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2030-01-10-m.yaml": UPCOMING.replace("threads", "whatsapp")})
    during = build_in_process(config, tmp_path / "during", now="1894240800")  # 02:00 UTC
    after = build_in_process(config, tmp_path / "after", now="1894251600")  # 05:00 UTC
    assert during.returncode == after.returncode == 0
    active = json.loads((tmp_path / "during/api/v2/summary.json").read_text("utf-8"))
    assert [m["status"] for m in active["scheduled_maintenances"]] == ["in_progress"]
    assert [c["status"] for c in active["components"]] == ["operational", "under_maintenance"]
    done = json.loads((tmp_path / "after/api/v2/scheduled-maintenances.json").read_text("utf-8"))
    (maintenance,) = done["scheduled_maintenances"]
    assert maintenance["status"] == "completed"
    assert maintenance["resolved_at"] == "2030-01-10T03:00:00.000Z"


def test_links_in_feeds_api_and_calendar_exist_without_directory_urls(tmp_path: Path) -> None:
    incidents = {
        "2024-04-03-whatsapp.yaml": SKEWED.replace("2026-11-29T12:0", "2024-04-03T12:0"),
        "2030-01-10-m.yaml": UPCOMING.replace("threads", "whatsapp"),
    }
    config = make_site(tmp_path, incidents, extra_yaml="use_directory_urls: false\n")
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    site = tmp_path / "site"
    links: set[str] = set()
    for path in [*site.rglob("*.rss"), *site.rglob("*.atom"), *site.rglob("*.json")]:
        links |= set(re.findall(r"https://status\.example\.org/[^\"<>\s]*", path.read_text()))
    for path in site.rglob("*.ics"):
        unfolded = path.read_bytes().decode().replace("\r\n ", "")  # RFC 5545 folds lines
        links |= set(re.findall(r"https://status\.example\.org/\S*", unfolded))
    pages = {link for link in links if not link.endswith((".rss", ".atom", ".json", ".ics"))}
    assert any("/incidents/2024-04-03-whatsapp.html" in link for link in pages), pages

    def exists(link: str) -> bool:
        path = site / link.removeprefix("https://status.example.org").strip("/")
        return path.is_file() or (path / "index.html").is_file()  # a language's root

    missing = [link for link in links if not exists(link)]
    assert missing == []


def test_a_site_at_an_ip_address_still_has_valid_feed_ids(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"2024-04-03-x.yaml": SKEWED.replace("2026-11-29", "2024-04-03")})
    text = config.read_text("utf-8").replace(
        "site_url: https://status.example.org/", "site_url: http://[::1]:8000/status/"
    )
    config.write_text(text, encoding="utf-8")
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    atom = lxml.etree.fromstring((tmp_path / "site" / "feed.atom").read_bytes())
    ids = [e.text for e in atom.iter("{http://www.w3.org/2005/Atom}id")]
    entries = ids[1:]
    assert entries and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in entries), ids


def test_a_small_figure_is_shown_as_written(tmp_path: Path) -> None:
    incident = SKEWED.replace("2026-11-29", "2024-04-03") + (
        "figures:\n  - {key: error_rate, value: 0.000001, source: https://example.org/}\n"
    )
    config = make_site(tmp_path, {"2024-04-03-x.yaml": incident})
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    value = build.page("incidents/2024-04-03-x/").cssselect(".nabd-figure__value")[0]
    assert value.text_content() == "0.000001"


def test_validate_names_the_line_of_a_date_that_does_not_exist_in_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_site(tmp_path, {})
    text = config.read_text("utf-8").replace(
        "tracked_since: 2010-01-01", "tracked_since: 2010-02-30"
    )
    config.write_text(text, encoding="utf-8")
    code, said = validate(tmp_path, monkeypatch)
    line = text.splitlines().index("          tracked_since: 2010-02-30") + 1
    assert code == 1
    assert f"mkdocs.yml:{line}: plugins[1].nabd.platforms[0].tracked_since: 2010-02-30" in said
    assert "Traceback" not in said


def test_a_bad_source_date_epoch_fails_the_build_with_a_message(tmp_path: Path) -> None:
    config = make_site(tmp_path, {})
    build = build_in_process(config, tmp_path / "site", now="yesterday")
    assert build.returncode == 1
    assert "nabd: SOURCE_DATE_EPOCH must be whole seconds" in build.output
    assert "Traceback" not in build.output


def test_a_platform_without_a_name_in_a_language_names_its_line(tmp_path: Path) -> None:
    """The same file:line from the PR check (nabd validate) and the build."""
    platforms = (
        "      platforms:\n"
        "        - id: web\n"
        "          tracked_since: 2024-01-01\n"
        "          name: {en: Web}\n"
    )
    config = make_site(tmp_path, {}, platforms_yaml=platforms)
    line = config.read_text("utf-8").splitlines().index("          name: {en: Web}") + 1
    expected = f"{config}:{line}: plugins: nabd: platforms[0]: name: web has no name in ar"
    validate = CliRunner().invoke(main, ["validate", "-f", str(config)])
    assert validate.exit_code == 1 and expected in validate.output, validate.output
    build = build_in_process(config, tmp_path / "site")
    assert build.returncode == 1 and expected in build.output, build.output
    assert "Traceback" not in validate.output + build.output
