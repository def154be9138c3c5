"""Writing incident files safely: keep how a file was saved, replace it at once."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
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


class ChangedMeanwhile(OSError):
    """The file changed between reading it and writing the edit: the edit is not written."""


@contextlib.contextmanager
def editing_lock(folder: Path) -> Iterator[None]:
    """Hold the incidents folder for one edit: two ``nabd`` commands started together take
    turns, so each reads the file the other wrote and no update is lost.

    The lock is ``flock`` on the folder itself, so there is no lock file to commit or clean up;
    it is released when the process ends, however it ends. Where ``fcntl`` does not exist
    (Windows) there is no lock, and ``write_atomically``'s check still refuses an edit of a
    file that changed meanwhile.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def write_atomically(
    path: Path, data: bytes, *, exclusive: bool, expected: bytes | None = None
) -> None:
    """Replace ``path`` at once, keeping its permissions: a reader sees the old or the new file.

    With ``expected`` (the bytes the edit was made from), refuse with ``ChangedMeanwhile`` if
    the file no longer holds them: someone else saved it meanwhile.
    """
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
        if expected is not None and target.read_bytes() != expected:
            raise ChangedMeanwhile(f"{path.name} was changed by someone else meanwhile")
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
