"""Every touch of mkdocs-static-i18n's internals, in one place.

mkdocs-static-i18n builds the site once per language: the default language at the root, each
other language under ``/<lang>/``, by calling MkDocs' ``build()`` again from its own
``on_post_build``. Its public surface does not say which language is being built, nor let a
plugin add pages to the language switcher; the attributes read and written here do. A test
(``tests/integration/test_i18n_glue.py``) pins the behaviour of the version range we allow.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


def _plugin(config: MkDocsConfig):
    return config.plugins.get("i18n")


def _theme_language(config: MkDocsConfig) -> str:
    """A site without i18n is in its theme's language (Material's ``theme.language``)."""
    return config.theme.get("language") or "en"


def default_language(config: MkDocsConfig) -> str:
    plugin = _plugin(config)
    return plugin.default_language if plugin else _theme_language(config)


def build_language(config: MkDocsConfig) -> str:
    """The language of the build in progress (set by i18n's ``on_config``, which runs first)."""
    plugin = _plugin(config)
    if plugin is None:
        return _theme_language(config)
    return plugin.current_language or plugin.default_language


def languages(config: MkDocsConfig) -> list[str]:
    """Every language the site is built in, the default first, then as the site lists them."""
    plugin = _plugin(config)
    if plugin is None:
        return [_theme_language(config)]
    default = plugin.default_language
    return [default, *(lang for lang in plugin.build_languages if lang != default)]


def is_language_rebuild(config: MkDocsConfig) -> bool:
    """Whether this build is i18n's rebuild for a further language (not the first build)."""
    plugin = _plugin(config)
    return bool(plugin and plugin.building)


def prefix(config: MkDocsConfig, lang: str) -> str:
    """Where a language's pages live: ``""`` for the default, ``"ar/"`` for Arabic."""
    return "" if lang == default_language(config) else f"{lang}/"


def homes(config: MkDocsConfig) -> list[tuple[str, str, str]]:
    """Each language's home as i18n's switcher links it, ``(lang, name, link)``: the switcher of
    a page that has no version in other languages (the 404 page) points there."""
    plugin = _plugin(config)
    if plugin is None:
        return []
    return [(a["lang"], a["name"], a["link"]) for a in plugin.extra_alternate]


def register_pages(config: MkDocsConfig, files: Sequence[File], paths: Sequence[str]) -> None:
    """Make generated pages known to i18n as it knows the hand-written ones.

    ``files[k]`` is the page at language-neutral ``paths[k]`` in the language being built.
    i18n's language switcher links each page to ``file.alternates[lang].url``, and its
    ``on_page_context`` only touches files that carry a ``locale``.
    """
    plugin = _plugin(config)
    if plugin is None:
        return
    current = build_language(config)
    others = [lang for lang in languages(config) if lang != current]
    for file, path in zip(files, paths, strict=True):
        file.alternates = {current: file}
        for lang in others:
            file.alternates[lang] = File.generated(config, prefix(config, lang) + path, content="")
        file.locale = current
        file.locale_alternate_of = current
        file.localization = current
        file.norm_src_uri = path
    plugin.i18n_files_per_language.setdefault(current, []).extend(files)
