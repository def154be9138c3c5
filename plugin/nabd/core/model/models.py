"""The data model of a status site: platforms, incidents, their impacts and updates.

Everything here is immutable and already validated: the loader (``loader.py``) is the only
place that turns YAML into these objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from nabd.core.model.characters import printable


class ComponentStatus(StrEnum):
    """A platform's status, with Statuspage's component status names."""

    OPERATIONAL = "operational"
    UNDER_MAINTENANCE = "under_maintenance"
    DEGRADED_PERFORMANCE = "degraded_performance"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"

    @property
    def severity(self) -> int:
        """Order used for "worst status": operational < maintenance < degraded < partial < major."""
        return _COMPONENT_ORDER.index(self)


_COMPONENT_ORDER = list(ComponentStatus)

IMPACT_STATUSES: tuple[ComponentStatus, ...] = (
    ComponentStatus.DEGRADED_PERFORMANCE,
    ComponentStatus.PARTIAL_OUTAGE,
    ComponentStatus.MAJOR_OUTAGE,
    ComponentStatus.UNDER_MAINTENANCE,
)
"""The statuses an impact may carry (``operational`` is the absence of an impact)."""


class ImpactLevel(StrEnum):
    """An incident's impact, with Statuspage's names (``maintenance`` for maintenance)."""

    NONE = "none"
    MAINTENANCE = "maintenance"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def severity(self) -> int:
        return _IMPACT_ORDER.index(self)


_IMPACT_ORDER = list(ImpactLevel)

IMPACT_OF_STATUS: dict[ComponentStatus, ImpactLevel] = {
    ComponentStatus.OPERATIONAL: ImpactLevel.NONE,
    ComponentStatus.UNDER_MAINTENANCE: ImpactLevel.MAINTENANCE,
    ComponentStatus.DEGRADED_PERFORMANCE: ImpactLevel.MINOR,
    ComponentStatus.PARTIAL_OUTAGE: ImpactLevel.MAJOR,
    ComponentStatus.MAJOR_OUTAGE: ImpactLevel.CRITICAL,
}


class Kind(StrEnum):
    INCIDENT = "incident"
    MAINTENANCE = "maintenance"


class UpdateStatus(StrEnum):
    """The lifecycle status of an update, with Statuspage's names."""

    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"
    POSTMORTEM = "postmortem"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    VERIFYING = "verifying"
    COMPLETED = "completed"


INCIDENT_UPDATE_STATUSES: tuple[UpdateStatus, ...] = (
    UpdateStatus.INVESTIGATING,
    UpdateStatus.IDENTIFIED,
    UpdateStatus.MONITORING,
    UpdateStatus.RESOLVED,
    UpdateStatus.POSTMORTEM,
)
MAINTENANCE_UPDATE_STATUSES: tuple[UpdateStatus, ...] = (
    UpdateStatus.SCHEDULED,
    UpdateStatus.IN_PROGRESS,
    UpdateStatus.VERIFYING,
    UpdateStatus.COMPLETED,
)
CLOSING_UPDATE_STATUSES: frozenset[UpdateStatus] = frozenset(
    {UpdateStatus.RESOLVED, UpdateStatus.POSTMORTEM, UpdateStatus.COMPLETED}
)
"""An incident whose latest update has one of these statuses is over."""


class SourceKind(StrEnum):
    OFFICIAL = "official"
    PRESS = "press"
    COMMUNITY = "community"


class Confidence(StrEnum):
    """How well an incident's record is sourced; ``low`` is shown as a reported disruption."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class Localized:
    """A text in one language; ``is_fallback`` when it is in another language than asked."""

    text: str
    lang: str
    is_fallback: bool


@dataclass(frozen=True)
class LocalizedText:
    """A text written in several languages, e.g. ``{en: ..., ar: ...}``.

    ``values`` are in the site's order, the default language first (the loader orders them,
    see ``Languages.ordered``): a text missing in one language is shown in the first that has
    it."""

    values: dict[str, str]

    def get(self, lang: str) -> Localized:
        """The text in ``lang``, or else in the first language that has it."""
        if self.values.get(lang):
            return Localized(self.values[lang], lang, is_fallback=False)
        for other, text in self.values.items():
            if text:
                return Localized(text, other, is_fallback=True)
        return Localized("", lang, is_fallback=True)


@dataclass(frozen=True)
class Platform:
    """A service whose status the site tracks, declared in the site's configuration."""

    id: str
    name: LocalizedText
    url: str
    tracked_since: date
    group: str | None = None


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    kind: SourceKind


@dataclass(frozen=True)
class Impact:
    """What happened to one platform, from ``start`` to ``end`` (``None``: still going on)."""

    platform: str
    status: ComponentStatus
    start: datetime
    end: datetime | None
    line: int = 0


@dataclass(frozen=True)
class Update:
    """One entry of the public timeline."""

    at: datetime
    status: UpdateStatus
    text: LocalizedText
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Figure:
    """An attributed number, e.g. the peak of Downdetector reports."""

    key: str
    value: Decimal
    """As written in the file: ``0.000001`` is not rounded, ``550000`` is whole."""
    source: str
    label: LocalizedText | None = None


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Incident:
    """One incident or maintenance, as written in ``incidents/<id>.yaml``."""

    id: str
    path: str
    title: LocalizedText
    kind: Kind
    impact: ImpactLevel
    impacts: tuple[Impact, ...]
    updates: tuple[Update, ...]
    landmark: bool = False
    confidence: Confidence = Confidence.HIGH
    compare_with: tuple[str, ...] = ()
    scheduled: Window | None = None
    figures: tuple[Figure, ...] = ()

    @property
    def started_at(self) -> datetime:
        """The first impact's start, else the scheduled start, else the first update."""
        if self.impacts:
            return min(i.start for i in self.impacts)
        if self.scheduled:
            return self.scheduled.start
        return self.updates[0].at

    @property
    def ended_at(self) -> datetime | None:
        """The last impact's end; ``None`` while an impact is open or the incident is not over."""
        if not self.is_resolved or any(i.end is None for i in self.impacts):
            return None
        if self.impacts:
            return max(i.end for i in self.impacts if i.end is not None)
        return self.updates[-1].at

    @property
    def status(self) -> UpdateStatus:
        """The lifecycle status: that of the latest update."""
        return self.updates[-1].status

    @property
    def is_resolved(self) -> bool:
        return self.status in CLOSING_UPDATE_STATUSES

    @property
    def platforms(self) -> tuple[str, ...]:
        """The platforms hit, in the order the file names them."""
        return tuple(dict.fromkeys(i.platform for i in self.impacts))

    @property
    def worst_status(self) -> ComponentStatus:
        return max(
            (i.status for i in self.impacts),
            key=lambda s: s.severity,
            default=ComponentStatus.OPERATIONAL,
        )


def derived_impact(kind: Kind, impacts: tuple[Impact, ...]) -> ImpactLevel:
    """The impact of an incident that does not set one: from its worst status."""
    if kind is Kind.MAINTENANCE:
        return ImpactLevel.MAINTENANCE
    worst = max(
        (i.status for i in impacts), key=lambda s: s.severity, default=ComponentStatus.OPERATIONAL
    )
    return IMPACT_OF_STATUS[worst]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file, reported as ``file:line: field: message``."""

    path: str
    line: int
    field: str
    message: str
    is_error: bool = True

    def __str__(self) -> str:
        """One line, whatever the file's name or the field's key hold: a line break or a
        control character in them must not start a line of its own in a CI log (where
        ``::error`` is a command) or steer the terminal."""
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        return printable(text if not text.startswith(":") else f"./{text}")
