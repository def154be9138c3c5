"""Print, as Markdown, the incidents a pull request adds or changes: the PR check's job summary.

Reviewers see at a glance what a pull request will publish, without opening each YAML file:

    .venv/bin/python tools/pr_summary.py origin/main >> "$GITHUB_STEP_SUMMARY"

Run it from the site's folder (where ``mkdocs.yml`` is), in a git clone that has the base ref.
The files are validated as ``nabd validate --strict`` would; an invalid one is listed with its
problems instead of a row, and the exit status stays 0: failing the check is validate's job.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from nabd.core.model.loader import load_incidents
from nabd.core.model.models import ComponentStatus, Incident
from nabd.core.present.l10n import format_duration
from nabd.mkdocs.settings import site_settings

HEADER = (
    "| Incident | Title | Arabic title | Platforms | Worst status | Latest update | Duration |\n"
    "|---|---|---|---|---|---|---|"
)


def changed_files(base: str, folder: Path) -> list[Path]:
    """The files under ``folder`` added or modified since ``base`` (a rename counts as added)."""
    command = ["git", "diff", "--name-only", "--diff-filter=AM", "--no-renames", "-z", "--relative"]
    result = subprocess.run(
        [*command, f"{base}...HEAD", "--", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"git diff against {base!r} failed: {result.stderr.strip()}")
    return [Path(name).absolute() for name in result.stdout.split("\0") if name]


def summary(base: str, config_file: Path) -> str:
    settings = site_settings(config_file)
    files = changed_files(base, settings.incidents_dir)
    if not files:
        return "No incident files are added or changed.\n"
    result = load_incidents(
        settings.incidents_dir,
        settings.platforms,
        display_root=Path.cwd(),
        strict=True,
        max_file_size=settings.max_file_size,
        only=files,
        languages=settings.languages,
    )
    names = {p.id: p.name.get("en").text for p in settings.platforms}
    lines = [f"### Incidents added or changed ({len(files)} file{'s' if len(files) > 1 else ''})"]
    if result.incidents:
        lines += ["", HEADER, *(_row(incident, names) for incident in result.incidents)]
    if result.problems:
        lines += ["", "**Problems** (fix them in the files, then commit again):", ""]
        lines += [f"- `{problem}`" for problem in result.problems]
    return "\n".join(lines) + "\n"


def _row(incident: Incident, names: dict[str, str]) -> str:
    ended = incident.ended_at
    cells = (
        f"`{incident.id}`",
        _cell(incident.title.get("en").text),
        _cell(incident.title.get("ar").text),
        ", ".join(names.get(p, p) for p in incident.platforms) or "none",
        _status(incident.worst_status),
        incident.status.value.replace("_", " "),
        format_duration(ended - incident.started_at, "en") if ended else "ongoing",
    )
    return f"| {' | '.join(cells)} |"


def _status(status: ComponentStatus) -> str:
    return "none" if status is ComponentStatus.OPERATIONAL else status.value.replace("_", " ")


def _cell(text: str) -> str:
    """``text`` kept on one line of the table, its pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the ref the pull request merges into, e.g. origin/main")
    parser.add_argument("-f", "--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    sys.stdout.write(summary(args.base, args.config))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
