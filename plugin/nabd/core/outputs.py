"""Every machine-readable output of a site in one language: feeds, APIs, badges, calendar.

Paths are language-neutral (``feed.rss``); the caller puts each language's under its prefix,
so ``/ar/feed.rss`` is the Arabic feed and every path exists in every language.
"""

from __future__ import annotations

from .badges import badge_outputs
from .calendar import calendar_outputs
from .feeds import feed_outputs
from .site import Site
from .statuspage import statuspage_outputs
from .uptime_api import dump, uptime_document


def site_outputs(site: Site, lang: str, base_url: str, site_name: str) -> dict[str, str]:
    """``base_url`` is the site's absolute URL in ``lang``, ending with ``/``."""
    uptime = uptime_document(site.uptime, site.weights, site.now, site.timezone)
    return {
        "api/uptime.json": dump(uptime),
        **feed_outputs(site, lang, base_url, site_name),
        **statuspage_outputs(site, lang, base_url, site_name),
        **badge_outputs(site, lang),
        **calendar_outputs(site, lang, base_url, site_name),
    }
