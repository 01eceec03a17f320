"""When and how a stored sign-in was issued: a small record next to each credential file.

Google ends the refresh tokens of OAuth clients in "Testing" publishing status 7 days after
they were issued; the per-user clients of Earth Engine's Notebook Authenticator (``notebook``
mode) are such clients. The credential files have no place for an issue date that every
consumer ignores, so the store keeps ``<file>.issued.json`` beside each one:

``{"issued_at", "mode", "preset", "client", "token_digest"}``

No secret: ``token_digest`` is 16 hex digits of the SHA-256 of the refresh token, only so a
record is not believed once something else (``ee.Authenticate()``, gcloud) replaced the file.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from . import atomic
from .reading import read_json_file

SUFFIX = ".issued.json"
TESTING_LIFETIME = timedelta(days=7)
# Modes whose OAuth client is in "Testing" status for certain.
TESTING_CLIENT_MODES = frozenset({"notebook"})
CUSTOM_NOTE = (
    "Google ends this sign-in 7 days after it was issued if the OAuth client's consent screen "
    "is in Testing status."
)


def record_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def token_digest(refresh_token: str) -> str:
    return hashlib.sha256(refresh_token.encode("utf-8")).hexdigest()[:16]


def make_record(
    refresh_token: str, *, mode: str, preset: str | None, client: str, now: datetime | None = None
) -> dict[str, Any]:
    issued = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return {
        "issued_at": issued.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "mode": mode,
        "preset": preset,
        "client": client,
        "token_digest": token_digest(refresh_token),
    }


def write_record(path: Path, record: dict[str, Any]) -> None:
    """Beside ``path``, atomically, 0600; no backup (it is rewritten with every sign-in)."""
    atomic.atomic_write_json(record_path(path), record, backup=False)


def remove_record(path: Path) -> None:
    try:
        os.unlink(record_path(path))
    except FileNotFoundError:
        pass


def read_lifetime(path: Path, refresh_token: object) -> dict[str, Any] | None:
    """What the API reports of the record for the file at ``path`` holding ``refresh_token``:
    ``{issued_at, mode, preset, client, expires_about, lifetime_note}``; None without a record
    that belongs to this refresh token."""
    if not isinstance(refresh_token, str) or not refresh_token:
        return None
    data = read_json_file(record_path(path)).data
    if not isinstance(data, dict) or data.get("token_digest") != token_digest(refresh_token):
        return None
    try:
        issued = datetime.strptime(str(data.get("issued_at")), "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None
    issued = issued.replace(tzinfo=timezone.utc)
    mode = _word(data.get("mode"))
    client = _word(data.get("client"))
    expires = None
    note = None
    if mode in TESTING_CLIENT_MODES:
        expires = (issued + TESTING_LIFETIME).strftime("%Y-%m-%dT%H:%M:%SZ")
    elif client == "custom":
        note = CUSTOM_NOTE
    return {
        "issued_at": issued.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "mode": mode,
        "preset": _word(data.get("preset")),
        "client": client,
        "expires_about": expires,
        "lifetime_note": note,
    }


def _word(value: object) -> str | None:
    if isinstance(value, str) and 0 < len(value) <= 40 and value.replace("-", "").isalnum():
        return value
    return None
