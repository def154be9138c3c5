"""What each page shows, ready to lay out: words in the page's language, links, numbers, chart
geometry. The templates only place them; nothing in a template computes, counts or mirrors.

Links are site-relative URLs of the language's site (``incidents/x/``); the renderer makes
them relative to the page that shows them. Texts are plain strings, escaped when rendered;
only Markdown that ``text.render_markdown`` made safe is ``Markup``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from markupsafe import Markup, escape

from nabd.core.analysis.analysis import Analysis
from nabd.core.analysis.comparisons import FigurePair
from nabd.core.analysis.measures import Measures, comparable
from nabd.core.analysis.ranking import Place, Rank
from nabd.core.analysis.spans import span_between
from nabd.core.analysis.uptime import WINDOWS, DayUptime, WindowUptime
from nabd.core.edition.charts import (
    BarsGeometry,
    DurationChart,
    TimelineGeometry,
    bars_geometry,
    dot_radius,
    duration_chart,
    timeline_geometry,
)
from nabd.core.edition.reference import TYPE_NAMES, Entry, Reference
from nabd.core.edition.routes import Routes, incident_path, page_url, platform_path
from nabd.core.model.models import (
    ComponentStatus,
    Confidence,
    Figure,
    Impact,
    Incident,
    Kind,
    LocalizedText,
    Platform,
    Source,
    Update,
    When,
)
from nabd.core.present import l10n
from nabd.core.present.catalogs import N_
from nabd.core.present.formats import iso_utc
from nabd.core.present.labels import (
    COMPONENT_STATUS,
    IMPACT,
    INDICATOR,
    SOURCE_KIND,
    UPDATE_STATUS,
)
from nabd.core.present.language import Language
from nabd.core.present.sentences import comparison_sentence
from nabd.core.present.text import isolate_latin, render_inline, render_markdown

MAX_RANKED = 50
"""How many incidents each ranking on /compare/ lists."""
MAX_TIMELINE = 200
"""How many outages the /compare/ timeline draws: the longest, so it does not grow with the
site."""
RECENT = 5
"""How many recent incidents the overview lists."""
PLATFORM_RECENT = 20


# -- small pieces --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A text written in several languages, as one page shows it: in the page's language, or in
    another one (``fallback``) with its own ``lang`` and ``dir`` and a marker."""

    text: str
    lang: str
    dir: str
    fallback: bool
    html: Markup
    """``text`` for a page's text: in a right-to-left one, Latin-script runs isolated."""


@dataclass(frozen=True)
class Status:
    """A status or level: ``code`` for the colour and icon, ``label`` to read."""

    code: str
    label: str


@dataclass(frozen=True)
class Link:
    text: str
    """What the link says: plain text, or ``Markup`` (an incident's title, its Latin-script
    runs isolated)."""
    url: str


@dataclass(frozen=True)
class Moment:
    """A time to show: ``iso`` for ``<time datetime>`` (UTC), ``text`` to read."""

    iso: str
    text: str


@dataclass(frozen=True)
class IncidentItem:
    """An incident as a row of a list."""

    id: str
    url: str
    title: Shown
    day: Moment
    duration: str
    impact: Status
    phase: Status | None
    """Shown while it is not over."""
    low_confidence: bool
    platforms: tuple[Link, ...]


@dataclass(frozen=True)
class Bar:
    x: int
    status: str
    label: str
    url: str | None


@dataclass(frozen=True)
class DayRow:
    day: str
    uptime: Markup
    status: Status
    incidents: tuple[Link, ...]


@dataclass(frozen=True)
class Bars:
    """A platform's daily bars, the oldest day at the inline start."""

    geometry: BarsGeometry
    bars: tuple[Bar, ...]
    label: str
    oldest: str
    uptime: Markup
    newest: str
    days: tuple[DayRow, ...]
    """The days with incidents, newest first: the bars as text."""
    days_summary: str


@dataclass(frozen=True)
class PlatformRow:
    link: Link
    status: Status
    bars: Bars


@dataclass(frozen=True)
class SourceView:
    url: str
    title: str
    lang: str | None
    """Set when the title is in another language than the page's."""
    dir: str
    kind: str


@dataclass(frozen=True)
class UpdateView:
    phase: Status
    at: Moment
    text: Markup
    text_lang: str | None
    """Set when the text is shown in another language than the page's (a fallback)."""
    text_dir: str
    sources: tuple[SourceView, ...]


@dataclass(frozen=True)
class ActiveIncident:
    item: IncidentItem
    latest: UpdateView


@dataclass(frozen=True)
class Feed:
    rss: str
    atom: str


@dataclass(frozen=True)
class OverviewView:
    indicator: Status
    built: Moment
    active: tuple[ActiveIncident, ...]
    upcoming: tuple[IncidentItem, ...]
    platforms: tuple[PlatformRow, ...]
    recent: tuple[IncidentItem, ...]
    history: str
    feed: Feed
    api: str
    calendar: str


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    iso: str | None = None


@dataclass(frozen=True)
class ImpactRow:
    platform: Link
    status: Status
    start: Moment
    end: Moment | None
    end_text: str
    duration: str


@dataclass(frozen=True)
class Cell:
    text: str
    url: str | None = None
    status: Status | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class ChartRow:
    """A bar of the durations chart, with what its legend says."""

    label: str
    url: str | None
    text: str


@dataclass(frozen=True)
class FigureView:
    label: Shown | None
    key: str
    value: str
    source: str
    by: Markup | None
    """Who counted it, as written (in a right-to-left page, its Latin-script runs isolated)."""
    at: Moment | None


@dataclass(frozen=True)
class FigurePairView:
    here: FigureView
    there: FigureView
    there_incident: Link


@dataclass(frozen=True)
class ComparisonView:
    ranks: tuple[str, ...]
    sentences: tuple[str, ...]
    chart: DurationChart
    chart_label: str
    chart_rows: tuple[ChartRow, ...]
    columns: tuple[Link, ...]
    """The table's columns after the first: this incident, then each compared one."""
    rows: tuple[Row, ...]
    figure_pairs: tuple[FigurePairView, ...]


@dataclass(frozen=True)
class IncidentView:
    title: Shown
    phase: Status
    impact: Status
    landmark: bool
    maintenance: bool
    low_confidence: bool
    facts: tuple[Fact, ...]
    platforms: tuple[Link, ...]
    impacts: tuple[ImpactRow, ...]
    zone_sentence: str
    updates: tuple[UpdateView, ...]
    comparison: ComparisonView | None
    not_compared: str | None
    figures: tuple[FigureView, ...]


@dataclass(frozen=True)
class WindowRow:
    label: str
    uptime: Markup
    downtime: str


@dataclass(frozen=True)
class YearRow:
    year: Link
    incidents: str
    total: str
    longest: Link
    mean: str


@dataclass(frozen=True)
class PlatformView:
    name: str
    status: Status
    url: str | None
    facts: tuple[Fact, ...]
    windows: tuple[WindowRow, ...]
    estimated_note: str | None
    bars: Bars
    years: tuple[YearRow, ...]
    recent: tuple[IncidentItem, ...]
    year_links: tuple[Link, ...]
    feed: Feed


@dataclass(frozen=True)
class YearLink:
    year: int
    count: str
    url: str | None
    """``None`` for the page's own year."""


@dataclass(frozen=True)
class Month:
    id: str
    name: str
    incidents: tuple[IncidentItem, ...]


@dataclass(frozen=True)
class YearSection:
    year: int
    months: tuple[Month, ...]


@dataclass(frozen=True)
class HistoryView:
    years: tuple[YearLink, ...]
    sections: tuple[YearSection, ...]


@dataclass(frozen=True)
class Dot:
    x: float
    r: float
    status: str
    label: str
    url: str


@dataclass(frozen=True)
class TimelineRow:
    name: str
    y: float
    dots: tuple[Dot, ...]


@dataclass(frozen=True)
class TimelineView:
    geometry: TimelineGeometry
    rows: tuple[TimelineRow, ...]
    ticks: tuple[tuple[int, float], ...]
    caption: str
    legend: tuple[Status, ...]


@dataclass(frozen=True)
class RankRow:
    place: str
    incident: Link
    day: Moment
    duration: str
    weighted: str
    platforms: tuple[Link, ...]


@dataclass(frozen=True)
class Ranking:
    id: str
    title: str
    note: str | None
    rows: tuple[RankRow, ...]


@dataclass(frozen=True)
class CompareView:
    timeline: TimelineView | None
    rankings: tuple[Ranking, ...]


@dataclass(frozen=True)
class EntryView:
    name: str
    kinds: str
    """The types in the page's language ("time, mapping or empty"); "" when ``values`` say
    it all."""
    values: tuple[str, ...]
    required: bool
    default: str
    description: Markup


@dataclass(frozen=True)
class ReferenceView:
    settings: tuple[EntryView, ...]
    fields: tuple[EntryView, ...]


# -- the views of one language's site --------------------------------------------------------------


class Views:
    """Builds each page's view for one language; what several pages show (an incident as a row,
    a platform's bars) is built once and shared."""

    def __init__(self, analysis: Analysis, language: Language, routes: Routes) -> None:
        self.analysis = analysis
        self.language = language
        self.routes = routes
        self.latin = language.latin
        self.lang = language.code
        self._items: dict[str, IncidentItem] = {}
        self._bars: dict[str, Bars] = {}

    # -- shared pieces --

    def url(self, path: str) -> str:
        return page_url(path, self.routes.directory_urls)

    def shown(self, text: LocalizedText) -> Shown:
        found = text.get(self.lang)
        direction = l10n.direction(found.lang)
        if direction == "rtl" and self.latin is not None:
            html = Markup(isolate_latin(found.text, self.latin))
        else:
            html = escape(found.text)
        return Shown(found.text, found.lang, direction, found.is_fallback, html)

    def attribution(self, figure: Figure) -> Markup | None:
        """Who counted a figure and who reported it, in this language's words around the
        names as written: "Downdetector, via Reuters", «Downdetector، عبر Reuters»."""
        by = None if figure.by is None else self.written(figure.by)
        via = None if figure.via is None else self.written(figure.via)
        if via is None:
            return by
        if by is None:
            return escape(self.language.gettext("via %(via)s")) % {"via": via}
        return escape(self.language.gettext("%(by)s, via %(via)s")) % {"by": by, "via": via}

    def written(self, text: str) -> Markup:
        """A text of the incident file in no particular language (who counted a figure): on a
        right-to-left page, isolated whole when it has no right-to-left letter ("Ookla
        (Downdetector's owner)": its parentheses would turn around the words otherwise), else
        its Latin-script runs."""
        if self.language.direction == "rtl" and self.latin is not None:
            if not l10n.has_right_to_left(text):
                return Markup('<bdi dir="ltr" lang="%s">%s</bdi>') % (self.latin, text)
            return Markup(isolate_latin(text, self.latin))
        return escape(text)

    def status(self, status: ComponentStatus) -> Status:
        return Status(status.value, self.language.gettext(COMPONENT_STATUS[status]))

    def platform_link(self, platform_id: str) -> Link:
        name = self.analysis.platform_by_id[platform_id].name.get(self.lang).text
        return Link(name, self.url(platform_path(platform_id)))

    def incident_link(self, incident: Incident) -> Link:
        return Link(self.shown(incident.title).html, self.url(incident_path(incident.id)))

    def moment(self, moment: datetime, *, zone: bool = True) -> Moment:
        return Moment(_iso(moment), self.language.moment(moment, zone=zone))

    def day(self, moment: datetime) -> Moment:
        local = self.language.local(moment).date()
        return Moment(local.isoformat(), self.language.date(local))

    def when(
        self, when: When, *, same_day_as: datetime | None = None, zone: bool = False
    ) -> Moment:
        """A time as the sources give it: "15:39", "about 15:00", "15:00 to 15:19",
        "after 19:00 (end not reported)"; its day left out when it is ``same_day_as``'s (or,
        for the end of a range, its start's), its zone said when ``zone``."""
        language, gettext = self.language, self.language.gettext

        def shown(moment: datetime, day_of: datetime | None, last: bool) -> str:
            if (
                day_of is not None
                and language.local(moment).date() == language.local(day_of).date()
            ):
                text = language.clock(moment)
                return language.with_zone(text, moment) if zone and last else text
            return language.moment(moment, zone=zone and last)

        if when.latest is None:
            time = shown(when.earliest, same_day_as, True)
            text = gettext("after %(time)s (end not reported)") % {"time": time}
        elif when.latest == when.earliest:
            text = shown(when.earliest, same_day_as, True)
            if when.about is not None:
                text = gettext("about %(time)s") % {"time": text}
        else:
            text = gettext("%(earliest)s to %(latest)s") % {
                "earliest": shown(when.earliest, same_day_as, False),
                "latest": shown(when.latest, when.earliest, True),
            }
        return Moment(_iso(when.point), text)

    def item(self, incident: Incident) -> IncidentItem:
        """An incident as a row of a list: title, day, duration, impact, platforms."""
        if incident.id not in self._items:
            analysis, gettext = self.analysis, self.language.gettext
            over = analysis.is_over(incident)
            phase = None if over else self.phase(incident)
            self._items[incident.id] = IncidentItem(
                id=incident.id,
                url=self.url(incident_path(incident.id)),
                title=self.shown(incident.title),
                day=self.day(incident.started_at),
                duration=self.duration_text(incident),
                impact=Status(incident.impact.value, gettext(IMPACT[incident.impact])),
                phase=phase,
                low_confidence=incident.confidence is Confidence.LOW,
                platforms=tuple(self.platform_link(p) for p in incident.platforms),
            )
        return self._items[incident.id]

    def phase(self, incident: Incident) -> Status:
        phase = self.analysis.phase(incident)
        return Status(phase.value, self.language.gettext(UPDATE_STATUS[phase]))

    def duration_text(self, incident: Incident) -> str:
        """How long it lasted, as honestly as the sources allow, or "Not started"."""
        analysis, language = self.analysis, self.language
        if not analysis.has_started(incident):
            return language.gettext("Not started")
        measures = analysis.measures.get(incident.id)
        if measures is not None:
            return language.span(measures.span)
        span = analysis.duration(incident) or timedelta(0)
        if analysis.is_over(incident):
            return language.duration(span)
        return language.gettext("%(duration)s so far") % {"duration": language.duration(span)}

    def markdown(self, text: LocalizedText) -> tuple[Markup, str | None, str]:
        found = text.get(self.lang)
        lang = found.lang if found.is_fallback else None
        direction = l10n.direction(found.lang)
        latin = self.latin if direction == "rtl" else None
        return Markup(render_markdown(found.text, latin)), lang, direction

    def update(self, update: Update, incident: Incident) -> UpdateView:
        html, lang, direction = self.markdown(update.text)
        return UpdateView(
            phase=Status(update.status.value, self.language.gettext(UPDATE_STATUS[update.status])),
            at=self.when(update.posted, zone=True),
            text=html,
            text_lang=lang,
            text_dir=direction,
            sources=tuple(self.source(s) for s in update.sources),
        )

    def source(self, source: Source) -> SourceView:
        lang = source.lang or self.analysis_default_language
        other = lang if lang != self.lang else None
        return SourceView(
            url=source.url,
            title=source.title,
            lang=other,
            dir=l10n.direction(lang),
            kind=self.language.gettext(SOURCE_KIND[source.kind]),
        )

    @cached_property
    def analysis_default_language(self) -> str:
        """The language a source title is in unless it says otherwise: the site's default."""
        for platform in self.analysis.platforms:
            return next(iter(platform.name.values))
        return self.lang

    def bars(self, platform: Platform) -> Bars:
        if platform.id not in self._bars:
            self._bars[platform.id] = self._build_bars(platform)
        return self._bars[platform.id]

    def _build_bars(self, platform: Platform) -> Bars:
        language, gettext = self.language, self.language.gettext
        record = self.analysis.uptime[platform.id]
        days = record.days
        geometry = bars_geometry(len(days), self.language.direction == "rtl")
        comma, semicolon = gettext(", "), gettext("; ")
        bars = []
        for k, entry in enumerate(days):
            label = language.date(entry.date) + gettext(": ")
            if entry.tracked:
                label += self.percent(entry.uptime, entry.estimated) + comma
                label += gettext(COMPONENT_STATUS[entry.worst])
            else:
                label += gettext("Not tracked")
            titles = [
                self.shown(self.analysis.incident_by_id[i].title).text for i in entry.incidents
            ]
            if titles:
                label += semicolon + comma.join(titles)
            url = self.url(incident_path(entry.incidents[-1])) if entry.incidents else None
            status = entry.worst.value if entry.tracked else "untracked"
            bars.append(Bar(geometry.x[k], status, label, url))
        with_incidents = [d for d in days if d.incidents]
        window = record.windows["90d"]
        return Bars(
            geometry=geometry,
            bars=tuple(bars),
            label=language.count(
                "Uptime over the last %(num)d day", "Uptime over the last %(num)d days", len(days)
            ),
            oldest=language.count("%(num)d day ago", "%(num)d days ago", len(days)),
            uptime=escape(gettext("%(uptime)s uptime"))
            % {"uptime": self.percent_html(window.uptime, window.estimated)},
            newest=gettext("Today"),
            days=tuple(self._day_row(d) for d in reversed(with_incidents)),
            days_summary=language.count(
                "%(num)d day with incidents", "%(num)d days with incidents", len(with_incidents)
            ),
        )

    def _day_row(self, day: DayUptime) -> DayRow:
        incidents = tuple(
            self.incident_link(self.analysis.incident_by_id[i]) for i in day.incidents
        )
        return DayRow(
            day=self.language.date(day.date),
            uptime=self.percent_html(day.uptime, day.estimated),
            status=self.status(day.worst),
            incidents=incidents,
        )

    def percent(self, fraction: float | None, estimated: bool = False) -> str:
        """Uptime floored, never rounded up; "at most" where times are estimated."""
        if fraction is None:
            return self.language.gettext("No data")
        shown = self.language.percent(fraction)
        if estimated:
            return self.language.gettext("at most %(uptime)s") % {"uptime": shown}
        return shown

    def percent_html(self, fraction: float | None, estimated: bool = False) -> Markup:
        """The same for a page's text: the number isolated left to right, so that in Arabic
        "100.00%" does not show as "%100.00"."""
        if fraction is None:
            return escape(self.language.gettext("No data"))
        shown = Markup('<bdi dir="ltr">%s</bdi>') % self.language.percent(fraction)
        if estimated:
            return escape(self.language.gettext("at most %(uptime)s")) % {"uptime": shown}
        return shown

    def feed(self, folder: str = "") -> Feed:
        return Feed(folder + "feed.rss", folder + "feed.atom")

    # -- pages --

    def overview(self) -> OverviewView:
        analysis, gettext = self.analysis, self.language.gettext
        active = []
        for incident in analysis.active:
            latest = incident.updates[-1]
            active.append(ActiveIncident(self.item(incident), self.update(latest, incident)))
        return OverviewView(
            indicator=Status(analysis.indicator.value, gettext(INDICATOR[analysis.indicator])),
            built=self.moment(analysis.now),
            active=tuple(active),
            upcoming=tuple(self.item(i) for i in analysis.upcoming),
            platforms=tuple(
                PlatformRow(
                    self.platform_link(p.id), self.status(analysis.statuses[p.id]), self.bars(p)
                )
                for p in analysis.platforms
            ),
            recent=tuple(self.item(i) for i in analysis.newest_first[:RECENT]),
            history=self.url("history.md"),
            feed=self.feed(),
            api="api/v2/summary.json",
            calendar="maintenance.ics",
        )

    def incident(self, incident: Incident) -> IncidentView:
        analysis, language, gettext = self.analysis, self.language, self.language.gettext
        facts = []
        if incident.scheduled is not None:
            window = incident.scheduled
            facts.append(Fact(gettext("Scheduled"), language.window(window.start, window.end)))
        if analysis.has_started(incident) and incident.impacts:
            starts = [i.started for i in incident.impacts]
            first = min(starts, key=lambda w: w.point)
            started = self.when(first, zone=True)
            facts.append(Fact(gettext("Started"), started.text, started.iso))
            ended = self._ended(incident)
            facts.append(Fact(gettext("Ended"), ended.text, ended.iso or None))
            facts.append(Fact(gettext("Duration"), self.duration_text(incident)))
        elif analysis.has_started(incident):
            started = language.moment(incident.started_at)
            facts.append(Fact(gettext("Started"), started, _iso(incident.started_at)))
        else:
            starts = language.moment(incident.started_at)
            facts.append(Fact(gettext("Starts"), starts, _iso(incident.started_at)))
        comparison = self._comparison(incident)
        not_compared = None
        if incident.confidence is Confidence.LOW and incident.kind is Kind.INCIDENT:
            not_compared = gettext(
                "This record rests on limited sources: times and scope are estimates, and it "
                "is left out of comparisons."
            )
        return IncidentView(
            title=self.shown(incident.title),
            phase=self.phase(incident),
            impact=Status(incident.impact.value, gettext(IMPACT[incident.impact])),
            landmark=incident.landmark,
            maintenance=incident.kind is Kind.MAINTENANCE,
            low_confidence=incident.confidence is Confidence.LOW,
            facts=tuple(facts),
            platforms=tuple(self.platform_link(p) for p in incident.platforms),
            impacts=tuple(self._impact_row(i, incident) for i in incident.impacts),
            zone_sentence=language.zone_sentence(analysis.now),
            updates=tuple(self.update(u, incident) for u in reversed(incident.updates)),
            comparison=comparison,
            not_compared=not_compared,
            figures=tuple(self.figure(f) for f in incident.figures),
        )

    def _ended(self, incident: Incident) -> Moment:
        gettext = self.language.gettext
        ends = [i.ended for i in incident.impacts]
        if None in ends or not self.analysis.is_over(incident):
            return Moment("", gettext("Ongoing"))
        known = [e for e in ends if e is not None]
        last = max(known, key=lambda w: (w.latest is None, w.latest or w.earliest))
        return self.when(last, same_day_as=incident.started_at, zone=True)

    def _impact_row(self, impact: Impact, incident: Incident) -> ImpactRow:
        language, gettext = self.language, self.language.gettext
        start_day = incident.started_at
        now = self.analysis.now
        started = self.when(impact.started, same_day_as=start_day)
        if impact.ended is not None:
            end = self.when(impact.ended, same_day_as=start_day)
            span = span_between((impact.started,), (impact.ended,), now)
            duration = language.span(span)
            return ImpactRow(
                self.platform_link(impact.platform),
                self.status(impact.status),
                started,
                end,
                end.text,
                duration,
            )
        if impact.start > now:
            duration = gettext("Not started")
        else:
            duration = gettext("%(duration)s so far") % {
                "duration": language.duration(now - impact.start)
            }
        return ImpactRow(
            self.platform_link(impact.platform),
            self.status(impact.status),
            started,
            None,
            gettext("Ongoing"),
            duration,
        )

    def figure(self, figure: Figure) -> FigureView:
        return FigureView(
            label=None if figure.label is None else self.shown(figure.label),
            key=figure.key,
            value=self.language.figure(figure.value),
            source=figure.source,
            by=self.attribution(figure),
            at=None if figure.at is None else self.when(figure.at, zone=True),
        )

    def _comparison(self, incident: Incident) -> ComparisonView | None:
        analysis, language, gettext = self.analysis, self.language, self.language.gettext
        comparisons = analysis.comparisons(incident)
        if not comparisons:
            return None
        here = analysis.measures[incident.id]
        others = [analysis.measures[c.other_id] for c in comparisons]
        sentences = tuple(
            comparison_sentence(here, other, c, language, platforms=analysis.platform_by_id)
            for other, c in zip(others, comparisons, strict=True)
        )
        rank = analysis.ranks.get(incident.id)
        measures = [here, *others]
        incidents = [incident, *(analysis.incident_by_id[m.incident_id] for m in others)]
        chart = duration_chart([m.span for m in measures], language.direction == "rtl")
        chart_rows = tuple(
            ChartRow(
                gettext("This incident") if k == 0 else self.shown(i.title).html,
                None if k == 0 else self.url(incident_path(i.id)),
                language.span(m.span),
            )
            for k, (i, m) in enumerate(zip(incidents, measures, strict=True))
        )
        columns = tuple(
            Link(gettext("This incident"), "")
            if k == 0
            else Link(self.day(i.started_at).text, self.url(incident_path(i.id)))
            for k, i in enumerate(incidents)
        )
        return ComparisonView(
            ranks=() if rank is None else self.ranks(rank, incident),
            sentences=sentences,
            chart=chart,
            chart_label=gettext("; ").join(
                f"{self.day(i.started_at).text}{gettext(': ')}{language.span(m.span)}"
                for i, m in zip(incidents, measures, strict=True)
            ),
            chart_rows=chart_rows,
            columns=columns,
            rows=self._measure_rows(measures),
            figure_pairs=tuple(
                self._figure_pair(pair, analysis.incident_by_id[c.other_id])
                for c in comparisons
                for pair in c.shared_figures
            ),
        )

    def _measure_rows(self, measures: Sequence[Measures]) -> tuple[Row, ...]:
        language, gettext = self.language, self.language.gettext

        def first_word(m: Measures) -> str:
            first = m.first_official
            if first is None:
                return gettext("No official word")
            if first.longest == timedelta(0):
                return gettext("Immediate")
            return language.span(first)

        def hit(m: Measures) -> Cell:
            links = tuple(self.platform_link(p) for p in m.hit)
            return Cell("" if links else "—", links=links)

        return (
            Row(gettext("Duration"), tuple(Cell(language.span(m.span)) for m in measures)),
            Row(gettext("Tracked platforms with an outage"), tuple(hit(m) for m in measures)),
            Row(
                gettext("Worst status"),
                tuple(Cell("", status=self.status(m.worst)) for m in measures),
            ),
            Row(
                gettext("Weighted outage minutes"),
                tuple(Cell(self._weighted(m)) for m in measures),
            ),
            Row(
                gettext("Time to first official word"), tuple(Cell(first_word(m)) for m in measures)
            ),
            Row(
                gettext("Official updates"),
                tuple(Cell(language.integer(m.official_updates)) for m in measures),
            ),
        )

    def _weighted(self, m: Measures) -> str:
        language = self.language
        least = language.integer(round(m.weighted_minutes))
        most = m.weighted_minutes_most
        if most is None:
            if m.ongoing:
                return least
            return language.gettext("at least %(duration)s") % {"duration": least}
        if round(most) == round(m.weighted_minutes):
            return least
        return language.gettext("%(earliest)s to %(latest)s") % {
            "earliest": least,
            "latest": language.integer(round(most)),
        }

    def _figure_pair(self, pair: FigurePair, other: Incident) -> FigurePairView:
        return FigurePairView(
            self.figure(pair.here),
            self.figure(pair.there),
            Link(self.day(other.started_at).text, self.url(incident_path(other.id))),
        )

    def ranks(self, rank: Rank, incident: Incident) -> tuple[str, ...]:
        """Where the incident stands among the records: its place by duration ("By duration:
        the 3rd longest of 13."), "the longest in this record since <year>", and its place on
        each platform it hit."""
        gettext, language = self.language.gettext, self.language
        lines = [
            gettext("By duration: %(place)s of %(total)s.")
            % {"place": place_words(language, rank.by_duration), "total": language.integer(rank.of)}
        ]
        year = incident.started_at.astimezone(self.analysis.zone).year
        if rank.since is None and rank.of > 1:
            lines.append(gettext("The longest in this record when it happened."))
        elif rank.since_year is not None and rank.since_year < year - 1:
            message = gettext("The longest in this record since %(year)s.")
            lines.append(message % {"year": rank.since_year})
        for platform_rank in rank.platforms:
            name = self.analysis.platform_by_id[platform_rank.platform].name.get(self.lang).text
            lines.append(
                gettext("%(platform)s: %(place)s of %(total)s.")
                % {
                    "platform": name,
                    "place": place_words(language, platform_rank.place),
                    "total": language.integer(platform_rank.of),
                }
            )
        return tuple(lines)

    def place(self, place: Place) -> str:
        """ "3", or "3–5" where the sources' ranges leave the place open."""
        if place.is_exact:
            return self.language.integer(place.best)
        return self.language.gettext("%(best)s–%(worst)s") % {
            "best": self.language.integer(place.best),
            "worst": self.language.integer(place.worst),
        }

    def platform(self, platform: Platform) -> PlatformView:
        analysis, language, gettext = self.analysis, self.language, self.language.gettext
        record = analysis.uptime[platform.id]
        incidents = analysis.incidents_by_platform[platform.id]
        facts = [
            Fact(
                gettext("Tracked since"),
                language.date(platform.tracked_since),
                platform.tracked_since.isoformat(),
            ),
            Fact(gettext("Incidents"), language.integer(len(incidents))),
        ]
        windows = []
        estimated = False
        for name, days in WINDOWS.items():
            window: WindowUptime = record.windows[name]
            estimated = estimated or window.estimated
            label = (
                gettext("All time")
                if days is None
                else language.count("Last %(num)d day", "Last %(num)d days", days)
            )
            windows.append(
                WindowRow(
                    label,
                    self.percent_html(window.uptime, window.estimated),
                    language.duration(timedelta(seconds=window.downtime_seconds))
                    if window.downtime_seconds
                    else gettext("No downtime"),
                )
            )
        years = tuple(
            YearRow(
                year=Link(str(y.year), self.url(f"platforms/{platform.id}/{y.year}.md")),
                incidents=language.integer(y.incidents),
                total=self._total(y.total, y.estimated),
                longest=Link(
                    language.span(y.longest_measure.span), self.url(incident_path(y.longest))
                ),
                mean=gettext("No data")
                if y.mean_time_to_resolve is None
                else language.duration(y.mean_time_to_resolve),
            )
            for y in analysis.yearly[platform.id]
        )
        return PlatformView(
            name=platform.name.get(self.lang).text,
            status=self.status(analysis.statuses[platform.id]),
            url=platform.url or None,
            facts=tuple(facts),
            windows=tuple(windows),
            estimated_note=gettext(
                "Uptime marked “at most” counts an outage whose times the sources give only "
                "roughly, or whose end they do not give, for the shortest time they support."
            )
            if estimated
            else None,
            bars=self.bars(platform),
            years=years,
            recent=tuple(self.item(i) for i in incidents[:PLATFORM_RECENT]),
            year_links=tuple(
                Link(str(year), self.url(f"platforms/{platform.id}/{year}.md"))
                for year in analysis.platform_by_year[platform.id]
            ),
            feed=self.feed(f"platforms/{platform.id}/"),
        )

    def _total(self, total: timedelta, estimated: bool) -> str:
        shown = self.language.duration(total)
        if estimated:
            return self.language.gettext("at least %(duration)s") % {"duration": shown}
        return shown

    def history(
        self, by_year: dict[int, tuple[Incident, ...]] | None, year: int | None, path_of
    ) -> HistoryView:
        """One year's incidents by month, and links to every year of ``by_year``."""
        by_year = by_year if by_year is not None else dict(self.analysis.by_year)
        shown = by_year.get(year, ()) if year is not None else ()
        years = tuple(
            YearLink(
                y, self.language.integer(len(found)), None if y == year else self.url(path_of(y))
            )
            for y, found in by_year.items()
        )
        return HistoryView(years=years, sections=self._sections(shown))

    def _sections(self, incidents: Iterable[Incident]) -> tuple[YearSection, ...]:
        years: dict[int, dict[int, list[Incident]]] = {}
        for incident in incidents:
            local = self.language.local(incident.started_at)
            years.setdefault(local.year, {}).setdefault(local.month, []).append(incident)
        return tuple(
            YearSection(
                year,
                tuple(
                    Month(
                        f"y{year}-{month:02d}",
                        self.language.month(year, month),
                        tuple(self.item(i) for i in found),
                    )
                    for month, found in months.items()
                ),
            )
            for year, months in years.items()
        )

    def compare(self) -> CompareView:
        analysis, language, gettext = self.analysis, self.language, self.language.gettext
        ranked = list(analysis.ranks.values())
        rankings = []
        for key, title, anchor in (
            ("by_duration", gettext("By duration"), "by-duration"),
            ("by_weighted_minutes", gettext("By weighted outage minutes"), "by-weighted-minutes"),
        ):
            ordered = sorted(ranked, key=lambda r, key=key: self._rank_order(r, key))
            note = None
            if len(ordered) > MAX_RANKED:
                note = gettext("The top %(num)s of %(total)s.") % {
                    "num": language.integer(MAX_RANKED),
                    "total": language.integer(len(ordered)),
                }
            rows = tuple(self._rank_row(r, key) for r in ordered[:MAX_RANKED])
            rankings.append(Ranking(anchor, title, note, rows))
        return CompareView(timeline=self._timeline(), rankings=tuple(rankings))

    def _rank_order(self, rank: Rank, key: str) -> tuple[int, int, float, str]:
        place: Place = getattr(rank, key)
        m = self.analysis.measures[rank.incident_id]
        size = m.span.shortest.total_seconds() if key == "by_duration" else m.weighted_minutes
        return place.best, place.worst, -size, rank.incident_id

    def _rank_row(self, rank: Rank, key: str) -> RankRow:
        language = self.language
        m = self.analysis.measures[rank.incident_id]
        incident = self.analysis.incident_by_id[rank.incident_id]
        return RankRow(
            place=self.place(getattr(rank, key)),
            incident=self.incident_link(incident),
            day=self.day(incident.started_at),
            duration=language.span(m.span),
            weighted=self._weighted(m),
            platforms=tuple(self.platform_link(p) for p in m.hit),
        )

    def _timeline(self) -> TimelineView | None:
        analysis, language, gettext = self.analysis, self.language, self.language.gettext
        comparable_incidents = [
            i for i in analysis.newest_first if comparable(i, analysis.measures)
        ]
        if not comparable_incidents:
            return None
        longest = sorted(comparable_incidents, key=lambda i: analysis.measures[i.id].duration)
        kept = {i.id for i in longest[-MAX_TIMELINE:]}
        measured = [i for i in comparable_incidents if i.id in kept]
        first = min(i.started_at for i in measured)
        geometry = timeline_geometry(
            len(analysis.platforms),
            first.astimezone(analysis.zone).year,
            analysis.now,
            language.direction == "rtl",
        )
        comma = gettext(", ")
        rows = []
        for index, platform in enumerate(analysis.platforms):
            name = platform.name.get(self.lang).text
            dots = []
            for incident in reversed(measured):  # oldest first: newer dots drawn on top
                on = analysis.measures[incident.id].on(platform.id)
                if on is None or not on.hit:  # a slowdown is not an outage: not drawn as one
                    continue
                label = (
                    f"{self.shown(incident.title).text} ({name}{comma}"
                    f"{self.day(incident.started_at).text}{comma}"
                    f"{gettext(COMPONENT_STATUS[on.worst])}{comma}{language.span(on.span)})"
                )
                dots.append(
                    Dot(
                        geometry.x_of(incident.started_at),
                        dot_radius(on.span.middle),
                        on.worst.value,
                        label,
                        self.url(incident_path(incident.id)),
                    )
                )
            rows.append(TimelineRow(name, geometry.row_y(index), tuple(dots)))
        caption = gettext(
            "Each circle is an outage on one platform; its area grows with the outage's duration."
        )
        if len(measured) < len(comparable_incidents):
            caption += " " + gettext("The %(num)s longest of %(total)s outages are shown.") % {
                "num": language.integer(len(measured)),
                "total": language.integer(len(comparable_incidents)),
            }
        return TimelineView(
            geometry=geometry,
            rows=tuple(rows),
            ticks=tuple(geometry.ticks(analysis.now.astimezone(analysis.zone).year)),
            caption=caption,
            legend=(
                self.status(ComponentStatus.PARTIAL_OUTAGE),
                self.status(ComponentStatus.MAJOR_OUTAGE),
            ),
        )

    def reference(self, reference: Reference) -> ReferenceView:
        """Every setting and incident field, described in the page's language."""
        return ReferenceView(
            tuple(self._entry(e) for e in reference.settings),
            tuple(self._entry(e) for e in reference.fields),
        )

    def _entry(self, entry: Entry) -> EntryView:
        gettext = self.language.gettext
        return EntryView(
            name=entry.name,
            kinds=self.language.alternatives([gettext(TYPE_NAMES[k]) for k in entry.kinds]),
            values=entry.values,
            required=entry.required,
            default=entry.default,
            description=Markup(render_inline(gettext(entry.description))),
        )


LONGEST: tuple[str, ...] = (
    N_("the longest"),
    N_("the 2nd longest"),
    N_("the 3rd longest"),
    N_("the 4th longest"),
    N_("the 5th longest"),
    N_("the 6th longest"),
    N_("the 7th longest"),
    N_("the 8th longest"),
    N_("the 9th longest"),
    N_("the 10th longest"),
)


def place_words(language: Language, place: Place) -> str:
    """A place as words, each language its own ordinals: "the 3rd longest", "between the
    2nd and the 4th longest"; numbers beyond the tenth ("place 14", "between places 9 and
    12": one form for both ends, never an ordinal beside a number)."""
    gettext, integer = language.gettext, language.integer
    if place.is_exact:
        if place.best <= len(LONGEST):
            return gettext(LONGEST[place.best - 1])
        return gettext("place %(num)s") % {"num": integer(place.best)}
    if place.worst <= len(ORDINALS):
        return gettext("between %(best)s and %(worst)s longest") % {
            "best": gettext(ORDINALS[place.best - 1]),
            "worst": gettext(ORDINALS[place.worst - 1]),
        }
    return gettext("between places %(best)s and %(worst)s") % {
        "best": integer(place.best),
        "worst": integer(place.worst),
    }


ORDINALS: tuple[str, ...] = (
    N_("the 1st"),
    N_("the 2nd"),
    N_("the 3rd"),
    N_("the 4th"),
    N_("the 5th"),
    N_("the 6th"),
    N_("the 7th"),
    N_("the 8th"),
    N_("the 9th"),
    N_("the 10th"),
)
"""The first ten places as words: each language writes its own ordinals ("ثالث أطول انقطاع")."""


def _iso(moment: datetime) -> str:
    return iso_utc(moment)
