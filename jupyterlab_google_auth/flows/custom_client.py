"""The custom Desktop OAuth client: a client_secret.json uploaded in the panel or set by an
administrator (``c.GoogleAuth.client_secrets_file``).

An upload lives in this server's memory only (it is gone after a restart, and never written to
disk by us) and wins over the administrator's file while it is there. The secret is never sent
back: the API shows the client id and the project number inside it.

Only a Desktop ("installed") client works: loopback and paste-url redirect to a loopback address,
which Google accepts for Desktop clients only. A Web client is refused with a message saying so.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..credentials.formats import project_number_of_client
from ..errors import ServerError
from ..help import HELP
from ..outbound import check_file_url
from .model import OAuthClient

REQUIRED_FIELDS = ("client_id", "client_secret", "auth_uri", "token_uri")
MAX_FIELD_CHARS = 2048
MAX_FILE_BYTES = 64 * 1024


class ClientSecretError(ServerError):
    """A client_secret.json that cannot be used; ``code`` is ``web_client`` or
    ``bad_client_secret`` and the message names what is wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(400, code, message, HELP["bad_client_secret"])


def parse_client_secret(data: object, where: str = "client_secret.json") -> OAuthClient:
    """Validate the parsed JSON of a client_secret.json; return the Desktop client in it."""
    if not isinstance(data, Mapping):
        raise ClientSecretError(
            "bad_client_secret", f"{where} must be a JSON object (the file's whole content)."
        )
    if "installed" not in data:
        if "web" in data:
            raise ClientSecretError(
                "web_client",
                f"{where} is for a Web application client, which cannot redirect to this "
                "notebook. Create an OAuth client ID of type Desktop app and use its file.",
            )
        keys = ", ".join(sorted(str(k) for k in data)[:5]) or "none"
        raise ClientSecretError(
            "bad_client_secret",
            f'{where} has no top-level key "installed" (found: {keys}); download the file of '
            "a Desktop app OAuth client.",
        )
    info = data["installed"]
    if not isinstance(info, Mapping):
        raise ClientSecretError("bad_client_secret", f'"installed" in {where} is not an object.')
    missing = [name for name in REQUIRED_FIELDS if not info.get(name)]
    if missing:
        names = ", ".join(f"installed.{name}" for name in missing)
        raise ClientSecretError("bad_client_secret", f"{where} is missing {names}.")
    for name in REQUIRED_FIELDS:
        value = info[name]
        if not isinstance(value, str) or len(value) > MAX_FIELD_CHARS:
            raise ClientSecretError(
                "bad_client_secret", f"installed.{name} in {where} is not a short string."
            )
        if any(ch.isspace() or not ch.isprintable() for ch in value):
            raise ClientSecretError(
                "bad_client_secret",
                f"installed.{name} in {where} contains spaces or control characters.",
            )
    return OAuthClient("custom", info["client_id"], info["client_secret"])


@dataclass(frozen=True)
class ResolvedClient:
    client: OAuthClient | None
    source: str | None  # "upload", "admin" or None
    problem: str | None = None  # why the administrator's file could not be used


class CustomClients:
    """Per-server holder of the uploaded client and reader of the administrator's file."""

    def __init__(self) -> None:
        self._upload: OAuthClient | None = None
        self._admin_cache: tuple[tuple[str, int, int], ResolvedClient] | None = None

    def upload(self, data: object, settings: object) -> OAuthClient:
        """Keep a user's client_secret.json; its token_uri and auth_uri must be Google's own
        (or the administrator's), as for every URL a user's file supplies."""
        client = parse_client_secret(data)
        assert isinstance(data, Mapping)
        for field in ("token_uri", "auth_uri"):
            check_file_url(data["installed"][field], settings, field, "this client_secret.json")
        self._upload = client
        return client

    def clear(self) -> None:
        self._upload = None

    def resolve(self, admin_path: str) -> ResolvedClient:
        """The upload, else the administrator's file (read when it changed), else nothing."""
        if self._upload is not None:
            return ResolvedClient(self._upload, "upload")
        if not admin_path:
            return ResolvedClient(None, None)
        return self._read_admin(admin_path)

    def _read_admin(self, path: str) -> ResolvedClient:
        try:
            st = os.stat(path)
        except OSError as exc:
            return ResolvedClient(None, None, f"{path} cannot be read ({exc.strerror}).")
        key = (path, st.st_mtime_ns, st.st_size)
        if self._admin_cache and self._admin_cache[0] == key:
            return self._admin_cache[1]
        try:
            if st.st_size > MAX_FILE_BYTES:
                raise ClientSecretError("bad_client_secret", f"{path} is too large.")
            with open(path, encoding="utf-8") as handle:
                data = json.loads(handle.read(MAX_FILE_BYTES + 1))
            found = ResolvedClient(parse_client_secret(data, where=path), "admin")
        except ClientSecretError as exc:
            found = ResolvedClient(None, None, str(exc))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            found = ResolvedClient(None, None, f"{path} is not a readable JSON file ({exc}).")
        self._admin_cache = (key, found)
        return found

    def describe(self, admin_path: str) -> dict[str, Any]:
        """``{configured, source, client_id?, project_number?}``; never the secret."""
        found = self.resolve(admin_path)
        if found.client is None:
            return {"configured": False, "source": None}
        data: dict[str, Any] = {
            "configured": True,
            "source": found.source,
            "client_id": found.client.client_id,
        }
        number = project_number_of_client(found.client.client_id)
        if number:
            data["project_number"] = number
        return data
