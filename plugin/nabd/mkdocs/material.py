"""Workarounds for mkdocs-material's theme, each with the reason it is needed.

They touch the HTML and files Material writes, so they live apart from the plugin's events and
are pinned by the browser and quality tests (tests/browser, tests/quality).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

# Material fetches "sitemap.xml" beside every <link rel="alternate"> of a page, on every page
# load, to keep a visitor on the same page across a language switch, which i18n's language
# switcher already does with a direct link. Beside a page's hreflang links there is no sitemap
# (two 404s per page), and beside the feed links it is the list of every page, which grows with
# the incidents (130 KB gzip at 5,000). So the hreflang alternates are left to the sitemap, and
# each language's sitemap.xml is a small index pointing to the list of pages.
HREFLANG_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
SITEMAP = "sitemap.xml"
PAGES_SITEMAP = "sitemap-pages.xml"

# Material's search dialog has no accessible name (axe's and Lighthouse's aria-dialog-name).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


# Material's templates print the site's name, description and author and the language
# switcher's names as they are (MkDocs' Jinja environment does not autoescape), and in places
# through ``| e``. So the templates see them as ``Markup``, escaped once and left alone by
# ``| e``, through a view of the configuration: the configuration itself keeps plain strings,
# which mkdocs-static-i18n's per-language overrides require (it checks their exact type).
CONFIG_TEXTS = frozenset({"site_name", "site_description", "site_author"})


class ThemeConfig:
    """A configuration (or its ``extra``) as the theme's templates see it: its texts escaped.

    Attribute access comes first, as in Jinja: i18n sets ``extra.alternate`` as an attribute,
    which then differs from the ``extra["alternate"]`` item.
    """

    def __init__(self, config: Any) -> None:
        self._config = config

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._config, name)
        if name in CONFIG_TEXTS and isinstance(value, str):
            return as_markup(value)
        if name == "extra":
            return ThemeConfig(value)
        if name == "alternate" and isinstance(value, list):
            return [_escaped_alternate(a) for a in value]
        return value

    def __getitem__(self, name: str) -> Any:
        return self.__getattr__(name)

    def get(self, name: str, default: Any = None) -> Any:
        return self.__getattr__(name) if name in self._config else default

    def __contains__(self, name: str) -> bool:
        return name in self._config

    def __iter__(self) -> Any:
        return iter(self._config)


def _escaped_alternate(alternate: Any) -> Any:
    if isinstance(alternate, dict) and isinstance(alternate.get("name"), str):
        return {**alternate, "name": as_markup(alternate["name"])}
    return alternate


def as_markup(text: str) -> Markup:
    """``text`` escaped for HTML, once: a ``Markup`` is already escaped."""
    return text if isinstance(text, Markup) else Markup.escape(text)


def plain(text: str | None) -> str:
    """The text itself, for outputs that escape on their own (feeds, JSON, link previews)."""
    if text is None:
        return ""
    return text.unescape() if isinstance(text, Markup) else text


def patch_page(html: str, search_label: str) -> str:
    """A page without hreflang ``<link>``s, whose search dialog has a name."""
    named = f"{SEARCH_DIALOG[:-1]} aria-label={quoteattr(search_label)}>"
    head, end, body = html.partition("</head>")
    return HREFLANG_LINK.sub("", head) + end + body.replace(SEARCH_DIALOG, named, 1)


def split_sitemap(site_dir: Path, site_url: str, prefixes: Iterable[str]) -> None:
    """Move the list of pages to ``sitemap-pages.xml``; every language's ``sitemap.xml``
    becomes an index of it."""
    if not (site_dir / SITEMAP).is_file():
        return
    (site_dir / SITEMAP).replace(site_dir / PAGES_SITEMAP)
    (site_dir / (SITEMAP + ".gz")).unlink(missing_ok=True)
    index = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <sitemap><loc>{escape(site_url + PAGES_SITEMAP)}</loc></sitemap>\n"
        "</sitemapindex>\n"
    )
    for prefix in prefixes:
        (site_dir / prefix / SITEMAP).write_text(index, encoding="utf-8")
