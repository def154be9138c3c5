"""What is going on now: each platform's status and the site's overall indicator."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from nabd.core.analysis.lifecycle import has_started, is_over
from nabd.core.model.models import ComponentStatus, ImpactLevel, Incident


def is_open_at(start: datetime, end: datetime | None, now: datetime) -> bool:
    """Whether an impact from ``start`` to ``end`` (``None``: open) is going on at ``now``."""
    return start <= now and (end is None or now < end)


def platform_statuses(
    platform_ids: Iterable[str], incidents: Iterable[Incident], now: datetime
) -> dict[str, ComponentStatus]:
    """Each platform's status at ``now``: the worst status among its impacts open at ``now``."""
    statuses = dict.fromkeys(platform_ids, ComponentStatus.OPERATIONAL)
    for incident in incidents:
        for impact in incident.impacts:
            current = statuses.get(impact.platform)
            if (
                current is not None
                and is_open_at(impact.start, impact.end, now)
                and impact.status.severity > current.severity
            ):
                statuses[impact.platform] = impact.status
    return statuses


def active_incidents(incidents: Iterable[Incident], now: datetime) -> list[Incident]:
    """Incidents not yet resolved that have started by ``now``, newest first."""
    active = [i for i in incidents if has_started(i, now) and not is_over(i, now)]
    return sorted(active, key=lambda i: (i.started_at, i.id), reverse=True)


def overall_indicator(incidents: Iterable[Incident], now: datetime) -> ImpactLevel:
    """Statuspage's ``status.indicator``: the worst impact among unresolved incidents.

    Maintenance counts as ``none`` here, as on Statuspage, where the indicator only speaks of
    incidents.
    """
    worst = ImpactLevel.NONE
    for incident in active_incidents(incidents, now):
        level = incident.impact
        if level is ImpactLevel.MAINTENANCE:
            continue
        if level.severity > worst.severity:
            worst = level
    return worst
