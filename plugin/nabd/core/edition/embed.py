"""The page meant for an ``<iframe>`` on another site: the overall status and the active
incidents, in one language, with no script and no theme frame (``templates/nabd/embed.html``)."""

from __future__ import annotations

from dataclasses import dataclass

from nabd.core.edition.pages import PageSpec
from nabd.core.edition.routes import embed_path, overview_path
from nabd.core.edition.views import Moment, Shown, Status, Views


@dataclass(frozen=True)
class EmbedIncident:
    title: Shown
    url: str
    phase: Status
    updated: Moment
    """When its latest update was published."""


@dataclass(frozen=True)
class EmbedView:
    site_name: str
    indicator: Status
    home: str
    incidents: tuple[EmbedIncident, ...]


def embed_page(views: Views, site_name: str) -> PageSpec:
    """The embed page of ``views``' language, rendered by the same ``Renderer`` as the site's
    pages (its links relative to it) but written as a whole document of its own."""

    def view() -> EmbedView:
        overview = views.overview()
        incidents = tuple(
            EmbedIncident(a.item.title, a.item.url, a.latest.phase, a.latest.at)
            for a in overview.active
        )
        return EmbedView(site_name, overview.indicator, views.url(overview_path()), incidents)

    title = views.language.gettext("Current status")
    return PageSpec(embed_path(), "nabd/embed.html", title, in_nav=False, view=view)
