"""Everything a status site knows, computed once per build and shared by every language.

``analyse`` works eagerly, in one place and one order: timelines, statuses and uptime, where
each incident stands, the measures, ranks and comparisons, the yearly figures. Nothing here
speaks a language; the editions (``core/edition``) put it into words, one language each, from
this one value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

from nabd.core.analysis.comparisons import Comparison, ComparisonIndex, compare, comparison_set
from nabd.core.analysis.lifecycle import ended_at, has_started, is_over, phase_at
from nabd.core.analysis.measures import Measures, comparable, measure_all
from nabd.core.analysis.ranking import Rank, ranks
from nabd.core.analysis.status import active_incidents, overall_indicator
from nabd.core.analysis.timeline import Timeline, timelines
from nabd.core.analysis.uptime import DEFAULT_WEIGHTS, PlatformUptime, platform_uptime
from nabd.core.analysis.yearly import YearFigures, figures_by_platform
from nabd.core.model.models import (
    ComponentStatus,
    ImpactLevel,
    Incident,
    Kind,
    Platform,
    UpdateStatus,
)


@dataclass(frozen=True)
class Analysis:
    """The site's platforms, incidents (oldest first), timezone and "now", and all that follows
    from them (see ``analyse``). Frozen; its mappings are not to be changed."""

    platforms: tuple[Platform, ...]
    incidents: tuple[Incident, ...]
    timezone: str
    now: datetime
    weights: Mapping[ComponentStatus, float]
    zone: ZoneInfo
    platform_by_id: Mapping[str, Platform]
    incident_by_id: Mapping[str, Incident]
    timelines: Mapping[str, Timeline]
    statuses: Mapping[str, ComponentStatus]
    uptime: Mapping[str, PlatformUptime]
    phases: Mapping[str, UpdateStatus]
    """Each incident's status now (a scheduled maintenance moves on with its window)."""
    endings: Mapping[str, datetime | None]
    newest_first: tuple[Incident, ...]
    """Incidents that have started by now, newest first (future maintenance left out)."""
    incidents_by_platform: Mapping[str, tuple[Incident, ...]]
    by_year: Mapping[int, tuple[Incident, ...]]
    platform_by_year: Mapping[str, Mapping[int, tuple[Incident, ...]]]
    active: tuple[Incident, ...]
    upcoming: tuple[Incident, ...]
    """Maintenance announced and not yet begun, the soonest first."""
    indicator: ImpactLevel
    measures: Mapping[str, Measures]
    ranks: Mapping[str, Rank]
    """Comparable incidents ranked across the site (low-confidence records left out)."""
    compared: Mapping[str, tuple[Comparison, ...]]
    """What each incident's page compares it with, in order."""
    yearly: Mapping[str, list[YearFigures]]

    def comparisons(self, incident: Incident) -> tuple[Comparison, ...]:
        return self.compared.get(incident.id, ())

    def phase(self, incident: Incident) -> UpdateStatus:
        return self.phases[incident.id]

    def is_over(self, incident: Incident) -> bool:
        return is_over(incident, self.now)

    def ended_at(self, incident: Incident) -> datetime | None:
        return self.endings[incident.id]

    def has_started(self, incident: Incident) -> bool:
        return has_started(incident, self.now)

    def duration(self, incident: Incident) -> timedelta | None:
        """How long it lasted, or has lasted so far; ``None`` before it starts."""
        if not has_started(incident, self.now):
            return None
        return (self.endings[incident.id] or self.now) - incident.started_at


def analyse(
    platforms: Iterable[Platform],
    incidents: Iterable[Incident],
    timezone: str,
    now: datetime,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
    *,
    tracker: bool = False,
) -> Analysis:
    """Everything about ``incidents`` (oldest first) on ``platforms`` at ``now``.

    ``tracker``: the site tracks someone else's services, so only updates citing an official
    source are the operator's word (see ``measures.py``)."""
    platforms, incidents = tuple(platforms), tuple(incidents)
    zone = ZoneInfo(timezone)
    by_id = {p.id: p for p in platforms}
    lines = timelines(by_id, incidents, now)
    newest_first = tuple(
        sorted(
            (i for i in incidents if i.started_at <= now),
            key=lambda i: (i.started_at, i.id),
            reverse=True,
        )
    )
    grouped: dict[str, list[Incident]] = defaultdict(list)
    for incident in newest_first:
        for platform in incident.platforms:
            grouped[platform].append(incident)
    by_platform = {p.id: tuple(grouped.get(p.id, ())) for p in platforms}
    measures = measure_all(incidents, now, weights, tracker=tracker)
    index = ComparisonIndex(incidents, measures)
    incident_by_id = {i.id: i for i in incidents}
    compared = {
        incident.id: tuple(
            compare(
                measures[incident.id],
                measures[other],
                incident,
                incident_by_id[other],
                platforms=by_id,
            )
            for other in comparison_set(incident, index)
        )
        for incident in incidents
        if comparable(incident, measures)
    }
    upcoming = [
        i
        for i in incidents
        if i.kind is Kind.MAINTENANCE and phase_at(i, now) is UpdateStatus.SCHEDULED
    ]
    return Analysis(
        platforms=platforms,
        incidents=incidents,
        timezone=timezone,
        now=now,
        weights=MappingProxyType(dict(weights)),
        zone=zone,
        platform_by_id=MappingProxyType(by_id),
        incident_by_id=MappingProxyType(incident_by_id),
        timelines=MappingProxyType(lines),
        statuses=MappingProxyType({pid: line.status_now for pid, line in lines.items()}),
        uptime=MappingProxyType(
            {p.id: platform_uptime(lines[p.id], p, timezone, weights) for p in platforms}
        ),
        phases=MappingProxyType({i.id: phase_at(i, now) for i in incidents}),
        endings=MappingProxyType({i.id: ended_at(i, now) for i in incidents}),
        newest_first=newest_first,
        incidents_by_platform=MappingProxyType(by_platform),
        by_year=MappingProxyType(_by_year(newest_first, zone)),
        platform_by_year=MappingProxyType(
            {pid: _by_year(found, zone) for pid, found in by_platform.items()}
        ),
        active=tuple(active_incidents(incidents, now)),
        upcoming=tuple(sorted(upcoming, key=lambda i: (i.started_at, i.id))),
        indicator=overall_indicator(incidents, now),
        measures=MappingProxyType(measures),
        ranks=MappingProxyType(ranks(measures, incidents, timezone)),
        compared=MappingProxyType(compared),
        yearly=MappingProxyType(figures_by_platform(by_id, measures, zone)),
    )


def _by_year(newest_first: Iterable[Incident], zone: ZoneInfo) -> dict[int, tuple[Incident, ...]]:
    years: dict[int, list[Incident]] = {}
    for incident in newest_first:
        years.setdefault(incident.started_at.astimezone(zone).year, []).append(incident)
    return {year: tuple(found) for year, found in years.items()}
