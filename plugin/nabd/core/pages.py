"""Which pages a status site has, in one language: their paths, templates and titles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .l10n import translations
from .site import Site


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


def overview_path() -> str:
    return "index.md"


def history_path() -> str:
    return "history.md"


def platform_path(platform_id: str) -> str:
    return f"platforms/{platform_id}.md"


def incident_path(incident_id: str) -> str:
    return f"incidents/{incident_id}.md"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL of a source path, as MkDocs gives it (``incidents/x.md`` -> ``incidents/x/``)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def site_pages(site: Site, lang: str) -> list[PageSpec]:
    """Every generated page of ``site`` in ``lang``.

    Platform and incident pages stay out of the navigation: every nav entry is rendered into
    every page's sidebar, so a nav that grows with the incidents makes the build quadratic.
    """
    gettext = translations(lang).gettext
    pages = [
        PageSpec(overview_path(), "nabd/overview.html", gettext("Current status"), in_nav=True),
        PageSpec(history_path(), "nabd/history.html", gettext("Incident history"), in_nav=True),
    ]
    pages += [
        PageSpec(
            platform_path(p.id),
            "nabd/platform.html",
            p.name.get(lang).text,
            in_nav=False,
            context={"platform": p},
        )
        for p in site.platforms
    ]
    pages += [
        PageSpec(
            incident_path(i.id),
            "nabd/incident.html",
            i.title.get(lang).text,
            in_nav=False,
            context={"incident": i},
        )
        for i in site.incidents
    ]
    return pages
