"""The JSON Schema of an incident file agrees with the validator on the fixtures."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from nabd.core.model.loader import load_incident_text
from nabd.core.model.yaml_source import ListNode, MapNode, Node, YamlError, parse
from tests.sites import EN_AR

FIXTURES = Path(__file__).parent.parent / "fixtures"
VALID = sorted((FIXTURES / "valid").rglob("*.y*ml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))

NOT_IN_SCHEMA = {
    # YAML-level problems: the editor's YAML parser reports them, not the schema.
    "alias",
    "duplicate-key",
    "malformed",
    "multiple-documents",
    "tab-indent",
    "yaml-tag",
    # Rules that need more than one field, the site's configuration or other files.
    "Bad_Name",
    "compare-with-self",
    "compare-with-unknown",
    "figure-duplicate-key",
    "invalid-date",
    "resolved-before-impact-end",
    "resolved-while-open",
    "scheduled-to-before-from",
    "to-before-from",
    "unknown-platform",
    "updates-out-of-order",
}
"""Invalid fixtures whose problem a JSON Schema cannot express."""

SCHEMA = json.loads(files("nabd").joinpath("schema/incident.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def as_yaml_1_2(node: Node | None) -> object:
    """The data an editor sees: YAML 1.2's core schema, as yaml-language-server reads it."""
    if node is None:
        return None
    if isinstance(node, MapNode):
        return {key: as_yaml_1_2(entry.value) for key, entry in node.entries.items()}
    if isinstance(node, ListNode):
        return [as_yaml_1_2(item) for item in node.items]
    if not node.plain:
        return node.text
    if node.is_null:
        return None
    if node.text in _BOOLS:
        return _BOOLS[node.text]
    if _INT.fullmatch(node.text):
        return int(node.text)
    if _FLOAT.fullmatch(node.text):
        return float(node.text)
    return node.text


def schema_errors(path: Path) -> list[str]:
    data = as_yaml_1_2(parse(path.read_text(encoding="utf-8")).root)
    return [error.message for error in VALIDATOR.iter_errors(data)]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _properties(schema: object, where: str = "") -> list[tuple[str, dict]]:
    """Every property declared in the schema, outside the kind-specific ``allOf``."""
    found = []
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            found.append((f"{where}.{name}", sub))
        for key, sub in schema.items():
            if key != "allOf":
                found += _properties(sub, f"{where}.{key}")
    elif isinstance(schema, list):
        for sub in schema:
            found += _properties(sub, where)
    return found


def test_every_property_and_definition_has_a_description() -> None:
    properties = _properties(SCHEMA)
    assert len(properties) > 25
    assert [where for where, sub in properties if "description" not in sub] == []
    assert [name for name, sub in SCHEMA["$defs"].items() if "description" not in sub] == []


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixtures_pass_the_schema(path: Path) -> None:
    assert schema_errors(path) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixtures_fail_the_schema_when_it_can_tell(path: Path) -> None:
    try:
        errors = schema_errors(path)
    except YamlError:
        assert path.stem in NOT_IN_SCHEMA, "unparseable YAML: list it in NOT_IN_SCHEMA"
        return
    if path.stem in NOT_IN_SCHEMA:
        assert errors == [], "the schema catches it after all: remove it from NOT_IN_SCHEMA"
    else:
        assert errors != []


def test_the_list_of_exceptions_names_only_fixtures() -> None:
    assert NOT_IN_SCHEMA.issubset(p.stem for p in INVALID)


TIMESTAMPS = [
    "2024-03-05T15:00:00Z",
    "2024-03-05T15:00Z",
    "2024-03-05 15:00:00+03:00",
    "2024-03-05T15:00:00.123-05:00",
    "2024-03-05T15:00:00",
    "2024-03-05 15:00",
    "2024-03-05",
    "2024-03-05T15:00:00z",
    "2024-03-05T15:00:00+0300",
    "2024-03-05T15:00:00 Z",
    "15:00",
]


@pytest.mark.parametrize("value", TIMESTAMPS)
def test_the_timestamp_pattern_agrees_with_the_validator(value: str, platforms) -> None:
    in_schema = re.search(SCHEMA["$defs"]["timestamp"]["pattern"], value) is not None
    text = (FIXTURES / "valid" / "2030-01-10-planned-maintenance.yaml").read_text("utf-8")
    text = text.replace("at: 2029-12-20T09:00:00Z", f"at: '{value}'")
    in_validator = not load_incident_text(text, "x.yaml", platforms, languages=EN_AR).errors
    assert in_schema == in_validator


TEXTS = [
    "a < b",
    "<https://example.com>",
    "<b>bold</b>",
    "</i>",
    "<!-- c -->",
    "<br/>",
    "<?x?>",
    "1<2",
    "x\u202ey",
    "x\u2067y",
    "x\u200fy",
]


@pytest.mark.parametrize("value", TEXTS)
def test_the_text_rules_agree_with_the_validator(value: str, platforms) -> None:
    in_schema = VALIDATOR.evolve(schema=SCHEMA["$defs"]["text"] | {"$defs": SCHEMA["$defs"]})
    text = (FIXTURES / "valid" / "2030-01-10-planned-maintenance.yaml").read_text("utf-8")
    text = text.replace("Planned maintenance of Threads", json.dumps(value))
    in_validator = not load_incident_text(text, "x.yaml", platforms, languages=EN_AR).errors
    assert in_schema.is_valid(value) == in_validator
