"""The data model of a status site: platforms, incidents, their impacts and updates.

Everything here is immutable and already validated: the loader (``loader.py``) is the only
place that turns YAML into these objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
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

    def __hash__(self) -> int:
        """A value like the others of the model: incidents can be compared and hashed (the
        adapter tells an unchanged page by it)."""
        return hash(tuple(self.values.items()))

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
class When:
    """A moment as the sources give it: exactly, or approximately, or not at all.

    Exact: ``earliest == latest`` and no ``about``. Approximate: ``about``, the sources' own
    estimate ("about 17:00"), and/or a range from ``earliest`` to ``latest`` ("between 17:00
    and 17:19"). An end no source gives has ``latest`` ``None``: it came at ``earliest`` or
    later (the last report of it still going on, or the start itself).
    """

    earliest: datetime
    latest: datetime | None
    about: datetime | None = None

    @classmethod
    def exactly(cls, moment: datetime) -> When:
        return cls(moment, moment)

    @property
    def is_exact(self) -> bool:
        return self.latest == self.earliest and self.about is None

    @property
    def is_reported(self) -> bool:
        """Whether the sources bound it from above (an end "not reported" is not)."""
        return self.latest is not None

    @property
    def point(self) -> datetime:
        """Where to place it on a timeline: the estimate, else the earliest it can have been."""
        return self.about or self.earliest


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    kind: SourceKind
    lang: str | None = None
    """The language of ``title`` when it is not the site's default language."""


@dataclass(frozen=True)
class Impact:
    """What happened to one platform, from ``start`` to ``end`` (``None``: still going on).

    ``start`` and ``end`` are what uptime counts: the shortest stretch the sources support (the
    latest start and the earliest end they allow); ``started`` and ``ended`` are the times as
    the sources give them, approximate or not reported, for what the pages say.
    """

    platform: str
    status: ComponentStatus
    start: datetime
    end: datetime | None
    line: int = 0
    started: When = None  # type: ignore[assignment]  # exactly ``start`` when not given
    ended: When | None = None
    """``None`` with ``end``: still going on."""

    def __post_init__(self) -> None:
        if self.started is None:
            object.__setattr__(self, "started", When.exactly(self.start))
        if self.ended is None and self.end is not None:
            object.__setattr__(self, "ended", When.exactly(self.end))

    @property
    def is_exact(self) -> bool:
        return self.started.is_exact and (self.ended is None or self.ended.is_exact)


@dataclass(frozen=True)
class Update:
    """One entry of the public timeline; ``at`` where it stands in time, ``posted`` as the
    sources give it (an entry of a reconstructed timeline may be approximate)."""

    at: datetime
    status: UpdateStatus
    text: LocalizedText
    sources: tuple[Source, ...] = ()
    posted: When = None  # type: ignore[assignment]  # exactly ``at`` when not given

    def __post_init__(self) -> None:
        if self.posted is None:
            object.__setattr__(self, "posted", When.exactly(self.at))

    @property
    def is_official(self) -> bool:
        """Whether it carries the operator's own word: it cites an official source."""
        return any(source.kind is SourceKind.OFFICIAL for source in self.sources)


@dataclass(frozen=True)
class Figure:
    """An attributed number of one *series*, e.g. the peak of Downdetector reports for
    Facebook in the US. ``key`` names the series: two incidents' figures with the same key are
    one measure, counted the same way, and only they are set side by side."""

    key: str
    value: Decimal
    """As written in the file: ``0.000001`` is not rounded, ``550000`` is whole."""
    source: str
    label: LocalizedText | None = None
    by: str | None = None
    """Who counted it: "Downdetector"."""
    via: str | None = None
    """Who reported the count, when another did: "Reuters"."""
    at: When | None = None
    """When it was counted, where the source says."""


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
    def update_stamps(self) -> tuple[str, ...]:
        """Each update's lasting name in the incident: its UTC time ("20240305T154000Z"), with
        "-2", "-3"... for a second and third update at that time. Kept when a text is corrected
        or another update added: feed entries and API ids are made of it, so a feed reader or
        ``nabd notify`` never takes an old update for a new one."""
        seen: dict[str, int] = {}
        stamps = []
        for update in self.updates:
            stamp = update.at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
            seen[stamp] = seen.get(stamp, 0) + 1
            stamps.append(stamp if seen[stamp] == 1 else f"{stamp}-{seen[stamp]}")
        return tuple(stamps)

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
