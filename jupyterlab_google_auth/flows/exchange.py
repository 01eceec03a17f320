"""Blocking calls to Google, run in an executor: code exchange, Earth Engine's client fetch,
userinfo. Each raises :class:`~.errors.FlowError` with a plain explanation, never anything else
for a network or protocol problem. Imported on first use (requests and oauthlib are slow to
import, and loading the extension must not pay for them).

The code exchange is google-auth-oauthlib's ``Flow.fetch_token`` (requests-oauthlib underneath),
with the PKCE verifier passed as ``code_verifier`` (sent in the form body) and the client
authenticated with HTTP Basic, as that library does for Google. Two of its habits are handled
here rather than through process-wide variables (docs/ARCHITECTURE.md): http endpoints (see
:mod:`.transport`), and a granted scope set that differs from the requested one, which oauthlib
raises as a ``Warning`` carrying the token: that is a result to report (``missing_scopes``),
not a failure.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import requests
from google_auth_oauthlib.flow import Flow as OAuthlibFlow
from oauthlib.oauth2.rfc6749.errors import OAuth2Error
from requests.adapters import HTTPAdapter

from .. import scopes as scope_lib
from ..credentials.google_http import email_from_id_token
from ..outbound import follow_environment_proxies
from .errors import FlowError, flow_error, from_oauth, plain_text
from .model import Grant, OAuthClient
from .transport import (
    EE_FETCH,
    TOKEN_ENDPOINT,
    USERINFO,
    Deadline,
    check_endpoint,
    is_plain_loopback,
    library_url,
)

# requests-oauthlib logs request bodies (code, verifier) and tokens at DEBUG. A server started
# with --debug must not write them to its log.
for _name in ("requests_oauthlib", "oauthlib"):
    _logger = logging.getLogger(_name)
    if _logger.level == logging.NOTSET or _logger.level < logging.INFO:
        _logger.setLevel(logging.INFO)


class _LoopbackPlainHttp(HTTPAdapter):
    """Sends ``https://<loopback>:<port>/...`` as ``http://...`` (see transport.py: oauthlib is
    handed the https spelling of a loopback http endpoint so that no process-wide switch is
    needed)."""

    def send(self, request, **kwargs):  # noqa: ANN001, ANN003, ANN201
        if request.url.startswith("https://"):
            request.url = "http://" + request.url[len("https://") :]
        return super().send(request, **kwargs)


def prepare_session(session: requests.Session, url: str) -> requests.Session:
    """Fit ``session`` for ``url``: the proxy rule, the adapter for loopback http."""
    parts = urlsplit(url)
    follow_environment_proxies(session, url)
    if is_plain_loopback(url):
        session.mount(f"https://{parts.netloc}/", _LoopbackPlainHttp())
    return session


MAX_TOKEN_CHARS = 4096
MAX_CLIENT_FIELD_CHARS = 512


def _kind_of_body(response: requests.Response) -> str:
    ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    text = response.text.lstrip()[:20].lower()
    if "html" in ctype or text.startswith(("<!doctype", "<html")):
        return "an HTML page"
    if not response.content:
        return "an empty body"
    return "a body that is not JSON" if "json" not in ctype else "broken JSON"


def _json_object(response: requests.Response) -> dict[str, Any] | None:
    try:
        data = json.loads(response.text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def check_oauth_response(response: requests.Response, what: str = TOKEN_ENDPOINT):
    """Turn every answer but a 200 JSON object into a FlowError (requests-oauthlib compliance
    hook; oauthlib would otherwise read an HTML page as "missing access token")."""
    data = _json_object(response)
    status = response.status_code
    if data is not None and isinstance(data.get("error"), str):
        raise from_oauth(data["error"], data.get("error_description"))
    if status >= 500 or status == 429:
        raise flow_error("endpoint_unavailable", f"{what} (it answered HTTP {status})")
    if status != 200 or data is None:
        raise flow_error(
            "malformed_response", f"{what} (HTTP {status} with {_kind_of_body(response)})"
        )
    return response


def _network_error(exc: requests.RequestException, what: str) -> FlowError:
    if isinstance(exc, requests.Timeout):
        return flow_error("endpoint_timeout", what)
    if isinstance(exc, requests.ConnectionError):
        return flow_error("endpoint_unavailable", f"{what} (the connection failed)")
    return flow_error("endpoint_unavailable", what)


def fetch_account(userinfo_uri: str, access_token: str, deadline: Deadline) -> str | None:
    """The account's e-mail from userinfo; None when it cannot be had (never an error)."""
    try:
        check_endpoint(userinfo_uri)
        with prepare_session(requests.Session(), userinfo_uri) as session:
            response = session.get(
                userinfo_uri,
                headers={"Authorization": f"Bearer {access_token}"},
                timeout=min(deadline.remaining(USERINFO), 5.0),
            )
    except (FlowError, requests.RequestException):
        return None
    data = _json_object(response) if response.status_code == 200 else None
    email = data.get("email") if data else None
    return plain_text(email, 320) or None if isinstance(email, str) else None


def exchange_code(
    *,
    client: OAuthClient,
    code: str,
    code_verifier: str,
    redirect_uri: str,
    scopes: Sequence[str],
    auth_uri: str,
    token_uri: str,
    userinfo_uri: str,
    deadline: Deadline,
) -> Grant:
    """Exchange an authorization code for tokens; blocking."""
    check_endpoint(token_uri)
    config = {
        "installed": {
            "client_id": client.client_id,
            "client_secret": client.client_secret,
            "auth_uri": auth_uri,
            # The server's setting, never a client_secret.json's: an administrator's proxy
            # applies to every client, and an uploaded file cannot send codes elsewhere.
            "token_uri": library_url(token_uri),
        }
    }
    flow = OAuthlibFlow.from_client_config(
        config,
        scopes=list(scopes),
        redirect_uri=redirect_uri,
        code_verifier=code_verifier,
        autogenerate_code_verifier=False,
    )
    session = prepare_session(flow.oauth2session, token_uri)
    session.register_compliance_hook("access_token_response", check_oauth_response)
    try:
        token = flow.fetch_token(code=code, timeout=deadline.remaining(TOKEN_ENDPOINT))
    except Warning as exc:  # oauthlib: "Scope has changed" carries the token
        token = getattr(exc, "token", None)
        if token is None:
            raise flow_error("malformed_response", TOKEN_ENDPOINT) from None
    except requests.RequestException as exc:
        raise _network_error(exc, TOKEN_ENDPOINT) from None
    except OAuth2Error as exc:  # e.g. MissingTokenError: a 200 without an access token
        raise flow_error(
            "malformed_response", f"{TOKEN_ENDPOINT} ({plain_text(exc.description, 120)})"
        ) from None
    except ValueError:
        raise flow_error("malformed_response", TOKEN_ENDPOINT) from None
    finally:
        session.close()

    refresh_token = token.get("refresh_token")
    if not isinstance(refresh_token, str) or not refresh_token:
        raise flow_error("no_refresh_token")
    if len(refresh_token) > MAX_TOKEN_CHARS:
        raise flow_error("malformed_response", f"{TOKEN_ENDPOINT} (an oversized refresh token)")
    granted = _granted_scopes(token.get("scope"), scopes)
    account = email_from_id_token(token.get("id_token"))
    access_token = token.get("access_token")
    if account is None and isinstance(access_token, str):
        account = fetch_account(userinfo_uri, access_token, deadline)
    return Grant(
        refresh_token=refresh_token,
        client=client,
        scopes=granted,
        missing_scopes=scope_lib.missing(scopes, granted),
        account=account,
        lifetime=_seconds(token.get("expires_in")),
    )


def _seconds(value: object) -> float | None:
    """expires_in as a number of seconds, if Google sent a sane one."""
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return seconds if 0 < seconds <= 24 * 3600 else None


def _granted_scopes(value: object, requested: Sequence[str]) -> list[str]:
    """The scope list from the token answer (oauthlib makes it a list); the request if absent
    (RFC 6749 section 5.1: omitted means "as requested")."""
    if isinstance(value, str):
        value = value.split()
    if isinstance(value, list) and value and all(isinstance(s, str) for s in value):
        return [scope_lib.normalize(s) for s in value if len(s) <= 256][:64]
    return list(requested)


def fetch_ee_client(
    fetch_uri: str, *, request_id: str, client_verifier: str, deadline: Deadline
) -> tuple[OAuthClient, list[str] | None]:
    """Earth Engine's ``client-auth/fetch``: the client that issued the pasted code."""
    check_endpoint(fetch_uri)
    try:
        with prepare_session(requests.Session(), fetch_uri) as session:
            response = session.post(
                fetch_uri,
                data=json.dumps({"request_id": request_id, "client_verifier": client_verifier}),
                headers={"Content-Type": "application/json; charset=UTF-8"},
                timeout=deadline.remaining(EE_FETCH),
            )
    except requests.RequestException as exc:
        raise _network_error(exc, EE_FETCH) from None
    data = _json_object(response)
    status = response.status_code
    error = data.get("error") if data is not None else None
    if isinstance(error, str):
        # ee reads {"error": "..."} (a sentence, not an OAuth code) from a 200 body.
        raise flow_error("client_auth_failed", google=error)
    if status >= 500 or status == 429:
        raise flow_error("endpoint_unavailable", f"{EE_FETCH} (it answered HTTP {status})")
    if isinstance(error, dict):  # a Google API error body {"error": {"message": ...}}
        raise flow_error("client_auth_failed", google=error.get("message"))
    if status != 200 or data is None:
        raise flow_error(
            "malformed_response", f"{EE_FETCH} (HTTP {status} with {_kind_of_body(response)})"
        )
    client_id, secret = data.get("client_id"), data.get("client_secret")
    if not all(
        isinstance(v, str) and 0 < len(v) <= MAX_CLIENT_FIELD_CHARS for v in (client_id, secret)
    ):
        raise flow_error("malformed_response", f"{EE_FETCH} (no client in its answer)")
    fetched_scopes = data.get("scopes")
    if not (isinstance(fetched_scopes, list) and all(isinstance(s, str) for s in fetched_scopes)):
        fetched_scopes = None
    return OAuthClient("ee-notebook", client_id, secret), fetched_scopes
