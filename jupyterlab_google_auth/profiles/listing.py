"""GET profiles: each profile's name, kind, account, project and expiry; never a secret.

Every value is copied from an allow-list (describe.py reads the files; text.short caps them).
"""

from __future__ import annotations

from typing import Any

from ..credentials import issued
from ..text import short
from .describe import describe, has_credentials, impersonated_account
from .store import ProfileStore, read_identity


def _expires_about(files: Any, identity: Any) -> str | None:
    """The earliest "expires about" of the issue records (notebook-mode sign-ins end after
    7 days; credentials/issued.py)."""
    paths = {"earthengine": files.paths.earthengine, "adc": files.paths.adc}
    found = []
    for target, data in identity.contents.items():
        token = data.get("refresh_token") if isinstance(data, dict) else None
        lifetime = issued.read_lifetime(paths[target], token) if token else None
        if lifetime and lifetime.get("expires_about"):
            found.append(lifetime["expires_about"])
    return min(found) if found else None


def _delegate_email(value: object) -> str | None:
    return short(value.rsplit("/", 1)[-1]) if isinstance(value, str) else None


def view(store: ProfileStore, name: str, active: str | None) -> dict[str, Any]:
    files = store.standard if name == active else store.files(name)
    identity = read_identity(files)
    seen = describe(identity)
    meta = store.meta(name)
    kind = seen.kind or short(meta.get("kind"), 40)
    out: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "account": seen.account or short(meta.get("account")),
        "project": seen.project,
        "active": name == active,
        "signed_out": kind != "ambient" and not has_credentials(identity),
        "expires_about": _expires_about(files, identity),
        "impersonating": None,
    }
    adc = identity.adc or {}
    if adc.get("type") == "impersonated_service_account":
        delegates = adc.get("delegates") if isinstance(adc.get("delegates"), list) else []
        source = adc.get("source_credentials")
        out["impersonating"] = {
            "service_account": impersonated_account(adc),
            "delegates": [d for d in map(_delegate_email, delegates[:10]) if d],
            "source_account": short(source.get("account")) if isinstance(source, dict) else None,
        }
    return out


def list_profiles(store: ProfileStore) -> dict[str, Any]:
    active = store.active()
    return {"active": active, "profiles": [view(store, n, active) for n in store.names()]}
