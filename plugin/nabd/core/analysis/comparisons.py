"""Comparisons between incidents: "was it worse last time?".

Every incident is *measured* once (duration, platforms, worst status, weighted outage minutes,
time to the first public update, number of updates); the measures are then *ranked* across the
site and each incident gets a *comparison set*: the incidents its page compares it with.

Choices worth knowing:

* Only incidents of kind ``incident`` that have started by ``now`` are measured; maintenance is
  left out of every comparison. An ongoing incident is measured as it stands at ``now``.
* A ``confidence: low`` record is measured but is *not comparable*: it is left out of ranks and
  of every comparison set, its own included (its page says so), even when another incident's
  ``compare_with`` names it.
* A platform is *hit* by an incident when its worst status there is a partial or major outage;
  ``degraded_performance`` or ``under_maintenance`` alone is not a hit. So the comparison
  sentence never says a platform was "hit" when it was only slow, and says "only degraded"
  where that is what happened.
* A platform is only said to be missing from an incident if it was tracked then
  (``Platform.tracked_since``): Threads did not exist in 2021, so it was not "spared" then.
* Ties in ranks share a position (1, 2, 2, 4). "Longest since" names the most recent earlier
  incident *at least* as long: everything between the two was strictly shorter.
* Incidents are ordered by ``(started_at, id)``; "earlier" means before in that order for
  ranks, and a strictly earlier start for comparison candidates.

Cost: measuring is linear in the number of impacts (times a log for sorting), ranks are
O(n log n), and choosing comparison sets looks at no more than ``SCAN_LIMIT`` recent incidents
per shared platform, so the whole site costs O(n · p · SCAN_LIMIT) for p platforms per incident,
never O(n²). The price of the bound: an incident older than the ``SCAN_LIMIT`` most recent
earlier ones on each of its platforms is not a candidate for automatic comparison (landmarks
and ``compare_with`` are unaffected).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from nabd.core.analysis.measures import Measures, comparable
from nabd.core.model.models import (
    ComponentStatus,
    Figure,
    Incident,
    Platform,
)

SCAN_LIMIT = 50
"""How many of the most recent earlier incidents per platform are candidates for comparison."""


class ComparisonIndex:
    """The comparable incidents, indexed by platform, to choose comparison sets quickly.

    Built once for the site in O(n log n); each ``comparison_set`` then scans at most
    ``scan_limit`` incidents per platform of the incident.
    """

    def __init__(
        self,
        incidents: Iterable[Incident],
        measures: Mapping[str, Measures],
        scan_limit: int = SCAN_LIMIT,
    ) -> None:
        self.measures = measures
        self.scan_limit = scan_limit
        self.comparable: dict[str, Incident] = {
            i.id: i for i in incidents if comparable(i, measures)
        }
        ordered = sorted(self.comparable, key=lambda i: (measures[i].started_at, i))
        by_platform: dict[str, list[str]] = defaultdict(list)
        landmarks: dict[str, list[str]] = defaultdict(list)
        for incident_id in ordered:
            for platform in measures[incident_id].platforms:
                by_platform[platform].append(incident_id)
                if self.comparable[incident_id].landmark:
                    landmarks[platform].append(incident_id)
        self._ids = dict(by_platform)
        self._starts = {p: [measures[i].started_at for i in ids] for p, ids in by_platform.items()}
        self._landmarks = dict(landmarks)

    def earlier_on(self, platform: str, start: datetime) -> list[str]:
        """The ``scan_limit`` most recent incidents on ``platform`` that started before
        ``start``, oldest first."""
        ids = self._ids.get(platform, [])
        end = bisect_left(self._starts.get(platform, []), start)
        return ids[max(0, end - self.scan_limit) : end]

    def landmarks_on(self, platform: str) -> list[str]:
        return self._landmarks.get(platform, [])


def comparison_set(
    incident: Incident, index: ComparisonIndex, max_similar: int = 3
) -> tuple[str, ...]:
    """The ids an incident's page compares it with, in the order to show them.

    Its ``compare_with`` list when it has one (order kept, ids that are not comparable skipped,
    no landmark added: the author chose). Otherwise the ``max_similar`` most similar earlier
    incidents (most shared platforms, then the closest weighted minutes, then the most recent)
    followed by every landmark sharing a platform, earlier or later, oldest first. Platforms are
    shared when both incidents have an impact on them, whatever its status. A non-comparable
    incident (maintenance, low confidence, not yet started) is compared with nothing.
    """
    if incident.id not in index.comparable:
        return ()
    if incident.compare_with:
        chosen = (i for i in incident.compare_with if i in index.comparable and i != incident.id)
        return tuple(dict.fromkeys(chosen))
    this = index.measures[incident.id]
    here = set(this.platforms)
    candidates = {c for p in this.platforms for c in index.earlier_on(p, this.started_at)}

    def similarity(candidate: str) -> tuple[int, float, float, str]:
        other = index.measures[candidate]
        shared = len(here.intersection(other.platforms))
        closeness = abs(math.log((this.weighted_minutes + 1) / (other.weighted_minutes + 1)))
        return (-shared, closeness, -other.started_at.timestamp(), candidate)

    similar = heapq.nsmallest(max_similar, candidates, key=similarity)
    landmarks = sorted(
        {lm for p in this.platforms for lm in index.landmarks_on(p)} - {incident.id},
        key=lambda i: (index.measures[i].started_at, i),
    )
    return tuple(dict.fromkeys([*similar, *landmarks]))


# -- comparing two incidents -------------------------------------------------------------------


Relation = Literal["shorter", "about", "longer"]


@dataclass(frozen=True)
class FigurePair:
    """Two incidents' attributed figures with the same key, each with its own source."""

    key: str
    here: Figure
    there: Figure


@dataclass(frozen=True)
class Comparison:
    """This incident against another.

    ``relation`` says how their durations compare, as far as the sources tell: ``"shorter"`` or
    ``"longer"`` only when it was so whatever the true times were, else ``"about"`` (their
    ranges overlap). ``duration_ratio`` (this / other) only where both durations are known or
    estimated and their ranges do not overlap; ``None`` otherwise.
    ``platforms_only_here``: hit here, not hit there; ``platforms_only_there``: hit there, not
    hit here, of which ``platforms_degraded_here`` were degraded here. A platform not tracked
    yet when the incident without it started is left out of both.
    """

    other_id: str
    relation: Relation
    duration_ratio: float | None
    platforms_only_here: tuple[str, ...]
    platforms_only_there: tuple[str, ...]
    platforms_degraded_here: tuple[str, ...]
    shared_figures: tuple[FigurePair, ...]


def compare(
    this: Measures,
    other: Measures,
    this_incident: Incident,
    other_incident: Incident,
    *,
    platforms: Mapping[str, Platform],
) -> Comparison:
    """How ``this`` incident compares with ``other``; ``platforms`` gives ``tracked_since``."""

    def tracked(platform: str, at: datetime) -> bool:
        known = platforms.get(platform)
        return known is None or at.date() >= known.tracked_since

    hit_here, hit_there = set(this.hit), set(other.hit)
    only_here = tuple(p for p in this.hit if p not in hit_there and tracked(p, other.started_at))
    only_there = tuple(p for p in other.hit if p not in hit_here and tracked(p, this.started_at))
    degraded = tuple(
        p
        for p in only_there
        if (m := this.on(p)) is not None and m.worst is ComponentStatus.DEGRADED_PERFORMANCE
    )
    theirs: dict[str, Figure] = {}
    for figure in other_incident.figures:
        theirs.setdefault(figure.key, figure)
    mine: dict[str, Figure] = {}
    for figure in this_incident.figures:
        mine.setdefault(figure.key, figure)
    if this.span.certainly_longer_than(other.span):
        relation: Relation = "longer"
    elif other.span.certainly_longer_than(this.span):
        relation = "shorter"
    else:
        relation = "about"
    ratio = None
    if relation != "about" and this.span.about is not None and other.span.about:
        ratio = this.span.about / other.span.about
    return Comparison(
        other_id=other.incident_id,
        relation=relation,
        duration_ratio=ratio,
        platforms_only_here=only_here,
        platforms_only_there=only_there,
        platforms_degraded_here=degraded,
        shared_figures=tuple(FigurePair(k, f, theirs[k]) for k, f in mine.items() if k in theirs),
    )


# -- the sentence on an incident page ----------------------------------------------------------
