"""Each fact is computed once per build of the example site, and shared by both languages: the
analysis once, each timeline, measure and comparison once, each text's Markdown once, the
language-free outputs once. A counter wraps each function where its callers find it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import pytest

from nabd.core.analysis import analysis, measures, timeline
from nabd.core.edition import views
from nabd.core.present import text
from nabd.mkdocs import plugin
from tests.sites import example_languages

from .sitebuild import REPO, build_in_process


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Counter[Hashable]]:
    """``counted(module, name, key)``: count the calls of ``module.name`` by ``key(*args)``."""

    def count(module: Any, name: str, key: Callable[..., Hashable]) -> Counter[Hashable]:
        calls: Counter[Hashable] = Counter()
        original = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[key(*args, **kwargs)] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)
        return calls

    return count


def test_nothing_is_computed_twice(
    counted: Callable[..., Counter[Hashable]], tmp_path: Path
) -> None:
    text.render_markdown.cache_clear()  # a cache of the process: start this build without it
    loads = counted(plugin, "load_incidents", lambda *a, **k: "load")
    analyses = counted(plugin, "analyse", lambda *a, **k: "analyse")
    shared = counted(plugin, "shared_outputs", lambda *a, **k: "shared")
    lines = counted(analysis, "timelines", lambda *a, **k: "timelines")
    segments = counted(timeline, "status_segments", lambda impacts, now: (tuple(impacts), now))
    uptimes = counted(analysis, "platform_uptime", lambda line, platform, *a: platform.id)
    measured = counted(measures, "measure", lambda incident, *a, **k: incident.id)
    compared = counted(
        analysis, "compare", lambda this, other, *a, **k: (this.incident_id, other.incident_id)
    )
    converted = counted(text, "_clean", lambda fragment, tags: (fragment, tags))
    items = counted(views, "IncidentItem", lambda *a, **k: k["id"])

    build = build_in_process(REPO / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output
    for code in example_languages().codes[1:]:  # every language was built
        assert build.page(f"{code}/").get("lang") == code

    incidents = len(list((REPO / "incidents").rglob("*.yaml")))
    assert (loads["load"], analyses["analyse"], shared["shared"]) == (1, 1, 1)
    assert lines == Counter({"timelines": 1})
    assert len(uptimes) == 5 and max(uptimes.values()) == 1
    assert len(measured) == incidents and max(measured.values()) == 1
    assert compared and max(compared.values()) == 1
    assert segments and max(segments.values()) == 1
    assert converted and max(converted.values()) == 1
    # An incident as a row of a list, once per language, however many lists show it.
    assert items and max(items.values()) == len(example_languages().codes)
