"""One language of a site as its pages speak it: words from the catalogs, formats from CLDR,
times in the site's timezone.

Nothing here names a language. Where a catalog has the words, they are used (the English
catalog writes durations compactly, "2 h 15 min"); where it does not, CLDR's are, with the
language's own plural forms (Arabic's dual: "ساعتان و15 دقيقة"), so that a language added with
a catalog of its own, or without one, still reads right.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from nabd.core.analysis.spans import Span
from nabd.core.present import l10n
from nabd.core.present.catalogs import N_, Words, plural

_UNITS = (
    ("duration-day", 86400, plural("%(num)s day", "%(num)s days")),
    ("duration-hour", 3600, plural("%(num)s hour", "%(num)s hours")),
    ("duration-minute", 60, plural("%(num)s minute", "%(num)s minutes")),
)
_ONE = {
    "duration-day": N_("one day"),
    "duration-hour": N_("one hour"),
    "duration-minute": N_("one minute"),
}
"""A duration of exactly one unit, for languages whose CLDR word alone reads as the unit's
name (Arabic «ساعة» is "hour"; «ساعة واحدة» is "one hour")."""
_JOIN = N_("%(larger)s and %(smaller)s")
_LESS_THAN = N_("less than %(duration)s")
_AT_ZONE = N_("%(time)s %(zone)s")
_ABOUT = N_("about %(duration)s")
_RANGE = N_("%(shortest)s to %(longest)s")
_DAYS = N_("%(start)s to %(end)s")
_SAME_DAY = N_("%(day)s, %(start)s to %(end)s")
_AT_LEAST = N_("at least %(duration)s")
_AT_MOST = N_("at most %(duration)s")
_NOT_KNOWN = N_("not known")
_SO_FAR = N_("%(duration)s so far")
_ALL_UTC = N_("All times in UTC.")
_ALL_FIXED = N_("All times in %(city)s time (%(zone)s).")
_ALL_LOCAL = N_("All times in %(city)s time.")
CLDR_WORDS: frozenset[str] = frozenset(
    {_JOIN, *_ONE.values(), *(messages[0] for _, _, messages in _UNITS)}
)
"""Messages a catalog may leave untranslated: CLDR then has the words, in every language."""
_NBSP = "\u00a0"


class Language:
    """``code`` as the site writes it, its ``words`` (see ``Catalogs.words``), and the site's
    ``timezone`` (an IANA name) in which times are shown and days are cut."""

    def __init__(self, code: str, words: Words, timezone: str, *, latin: str | None = None) -> None:
        """``latin``: the site's language whose words a right-to-left text quotes in Latin
        script (its first language written in Latin script), ``None`` to leave them
        unmarked."""
        self.code = code
        self.words = words
        self.timezone = timezone
        self.latin = latin
        self.zone = ZoneInfo(timezone)
        self.direction = l10n.direction(code)
        self._durations: dict[int, str] = {}

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    # -- words --

    def gettext(self, message: str) -> str:
        return self.words.gettext(message)

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return self.words.ngettext(singular, plural, number)

    def count(self, singular: str, plural: str, number: int) -> str:
        """A number of things in the plural form for it, ``%(num)d`` being the number: "3
        incidents", «3 أعطال», «عطلان»; the number and its noun never part at a line break."""
        text = self.ngettext(singular, plural, number) % {"num": number}
        return text.replace(f"{number} ", f"{number}{_NBSP}", 1)

    # -- times --

    def date(self, day: date) -> str:
        return l10n.format_date(day, self.code)

    def day_of(self, moment: datetime) -> str:
        """The local day of a moment: "March 5, 2024"."""
        return l10n.format_date(self.local(moment).date(), self.code)

    def month(self, year: int, month: int) -> str:
        return l10n.format_month(year, month, self.code)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def clock(self, moment: datetime) -> str:
        """The time of day in the site's timezone: "15:39"."""
        return l10n.format_time(moment, self.code, self.timezone)

    def moment(self, moment: datetime, *, zone: bool = True) -> str:
        """A moment with its day, in the site's timezone: "Mar 5, 2024, 15:39 UTC"; without
        ``zone`` for tables whose zone is said once."""
        day = l10n.format_short_date(self.local(moment).date(), self.code)
        time = self.clock(moment)
        if zone:
            time = self.with_zone(time, moment)
        return l10n.join_date_time(day, time, self.code)

    def window(self, start: datetime, end: datetime) -> str:
        """A planned window: "Dec 10, 2026, 05:00 to 07:00 UTC+4" within one local day (and
        one offset), else both moments in full."""
        first, last = self.local(start), self.local(end)
        if first.date() == last.date() and first.utcoffset() == last.utcoffset():
            return self.gettext(_SAME_DAY) % {
                "day": l10n.format_short_date(first.date(), self.code),
                "start": self.clock(start),
                "end": self.with_zone(self.clock(end), end),
            }
        return self.gettext(_DAYS) % {"start": self.moment(start), "end": self.moment(end)}

    def with_zone(self, time: str, moment: datetime) -> str:
        """A time of day followed by the zone it is in at ``moment``: "15:39 UTC"."""
        return self.gettext(_AT_ZONE) % {"time": time, "zone": self.zone_label(moment)}

    def zone_label(self, moment: datetime) -> str:
        """The site's zone at ``moment`` as its offset: "UTC", "UTC+3", "UTC+5:30", "UTC-4".

        One left-to-right run of Latin letters and digits: it reads the same in every language
        and keeps its order inside right-to-left text (Babel's "غرينتش+03:00" does not)."""
        return utc_offset(self.local(moment).utcoffset() or timedelta(0))

    def zone_sentence(self, moment: datetime) -> str:
        """The sentence that says once in which zone a page's times are: "All times in UTC.",
        "All times in Riyadh time (UTC+3).", or, where the clocks change, "All times in Paris
        time." (each time then carries its own offset)."""
        if _is_utc(self.timezone):
            return self.gettext(_ALL_UTC)
        city = l10n.zone_city(self.code, self.timezone)
        if l10n.has_daylight_saving(self.timezone, moment):
            return self.gettext(_ALL_LOCAL) % {"city": city}
        return self.gettext(_ALL_FIXED) % {"city": city, "zone": self.zone_label(moment)}

    # -- durations and numbers --

    def duration(self, span: timedelta) -> str:
        """A duration in its two largest units among days, hours and minutes, the rest
        truncated (never rounded up): "1 h 30 min", "ساعة و30 دقيقة"; "less than 1 min"
        for a few seconds. Number and unit never part at a line break."""
        seconds = int(span.total_seconds())
        if seconds < 0:
            raise ValueError(f"negative duration {span}")
        if seconds not in self._durations:
            self._durations[seconds] = self._duration(seconds)
        return self._durations[seconds]

    def _duration(self, seconds: int) -> str:
        if 0 < seconds < 60:
            return self.gettext(_LESS_THAN) % {"duration": self._unit(1, *_UNITS[2][::2])}
        parts = []
        for unit, size, messages in _UNITS:
            value, rest = divmod(seconds, size)
            if value == 1 and not rest and not parts and self.words.has(_ONE[unit]):
                return self.gettext(_ONE[unit]).replace(" ", _NBSP)
            seconds = rest
            if value:
                parts.append(self._unit(value, unit, messages))
        if not parts:
            return self._unit(0, *_UNITS[2][::2])
        if len(parts) == 1:
            return parts[0]
        larger, smaller = parts[:2]
        if self.words.has(_JOIN):
            return self.gettext(_JOIN) % {"larger": larger, "smaller": smaller}
        return l10n.format_list([larger, smaller], self.code)

    def _unit(self, value: int, unit: str, messages: tuple[str, str]) -> str:
        if self.words.has(messages[0]):
            text = self.ngettext(*messages, value) % {"num": self.integer(value)}
        else:
            text = l10n.format_unit_long(value, unit, self.code)
        return text.replace(" ", _NBSP)

    def span(self, span: Span) -> str:
        """A duration as honestly as the sources allow: "2 h 15 min", "about 2 h", "2 h to
        2 h 30 min", "at most 40 min" (from nothing up to), "at least 1 h 37 min", "3 h so
        far"."""
        if span.ongoing:
            return self.gettext(_SO_FAR) % {"duration": self.duration(span.shortest)}
        if span.is_exact:
            return self.duration(span.shortest)
        if span.about is not None:
            return self.gettext(_ABOUT) % {"duration": self.duration(span.about)}
        if span.longest is None:
            if not span.shortest:  # "at least 0 min" says nothing: an end after its earliest start
                return self.gettext(_NOT_KNOWN)
            return self.gettext(_AT_LEAST) % {"duration": self.duration(span.shortest)}
        if not span.shortest:
            return self.gettext(_AT_MOST) % {"duration": self.duration(span.longest)}
        return self.gettext(_RANGE) % {
            "shortest": self.duration(span.shortest),
            "longest": self.duration(span.longest),
        }

    def percent(self, fraction: float) -> str:
        """Floored: any downtime shows below 100.00%."""
        return l10n.format_percent_floor(fraction, self.code)

    def number(self, number: float | int | Decimal) -> str:
        return l10n.format_number(number, self.code)

    def integer(self, number: int) -> str:
        return l10n.format_integer(number, self.code)

    def figure(self, number: Decimal) -> str:
        return l10n.format_figure(number, self.code)

    def list(self, items: list[str]) -> str:
        return l10n.format_list(items, self.code)

    def alternatives(self, items: list[str]) -> str:
        """ "A, B or C"."""
        return l10n.format_list(items, self.code, alternatives=True)


def _is_utc(timezone: str) -> bool:
    return timezone in ("UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Zulu")


def utc_offset(offset: timedelta) -> str:
    """ "UTC", "UTC+3", "UTC+5:30", "UTC-4"."""
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
