"""Which pages a status site has, in one language: their paths, templates and titles."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from babel.lists import format_list

from nabd.core.analysis.site import Site
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
from nabd.core.model.models import Incident
from nabd.core.present import l10n
from nabd.core.present.labels import COMPONENT_STATUS, INDICATOR, UPDATE_STATUS


@dataclass(frozen=True)
class PageSpec:
    """A generated page.

    ``path`` is the page's source path without a language prefix (``incidents/<id>.md``): the
    same page exists in every language, and links between two pages of one language are the
    same relative URLs in all of them.
    """

    path: str
    template: str
    title: str
    in_nav: bool
    context: Mapping[str, Any] = field(default_factory=dict)
    headline: str = ""
    """The title a link preview shows: with the status, where the page has one."""
    summary: str = ""
    """The description a link preview shows."""
    kind: str = "website"


def site_pages(site: Site, lang: str, reference: Reference | None = None) -> list[PageSpec]:
    """Every generated page of ``site`` in ``lang`` (with a reference page when given one).

    Platform and incident pages stay out of the navigation: every nav entry is rendered into
    every page's sidebar, so a nav that grows with the incidents makes the build quadratic.
    """
    translations = l10n.translations(lang)
    gettext, ngettext = translations.gettext, translations.ngettext

    def names(platform_ids: tuple[str, ...]) -> str:
        found = [site.platform_by_id[p].name.get(lang).text for p in platform_ids]
        return format_list(found, locale=lang) if found else ""

    def incidents_count(count: int) -> str:
        return ngettext("%(num)d incident", "%(num)d incidents", count) % {"num": count}

    latest_year = next(iter(site.by_year), None)

    def history_year_path(year: int) -> str:
        """The latest year's incidents are the history page itself, ``history/``."""
        return history_path(None if year == latest_year else year)

    indicator = gettext(INDICATOR[site.indicator])
    active = "; ".join(i.title.get(lang).text for i in site.active)
    pages = [
        PageSpec(
            overview_path(),
            "nabd/overview.html",
            gettext("Current status"),
            in_nav=True,
            headline=indicator,
            summary=active or f"{gettext('No active incidents')}. {names(site.platform_by_id)}",
        ),
        PageSpec(
            history_path(),
            "nabd/history.html",
            gettext("Incident history"),
            in_nav=True,
            context=_year_context(site.by_year, history_year_path, latest=True),
            headline=gettext("Incident history"),
            summary=incidents_count(len(site.newest_first)),
        ),
        PageSpec(
            compare_path(),
            "nabd/compare.html",
            gettext("All incidents compared"),
            in_nav=True,
            headline=gettext("All incidents compared"),
            summary=incidents_count(len(site.ranks)),
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
                context={"reference": reference},
                headline=title,
                summary=gettext("Every setting of the site and every field of an incident file."),
            )
        )
    for year in list(site.by_year)[1:]:
        title = gettext("Incident history: %(year)s") % {"year": year}
        pages.append(
            PageSpec(
                history_path(year),
                "nabd/history.html",
                title,
                in_nav=False,
                context=_year_context(site.by_year, history_year_path, year=year),
                headline=title,
                summary=incidents_count(len(site.by_year[year])),
            )
        )
    for p in site.platforms:
        name = p.name.get(lang).text
        years = site.platform_by_year[p.id]
        for year in years:
            title = gettext("%(platform)s incidents in %(year)s") % {"platform": name, "year": year}
            pages.append(
                PageSpec(
                    platform_year_path(p.id, year),
                    "nabd/history.html",
                    title,
                    in_nav=False,
                    context=_year_context(
                        years, lambda y, p=p: platform_year_path(p.id, y), year=year
                    ),
                    headline=title,
                    summary=incidents_count(len(years[year])),
                )
            )
        uptime = site.uptime[p.id].windows["90d"].uptime
        facts = [incidents_count(len(site.incidents_by_platform[p.id]))]
        if uptime is not None:
            percent = l10n.format_percent_floor(uptime, lang)
            facts.insert(0, gettext("%(uptime)s uptime") % {"uptime": percent})
        pages.append(
            PageSpec(
                platform_path(p.id),
                "nabd/platform.html",
                name,
                in_nav=False,
                context={"platform": p},
                headline=f"{name}: {gettext(COMPONENT_STATUS[site.statuses[p.id]])}",
                summary=" · ".join(facts),
            )
        )
    for incident in site.incidents:
        title = incident.title.get(lang).text
        pages.append(
            PageSpec(
                incident_path(incident.id),
                "nabd/incident.html",
                title,
                in_nav=False,
                context={"incident": incident},
                headline=f"[{gettext(UPDATE_STATUS[site.phase(incident)])}] {title}",
                summary=_incident_summary(incident, site, lang, names(incident.platforms)),
                kind="article",
            )
        )
    return pages


def _year_context(
    by_year: Mapping[int, Sequence[Incident]],
    path_of: Callable[[int], str],
    *,
    year: int | None = None,
    latest: bool = False,
) -> dict[str, Any]:
    """What a page of one year's incidents shows: that year, and links to every year."""
    if latest:
        year = next(iter(by_year), None)
    return {
        "year": year,
        "incidents": by_year.get(year, ()) if year is not None else (),
        "years": [(y, len(found)) for y, found in by_year.items()],
        "year_paths": {y: path_of(y) for y in by_year},
    }


def _incident_summary(incident: Incident, site: Site, lang: str, platforms: str) -> str:
    """Platforms, duration and day: "Facebook, Instagram · 2 h 15 min · 5 March 2024"."""
    gettext = l10n.translations(lang).gettext
    duration = site.duration(incident)
    if duration is None:
        when = l10n.format_datetime(incident.started_at, lang, site.timezone)
        span = gettext("Starts %(time)s") % {"time": when}
    elif site.is_over(incident):
        span = l10n.format_duration(duration, lang)
    else:
        span = gettext("%(duration)s so far") % {"duration": l10n.format_duration(duration, lang)}
    day = l10n.format_date(incident.started_at.astimezone(site.zone).date(), lang)
    return " · ".join(part for part in (platforms, span, day) if part)
