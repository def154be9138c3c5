"""The geometry of the /compare/ timeline: every outage over the years, a row per platform.

Only numbers here; the template draws them. The chart reads in the page's direction: in
Arabic, time runs from right to left and the platform names stand on the right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from nabd.core.analysis.analysis import Analysis
from nabd.core.analysis.measures import comparable
from nabd.core.model.models import ComponentStatus, Incident

WIDTH = 420
LABEL_WIDTH = 72
ROW_HEIGHT = 36
AXIS_HEIGHT = 22
MAX_RADIUS = 12.0
MAX_INCIDENTS = 200
"""The chart shows the longest outages only, so its size does not grow with the site."""


@dataclass(frozen=True)
class Dot:
    incident: Incident
    x: float
    r: float
    duration: timedelta
    worst: ComponentStatus


@dataclass(frozen=True)
class Row:
    name: str
    y: float
    dots: tuple[Dot, ...]


@dataclass(frozen=True)
class Tick:
    year: int
    x: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    plot_start: float
    plot_end: float
    label_x: float
    label_anchor: str
    shown: int
    total: int


def outage_timeline(site: Analysis, lang: str, rtl: bool) -> Chart:
    """One dot per comparable incident per platform it touched, at its start; the dot's area
    grows with the duration on that platform (radius ∝ √hours, capped)."""
    plot_start, plot_end = (0.0, WIDTH - LABEL_WIDTH) if rtl else (LABEL_WIDTH, float(WIDTH))
    comparable_incidents = [i for i in site.newest_first if comparable(i, site.measures)]
    longest = sorted(comparable_incidents, key=lambda i: site.measures[i.id].duration)
    kept = {i.id for i in longest[-MAX_INCIDENTS:]}
    measured = [i for i in comparable_incidents if i.id in kept]
    first = min((i.started_at for i in measured), default=site.now)
    begin = datetime(first.astimezone(site.zone).year, 1, 1, tzinfo=UTC)
    span = max((site.now - begin).total_seconds(), 1.0)

    def x_of(moment: datetime) -> float:
        share = (moment - begin).total_seconds() / span
        inset = MAX_RADIUS
        left, right = plot_start + inset, plot_end - inset
        return round(right - share * (right - left) if rtl else left + share * (right - left), 2)

    rows = []
    for index, platform in enumerate(site.platforms):
        y = AXIS_HEIGHT / 2 + ROW_HEIGHT * index + ROW_HEIGHT / 2
        dots = []
        for incident in reversed(measured):  # oldest first, so newer dots are drawn on top
            on = site.measures[incident.id].on(platform.id)
            if on is None or not on.hit:  # a slowdown is not an outage: not drawn as one
                continue
            hours = on.duration.total_seconds() / 3600
            radius = round(min(MAX_RADIUS, 2 + 2 * math.sqrt(hours)), 2)
            dots.append(Dot(incident, x_of(incident.started_at), radius, on.duration, on.worst))
        rows.append(Row(platform.name.get(lang).text, y, tuple(dots)))
    last_year = site.now.astimezone(site.zone).year
    years = range(begin.year, last_year + 1)
    step = max(1, math.ceil(len(years) / 8))
    ticks = tuple(Tick(year, x_of(datetime(year, 7, 1, tzinfo=UTC))) for year in years[::step])
    height = int(AXIS_HEIGHT / 2 + ROW_HEIGHT * len(rows) + AXIS_HEIGHT)
    return Chart(
        width=WIDTH,
        height=height,
        rows=tuple(rows),
        ticks=ticks,
        plot_start=plot_start,
        plot_end=plot_end,
        label_x=WIDTH - 4 if rtl else 4,
        label_anchor="end" if rtl else "start",
        shown=len(measured),
        total=len(comparable_incidents),
    )
