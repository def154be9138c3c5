"""The words for each status, as catalog msgids: translate with ``translations(lang).gettext``.

Templates keep their own literal copies (``nabd/macros.html``) so that the catalog test, which
extracts strings from templates, sees them; Python outputs (feeds, API, badges, meta) use these.
"""

from __future__ import annotations

from nabd.core.model.models import ComponentStatus, ImpactLevel, UpdateStatus

COMPONENT_STATUS: dict[ComponentStatus, str] = {
    ComponentStatus.OPERATIONAL: "Operational",
    ComponentStatus.DEGRADED_PERFORMANCE: "Degraded performance",
    ComponentStatus.PARTIAL_OUTAGE: "Partial outage",
    ComponentStatus.MAJOR_OUTAGE: "Major outage",
    ComponentStatus.UNDER_MAINTENANCE: "Under maintenance",
}

UPDATE_STATUS: dict[UpdateStatus, str] = {
    UpdateStatus.INVESTIGATING: "Investigating",
    UpdateStatus.IDENTIFIED: "Identified",
    UpdateStatus.MONITORING: "Monitoring",
    UpdateStatus.RESOLVED: "Resolved",
    UpdateStatus.POSTMORTEM: "Postmortem",
    UpdateStatus.SCHEDULED: "Scheduled",
    UpdateStatus.IN_PROGRESS: "In progress",
    UpdateStatus.VERIFYING: "Verifying",
    UpdateStatus.COMPLETED: "Completed",
}

INDICATOR: dict[ImpactLevel, str] = {
    ImpactLevel.NONE: "All systems operational",
    ImpactLevel.MAINTENANCE: "Service under maintenance",
    ImpactLevel.MINOR: "Minor service outage",
    ImpactLevel.MAJOR: "Partial system outage",
    ImpactLevel.CRITICAL: "Major system outage",
}

NOT_TRANSLATED = {
    "en": "Not yet translated into English",
    "ar": "Not yet translated into Arabic",
}
"""The marker beside a text shown in another language than the page's (catalog msgids)."""
