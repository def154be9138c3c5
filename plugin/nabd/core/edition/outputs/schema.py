"""``/schema/incident.json``: the JSON Schema of an incident file, at a stable address of the
site, so that an editor checks and completes the file as it is typed, anywhere: an incident
file's first line, ``# yaml-language-server: $schema=<site_url>schema/incident.json``, points
to it (``nabd init`` and ``nabd new`` write that line). It is the schema of the Nabd release
that built the site, byte for byte."""

from __future__ import annotations

from nabd.core.edition.reference import SCHEMA_PATH

INCIDENT_SCHEMA = "schema/incident.json"
"""Where the schema is published, relative to the site's address."""


def schema_outputs() -> dict[str, str]:
    return {INCIDENT_SCHEMA: SCHEMA_PATH.read_text(encoding="utf-8")}
