"""The directories on the way to a credential file must be the user's own and private enough.

Refused, with the directory named and the command to run: a symbolic link (the file would land
wherever it points), a directory writable by group or others (anyone in it could swap the file
or plant a link), a directory owned by another user. Checked from the file's directory up to the
home directory (not the home itself, and nothing above it); a directory outside the home (say
``CLOUDSDK_CONFIG=/shared/gcloud``) is checked alone. Missing directories are fine: they are
created 0700. POSIX only (Windows has neither the bits nor the owner check).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .unsafe import UnsafeTargetError


class UnsafeDirectoryError(UnsafeTargetError):
    """A directory on the way to a credential file; the message says which and what to run."""


def _home() -> Path | None:
    home = os.environ.get("HOME")
    return Path(home).absolute() if home else None


def chain(directory: Path) -> list[Path]:
    """The directories to check for a file in ``directory``."""
    directory = directory.absolute()
    home = _home()
    if home is None or home == directory or home not in directory.parents:
        return [directory]
    out = []
    current = directory
    while current != home:
        out.append(current)
        current = current.parent
    return out


def check_directories(directory: Path) -> None:
    if os.name == "nt":
        return
    for d in chain(directory):
        try:
            st = os.lstat(d)
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(st.st_mode):
            raise UnsafeDirectoryError(
                f"{d} is a symbolic link; credential files are never written through links. "
                f"Replace it with a real directory: rm {d} && mkdir -m 700 {d}"
            )
        if not stat.S_ISDIR(st.st_mode):
            continue  # ensure_private_dir reports it
        if st.st_uid != os.getuid():
            raise UnsafeDirectoryError(
                f"{d} belongs to another user (uid {st.st_uid}); credential files are only "
                f"written into your own directories. Move it away, or run: sudo chown "
                f"{os.getuid()} {d} && chmod 700 {d}"
            )
        if st.st_mode & 0o022:
            raise UnsafeDirectoryError(
                f"{d} is writable by other users (mode {stat.S_IMODE(st.st_mode):o}), who could "
                f"replace the credential files in it. Run: chmod 700 {d}"
            )


def directory_problem(path: Path) -> str | None:
    """For the credentials report: why the directories of ``path`` are refused, or None."""
    try:
        check_directories(path.parent)
    except UnsafeDirectoryError as exc:
        return str(exc)
    return None
