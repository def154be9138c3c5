"""Every machine-readable output of a site in one language: feeds, APIs, badges, calendar.

Paths are language-neutral (``feed.rss``); the caller puts each language's under its prefix,
so ``/ar/feed.rss`` is the Arabic feed and every path exists in every language.
"""

from __future__ import annotations

from nabd.core.analysis.site import Site
from nabd.core.edition.outputs.badges import badge_outputs
from nabd.core.edition.outputs.calendar import calendar_outputs
from nabd.core.edition.outputs.feeds import feed_outputs
from nabd.core.edition.outputs.statuspage import statuspage_outputs
from nabd.core.edition.outputs.uptime_api import uptime_document
from nabd.core.edition.routes import Routes
from nabd.core.present.formats import dump


def site_outputs(site: Site, lang: str, routes: Routes, site_name: str) -> dict[str, str]:
    """Every output of ``site`` in ``lang``, its links made by ``routes``."""
    uptime = uptime_document(site.uptime, site.weights, site.now, site.timezone)
    return {
        "api/uptime.json": dump(uptime),
        **feed_outputs(site, lang, routes, site_name),
        **statuspage_outputs(site, lang, routes, site_name),
        **badge_outputs(site, lang),
        **calendar_outputs(site, lang, routes, site_name),
    }
