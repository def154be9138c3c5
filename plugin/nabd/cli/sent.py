"""What earlier attempts of the same deploy already sent.

The snapshot says what the live site listed before the deploy, which is the same for every
attempt of a workflow run: GitHub's "Re-run failed jobs" reruns the notify job with the build's
snapshot. Without a record, a rerun meant to reach the one channel that failed would announce
everything again in the channels that had it. ``nabd notify --sent DIR`` keeps one line per
message sent, in ``DIR/attempt-N.jsonl`` (N from ``GITHUB_RUN_ATTEMPT``), and skips what any
file in ``DIR`` lists; the workflow carries the folder from attempt to attempt as an artifact.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import click

from nabd.core.model.characters import printable


@dataclass(frozen=True)
class Sent:
    """One message sent: to which channel, of which update, in which language(s)."""

    channel: str
    update: str
    lang: str


class SentRecord:
    """The messages sent by earlier attempts (read once) and by this one (written at once, so
    that a job cancelled midway still leaves what it sent)."""

    def __init__(self, folder: Path | None, attempt: str) -> None:
        self.before: frozenset[Sent] = _read(folder) if folder else frozenset()
        self.file = folder / f"attempt-{attempt}.jsonl" if folder else None
        if folder:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise click.ClickException(f"cannot write {folder}: {error}") from None

    def __contains__(self, sent: Sent) -> bool:
        return sent in self.before

    def add(self, sent: Sent) -> None:
        if self.file is None:
            return
        line = json.dumps({"channel": sent.channel, "update": sent.update, "lang": sent.lang})
        try:
            with open(self.file, "a", encoding="utf-8") as file:
                file.write(line + "\n")
        except OSError as error:  # the message is out: say so, and go on with the others
            click.echo(f"notify: cannot record what was sent in {self.file}: {error}", err=True)


def run_attempt() -> str:
    """The attempt of the workflow run (``GITHUB_RUN_ATTEMPT``), or ``local`` outside one."""
    attempt = os.environ.get("GITHUB_RUN_ATTEMPT", "")
    return attempt if attempt.isdecimal() else "local"


def _read(folder: Path) -> frozenset[Sent]:
    found: set[Sent] = set()
    for path in sorted(folder.glob("*.jsonl")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise click.ClickException(f"{path}: {error}") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                found.add(Sent(str(item["channel"]), str(item["update"]), str(item["lang"])))
            except (ValueError, KeyError, TypeError):
                raise click.ClickException(
                    f"{path}:{number}: not a line nabd notify --sent writes: {printable(line[:80])}"
                ) from None
    return frozenset(found)
