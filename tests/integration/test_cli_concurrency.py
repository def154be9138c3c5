"""Edits started together, as two maintainers (or a script) would during an outage: each one
lands, or fails loudly; none is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nabd.cli.files import ChangedMeanwhile, editing_lock, write_atomically
from tests.sites import CLI_MKDOCS_YML

ONGOING = """\
title: {en: Login fails, ar: تعذّر تسجيل الدخول}
impacts:
  - {platform: facebook, status: major_outage, from: 2024-03-05T15:00:00Z}
updates:
  - at: 2024-03-05T15:20:00Z
    status: investigating
    text: {en: People cannot log in., ar: لا يستطيع الناس تسجيل الدخول.}
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CLI_MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "incidents").mkdir()
    (tmp_path / "incidents" / "2024-03-05-login.yaml").write_text(ONGOING, encoding="utf-8")
    return tmp_path


def start_update(site: Path, number: int) -> subprocess.Popen[str]:
    """``nabd update`` in a process of its own, as a second terminal would run it."""
    command = [
        sys.executable,
        "-c",
        "from nabd.cli import main; main()",
        *("update", "2024-03-05-login", "--status", "identified"),
        *("--text", f"en=Update number {number}.", "--text", f"ar=التحديث رقم {number}."),
        *("--at", "2024-03-05T16:00:00Z"),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen(
        command, cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_four_updates_started_together_all_land(site: Path) -> None:
    processes = [start_update(site, number) for number in range(4)]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], outputs
    text = (site / "incidents" / "2024-03-05-login.yaml").read_text("utf-8")
    assert sorted(n for n in range(4) if f"Update number {n}." in text) == [0, 1, 2, 3]
    assert text.count("status: identified") == 4


def test_an_edit_waits_while_another_holds_the_folder(site: Path) -> None:
    """Deterministic: while this test holds the lock, a started ``nabd update`` cannot read the
    file; once released, it reads what is there and adds to it."""
    path = site / "incidents" / "2024-03-05-login.yaml"
    with editing_lock(site / "incidents"):
        process = start_update(site, 1)
        time.sleep(3)  # MkDocs loads in about a second; the edit would be done by now
        assert process.poll() is None, process.communicate()[0]
        path.write_text(ONGOING + "# written by the other edit\n", encoding="utf-8")
    output = process.communicate(timeout=120)[0]
    assert process.returncode == 0, output
    text = path.read_text("utf-8")
    assert "# written by the other edit" in text and "Update number 1." in text


def test_a_file_saved_by_someone_else_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "incident.yaml"
    path.write_bytes(b"saved by an editor meanwhile\n")
    with pytest.raises(ChangedMeanwhile):
        write_atomically(path, b"the edit\n", exclusive=False, expected=b"what was read\n")
    assert path.read_bytes() == b"saved by an editor meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["incident.yaml"]  # no temporary left
