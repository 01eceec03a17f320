"""The exact file formats the consumers read, and how a write merges into what is there.

Earth Engine file (``~/.config/earthengine/credentials``), as ``earthengine-api`` reads it:
``{"refresh_token", "scopes": [...], "project"?, "client_id"?, "client_secret"?}``; ee falls back
to its own public client when ``client_id``/``client_secret`` are absent, so they are written only
for another client. ADC authorized_user file, as gcloud writes it and google-auth and Node
google-auth-library read it: ``{"type": "authorized_user", "client_id", "client_secret",
"refresh_token", "quota_project_id"?, "account"?, "universe_domain": "googleapis.com"}``.

Merge rule: a write owns the credential material (token, client, scopes, and any cached access
token that would belong to the old grant); every other key already in the file is kept, so a
``project`` set earlier survives re-authentication and so does a ``quota_project_id``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from .. import ids
from ..clients import EE_CLIENT_ID, GCLOUD_CLIENT_ID, SDK_PROJECT_NUMBERS
from ..ids import is_id

ClientKind = Literal["earthengine", "gcloud", "custom"]
UNIVERSE_DOMAIN = "googleapis.com"

# Cached access tokens and their metadata belong to the grant being replaced; keeping them
# would make google-auth use the old account's token until it expires.
STALE_GRANT_KEYS = frozenset(
    {"token", "access_token", "expiry", "rapt_token", "id_token", "token_uri", "trust_boundary"}
)
EE_OWNED_KEYS = (
    frozenset({"refresh_token", "scopes", "client_id", "client_secret"}) | STALE_GRANT_KEYS
)
ADC_USER_OWNED_KEYS = (
    frozenset(
        {
            "type",
            "client_id",
            "client_secret",
            "refresh_token",
            "account",
            "universe_domain",
            "scopes",
        }
    )
    | STALE_GRANT_KEYS
)
SERVICE_ACCOUNT_REQUIRED = ("type", "client_email", "private_key", "token_uri", "project_id")

# Project ids: 6-30 of [a-z0-9-], starting with a letter, not ending with a hyphen; legacy
# domain-scoped ids ("example.com:my-project"); or a project number.


class InvalidServiceAccountKey(ValueError):
    """A service account key that the libraries could not use; ``missing`` names fields."""

    def __init__(self, message: str, *, missing: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.missing = list(missing)


def client_kind(client_id: object) -> ClientKind | None:
    """Which OAuth client issued a token, in the API's terms."""
    if not isinstance(client_id, str) or not client_id:
        return None
    if client_id == EE_CLIENT_ID:
        return "earthengine"
    if client_id == GCLOUD_CLIENT_ID:
        return "gcloud"
    return "custom"


def project_number_of_client(client_id: object) -> str | None:
    """Client ids are ``<project number>-<hash>.apps.googleusercontent.com``."""
    if not isinstance(client_id, str):
        return None
    head = client_id.split("-", 1)[0]
    return head if is_id(ids.PROJECT_NUMBER, head) else None


def is_sdk_project(project: object) -> bool:
    """Google's SDK projects, which Earth Engine refuses as the project to bill."""
    return isinstance(project, str) and project in SDK_PROJECT_NUMBERS


def validate_project_id(project: object) -> str:
    """Return ``project`` if it has the shape of a project id or number, else ValueError."""
    if not is_id(ids.ANY_PROJECT, project):
        raise ValueError(
            "A project id is 6 to 30 lowercase letters, digits or hyphens, starting with a "
            "letter (for example my-project-123), or a project number."
        )
    return project


def _require_text(name: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} must be a non-empty string")
    return value


def _kept(existing: Mapping[str, Any] | None, owned: frozenset[str]) -> dict[str, Any]:
    """The keys of ``existing`` that a write does not own."""
    if not isinstance(existing, Mapping):
        return {}
    return {k: v for k, v in existing.items() if k not in owned}


def earthengine_user_file(
    existing: Mapping[str, Any] | None,
    *,
    refresh_token: str,
    scopes: Iterable[str],
    client_id: str,
    client_secret: str,
    project: str | None = None,
) -> dict[str, Any]:
    """The EE file after a sign-in, merged into ``existing``."""
    out: dict[str, Any] = {
        "refresh_token": _require_text("refresh_token", refresh_token),
        "scopes": list(scopes),
    }
    _require_text("client_id", client_id)
    _require_text("client_secret", client_secret)
    # ee uses its own client when these are absent; a stale custom client must not survive a
    # sign-in with the EE client (the new token would not refresh with it), so both are owned.
    if client_id != EE_CLIENT_ID:
        out["client_id"] = client_id
        out["client_secret"] = client_secret
    kept = _kept(existing, EE_OWNED_KEYS)
    if project is not None:
        kept["project"] = validate_project_id(project)
    return {**out, **kept}


def adc_user_file(
    existing: Mapping[str, Any] | None,
    *,
    refresh_token: str,
    client_id: str,
    client_secret: str,
    account: str | None = None,
    quota_project: str | None = None,
) -> dict[str, Any]:
    """The ADC authorized_user file after a sign-in, merged into ``existing``.

    Only an existing authorized_user file is merged: the fields of a service account key (its
    private key above all) must not linger in a user credential.
    """
    base = (
        existing
        if isinstance(existing, Mapping) and existing.get("type") == "authorized_user"
        else None
    )
    # Node google-auth-library refuses an empty client_secret where Python accepts any value.
    out: dict[str, Any] = {
        "type": "authorized_user",
        "client_id": _require_text("client_id", client_id),
        "client_secret": _require_text("client_secret", client_secret),
        "refresh_token": _require_text("refresh_token", refresh_token),
    }
    kept = _kept(base, ADC_USER_OWNED_KEYS)
    if quota_project is not None:
        kept["quota_project_id"] = validate_project_id(quota_project)
    if "quota_project_id" in kept:
        out["quota_project_id"] = kept.pop("quota_project_id")
    if account:
        out["account"] = account
    out["universe_domain"] = UNIVERSE_DOMAIN
    return {**out, **kept}


def with_earthengine_project(existing: Mapping[str, Any] | None, project: str) -> dict[str, Any]:
    """The EE file with ``project`` set (ee reads it even when the file has no token)."""
    base = dict(existing) if isinstance(existing, Mapping) else {}
    base["project"] = validate_project_id(project)
    return base


def with_quota_project(existing: Mapping[str, Any], project: str) -> dict[str, Any]:
    """An ADC authorized_user file with ``quota_project_id`` set."""
    base = dict(existing)
    base["quota_project_id"] = validate_project_id(project)
    return base


def validate_service_account(key: object) -> dict[str, Any]:
    """Check a service account key has what google-auth and Node need; return it unchanged."""
    if not isinstance(key, Mapping):
        raise InvalidServiceAccountKey(
            "The key must be the JSON object downloaded from Google Cloud."
        )
    missing = [
        name
        for name in SERVICE_ACCOUNT_REQUIRED
        if not isinstance(key.get(name), str) or not key.get(name)
    ]
    if missing:
        raise InvalidServiceAccountKey(
            "This service account key is missing "
            + ", ".join(missing)
            + ". Download a new JSON key "
            "for the service account (IAM > Service accounts > Keys > Add key > JSON).",
            missing=missing,
        )
    if key["type"] != "service_account":
        raise InvalidServiceAccountKey(
            'This is not a service account key: its type is not "service_account". '
            "Upload the JSON key of a service account."
        )
    if "@" not in key["client_email"]:
        raise InvalidServiceAccountKey("client_email is not an e-mail address; the key is damaged.")
    private_key = key["private_key"]
    if "-----BEGIN" not in private_key or "PRIVATE KEY-----" not in private_key:
        raise InvalidServiceAccountKey("private_key is not a PEM private key; the key is damaged.")
    if not _private_key_loads(private_key):
        raise InvalidServiceAccountKey(
            "private_key cannot be read as an RSA key; the key is damaged or truncated. "
            "Download a new JSON key."
        )
    if not key["token_uri"].startswith("https://") and not _is_loopback_http(key["token_uri"]):
        raise InvalidServiceAccountKey("token_uri must be an https:// URL; the key is damaged.")
    return dict(key)


def _is_loopback_http(url: str) -> bool:
    """Plain http is tolerated only for a local endpoint (tests and their fake Google)."""
    return re.fullmatch(r"http://(127\.[0-9.]+|localhost|\[::1\])(:[0-9]+)?/\S*", url) is not None


def _private_key_loads(pem: str) -> bool:
    """Parse the key with google-auth's signer, as the consumers will; True when unavailable."""
    try:
        from google.auth import crypt
    except ImportError:  # google-auth absent: the PEM shape check above is all we can do
        return True
    try:
        crypt.RSASigner.from_string(pem)
    except Exception:  # noqa: BLE001 - any parse failure means the consumers fail too
        return False
    return True
