"""May the ADC account bill a project? Asked before writing it as ADC's ``quota_project_id``.

A quota project the account cannot use (it lacks ``serviceusage.services.use``) makes every
call through ADC fail with USER_PROJECT_DENIED, so gcloud refuses to write one; so do we. The
check is Cloud Resource Manager v1 ``POST projects/<id>:testIamPermissions``, with the token of
the ADC file's own credentials (the account the quota project would be used by).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ..credentials.store import CredentialStore
from ..deadline import Deadline
from .access import AccessTokenCache, Grant, _grant_from, authorized_get
from .errors import GoogleCallError

PERMISSION = "serviceusage.services.use"
WHAT = "Cloud Resource Manager"


def adc_grant(store: CredentialStore, token_uri: str) -> Grant | None:
    """The ADC file's user credentials, or None when it holds none (nothing to check: the store
    writes a quota project only into an authorized_user file)."""
    found = store.read_sources().get("adc")
    data = found.data if found else None
    if not isinstance(data, dict) or data.get("type") != "authorized_user":
        return None
    return _grant_from("adc", data, None, token_uri)


def refused(project: str, account: str | None) -> dict[str, Any]:
    who = account or "the account in your application default credentials"
    return {
        "set": False,
        "code": "quota_permission_missing",
        "message": (
            f"The quota project was not set: {who} does not have permission "
            f"{PERMISSION} on project {project}, so Google would refuse every call billed to "
            "it. The Earth Engine project was still set."
        ),
        "help": (
            "Ask a project owner for the Service Usage Consumer role "
            "(roles/serviceusage.serviceUsageConsumer) on it, or choose a project you own."
        ),
    }


def unchecked(project: str, reason: str) -> dict[str, Any]:
    return {
        "set": False,
        "code": "quota_unchecked",
        "message": (
            f"The quota project was not set: whether you may use {project} for quota could not "
            f"be checked ({reason.rstrip('.')}). The Earth Engine project was still set."
        ),
        "help": "Choose the project again in a minute.",
    }


def check_quota_project(
    cache: AccessTokenCache, grant: Grant, crm_uri: str, project: str, deadline: Deadline
) -> dict[str, Any] | None:
    """None when the account holds the permission, else why not (``{set, code, message,
    help}``, to report and leave the quota project alone)."""
    url = f"{crm_uri.rstrip('/')}/v1/projects/{quote(project, safe='')}:testIamPermissions"
    try:
        reply, token = authorized_get(
            cache,
            grant,
            url,
            deadline,
            what=WHAT,
            method="POST",
            json_body={"permissions": [PERMISSION]},
        )
    except GoogleCallError as exc:
        return unchecked(project, exc.message)
    account = grant.account or token.account
    if reply.status == 200:
        held = reply.data.get("permissions") if isinstance(reply.data, dict) else None
        if isinstance(held, list) and PERMISSION in held:
            return None
        return refused(project, account)
    if reply.status in (403, 404):  # cannot even see it
        return refused(project, account)
    return unchecked(project, f"{WHAT} answered with HTTP {reply.status}")
