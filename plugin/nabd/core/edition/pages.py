"""Which pages a status site has, in one language: their paths, templates, titles and views."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from nabd.core.analysis.analysis import Analysis
from nabd.core.edition.reference import Reference
from nabd.core.edition.routes import (
    compare_path,
    history_path,
    incident_path,
    overview_path,
    platform_path,
    platform_year_path,
    reference_path,
)
from nabd.core.edition.views import Views
from nabd.core.model.models import Incident
from nabd.core.present.labels import COMPONENT_STATUS, INDICATOR, UPDATE_STATUS


@dataclass(frozen=True)
class PageSpec:
    """A generated page.

    ``path`` is the page's source path without a language prefix (``incidents/<id>.md``): the
    same page exists in every language, and links between two pages of one language are the
    same relative URLs in all of them. ``view`` builds what the page shows when it is rendered,
    so a site of thousands of incidents never holds every page's view at once.
    """

    path: str
    template: str
    title: str
    in_nav: bool
    view: Callable[[], Any]
    inputs: Hashable | None = None
    """Everything the page shows depends on, besides its language, for a page of which a site
    has thousands (an incident's): the same inputs make the same page, so a rebuild can keep
    it. ``None``: always rendered."""
    headline: str = ""
    """The title a link preview shows: with the status, where the page has one."""
    summary: str = ""
    """The description a link preview shows."""
    kind: str = "website"


def site_pages(
    analysis: Analysis, views: Views, reference: Reference | None = None
) -> list[PageSpec]:
    """Every generated page of the site in ``views``' language (and a reference page when given
    one).

    Platform and incident pages stay out of the navigation: every nav entry is rendered into
    every page's footer, and a nav that grows with the incidents makes the build quadratic.
    """
    language = views.language
    lang = language.code
    gettext = language.gettext

    def names(platform_ids: tuple[str, ...] | list[str]) -> str:
        return language.list([analysis.platform_by_id[p].name.get(lang).text for p in platform_ids])

    def incidents_count(count: int) -> str:
        return language.count("%(num)d incident", "%(num)d incidents", count)

    by_year = dict(analysis.by_year)
    latest_year = next(iter(by_year), None)

    def history_year_path(year: int) -> str:
        """The latest year's incidents are the history page itself, ``history/``."""
        return history_path(None if year == latest_year else year)

    indicator = gettext(INDICATOR[analysis.indicator])
    active = gettext("; ").join(views.shown(i.title).text for i in analysis.active)
    quiet = gettext("No active incidents on %(platforms)s.") % {
        "platforms": names(list(analysis.platform_by_id))
    }
    pages = [
        PageSpec(
            overview_path(),
            "nabd/overview.html",
            gettext("Current status"),
            in_nav=True,
            view=views.overview,
            headline=indicator,
            summary=active or quiet,
        ),
        PageSpec(
            history_path(),
            "nabd/history.html",
            gettext("Incident history"),
            in_nav=True,
            view=lambda: views.history(by_year, latest_year, history_year_path),
            headline=gettext("Incident history"),
            summary=incidents_count(len(analysis.newest_first)),
        ),
        PageSpec(
            compare_path(),
            "nabd/compare.html",
            gettext("All incidents compared"),
            in_nav=True,
            view=views.compare,
            headline=gettext("All incidents compared"),
            summary=incidents_count(len(analysis.ranks)),
        ),
    ]
    if reference is not None:
        title = gettext("Reference")
        pages.append(
            PageSpec(
                reference_path(),
                "nabd/reference.html",
                title,
                in_nav=True,
                view=lambda: views.reference(reference),
                headline=title,
                summary=gettext("Every setting of the site and every field of an incident file."),
            )
        )
    for year in list(by_year)[1:]:
        title = gettext("Incident history: %(year)s") % {"year": year}
        pages.append(
            PageSpec(
                history_path(year),
                "nabd/history.html",
                title,
                in_nav=False,
                view=lambda year=year: views.history(by_year, year, history_year_path),
                inputs=_list_inputs(analysis, by_year, year),
                headline=title,
                summary=incidents_count(len(by_year[year])),
            )
        )
    for p in analysis.platforms:
        name = p.name.get(lang).text
        years = dict(analysis.platform_by_year[p.id])
        for year in years:
            title = gettext("%(platform)s incidents in %(year)s") % {"platform": name, "year": year}
            pages.append(
                PageSpec(
                    platform_year_path(p.id, year),
                    "nabd/history.html",
                    title,
                    in_nav=False,
                    view=lambda year=year, years=years, p=p: views.history(
                        years, year, lambda y: platform_year_path(p.id, y)
                    ),
                    inputs=(p.id, _list_inputs(analysis, years, year)),
                    headline=title,
                    summary=incidents_count(len(years[year])),
                )
            )
        status = gettext(COMPONENT_STATUS[analysis.statuses[p.id]])
        uptime = analysis.uptime[p.id].windows["90d"]
        facts = [incidents_count(len(analysis.incidents_by_platform[p.id]))]
        if uptime.uptime is not None:
            shown = views.percent(uptime.uptime, uptime.estimated)
            facts.insert(0, gettext("%(uptime)s uptime") % {"uptime": shown})
        pages.append(
            PageSpec(
                platform_path(p.id),
                "nabd/platform.html",
                name,
                in_nav=False,
                view=lambda p=p: views.platform(p),
                headline=f"{name}{gettext(': ')}{status}",
                summary=" · ".join(facts),
            )
        )
    for incident in analysis.incidents:
        title = views.shown(incident.title).text
        pages.append(
            PageSpec(
                incident_path(incident.id),
                "nabd/incident.html",
                title,
                in_nav=False,
                view=lambda incident=incident: views.incident(incident),
                inputs=_incident_inputs(analysis, incident),
                headline=f"[{gettext(UPDATE_STATUS[analysis.phase(incident)])}] {title}",
                summary=_incident_summary(incident, views, names(incident.platforms)),
                kind="article",
            )
        )
    return pages


def _incident_inputs(analysis: Analysis, incident: Incident) -> Hashable:
    """What an incident's page shows comes from these: the incident and the ones it is compared
    with, their measures, its place, the platforms, and "now" while it is not over."""
    comparisons = analysis.comparisons(incident)
    others = tuple(analysis.incident_by_id[c.other_id] for c in comparisons)
    return (
        incident,
        analysis.phase(incident),
        analysis.measures.get(incident.id),
        analysis.ranks.get(incident.id),
        comparisons,
        others,
        tuple(analysis.measures[other.id] for other in others),
        analysis.platforms,
        None if analysis.is_over(incident) else analysis.now,
    )


def _list_inputs(
    analysis: Analysis, by_year: Mapping[int, tuple[Incident, ...]], year: int
) -> Hashable:
    """What a page of one year's incidents shows comes from these: the year's incidents, the
    years it links to, the platforms, and "now" while one of them is not over."""
    shown = by_year[year]
    going_on = any(not analysis.is_over(incident) for incident in shown)
    return (
        shown,
        tuple((y, len(found)) for y, found in by_year.items()),
        analysis.platforms,
        analysis.now if going_on else None,
    )


def _incident_summary(incident: Incident, views: Views, platforms: str) -> str:
    """Platforms, duration and day: "Facebook, Instagram · about 2 h 15 min · March 5, 2024"."""
    item = views.item(incident)
    return " · ".join(part for part in (platforms, item.duration, item.day.text) if part)
