"""A platform's record year by year: how many incidents, how long, how fast resolved."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from nabd.core.model.models import Incident, Kind


@dataclass(frozen=True)
class Outage:
    """One incident as one platform lived it: from its first impact there to its last end."""

    incident: Incident
    start: datetime
    end: datetime | None

    def duration(self, now: datetime) -> timedelta:
        return (self.end or now) - self.start


@dataclass(frozen=True)
class YearFigures:
    year: int
    incidents: int
    total: timedelta
    longest: Outage
    mean_time_to_resolve: timedelta | None
    """The mean duration of the year's resolved outages; ``None`` when none is resolved."""


def outages_on(platform_id: str, incidents: Iterable[Incident]) -> list[Outage]:
    """The platform's outages (maintenance left out), oldest first."""
    outages = []
    for incident in incidents:
        if incident.kind is Kind.MAINTENANCE:
            continue
        impacts = [i for i in incident.impacts if i.platform == platform_id]
        if not impacts:
            continue
        ends = [i.end for i in impacts]
        end = None if None in ends or not incident.is_resolved else max(e for e in ends if e)
        outages.append(Outage(incident, min(i.start for i in impacts), end))
    return sorted(outages, key=lambda o: (o.start, o.incident.id))


def yearly_figures(
    platform_id: str, incidents: Iterable[Incident], now: datetime, tz: str
) -> list[YearFigures]:
    """Figures per year (the year an outage started, in the site's timezone), newest first."""
    zone = ZoneInfo(tz)
    by_year: dict[int, list[Outage]] = {}
    for outage in outages_on(platform_id, incidents):
        if outage.start <= now:
            by_year.setdefault(outage.start.astimezone(zone).year, []).append(outage)
    figures = []
    for year, outages in sorted(by_year.items(), reverse=True):
        resolved = [o.duration(now) for o in outages if o.end is not None]
        figures.append(
            YearFigures(
                year=year,
                incidents=len(outages),
                total=sum((o.duration(now) for o in outages), timedelta()),
                longest=max(outages, key=lambda o: o.duration(now)),
                mean_time_to_resolve=(
                    sum(resolved, timedelta()) / len(resolved) if resolved else None
                ),
            )
        )
    return figures
