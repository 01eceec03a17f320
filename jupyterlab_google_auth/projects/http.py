"""Bounded JSON requests to Google: one deadline per operation, answers read with a size cap.

A timeout, a refused connection, an HTML error page or a cut-off body all end in
``google_unavailable``; HTTP error statuses are returned to the caller, which knows what they
mean for its endpoint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..deadline import Deadline
from ..outbound import google_session
from .errors import GoogleCallError, unavailable

MAX_BODY_BYTES = 4 * 1024 * 1024  # a CRM page of 500 projects is ~150 kB
USER_AGENT = "jupyterlab-google-auth"


def call_deadline(seconds: float) -> Deadline:
    """The time left for one operation (token refresh plus API call share it); running out is
    ``google_unavailable``."""
    return Deadline(seconds, expired=lambda _what, secs: timed_out(secs))


def timed_out(seconds: float) -> GoogleCallError:
    return unavailable(f"Google did not answer within {seconds:g} seconds.")


@dataclass
class Reply:
    """An HTTP answer: status and the JSON body (None when it was not JSON)."""

    status: int
    data: Any
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names

    def error_reason(self) -> str | None:
        """``error.details[].reason`` of a Google API error (ACCESS_TOKEN_SCOPE_INSUFFICIENT...)."""
        error = self.data.get("error") if isinstance(self.data, dict) else None
        details = error.get("details") if isinstance(error, dict) else None
        for item in details if isinstance(details, list) else []:
            if isinstance(item, dict) and isinstance(item.get("reason"), str):
                return item["reason"]
        return None

    def oauth_error(self) -> str | None:
        """The OAuth ``error`` string of a token-endpoint answer (``invalid_grant``...)."""
        error = self.data.get("error") if isinstance(self.data, dict) else None
        return error if isinstance(error, str) else None


def request_json(
    method: str,
    url: str,
    deadline: Deadline,
    *,
    what: str,
    params: Any = None,
    data: Any = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """One request; ``what`` names the endpoint in messages ("the token endpoint")."""
    import requests  # here, not at module level: loading the extension must stay cheap

    all_headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
    try:
        with (
            google_session(url) as session,
            session.request(
                method,
                url,
                params=params,
                data=data,
                headers=all_headers,
                timeout=deadline.remaining(),
                allow_redirects=False,
                stream=True,
            ) as response,
        ):
            raw = response.raw.read(MAX_BODY_BYTES + 1, decode_content=True)
            status = response.status_code
            headers = {k.lower(): v for k, v in response.headers.items()}
    except requests.Timeout as exc:
        raise timed_out(deadline.seconds) from exc
    except (requests.RequestException, OSError) as exc:
        raise unavailable(
            f"This server could not reach {what} ({exc.__class__.__name__})."
        ) from exc
    if len(raw) > MAX_BODY_BYTES:
        raise unavailable(f"{what.capitalize()} sent an answer too large to be real.")
    try:
        body = json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        body = None
    return Reply(status, body, headers)


def malformed(what: str) -> GoogleCallError:
    return unavailable(f"{what.capitalize()} sent an answer that could not be read.")


def server_trouble(what: str, status: int) -> GoogleCallError:
    if status == 429:
        return unavailable(f"{what.capitalize()} is busy (HTTP 429, too many requests).")
    return unavailable(f"{what.capitalize()} answered with an error (HTTP {status}).")
