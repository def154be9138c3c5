"""The words for each status and kind, as catalog msgids: translate with ``Language.gettext``."""

from __future__ import annotations

from nabd.core.model.models import ComponentStatus, ImpactLevel, SourceKind, UpdateStatus
from nabd.core.present.catalogs import N_

COMPONENT_STATUS: dict[ComponentStatus, str] = {
    ComponentStatus.OPERATIONAL: N_("Operational"),
    ComponentStatus.DEGRADED_PERFORMANCE: N_("Degraded performance"),
    ComponentStatus.PARTIAL_OUTAGE: N_("Partial outage"),
    ComponentStatus.MAJOR_OUTAGE: N_("Major outage"),
    ComponentStatus.UNDER_MAINTENANCE: N_("Under maintenance"),
}

UPDATE_STATUS: dict[UpdateStatus, str] = {
    UpdateStatus.INVESTIGATING: N_("Investigating"),
    UpdateStatus.IDENTIFIED: N_("Identified"),
    UpdateStatus.MONITORING: N_("Monitoring"),
    UpdateStatus.RESOLVED: N_("Resolved"),
    UpdateStatus.POSTMORTEM: N_("Postmortem"),
    UpdateStatus.SCHEDULED: N_("Scheduled"),
    UpdateStatus.IN_PROGRESS: N_("In progress"),
    UpdateStatus.VERIFYING: N_("Verifying"),
    UpdateStatus.COMPLETED: N_("Completed"),
}

INDICATOR: dict[ImpactLevel, str] = {
    ImpactLevel.NONE: N_("All systems operational"),
    ImpactLevel.MAINTENANCE: N_("Service under maintenance"),
    ImpactLevel.MINOR: N_("Minor service outage"),
    ImpactLevel.MAJOR: N_("Partial system outage"),
    ImpactLevel.CRITICAL: N_("Major system outage"),
}

NOT_TRANSLATED = N_("Not yet translated")
"""The marker beside a text shown in another language than the page's (a catalog msgid)."""

SOURCE_KIND: dict[SourceKind, str] = {
    SourceKind.OFFICIAL: N_("Official"),
    SourceKind.PRESS: N_("Press"),
    SourceKind.COMMUNITY: N_("Community"),
}

IMPACT: dict[ImpactLevel, str] = {
    ImpactLevel.NONE: N_("None"),
    ImpactLevel.MAINTENANCE: N_("Maintenance"),
    ImpactLevel.MINOR: N_("Minor"),
    ImpactLevel.MAJOR: N_("Major"),
    ImpactLevel.CRITICAL: N_("Critical"),
}
