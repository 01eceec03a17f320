"""Credentials carried across ephemeral homes (Binder, hubs without storage, CI).

Export: the Earth Engine file as one line of JSON, the value that ``EARTHENGINE_TOKEN``
consumers (geemap's ``ee_initialize``, CI recipes) copy into ``~/.config/earthengine/credentials``.
Import: such a value, or an authorized_user JSON (a ``GOOGLE_APPLICATION_CREDENTIALS_JSON``-style
value), from the server's environment or pasted, checked and then written through the store.

Pasted by mistake, a bare refresh token, an access token or a sign-in code is named as what it
is, with what is expected instead; a service-account key is sent to its own upload.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from ..clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from . import formats
from .store import CredentialStore

# Environment variables an ephemeral home may carry credentials in, first match wins.
ENV_NAMES = ("EARTHENGINE_TOKEN", "GOOGLE_APPLICATION_CREDENTIALS_JSON")
MAX_CHARS = 16 * 1024
EXPECTED = (
    "Paste the whole credentials JSON: the content of ~/.config/earthengine/credentials "
    '(it starts with {"refresh_token": ...}), as exported by "Export for another machine".'
)


class TransferError(ValueError):
    """An import value that is not credentials; the message says what it is and what to do."""


@dataclass(frozen=True)
class Imported:
    refresh_token: str
    client_id: str
    client_secret: str
    scopes: list[str]
    project: str | None
    account: str | None
    token_uri: object = None  # as written in the value; checked by the caller (outbound.py)


def export_earthengine(store: CredentialStore) -> str:
    """The EE file as one line of JSON; TransferError when there is nothing to export."""
    path = store.paths.earthengine
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TransferError(
            "There are no Earth Engine credentials to export: sign in first."
        ) from None
    except (OSError, ValueError) as exc:
        raise TransferError(f"{path} cannot be read ({exc}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("refresh_token"), str):
        raise TransferError(f"{path} holds no refresh token to export: sign in first.")
    return json.dumps(data, separators=(",", ":"))


def from_environment(env: Mapping[str, str]) -> tuple[str, str] | None:
    """(variable name, value) of the first credentials variable set, else None."""
    for name in ENV_NAMES:
        value = env.get(name, "").strip()
        if value:
            return name, value
    return None


def parse_import(value: object) -> Imported:
    """Check a pasted or inherited value; TransferError says what is wrong in plain words."""
    if not isinstance(value, str) or not value.strip():
        raise TransferError(f"Nothing was pasted. {EXPECTED}")
    text = value.strip()
    if len(text) > MAX_CHARS:
        raise TransferError(f"This is far longer than credentials are. {EXPECTED}")
    if not text.startswith("{"):
        raise TransferError(f"{_what_it_is(text)} {EXPECTED}")
    try:
        data = json.loads(text)
    except ValueError:
        raise TransferError(f"This is not valid JSON (it may be cut short). {EXPECTED}") from None
    if not isinstance(data, dict):
        raise TransferError(f"This JSON is not an object. {EXPECTED}")
    kind = data.get("type")
    if kind == "service_account":
        raise TransferError(
            "This is a service-account key, not user credentials: upload it under "
            '"Other ways to sign in" > Service account instead.'
        )
    if kind not in (None, "authorized_user"):
        raise TransferError(
            f"Credentials of type {str(kind)[:40]!r} cannot be imported. {EXPECTED}"
        )
    token = data.get("refresh_token")
    if not isinstance(token, str) or not token.strip():
        raise TransferError(f"This JSON holds no refresh_token. {EXPECTED}")
    client_id = data.get("client_id") or EE_CLIENT_ID
    client_secret = data.get("client_secret") or (
        EE_CLIENT_SECRET if client_id == EE_CLIENT_ID else None
    )
    if not isinstance(client_id, str) or not isinstance(client_secret, str) or not client_secret:
        raise TransferError(
            "This JSON names an OAuth client_id without its client_secret, so the token cannot "
            f"be used. {EXPECTED}"
        )
    scopes = data.get("scopes") or []
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise TransferError(f"scopes must be a list of scope names. {EXPECTED}")
    project = data.get("project") or data.get("quota_project_id")
    if project is not None:
        try:
            project = formats.validate_project_id(project)
        except ValueError as exc:
            raise TransferError(f"The project in this JSON is not valid: {exc}") from None
    account = data.get("account") if isinstance(data.get("account"), str) else None
    return Imported(
        token.strip(), client_id, client_secret, scopes, project, account, data.get("token_uri")
    )


def _what_it_is(text: str) -> str:
    if text.startswith("1//"):
        return "This is a bare refresh token, without the client it belongs to."
    if text.startswith("ya29."):
        return "This is an access token: it expires within an hour and cannot be stored."
    if text.startswith("4/"):
        return (
            "This is a sign-in code (it goes in the sign-in panel's code field, once, within "
            "minutes), not credentials."
        )
    return "This is not credentials JSON."
