"""Crash-safe, private writes of credential files.

A credential file is either the old one or the new one, never half of each: the new content goes
to a temporary file in the same directory (0600, created exclusively, never through a symlink),
is flushed and fsynced, and is renamed over the target; then the directory is fsynced so the
rename itself survives a crash. The previous file is copied to a timestamped backup first so a
bad write can be undone by hand. Anything that goes wrong removes the temporary file and leaves
the old file as it was.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .directories import check_directories
from .unsafe import UnsafeTargetError

BACKUPS_KEPT = 5
FILE_MODE = 0o600
DIR_MODE = 0o700
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_BACKUP_SUFFIX = re.compile(r"\.bak-\d{8}T\d{12}$")

# Test seam: called with (temp_path, target) after the temporary file is complete and before it
# is renamed over the target. A test sets it to raise and checks nothing was damaged.
before_replace: Callable[[Path, Path], None] | None = None


class SymlinkTargetError(UnsafeTargetError):
    """The target is a symbolic link: writing would follow it to somewhere else."""


class DirectoryTargetError(UnsafeTargetError):
    """A directory sits where the credential file belongs."""


def check_target(path: Path) -> os.stat_result | None:
    """lstat the target and refuse anything but a regular file (or nothing)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        raise SymlinkTargetError(
            f"{path} is a symbolic link; credential files are never written through links. "
            f"Remove the link (or replace it with a regular file) and try again."
        )
    if stat.S_ISDIR(st.st_mode):
        raise DirectoryTargetError(
            f"{path} is a directory, but a credential file belongs there. "
            f"Move the directory away and try again."
        )
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeTargetError(
            f"{path} is not a regular file (a device, socket or pipe). Remove it and try again."
        )
    return st


def ensure_private_dir(directory: Path) -> None:
    """Create missing directories as 0700; existing ones keep their permissions."""
    missing: list[Path] = []
    current = directory
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for d in reversed(missing):
        try:
            os.mkdir(d, DIR_MODE)
        except FileExistsError:
            continue
        # The umask may have removed bits we want (never added any); set exactly 0700.
        os.chmod(d, DIR_MODE)
    if not directory.is_dir():
        raise UnsafeTargetError(f"{directory} is not a directory; move it away and try again.")


def _fsync_dir(directory: Path) -> None:
    """Persist a rename; directories cannot be opened this way on Windows, so skip there."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new_private(path: Path, data: bytes) -> None:
    """Create ``path`` exclusively as 0600 (never through a link), write, flush and fsync."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_BINARY, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """Read a regular file without following a link or blocking on a pipe.

    With ``limit``, at most ``limit + 1`` bytes are read (so the caller can tell it was larger).
    """
    fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK | _O_BINARY)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafeTargetError(f"{path} is not a regular file.")
        chunks = []
        total = 0
        while limit is None or total <= limit:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _timestamp(now: _dt.datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S%f")


def _backup_candidates(path: Path) -> list[Path]:
    """Existing backups of ``path``, oldest first (fixed-width UTC stamps sort in time order)."""
    prefix = path.name
    found = []
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if name.startswith(prefix) and _BACKUP_SUFFIX.fullmatch(name[len(prefix) :]):
            found.append(entry)
    return sorted(found, key=lambda p: p.name)


def _new_backup_path(path: Path) -> Path:
    """A backup name that does not exist yet (bumping the microseconds on a collision)."""
    now = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    while True:
        candidate = path.with_name(f"{path.name}.bak-{_timestamp(now)}")
        if not os.path.lexists(candidate):
            return candidate
        now += _dt.timedelta(microseconds=1)


def rotate_backups(path: Path, keep: int = BACKUPS_KEPT) -> None:
    """Delete all but the newest ``keep`` backups of ``path``."""
    backups = _backup_candidates(path)
    for old in backups[: max(0, len(backups) - keep)]:
        try:
            os.unlink(old)
        except OSError:
            pass


def _copy_to_backup(path: Path) -> Path:
    """Copy the current file to a new 0600 backup; the original stays in place."""
    content = read_regular(path)
    while True:
        backup = _new_backup_path(path)
        try:
            _write_new_private(backup, content)
            return backup
        except FileExistsError:
            continue


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, *, backup: bool = True
) -> Path | None:
    """Replace ``path`` with ``data`` atomically and privately; return the backup made, if any."""
    target = Path(path)
    check_directories(target.parent)
    ensure_private_dir(target.parent)
    existing = check_target(target)
    tmp = target.with_name(f".{target.name}.tmp-{secrets.token_hex(8)}")
    backup_path: Path | None = None
    try:
        _write_new_private(tmp, data)
        if existing is not None and backup:
            backup_path = _copy_to_backup(target)
        # Re-check just before the rename: rename never follows a link at the target, but a
        # link or directory appearing meanwhile should still be refused rather than replaced.
        check_target(target)
        if before_replace is not None:
            before_replace(tmp, target)
        os.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        if backup_path is not None:
            _unlink_quietly(backup_path)
        raise
    _fsync_dir(target.parent)
    if backup_path is not None:
        rotate_backups(target)
    return backup_path


def atomic_write_text(
    path: str | os.PathLike[str], text: str, *, backup: bool = True
) -> Path | None:
    """Text flavour of :func:`atomic_write_bytes` (UTF-8)."""
    return atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


def atomic_write_json(
    path: str | os.PathLike[str], data: Any, *, backup: bool = True
) -> Path | None:
    """Write ``data`` as indented JSON; see :func:`atomic_write_bytes`."""
    text = json.dumps(data, indent=2, sort_keys=False) + "\n"
    return atomic_write_text(path, text, backup=backup)


def move_to_backup(path: str | os.PathLike[str]) -> Path | None:
    """Move the file aside as a timestamped backup (sign-out); None when there was no file."""
    target = Path(path)
    check_directories(target.parent)
    if check_target(target) is None:
        return None
    # Link-then-unlink never overwrites an existing backup; fall back to a rename where the
    # file system has no hard links.
    while True:
        backup = _new_backup_path(target)
        try:
            os.link(target, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except (OSError, NotImplementedError):
            os.replace(target, backup)
        else:
            os.unlink(target)
        break
    try:
        os.chmod(backup, FILE_MODE)
    except OSError:
        pass
    _fsync_dir(target.parent)
    rotate_backups(target)
    return backup


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
