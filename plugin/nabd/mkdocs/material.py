"""Workarounds for mkdocs-material's theme, each with the reason it is needed.

They touch the HTML and files Material writes, so they live apart from the plugin's events and
are pinned by the browser and quality tests (tests/browser, tests/quality).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from jinja2 import BaseLoader, ChoiceLoader, FunctionLoader
from markupsafe import Markup

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


# Material knows some 60 languages, each a partial ``partials/languages/<lang>.html``; a site
# in another (Swahili, Amharic...) made it fail with ``TemplateNotFound``. Such a language gets
# a partial that speaks English for Material's own words, in the language's direction (CLDR).
LANGUAGE_PARTIAL = re.compile(r"partials/languages/([A-Za-z0-9_-]+)\.html")
FALLBACK_PARTIAL = (
    '{{% import "partials/languages/en.html" as en %}}'
    '{{% macro t(key) %}}{{{{ {{"language": "{lang}", "direction": "{direction}"}}.get(key) '
    "or en.t(key) }}}}{{% endmacro %}}"
)


def with_language_fallbacks(loader: BaseLoader, direction: Callable[[str], str]) -> BaseLoader:
    """``loader``, answering for the language partials Material lacks."""

    def fallback(name: str) -> str | None:
        found = LANGUAGE_PARTIAL.fullmatch(name)
        if found is None:
            return None
        lang = found.group(1)
        return FALLBACK_PARTIAL.format(lang=lang, direction=direction(lang))

    return ChoiceLoader([loader, FunctionLoader(fallback)])


# Material links a page to its versions in other languages with ``<link rel="alternate"
# hreflang>`` and the switcher's address, a path ("/ar/"): search engines (and Lighthouse's
# SEO audit) take only absolute URLs there. It writes no ``x-default``, the version for a reader
# whose language is none of the site's: the default language's.
HREFLANG_LINK = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="([^"]*)">)')


def absolute_hreflang_links(html: str, page_url: str, default_lang: str) -> str:
    """``html`` whose hreflang links are absolute, resolved against the page's own URL, with
    an ``x-default`` link to the version in ``default_lang``."""
    head, end, body = html.partition("</head>")

    def absolute(found: re.Match[str]) -> str:
        link = found.group(1) + urljoin(page_url, found.group(2)) + found.group(3)
        if found.group(4) != default_lang:
            return link
        return link + link.replace(f'hreflang="{default_lang}"', 'hreflang="x-default"')

    return HREFLANG_LINK.sub(absolute, head) + end + body
