"""The plugin's settings as reference entries, read from ``config.py``'s docstrings.

MkDocs config options keep no docstring at run time, so the attribute docstrings are read
from the module's source, as mkdocstrings does.
"""

from __future__ import annotations

import ast
import inspect
from functools import cache
from itertools import pairwise

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from nabd.core.edition.reference import Entry
from nabd.mkdocs import config as config_module

_KINDS = {str: "text", bool: "boolean", int: "integer", float: "number", dict: "mapping"}


@cache
def settings_reference() -> tuple[Entry, ...]:
    """Every option of the ``nabd`` plugin, with ``platforms[].<option>`` for each platform
    and ``notify.<option>`` for the notify options."""
    docstrings = _attribute_docstrings()
    return tuple(_entries(config_module.NabdConfig, "", docstrings))


def _entries(
    config_class: type[Config], prefix: str, docstrings: dict[tuple[str, str], str]
) -> list[Entry]:
    entries = []
    for name, option in config_class._schema:
        inner = option.option_type if isinstance(option, c.ListOfItems) else None
        sub = inner.config_class if isinstance(inner, c.SubConfig) else None
        nested = option.config_class if isinstance(option, c.SubConfig) else None
        default = option.default
        entries.append(
            Entry(
                name=f"{prefix}{name}" + ("[]" if inner else ""),
                kinds=("list",) if inner else (_kind(option),),
                values=tuple(option.choices) if isinstance(option, c.Choice) else (),
                required=default is None and not isinstance(option, c.Optional),
                default="" if default in (None, [], {}) else _show(default),
                description=docstrings[(config_class.__name__, name)],
            )
        )
        if sub is not None:
            entries += _entries(sub, f"{prefix}{name}[].", docstrings)
        if nested is not None:
            entries += _entries(nested, f"{prefix}{name}.", docstrings)
    return entries


def _kind(option: c.BaseConfigOption) -> str:
    if isinstance(option, c.Optional):
        return _kind(option.option)
    if isinstance(option, c.Type) and option._type in _KINDS and type(option) is c.Type:
        return _KINDS[option._type]
    name = type(option).__name__.lstrip("_").lower()
    aliases = {
        "localizedname": "localized",
        "weights": "mapping",
        "strictsubconfig": "mapping",
        "envname": "text",
        "type": "text",
        "choice": "text",
    }
    return aliases.get(name, name)


def _show(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _attribute_docstrings() -> dict[tuple[str, str], str]:
    """``(class, attribute) -> docstring`` for every documented class attribute."""
    tree = ast.parse(inspect.getsource(config_module))
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue

        for statement, following in pairwise(node.body):
            if (
                isinstance(statement, ast.Assign)
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                text = inspect.cleandoc(following.value.value)
                found[(node.name, statement.targets[0].id)] = " ".join(text.split())
    return found
