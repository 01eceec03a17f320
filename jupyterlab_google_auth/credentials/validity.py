"""Is a stored refresh token still good? Ask the token endpoint, once per access token.

Synchronous on purpose: the route runs it in an executor. The token endpoint is the server's
setting (``GoogleAuth.token_uri``), never the ``token_uri`` in the file: Python google-auth
ignores that field too, and honouring it would let a file send the refresh token anywhere.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import threading
import time
from collections.abc import Mapping
from typing import Any, TypedDict

from ..outbound import google_session
from .google_http import bounded_request, email_from_id_token

# A refusal is asked about again after a minute (the user may fix it elsewhere, e.g. in gcloud).
DEFAULT_TTL = 60.0
UNREACHABLE_TTL = 10.0  # retry sooner when the endpoint could not be reached
# A good refresh is kept as long as the access token it got, less this margin: asking Google
# again before then would only renew a token nobody uses (an open lab would cost one call to
# Google per status check). A sign-in or sign-out clears the cache.
EXPIRY_MARGIN = 300.0
_CACHE_MAX = 128


class CheckResult(TypedDict):
    """``valid`` is None when it could not be decided (endpoint unreachable)."""

    valid: bool | None
    error: str | None
    account: str | None
    scopes: list[str] | None


_cache: dict[str, tuple[float, CheckResult]] = {}
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget cached results (after a sign-in or sign-out the answer changes)."""
    with _cache_lock:
        _cache.clear()


def _cache_key(refresh_token: str, client_id: str, token_uri: str) -> str:
    """Only a digest of the token is kept as a key, never the token itself."""
    material = "\0".join((refresh_token, client_id, token_uri)).encode("utf-8")
    return hashlib.sha256(material).hexdigest()


UNREACHABLE: CheckResult = {"valid": None, "error": "unreachable", "account": None, "scopes": None}


def _refresh(
    info: Mapping[str, Any], token_uri: str, timeout: float
) -> tuple[CheckResult, float | None]:
    """The result, and for a good refresh the seconds its access token lives."""
    import google.auth.exceptions
    import google.auth.transport.requests
    import google.oauth2.credentials
    import requests

    deadline = time.monotonic() + timeout
    captured: dict[str, Any] = {}

    def keep_reply(response: Any) -> None:
        # The reply's scope and id_token; the access token is dropped with the credentials.
        try:
            data = json.loads(response.data)
        except ValueError:
            data = None
        if isinstance(data, dict):
            captured["scope"] = data.get("scope")
            captured["id_token"] = data.get("id_token")

    creds = google.oauth2.credentials.Credentials(
        token=None,
        refresh_token=info.get("refresh_token"),
        client_id=info.get("client_id"),
        client_secret=info.get("client_secret"),
        token_uri=token_uri,
    )
    with google_session(token_uri) as session:
        try:
            creds.refresh(bounded_request(session, deadline, keep_reply))
        except google.auth.exceptions.RefreshError as exc:
            code = _error_code(exc)
            if code in {"server_error", "temporarily_unavailable"} or getattr(
                exc, "retryable", False
            ):
                return dict(UNREACHABLE), None  # type: ignore[return-value]
            return {"valid": False, "error": code, "account": None, "scopes": None}, None
        except (
            google.auth.exceptions.TransportError,
            requests.RequestException,
            OSError,
            ValueError,
        ):
            return dict(UNREACHABLE), None  # type: ignore[return-value]
    scope = captured.get("scope")
    lifetime = None
    if creds.expiry is not None:  # naive UTC, as google-auth keeps it
        lifetime = (creds.expiry - datetime.datetime.utcnow()).total_seconds()
    result: CheckResult = {
        "valid": True,
        "error": None,
        "account": email_from_id_token(captured.get("id_token")),
        "scopes": scope.split() if isinstance(scope, str) and scope else None,
    }
    return result, lifetime


_REAUTH_TEXT = "Reauthentication is needed"


def _error_code(exc: Exception) -> str:
    """The OAuth ``error`` of a failed refresh (``invalid_grant``, ``invalid_client``, ...)."""
    details = exc.args[1] if len(exc.args) > 1 else None
    # google-auth answers invalid_rapt / rapt_required with this text alone (and advice to run
    # gcloud, which is not ours to give: the panel offers "Sign in again" with the same mode).
    if exc.args and isinstance(exc.args[0], str) and exc.args[0].startswith(_REAUTH_TEXT):
        return "reauth_required"
    if isinstance(details, Mapping):
        error = details.get("error")
        if details.get("error_subtype") in ("invalid_rapt", "rapt_required"):
            return "reauth_required"
        if isinstance(error, str) and error.replace("_", "").isalnum() and len(error) <= 64:
            return error
    return "refresh_failed"


def remember_good(
    refresh_token: str,
    client_id: str,
    token_uri: str,
    *,
    account: str | None,
    scopes: list[str] | None,
    lifetime: float | None,
) -> None:
    """A grant just exchanged is good while its access token lives: no need to ask again."""
    if not lifetime:
        return
    result: CheckResult = {"valid": True, "error": None, "account": account, "scopes": scopes}
    keep_for = max(DEFAULT_TTL, lifetime - EXPIRY_MARGIN)
    with _cache_lock:
        _cache[_cache_key(refresh_token, client_id, token_uri)] = (
            time.monotonic() + keep_for,
            result,
        )


def check_refresh(
    info: Mapping[str, Any], token_uri: str, timeout: float = 5.0, *, ttl: float = DEFAULT_TTL
) -> CheckResult:
    """Refresh authorized_user ``info`` against ``token_uri``; a good answer is cached while the
    access token it got lives (less ``EXPIRY_MARGIN``, at least ``ttl``), a refusal ``ttl``.

    invalid_grant (expired or revoked) gives ``valid: False``; a network failure or timeout gives
    ``valid: None`` with error ``unreachable``. Incomplete info is ``valid: False``,
    ``missing_fields`` without a request.
    """
    refresh_token = info.get("refresh_token")
    client_id = info.get("client_id")
    client_secret = info.get("client_secret")
    if not all(isinstance(v, str) and v for v in (refresh_token, client_id, client_secret)):
        return {"valid": False, "error": "missing_fields", "account": None, "scopes": None}
    assert isinstance(refresh_token, str) and isinstance(client_id, str)
    key = _cache_key(refresh_token, client_id, token_uri)
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
        if hit and hit[0] > now:
            return dict(hit[1])  # type: ignore[return-value]
    result, lifetime = _refresh(info, token_uri, timeout)
    if result["valid"] is None:
        keep_for = UNREACHABLE_TTL
    elif result["valid"] and lifetime is not None:
        keep_for = max(ttl, lifetime - EXPIRY_MARGIN)
    else:
        keep_for = ttl
    with _cache_lock:
        if len(_cache) >= _CACHE_MAX:
            for stale in [k for k, (exp, _) in _cache.items() if exp <= now] or list(_cache)[:1]:
                _cache.pop(stale, None)
        _cache[key] = (time.monotonic() + keep_for, result)
    return dict(result)  # type: ignore[return-value]


def peek(info: Mapping[str, Any], token_uri: str) -> tuple[CheckResult | None, bool]:
    """The cached result for ``info`` without asking Google: (result or None, still fresh)."""
    refresh_token, client_id = info.get("refresh_token"), info.get("client_id")
    if not isinstance(refresh_token, str) or not isinstance(client_id, str):
        return None, True
    with _cache_lock:
        hit = _cache.get(_cache_key(refresh_token, client_id, token_uri))
    if hit is None:
        return None, False
    return dict(hit[1]), hit[0] > time.monotonic()  # type: ignore[return-value]
