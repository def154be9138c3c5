"""The layers of ``nabd``, as its folders show them, and the rule between them.

``core/model`` (incidents, validation, editing) ← ``core/analysis`` (language-free facts) ←
``core/present`` (words and numbers in one language) ← ``core/edition`` (one language's pages
and outputs) ← ``mkdocs`` and ``cli``. A module imports from its own layer or the ones to its
left, never to its right, and nothing in ``core`` imports MkDocs or its plugins.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugin" / "nabd"
LAYERS = ("core.model", "core.analysis", "core.present", "core.edition", "mkdocs", "cli")
FRAMEWORKS = ("mkdocs", "material", "mkdocs_static_i18n")


def _layer(module: str) -> int | None:
    """The layer of ``nabd.<module>``, by its folder; ``None`` outside the layers."""
    for index, layer in enumerate(LAYERS):
        if module == layer or module.startswith(layer + "."):
            # the adapter and the command line stand side by side, at the top
            return min(index, LAYERS.index("mkdocs"))
    return None


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append((".".join(parts), path))
    return found


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports, made absolute, with its line."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ["nabd", *package][: len(package) + 2 - node.level]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            found.append((name, node.lineno))
    return found


def test_every_module_belongs_to_a_layer() -> None:
    outside = [m for m, _ in _modules() if m and m not in ("core",) and _layer(m) is None]
    assert outside == []


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda value: str(value))
def test_imports_point_only_to_lower_layers(module: str, path: Path) -> None:
    own = _layer(module)
    wrong = []
    for name, line in _imports(module, path):
        if name.startswith("nabd."):
            target = _layer(name.removeprefix("nabd."))
            if own is not None and target is not None and target > own:
                wrong.append(f"{path.name}:{line}: {name}")
        elif module.startswith("core") and name.split(".")[0] in FRAMEWORKS:
            wrong.append(f"{path.name}:{line}: {name} (the core knows nothing of MkDocs)")
    assert wrong == []


def test_the_rule_catches_an_upward_import(tmp_path: Path) -> None:
    """The check itself: an analysis module importing the edition is caught."""
    path = tmp_path / "uptime.py"
    path.write_text("from nabd.core.edition.render import Renderer\nimport mkdocs\n")
    imports = _imports("core.analysis.uptime", path)
    assert [_layer(n.removeprefix("nabd.")) for n, _ in imports[:1]] == [3]
    assert _layer("core.analysis.uptime") == 1
