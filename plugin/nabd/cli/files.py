"""Writing incident files safely: keep how a file was saved, replace it at once."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import NamedTuple

from nabd.core.model.loader import (
    SUFFIXES,
)


def incident_files(folder: Path) -> dict[str, list[Path]]:
    """The incident files under ``folder`` by id, as the loader finds them."""
    files: dict[str, list[Path]] = {}
    for here, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.endswith(SUFFIXES):
                files.setdefault(Path(name).stem, []).append(Path(here) / name)
    return files


class Encoding(NamedTuple):
    """How a file was saved, so that an edit keeps it: a byte order mark, Windows line ends."""

    bom: bool = False
    crlf: bool = False

    @classmethod
    def decode(cls, data: bytes) -> tuple[str, Encoding]:
        text = data.decode("utf-8")
        encoding = cls(text.startswith("\ufeff"), "\r\n" in text)
        return text.removeprefix("\ufeff").replace("\r\n", "\n"), encoding

    def encode(self, text: str) -> bytes:
        text = text.replace("\n", "\r\n") if self.crlf else text
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")


def write_atomically(path: Path, data: bytes, *, exclusive: bool) -> None:
    """Replace ``path`` at once, keeping its permissions: a reader sees the old or the new file."""
    target = path.resolve()
    if exclusive:
        if target.exists():
            raise FileExistsError(f"{path.name} was created meanwhile")
        target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
