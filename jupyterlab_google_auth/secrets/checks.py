"""Does a stored key work? Ask the Generative Language API for its model list with it.

``GET <generativelanguage_uri>/v1beta/models`` with the key in the ``x-goog-api-key`` header
(Google takes it there or as ``?key=``; a header keeps it out of any URL a proxy logs). Google's
documented refusals become check results the panel words: 400 ``API_KEY_INVALID``, 403
``API_KEY_SERVICE_BLOCKED`` (the key is restricted to other APIs), 403 ``SERVICE_DISABLED``
(the API is off in the key's project). Anything else (unreachable, 5xx) is an error of the
call, not a fact about the key, and is not recorded.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..projects.errors import GoogleCallError
from ..projects.http import Reply, call_deadline, malformed, request_json, server_trouble

# Names whose value is a Google API key the Generative Language API can judge.
CHECKABLE = ("GEMINI_API_KEY", "GOOGLE_API_KEY")
CREATE_KEY_URL = "https://aistudio.google.com/apikey"
WHAT = "the Generative Language API"

# Google's ErrorInfo reason -> the check's state (names.SECRET_CHECKS).
REASONS = {
    "API_KEY_INVALID": "key_invalid",
    "API_KEY_SERVICE_BLOCKED": "key_restricted",
    "SERVICE_DISABLED": "api_disabled",
}
MESSAGES = {
    "ok": "The key works: the Generative Language API listed {count} models.",
    "key_invalid": "Google says this API key is not valid (deleted, mistyped or not a key).",
    "key_restricted": "This key is restricted to other APIs: Google blocks it for the "
    "Generative Language API.",
    "api_disabled": "The Generative Language API is turned off in the key's Cloud project.",
}


def check_gemini_key(root: str, key: str, timeout: float) -> dict[str, Any]:
    """The check result to store: ``{state, message, checked_at, link?}``."""
    url = root.rstrip("/") + "/v1beta/models"
    reply = request_json(
        "GET",
        url,
        call_deadline(timeout),
        what=WHAT,
        params={"pageSize": "1000"},
        headers={"x-goog-api-key": key},
    )
    return result_of(reply)


def result_of(reply: Reply) -> dict[str, Any]:
    checked_at = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    checked_at = checked_at.replace("+00:00", "Z")
    if reply.status == 200:
        if not isinstance(reply.data, dict) or not isinstance(reply.data.get("models", []), list):
            raise malformed(WHAT)
        count = len(reply.data.get("models", []))
        return {
            "state": "ok",
            "message": MESSAGES["ok"].format(count=count),
            "checked_at": checked_at,
        }
    state = REASONS.get(reply.error_reason() or "")
    if state is None or reply.status not in (400, 403):
        raise server_trouble(WHAT, reply.status) if reply.status >= 400 else malformed(WHAT)
    result: dict[str, Any] = {"state": state, "message": MESSAGES[state], "checked_at": checked_at}
    link = _activation_url(reply) if state == "api_disabled" else CREATE_KEY_URL
    if link:
        result["link"] = link
    return result


def _activation_url(reply: Reply) -> str | None:
    """The console page Google names to turn the API on (ErrorInfo metadata.activationUrl)."""
    details = reply.data["error"].get("details") or []
    for item in details if isinstance(details, list) else []:
        metadata = item.get("metadata") if isinstance(item, dict) else None
        url = metadata.get("activationUrl") if isinstance(metadata, dict) else None
        if isinstance(url, str) and url.startswith("https://console."):
            return url
    return None


__all__ = ["CHECKABLE", "GoogleCallError", "check_gemini_key", "result_of"]
