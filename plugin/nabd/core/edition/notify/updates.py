"""The updates a deploy publishes, read from the site's own API (``api/v2/incidents.json`` and
``scheduled-maintenances.json`` in each language), and which of them are news.

An update's id is the same in every language and in every build (``statuspage_id`` of the
incident's id and ``Incident.update_stamps``), so the ids the previously published site
listed are what was announced before: no state file is needed, a rerun finds nothing new, and
neither a corrected text nor a forgotten update added before others announces them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from nabd.core.edition.outputs.statuspage import statuspage_id

Json = dict[str, Any]

API_LISTS = {
    "api/v2/incidents.json": ("incidents", "incident"),
    "api/v2/scheduled-maintenances.json": ("scheduled_maintenances", "maintenance"),
}
"""The API files that list incidents and maintenances with their updates: each file's list
and the kind of what it lists."""


class ApiError(ValueError):
    """An API document is not what Nabd writes; the message says what is wrong."""


@dataclass(frozen=True)
class Update:
    """One update of an incident or maintenance, in each language the site is built in."""

    id: str
    incident_id: str
    status: str
    published_at: datetime
    platforms: tuple[str, ...]
    """The configured ids of the platforms the incident hit, in the configured order."""
    title: Mapping[str, str]
    text: Mapping[str, str]
    url: Mapping[str, str]
    platform_names: Mapping[str, tuple[str, ...]]
    kind: str
    """``incident`` or ``maintenance``."""
    window: tuple[datetime, datetime] | None = None
    """A maintenance's planned start and end."""


def incidents_of(document: object, list_name: str) -> list[Json]:
    """The incidents listed in one API document (``ApiError`` if it is not one)."""
    if not isinstance(document, dict) or not isinstance(document.get(list_name), list):
        raise ApiError(f"no {list_name!r} list")
    found = document[list_name]
    for incident in found:
        updates = incident.get("incident_updates") if isinstance(incident, dict) else None
        if not isinstance(updates, list) or "id" not in incident:
            raise ApiError(f"an item of {list_name!r} has no 'id' or 'incident_updates' list")
        for update in updates:
            if not isinstance(update, dict) or not {"id", "status", "created_at"} <= set(update):
                raise ApiError(f"an update in {list_name!r} lacks its id, status or created_at")
    return found


def update_ids(documents: Iterable[Json]) -> frozenset[str]:
    """The ids of every update the incidents ``documents`` list."""
    return frozenset(
        str(update.get("id")) for incident in documents for update in incident["incident_updates"]
    )


def site_updates(
    documents: Mapping[str, Sequence[tuple[str, Json]]], platform_ids: Sequence[str]
) -> list[Update]:
    """Every update of the site, oldest first, from each language's incidents and maintenances
    (``documents[lang]``: ``(kind, incident)`` pairs). ``platform_ids`` are the configured
    platforms, whose component ids the API uses."""
    by_component = {statuspage_id(f"component:{p}"): p for p in platform_ids}
    order = {p: index for index, p in enumerate(platform_ids)}
    found: dict[str, dict[str, Any]] = {}
    for lang, incidents in documents.items():
        for kind, incident in incidents:
            components = [c for c in incident.get("components") or [] if isinstance(c, dict)]
            hit = [by_component[c["id"]] for c in components if c.get("id") in by_component]
            names = tuple(str(c.get("name", "")) for c in components if c.get("id") in by_component)
            for update in incident["incident_updates"]:
                entry = found.setdefault(
                    str(update["id"]),
                    {
                        "incident_id": str(incident["id"]),
                        "status": str(update["status"]),
                        "published_at": _time(update.get("created_at")),
                        "platforms": tuple(sorted(hit, key=order.__getitem__)),
                        "kind": kind,
                        "window": _window(incident) if kind == "maintenance" else None,
                        "title": {},
                        "text": {},
                        "url": {},
                        "platform_names": {},
                    },
                )
                entry["title"][lang] = str(incident.get("name", ""))
                entry["text"][lang] = str(update.get("body", ""))
                entry["url"][lang] = str(incident.get("shortlink", ""))
                entry["platform_names"][lang] = names
    updates = [Update(id=key, **entry) for key, entry in found.items()]
    return sorted(updates, key=lambda u: (u.published_at, u.incident_id, u.id))


def news(
    updates: Iterable[Update], announced: frozenset[str], now: datetime, max_age: timedelta
) -> list[Update]:
    """The updates not ``announced`` before and published at most ``max_age`` before ``now``:
    an old history published for the first time is not announced, nor an old update that
    reappears in the API's list."""
    return [u for u in updates if u.id not in announced and now - u.published_at <= max_age]


def _window(maintenance: Json) -> tuple[datetime, datetime] | None:
    start, end = maintenance.get("scheduled_for"), maintenance.get("scheduled_until")
    if start is None or end is None:
        return None
    return _time(start), _time(end)


def _time(value: object) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise ApiError(f"an update's created_at is not a time: {value!r}") from None
    if moment.tzinfo is None:
        raise ApiError(f"an update's created_at has no offset: {value!r}")
    return moment
