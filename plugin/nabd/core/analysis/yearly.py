"""A platform's record year by year: how many incidents, how long, how fast resolved.

Each incident counts on a platform as its measures say (``measures.PlatformMeasure``): from
its first impact there to its last end. Totals and means add up the shortest durations the
sources support, as uptime does; a year with an approximate or unreported time is
``estimated``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from nabd.core.analysis.measures import Measures, PlatformMeasure


@dataclass(frozen=True)
class YearFigures:
    year: int
    incidents: int
    total: timedelta
    longest: str
    """The id of the year's longest incident on the platform."""
    longest_measure: PlatformMeasure
    mean_time_to_resolve: timedelta | None
    """The mean duration of the year's resolved incidents; ``None`` when none is resolved."""
    estimated: bool


def yearly_figures(
    platform_id: str, measures: Iterable[Measures], zone: ZoneInfo
) -> list[YearFigures]:
    """Figures per year (the year an incident started, in ``zone``), newest first, over the
    measured incidents (incidents, not maintenance, started by now)."""
    by_year: dict[int, list[tuple[str, PlatformMeasure]]] = {}
    for m in measures:
        on = m.on(platform_id)
        if on is not None:
            by_year.setdefault(m.started_at.astimezone(zone).year, []).append((m.incident_id, on))
    figures = []
    for year, found in sorted(by_year.items(), reverse=True):
        resolved = [p.span.shortest for _, p in found if not p.span.ongoing]
        longest_id, longest = max(found, key=lambda item: (item[1].span.middle, item[0]))
        figures.append(
            YearFigures(
                year=year,
                incidents=len(found),
                total=sum((p.span.shortest for _, p in found), timedelta()),
                longest=longest_id,
                longest_measure=longest,
                mean_time_to_resolve=(
                    sum(resolved, timedelta()) / len(resolved) if resolved else None
                ),
                estimated=any(not p.span.is_exact for _, p in found),
            )
        )
    return figures


def figures_by_platform(
    platform_ids: Iterable[str], measures: Mapping[str, Measures], zone: ZoneInfo
) -> dict[str, list[YearFigures]]:
    return {pid: yearly_figures(pid, measures.values(), zone) for pid in platform_ids}
