"""The ``nabd`` MkDocs plugin: a thin adapter that feeds MkDocs the core's pages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from nabd.core.analysis.analysis import Analysis, analyse
from nabd.core.edition.embed import embed_page
from nabd.core.edition.frame import Frame, Home, frame
from nabd.core.edition.outputs import language_outputs, shared_outputs
from nabd.core.edition.outputs.widget import widget_output
from nabd.core.edition.pages import PageSpec, site_pages
from nabd.core.edition.reference import Reference, schema_fields
from nabd.core.edition.render import TEMPLATES_DIR, THEME_DIR, CompiledTemplates, Renderer
from nabd.core.edition.routes import Routes, page_file
from nabd.core.edition.sharing import Preview, feed_titles, head_html
from nabd.core.edition.views import Views
from nabd.core.model.clock import now_from_environment
from nabd.core.model.languages import Languages
from nabd.core.model.loader import LoadCache, LoadResult, load_incidents
from nabd.core.model.models import Platform
from nabd.core.model.schema import incident_schema
from nabd.core.present import l10n
from nabd.core.present.catalogs import CatalogError, Catalogs
from nabd.core.present.language import Language
from nabd.mkdocs import i18n, material
from nabd.mkdocs.config import NabdConfig, languages_of, notify_of, platforms_of
from nabd.mkdocs.permalinks import translated_permalinks
from nabd.mkdocs.reference import settings_reference
from nabd.mkdocs.settings import where

log = get_plugin_logger(__name__)

STYLESHEET = "assets/nabd/nabd.css"


class NabdPlugin(BasePlugin[NabdConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Analysis | None = None
        self.renderer: Renderer | None = None
        self.frame: Frame | None = None
        self.shared: dict[str, str] = {}
        self.root_404: str | None = None
        self.pages: dict[str, PageSpec] = {}
        self.languages: Languages | None = None
        self.platforms: tuple[Platform, ...] = ()
        self.catalogs = Catalogs()
        # Kept across the builds of one `mkdocs serve` (see on_startup):
        self.load_cache = LoadCache()
        self.compiled = CompiledTemplates()
        self.dirty = False
        self.fingerprints: dict[str, int] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Its presence keeps this plugin across the rebuilds of ``mkdocs serve``: an edit
        parses again only the files that changed, templates are compiled once, and with
        ``--dirty`` only the pages of incidents (and years) whose content changed are rendered
        again."""
        self.dirty = command == "serve" and dirty

    def on_shutdown(self) -> None:
        self.dirty = False
        self.fingerprints.clear()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        if not config.site_url:
            raise PluginError(
                "nabd: set site_url in mkdocs.yml: feeds, the API, badges and link previews "
                "need the site's absolute address"
            )
        # i18n calls this again for every language it builds: only add what is missing.
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        # Nabd's frame (main.html, 404.html) comes before the theme's own templates and after
        # the site's custom_dir, which can still override it.
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        try:
            self.languages = languages_of(self.config, i18n.languages(config))
            self.platforms = platforms_of(self.config, self.languages)
            notify_of(self.config, self.languages, self.platforms)  # a bad channel fails builds
        except ValidationError as error:
            place = where(Path(config.config_file_path), error)
            raise PluginError(f"{place}: plugins: nabd: {error}") from None
        if not i18n.is_language_rebuild(config):
            self.catalogs = self._catalogs(config, self.languages)
        return config

    def _catalogs(self, config: MkDocsConfig, languages: Languages) -> Catalogs:
        """The interface's words: the package's catalogs and the site's ``locale_dir``; a
        language that has none is a warning (an error under ``--strict``)."""
        site_dir = None
        if self.config.locale_dir:
            site_dir = Path(config.config_file_path).parent / self.config.locale_dir
            if not site_dir.is_dir():
                raise PluginError(f"nabd: locale_dir: {self.config.locale_dir} is not a folder")
        catalogs = Catalogs(site_dir)
        for lang in languages.codes:
            if not catalogs.has(lang):
                where = self.config.locale_dir or "locales"
                log.warning(
                    f"no catalog for the language {lang!r}: the interface stays in English. "
                    f"Add {where}/{lang}/LC_MESSAGES/nabd.po (copy Nabd's English one and "
                    f"translate it) and set locale_dir: {where} under plugins: nabd:"
                )
        try:
            for lang in languages.codes:
                catalogs.words(lang)
        except CatalogError as error:
            raise PluginError(f"nabd: {error}") from None
        return catalogs

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Read the incidents once per site build; i18n's rebuilds for other languages reuse
        them, so every language shows the same data and "now"."""
        if not self.config.enabled or (self.site and i18n.is_language_rebuild(config)):
            return
        assert self.languages is not None  # set by on_config
        result = load_incidents(
            self._incidents_dir(config),
            self.platforms,
            languages=self.languages,
            display_root=Path(config.config_file_path).parent,
            strict=config.strict,
            max_file_size=self.config.max_file_size,
            cache=self.load_cache,
        )
        self._report(result)
        self.site = analyse(
            self.platforms,
            result.incidents,
            self.config.timezone,
            _now(),
            self.config.weights,
            tracker=self.config.tracker,
        )
        self.shared = shared_outputs(self.site, self.languages)

    # After mkdocs-static-i18n's on_files (-100), which keeps only the files of the language
    # being built: pages are generated for that language alone.
    @event_priority(-150)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if not self.config.enabled or self.site is None:
            return files
        lang = i18n.build_language(config)
        prefix = i18n.prefix(config, lang)
        latin = next((code for code in self.languages.codes if l10n.writes_latin(code)), None)
        language = Language(lang, self.catalogs.words(lang), self.config.timezone, latin=latin)
        routes = Routes(self._base_url(config, lang), config.use_directory_urls)
        site_name = material.plain(config.site_name)
        self.renderer = Renderer(
            language,
            search_dirs=config.theme.dirs,
            directory_urls=config.use_directory_urls,
            compiled=self.compiled,
        )
        homes = [Home(*home) for home in i18n.homes(config)]
        self.frame = frame(self.site, language, routes, site_name, prefix, homes)
        self.pages = {}
        generated = []
        reference = None
        if self.config.reference:
            reference = Reference(
                settings_reference(), schema_fields(incident_schema(self.languages))
            )
        views = Views(self.site, language, routes)
        for spec in site_pages(self.site, views, reference):
            src_uri = prefix + spec.path
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"nabd: docs/{src_uri} is generated by nabd; remove or rename it")
            file = File.generated(
                config,
                src_uri,
                content=FRONT_MATTER,
                inclusion=InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            if self._unchanged(src_uri, spec, language):
                file.is_modified = _unmodified  # type: ignore[method-assign]
            files.append(file)
            generated.append(file)
            self.pages[src_uri] = spec
        i18n.register_pages(config, generated, [spec.path for spec in self.pages.values()])
        outputs = {**self.shared, **language_outputs(self.site, language, routes, site_name)}
        # The embed page is a whole document, not a page of the theme: no header, nav or sitemap.
        embed = embed_page(views, site_name)
        if files.get_file_from_path(prefix + embed.path) is not None:
            raise PluginError(
                f"nabd: docs/{prefix}{embed.path} is the embed page's address; rename it"
            )
        outputs[page_file(embed.path, config.use_directory_urls)] = self.renderer.render(embed)
        if not prefix:
            outputs.update(widget_output(self.languages.codes))
        for path, content in outputs.items():
            files.append(File.generated(config, prefix + path, content=content))
        if files.get_file_from_path(STYLESHEET) is None:
            files.append(
                File(STYLESHEET, str(TEMPLATES_DIR), config.site_dir, config.use_directory_urls)
            )
        return files

    def _unchanged(self, src_uri: str, spec: PageSpec, language: Language) -> bool:
        """Whether a ``--dirty`` rebuild of ``mkdocs serve`` can keep the page it wrote last
        time: its inputs (``PageSpec.inputs``) are those of the last build."""
        if not self.dirty or spec.inputs is None:
            return False
        fingerprint = hash((language.code, language.timezone, spec.inputs))
        unchanged = self.fingerprints.get(src_uri) == fingerprint
        self.fingerprints[src_uri] = fingerprint
        return unchanged

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.loader = material.with_language_fallbacks(env.loader, l10n.direction)
        env.bytecode_cache = self.compiled  # the theme's templates, compiled once too
        return env

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """A generated page's title, escaped once for the theme, which prints it as it is."""
        spec = self.pages.get(page.file.src_uri)
        if spec is not None:
            page.meta["title"] = material.as_markup(spec.title)
        return markdown

    # After every other plugin's (i18n's runs at 50 and sets the language switcher's links): the
    # theme then renders with this context.
    @event_priority(-100)
    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav):
        context["config"] = material.ThemeConfig(config)
        context["nabd"] = self.frame
        return context

    @event_priority(-100)
    def on_template_context(self, context, /, *, template_name: str, config: MkDocsConfig):
        """The same for the theme's other templates, such as ``404.html``."""
        context["config"] = material.ThemeConfig(config)
        context["nabd"] = self.frame
        return context

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """One 404 page per language: every build of i18n writes the root ``404.html``, so the
        default language's is kept there and each other language's goes to its folder."""
        if template_name != "404.html" or not self.config.enabled:
            return output_content
        if not i18n.is_language_rebuild(config):
            self.root_404 = output_content
            return output_content
        lang = i18n.build_language(config)
        target = Path(config.site_dir) / i18n.prefix(config, lang) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output_content, encoding="utf-8")
        return self.root_404 or output_content

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.renderer is None:
            return html
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return translated_permalinks(html, self.renderer.language.gettext("Permanent link"))
        return self.renderer.render(spec)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> None:
        server.watch(str(self._incidents_dir(config)))

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Link previews and feed links in every page's ``<head>``."""
        if self.renderer is None:
            return output
        lang = self.renderer.language.code
        spec = self.pages.get(page.file.src_uri)
        url = page.canonical_url or ""
        site_name = material.plain(config.site_name)
        if spec is None:
            title = material.plain(page.title) or site_name
            preview = Preview(title, material.plain(config.site_description), url)
        else:
            preview = Preview(spec.headline, spec.summary, url, spec.kind)
        feeds = feed_titles(self._base_url(config, lang), site_name, self.renderer.language)
        head = head_html(preview, lang, site_name, feeds)
        output = output.replace("</head>", head + "</head>", 1)
        return material.absolute_hreflang_links(output, url, i18n.default_language(config))

    def _base_url(self, config: MkDocsConfig, lang: str) -> str:
        return config.site_url.rstrip("/") + "/" + i18n.prefix(config, lang)

    def _incidents_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.incidents_dir

    def _report(self, result: LoadResult) -> None:
        for problem in result.warnings:
            log.warning(str(problem))
        if result.errors:
            lines = "\n".join(f"  {problem}" for problem in result.errors)
            count = len(result.errors)
            raise PluginError(
                f"nabd: {count} problem{'s' * (count != 1)} in incident files:\n{lines}"
            )


def _unmodified() -> bool:
    return False


def _now() -> datetime:
    try:
        return now_from_environment()
    except ValueError as error:
        raise PluginError(f"nabd: {error}") from None


FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n"
"""Generated pages stay out of the search index: every page loads the whole index, and the
incidents would make it grow without bound. Search covers the hand-written pages. Their title is
set in ``on_page_markdown``, escaped, rather than written here for the theme to print raw."""
