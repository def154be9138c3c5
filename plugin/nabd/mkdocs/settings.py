"""The ``nabd`` plugin's options as the command line needs them, read from ``mkdocs.yml`` by
MkDocs itself, so that the commands see exactly what a build sees."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from nabd.core.model.loader import absolute
from nabd.core.model.models import Platform
from nabd.mkdocs.config import platforms_of


class SettingsError(Exception):
    """``mkdocs.yml`` cannot be read, or has no ``nabd`` plugin; the message says why."""


class SiteSettings(NamedTuple):
    """What the commands need from the ``nabd`` plugin's options in ``mkdocs.yml``."""

    incidents_dir: Path
    platforms: tuple[Platform, ...]
    max_file_size: int
    site_url: str
    languages: tuple[str, ...]
    """The site's languages, the default first: the i18n plugin's, else ``theme.language``."""


def site_settings(config_file: Path) -> SiteSettings:
    """Read the ``nabd`` plugin's options, validated by MkDocs as a build would."""
    try:
        config = load_config(config_file=str(config_file))
    except MkDocsException as error:
        raise SettingsError(f"{config_file}: {error}") from None
    plugin = config.plugins.get("nabd")
    if plugin is None:
        raise SettingsError(f"{config_file}: the nabd plugin is not in its plugins")
    options = plugin.config
    return SiteSettings(
        incidents_dir=absolute(config_file.parent / options.incidents_dir),
        platforms=platforms_of(options),
        max_file_size=options.max_file_size,
        site_url=config.site_url or "",
        languages=_languages(config),
    )


def _languages(config: MkDocsConfig) -> tuple[str, ...]:
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        built = [lang for lang in i18n.config.languages if lang.build]
        return tuple(lang.locale for lang in sorted(built, key=lambda lang: not lang.default))
    language = config.theme.get("language")
    return (language,) if language else ()
