"""The ``nabd`` plugin's options as the command line needs them, read from ``mkdocs.yml`` by
MkDocs itself, so that the commands see exactly what a build sees."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import yaml
from mkdocs.config import load_config
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import MkDocsException

from nabd.core.edition.notify.channels import Notify
from nabd.core.model.languages import Languages
from nabd.core.model.loader import absolute
from nabd.core.model.models import Platform
from nabd.mkdocs import i18n
from nabd.mkdocs.config import languages_of, notify_of, platforms_of


class SettingsError(Exception):
    """``mkdocs.yml`` cannot be read, or has no ``nabd`` plugin; the message says why."""


class SiteSettings(NamedTuple):
    """What the commands need from the ``nabd`` plugin's options in ``mkdocs.yml``."""

    incidents_dir: Path
    platforms: tuple[Platform, ...]
    languages: Languages
    max_file_size: int
    site_url: str
    notify: Notify
    locale_dir: Path | None
    """The site's own catalogs, if it has some."""


def site_settings(config_file: Path) -> SiteSettings:
    """Read the ``nabd`` plugin's options, validated by MkDocs as a build would."""
    try:
        config = load_config(config_file=str(config_file))
    except MkDocsException as error:
        raise SettingsError(f"{config_file}: {error}") from None
    except ValueError as error:
        # PyYAML builds dates while it reads, and MkDocs lets its errors through as tracebacks.
        raise SettingsError(_unreadable_value(config_file, error)) from None
    plugin = config.plugins.get("nabd")
    if plugin is None:
        raise SettingsError(f"{config_file}: the nabd plugin is not in its plugins")
    options = plugin.config
    try:
        languages = languages_of(options, i18n.languages(config))
        platforms = platforms_of(options, languages)
        notify = notify_of(options, languages, platforms)
    except ValidationError as error:
        raise SettingsError(f"{config_file}: plugins: nabd: {error}") from None
    return SiteSettings(
        incidents_dir=absolute(config_file.parent / options.incidents_dir),
        platforms=platforms,
        languages=languages,
        max_file_size=options.max_file_size,
        site_url=config.site_url or "",
        notify=notify,
        locale_dir=config_file.parent / options.locale_dir if options.locale_dir else None,
    )


def _unreadable_value(config_file: Path, error: ValueError) -> str:
    """Where in ``config_file`` a value YAML cannot build stands (an unquoted date that does
    not exist, such as ``2024-02-30``), as ``file:line: field: message``."""
    loader = yaml.SafeLoader(config_file.read_text(encoding="utf-8-sig"))
    loader.add_multi_constructor("", lambda *_: None)  # MkDocs' own tags (!ENV, !!python/...)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        root = None
    finally:
        loader.dispose()
    for node, path in _scalars(root, ""):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader.construct_yaml_timestamp(yaml.SafeLoader(""), node)
            except ValueError as wrong:
                line = node.start_mark.line + 1
                return (
                    f"{config_file}:{line}: {path}: {node.value} is not a date ({wrong}): "
                    "write a day that exists, like 2024-02-29"
                )
    return f"{config_file}: {error}"


def _scalars(node: yaml.Node | None, path: str) -> Iterator[tuple[yaml.ScalarNode, str]]:
    if isinstance(node, yaml.ScalarNode):
        yield node, path
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _scalars(item, f"{path}[{index}]")
