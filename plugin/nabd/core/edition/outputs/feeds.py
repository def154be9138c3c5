"""RSS 2.0 and Atom feeds of incident updates, site-wide and per platform, in one language.

Each entry is one update of an incident (or maintenance) that has been posted by the site's
"now", newest first, at most ``MAX_ENTRIES`` per feed (platform feeds too). The feeds are
written by feedgenerator (Pelican's), subclassed only so that a feed without entries gets a
fixed ``updated``/``lastBuildDate`` (``EMPTY_FEED_UPDATED``) instead of the wall clock.

Identifiers, chosen to survive rebuilds and a move of the site to another path:

- An entry's id (Atom ``id``, RSS ``guid``) is a tag URI (RFC 4151) made of the site's host,
  the update's UTC date, the language, the incident id and the update's UTC time:
  ``tag:status.example.org,2024-03-05:en/incidents/<id>/updates/20240305T154000Z``; a second
  update at the same time of the same incident gets ``-2``, and so on. It does not depend on
  the site's path, on the update's position in the file, or on the other incidents; it
  changes when the host, the incident id or the update's time changes. The language is part
  of it because the English and the Arabic entry are different texts.
- A feed's Atom id is its own URL.

An entry links to its incident's page (no fragment: the page's updates have no anchors); its
categories are the names of the platforms hit. Its HTML (the update's text through
``render_markdown``, then its sources) is RSS's ``description`` and Atom's ``content``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from typing import Any
from urllib.parse import urlsplit

from feedgenerator import Atom1Feed, Rss201rev2Feed

from nabd.core.analysis.analysis import Analysis
from nabd.core.edition.routes import Routes
from nabd.core.model.characters import xml_safe
from nabd.core.model.models import Update
from nabd.core.present import l10n
from nabd.core.present.labels import NOT_TRANSLATED, SOURCE_KIND, UPDATE_STATUS
from nabd.core.present.language import Language
from nabd.core.present.text import is_safe_url, render_markdown

MAX_ENTRIES = 50
"""The most entries a feed holds, site-wide and per platform: the newest ones."""

EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)
"""The ``updated`` of a feed without entries: fixed, so that the output stays deterministic."""


class _SafeFeed:
    """What feedgenerator needs around it: every text XML can carry, and a fixed date.

    The loader refuses characters XML cannot carry; ``xml_safe`` drops any that get past it,
    so that one bad text never makes a whole feed unreadable. feedgenerator dates a feed by its
    newest entry, or by the current time when it has none; here an empty feed gets
    ``EMPTY_FEED_UPDATED``."""

    items: list[dict[str, Any]]

    def __init__(self, **fields: Any) -> None:
        super().__init__(**_xml_safe(fields))  # type: ignore[call-arg]

    def add_item(self, **fields: Any) -> None:
        super().add_item(**_xml_safe(fields))  # type: ignore[misc]

    def latest_post_date(self) -> datetime:
        if not self.items:
            return EMPTY_FEED_UPDATED
        return super().latest_post_date()  # type: ignore[misc]


def _xml_safe(fields: dict[str, Any]) -> dict[str, Any]:
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return xml_safe(value)
        if isinstance(value, list | tuple):
            return [clean(item) for item in value]
        return value

    return {name: clean(value) for name, value in fields.items()}


@dataclass(frozen=True)
class _Entry:
    at: datetime
    incident_id: str
    index: int
    platforms: tuple[str, ...]
    update: Update
    item: dict[str, Any]
    """The ``add_item`` arguments other than the HTML."""


class _Rss(_SafeFeed, Rss201rev2Feed):
    def add_entry(self, entry: _Entry, html: str) -> None:
        self.add_item(**entry.item, description=html)


class _Atom(_SafeFeed, Atom1Feed):
    def add_entry(self, entry: _Entry, html: str) -> None:
        """The HTML as the entry's ``content``, without a duplicate ``summary``."""
        self.add_item(**entry.item, description=None, content=html)


def feed_outputs(
    site: Analysis, language: Language, routes: Routes, site_name: str
) -> dict[str, str]:
    """Every feed of ``site`` in ``language``: ``feed.rss``, ``feed.atom`` and, per platform,
    ``platforms/<id>/feed.rss`` and ``.atom``.

    Links and self links are made by ``routes``; entry ids from the site's host only.
    """
    gettext, lang = language.gettext, language.code
    entries = _entries(site, language, routes)

    # Only the entries a feed keeps are rendered, each once for all the feeds that keep it.
    rendered: dict[tuple[str, int], str] = {}

    def html_of(entry: _Entry) -> str:
        key = (entry.incident_id, entry.index)
        if key not in rendered:
            rendered[key] = _content(entry.update, language)
        return rendered[key]

    outputs: dict[str, str] = {}
    _add_pair(
        outputs,
        "feed",
        entries,
        title=site_name,
        link=routes.overview(),
        description=gettext("Updates on every incident and maintenance, newest first."),
        lang=lang,
        routes=routes,
        author=site_name,
        html_of=html_of,
    )
    for platform in site.platforms:
        name = platform.name.get(lang).text
        _add_pair(
            outputs,
            f"platforms/{platform.id}/feed",
            [e for e in entries if platform.id in e.platforms],
            title=gettext("%(site)s: %(platform)s") % {"site": site_name, "platform": name},
            link=routes.platform(platform.id),
            description=gettext(
                "Updates on the incidents and maintenance affecting %(platform)s, newest first."
            )
            % {"platform": name},
            lang=lang,
            routes=routes,
            author=site_name,
            html_of=html_of,
        )
    return outputs


def _add_pair(
    outputs: dict[str, str],
    stem: str,
    entries: list[_Entry],
    *,
    title: str,
    link: str,
    description: str,
    lang: str,
    routes: Routes,
    author: str,
    html_of: Callable[[_Entry], str],
) -> None:
    """The RSS and the Atom feed of ``entries``, as ``<stem>.rss`` and ``<stem>.atom``."""
    for suffix, feed_class in ((".rss", _Rss), (".atom", _Atom)):
        url = routes.file(stem + suffix)
        feed = feed_class(
            title=title,
            link=link,
            description=description,
            language=lang,
            feed_url=url,
            feed_guid=url,
            author_name=author,
        )
        for entry in entries[:MAX_ENTRIES]:
            feed.add_entry(entry, html_of(entry))
        outputs[stem + suffix] = feed.writeString("utf-8")


def _entries(site: Analysis, language: Language, routes: Routes) -> list[_Entry]:
    """Every update posted by ``site.now``, newest first."""
    gettext, lang = language.gettext, language.code
    host = (urlsplit(routes.base_url).hostname or "").lower()
    entries = []
    for incident in site.incidents:
        link = routes.incident(incident.id)
        title = incident.title.get(lang).text
        categories = [site.platform_by_id[p].name.get(lang).text for p in incident.platforms]
        for index, (update, stamp) in enumerate(
            zip(incident.updates, incident.update_stamps, strict=True)
        ):
            if update.at > site.now:
                continue
            at = update.at.astimezone(UTC)
            item = {
                "title": f"[{gettext(UPDATE_STATUS[update.status])}] {title}",
                "link": link,
                "unique_id": entry_id(host, at, f"{lang}/incidents/{incident.id}/updates/{stamp}"),
                "unique_id_is_permalink": False,
                "pubdate": at,
                "updateddate": at,
                "categories": categories,
            }
            entries.append(_Entry(at, incident.id, index, incident.platforms, update, item))
    entries.sort(key=lambda e: (e.at, e.incident_id, e.index), reverse=True)
    return entries


_DNS_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")


def entry_id(host: str, at: datetime, specific: str) -> str:
    """A tag URI ``tag:<host>,<date>:<specific>`` (RFC 4151). A tag URI needs a DNS name: for a
    site at an IP address (``[::1]``) it is a name-based UUID of the same parts instead, just
    as stable."""
    if _DNS_NAME.fullmatch(host):
        return f"tag:{host},{at.date().isoformat()}:{specific}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"tag:{host},{at.date().isoformat()}:{specific}").urn


def _content(update: Update, language: Language) -> str:
    """The update's text as safe HTML (marked when in another language), then its sources,
    in one block that says its language and direction: a feed reader lays out an Arabic
    entry right to left."""
    gettext = language.gettext
    text = update.text.get(language.code)
    latin = language.latin if l10n.direction(text.lang) == "rtl" else None
    html = render_markdown(text.text, latin)
    if text.is_fallback:
        marker = escape(gettext(NOT_TRANSLATED))
        html = (
            f'<div lang="{text.lang}" dir="{l10n.direction(text.lang)}">{html}</div>'
            f"<p>({marker})</p>"
        )
    sources = [
        f'<li><a href="{escape(s.url)}" rel="noopener nofollow">{escape(s.title)}</a>'
        f" ({escape(gettext(SOURCE_KIND[s.kind]))})</li>"
        for s in update.sources
        if is_safe_url(s.url)
    ]
    if sources:
        html += f"<p>{escape(gettext('Sources'))}</p><ul>{''.join(sources)}</ul>"
    return f'<div lang="{language.code}" dir="{language.direction}">{html}</div>'
