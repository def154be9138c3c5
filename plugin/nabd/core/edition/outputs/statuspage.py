"""Statuspage's public API v2 as static files: ``api/v2/summary.json`` and its siblings.

A client or dashboard written for a Statuspage page (``https://<page>/api/v2/...``) reads these
files unchanged: same paths, same objects, same field names, types and values. The shapes are
those Statuspage publishes (e.g. githubstatus.com), and ``schema/statuspage-v2.schema.json``
describes them. How Nabd's data maps onto them:

- **Ids** are Statuspage-like: 12 characters of ``[a-z0-9]``, the base-36 digits of a SHA-256 of
  a key, so they never change between builds. Keys: ``page:<host><path>`` of the language's
  site URL (the English and Arabic pages are two pages), ``component:<platform id>``,
  ``group:<group name>``, ``incident:<incident id>`` and ``update:<incident id>:<stamp>``
  (``Incident.update_stamps``, as the feeds' entry ids: an update keeps its id when its text is
  corrected or another update is added, so that ``nabd notify`` never announces it twice).
  Components and incidents keep the same id in every language.
- **Timestamps** are ISO 8601 in the site's timezone with milliseconds and an offset, as
  Statuspage writes them in the page's zone: ``2024-03-05T15:00:00.000Z`` where the zone is UTC,
  else ``2024-03-05T18:00:00.000+03:00``.
- **page**: ``url`` is the language's site URL without its trailing slash (as Statuspage's are);
  ``updated_at`` is the last time anything on the page changed: the newest update or status
  change at or before "now" (not the build time, which would change every build's bytes).
- **components**: one per platform, in the configured order (``position`` from 1). ``status`` is
  the platform's status now; ``created_at`` is the start of tracking (local midnight of
  ``tracked_since``, as uptime counts it) and ``start_date`` its date; ``updated_at`` the last
  change of its status at or before now (clamped to ``created_at``); ``showcase`` is true, as
  every platform shows its uptime. Platforms with a ``group`` also get the group component
  Statuspage has (``group: true``, the children's ids in ``components``, the worst child status),
  placed before its first child, and the children carry its ``group_id``.
- **incidents** (``kind: incident``): ``status`` is the latest update's; ``created_at`` the first
  update, ``updated_at`` the latest, ``started_at`` the first impact's start; ``monitoring_at``
  the first ``monitoring`` update; ``resolved_at`` the update that closed it (the first of the
  final run of resolved/postmortem updates), else null. ``shortlink`` is the absolute URL of the
  incident's page. ``components`` are the platforms hit, as they are now (as on Statuspage).
  ``incident_updates`` are newest first; a ``body`` is the update's Markdown source (Statuspage
  bodies are plain text). Text is in the page's language, falling back to the other language.
- **affected_components** of an update: for each platform the incident hit, its status from
  this incident's impacts at the previous update (``operational`` before the first) and at this
  update. An incident posted after the fact shows ``operational`` to ``operational``.
- **incidents.json** lists the 50 most recent incidents that have started, newest first;
  **unresolved** and the summary's ``incidents`` those not resolved.
- **scheduled maintenances** (``kind: maintenance``) have ``scheduled_for``/``scheduled_until``
  (the scheduled window) and are listed newest window first, 50 at most. Upcoming: status
  ``scheduled``; active: ``in_progress`` or ``verifying``; the summary lists both. A maintenance
  whose latest update is ``scheduled`` moves on with its window, as on the pages
  (``analysis/lifecycle.py``); its ``resolved_at`` is then the window's end.
- **status**: ``indicator`` is the site's (``none|minor|major|critical``, maintenance never
  counts); ``description`` the matching UI text, "Service under maintenance" when nothing is
  wrong but a platform is under maintenance.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from nabd.core.analysis.analysis import Analysis
from nabd.core.analysis.timeline import worst_open
from nabd.core.edition.routes import Routes
from nabd.core.model.models import (
    CLOSING_UPDATE_STATUSES,
    ComponentStatus,
    ImpactLevel,
    Incident,
    Kind,
    Platform,
    UpdateStatus,
    Window,
)
from nabd.core.present.formats import dump
from nabd.core.present.labels import INDICATOR
from nabd.core.present.language import Language

MAX_LISTED = 50
"""How many incidents, and how many maintenances, the lists hold (Statuspage's limit)."""

UPCOMING_STATUSES: frozenset[UpdateStatus] = frozenset({UpdateStatus.SCHEDULED})
ACTIVE_STATUSES: frozenset[UpdateStatus] = frozenset(
    {UpdateStatus.IN_PROGRESS, UpdateStatus.VERIFYING}
)

_ID_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_ID_LENGTH = 12

Json = dict[str, Any]


def statuspage_outputs(
    site: Analysis, language: Language, routes: Routes, page_name: str
) -> dict[str, str]:
    """The eight ``api/v2`` files of ``site`` in ``language``, its links made by ``routes``."""
    api = _Api(site, language, routes, page_name)
    page = api.page
    incidents = [api.incident(i) for i in api.incidents[:MAX_LISTED]]
    unresolved = [api.incident(i) for i in api.incidents if not site.is_over(i)]
    maintenances = [api.incident(m) for m in api.maintenances[:MAX_LISTED]]
    upcoming = [api.incident(m) for m in api.maintenances if site.phase(m) in UPCOMING_STATUSES]
    active = [api.incident(m) for m in api.maintenances if site.phase(m) in ACTIVE_STATUSES]
    planned = UPCOMING_STATUSES | ACTIVE_STATUSES
    documents: dict[str, Json] = {
        "summary.json": {
            "page": page,
            "components": api.components,
            "incidents": unresolved,
            "scheduled_maintenances": [
                api.incident(m) for m in api.maintenances if site.phase(m) in planned
            ],
            "status": api.status,
        },
        "status.json": {"page": page, "status": api.status},
        "components.json": {"page": page, "components": api.components},
        "incidents.json": {"page": page, "incidents": incidents},
        "incidents/unresolved.json": {"page": page, "incidents": unresolved},
        "scheduled-maintenances.json": {"page": page, "scheduled_maintenances": maintenances},
        "scheduled-maintenances/upcoming.json": {"page": page, "scheduled_maintenances": upcoming},
        "scheduled-maintenances/active.json": {"page": page, "scheduled_maintenances": active},
    }
    return {f"api/v2/{name}": dump(document) for name, document in documents.items()}


def statuspage_id(key: str) -> str:
    """A Statuspage-like id (12 characters of ``[a-z0-9]``) that depends only on ``key``."""
    number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest(), "big")
    digits = []
    for _ in range(_ID_LENGTH):
        number, digit = divmod(number, len(_ID_DIGITS))
        digits.append(_ID_DIGITS[digit])
    return "".join(digits)


def statuspage_time(moment: datetime, tz: str) -> str:
    """``moment`` in ``tz`` as Statuspage writes it: milliseconds, then ``Z`` in UTC or else
    the offset (``2024-03-05T18:00:00.000+03:00``)."""
    local = moment.astimezone(ZoneInfo(tz))
    stamp = f"{local:%Y-%m-%dT%H:%M:%S}.{local.microsecond // 1000:03d}"
    if local.tzname() == "UTC":
        return f"{stamp}Z"
    offset = local.utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{stamp}{sign}{hours:02d}:{minutes:02d}"


def status_at(incident: Incident, platform_id: str, moment: datetime) -> ComponentStatus:
    """A platform's status at ``moment`` from ``incident``'s impacts alone."""
    return worst_open((i for i in incident.impacts if i.platform == platform_id), moment)


def resolved_at(incident: Incident) -> datetime | None:
    """When a closed incident was closed: the first of its final closing updates."""
    if not incident.is_resolved:
        return None
    closing = incident.updates[-1].at
    for update in reversed(incident.updates):
        if update.status not in CLOSING_UPDATE_STATUSES:
            break
        closing = update.at
    return closing


@dataclass(frozen=True)
class _Api:
    site: Analysis
    language: Language
    routes: Routes
    page_name: str

    def time(self, moment: datetime) -> str:
        return statuspage_time(moment, self.site.timezone)

    @cached_property
    def page_id(self) -> str:
        parts = urlsplit(self.routes.base_url)
        return statuspage_id(f"page:{parts.netloc.lower()}{parts.path}")

    @cached_property
    def page(self) -> Json:
        return {
            "id": self.page_id,
            "name": self.page_name,
            "url": self.routes.base_url.rstrip("/"),
            "time_zone": self.site.timezone,
            "updated_at": self.time(self.updated_at),
        }

    @cached_property
    def updated_at(self) -> datetime:
        """The newest update or status change at or before now."""
        now = self.site.now
        moments = [u.at for i in self.site.incidents for u in i.updates]
        moments += self.changed_at.values()
        return max((m for m in moments if m <= now), default=now)

    @cached_property
    def status(self) -> Json:
        gettext = self.language.gettext
        indicator = self.site.indicator
        if indicator in (ImpactLevel.MINOR, ImpactLevel.MAJOR, ImpactLevel.CRITICAL):
            description = gettext(INDICATOR[indicator])
        elif ComponentStatus.UNDER_MAINTENANCE in self.site.statuses.values():
            description = gettext(INDICATOR[ImpactLevel.MAINTENANCE])
        else:
            description = gettext(INDICATOR[ImpactLevel.NONE])
        return {"indicator": indicator.value, "description": description}

    # -- components ----------------------------------------------------------------------------

    @cached_property
    def created_at(self) -> dict[str, datetime]:
        """When tracking of each platform starts: local midnight of ``tracked_since``."""
        zone = ZoneInfo(self.site.timezone)
        return {p.id: _midnight(p.tracked_since, zone) for p in self.site.platforms}

    @cached_property
    def changed_at(self) -> dict[str, datetime]:
        """The last change of each platform's status at or before now, or its ``created_at``."""
        changed = {}
        for platform in self.site.platforms:
            last = self.site.timelines[platform.id].last_change()
            created = self.created_at[platform.id]
            changed[platform.id] = created if last is None else max(created, last)
        return changed

    @cached_property
    def components(self) -> list[Json]:
        return [component for _, component in self._components]

    @cached_property
    def component_of(self) -> dict[str, Json]:
        """Each platform's component."""
        return {key: component for key, component in self._components if key is not None}

    @cached_property
    def _components(self) -> list[tuple[str | None, Json]]:
        """Every component in order, with its platform's id (``None`` for a group)."""
        grouped: dict[str, list[Platform]] = {}
        for platform in self.site.platforms:
            if platform.group is not None:
                grouped.setdefault(platform.group, []).append(platform)
        components: list[tuple[str | None, Json]] = []
        for platform in self.site.platforms:
            group = platform.group
            if group is not None and grouped[group][0] is platform:
                components.append((None, self._group(group, grouped[group], len(components) + 1)))
            components.append((platform.id, self._platform(platform, len(components) + 1)))
        return components

    def _platform(self, platform: Platform, position: int) -> Json:
        group_id = None if platform.group is None else _group_id(platform.group)
        return {
            "id": _component_id(platform.id),
            "name": platform.name.get(self.language.code).text,
            "status": self.site.statuses[platform.id].value,
            "created_at": self.time(self.created_at[platform.id]),
            "updated_at": self.time(self.changed_at[platform.id]),
            "position": position,
            "description": None,
            "showcase": True,
            "start_date": platform.tracked_since.isoformat(),
            "group_id": group_id,
            "page_id": self.page_id,
            "group": False,
            "only_show_if_degraded": False,
        }

    def _group(self, name: str, members: list[Platform], position: int) -> Json:
        status = max(
            (self.site.statuses[p.id] for p in members), key=lambda status: status.severity
        )
        return {
            "id": _group_id(name),
            "name": name,
            "status": status.value,
            "created_at": self.time(min(self.created_at[p.id] for p in members)),
            "updated_at": self.time(max(self.changed_at[p.id] for p in members)),
            "position": position,
            "description": None,
            "showcase": False,
            "start_date": None,
            "group_id": None,
            "page_id": self.page_id,
            "group": True,
            "only_show_if_degraded": False,
            "components": [_component_id(p.id) for p in members],
        }

    # -- incidents and maintenances ------------------------------------------------------------

    @cached_property
    def incidents(self) -> list[Incident]:
        """Incidents that have started, newest first."""
        return [i for i in self.site.newest_first if i.kind is Kind.INCIDENT]

    @cached_property
    def maintenances(self) -> list[Incident]:
        """Every maintenance, newest scheduled window first."""
        found = [i for i in self.site.incidents if i.kind is Kind.MAINTENANCE]
        return sorted(found, key=lambda m: (_window(m).start, m.id), reverse=True)

    def incident(self, incident: Incident) -> Json:
        incident_id = statuspage_id(f"incident:{incident.id}")
        monitoring = next(
            (u.at for u in incident.updates if u.status is UpdateStatus.MONITORING), None
        )
        closed = resolved_at(incident) or self.site.ended_at(incident)
        document: Json = {
            "id": incident_id,
            "name": incident.title.get(self.language.code).text,
            "status": self.site.phase(incident).value,
            "created_at": self.time(incident.updates[0].at),
            "updated_at": self.time(incident.updates[-1].at),
            "monitoring_at": None if monitoring is None else self.time(monitoring),
            "resolved_at": None if closed is None else self.time(closed),
            "impact": incident.impact.value,
            "shortlink": self.routes.incident(incident.id),
            "started_at": self.time(incident.started_at),
            "page_id": self.page_id,
            "incident_updates": self.updates(incident, incident_id),
            "components": [self.component_of[p] for p in self.hit(incident)],
            "reminder_intervals": None,
        }
        if incident.kind is Kind.MAINTENANCE:
            window = _window(incident)
            document["scheduled_for"] = self.time(window.start)
            document["scheduled_until"] = self.time(window.end)
        return document

    def hit(self, incident: Incident) -> list[str]:
        """The platforms ``incident`` hit, in the configured order."""
        hit = set(incident.platforms)
        return [p.id for p in self.site.platforms if p.id in hit]

    def updates(self, incident: Incident, incident_id: str) -> list[Json]:
        """The incident's updates, newest first, with the status changes each one reports."""
        platforms = self.hit(incident)
        documents = []
        previous: datetime | None = None
        for update, stamp in zip(incident.updates, incident.update_stamps, strict=True):
            at = self.time(update.at)
            affected = [
                {
                    "code": _component_id(platform_id),
                    "name": self.site.platform_by_id[platform_id].name.get(self.language.code).text,
                    "old_status": _status_before(incident, platform_id, previous).value,
                    "new_status": status_at(incident, platform_id, update.at).value,
                }
                for platform_id in platforms
            ]
            documents.append(
                {
                    "id": statuspage_id(f"update:{incident.id}:{stamp}"),
                    "status": update.status.value,
                    "body": update.text.get(self.language.code).text.strip(),
                    "incident_id": incident_id,
                    "created_at": at,
                    "updated_at": at,
                    "display_at": at,
                    "affected_components": affected or None,
                    "deliver_notifications": True,
                    "custom_tweet": None,
                    "tweet_id": None,
                }
            )
            previous = update.at
        return documents[::-1]


def _status_before(
    incident: Incident, platform_id: str, previous: datetime | None
) -> ComponentStatus:
    if previous is None:
        return ComponentStatus.OPERATIONAL
    return status_at(incident, platform_id, previous)


def _component_id(platform_id: str) -> str:
    return statuspage_id(f"component:{platform_id}")


def _group_id(name: str) -> str:
    return statuspage_id(f"group:{name}")


def _window(maintenance: Incident) -> Window:
    """A maintenance's scheduled window (the loader requires one; else its impacts' span)."""
    if maintenance.scheduled is not None:
        return maintenance.scheduled
    return Window(maintenance.started_at, maintenance.ended_at or maintenance.started_at)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)
