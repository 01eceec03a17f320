"""The secret store: one 0600 JSON file in a 0700 directory under the user's home.

``~/.config/jupyterlab-google-auth/secrets.json`` holds, per name, the value, when it was set,
whether it is "set in kernels" and its last check; and, per notebook, the names it was granted.
Written like the credential files (``credentials/atomic.py``: temporary file, fsync, rename,
never through a link, directories checked) but without backups: a deleted secret must be gone.

This is the only module that reads values. The server answers ``listing()`` (no values); the
kernel's ``userdata`` calls ``value()`` for a granted notebook. Both run as the same user on the
kernel host, so the grant guards against accidents, not against code the user chooses to run.
Standard library and the package's pure modules only: a kernel imports it.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..credentials.atomic import DIR_MODE, atomic_write_json, read_regular
from ..credentials.paths import resolve_home
from ..credentials.unsafe import UnsafeTargetError
from .validation import (
    MAX_GRANTED_NOTEBOOKS,
    MAX_SECRETS,
    MAX_VALUE_CHARS,
    SecretError,
    check_name,
    check_notebook,
    check_value,
    last4,
)

STORE_RELATIVE = Path(".config") / "jupyterlab-google-auth" / "secrets.json"
VERSION = 1
# Far above what MAX_SECRETS values and the grants take; a larger file is not ours.
MAX_FILE_BYTES = 4 * 1024 * 1024

# The server's handlers write from worker threads: one read-modify-write at a time.
_write_lock = threading.Lock()


class StoreUnreadable(Exception):
    """The file exists but is not the store's JSON; the message says what to do."""


def store_path(env: Mapping[str, str] | None = None, home: str | None = None) -> Path:
    return resolve_home(os.environ if env is None else env, home) / STORE_RELATIVE


def notebook_key(path: str, root_dir: str | None = None) -> str:
    """The one spelling of a notebook in the grants: an absolute, normalised file path.

    jupyter_server gives a session's kernel ``JPY_SESSION_NAME`` as the notebook's absolute
    path (its directory joined with the file name); the front end knows the path relative to
    the server's root, which the server joins with ``root_dir``.
    """
    path = check_notebook(path)
    if not os.path.isabs(path) and root_dir is not None:
        path = os.path.join(root_dir, path)
    return os.path.normpath(path) if os.path.isabs(path) else path


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _empty() -> dict[str, Any]:
    return {"version": VERSION, "secrets": {}, "grants": {}}


class SecretStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else store_path()

    # -- the file ----------------------------------------------------------------------------

    def read(self) -> dict[str, Any]:
        """The whole file, its shape checked (missing means empty)."""
        try:
            raw = read_regular(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return _empty()
        except OSError as exc:  # a link (O_NOFOLLOW), a directory, no permission
            raise StoreUnreadable(
                f"{self.path} cannot be read ({exc.strerror or exc}). Move it away; the store "
                "starts empty."
            ) from None
        except UnsafeTargetError as exc:
            raise StoreUnreadable(f"{exc} Move it away; the store starts empty.") from None
        try:
            data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_FILE_BYTES else None
        except (UnicodeDecodeError, ValueError, RecursionError):
            data = None
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("secrets"), dict)
            or not isinstance(data.get("grants"), dict)
        ):
            raise StoreUnreadable(
                f"{self.path} is not the secret store's file. Move it away; the store starts empty."
            )
        return data

    def _write(self, data: dict[str, Any]) -> None:
        atomic_write_json(self.path, data, backup=False)
        # Our own directory: private even if something created it with the umask's bits.
        os.chmod(self.path.parent, DIR_MODE)

    def _change(self, change: Any) -> Any:
        with _write_lock:
            data = self.read()
            result = change(data)
            self._write(data)
            return result

    # -- secrets -----------------------------------------------------------------------------

    def listing(self) -> list[dict[str, Any]]:
        """What the API shows: never a value."""
        return [_public(name, entry) for name, entry in sorted(self.read()["secrets"].items())]

    def names(self) -> list[str]:
        return sorted(self.read()["secrets"])

    def value(self, name: str) -> str | None:
        entry = self.read()["secrets"].get(name)
        value = entry.get("value") if isinstance(entry, dict) else None
        return value if isinstance(value, str) and len(value) <= MAX_VALUE_CHARS else None

    def put(self, name: str, value: str, *, env: bool = False) -> dict[str, Any]:
        name, value = check_name(name), check_value(value)

        def change(data: dict[str, Any]) -> dict[str, Any]:
            secrets = data["secrets"]
            if name not in secrets and len(secrets) >= MAX_SECRETS:
                raise SecretError(
                    "too_many_secrets",
                    f"The store holds {MAX_SECRETS} secrets already; delete one first.",
                )
            secrets[name] = {"value": value, "set_at": _now(), "env": bool(env), "check": None}
            return _public(name, secrets[name])

        return self._change(change)

    def set_env(self, name: str, env: bool) -> dict[str, Any]:
        def change(data: dict[str, Any]) -> dict[str, Any]:
            entry = _entry(data, name)
            entry["env"] = bool(env)
            return _public(name, entry)

        return self._change(change)

    def record_check(self, name: str, result: dict[str, Any]) -> dict[str, Any]:
        def change(data: dict[str, Any]) -> dict[str, Any]:
            entry = _entry(data, name)
            entry["check"] = result
            return _public(name, entry)

        return self._change(change)

    def delete(self, name: str) -> None:
        """Removes the value and every grant of it."""

        def change(data: dict[str, Any]) -> None:
            _entry(data, name)
            del data["secrets"][name]
            for notebook, names in list(data["grants"].items()):
                kept = [n for n in names if n != name]
                if kept:
                    data["grants"][notebook] = kept
                else:
                    del data["grants"][notebook]

        self._change(change)

    # -- grants ------------------------------------------------------------------------------

    def grants(self) -> dict[str, list[str]]:
        return {
            notebook: [n for n in names if isinstance(n, str)]
            for notebook, names in self.read()["grants"].items()
            if isinstance(names, list)
        }

    def granted(self, notebook: str, name: str) -> bool:
        return name in self.grants().get(notebook, [])

    def set_grant(self, notebook: str, name: str, granted: bool) -> list[str]:
        """Grant (or revoke) ``notebook`` reading ``name``; the notebook's names after."""

        def change(data: dict[str, Any]) -> list[str]:
            _entry(data, name)
            grants = data["grants"]
            names = [n for n in grants.get(notebook, []) if n != name]
            if granted:
                if notebook not in grants and len(grants) >= MAX_GRANTED_NOTEBOOKS:
                    raise SecretError(
                        "too_many_secrets",
                        f"{MAX_GRANTED_NOTEBOOKS} notebooks hold grants already; revoke some "
                        "in the Secrets panel first.",
                    )
                names.append(name)
            if names:
                grants[notebook] = sorted(names)
            else:
                grants.pop(notebook, None)
            return sorted(names)

        return self._change(change)

    def notebook_gone(self, path: str, moved_to: str | None = None) -> list[str]:
        """A notebook (or a directory of them) was deleted, or renamed to ``moved_to``: its
        grants go with it, so a new notebook at the old path inherits nothing. The notebooks
        whose grants were dropped or moved."""
        inside = path.rstrip(os.sep) + os.sep

        def change(data: dict[str, Any]) -> list[str]:
            grants = data["grants"]
            touched = [nb for nb in grants if nb == path or nb.startswith(inside)]
            for notebook in touched:
                names = grants.pop(notebook)
                if moved_to is not None:
                    target = moved_to + notebook[len(path) :]
                    kept = grants.get(target, []) if isinstance(grants.get(target), list) else []
                    grants[target] = sorted(set(kept) | {n for n in names if isinstance(n, str)})
            return touched

        if not any(nb == path or nb.startswith(inside) for nb in self.grants()):
            return []  # the common case: no write
        return self._change(change)

    def kernel_environment(self, notebook: str | None) -> dict[str, str]:
        """The "set in kernels" secrets granted to ``notebook``: what its kernel starts with."""
        if not notebook:
            return {}
        data = self.read()
        out = {}
        for name in data["grants"].get(notebook, []):
            entry = data["secrets"].get(name)
            if isinstance(entry, dict) and entry.get("env") and isinstance(entry.get("value"), str):
                out[name] = entry["value"]
        return out


def _entry(data: dict[str, Any], name: str) -> dict[str, Any]:
    entry = data["secrets"].get(name)
    if not isinstance(entry, dict):
        raise SecretError(
            "unknown_secret", f"There is no secret named {name}; add it in the Secrets panel."
        )
    return entry


def _public(name: str, entry: dict[str, Any]) -> dict[str, Any]:
    value = entry.get("value") if isinstance(entry.get("value"), str) else ""
    check = entry.get("check")
    return {
        "name": name,
        "set_at": entry.get("set_at"),
        "last4": last4(value),
        "env": bool(entry.get("env")),
        "check": check if isinstance(check, dict) else None,
    }
