"""``maintenance.ics``: the site's scheduled maintenance as an RFC 5545 iCalendar, one language.

One event per maintenance that has a ``scheduled`` window, past ones included, in UTC, written
by the ``icalendar`` library. A site without maintenance still gets a valid calendar, with no
event, so that subscriptions keep working.

Every value comes from the incident files, never from the clock, so a rebuild gives the same
bytes:

- ``UID`` is ``<incident id>@<host of the site>``: it survives rebuilds, edits of the file and
  a move of the site to another path, so a calendar app updates the event instead of adding
  another. The English and the Arabic calendar give an event the same UID: it is one event.
- ``DTSTAMP`` and ``LAST-MODIFIED`` are the time of the maintenance's latest update, ``CREATED``
  that of its first.
- Events are ``TRANSPARENT``: a maintenance window does not make a subscriber busy.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vDuration

from nabd.core.analysis.site import Site
from nabd.core.edition.routes import Routes
from nabd.core.model.models import Incident, Kind, Window
from nabd.core.present import l10n
from nabd.core.present.labels import NOT_TRANSLATED

PRODID = "-//Nabd//Status page//EN"
REFRESH_INTERVAL = timedelta(hours=1)
"""How often calendar apps are asked to fetch the calendar again."""


def maintenance_calendar(site: Site, lang: str, routes: Routes, site_name: str) -> str:
    """The calendar (CRLF line endings, as RFC 5545 wants) of ``site``'s maintenance in
    ``lang``, its links made by ``routes``."""
    gettext = l10n.translations(lang).gettext
    name = gettext("%(site)s: scheduled maintenance") % {"site": site_name}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    maintenances = sorted(
        (i.scheduled.start, i.id, i.scheduled, i)
        for i in site.incidents
        if i.kind is Kind.MAINTENANCE and i.scheduled is not None
    )
    host = urlsplit(routes.base_url).hostname
    for _, _, window, incident in maintenances:
        calendar.add_component(_event(incident, window, site, lang, routes, host))
    return calendar.to_ical().decode("utf-8")


def _event(
    incident: Incident, window: Window, site: Site, lang: str, routes: Routes, host: str | None
) -> Event:
    gettext = l10n.translations(lang).gettext
    url = routes.incident(incident.id)
    first, latest = incident.updates[0], incident.updates[-1]
    event = Event()
    event.add("uid", f"{incident.id}@{host}")
    event.add("dtstamp", _utc(latest.at))
    event.add("created", _utc(first.at))
    event.add("last-modified", _utc(latest.at))
    event.add("dtstart", _utc(window.start))
    event.add("dtend", _utc(window.end))
    title = incident.title.get(lang)
    event.add("summary", title.text, parameters={"LANGUAGE": title.lang})
    text = latest.text.get(lang)
    description = text.text.strip()
    if text.is_fallback:
        description += f"\n\n({gettext(NOT_TRANSLATED[lang])})"
    event.add("description", f"{description}\n\n{url}", parameters={"LANGUAGE": text.lang})
    event.add("url", url, parameters={"VALUE": "URI"})
    names = [site.platform_by_id[p].name.get(lang).text for p in incident.platforms]
    if names:
        event.add("categories", names)
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def calendar_outputs(site: Site, lang: str, routes: Routes, site_name: str) -> dict[str, str]:
    """``{"maintenance.ics": ...}`` for ``site`` in ``lang``."""
    return {"maintenance.ics": maintenance_calendar(site, lang, routes, site_name)}
