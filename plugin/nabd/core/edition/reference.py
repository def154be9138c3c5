"""The reference of a site's settings and of the incident file, for the reference page.

Both lists are read from the code, not written twice: the settings from the plugin's config
classes (their docstrings), the incident fields from the JSON Schema (its descriptions). Each
description is also a catalog msgid, so the Arabic reference fails a test when it drifts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    """One documented name: a setting (``platforms[].tracked_since``) or a field."""

    name: str
    kind: str
    """The type as a reader would say it: ``text``, ``list``, ``timestamp``..."""
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

    def kind_of(node: dict[str, Any], ref: str | None) -> str:
        if ref:
            return ref.rsplit("/", 1)[-1]
        if "anyOf" in node or "oneOf" in node:
            options = node.get("anyOf") or node.get("oneOf")
            return " | ".join(kind_of(resolve(o), o.get("$ref")) for o in options)
        if "enum" in node:
            return " | ".join(str(v) for v in node["enum"])
        kind = node.get("type", "")
        return " | ".join(kind) if isinstance(kind, list) else str(kind)

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
            entries.append(
                Entry(
                    name=path + ("[]" if is_list else ""),
                    kind="list" if is_list else kind_of(target, ref),
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
