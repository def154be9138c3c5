"""A status site's data as one value: what every page and output is computed from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from nabd.core.analysis.comparisons import Comparison, ComparisonIndex, compare, comparison_set
from nabd.core.analysis.lifecycle import ended_at, has_started, is_over, phase_at
from nabd.core.analysis.measures import Measures, comparable, measure_all
from nabd.core.analysis.ranking import Rank, ranks
from nabd.core.analysis.status import active_incidents, overall_indicator, platform_statuses
from nabd.core.analysis.uptime import DEFAULT_WEIGHTS, PlatformUptime, site_uptime
from nabd.core.analysis.yearly import YearFigures, yearly_figures
from nabd.core.model.models import (
    ComponentStatus,
    ImpactLevel,
    Incident,
    Kind,
    Platform,
    UpdateStatus,
)


@dataclass(frozen=True)
class Site:
    """The platforms, the incidents (oldest first), the site's timezone, "now", and how much
    each status weighs as downtime."""

    platforms: tuple[Platform, ...]
    incidents: tuple[Incident, ...]
    timezone: str
    now: datetime
    weights: Mapping[ComponentStatus, float] = field(default_factory=lambda: DEFAULT_WEIGHTS)

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def platform_by_id(self) -> dict[str, Platform]:
        return {p.id: p for p in self.platforms}

    @cached_property
    def incident_by_id(self) -> dict[str, Incident]:
        return {i.id: i for i in self.incidents}

    @cached_property
    def newest_first(self) -> tuple[Incident, ...]:
        """Incidents that have started by now, newest first (future maintenance left out)."""
        started = [i for i in self.incidents if i.started_at <= self.now]
        return tuple(sorted(started, key=lambda i: (i.started_at, i.id), reverse=True))

    @cached_property
    def incidents_by_platform(self) -> dict[str, tuple[Incident, ...]]:
        """Each platform's incidents, newest first, in one pass over the incidents."""
        grouped: dict[str, list[Incident]] = defaultdict(list)
        for incident in self.newest_first:
            for platform in incident.platforms:
                grouped[platform].append(incident)
        return {p.id: tuple(grouped.get(p.id, ())) for p in self.platforms}

    @cached_property
    def by_year(self) -> dict[int, tuple[Incident, ...]]:
        """Incidents started by now, by local year of their start, newest year first."""
        return _by_year(self.newest_first, self.zone)

    @cached_property
    def platform_by_year(self) -> dict[str, dict[int, tuple[Incident, ...]]]:
        return {p: _by_year(found, self.zone) for p, found in self.incidents_by_platform.items()}

    @cached_property
    def statuses(self) -> dict[str, ComponentStatus]:
        return platform_statuses(self.platform_by_id, self.incidents, self.now)

    @cached_property
    def active(self) -> tuple[Incident, ...]:
        return tuple(active_incidents(self.incidents, self.now))

    @cached_property
    def upcoming(self) -> tuple[Incident, ...]:
        """Maintenance announced and not yet begun, the soonest first."""
        found = [
            i
            for i in self.incidents
            if i.kind is Kind.MAINTENANCE and phase_at(i, self.now) is UpdateStatus.SCHEDULED
        ]
        return tuple(sorted(found, key=lambda i: (i.started_at, i.id)))

    def phase(self, incident: Incident) -> UpdateStatus:
        """The incident's status now (see ``lifecycle.py``)."""
        return phase_at(incident, self.now)

    def is_over(self, incident: Incident) -> bool:
        return is_over(incident, self.now)

    def ended_at(self, incident: Incident) -> datetime | None:
        return ended_at(incident, self.now)

    def has_started(self, incident: Incident) -> bool:
        return has_started(incident, self.now)

    def duration(self, incident: Incident) -> timedelta | None:
        """How long it lasted, or has lasted so far; ``None`` before it starts."""
        if not has_started(incident, self.now):
            return None
        return (ended_at(incident, self.now) or self.now) - incident.started_at

    @cached_property
    def indicator(self) -> ImpactLevel:
        return overall_indicator(self.incidents, self.now)

    @cached_property
    def uptime(self) -> dict[str, PlatformUptime]:
        return site_uptime(self.platforms, self.incidents, self.now, self.timezone, self.weights)

    @cached_property
    def yearly(self) -> dict[str, list[YearFigures]]:
        return {
            p.id: yearly_figures(p.id, self.incidents_by_platform[p.id], self.now, self.timezone)
            for p in self.platforms
        }

    @cached_property
    def measures(self) -> dict[str, Measures]:
        return measure_all(self.incidents, self.now, self.weights)

    @cached_property
    def ranks(self) -> dict[str, Rank]:
        """Comparable incidents ranked across the site (low-confidence records left out)."""
        return ranks(self.measures, self.incidents, self.timezone)

    @cached_property
    def _comparison_index(self) -> ComparisonIndex:
        return ComparisonIndex(self.incidents, self.measures)

    def comparisons(self, incident: Incident) -> list[Comparison]:
        """What the incident's page compares it with, in order."""
        if not comparable(incident, self.measures):
            return []
        here = self.measures[incident.id]
        return [
            compare(
                here,
                self.measures[other],
                incident,
                self.incident_by_id[other],
                platforms=self.platform_by_id,
            )
            for other in comparison_set(incident, self._comparison_index)
        ]


def _by_year(newest_first: Iterable[Incident], zone: ZoneInfo) -> dict[int, tuple[Incident, ...]]:
    years: dict[int, list[Incident]] = {}
    for incident in newest_first:
        years.setdefault(incident.started_at.astimezone(zone).year, []).append(incident)
    return {year: tuple(found) for year, found in years.items()}
