"""Machine formats shared by the outputs: UTC timestamps and deterministic JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def dump(document: Mapping[str, Any]) -> str:
    """Deterministic JSON: the same input gives the same bytes."""
    return json.dumps(document, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n"
