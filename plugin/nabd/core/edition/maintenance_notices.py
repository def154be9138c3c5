"""The texts of the updates a maintenance gets from the clock (``core/analysis/maintenance``),
from the catalogs, in each of the site's languages that has them."""

from __future__ import annotations

from collections.abc import Iterable

from nabd.core.analysis.maintenance import Notices
from nabd.core.model.models import LocalizedText, UpdateStatus
from nabd.core.present import l10n

STARTED = "The scheduled maintenance window has started. This update was posted automatically."
ENDED = "The scheduled maintenance window has ended. This update was posted automatically."


def maintenance_notices(languages: Iterable[str]) -> Notices:
    """The notices in each language of ``languages`` whose catalog has them, and in English,
    which a language without them shows, marked as a fallback, as any text missing in it."""
    texts: dict[UpdateStatus, dict[str, str]] = {
        UpdateStatus.IN_PROGRESS: {},
        UpdateStatus.COMPLETED: {},
    }
    for lang in (*languages, "en"):
        try:
            known = l10n.message_ids(lang)
        except LookupError:
            continue
        gettext = l10n.translations(lang).gettext
        for status, message in (
            (UpdateStatus.IN_PROGRESS, STARTED),
            (UpdateStatus.COMPLETED, ENDED),
        ):
            if message in known:
                texts[status][lang] = gettext(message)
    return {status: LocalizedText(values) for status, values in texts.items()}
