"""Reading credential files that may be broken or hostile, without raising or hanging.

The status route reads whatever sits at the well-known paths: a 10 MB file, binary junk, a
JSON array, a directory, a FIFO, a file we may not read. Each of those becomes a problem in the
report, never an exception, a hang (a FIFO is never opened for blocking reads) or a large read.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .problems import Problem, problem

MAX_BYTES = 1 << 20  # credential files are a few KB; refuse to read more than 1 MB
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)

Kind = Literal["missing", "file", "directory", "other", "broken_link"]


@dataclass
class FileRead:
    """What was found at a path; ``data`` is the parsed JSON object, when there was one."""

    path: Path
    kind: Kind
    is_symlink: bool = False
    mode: int | None = None
    data: dict[str, Any] | None = None
    parsed: bool = False  # JSON parsed (even if it was not an object)
    readable: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return self.kind != "missing"


def _check_mode(path: Path, mode: int, found: FileRead) -> None:
    """Credentials readable by the group or others leak to other accounts on the host."""
    if os.name == "nt":
        return
    if mode & 0o077:
        found.problems.append(
            problem(
                "insecure_permissions",
                f"{path} can be read or changed by other users on this machine "
                f"(mode {stat.S_IMODE(mode):03o}). Run: chmod 600 {path}",
            )
        )


def read_json_file(path: Path, *, max_bytes: int = MAX_BYTES) -> FileRead:
    """Read and parse ``path`` defensively; every failure is a problem on the result."""
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        return FileRead(path, "missing")
    except OSError as exc:
        found = FileRead(path, "other")
        found.problems.append(problem("unreadable", f"{path} cannot be examined ({exc.strerror})."))
        return found

    found = FileRead(path, "other", is_symlink=stat.S_ISLNK(lst.st_mode))
    if found.is_symlink:
        found.problems.append(
            problem(
                "symlink",
                f"{path} is a symbolic link. The libraries follow it, but this extension never "
                f"writes through links; replace it with a regular file to let it update this file.",
            )
        )
    try:
        st = os.stat(path)
    except OSError:
        found.kind = "broken_link"
        found.problems.append(
            problem(
                "broken_link",
                f"{path} is a link to a file that does not exist. Remove the link.",
            )
        )
        return found
    found.mode = st.st_mode
    if stat.S_ISDIR(st.st_mode):
        found.kind = "directory"
        found.problems.append(
            problem(
                "is_directory",
                f"{path} is a directory, but a credential file belongs there. Move it away.",
            )
        )
        return found
    if not stat.S_ISREG(st.st_mode):
        found.problems.append(
            problem(
                "not_a_regular_file",
                f"{path} is not a regular file (a pipe, socket or device); "
                f"the libraries cannot use it (a pipe can make them hang). Remove it.",
            )
        )
        return found
    found.kind = "file"
    _check_mode(path, st.st_mode, found)
    if st.st_size > max_bytes:
        found.problems.append(
            problem(
                "too_large",
                f"{path} is {st.st_size} bytes; a credential file is a few kilobytes. "
                f"It is not a credential file: move it away and sign in again.",
            )
        )
        return found
    raw = _read_limited(path, max_bytes, found)
    if raw is None:
        return found
    found.readable = True
    _parse(path, raw, found)
    return found


def _read_limited(path: Path, max_bytes: int, found: FileRead) -> bytes | None:
    """Read at most ``max_bytes + 1`` bytes of a regular file, never blocking."""
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after the stat, open must not wait.
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY)
    except PermissionError:
        found.problems.append(
            problem(
                "unreadable",
                f"{path} cannot be read by this server's user (permission denied). "
                f"Check its owner and mode (chown to this user, then chmod 600).",
            )
        )
        return None
    except OSError as exc:
        found.problems.append(problem("unreadable", f"{path} cannot be read ({exc.strerror})."))
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            found.kind = "other"
            found.problems.append(
                problem("not_a_regular_file", f"{path} is not a regular file. Remove it.")
            )
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 16, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        found.problems.append(problem("unreadable", f"{path} cannot be read ({exc.strerror})."))
        return None
    finally:
        os.close(fd)
    if total > max_bytes:
        found.problems.append(
            problem("too_large", f"{path} is larger than a credential file can be. Move it away.")
        )
        return None
    return b"".join(chunks)


def _parse(path: Path, raw: bytes, found: FileRead) -> None:
    """Parse JSON; junk of any sort (bad UTF-8, deep nesting, huge numbers) is a problem."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        found.problems.append(
            problem(
                "malformed_json",
                f"{path} is not valid JSON, so the libraries cannot load it. "
                f"Move it away and sign in again.",
            )
        )
        return
    found.parsed = True
    if not isinstance(value, dict):
        found.problems.append(
            problem(
                "not_an_object",
                f"{path} holds JSON but not an object with credential fields. "
                f"Move it away and sign in again.",
            )
        )
        return
    found.data = value
