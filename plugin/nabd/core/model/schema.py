"""The JSON Schema of an incident file, for editors and the reference page.

The package holds a schema for any set of languages (a localized text is an object keyed by
language code); a site gets it with its own languages filled in, so that an editor completes
``title: {en: ..., ar: ...}`` and flags ``title.fr`` on a site that does not build French.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib.resources import files
from typing import Any

from nabd.core.model.languages import Languages, language_name


@cache
def _package_schema() -> str:
    return files("nabd").joinpath("schema/incident.schema.json").read_text(encoding="utf-8")


def incident_schema(languages: Languages | None = None) -> dict[str, Any]:
    """The schema; with ``languages``, its localized texts in exactly the site's languages, the
    required ones required."""
    schema = json.loads(_package_schema())
    if languages is None:
        return schema
    localized = schema["$defs"]["localized"]
    text = localized["additionalProperties"]
    localized.pop("propertyNames", None)
    localized.pop("minProperties", None)
    localized["additionalProperties"] = False
    localized["required"] = list(languages.required)
    localized["properties"] = {
        code: {**copy.deepcopy(text), "description": f"The text in {language_name(code)}."}
        for code in languages.codes
    }
    return schema
