"""Are the APIs that matter enabled in a project? Service Usage v1 ``services:batchGet``.

Never an error for the caller: when Google cannot tell us (no permission, no sign-in, Google
down) every state is ``UNKNOWN`` with a ``note`` in plain words, and the console link still
lets the user look for themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ..deadline import Deadline
from .access import AccessTokenCache, Grant, authorized_get
from .errors import GoogleCallError

SERVICES: tuple[tuple[str, str], ...] = (
    ("earthengine.googleapis.com", "Earth Engine API"),
    ("generativelanguage.googleapis.com", "Generative Language API"),
)
STATES = ("ENABLED", "DISABLED")
WHAT = "Service Usage"
CONSOLE_LIBRARY = "https://console.cloud.google.com/apis/library/"

NOTE_DENIED = (
    "Google did not let this account read the project's API settings (it needs the "
    "serviceusage.services.get permission, e.g. the Service Usage Viewer role). Open the link "
    "to check in the Cloud console."
)
NOTE_SCOPE = (
    "This sign-in lacks the Cloud Platform scope needed to read the project's API settings. "
    "Open the link to check in the Cloud console."
)
NOTE_REAUTH = "The stored sign-in has expired or was revoked; sign in again to check this API."
NOTE_UNAVAILABLE = "Google could not be asked right now ({detail}). Try again later."
NOTE_ODD = "Google's answer did not say whether this API is enabled."


def enable_url(service: str, project: str) -> str:
    return f"{CONSOLE_LIBRARY}{service}?project={quote(project, safe='')}"


def _answer(project: str, states: dict[str, str], note: str | None) -> dict[str, Any]:
    services = []
    for name, title in SERVICES:
        state = states.get(name, "UNKNOWN")
        services.append(
            {
                "name": name,
                "title": title,
                "state": state,
                "enable_url": enable_url(name, project),
                "note": None if state in STATES else (note or NOTE_ODD),
            }
        )
    return {"project": project, "services": services}


def unknown(project: str, note: str) -> dict[str, Any]:
    """Every service UNKNOWN with ``note`` (signed out, Google down...)."""
    return _answer(project, {}, note)


def service_states(
    cache: AccessTokenCache,
    grant_of: Callable[[], Grant],
    serviceusage_uri: str,
    project: str,
    deadline: Deadline,
) -> dict[str, Any]:
    """``{"project", "services": [{name, title, state, enable_url, note}]}``; never raises
    :class:`GoogleCallError` (``grant_of`` is called here so a missing sign-in is a note too)."""
    try:
        grant = grant_of()
        url = (
            f"{serviceusage_uri.rstrip('/')}/v1/projects/{quote(project, safe='')}"
            "/services:batchGet"
        )
        names = [f"projects/{project}/services/{name}" for name, _ in SERVICES]
        reply, _ = authorized_get(cache, grant, url, deadline, what=WHAT, params={"names": names})
    except GoogleCallError as exc:
        if exc.code == "reauth_needed":
            return unknown(project, NOTE_REAUTH)
        if exc.code == "signed_out":
            return unknown(project, "Sign in to see whether this API is enabled.")
        return unknown(project, NOTE_UNAVAILABLE.format(detail=exc.message.rstrip(".")))
    if reply.status == 403:
        scope = reply.error_reason() == "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
        return unknown(project, NOTE_SCOPE if scope else NOTE_DENIED)
    if reply.status == 401:
        return unknown(project, NOTE_REAUTH)
    if reply.status != 200:
        detail = f"{WHAT} answered with HTTP {reply.status}"
        return unknown(project, NOTE_UNAVAILABLE.format(detail=detail))
    items = reply.data.get("services") if isinstance(reply.data, dict) else None
    states: dict[str, str] = {}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        config = item.get("config")
        name = config.get("name") if isinstance(config, dict) else None
        if not isinstance(name, str) and isinstance(item.get("name"), str):
            name = item["name"].rsplit("/", 1)[-1]
        state = item.get("state")
        if isinstance(name, str) and state in STATES:
            states[name] = state
    return _answer(project, states, NOTE_ODD)
