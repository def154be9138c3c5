"""How long something lasted, as honestly as the sources allow: a range, maybe open-ended.

An outage whose start and end are exact has one duration. One whose times are approximate
lasted between a *shortest* and a *longest* duration the sources support, with the sources'
own estimate (*about*) when every time involved has one; one whose end no source gives lasted
at least its shortest duration, with no longest. Two spans whose ranges overlap are "about as
long" as each other: neither is ranked above the other or called longer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from nabd.core.model.models import When

ZERO = timedelta(0)


@dataclass(frozen=True)
class Span:
    """A duration as the sources support it.

    ``shortest`` ≤ the true duration ≤ ``longest`` (``None``: no bound); ``about`` is the
    estimate; ``approximate`` when a time it comes from is (an "about 15:00" start and an
    "about 17:00" end give 2 h, but about 2 h); ``ongoing`` when it is not over, measured up
    to now (its ``longest`` is then unknown)."""

    shortest: timedelta
    longest: timedelta | None
    about: timedelta | None
    ongoing: bool = False
    approximate: bool = False

    @classmethod
    def exactly(cls, duration: timedelta) -> Span:
        return cls(duration, duration, duration)

    @property
    def is_exact(self) -> bool:
        return self.longest == self.shortest and not self.ongoing and not self.approximate

    @property
    def is_bounded(self) -> bool:
        return self.longest is not None

    def certainly_longer_than(self, other: Span) -> bool:
        """Longer whatever the true times were within the sources' ranges."""
        return other.longest is not None and self.shortest > other.longest

    def overlaps(self, other: Span) -> bool:
        """Whether neither is certainly longer: they read as "about as long"."""
        return not self.certainly_longer_than(other) and not other.certainly_longer_than(self)

    @property
    def middle(self) -> timedelta:
        """One value to draw it at: the estimate, else the shortest (never a guess above it)."""
        return self.about if self.about is not None else self.shortest


def span_between(starts: Iterable[When], ends: Iterable[When | None], now: datetime) -> Span:
    """From the first of ``starts`` to the last of ``ends`` (``None``: still going on at
    ``now``)."""
    starts, ends = list(starts), list(ends)
    first_earliest = min(s.earliest for s in starts)
    first_latest = min(s.latest or s.earliest for s in starts)
    if any(e is None for e in ends):
        shortest = max(ZERO, now - first_latest)
        return Span(shortest, None, None, ongoing=True)
    known = [e for e in ends if e is not None]
    last_earliest = max(e.earliest for e in known)
    last_latest = None if any(e.latest is None for e in known) else max(e.latest for e in known)
    shortest = max(ZERO, last_earliest - first_latest)
    longest = None if last_latest is None else max(shortest, last_latest - first_earliest)
    about = None
    start_estimates = [_estimate(s) for s in starts]
    end_estimates = [_estimate(e) for e in known]
    if longest is not None and None not in (*start_estimates, *end_estimates):
        estimate = max(end_estimates) - min(start_estimates)  # type: ignore[type-var,operator]
        about = min(max(estimate, shortest), longest)
    # The times that make the span: the first start and the last end.
    making = [s for s in starts if s.earliest == first_earliest]
    making += [e for e in known if e.earliest == last_earliest]
    approximate = not all(moment.is_exact for moment in making)
    return Span(shortest, longest, about, approximate=approximate)


def _estimate(moment: When) -> datetime | None:
    """The single time the sources give, exact or about; ``None`` for a bare range."""
    if moment.about is not None:
        return moment.about
    return moment.earliest if moment.latest == moment.earliest else None
