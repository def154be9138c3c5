"""Rendering generated pages with Jinja: a page's template lays out its view.

Templates live in ``plugin/nabd/templates/nabd/``; a site overrides one by putting a file of
the same name in an earlier search directory (MkDocs' ``theme.custom_dir``). They compute
nothing: views (``views.py``) hold the words, numbers and links; the renderer gives templates
the page's language (``_``) and ``link``, which turns a view's site-relative URL into one
relative to the page, so the site works from any folder and offline.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from nabd.core.edition.pages import PageSpec
from nabd.core.edition.routes import page_url
from nabd.core.present.language import Language

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
THEME_DIR = TEMPLATES_DIR / "theme"
"""Nabd's frame around every page (``main.html``, ``404.html``), put before the theme's own."""


@cache  # the same few links are made from thousands of pages
def relative_url(target: str, base: str) -> str:
    """The link from the page at URL ``base`` to the URL ``target`` (both site-relative)."""
    base_dir = base if base.endswith("/") else posixpath.dirname(base)
    relative = posixpath.relpath(target or ".", base_dir or ".")
    if relative == ".":
        return "./"
    return relative + "/" if target.endswith("/") else relative


class CompiledTemplates(BytecodeCache):
    """Templates compiled once and kept in memory, for the Jinja environments a build makes
    again (one per language, and again on every rebuild of ``mkdocs serve``). A template whose
    source changed is compiled again: Jinja checks each one's checksum."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class Renderer:
    """Renders the generated pages of one site in one language."""

    def __init__(
        self,
        language: Language,
        search_dirs: Sequence[str | Path] = (),
        directory_urls: bool = True,
        compiled: CompiledTemplates | None = None,
    ) -> None:
        self.language = language
        self.directory_urls = directory_urls
        self.env = Environment(
            loader=FileSystemLoader([*map(str, search_dirs), str(TEMPLATES_DIR)]),
            bytecode_cache=compiled,
            autoescape=True,
            undefined=StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.install_gettext_translations(language.words, newstyle=True)  # type: ignore[attr-defined]
        self.env.globals.update(link=self.link, lang=language.code, direction=language.direction)
        self._page_url = ""

    def link(self, url: str) -> str:
        """A link from the page being rendered to ``url`` (site-relative, or absolute).

        A global rather than a function of the template's context, so that the macros module
        is imported once and cached, not again on every page (``import ... with context``)."""
        if "://" in url:
            return url
        return relative_url(url, self._page_url)

    def render(self, page: PageSpec) -> str:
        """The HTML of ``page``'s content (MkDocs and the theme put it in the page's frame)."""
        template = self.env.get_template(page.template)
        self._page_url = page_url(page.path, self.directory_urls)
        return template.render(page=page, view=page.view())
