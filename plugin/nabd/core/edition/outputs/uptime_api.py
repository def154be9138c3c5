"""``/api/uptime.json``: Nabd's own machine-readable uptime, per platform and window."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from nabd.core.analysis.uptime import PlatformUptime
from nabd.core.model.models import ComponentStatus
from nabd.core.present.formats import iso_utc


def uptime_document(
    uptime: Mapping[str, PlatformUptime],
    weights: Mapping[ComponentStatus, float],
    now: datetime,
    tz: str,
) -> dict[str, Any]:
    """The document: uptime as a fraction (not rounded), downtime in weighted seconds."""
    return {
        "generated_at": iso_utc(now),
        "timezone": tz,
        "weights": {
            status.value: float(weights.get(status, 0.0))
            for status in (
                ComponentStatus.MAJOR_OUTAGE,
                ComponentStatus.PARTIAL_OUTAGE,
                ComponentStatus.DEGRADED_PERFORMANCE,
                ComponentStatus.UNDER_MAINTENANCE,
            )
        },
        "platforms": {
            platform_id: {
                "status": record.status.value,
                "windows": {
                    name: {
                        "uptime": window.uptime,
                        "downtime_seconds": _seconds(window.downtime_seconds),
                        "tracked_seconds": _seconds(window.tracked_seconds),
                    }
                    for name, window in record.windows.items()
                },
                "days": [
                    {
                        "date": day.date.isoformat(),
                        "uptime": day.uptime,
                        "worst": day.worst.value,
                        "incidents": list(day.incidents),
                    }
                    for day in record.days
                ],
            }
            for platform_id, record in uptime.items()
        },
    }


def _seconds(value: float) -> int | float:
    """Whole seconds as integers (``9360``, not ``9360.0``); a partial weight may leave a
    fraction, which is kept."""
    return int(value) if float(value).is_integer() else round(value, 3)
