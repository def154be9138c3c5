""" "Now" for a build: the build time, or ``SOURCE_DATE_EPOCH`` for a reproducible build."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

_SOURCE_DATE_EPOCH = re.compile(r"[0-9]+")


def now_from_environment(
    environ: Mapping[str, str] = os.environ,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> datetime:
    """The build's "now" (aware, UTC): ``SOURCE_DATE_EPOCH`` when set, else ``clock()``.

    ``SOURCE_DATE_EPOCH`` is whole seconds since 1970-01-01 UTC, in ASCII digits, as
    reproducible-builds.org specifies; anything else is a ``ValueError`` rather than a guess. An
    empty value counts as unset, as CI templates often export it empty.
    """
    value = environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return clock().astimezone(UTC)
    if not _SOURCE_DATE_EPOCH.fullmatch(value):
        raise ValueError(
            "SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC "
            f"(digits only, like the output of `date +%s`), got {value!r}"
        )
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise ValueError(f"SOURCE_DATE_EPOCH is out of range: {value!r}") from error
