"""What is going on now: the incidents under way and the site's overall indicator (each
platform's status comes from its timeline, ``timeline.py``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from nabd.core.analysis.lifecycle import has_started, is_over
from nabd.core.model.models import ImpactLevel, Incident


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
