"""Profile an in-process nabd build of a synthetic site (default: 1,000 incidents).

    python bench/profile.py                 # generate N=1000 into a temp dir, profile the build
    python bench/profile.py --n 1000 --site /tmp/nabd-1000 --out build.prof
    python bench/profile.py --no-cprofile   # the per-phase breakdown only, without cProfile

It loads the site's mkdocs.yml, runs ``mkdocs.commands.build.build`` under cProfile, and prints
the top functions by cumulative and by own time, then where the wall time went: mkdocs' page
phases by kind of page (incident, platform, history, other) and nabd's plugin events and
templates, timed by wrapping them here (nothing in the plugin changes).
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

HERE = Path(__file__).resolve().parent


def _cprofile() -> ModuleType:
    """cProfile, imported with this folder off the path: this file's name hides the standard
    library's ``profile`` module, which cProfile imports."""
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    try:
        import cProfile
    finally:
        sys.path[:] = saved
    return cProfile


Timings = defaultdict[str, list[float]]


def _timed(timings: Timings, key: Callable[..., str], function: Callable) -> Callable:
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            timings[key(*args, **kwargs)].append(time.perf_counter() - started)

    return wrapper


def _kind(src_uri: str) -> str:
    """A page's kind from its source path: ``ar/incidents/x.md`` -> ``incident``."""
    parts = src_uri.split("/")
    if parts[0] in generate.LANGS:
        parts = parts[1:]
    if parts[0] == "incidents":
        return "incident"
    if parts[0] == "platforms":
        return "platform year" if len(parts) > 2 else "platform"
    if parts[0] == "history":
        return "history year"
    return parts[0].removesuffix(".md")


def instrument(timings: Timings) -> None:
    """Wrap mkdocs' page phases and nabd's events with timers (in this process only)."""
    from mkdocs.commands import build as mkdocs_build

    from nabd.core.edition import render
    from nabd.mkdocs import plugin

    def page_key(name: str) -> Callable[..., str]:
        return lambda page, *args, **kwargs: f"mkdocs {name}: {_kind(page.file.src_uri)}"

    mkdocs_build._populate_page = _timed(
        timings, page_key("markdown + on_page_content"), mkdocs_build._populate_page
    )
    mkdocs_build._build_page = _timed(
        timings, page_key("theme template + on_post_page"), mkdocs_build._build_page
    )
    for event in ("on_pre_build", "on_files", "on_page_content", "on_post_page"):
        original = getattr(plugin.NabdPlugin, event, None)
        if original is not None:
            label = f"nabd {event}"
            wrapped = _timed(timings, lambda *a, label=label, **k: label, original)
            setattr(plugin.NabdPlugin, event, wrapped)
    plugin.language_outputs = _timed(
        timings, lambda *a, **k: "nabd language_outputs", plugin.language_outputs
    )
    plugin.site_pages = _timed(timings, lambda *a, **k: "nabd site_pages", plugin.site_pages)
    render.Renderer.render = _timed(
        timings,
        lambda self, page, *a, **k: f"nabd render {page.template}",
        render.Renderer.render,
    )


def report_timings(timings: Timings, total: float) -> str:
    lines = [
        f"Wall time of the build: {total:.2f} s",
        "",
        "| phase | calls | total s | share | mean ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, spent in sorted(timings.items(), key=lambda item: -sum(item[1])):
        whole = sum(spent)
        lines.append(
            f"| {name} | {len(spent)} | {whole:.2f} | {100 * whole / total:.0f}% "
            f"| {1000 * whole / len(spent):.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="incidents to generate")
    parser.add_argument("--site", type=Path, help="an existing generated site to build")
    parser.add_argument("--out", type=Path, help="write the cProfile stats here")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--no-cprofile", action="store_true", help="only the breakdown")
    args = parser.parse_args()

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ["SOURCE_DATE_EPOCH"] = str(int(generate.NOW.timestamp()))
    site = args.site
    if site is None or not (site / "mkdocs.yml").exists():
        site = site or Path(tempfile.mkdtemp(prefix="nabd-profile-"))
        generate.write_site(args.n, site, plain=False)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    timings: Timings = defaultdict(list)
    instrument(timings)
    os.chdir(site)
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(site / "site"))
    profiler = None if args.no_cprofile else _cprofile().Profile()
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    build(config)
    if profiler:
        profiler.disable()
    total = time.perf_counter() - started

    if profiler:
        if args.out:
            profiler.dump_stats(args.out)
        for order in ("cumulative", "tottime"):
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(order)
            stats.print_stats(args.top)
            print(f"== top {args.top} by {order} ==")
            print(text.getvalue().split("\n", 6)[-1].strip("\n"))
            print()
    print(report_timings(timings, total))


if __name__ == "__main__":
    main()
