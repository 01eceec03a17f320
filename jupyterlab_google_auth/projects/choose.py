"""Choosing a project (PUT project): the quota check, then the writes in their safe order.

- The ADC ``quota_project_id`` is written only when the ADC account may bill the project
  (projects/quota.py asks Cloud Resource Manager); otherwise the answer says why.
- gcloud's file is the one most likely to be refused (a hand-edited INI file), so it goes first:
  when it fails, nothing else has been changed. A failure names what was already updated.
Blocking functions: the quota check runs in the Google pool, the writes off the event loop.
"""

from __future__ import annotations

from typing import Any

from ..credentials import UnsafeTargetError, WrittenFile
from ..credentials.store import CredentialStore
from ..errors import ServerError
from .access import AccessTokenCache
from .http import call_deadline
from .quota import adc_grant, check_quota_project

WRITE_HELP = "Fix what the message names, then choose the project again."


def quota_problem(
    cache: AccessTokenCache, token_uri: str, crm_uri: str, project: str, timeout: float
) -> dict[str, Any] | None:
    """Why the ADC quota project must not be set, or None (allowed, or no ADC user file)."""
    grant = adc_grant(CredentialStore(), token_uri)
    if grant is None:
        return None
    return check_quota_project(cache, grant, crm_uri, project, call_deadline(timeout))


def write_project(project: str, *, gcloud: bool, adc: bool) -> list[WrittenFile]:
    store = CredentialStore()
    written: list[WrittenFile] = []
    try:
        if gcloud:
            written += store.set_project(project, earthengine=False, adc=False, gcloud=True)
        written += store.set_project(project, earthengine=True, adc=adc, gcloud=False)
    except (UnsafeTargetError, ValueError) as exc:
        raise ServerError(409, "write_failed", _partial(str(exc), written), WRITE_HELP) from exc
    except OSError as exc:
        message = f"The project could not be written ({exc.strerror or exc})."
        raise ServerError(500, "write_failed", _partial(message, written), WRITE_HELP) from exc
    return written


def _partial(message: str, written: list[WrittenFile]) -> str:
    if not written:
        return message + " Nothing was changed."
    done = ", ".join(str(w.path) for w in written)
    return f"{message} Already updated: {done}."
