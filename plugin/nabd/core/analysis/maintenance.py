"""A scheduled maintenance follows its window: the clock starts and ends it, not another edit.

A maintenance announced with a ``scheduled`` update (``nabd new --maintenance``) is seen as it
stands at "now", as Statuspage's automatic transitions do: upcoming before its window;
``in_progress`` from the window's start; ``completed`` from its end. Each transition is an
update at the moment the window opened or closed, whose text (``notices``) says it was posted
automatically. What the file says wins: a maintenance completed by hand is left as it is, one
already in progress gets no second start, and one with an impact still open (running late)
is not completed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from nabd.core.model.models import Incident, Kind, LocalizedText, Update, UpdateStatus

Notices = Mapping[UpdateStatus, LocalizedText]
"""The text of the automatic ``in_progress`` and ``completed`` updates, in every language."""


def as_of(incidents: Iterable[Incident], now: datetime, notices: Notices) -> tuple[Incident, ...]:
    """``incidents`` with each maintenance's automatic updates up to ``now``."""
    return tuple(_as_of(incident, now, notices) for incident in incidents)


def _as_of(incident: Incident, now: datetime, notices: Notices) -> Incident:
    window = incident.scheduled
    if incident.kind is not Kind.MAINTENANCE or window is None or incident.is_resolved:
        return incident
    updates = list(incident.updates)
    started = max(window.start, updates[-1].at)
    if updates[-1].status is UpdateStatus.SCHEDULED and started <= now:
        updates.append(Update(started, UpdateStatus.IN_PROGRESS, notices[UpdateStatus.IN_PROGRESS]))
    ends = [window.end, *(i.end for i in incident.impacts if i.end is not None)]
    ended = max(*ends, updates[-1].at)
    if all(i.end is not None for i in incident.impacts) and ended <= now:
        updates.append(Update(ended, UpdateStatus.COMPLETED, notices[UpdateStatus.COMPLETED]))
    if len(updates) == len(incident.updates):
        return incident
    return replace(incident, updates=tuple(updates))
