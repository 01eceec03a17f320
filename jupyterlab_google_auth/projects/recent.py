"""The projects the user chose lately, newest first, so the selector can show them on top.

Kept in server memory and in ``~/.config/jupyterlab-google-auth/recent-projects.json``
(``{"recent": [ids]}``, 0600, written atomically) so they survive a restart. Only ids with the
shape of a project id are kept; a damaged file counts as an empty list.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from ..credentials import atomic
from ..credentials.formats import validate_project_id
from ..credentials.paths import resolve_home

MAX_RECENT = 10
_MAX_FILE_BYTES = 64 * 1024
RELATIVE_PATH = Path(".config") / "jupyterlab-google-auth" / "recent-projects.json"


def default_path() -> Path:
    return resolve_home(os.environ) / RELATIVE_PATH


def _valid(ids: object) -> list[str]:
    out: list[str] = []
    for value in ids if isinstance(ids, list) else []:
        try:
            project = validate_project_id(value)
        except ValueError:
            continue
        if project not in out:
            out.append(project)
    return out[:MAX_RECENT]


class RecentProjects:
    """The list for one file; ``path`` is resolved on each call when not given (HOME may be
    changed by the tests)."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._lists: dict[Path, list[str]] = {}
        self._stamps: dict[Path, float | None] = {}  # the file's mtime when it was read
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self._path or default_path()

    @staticmethod
    def _stamp(path: Path) -> float | None:
        try:
            return path.stat().st_mtime
        except OSError:
            return None

    def _load(self, path: Path) -> list[str]:
        # Read again when the file changed behind this server (another server, a deletion).
        stamp = self._stamp(path)
        if path not in self._lists or self._stamps.get(path) != stamp:
            self._stamps[path] = stamp
            try:
                raw = atomic.read_regular(path, limit=_MAX_FILE_BYTES)
                data = json.loads(raw.decode("utf-8")) if len(raw) <= _MAX_FILE_BYTES else None
            except (OSError, ValueError, RecursionError):
                data = None
            self._lists[path] = _valid(data.get("recent") if isinstance(data, dict) else None)
        return self._lists[path]

    def get(self) -> list[str]:
        """Reads the file the first time only; blocking, so call it off the event loop."""
        with self._lock:
            return list(self._load(self.path))

    def add(self, project: str) -> list[str]:
        """Put ``project`` first and save; the list in memory is updated even if saving fails
        (OSError is raised after, for the caller to log)."""
        validate_project_id(project)
        with self._lock:
            path = self.path
            recent = [project] + [p for p in self._load(path) if p != project]
            self._lists[path] = recent[:MAX_RECENT]
            atomic.atomic_write_json(path, {"recent": self._lists[path]}, backup=False)
            self._stamps[path] = self._stamp(path)
            return list(self._lists[path])
