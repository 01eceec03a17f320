"""Access tokens for the credentials ``google.auth.default()`` would use, cached in memory.

Which credentials: the source the credential report says google-auth uses (the
``GOOGLE_APPLICATION_CREDENTIALS`` file, the ADC file, or the metadata server), else the Earth
Engine file. How the token is obtained:

- authorized_user (ADC or EE file): refresh at the server's ``GoogleAuth.token_uri``, never the
  ``token_uri`` in the file (google-auth ignores it too; honouring it would let a file send the
  refresh token anywhere);
- service_account: a signed JWT assertion to the key's own ``token_uri`` (https, or loopback
  http for the fake), for the ``cloud-platform`` scope;
- metadata server: its ``.../service-accounts/default/token``.

Tokens are kept in this process only, until shortly before they expire, under a digest of the
credential (never the credential itself). One refresh at a time per credential: concurrent
listings wait for it instead of refreshing again.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Literal

from ..clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from ..credentials.google_http import email_from_id_token
from ..credentials.report import describe_sources
from ..credentials.store import CredentialStore
from ..deadline import Deadline
from ..outbound import trusted_file_url, untrusted_reason
from ..text import short
from .errors import GoogleCallError, reauth_needed, signed_out
from .http import Reply, malformed, request_json, server_trouble, timed_out

CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
METADATA_TOKEN_PATH = "/computeMetadata/v1/instance/service-accounts/default/token"
# Refresh this long before expiry (google-auth uses 3 min 45 s); short-lived tokens use half.
EXPIRY_MARGIN = 300.0
_MAX_ENTRIES = 32

GrantKind = Literal["authorized_user", "service_account", "metadata"]


@dataclass(frozen=True)
class Grant:
    """Credentials to get an access token from. ``info`` holds secrets: never serialise it."""

    kind: GrantKind
    source: str  # "earthengine", "adc", "env", "metadata" or "profile" (impersonation)
    account: str | None
    info: Mapping[str, Any] = field(repr=False, compare=False)

    @property
    def key(self) -> str:
        """A digest naming these credentials in the cache (the secrets do not leave it)."""
        material = json.dumps([self.kind, dict(self.info)], sort_keys=True).encode("utf-8")
        return hashlib.sha256(material).hexdigest()


@dataclass(frozen=True)
class AccessToken:
    value: str = field(repr=False)
    expires_at: float  # time.monotonic() seconds
    account: str | None
    from_cache: bool = False


def _grant_from(
    name: str, data: Mapping[str, Any] | None, metadata: Mapping[str, Any] | None, token_uri: str
) -> Grant | None:
    """A usable grant from one source, or None when that source cannot give a token."""
    if name == "metadata":
        host = metadata.get("host") if metadata else None
        email = short(metadata.get("email")) if metadata else None
        if not isinstance(host, str) or not host or email is None:
            return None  # a VM without a default service account has no token to give
        return Grant("metadata", "metadata", email, {"host": host})
    if not isinstance(data, Mapping):
        return None
    if name == "earthengine":
        kind = "authorized_user"
        # ee falls back to its own public client when the file names none.
        data = {
            "refresh_token": data.get("refresh_token"),
            "client_id": data.get("client_id") or EE_CLIENT_ID,
            "client_secret": data.get("client_secret") or EE_CLIENT_SECRET,
        }
    else:
        kind = data.get("type")
    if kind == "authorized_user":
        fields = ("refresh_token", "client_id", "client_secret")
        if not all(isinstance(data.get(k), str) and data.get(k) for k in fields):
            return None
        info = {k: data[k] for k in fields}
        info["token_uri"] = token_uri
        return Grant("authorized_user", name, short(data.get("account")), info)
    if kind == "service_account":
        fields = ("client_email", "private_key", "token_uri")
        if not all(isinstance(data.get(k), str) and data.get(k) for k in fields):
            return None
        uri = data["token_uri"]
        if not trusted_file_url(uri, SimpleNamespace(token_uri=token_uri), "token_uri"):
            # A hand-edited key must not make this server sign assertions for another address.
            raise GoogleCallError(
                409,
                "untrusted_endpoint",
                untrusted_reason("token_uri", f"the {name} credentials", {"token_uri": token_uri}),
            )
        info = {k: data[k] for k in fields}
        if isinstance(data.get("private_key_id"), str):
            info["private_key_id"] = data["private_key_id"]
        return Grant("service_account", name, short(data["client_email"]), info)
    return None  # external_account and unknown types: not supported here


def find_grant(
    store: CredentialStore,
    *,
    token_uri: str,
    metadata: Mapping[str, Any] | None,
    report: Mapping[str, Any] | None = None,
) -> Grant:
    """The credentials to call Google with; ``signed_out`` when there are none usable.

    Reads files: call it off the event loop. ``metadata`` is the metadata server's identity
    (``environment.metadata_identity``) or None; ``report`` the sources report when the caller
    has just made it (the credentials route), so the files are not described twice.
    """
    if report is None:
        report = describe_sources(store, token_uri=token_uri, metadata=metadata)
    chosen = report["used_by"]["google_auth"]
    names = [chosen] if chosen else []
    if "earthengine" not in names:
        names.append("earthengine")
    reads = store.read_sources()
    for name in names:
        found = reads.get(name) if name != "metadata" else None
        grant = _grant_from(name, found.data if found else None, metadata, token_uri)
        if grant is not None:
            return grant
    if chosen and chosen != "metadata":
        path = next((s["path"] for s in report["sources"] if s["name"] == chosen), None)
        raise signed_out(
            f"The credentials at {path} cannot be used to call Google from this server "
            f"(Show credential status says what is wrong with them).",
            "Sign in again, or type the project id instead.",
        )
    raise signed_out()


# -- getting a token --------------------------------------------------------------------------


_OAUTH_ERRORS = {
    "invalid_grant": "",
    "invalid_client": "The OAuth client of the stored sign-in no longer exists or its secret "
    "changed, so Google refused to refresh it.",
    "unauthorized_client": "Google no longer accepts the OAuth client of the stored sign-in.",
    "invalid_scope": "Google refused the scopes of the stored sign-in.",
}


def _token_answer(reply: Reply, what: str) -> tuple[str, float, str | None]:
    """(access token, lifetime in seconds, e-mail) from a token endpoint's answer."""
    if reply.status == 200:
        data = reply.data if isinstance(reply.data, dict) else {}
        token = data.get("access_token")
        lifetime = data.get("expires_in", 3600)
        if not isinstance(token, str) or not token or not isinstance(lifetime, (int, float)):
            raise malformed(what)
        return token, float(lifetime), email_from_id_token(data.get("id_token"))
    error = reply.oauth_error()
    if reply.status in (400, 401) and error is not None:
        if isinstance(reply.data, dict) and reply.data.get("error_subtype") == "invalid_rapt":
            raise reauth_needed(
                "Google asks you to sign in again (your organisation requires periodic "
                "re-authentication)."
            )
        message = _OAUTH_ERRORS.get(error)
        if message is None:
            message = f"Google refused to refresh the stored sign-in ({error[:64]})."
        raise reauth_needed(message)
    raise server_trouble(what, reply.status)


def _refresh_user(info: Mapping[str, Any], deadline: Deadline) -> tuple[str, float, str | None]:
    reply = request_json(
        "POST",
        info["token_uri"],
        deadline,
        what="Google's token endpoint",
        data={
            "grant_type": "refresh_token",
            "refresh_token": info["refresh_token"],
            "client_id": info["client_id"],
            "client_secret": info["client_secret"],
        },
    )
    return _token_answer(reply, "Google's token endpoint")


def _service_account_token(
    info: Mapping[str, Any], deadline: Deadline
) -> tuple[str, float, str | None]:
    from google.auth import crypt, jwt

    try:
        signer = crypt.RSASigner.from_string(info["private_key"], info.get("private_key_id"))
    except (ValueError, TypeError) as exc:
        raise GoogleCallError(
            401,
            "reauth_needed",
            "The stored service account key cannot be used: its private key does not load.",
            "Upload a new JSON key for the service account, or sign in as a user.",
        ) from exc
    now = int(time.time())
    claims = {
        "iss": info["client_email"],
        "scope": CLOUD_PLATFORM,
        "aud": info["token_uri"],
        "iat": now,
        "exp": now + 3600,
    }
    assertion = jwt.encode(signer, claims).decode("ascii")
    reply = request_json(
        "POST",
        info["token_uri"],
        deadline,
        what="the service account's token endpoint",
        data={"grant_type": JWT_BEARER, "assertion": assertion},
    )
    token, lifetime, _ = _token_answer(reply, "the service account's token endpoint")
    return token, lifetime, None


def _metadata_token(info: Mapping[str, Any], deadline: Deadline) -> tuple[str, float, str | None]:
    what = "the metadata server"
    reply = request_json(
        "GET",
        f"http://{info['host']}{METADATA_TOKEN_PATH}",
        deadline,
        what=what,
        headers={"Metadata-Flavor": "Google"},
    )
    if reply.status == 200 and reply.headers.get("metadata-flavor") != "Google":
        raise malformed(what)
    token, lifetime, _ = _token_answer(reply, what)
    return token, lifetime, None


_FETCHERS: dict[GrantKind, Callable[[Mapping[str, Any], Deadline], tuple[str, float, str | None]]]
_FETCHERS = {
    "authorized_user": _refresh_user,
    "service_account": _service_account_token,
    "metadata": _metadata_token,
}


class AccessTokenCache:
    """Access tokens by credential digest, in memory, until shortly before they expire."""

    def __init__(self, margin: float = EXPIRY_MARGIN, clock: Callable[[], float] = time.monotonic):
        self._margin = margin
        self._clock = clock
        self._tokens: dict[str, AccessToken] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._tokens.clear()

    def invalidate(self, grant: Grant) -> None:
        with self._lock:
            self._tokens.pop(grant.key, None)

    def _fresh(self, key: str) -> AccessToken | None:
        with self._lock:
            token = self._tokens.get(key)
            if token is not None and token.expires_at > self._clock():
                return token
            return None

    def get(self, grant: Grant, deadline: Deadline) -> AccessToken:
        """A live access token for ``grant``; refreshes (once, for all waiters) when needed."""
        key = grant.key
        found = self._fresh(key)
        if found is not None:
            return AccessToken(found.value, found.expires_at, found.account, from_cache=True)
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        if not lock.acquire(timeout=deadline.remaining()):
            raise timed_out(deadline.seconds)
        try:
            found = self._fresh(key)  # another request refreshed while we waited
            if found is not None:
                return AccessToken(found.value, found.expires_at, found.account, from_cache=True)
            value, lifetime, email = _FETCHERS[grant.kind](grant.info, deadline)
            keep = lifetime - self._margin if lifetime > 2 * self._margin else lifetime / 2
            token = AccessToken(value, self._clock() + max(0.0, keep), grant.account or email)
            with self._lock:
                if len(self._tokens) >= _MAX_ENTRIES:
                    self._tokens.clear()
                self._tokens[key] = token
            return token
        finally:
            lock.release()


def authorized_get(
    cache: AccessTokenCache,
    grant: Grant,
    url: str,
    deadline: Deadline,
    *,
    what: str,
    params: Any = None,
    method: str = "GET",
    json_body: Any = None,
    quota_project: str | None = None,
) -> tuple[Reply, AccessToken]:
    """Call ``url`` with an access token; a cached token that Google refuses (401: revoked
    meanwhile) is dropped and the call made once more with a fresh one."""
    token = cache.get(grant, deadline)
    call = (method, url, deadline, what, params, json_body, quota_project)
    reply = _call(token, *call)
    if reply.status == 401 and token.from_cache:
        cache.invalidate(grant)
        token = cache.get(grant, deadline)
        reply = _call(token, *call)
    return reply, token


def _call(
    token: AccessToken,
    method: str,
    url: str,
    deadline: Deadline,
    what: str,
    params: Any,
    json_body: Any,
    quota_project: str | None,
) -> Reply:
    # No X-Goog-User-Project unless asked: listing projects and reading service states must
    # work precisely when the current quota project is wrong, which is when the user comes to
    # change it. The Earth Engine check sends it, as the ee client does.
    headers = {"Authorization": f"Bearer {token.value}"}
    if quota_project:
        headers["X-Goog-User-Project"] = quota_project
    data = None
    if json_body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(json_body)
    return request_json(method, url, deadline, what=what, params=params, data=data, headers=headers)
