"""The RSS and Atom feeds: read by feedparser, and checked strictly as XML with lxml."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from nabd.core.analysis.analysis import Analysis, analyse
from nabd.core.edition.outputs.feeds import MAX_ENTRIES, feed_outputs
from nabd.core.edition.routes import Routes
from nabd.core.model.loader import load_incidents
from nabd.core.model.models import (
    ComponentStatus,
    Impact,
    ImpactLevel,
    Incident,
    Kind,
    LocalizedText,
    Platform,
    Source,
    SourceKind,
    Update,
    UpdateStatus,
    Window,
)
from tests.sites import example_languages, language

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
BASE = {"en": "https://status.example.org/", "ar": "https://status.example.org/ar/"}
SITE_NAME = {"en": "Meta status", "ar": "حالة ميتا"}
LABELS = {
    UpdateStatus.INVESTIGATING: "Investigating",
    UpdateStatus.IDENTIFIED: "Identified",
    UpdateStatus.MONITORING: "Monitoring",
    UpdateStatus.RESOLVED: "Resolved",
    UpdateStatus.POSTMORTEM: "Postmortem",
    UpdateStatus.SCHEDULED: "Scheduled",
    UpdateStatus.IN_PROGRESS: "In progress",
    UpdateStatus.VERIFYING: "Verifying",
    UpdateStatus.COMPLETED: "Completed",
}
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTENT_TAGS = {"p", "a", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "br"}
CONTENT_TAGS |= {"div"}  # the wrapper of a text in another language


@pytest.fixture(scope="module")
def site(platforms: tuple[Platform, ...]) -> Analysis:
    result = load_incidents(
        REPO / "incidents", platforms, display_root=REPO, languages=example_languages()
    )
    assert not result.errors
    return analyse(platforms, result.incidents, "UTC", NOW)


@pytest.fixture(scope="module", params=["en", "ar"])
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def outputs(site: Analysis, lang: str) -> dict[str, str]:
    return feed_outputs(site, language(lang), Routes(BASE[lang]), SITE_NAME[lang])


def strict_xml(text: str) -> etree._Element:
    """The document's root; raises on anything that is not well-formed XML."""
    parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
    return etree.fromstring(text.encode("utf-8"), parser)


def posted(site: Analysis, platform: str | None = None) -> list[tuple[Incident, Update]]:
    """The updates a feed should hold, newest first; updates placed at the same time (two
    approximate times can coincide) come latest incident and latest update first."""
    found = [
        (update.at, incident.id, index, incident, update)
        for incident in site.incidents
        if platform is None or platform in incident.platforms
        for index, update in enumerate(incident.updates)
        if update.at <= site.now
    ]
    found.sort(key=lambda entry: entry[:3], reverse=True)
    return [(incident, update) for *_, incident, update in found[:MAX_ENTRIES]]


def title(incident: Incident, update: Update, lang: str) -> str:
    label = language(lang).gettext(LABELS[update.status])
    return f"[{label}] {incident.title.get(lang).text}"


def feed_paths(site: Analysis) -> dict[str, str | None]:
    """Each feed's path stem and the platform it is about (``None``: the whole site)."""
    stems: dict[str, str | None] = {"feed": None}
    stems |= {f"platforms/{p.id}/feed": p.id for p in site.platforms}
    return stems


def rss_entries(root: etree._Element) -> list[dict[str, str]]:
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "id": item.findtext("guid"),
            "date": parsedate_to_datetime(item.findtext("pubDate")),
            "html": item.findtext("description"),
        }
        for item in root.find("channel").findall("item")
    ]


def atom_entries(root: etree._Element) -> list[dict[str, str]]:
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        (link,) = entry.findall(f"{ATOM}link")
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "html"
        published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
        assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == published
        entries.append(
            {
                "title": entry.findtext(f"{ATOM}title"),
                "link": link.get("href"),
                "id": entry.findtext(f"{ATOM}id"),
                "date": published,
                "html": content.text,
            }
        )
    return entries


def test_one_rss_and_one_atom_feed_for_the_site_and_each_platform(
    site: Analysis, outputs: dict[str, str]
) -> None:
    expected = {stem + suffix for stem in feed_paths(site) for suffix in (".rss", ".atom")}
    assert set(outputs) == expected


def test_feedparser_reads_every_feed_without_complaint(
    site: Analysis, outputs: dict[str, str], lang: str
) -> None:
    for path, text in outputs.items():
        parsed = feedparser.parse(text)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if path.endswith(".rss") else "atom10")
        assert parsed.feed.language == lang
        assert [e.link for e in parsed.entries] == [
            BASE[lang] + f"incidents/{incident.id}/"
            for incident, _ in posted(site, feed_paths(site)[path.rsplit(".", 1)[0]])
        ]


def test_rss_channel_has_its_language_self_link_and_the_newest_update_as_build_date(
    site: Analysis, outputs: dict[str, str], lang: str
) -> None:
    for stem, platform in feed_paths(site).items():
        channel = strict_xml(outputs[f"{stem}.rss"]).find("channel")
        assert channel.findtext("language") == lang
        (self_link,) = channel.findall("{http://www.w3.org/2005/Atom}link")
        assert self_link.get("rel") == "self"
        assert self_link.get("href") == f"{BASE[lang]}{stem}.rss"
        newest = posted(site, platform)[0][1].at
        assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == newest
        page = BASE[lang] + (f"platforms/{platform}/" if platform else "")
        assert channel.findtext("link") == page


def test_atom_feed_has_xml_lang_self_link_and_updated_the_newest_update(
    site: Analysis, outputs: dict[str, str], lang: str
) -> None:
    for stem, platform in feed_paths(site).items():
        root = strict_xml(outputs[f"{stem}.atom"])
        assert root.tag == f"{ATOM}feed"
        assert root.get(XML_LANG) == lang
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links["self"] == f"{BASE[lang]}{stem}.atom"
        assert links["alternate"] == BASE[lang] + (f"platforms/{platform}/" if platform else "")
        newest = posted(site, platform)[0][1].at
        assert datetime.fromisoformat(root.findtext(f"{ATOM}updated")) == newest
        assert root.findtext(f"{ATOM}author/{ATOM}name") == SITE_NAME[lang]


@pytest.mark.parametrize("suffix", [".rss", ".atom"])
def test_entries_are_the_posted_updates_newest_first_with_titled_status(
    site: Analysis, outputs: dict[str, str], lang: str, suffix: str
) -> None:
    read = rss_entries if suffix == ".rss" else atom_entries
    for stem, platform in feed_paths(site).items():
        entries = read(strict_xml(outputs[stem + suffix]))
        expected = posted(site, platform)
        assert len(entries) == len(expected) == min(MAX_ENTRIES, len(expected))
        for entry, (incident, update) in zip(entries, expected, strict=True):
            assert entry["title"] == title(incident, update, lang)
            assert entry["link"] == f"{BASE[lang]}incidents/{incident.id}/"
            assert entry["date"] == update.at
        dates = [entry["date"] for entry in entries]
        assert dates == sorted(dates, reverse=True)


def test_site_wide_feed_keeps_the_latest_fifty_of_all_updates(
    site: Analysis, outputs: dict[str, str]
) -> None:
    every_update = [u for i in site.incidents for u in i.updates]
    assert len(every_update) > MAX_ENTRIES  # the example data exercises the limit
    oldest = min(u.at for u in every_update)
    for suffix in (".rss", ".atom"):
        parsed = feedparser.parse(outputs["feed" + suffix])
        assert len(parsed.entries) == MAX_ENTRIES
        kept = {datetime(*e.published_parsed[:6], tzinfo=UTC) for e in parsed.entries}
        assert oldest not in kept


def test_titles_carry_the_translated_status(outputs: dict[str, str], lang: str) -> None:
    titles = [e.title for e in feedparser.parse(outputs["feed.atom"]).entries]
    resolved = {"en": "[Resolved] ", "ar": "[حُلّت المشكلة] "}[lang]
    assert any(t.startswith(resolved) for t in titles)
    labels = {language(lang).gettext(label) for label in LABELS.values()}
    assert all(t[1 : t.index("]")] in labels for t in titles)


def test_entry_ids_are_unique_and_the_same_in_rss_and_atom(
    site: Analysis, outputs: dict[str, str], lang: str
) -> None:
    by_id: dict[str, tuple[str, str]] = {}
    for stem in feed_paths(site):
        rss = rss_entries(strict_xml(outputs[f"{stem}.rss"]))
        atom = atom_entries(strict_xml(outputs[f"{stem}.atom"]))
        assert [e["id"] for e in rss] == [e["id"] for e in atom]
        assert len({e["id"] for e in atom}) == len(atom)
        for entry in atom:
            assert entry["id"].startswith("tag:status.example.org,")
            # One update has one id in every feed it appears in, and one id names one update.
            assert by_id.setdefault(entry["id"], (entry["link"], entry["date"])) == (
                entry["link"],
                entry["date"],
            )
    channel = strict_xml(outputs["feed.rss"]).find("channel")
    assert {g.get("isPermaLink") for g in channel.iter("guid")} == {"false"}


def test_entry_ids_do_not_change_when_the_site_moves_to_another_path(site: Analysis) -> None:
    here = feed_outputs(site, language("ar"), Routes(BASE["ar"]), SITE_NAME["ar"])
    moved = feed_outputs(
        site, language("ar"), Routes("https://status.example.org/meta/ar/"), SITE_NAME["ar"]
    )
    for path in here:
        before = feedparser.parse(here[path]).entries
        after = feedparser.parse(moved[path]).entries
        assert [e.id for e in before] == [e.id for e in after]
        assert all(e.link.startswith("https://status.example.org/meta/ar/") for e in after)


def test_english_and_arabic_entries_have_different_ids(site: Analysis) -> None:
    ids = {
        lang: {
            e.id
            for e in feedparser.parse(
                feed_outputs(site, language(lang), Routes(BASE[lang]), "S")["feed.atom"]
            ).entries
        }
        for lang in ("en", "ar")
    }
    assert len(ids["en"]) == len(ids["ar"]) == MAX_ENTRIES
    assert not ids["en"] & ids["ar"]


def test_entry_links_name_existing_incidents(
    site: Analysis, outputs: dict[str, str], lang: str
) -> None:
    for path, text in outputs.items():
        for entry in feedparser.parse(text).entries:
            assert entry.link.startswith(BASE[lang] + "incidents/"), path
            incident_id = entry.link.removeprefix(BASE[lang] + "incidents/").removesuffix("/")
            assert incident_id in site.incident_by_id


@pytest.mark.parametrize("suffix", [".rss", ".atom"])
def test_content_is_the_sanitised_update_text_with_its_sources(
    site: Analysis, outputs: dict[str, str], lang: str, suffix: str
) -> None:
    read = rss_entries if suffix == ".rss" else atom_entries
    entries = read(strict_xml(outputs["feed" + suffix]))
    for entry, (_incident, update) in zip(entries, posted(site), strict=True):
        fragment = lxml.html.fragment_fromstring(entry["html"], create_parent="div")
        tags = {element.tag for element in fragment.iter()} - {"div"}
        assert tags <= CONTENT_TAGS, tags
        hrefs = [a.get("href") for a in fragment.iter("a")]
        assert all(h.startswith(("https://", "http://", "mailto:")) for h in hrefs)
        assert {s.url for s in update.sources} <= set(hrefs)
        assert all(set(a.attrib) <= {"href", "rel"} for a in fragment.iter("a"))
        if update.sources:
            assert language(lang).gettext("Sources") in fragment.text_content()


def test_same_input_gives_the_same_bytes(site: Analysis, lang: str) -> None:
    again = analyse(site.platforms, site.incidents, site.timezone, site.now)
    first = feed_outputs(site, language(lang), Routes(BASE[lang]), SITE_NAME[lang])
    assert first == feed_outputs(again, language(lang), Routes(BASE[lang]), SITE_NAME[lang])
    assert first == feed_outputs(site, language(lang), Routes(BASE[lang]), SITE_NAME[lang])


# -- hand-made incidents -----------------------------------------------------------------------

PLATFORM = Platform(
    id="facebook",
    name=LocalizedText({"en": "Facebook", "ar": "فيسبوك"}),
    url="https://www.facebook.com/",
    tracked_since=date(2010, 1, 1),
)
START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def update(minutes: int, status: UpdateStatus, text: dict[str, str], *sources: Source) -> Update:
    return Update(START + timedelta(minutes=minutes), status, LocalizedText(text), sources)


def incident(*updates: Update, title: dict[str, str] | None = None) -> Incident:
    return Incident(
        id="2026-11-01-test",
        path="incidents/2026-11-01-test.yaml",
        title=LocalizedText(title or {"en": "Facebook down", "ar": "تعطل فيسبوك"}),
        kind=Kind.INCIDENT,
        impact=ImpactLevel.CRITICAL,
        impacts=(Impact("facebook", ComponentStatus.MAJOR_OUTAGE, START, None),),
        updates=updates,
    )


def one_site(*incidents: Incident) -> Analysis:
    return analyse((PLATFORM,), incidents, "UTC", NOW)


def test_html_looking_input_is_escaped_not_rendered() -> None:
    hostile = incident(
        update(
            0,
            UpdateStatus.INVESTIGATING,
            {"en": "<script>alert(1)</script> <b>bold</b> [x](javascript:alert(1))", "ar": "نص"},
            Source(
                "https://example.org/?a=1&b=2", '<img src=x onerror="alert(1)">', SourceKind.PRESS
            ),
        ),
        title={"en": "A <b> & B", "ar": "أ"},
    )
    outputs = feed_outputs(one_site(hostile), language("en"), Routes(BASE["en"]), "S")
    for path in ("feed.rss", "feed.atom", "platforms/facebook/feed.rss"):
        (entry,) = (rss_entries if path.endswith(".rss") else atom_entries)(
            strict_xml(outputs[path])
        )
        assert entry["title"] == "[Investigating] A <b> & B"
        fragment = lxml.html.fragment_fromstring(entry["html"], create_parent="div")
        assert {e.tag for e in fragment.iter()} <= {"div", "p", "ul", "li", "a"}
        text = fragment.text_content()
        assert "<script>alert(1)</script>" in text
        assert "<b>bold</b>" in text
        assert '<img src=x onerror="alert(1)">' in text
        assert [a.get("href") for a in fragment.iter("a")] == ["https://example.org/?a=1&b=2"]


def test_an_untranslated_text_falls_back_to_the_other_language_with_a_marker() -> None:
    only_english = incident(update(0, UpdateStatus.INVESTIGATING, {"en": "Logins fail."}))
    outputs = feed_outputs(one_site(only_english), language("ar"), Routes(BASE["ar"]), "S")
    (entry,) = atom_entries(strict_xml(outputs["feed.atom"]))
    fragment = lxml.html.fragment_fromstring(entry["html"], create_parent="div")
    (entry_block,) = fragment.findall("div")
    assert (entry_block.get("lang"), entry_block.get("dir")) == ("ar", "rtl")
    (english,) = entry_block.findall("div")
    assert (english.get("lang"), english.get("dir")) == ("en", "ltr")
    assert english.text_content() == "Logins fail."
    assert "لم يُترجم بعد" in entry_block.text_content()


def test_updates_after_now_are_left_out_and_do_not_date_the_feed() -> None:
    maintenance = Incident(
        id="2026-12-01-maintenance",
        path="incidents/2026-12-01-maintenance.yaml",
        title=LocalizedText({"en": "Database upgrade", "ar": "ترقية قاعدة البيانات"}),
        kind=Kind.MAINTENANCE,
        impact=ImpactLevel.MAINTENANCE,
        impacts=(),
        updates=(
            Update(NOW - timedelta(days=2), UpdateStatus.SCHEDULED, LocalizedText({"en": "Soon."})),
            Update(
                NOW + timedelta(days=2), UpdateStatus.IN_PROGRESS, LocalizedText({"en": "Now."})
            ),
        ),
        scheduled=Window(NOW + timedelta(days=2), NOW + timedelta(days=2, hours=1)),
    )
    outputs = feed_outputs(one_site(maintenance), language("en"), Routes(BASE["en"]), "S")
    parsed = feedparser.parse(outputs["feed.atom"])
    assert [e.title for e in parsed.entries] == ["[Scheduled] Database upgrade"]
    root = strict_xml(outputs["feed.atom"])
    assert datetime.fromisoformat(root.findtext(f"{ATOM}updated")) == NOW - timedelta(days=2)
    # Without impacts the maintenance hits no platform: only the site-wide feed lists it.
    assert not feedparser.parse(outputs["platforms/facebook/feed.atom"]).entries


def test_a_feed_without_entries_is_dated_by_the_epoch_not_the_clock() -> None:
    outputs = feed_outputs(one_site(), language("en"), Routes(BASE["en"]), "S")
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    atom = strict_xml(outputs["feed.atom"])
    assert datetime.fromisoformat(atom.findtext(f"{ATOM}updated")) == epoch
    rss = strict_xml(outputs["platforms/facebook/feed.rss"])
    assert parsedate_to_datetime(rss.findtext("channel/lastBuildDate")) == epoch
    assert all(not feedparser.parse(text).bozo for text in outputs.values())


def test_ids_survive_an_update_inserted_earlier_and_times_written_with_an_offset() -> None:
    first = update(0, UpdateStatus.INVESTIGATING, {"en": "One."})
    last = update(60, UpdateStatus.RESOLVED, {"en": "Three."})
    missed = update(30, UpdateStatus.IDENTIFIED, {"en": "Two."})
    plus_seven = replace(last, at=last.at.astimezone(timezone(timedelta(hours=7))))

    def ids(*updates: Update) -> list[str]:
        feed = feed_outputs(one_site(incident(*updates)), language("en"), Routes(BASE["en"]), "S")[
            "feed.atom"
        ]
        return [e.id for e in feedparser.parse(feed).entries]

    before = ids(first, last)
    after = ids(first, missed, last)
    assert len(after) == 3
    assert set(before) <= set(after)
    assert ids(first, plus_seven) == before
    assert before[0] == (
        "tag:status.example.org,2026-11-01:en/incidents/2026-11-01-test/updates/20261101T100000Z"
    )


def test_two_updates_at_the_same_time_get_distinct_ids() -> None:
    twice = incident(
        update(0, UpdateStatus.INVESTIGATING, {"en": "One."}),
        update(0, UpdateStatus.IDENTIFIED, {"en": "Two."}),
    )
    entries = feedparser.parse(
        feed_outputs(one_site(twice), language("en"), Routes(BASE["en"]), "S")["feed.rss"]
    ).entries
    assert len({e.id for e in entries}) == 2


def test_base_url_must_be_absolute_and_end_with_a_slash() -> None:
    for bad in ("/ar/", "https://status.example.org/ar"):
        with pytest.raises(ValueError, match="base_url"):
            feed_outputs(one_site(), language("ar"), Routes(bad), "S")
