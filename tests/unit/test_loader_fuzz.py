"""Whatever the input, loading reports problems and never raises."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nabd.core.model.loader import LoadResult, load_incident_text
from tests.sites import EN_AR

FIXTURES = Path(__file__).parent.parent / "fixtures"
VALID = {p.name: p.read_text(encoding="utf-8") for p in (FIXTURES / "valid").rglob("*.y*ml")}
IDS = frozenset(Path(name).stem for name in VALID)
PATH = "incidents/fuzzed.yaml"

SCALARS = [
    "yes", "no", "on", "~", "null", "''", '""', "[]", "{}", "[", "}", "12:00", "-1", "1e400",
    "0x1F", ".inf", "2024-03-05", "2024-03-05 15:00", "2024-03-05T15:00:00Z", "&a x", "*a",
    "!!binary eA==", "!x y", "<b>x</b>", "javascript:alert(1)", "\u202e", "|", ">-", "- x",
    "x: y", "? x", "%YAML 1.1", "@", "`", "9" * 5000, "😀", "\\", "'unterminated", "a # b",
]  # fmt: skip
CHARACTERS = [*":-{}[],'\"#&*!|>%@`\t\n\r \\<\u202e\u0085\x00", "x", "1", "é", "ع"]

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 200)),
    st.tuples(st.just("duplicate"), st.integers(0, 200)),
    st.tuples(st.just("swap"), st.integers(0, 200), st.integers(0, 200)),
    st.tuples(st.just("tab"), st.integers(0, 200)),
    st.tuples(st.just("char"), st.integers(0, 10_000), st.sampled_from(CHARACTERS)),
    st.tuples(st.just("truncate"), st.integers(0, 10_000)),
    st.tuples(st.just("value"), st.integers(0, 200), st.sampled_from(SCALARS)),
    st.tuples(st.just("text"), st.integers(0, 200), st.text(max_size=20)),
)


def mutate(text: str, change: tuple) -> str:
    kind, where, *rest = change
    lines = text.split("\n")
    line = where % len(lines)
    if kind == "delete":
        del lines[line]
    elif kind == "duplicate":
        lines.insert(line, lines[line])
    elif kind == "swap":
        other = rest[0] % len(lines)
        lines[line], lines[other] = lines[other], lines[line]
    elif kind == "tab":
        lines[line] = "\t" + lines[line]
    elif kind in ("value", "text"):
        key, colon, _ = lines[line].partition(": ")
        lines[line] = f"{key}{colon or ': '}{rest[0]}"
    else:
        at = where % (len(text) + 1)
        return text[:at] + rest[0] + text[at + 1 :] if kind == "char" else text[:at]
    return "\n".join(lines)


def check(result: LoadResult, text: str) -> None:
    for problem in result.problems:
        assert problem.path == PATH
        assert 1 <= problem.line <= len(text.splitlines()) + 1, problem
        assert isinstance(problem.field, str) and problem.field, problem
        assert isinstance(problem.message, str) and problem.message, problem
    if result.errors:
        assert result.incidents == ()
    else:
        (incident,) = result.incidents
        assert incident.id == "fuzzed" and incident.updates


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(VALID)), changes=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_files_never_raise(name: str, changes: list[tuple], platforms) -> None:
    text = VALID[name]
    for change in changes:
        text = mutate(text, change)
    for strict in (False, True):
        check(
            load_incident_text(
                text, PATH, platforms, known_ids=IDS, strict=strict, languages=EN_AR
            ),
            text,
        )


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_never_raises(text: str, platforms) -> None:
    check(load_incident_text(text, PATH, platforms, languages=EN_AR), text)


def test_valid_files_pass(platforms) -> None:
    for text in VALID.values():
        result = load_incident_text(
            text, PATH, platforms, known_ids=IDS, strict=True, languages=EN_AR
        )
        assert result.problems == ()
        check(result, text)
