"""What identity a pair of credential files holds: kind, account, project (no secret).

The same reading serves the list (GET profiles), the name a migrated profile gets, and the
impersonated account shown for an ``impersonated_service_account`` file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..credentials import formats
from ..text import short
from .store import Identity

IMPERSONATION_MARK = ":generateAccessToken"


@dataclass(frozen=True)
class Described:
    kind: str | None
    account: str | None
    project: str | None


def _project(value: object) -> str | None:
    try:
        return formats.validate_project_id(value)
    except ValueError:
        return None


def impersonated_account(data: dict[str, Any]) -> str | None:
    """The service account an impersonated file acts as (google-auth's own rule: the last
    path segment of the URL, up to ``:generateAccessToken``)."""
    url = data.get("service_account_impersonation_url")
    if not isinstance(url, str) or IMPERSONATION_MARK not in url:
        return None
    return short(url[url.rfind("/") + 1 : url.find(IMPERSONATION_MARK)])


def describe(identity: Identity) -> Described:
    ee, adc = identity.earthengine or {}, identity.adc or {}
    kind = account = None
    project = _project(ee.get("project"))
    kind_of = adc.get("type")
    if kind_of == "authorized_user":
        kind, account = "user", short(adc.get("account"))
        project = project or _project(adc.get("quota_project_id"))
    elif kind_of == "service_account":
        kind, account = "service-account", short(adc.get("client_email"))
        project = (
            project or _project(adc.get("quota_project_id")) or _project(adc.get("project_id"))
        )
    elif kind_of == "impersonated_service_account":
        kind, account = "impersonated", impersonated_account(adc)
        project = project or _project(adc.get("quota_project_id"))
    elif ee.get("refresh_token"):
        kind = "user"
    return Described(kind, account, project)


def has_credentials(identity: Identity) -> bool:
    """Whether the files hold something to sign in with (a project alone is not)."""
    ee, adc = identity.earthengine or {}, identity.adc or {}
    return bool(ee.get("refresh_token")) or adc.get("type") in (
        "authorized_user",
        "service_account",
        "impersonated_service_account",
        "external_account",
    )
