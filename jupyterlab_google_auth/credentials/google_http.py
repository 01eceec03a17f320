"""Two small things every caller of Google's token endpoint needs, kept in one place.

- ``email_from_id_token``: the account an ID token names. Not signature-checked: the token came
  straight from the token endpoint over this server's own connection (OpenID Connect Core
  3.1.3.7 accepts TLS in place of the signature then), and it is only shown, never used to
  decide anything.
- ``bounded_request``: a google-auth transport whose attempts share one deadline and that ends
  at once on 5xx/429 (google-auth would retry and sleep past any deadline).

google-auth and requests are imported inside the functions: loading the extension stays cheap.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from typing import Any

MAX_ID_TOKEN_CHARS = 16384
MAX_EMAIL_CHARS = 320


def email_from_id_token(id_token: object) -> str | None:
    if not isinstance(id_token, str) or id_token.count(".") != 2:
        return None
    if len(id_token) > MAX_ID_TOKEN_CHARS:
        return None
    payload = id_token.split(".")[1]
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, TypeError):
        return None
    email = claims.get("email") if isinstance(claims, dict) else None
    if not isinstance(email, str) or len(email) > MAX_EMAIL_CHARS:
        return None
    return email if email.isprintable() else None


def bounded_request(
    session: Any,
    deadline: float,
    on_ok: Callable[[Any], None] | None = None,
    *,
    on_response: Callable[[Any], None] | None = None,
) -> Any:
    """A ``google.auth.transport.requests.Request`` on ``session`` that gives up at
    ``deadline`` (a ``time.monotonic()`` value); ``on_ok`` sees every 200 response."""
    import google.auth.exceptions
    import google.auth.transport.requests

    class BoundedRequest(google.auth.transport.requests.Request):
        def __call__(
            self,
            url: str,
            method: str = "GET",
            body: Any = None,
            headers: Any = None,
            timeout: Any = None,
            **kwargs: Any,
        ) -> Any:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise google.auth.exceptions.TransportError("token endpoint timed out")
            response = super().__call__(
                url, method=method, body=body, headers=headers, timeout=remaining, **kwargs
            )
            if on_response is not None:
                on_response(response)
            if response.status >= 500 or response.status == 429:
                raise google.auth.exceptions.TransportError(f"token endpoint: {response.status}")
            if response.status == 200 and on_ok is not None:
                on_ok(response)
            return response

    return BoundedRequest(session)
