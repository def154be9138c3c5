"""How long ``mkdocs serve`` takes to rebuild the example site after one incident file changes.

    python bench/serve_rebuild.py              # 3 edits on a copy of the example site
    python bench/serve_rebuild.py --edits 5 --site /tmp/bench-1000   # a generated site
    python bench/serve_rebuild.py --full       # mkdocs serve without --dirty

It copies the site (mkdocs.yml, docs/, incidents/, ...) to a temp dir, starts ``mkdocs serve
--dirty`` (as ``make serve`` does; ``--full`` without it) on a free local port, waits for the
first build, then appends a comment line to one incident file and times, from the write, until
the server logs "Reloading browsers" (the rebuild is done and browsers are told to reload); it
also reports mkdocs' own "Documentation built in" figure and checks that the incident page is
served. Every wait is bounded; the server is stopped (SIGINT, then SIGKILL) at the end.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent
SKIP = {".venv", ".git", "site", "tests", "bench", "plugin", "tools", "__pycache__"}
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_site(source: Path, target: Path) -> None:
    for entry in source.iterdir():
        if entry.name in SKIP:
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name)
        else:
            shutil.copy2(entry, target / entry.name)


class Server:
    """``mkdocs serve`` in a child process, its log lines read into a queue with their time."""

    def __init__(self, site: Path, port: int, python: str, dirty: bool) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [python, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        command += ["--dirty"] if dirty else []
        self.process = subprocess.Popen(
            command,
            cwd=site,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line.rstrip()))

    def wait_for(self, pattern: str, timeout: float) -> tuple[float, str]:
        """The first log line matching ``pattern`` within ``timeout`` seconds, and its time."""
        deadline = time.perf_counter() + timeout
        while (left := deadline - time.perf_counter()) > 0:
            try:
                at, line = self.lines.get(timeout=min(left, 1.0))
            except queue.Empty:
                if self.process.poll() is not None:
                    raise SystemExit(f"mkdocs serve exited ({self.process.returncode})") from None
                continue
            if "ERROR" in line or "Traceback" in line:
                print(f"  server: {line}", file=sys.stderr)
            if re.search(pattern, line):
                return at, line
        raise SystemExit(f"timed out after {timeout:.0f} s waiting for {pattern!r}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=EXAMPLE, help="the site to copy")
    parser.add_argument("--edits", type=int, default=3, help="edits to time, one at a time")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per wait")
    parser.add_argument("--python", default=sys.executable, help="interpreter with nabd")
    parser.add_argument("--full", action="store_true", help="rebuild everything (no --dirty)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="nabd-serve-") as folder:
        site = Path(folder)
        copy_site(args.site, site)
        incidents = sorted((site / "incidents").rglob("*.yaml"))
        edited = incidents[len(incidents) // 2]
        port = free_port()
        server = Server(site, port, args.python, dirty=not args.full)
        try:
            started = time.perf_counter()
            _, line = server.wait_for(r"Serving on", args.timeout)
            served = line.split("Serving on ", 1)[1].split()[0]  # with site_url's path
            print(f"first build and start: {time.perf_counter() - started:.2f} s")
            time.sleep(2)  # let the file watcher settle
            latencies, builds = [], []
            for edit in range(1, args.edits + 1):
                with edited.open("a", encoding="utf-8") as file:
                    file.write(f"# bench/serve_rebuild.py: edit {edit}\n")
                touched = time.perf_counter()
                detected, _ = server.wait_for(r"Detected file changes", args.timeout)
                _, line = server.wait_for(r"Documentation built in", args.timeout)
                reloaded, _ = server.wait_for(r"Reloading browsers", args.timeout)
                match = BUILT.search(line)
                builds.append(float(match.group(1)) if match else float("nan"))
                latencies.append(reloaded - touched)
                url = f"{served.rstrip('/')}/incidents/{edited.stem}/"
                with urllib.request.urlopen(url, timeout=30) as response:
                    status = response.status
                print(
                    f"edit {edit}: change seen after {detected - touched:.2f} s, "
                    f"mkdocs build {builds[-1]:.2f} s, browsers reloaded after "
                    f"{latencies[-1]:.2f} s; GET /incidents/{edited.stem}/ -> {status}"
                )
                time.sleep(1)
            print(
                f"median rebuild after one edit ({edited.name}): "
                f"{statistics.median(latencies):.2f} s (mkdocs build "
                f"{statistics.median(builds):.2f} s)"
            )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
