"""The ``nabd`` plugin's options as the command line needs them, read from ``mkdocs.yml`` by
MkDocs itself, so that the commands see exactly what a build sees."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
from nabd.mkdocs.config import Key, OptionError, languages_of, notify_of, platforms_of


class SettingsError(Exception):
    """``mkdocs.yml`` cannot be read, or has no ``nabd`` plugin; the message says why."""


class SiteSettings(NamedTuple):
    """What the commands need from the ``nabd`` plugin's options in ``mkdocs.yml``."""

    incidents_dir: Path
    platforms: tuple[Platform, ...]
    languages: Languages
    max_file_size: int
    site_url: str
    timezone: str
    """The IANA zone the site shows times in."""
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
        raise SettingsError(f"{where(config_file, error)}: plugins: nabd: {error}") from None
    return SiteSettings(
        incidents_dir=absolute(config_file.parent / options.incidents_dir),
        platforms=platforms,
        languages=languages,
        max_file_size=options.max_file_size,
        site_url=config.site_url or "",
        timezone=options.timezone,
        notify=notify,
        locale_dir=config_file.parent / options.locale_dir if options.locale_dir else None,
    )


def where(config_file: Path, error: ValidationError) -> str:
    """``file:line`` of the option ``error`` is about, or the file when it cannot be told."""
    if isinstance(error, OptionError):
        line = option_line(config_file, error.keys)
        if line is not None:
            return f"{config_file}:{line}"
    return str(config_file)


def option_line(config_file: Path, keys: Sequence[Key]) -> int | None:
    """The line of the ``nabd`` plugin's option ``keys`` in ``config_file`` (of the nearest
    option above it that is written, when it is left out)."""
    node = _nabd_options(_compose(config_file))
    if node is None:
        return None
    for key in keys:
        found = _child(node, key)
        if found is None:
            break
        node = found
    return node.start_mark.line + 1


def _unreadable_value(config_file: Path, error: ValueError) -> str:
    """Where in ``config_file`` a value YAML cannot build stands (an unquoted date that does
    not exist, such as ``2024-02-30``), as ``file:line: field: message``."""
    for node, path in _scalars(_compose(config_file), ""):
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


def _compose(config_file: Path) -> yaml.Node | None:
    """``config_file``'s YAML as nodes, which know their lines; MkDocs' own tags (``!ENV``,
    ``!!python/name:``) are kept as nodes, not run."""
    loader = yaml.SafeLoader(config_file.read_text(encoding="utf-8-sig"))
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _nabd_options(root: yaml.Node | None) -> yaml.Node | None:
    """The ``nabd`` plugin's options: ``plugins`` is a list (``- nabd: {...}``) or a mapping."""
    plugins = _child(root, "plugins") if root is not None else None
    if isinstance(plugins, yaml.MappingNode):
        return _child(plugins, "nabd")
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            found = _child(item, "nabd")
            if found is not None:
                return found
    return None


def _child(node: yaml.Node, key: Key) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        return next((value for name, value in node.value if name.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None
