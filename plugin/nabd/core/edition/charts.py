"""The geometry of the pages' charts: numbers only; the templates draw them.

Every chart follows one rule, ``Axis``: a quantity runs along the reading direction, from the
inline start (left in English, right in Arabic) to the inline end. The templates never compute
a position or mirror anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from nabd.core.analysis.spans import Span


@dataclass(frozen=True)
class Axis:
    """From ``start`` to ``end`` (in the chart's units, ``start < end``) along the reading
    direction: a share of 0 is the inline start, 1 the inline end."""

    start: float
    end: float
    rtl: bool

    def at(self, share: float) -> float:
        """The coordinate of ``share`` (0 to 1) of the way along."""
        share = min(1.0, max(0.0, share))
        offset = share * (self.end - self.start)
        return round(self.end - offset if self.rtl else self.start + offset, 2)

    def segment(self, first: float, last: float) -> tuple[float, float]:
        """The ``x`` and ``width`` of the stretch from share ``first`` to ``last``."""
        a, b = self.at(first), self.at(last)
        return min(a, b), round(abs(b - a), 2)


# -- the daily bars ----------------------------------------------------------------------------

BAR_PITCH = 5
BAR_WIDTH = 3
BAR_HEIGHT = 34


@dataclass(frozen=True)
class BarsGeometry:
    """``count`` bars, the oldest at the inline start: ``x[k]`` is the k-th oldest's left edge."""

    width: int
    height: int
    bar_width: int
    x: tuple[int, ...]


def bars_geometry(count: int, rtl: bool) -> BarsGeometry:
    width = max(0, count * BAR_PITCH - (BAR_PITCH - BAR_WIDTH))
    positions = [k * BAR_PITCH for k in range(count)]
    return BarsGeometry(
        width=width,
        height=BAR_HEIGHT,
        bar_width=BAR_WIDTH,
        x=tuple(reversed(positions)) if rtl else tuple(positions),
    )


# -- durations side by side ----------------------------------------------------------------------

DURATION_WIDTH = 300
DURATION_ROW = 22
DURATION_BAR = 16
MIN_BAR = 2.0


@dataclass(frozen=True)
class DurationBar:
    """One incident's duration: a solid bar for the shortest the sources support, then a light
    one up to the longest (to the end when no longest is known)."""

    y: float
    x: float
    width: float
    range_x: float
    range_width: float
    open_ended: bool


@dataclass(frozen=True)
class DurationChart:
    width: int
    height: int
    bar_height: int
    bars: tuple[DurationBar, ...]


def duration_chart(spans: Sequence[Span], rtl: bool) -> DurationChart:
    """Bars of ``spans`` on one scale, the longest known value filling the width."""
    axis = Axis(0.0, float(DURATION_WIDTH), rtl)
    top = max(
        (s.longest or s.shortest for s in spans if not s.ongoing), default=timedelta(0)
    ) or max((s.shortest for s in spans), default=timedelta(0))
    scale = top.total_seconds() or 1.0
    bars = []
    for k, span in enumerate(spans):
        solid = max(span.shortest.total_seconds() / scale, MIN_BAR / DURATION_WIDTH)
        open_ended = span.longest is None or span.ongoing
        reach = 1.0 if open_ended else (span.longest or span.shortest).total_seconds() / scale
        x, width = axis.segment(0.0, solid)
        range_x, range_width = axis.segment(solid, max(solid, reach))
        bars.append(DurationBar(k * DURATION_ROW + 3, x, width, range_x, range_width, open_ended))
    return DurationChart(DURATION_WIDTH, len(spans) * DURATION_ROW, DURATION_BAR, tuple(bars))


# -- outages over the years ----------------------------------------------------------------------

TIMELINE_WIDTH = 420
LABEL_WIDTH = 72
ROW_HEIGHT = 36
AXIS_HEIGHT = 22
MAX_RADIUS = 12.0


@dataclass(frozen=True)
class TimelineGeometry:
    """The /compare/ chart's frame: a row per platform, time along the reading direction."""

    width: int
    height: int
    plot: Axis
    label_x: float
    label_anchor: str
    begin: datetime
    end: datetime

    def x_of(self, moment: datetime) -> float:
        span = max((self.end - self.begin).total_seconds(), 1.0)
        return self.plot.at((moment - self.begin).total_seconds() / span)

    def row_y(self, index: int) -> float:
        return AXIS_HEIGHT / 2 + ROW_HEIGHT * index + ROW_HEIGHT / 2

    @property
    def tick_y(self) -> float:
        return self.height - 4

    def ticks(self, last_year: int) -> list[tuple[int, float]]:
        years = range(self.begin.year, last_year + 1)
        step = max(1, math.ceil(len(years) / 8))
        return [(year, self.x_of(datetime(year, 7, 1, tzinfo=UTC))) for year in years[::step]]


def timeline_geometry(rows: int, first_year: int, end: datetime, rtl: bool) -> TimelineGeometry:
    if rtl:
        plot_start, plot_end = 0.0, float(TIMELINE_WIDTH - LABEL_WIDTH)
    else:
        plot_start, plot_end = float(LABEL_WIDTH), float(TIMELINE_WIDTH)
    plot = Axis(plot_start + MAX_RADIUS, plot_end - MAX_RADIUS, rtl)
    return TimelineGeometry(
        width=TIMELINE_WIDTH,
        height=int(AXIS_HEIGHT / 2 + ROW_HEIGHT * rows + AXIS_HEIGHT),
        plot=plot,
        label_x=TIMELINE_WIDTH - 4 if rtl else 4,
        label_anchor="end" if rtl else "start",
        begin=datetime(first_year, 1, 1, tzinfo=UTC),
        end=end,
    )


def dot_radius(duration: timedelta) -> float:
    """A dot's area grows with the duration: radius ∝ √hours, capped."""
    hours = duration.total_seconds() / 3600
    return round(min(MAX_RADIUS, 2 + 2 * math.sqrt(hours)), 2)
