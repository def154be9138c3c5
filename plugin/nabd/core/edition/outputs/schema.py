"""``/schema/incident.json``: the JSON Schema of the site's incident files, at a stable address
of the site, so that an editor checks and completes a file as it is typed, anywhere: an
incident file's first line, ``# yaml-language-server: $schema=<site_url>schema/incident.json``,
points to it (``nabd init`` and ``nabd new`` write that line). It is the schema of the Nabd
release that built the site, with the site's own languages (``core/model/schema.py``)."""

from __future__ import annotations

import json

from nabd.core.model.languages import Languages
from nabd.core.model.schema import incident_schema

INCIDENT_SCHEMA = "schema/incident.json"
"""Where the schema is published, relative to the site's address."""


def schema_outputs(languages: Languages) -> dict[str, str]:
    schema = json.dumps(incident_schema(languages), ensure_ascii=False, indent=2)
    return {INCIDENT_SCHEMA: schema + "\n"}
