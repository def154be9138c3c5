"""What each incident measures: how long it lasted (as a range, where the sources give one),
the platforms it hit, its worst status, its weighted outage minutes, and how soon and how often
its operator spoke.

See ``ranking.py`` and ``comparisons.py`` for what is done with the measures.

Choices worth knowing:

* A platform is *hit* when its worst status there is a partial or major outage; degraded
  performance alone is a slowdown, not a hit.
* Weighted outage minutes are Σ over platforms of weight × minutes (the uptime weights), over
  the shortest stretch the sources support; ``weighted_minutes_most`` over the longest
  (``None`` when an end was never reported).
* The operator's word: an update citing an official source (the operator's status page,
  accounts or spokespeople). On a site run by the operator itself (``tracker`` false), an update
  without sources is the operator's word too; on a tracker of someone else's services (like the
  example site), its own reconstruction is not. "Time to first official word" and "official
  updates" count only the operator's words, so an observer's note (Cloudflare seeing DNS fail)
  is never taken for an answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from nabd.core.analysis.spans import Span, span_between
from nabd.core.analysis.timeline import status_segments
from nabd.core.analysis.uptime import DEFAULT_WEIGHTS
from nabd.core.model.models import (
    ComponentStatus,
    Confidence,
    Impact,
    Incident,
    Kind,
    Update,
    When,
)

HIT_STATUSES: frozenset[ComponentStatus] = frozenset(
    {ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.MAJOR_OUTAGE}
)
"""The statuses that count as a platform being hit (an outage, not a slowdown)."""


@dataclass(frozen=True)
class PlatformMeasure:
    """One platform as one incident hit it: from its first impact there to its last end."""

    platform: str
    worst: ComponentStatus
    span: Span
    weighted_minutes: float

    @property
    def hit(self) -> bool:
        return self.worst in HIT_STATUSES

    @property
    def duration(self) -> timedelta:
        return self.span.middle


@dataclass(frozen=True)
class Measures:
    """The measures of one incident at ``now``. ``per_platform`` follows ``platforms`` (every
    platform with an impact, in the file's order)."""

    incident_id: str
    started_at: datetime
    """Where the incident begins on a timeline (its first impact's start)."""
    span: Span
    platforms: tuple[str, ...]
    worst: ComponentStatus
    weighted_minutes: float
    weighted_minutes_most: float | None
    first_official: Span | None
    """From the start to the operator's first word, as the sources date both; ``None`` when
    it never spoke."""
    official_updates: int
    per_platform: tuple[PlatformMeasure, ...]

    @property
    def duration(self) -> timedelta:
        """One value to draw or sort it by: the sources' estimate, else the shortest."""
        return self.span.middle

    @property
    def ongoing(self) -> bool:
        return self.span.ongoing

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
    *,
    tracker: bool = False,
) -> Measures:
    """The measures of one incident; an ongoing one counts until ``now``."""
    by_platform: dict[str, list[Impact]] = defaultdict(list)
    for impact in incident.impacts:
        by_platform[impact.platform].append(impact)
    per_platform = []
    for platform, impacts in by_platform.items():
        per_platform.append(
            PlatformMeasure(
                platform=platform,
                worst=max((i.status for i in impacts), key=lambda s: s.severity),
                span=span_between((i.started for i in impacts), (i.ended for i in impacts), now),
                weighted_minutes=_weighted_minutes(impacts, now, weights),
            )
        )
    widest = [_widest(impact) for impact in incident.impacts]
    most = None if None in widest else _weighted_minutes(widest, now, weights)  # type: ignore[arg-type]
    first_start = min(incident.impacts, key=lambda i: i.started.point).started
    official = [u for u in incident.updates if is_official(u, tracker=tracker)]
    first = official[0] if official else None
    return Measures(
        incident_id=incident.id,
        started_at=first_start.point,
        span=span_between(
            (i.started for i in incident.impacts), (i.ended for i in incident.impacts), now
        ),
        platforms=incident.platforms,
        worst=incident.worst_status,
        weighted_minutes=sum(p.weighted_minutes for p in per_platform),
        weighted_minutes_most=most,
        first_official=None
        if first is None
        else span_between((i.started for i in incident.impacts), (first.posted,), now),
        official_updates=len(official),
        per_platform=tuple(per_platform),
    )


def is_official(update: Update, *, tracker: bool) -> bool:
    """Whether an update is the operator's own word (see the module's docstring)."""
    return update.is_official or (not tracker and not update.sources)


def measure_all(
    incidents: Iterable[Incident],
    now: datetime,
    weights: Mapping[ComponentStatus, float] = DEFAULT_WEIGHTS,
    *,
    tracker: bool = False,
) -> dict[str, Measures]:
    """The measures of every incident (not maintenance) that has started by ``now``."""
    return {
        i.id: measure(i, now, weights, tracker=tracker)
        for i in incidents
        if i.kind is Kind.INCIDENT and i.impacts and i.started_at <= now
    }


def comparable(incident: Incident, measures: Mapping[str, Measures]) -> bool:
    """Whether an incident takes part in ranks and comparison sets."""
    return incident.id in measures and incident.confidence is not Confidence.LOW


def _weighted_minutes(
    impacts: Iterable[Impact], now: datetime, weights: Mapping[ComponentStatus, float]
) -> float:
    by_platform: dict[str, list[Impact]] = defaultdict(list)
    for impact in impacts:
        by_platform[impact.platform].append(impact)
    seconds = sum(
        weights.get(segment.status, 0.0) * (segment.end - segment.start).total_seconds()
        for found in by_platform.values()
        for segment in status_segments(found, now)
    )
    return seconds / 60


def _widest(impact: Impact) -> Impact | None:
    """The impact over the longest stretch its sources allow; ``None`` when its end was never
    reported (no longest)."""
    if impact.ended is not None and impact.ended.latest is None:
        return None
    end = None if impact.ended is None else impact.ended.latest
    return Impact(
        impact.platform,
        impact.status,
        impact.started.earliest,
        end,
        started=When.exactly(impact.started.earliest),
    )
