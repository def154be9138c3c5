"""Time nabd's build of N incidents against a plain mkdocs-material + i18n build of the same words.

    python bench/run.py --sizes 100 1000 5000 --rounds 3 [--workload real|light]

For each size it generates both sites (bench/generate.py; the plain one with every page in its
search index, as a plain site's users have it), then alternates the builds, nabd
then plain, ``--rounds`` times (A B A B ...), each ``mkdocs build -q`` in a fresh child process
reaped with ``os.wait4`` so its own peak RSS and CPU time are read. It prints, in Markdown, the
medians, the ratio (of median wall time, of median CPU time, and of the fastest builds, which
other load on the machine disturbs least), peak memory, the size of each built site, and
nabd's largest files (the ones that grow with N). Run it with the interpreter that has nabd
installed (``.venv/bin/python``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

SOURCE_DATE_EPOCH = str(int(generate.NOW.timestamp()))
KINDS = ("nabd", "plain")


@dataclass
class Build:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    site_mb: float
    files: int


@dataclass
class Result:
    n: int
    builds: dict[str, list[Build]] = field(default_factory=lambda: {k: [] for k in KINDS})
    largest: list[tuple[str, int]] = field(default_factory=list)

    def median(self, kind: str, attribute: str) -> float:
        return statistics.median(getattr(b, attribute) for b in self.builds[kind])

    def fastest(self, kind: str) -> float:
        """The fastest build's wall time: the least disturbed by other load."""
        return min(b.seconds for b in self.builds[kind])


def build(site: Path, python: str, timeout: float) -> Build:
    """One clean ``mkdocs build -q`` of ``site`` in a child process: wall time and peak RSS."""
    out = site / "site"
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [python, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml")]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=site, env=env, stdout=log, stderr=log)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            tail = log.read().decode(errors="replace")[-3000:]
            raise SystemExit(f"build of {site} failed ({child.returncode}):\n{tail}")
    size, files = _size(out)
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds, cpu, usage.ru_maxrss / 1024, size / 2**20, files)


def _size(folder: Path) -> tuple[int, int]:
    """Total bytes (apparent size) and number of files under ``folder``."""
    total = count = 0
    for root, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(root, name))
            count += 1
    return total, count


def largest_pages(site: Path, top: int) -> list[tuple[str, int]]:
    """The ``top`` largest built files of ``site``, path and bytes."""
    found = [
        (str(path.relative_to(site / "site")), path.stat().st_size)
        for path in (site / "site").rglob("*")
        if path.is_file()
    ]
    return sorted(found, key=lambda item: (-item[1], item[0]))[:top]


def run(
    sizes: list[int],
    rounds: int,
    workdir: Path,
    python: str,
    timeout: float,
    workload: str,
    plain_search: str = "all",
) -> list[Result]:
    results = []
    for n in sizes:
        sites = {kind: workdir / f"{kind}-{n}" for kind in KINDS}
        for kind, site in sites.items():
            started = time.perf_counter()
            plain = kind == "plain"
            generate.write_site(
                n,
                site,
                plain=plain,
                workload=workload,
                search=plain_search,
            )
            _log(f"N={n}: generated {kind} site in {time.perf_counter() - started:.1f} s")
        result = Result(n)
        for round_ in range(1, rounds + 1):
            for kind in KINDS:
                done = build(sites[kind], python, timeout)
                result.builds[kind].append(done)
                _log(
                    f"N={n} round {round_} {kind}: {done.seconds:.2f} s "
                    f"({done.cpu_seconds:.2f} s CPU), "
                    f"{done.peak_mb:.0f} MB peak, site {done.site_mb:.1f} MB"
                )
        result.largest = largest_pages(sites["nabd"], 12)
        results.append(result)
    return results


def source_digest() -> str:
    """A short hash of the nabd package's files: which version of the plugin was measured."""
    import nabd

    digest = hashlib.sha256()
    root = Path(nabd.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".css", ".po", ".json"}:
            digest.update(str(path.relative_to(root)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def table(results: list[Result], workload: str, plain_search: str) -> str:
    lines = [
        f"workload {workload}, plain search {plain_search}, nabd source {source_digest()}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs",
        "",
        "| N | nabd median s | plain median s | ratio | CPU ratio | min ratio | nabd ms/incident "
        "| plain ms/incident | nabd peak MB | plain peak MB | nabd site MB | plain site MB "
        "| nabd files | rounds |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        nabd, plain = r.median("nabd", "seconds"), r.median("plain", "seconds")
        lines.append(
            f"| {r.n:,} | {nabd:.2f} | {plain:.2f} | {nabd / plain:.2f} "
            f"| {r.median('nabd', 'cpu_seconds') / r.median('plain', 'cpu_seconds'):.2f} "
            f"| {r.fastest('nabd') / r.fastest('plain'):.2f} "
            f"| {1000 * nabd / r.n:.1f} | {1000 * plain / r.n:.1f} "
            f"| {max(b.peak_mb for b in r.builds['nabd']):.0f} "
            f"| {max(b.peak_mb for b in r.builds['plain']):.0f} "
            f"| {r.median('nabd', 'site_mb'):.1f} | {r.median('plain', 'site_mb'):.1f} "
            f"| {r.builds['nabd'][0].files:,} | {len(r.builds['nabd'])} |"
        )
    if len(results) > 1:
        lines += ["", "Marginal cost per added incident (both languages):", ""]
        for before, after in itertools.pairwise(results):
            added = after.n - before.n
            parts = []
            for kind in KINDS:
                extra = after.median(kind, "seconds") - before.median(kind, "seconds")
                size = after.median(kind, "site_mb") - before.median(kind, "site_mb")
                parts.append(f"{kind} {1000 * extra / added:.1f} ms, {1024 * size / added:.0f} KB")
            lines.append(f"- {before.n:,} -> {after.n:,}: " + "; ".join(parts))
    for r in results:
        lines += ["", f"Largest files of the nabd site at N={r.n:,}:", ""]
        lines += [f"- `{path}`: {size / 1024:,.0f} KB" for path, size in r.largest]
    return "\n".join(lines)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rounds", type=int, default=3, help="builds of each site per size")
    parser.add_argument("--workdir", type=Path, help="where sites are generated (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--python", default=sys.executable, help="interpreter with nabd")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per build")
    parser.add_argument("--json", type=Path, help="also write the raw measures here")
    parser.add_argument("--workload", choices=generate.WORKLOADS, default="real")
    parser.add_argument(
        "--plain-search",
        choices=generate.SEARCHES,
        default="all",
        help="what the plain site indexes: every page (as its users have it), the about pages, "
        "or nothing (no search plugin)",
    )
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="nabd-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = run(
            args.sizes,
            args.rounds,
            workdir,
            args.python,
            args.timeout,
            args.workload,
            args.plain_search,
        )
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    print(table(results, args.workload, args.plain_search))


if __name__ == "__main__":
    main()
