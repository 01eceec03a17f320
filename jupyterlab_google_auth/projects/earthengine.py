"""Is a project ready for Earth Engine? Asked of the Earth Engine API itself.

``GET {ee_api_uri}/v1/projects/<id>/config`` with the user's token and the project as quota
project (``X-Goog-User-Project``, as the ``ee`` client sends it), so the answer is the one
``ee.Initialize(project=<id>)`` would meet:

- 200: ``ready``;
- 403 with reason SERVICE_DISABLED: ``disabled`` (the Earth Engine API is off in the project);
- 403 whose message says the project "is not registered to use Earth Engine": ``unregistered``;
- any other 403 / 404 (USER_PROJECT_DENIED, ``earthengine.config.get`` denied...): ``denied``;
- anything else: ``unknown`` with a note.

Never raises :class:`GoogleCallError`: the selector shows whatever it learns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ..deadline import Deadline
from .access import AccessTokenCache, Grant, authorized_get
from .errors import GoogleCallError
from .http import Reply
from .services import NOTE_REAUTH, NOTE_UNAVAILABLE, enable_url

WHAT = "the Earth Engine API"
EE_SERVICE = "earthengine.googleapis.com"
REGISTER_URL = "https://code.earthengine.google.com/register?project={project}"
STATES = ("ready", "disabled", "unregistered", "denied", "unknown")


def _message(reply: Reply) -> str:
    error = reply.data.get("error") if isinstance(reply.data, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    return message if isinstance(message, str) else ""


def _answer(project: str, state: str, note: str | None = None) -> dict[str, Any]:
    action = None
    if state == "disabled":
        action = enable_url(EE_SERVICE, project)
    elif state == "unregistered":
        action = REGISTER_URL.format(project=quote(project, safe=""))
    return {"project": project, "state": state, "action_url": action, "note": note}


def classify(project: str, reply: Reply) -> dict[str, Any]:
    if reply.status == 200:
        return _answer(project, "ready")
    if reply.status == 401:
        return _answer(project, "unknown", NOTE_REAUTH)
    reason = reply.error_reason()
    if reply.status == 403 and reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT":
        return _answer(
            project,
            "unknown",
            "This sign-in has neither the Earth Engine nor the Cloud Platform scope; sign in "
            "again with the Earth Engine preset.",
        )
    if reply.status == 403 and reason == "SERVICE_DISABLED":
        return _answer(project, "disabled")
    if reply.status == 403 and "not registered to use earth engine" in _message(reply).lower():
        return _answer(project, "unregistered")
    if reply.status == 403 and reason == "USER_PROJECT_DENIED":
        return _answer(
            project,
            "denied",
            "This account may not use the project for quota (it lacks the "
            "serviceusage.services.use permission there).",
        )
    if reply.status in (403, 404):
        return _answer(
            project, "denied", "This account has no Earth Engine permission in this project."
        )
    detail = f"{WHAT} answered with HTTP {reply.status}"
    return _answer(project, "unknown", NOTE_UNAVAILABLE.format(detail=detail))


def earthengine_readiness(
    cache: AccessTokenCache,
    grant_of: Callable[[], Grant],
    ee_api_uri: str,
    project: str,
    deadline: Deadline,
) -> dict[str, Any]:
    """``{"project", "state", "action_url", "note"}``, ``state`` one of :data:`STATES`."""
    try:
        grant = grant_of()
        url = f"{ee_api_uri.rstrip('/')}/v1/projects/{quote(project, safe='')}/config"
        reply, _ = authorized_get(cache, grant, url, deadline, what=WHAT, quota_project=project)
    except GoogleCallError as exc:
        if exc.code == "reauth_needed":
            return _answer(project, "unknown", NOTE_REAUTH)
        if exc.code == "signed_out":
            return _answer(project, "unknown", "Sign in to check this project for Earth Engine.")
        return _answer(project, "unknown", NOTE_UNAVAILABLE.format(detail=exc.message.rstrip(".")))
    return classify(project, reply)
