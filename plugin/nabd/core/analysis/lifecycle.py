"""Where an incident stands at a moment: its phase, whether it is over, and when it ended.

An incident's phase is its latest update's status, as its maintainers wrote it. A maintenance
whose latest update is still ``scheduled`` moves on by itself with its window: in progress from
the window's start, completed at its end. So a maintenance announced once, by
``nabd new --maintenance``, shows as upcoming, starts and ends on the page without a hand edit,
while one whose maintainers post their own updates follows those (an overrun stays in progress).
"""

from __future__ import annotations

from datetime import datetime

from nabd.core.model.models import CLOSING_UPDATE_STATUSES, Incident, Kind, UpdateStatus


def phase_at(incident: Incident, now: datetime) -> UpdateStatus:
    """The incident's status at ``now``."""
    written = incident.status
    window = incident.scheduled
    if incident.kind is not Kind.MAINTENANCE or written is not UpdateStatus.SCHEDULED or not window:
        return written
    if now >= window.end:
        return UpdateStatus.COMPLETED
    if now >= window.start:
        return UpdateStatus.IN_PROGRESS
    return UpdateStatus.SCHEDULED


def is_over(incident: Incident, now: datetime) -> bool:
    return phase_at(incident, now) in CLOSING_UPDATE_STATUSES


def has_started(incident: Incident, now: datetime) -> bool:
    """Whether the incident's first impact (or scheduled window) has begun by ``now``: one
    dated a little ahead, by a clock running fast, has not."""
    return incident.started_at <= now


def ended_at(incident: Incident, now: datetime) -> datetime | None:
    """When an incident that is over at ``now`` ended: its last impact's end, else its
    window's end (a maintenance), else its closing update. ``None`` while it goes on."""
    if not is_over(incident, now):
        return None
    ends = [impact.end for impact in incident.impacts]
    if ends and None not in ends:
        return max(end for end in ends if end is not None)
    if incident.scheduled is not None:
        return incident.scheduled.end
    return incident.updates[-1].at
