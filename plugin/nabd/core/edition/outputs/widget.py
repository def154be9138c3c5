"""``widget.js``: the script another site includes to show the status (see the README).

Its words come from the API (``status.description`` and the incidents' names, in the language
the element asks for); the script only needs to know the site's languages, to find each one's
API (the default language's at the root, the others' under ``/<lang>/``) and its direction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from nabd.core.edition.render import TEMPLATES_DIR
from nabd.core.present import l10n

WIDGET_PATH = "widget.js"
_SOURCE = TEMPLATES_DIR / "widget" / "widget.js"
_PLACEHOLDER = "/*LANGUAGES*/{}"


def widget_output(languages: Sequence[str]) -> dict[str, str]:
    """``widget.js`` for a site in ``languages``, the default (at the site's root) first."""
    directions = {lang: l10n.direction(lang) for lang in languages}
    source = _SOURCE.read_text(encoding="utf-8")
    return {WIDGET_PATH: source.replace(_PLACEHOLDER, json.dumps(directions, ensure_ascii=True))}
