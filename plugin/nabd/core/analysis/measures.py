"""What each incident measures: duration, platforms hit, worst status, weighted outage
minutes, time to the first update.

See ``ranking.py`` and ``comparisons.py`` for what is done with the measures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from nabd.core.analysis.uptime import DEFAULT_WEIGHTS, status_segments
from nabd.core.model.models import (
    ComponentStatus,
    Confidence,
    Impact,
    Incident,
    Kind,
)

HIT_STATUSES: frozenset[ComponentStatus] = frozenset(
    {ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.MAJOR_OUTAGE}
)
"""The statuses that count as a platform being hit (an outage, not a slowdown)."""

_ZERO = timedelta(0)


# -- measures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlatformMeasure:
    """One platform as one incident hit it: from its first impact there to its last end."""

    platform: str
    worst: ComponentStatus
    duration: timedelta
    weighted_minutes: float

    @property
    def hit(self) -> bool:
        return self.worst in HIT_STATUSES


@dataclass(frozen=True)
class Measures:
    """The measures of one incident at ``now``.

    ``time_to_first_update`` is clamped to zero when the first update precedes the first impact
    (a warning posted before the impact began); ``None`` when there is no update.
    ``weighted_minutes`` is Σ over platforms of weight × minutes, overlapping impacts on one
    platform counted once at the worst status of each instant. ``per_platform`` follows
    ``platforms`` (every platform with an impact, in the file's order).
    """

    incident_id: str
    started_at: datetime
    duration: timedelta
    platforms: tuple[str, ...]
    worst: ComponentStatus
    weighted_minutes: float
    time_to_first_update: timedelta | None
    updates: int
    ongoing: bool
    per_platform: tuple[PlatformMeasure, ...]

    @property
    def hit(self) -> tuple[str, ...]:
        """The platforms hit by an outage (partial or major), in the file's order."""
        return tuple(p.platform for p in self.per_platform if p.hit)

    def on(self, platform: str) -> PlatformMeasure | None:
        return next((p for p in self.per_platform if p.platform == platform), None)


def measure(
    incident: Incident,
    now: datetime,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
) -> Measures:
    """The measures of one incident; an ongoing one counts until ``now``."""
    start = incident.started_at
    end = incident.ended_at
    ongoing = end is None
    by_platform: dict[str, list[Impact]] = defaultdict(list)
    for impact in incident.impacts:
        by_platform[impact.platform].append(impact)
    per_platform = []
    for platform in incident.platforms:
        impacts = by_platform[platform]
        seconds = sum(
            weights.get(s.status, 0.0) * (s.end - s.start).total_seconds()
            for s in status_segments(impacts, now)
        )
        # Not ongoing means every impact has ended (``Incident.ended_at``).
        last = now if ongoing else max(i.end for i in impacts if i.end is not None)
        per_platform.append(
            PlatformMeasure(
                platform=platform,
                worst=max((i.status for i in impacts), key=lambda s: s.severity),
                duration=max(_ZERO, last - min(i.start for i in impacts)),
                weighted_minutes=seconds / 60,
            )
        )
    first_update = incident.updates[0].at - start if incident.updates else None
    return Measures(
        incident_id=incident.id,
        started_at=start,
        duration=max(_ZERO, (end or now) - start),
        platforms=incident.platforms,
        worst=incident.worst_status,
        weighted_minutes=sum(p.weighted_minutes for p in per_platform),
        time_to_first_update=None if first_update is None else max(_ZERO, first_update),
        updates=len(incident.updates),
        ongoing=ongoing,
        per_platform=tuple(per_platform),
    )


def measure_all(
    incidents: Iterable[Incident],
    now: datetime,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
) -> dict[str, Measures]:
    """The measures of every incident (not maintenance) that has started by ``now``."""
    return {
        i.id: measure(i, now, weights)
        for i in incidents
        if i.kind is Kind.INCIDENT and i.started_at <= now
    }


def comparable(incident: Incident, measures: Mapping[str, Measures]) -> bool:
    """Whether an incident takes part in ranks and comparison sets."""
    return incident.id in measures and incident.confidence is not Confidence.LOW


# -- ranks -------------------------------------------------------------------------------------
