"""The reference page's entries come from the code, and every one is translated."""

from __future__ import annotations

import re
from pathlib import Path

from nabd.core.edition.reference import schema_fields
from nabd.core.model.schema import incident_schema
from nabd.core.present.catalogs import Catalogs
from nabd.mkdocs.config import ChannelConfig, NabdConfig, PlatformConfig
from nabd.mkdocs.reference import settings_reference


def test_every_setting_is_documented_from_its_docstring() -> None:
    names = {entry.name for entry in settings_reference()}
    expected = {name + ("[]" if name == "platforms" else "") for name, _ in NabdConfig._schema}
    expected |= {f"platforms[].{name}" for name, _ in PlatformConfig._schema}
    expected |= {"notify.max_age", "notify.channels[]"}
    expected |= {
        f"notify.channels[].{name}" + ("[]" if name == "platforms" else "")
        for name, _ in ChannelConfig._schema
    }
    assert names == expected
    timezone = next(e for e in settings_reference() if e.name == "timezone")
    assert timezone.default == "UTC" and "IANA" in timezone.description
    tracked = next(e for e in settings_reference() if e.name == "platforms[].tracked_since")
    assert tracked.required and tracked.kinds == ("date",)


def test_every_incident_field_comes_from_the_schema() -> None:
    fields = {entry.name: entry for entry in schema_fields(incident_schema())}
    for name in ("title", "impacts[].platform", "impacts[].to", "updates[].sources[].kind"):
        assert name in fields, name
    assert fields["updates[].at"].kinds == ("moment",) and fields["updates[].at"].required
    assert all(entry.description for entry in fields.values())


def test_every_description_has_an_arabic_translation() -> None:
    arabic = {m.id for m in Catalogs().catalog("ar") if m.id and m.string}
    entries = (*settings_reference(), *schema_fields(incident_schema()))
    missing = [e.name for e in entries if e.description not in arabic]
    assert missing == []


def test_the_readme_lists_every_setting_with_its_default() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \|([^|]*)\|", readme, re.MULTILINE)
    listed = {
        name: default.strip()
        for name, default in rows
        if all(part.isidentifier() for part in name.split("[")[0].split("."))
    }
    for entry in settings_reference():
        assert entry.name in listed, entry.name
        shown = f"`{entry.default}`" if entry.default else ("required" if entry.required else "")
        assert listed[entry.name] == shown, entry.name
