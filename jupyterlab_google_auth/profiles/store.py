"""Where profiles live and how one is found, made, renamed or put away.

Under the user's home (each Jupyter user's own home under JupyterHub)::

    ~/.config/jupyterlab-google-auth/
        active_profile.json            {"name": ...}: the identity at the standard places
        profiles/<name>/               0700, one per profile
            profile.json               {kind, account, created_at, ...}: no secret
            application_default_credentials.json   works alone as GOOGLE_APPLICATION_CREDENTIALS
            earthengine_credentials.json           Earth Engine's file (user sign-ins)
        deleted/<name>.bak-<stamp>/    a deleted profile's directory, kept as its backup

A profile's directory is read and written by the credential store's own rules
(:class:`ProfileFiles` is a :class:`CredentialStore` whose two files are in that directory), so
every write is private, atomic and backed up exactly like the standard files. The active
profile's truth is the standard files (a project chosen or a sign-in made meanwhile lands
there); its directory catches up when another profile becomes active (switching.py).
"""

from __future__ import annotations

import datetime as _dt
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..credentials import atomic, issued
from ..credentials.directories import check_directories
from ..credentials.paths import ADC_FILENAME, CredentialPaths
from ..credentials.reading import read_json_file
from ..credentials.store import CredentialStore
from . import errors, naming

ROOT_RELATIVE = Path(".config") / "jupyterlab-google-auth"
ACTIVE_FILE = "active_profile.json"
META_FILE = "profile.json"
EE_FILE = "earthengine_credentials.json"


class ProfileFiles(CredentialStore):
    """The two credential files of one profile, in its directory."""

    def __init__(self, directory: Path) -> None:
        super().__init__(env={}, home=directory)
        self.directory = directory

    @property
    def paths(self) -> CredentialPaths:
        return CredentialPaths(
            home=self.directory,
            earthengine=self.directory / EE_FILE,
            gcloud_config=self.directory,
            adc=self.directory / ADC_FILENAME,
            env_credentials=None,
        )


@dataclass
class Identity:
    """What a pair of files holds (secrets included: never put it in an answer or a log)."""

    earthengine: dict[str, Any] | None = field(default=None, repr=False)
    adc: dict[str, Any] | None = field(default=None, repr=False)
    records: dict[str, dict[str, Any] | None] = field(default_factory=dict, repr=False)

    @property
    def contents(self) -> dict[str, dict[str, Any] | None]:
        return {"earthengine": self.earthengine, "adc": self.adc}

    @property
    def empty(self) -> bool:
        return self.earthengine is None and self.adc is None


def read_identity(files: CredentialStore) -> Identity:
    """Both files as they are (a broken file reads as absent: the report names its problem)."""
    paths = files.paths
    found = Identity()
    for target, path in (("earthengine", paths.earthengine), ("adc", paths.adc)):
        data = read_json_file(path).data
        setattr(found, target, data)
        record = read_json_file(issued.record_path(path)).data if data is not None else None
        found.records[target] = record
    return found


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class ProfileStore:
    """The profiles of one home; ``standard`` is the store of the standard places."""

    def __init__(
        self, env: Mapping[str, str] | None = None, home: str | os.PathLike[str] | None = None
    ) -> None:
        self.standard = CredentialStore(env, home)

    @property
    def root(self) -> Path:
        return self.standard.paths.home / ROOT_RELATIVE

    @property
    def profiles_dir(self) -> Path:
        return self.root / "profiles"

    # -- reading ------------------------------------------------------------------------------

    def names(self) -> list[str]:
        """Profiles present: directories (never links) whose names are valid, sorted."""
        try:
            entries = list(os.scandir(self.profiles_dir))
        except OSError:
            return []
        found = []
        for entry in entries:
            try:
                naming.validate(entry.name)
            except errors.ProfileError:
                continue
            if entry.is_dir(follow_symlinks=False):
                found.append(entry.name)
        return sorted(found, key=str.casefold)

    def find(self, name: object) -> str:
        """The stored spelling of ``name`` (case-insensitive); ProfileError ``unknown``."""
        if isinstance(name, str):
            for known in self.names():
                if naming.same(known, name):
                    return known
        raise errors.unknown(name)

    def directory(self, name: str) -> Path:
        return self.profiles_dir / naming.validate(name)

    def files(self, name: str) -> ProfileFiles:
        return ProfileFiles(self.directory(self.find(name)))

    def files_now(self, name: str) -> CredentialStore:
        """Where the profile's current truth is: the standard files for the active one."""
        found = self.find(name)
        return self.standard if found == self.active() else ProfileFiles(self.directory(found))

    def meta(self, name: str) -> dict[str, Any]:
        data = read_json_file(self.directory(name) / META_FILE).data
        return data if isinstance(data, dict) else {}

    def active(self) -> str | None:
        data = read_json_file(self.root / ACTIVE_FILE).data
        name = data.get("name") if isinstance(data, dict) else None
        try:
            return self.find(name) if name is not None else None
        except errors.ProfileError:
            return None  # its directory went away: no profile is active

    # -- writing ------------------------------------------------------------------------------

    def set_active(self, name: str | None) -> None:
        atomic.atomic_write_json(self.root / ACTIVE_FILE, {"name": name}, backup=False)

    def write_meta(self, name: str, meta: Mapping[str, Any]) -> None:
        atomic.atomic_write_json(self.directory(name) / META_FILE, dict(meta), backup=False)

    def create(
        self, name: str, kind: str, *, account: str | None, limit: int | None, **extra: Any
    ) -> ProfileFiles:
        """A new, empty profile directory (0700) with its description; the caller writes the
        credentials into the returned files."""
        naming.validate(name)
        existing = self.names()
        if naming.taken(name, existing):
            raise errors.exists(name)
        if limit is not None and len(existing) >= limit:
            raise errors.too_many(limit)
        directory = self.directory(name)
        check_directories(directory)
        atomic.ensure_private_dir(self.profiles_dir)
        os.mkdir(directory, atomic.DIR_MODE)
        os.chmod(directory, atomic.DIR_MODE)  # the umask may have taken bits away
        meta = {"name": name, "kind": kind, "account": account, "created_at": _now(), **extra}
        self.write_meta(name, meta)
        return ProfileFiles(directory)

    def rename(self, old: str, new: str) -> str:
        found = self.find(old)
        naming.validate(new)
        if naming.taken(new, [n for n in self.names() if n != found]):
            raise errors.exists(new)
        was_active = self.active() == found
        source = self.directory(found)
        _refuse_link(source)
        os.rename(source, self.directory(new))
        meta = self.meta(new)
        self.write_meta(new, {**meta, "name": new})
        if was_active:
            self.set_active(new)
        return new

    def delete(self, name: str) -> Path:
        """Move the profile's directory aside (its files are the backup); never the active
        one, whose files are also the standard files."""
        found = self.find(name)
        if found == self.active():
            raise errors.active(found)
        source = self.directory(found)
        _refuse_link(source)
        deleted = self.root / "deleted"
        atomic.ensure_private_dir(deleted)
        stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        target = deleted / f"{found}.bak-{stamp}"
        os.rename(source, target)
        return target


def profile_store(standard: CredentialStore) -> ProfileStore:
    """The profiles of the home ``standard`` writes into (same environment, same home)."""
    store = ProfileStore()
    store.standard = standard
    return store


def _refuse_link(path: Path) -> None:
    if stat.S_ISLNK(os.lstat(path).st_mode):
        raise atomic.UnsafeTargetError(f"{path} is a symbolic link; remove it by hand.")
