"""The one place that writes credential files: sign-in results, service accounts, projects.

Every write goes through :mod:`.atomic` (private, crash-safe, backed up) and through the merge
rules of :mod:`.formats` (keys the write does not own are kept). The store holds no secrets
itself; it reads the files when asked.
"""

from __future__ import annotations

import configparser
import io
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .. import names
from . import atomic, formats, issued
from .all_or_nothing import all_or_nothing
from .paths import CredentialPaths, resolve_paths
from .reading import FileRead, read_json_file

Target = Literal["earthengine", "adc"]
TARGETS: tuple[Target, ...] = names.TARGETS  # type: ignore[assignment]

# Read-modify-write of the same files from two requests (sign-in and project selection, say)
# must not lose one of the updates; the server is one process, so a process lock is enough.
_WRITE_LOCK = threading.RLock()
# A profile switch holds it across reading one identity out and writing another in.
WRITE_LOCK = _WRITE_LOCK
_GCLOUD_CONFIG_MAX_BYTES = 1 << 20


@dataclass(frozen=True)
class WrittenFile:
    """One file written (or moved aside): which target, where, and the backup kept, if any."""

    target: str  # "earthengine", "adc" or "gcloud"
    path: Path
    backup: Path | None

    def to_json(self) -> dict[str, str | None]:
        """The JSON shape used in API responses."""
        return {
            "target": self.target,
            "path": str(self.path),
            "backup": str(self.backup) if self.backup else None,
        }


@dataclass(frozen=True)
class SignOutResult:
    """Files moved aside and the refresh tokens to revoke; never send the tokens to a client."""

    moved: list[WrittenFile]
    refresh_tokens: list[str] = field(repr=False)


class CredentialStore:
    """Reads and writes the credential files of one environment (``os.environ`` by default)."""

    def __init__(
        self, env: Mapping[str, str] | None = None, home: str | os.PathLike[str] | None = None
    ) -> None:
        self.env: Mapping[str, str] = os.environ if env is None else env
        self._home = home

    @property
    def paths(self) -> CredentialPaths:
        """Resolved on each access: the environment (e.g. CLOUDSDK_CONFIG) may change."""
        return resolve_paths(self.env, self._home)

    def read_sources(self) -> dict[str, FileRead | None]:
        """What is at each file source now; ``env`` is None when the variable is unset."""
        paths = self.paths
        return {
            "earthengine": read_json_file(paths.earthengine),
            "adc": read_json_file(paths.adc),
            "env": read_json_file(paths.env_credentials) if paths.env_credentials else None,
        }

    @staticmethod
    def _existing(path: Path) -> dict[str, Any] | None:
        """The current JSON object at ``path`` for merging; a broken file merges as nothing
        (the write replaces it, and the backup keeps it)."""
        return read_json_file(path).data

    def write_user_credentials(
        self,
        targets: Iterable[Target],
        *,
        refresh_token: str,
        client_id: str,
        client_secret: str,
        scopes: Iterable[str],
        account: str | None = None,
        project: str | None = None,
        issue: dict[str, Any] | None = None,
    ) -> list[WrittenFile]:
        """Store a user sign-in where ee and/or google-auth read it.

        ``project`` (when given) becomes the EE ``project`` and the ADC ``quota_project_id``;
        when None, the project already in each file is kept. ``issue`` (``{mode, preset,
        client}``) is recorded beside each file (:mod:`.issued`), for "expires about".
        """
        wanted = list(dict.fromkeys(targets))
        for t in wanted:
            if t not in TARGETS:
                raise ValueError(f"unknown target {t!r}; expected one of {', '.join(TARGETS)}")
        scopes = list(scopes)
        paths = self.paths
        written: list[WrittenFile] = []
        targets_paths = {"earthengine": paths.earthengine, "adc": paths.adc}
        with _WRITE_LOCK, all_or_nothing([targets_paths[t] for t in wanted], written):
            if "earthengine" in wanted:
                data = formats.earthengine_user_file(
                    self._existing(paths.earthengine),
                    refresh_token=refresh_token,
                    scopes=scopes,
                    client_id=client_id,
                    client_secret=client_secret,
                    project=project,
                )
                backup = atomic.atomic_write_json(paths.earthengine, data)
                written.append(WrittenFile("earthengine", paths.earthengine, backup))
            if "adc" in wanted:
                data = formats.adc_user_file(
                    self._existing(paths.adc),
                    refresh_token=refresh_token,
                    client_id=client_id,
                    client_secret=client_secret,
                    account=account,
                    quota_project=project,
                )
                backup = atomic.atomic_write_json(paths.adc, data)
                written.append(WrittenFile("adc", paths.adc, backup))
            for file in written:
                if issue is None:
                    issued.remove_record(file.path)  # an old record would misdate this one
                else:
                    issued.write_record(file.path, issued.make_record(refresh_token, **issue))
        return written

    def write_service_account(self, key: Mapping[str, Any]) -> WrittenFile:
        """Validate a service account key and store it, as is, as the ADC file."""
        data = formats.validate_service_account(key)
        paths = self.paths
        with _WRITE_LOCK:
            backup = atomic.atomic_write_json(paths.adc, data)
        return WrittenFile("adc", paths.adc, backup)

    def set_project(
        self, project: str, *, earthengine: bool = True, adc: bool = True, gcloud: bool = False
    ) -> list[WrittenFile]:
        """Make ``project`` the one the libraries bill and default to.

        EE file: ``project`` (created if missing: ee reads it even without a token). ADC:
        ``quota_project_id``, only in an existing authorized_user file (a file holding just a
        project would break google.auth.default()). gcloud: ``core/project`` of the active
        configuration, only when asked.
        """
        formats.validate_project_id(project)
        paths = self.paths
        written: list[WrittenFile] = []
        with _WRITE_LOCK:
            if earthengine:
                data = formats.with_earthengine_project(self._existing(paths.earthengine), project)
                backup = atomic.atomic_write_json(paths.earthengine, data)
                written.append(WrittenFile("earthengine", paths.earthengine, backup))
            if adc:
                existing = self._existing(paths.adc)
                if existing is not None and existing.get("type") == "authorized_user":
                    data = formats.with_quota_project(existing, project)
                    backup = atomic.atomic_write_json(paths.adc, data)
                    written.append(WrittenFile("adc", paths.adc, backup))
            if gcloud:
                written.append(self._set_gcloud_project(paths, project))
        return written

    def _set_gcloud_project(self, paths: CredentialPaths, project: str) -> WrittenFile:
        """Set ``[core] project`` in gcloud's active configuration file, keeping the rest."""
        path = paths.gcloud_configuration(self.env)
        parser = configparser.RawConfigParser(strict=False, interpolation=None)
        if os.path.lexists(path):
            found = _read_text_limited(path)
            try:
                parser.read_string(found)
            except configparser.Error as exc:
                raise ValueError(
                    f"{path} is not a valid gcloud configuration file ({exc.__class__.__name__}); "
                    f"fix or remove it, or run: gcloud config set project {project}"
                ) from exc
        if not parser.has_section("core"):
            parser.add_section("core")
        parser.set("core", "project", project)
        out = io.StringIO()
        parser.write(out)
        backup = atomic.atomic_write_text(path, out.getvalue())
        return WrittenFile("gcloud", path, backup)

    def install(
        self,
        contents: Mapping[Target, Mapping[str, Any] | None],
        records: Mapping[Target, dict[str, Any] | None] | None = None,
    ) -> list[WrittenFile]:
        """Make each target hold exactly ``contents[target]`` (None: move it aside), as one
        change (a profile switch copies a whole identity in or out): both targets checked
        first, each previous file backed up, all or nothing. ``records`` are the issue records
        (:mod:`.issued`) that travel with the files."""
        paths = self.paths
        targets_paths = {"earthengine": paths.earthengine, "adc": paths.adc}
        written: list[WrittenFile] = []
        with _WRITE_LOCK, all_or_nothing([targets_paths[t] for t in contents], written):
            for target, data in contents.items():
                path = targets_paths[target]
                if data is None:
                    backup = atomic.move_to_backup(path)
                    if backup is not None:
                        written.append(WrittenFile(target, path, backup))
                else:
                    backup = atomic.atomic_write_json(path, dict(data))
                    written.append(WrittenFile(target, path, backup))
                record = (records or {}).get(target)
                if record is None or data is None:
                    issued.remove_record(path)
                else:
                    issued.write_record(path, record)
        return written

    def sign_out(self) -> SignOutResult:
        """Move the EE and ADC files to backups; return the refresh tokens for revocation.

        The environment-variable file is not ours and stays where it is.
        """
        paths = self.paths
        tokens: list[str] = []
        moved: list[WrittenFile] = []
        with _WRITE_LOCK:
            for target, path in (("earthengine", paths.earthengine), ("adc", paths.adc)):
                data = self._existing(path)
                token = data.get("refresh_token") if data else None
                if isinstance(token, str) and token and token not in tokens:
                    tokens.append(token)
                backup = atomic.move_to_backup(path)
                issued.remove_record(path)
                if backup is not None:
                    moved.append(WrittenFile(target, path, backup))
        return SignOutResult(moved=moved, refresh_tokens=tokens)


def _read_text_limited(path: Path) -> str:
    """Read a small text file without following a link or blocking (see atomic.py)."""
    atomic.check_target(path)  # refuse links, directories and pipes with a clear message
    raw = atomic.read_regular(path, limit=_GCLOUD_CONFIG_MAX_BYTES)
    if len(raw) > _GCLOUD_CONFIG_MAX_BYTES:
        raise ValueError(f"{path} is too large to be a gcloud configuration file.")
    return raw.decode("utf-8", "replace")
