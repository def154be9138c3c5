"""Every machine-readable output of a site in one language: feeds, APIs, badges, calendar,
the incident schema.

Paths are language-neutral (``feed.rss``); the caller puts each language's under its prefix,
so ``/ar/feed.rss`` is the Arabic feed and every path exists in every language.
"""

from __future__ import annotations

from nabd.core.analysis.analysis import Analysis
from nabd.core.edition.outputs.badges import badge_outputs
from nabd.core.edition.outputs.calendar import calendar_outputs
from nabd.core.edition.outputs.feeds import feed_outputs
from nabd.core.edition.outputs.schema import schema_outputs
from nabd.core.edition.outputs.statuspage import statuspage_outputs
from nabd.core.edition.outputs.uptime_api import uptime_document
from nabd.core.edition.routes import Routes
from nabd.core.model.languages import Languages
from nabd.core.present.formats import dump
from nabd.core.present.language import Language


def shared_outputs(site: Analysis, languages: Languages) -> dict[str, str]:
    """The outputs that say the same in every language (numbers, the incident schema): made
    once per build and published under every language's prefix."""
    uptime = uptime_document(site.uptime, site.weights, site.now, site.timezone)
    return {"api/uptime.json": dump(uptime), **schema_outputs(languages)}


def language_outputs(
    site: Analysis, language: Language, routes: Routes, site_name: str
) -> dict[str, str]:
    """The outputs of ``site`` in ``language``, their links made by ``routes``."""
    return {
        **feed_outputs(site, language, routes, site_name),
        **statuspage_outputs(site, language, routes, site_name),
        **badge_outputs(site, language),
        **calendar_outputs(site, language, routes, site_name),
    }
