"""What a page says about itself in ``<head>``: link previews and its feeds.

A link pasted into WhatsApp or X during an outage should say what is going on: Open Graph and
Twitter card meta carry the title (with the status), a description and the canonical URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from markupsafe import escape

from nabd.core.present.language import Language


@dataclass(frozen=True)
class Preview:
    title: str
    description: str
    url: str
    kind: str = "website"
    """``og:type``: ``article`` for incident pages, ``website`` for the others."""


def head_html(preview: Preview, lang: str, site_name: str, feeds: dict[str, str]) -> str:
    """The tags for a page's ``<head>``: link preview meta and one alternate link per feed.

    ``feeds`` maps a feed's absolute URL to its title.
    """
    meta = [
        ("property", "og:type", preview.kind),
        ("property", "og:site_name", site_name),
        ("property", "og:title", preview.title),
        ("property", "og:description", preview.description),
        ("property", "og:url", preview.url),
        ("property", "og:locale", og_locale(lang)),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", preview.title),
        ("name", "twitter:description", preview.description),
    ]
    tags = [f'<meta {attr}="{name}" content="{escape(value)}">' for attr, name, value in meta]
    tags += [
        f'<link rel="alternate" type="{_feed_type(url)}" title="{escape(title)}" '
        f'href="{escape(url)}">'
        for url, title in feeds.items()
    ]
    return "\n".join(tags) + "\n"


def feed_titles(base_url: str, site_name: str, language: Language) -> dict[str, str]:
    """The site-wide feeds every page announces."""
    gettext = language.gettext
    return {
        f"{base_url}feed.rss": gettext("%(site)s (RSS)") % {"site": site_name},
        f"{base_url}feed.atom": gettext("%(site)s (Atom)") % {"site": site_name},
    }


def _feed_type(url: str) -> str:
    return "application/atom+xml" if url.endswith(".atom") else "application/rss+xml"


@cache
def og_locale(lang: str) -> str:
    """Open Graph's ``language_TERRITORY`` for a site's language: the territory it names
    (``pt-BR``), else CLDR's likeliest one (``fr`` -> ``fr_FR``, ``ar`` -> ``ar_EG``)."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
        if locale.territory is None:
            locale = Locale.parse(get_global("likely_subtags")[locale.language])
    except (KeyError, ValueError, UnknownLocaleError):
        return lang
    return f"{locale.language}_{locale.territory}"
