""""Now" for a build: the build time, or ``SOURCE_DATE_EPOCH`` for a reproducible build."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime


def now_from_environment(
    environ: Mapping[str, str] = os.environ,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> datetime:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when set, else the clock, in UTC."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return clock().astimezone(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError) as error:
        raise ValueError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, got {value!r}"
        ) from error
