"""The reference of a site's settings and of the incident file, for the reference page.

Both lists are read from the code, not written twice: the settings from the plugin's config
classes (their docstrings), the incident fields from the JSON Schema (its descriptions). Each
description is also a catalog msgid, so the Arabic reference fails a test when it drifts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nabd.core.present.catalogs import N_

TYPE_NAMES: dict[str, str] = {
    "text": N_("text"),
    "string": N_("text"),
    "line": N_("one line of text"),
    "localized": N_("text in each language"),
    "identifier": N_("identifier"),
    "list": N_("list"),
    "mapping": N_("mapping"),
    "object": N_("mapping"),
    "boolean": N_("boolean"),
    "integer": N_("integer"),
    "number": N_("number"),
    "bytes": N_("size in bytes"),
    "date": N_("date"),
    "timestamp": N_("timestamp"),
    "moment": N_("time"),
    "window": N_("time window"),
    "timezone": N_("time zone"),
    "url": N_("web address"),
    "webaddress": N_("web address"),
    "languagecodes": N_("language codes"),
    "duration": N_("duration"),
    "null": N_("empty"),
}
"""Each type of a setting or field as a reader says it (catalog msgids): ``moment`` in the
schema is "time", ``webaddress`` in the config is "web address"."""


@dataclass(frozen=True)
class Entry:
    """One documented name: a setting (``platforms[].tracked_since``) or a field."""

    name: str
    kinds: tuple[str, ...]
    """Its types, keys of ``TYPE_NAMES``: ``("moment", "null")``."""
    values: tuple[str, ...]
    """The values it takes, when they are a fixed set (``high``, ``medium``, ``low``)."""
    required: bool
    default: str
    description: str


@dataclass(frozen=True)
class Reference:
    settings: tuple[Entry, ...]
    fields: tuple[Entry, ...]

    def descriptions(self) -> list[str]:
        return [e.description for e in (*self.settings, *self.fields)]


def schema_fields(schema: dict[str, Any]) -> tuple[Entry, ...]:
    """Every field of an incident file, depth first, as ``updates[].sources[].url``."""
    defs = schema.get("$defs", {})
    entries: list[Entry] = []

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            rest = {k: v for k, v in node.items() if k != "$ref"}
            node = {**defs[node["$ref"].rsplit("/", 1)[-1]], **rest}
        return node

    def kind_of(node: dict[str, Any], ref: str | None) -> tuple[list[str], list[str]]:
        """The types and the fixed values of ``node``."""
        if ref:
            return [ref.rsplit("/", 1)[-1]], []
        if "anyOf" in node or "oneOf" in node:
            kinds: list[str] = []
            values: list[str] = []
            for option in node.get("anyOf") or node.get("oneOf"):
                more_kinds, more_values = kind_of(resolve(option), option.get("$ref"))
                kinds += [k for k in more_kinds if k not in kinds]
                values += more_values
            return kinds, values
        if "enum" in node:
            return [], [str(v) for v in node["enum"]]
        if "const" in node:
            return [], [str(node["const"])]
        kind = node.get("type", "")
        return (list(kind) if isinstance(kind, list) else [str(kind)]), []

    def walk(node: dict[str, Any], prefix: str) -> None:
        node = resolve(node)
        required = set(node.get("required", ()))
        for name, child in node.get("properties", {}).items():
            ref = child.get("$ref")
            target = resolve(child)
            path = f"{prefix}{name}"
            items = target.get("items")
            is_list = target.get("type") == "array" and isinstance(items, dict)
            description = child.get("description") or target.get("description", "")
            kinds, values = (["list"], []) if is_list else kind_of(target, ref)
            entries.append(
                Entry(
                    name=path + ("[]" if is_list else ""),
                    kinds=tuple(kinds),
                    values=tuple(values),
                    required=name in required,
                    default=str(target["default"]).lower() if "default" in target else "",
                    description=description,
                )
            )
            if is_list:
                walk(items, f"{path}[].")
            elif "properties" in target and ref != "#/$defs/localized":
                walk(target, f"{path}.")

    walk(schema, "")
    return tuple(entries)
