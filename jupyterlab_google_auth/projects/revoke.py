"""Revocation of the stored refresh tokens at sign-out (RFC 7009, Google's ``/revoke``).

Google answers 200 ``{}`` when it revoked the grant and 400 ``invalid_token`` when the token was
already expired or revoked. A failure here never stops the local sign-out: the caller moves the
files aside anyway and reports the failure.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..credentials.store import CredentialStore
from ..deadline import Deadline
from .errors import GoogleCallError
from .http import call_deadline, request_json

WHAT = "Google's revocation endpoint"
MANUAL_HELP = (
    "The files were moved aside anyway, so nothing on this server uses that sign-in. To end it "
    "at Google too, remove the app's access at https://myaccount.google.com/permissions."
)


def stored_refresh_tokens(store: CredentialStore) -> list[str]:
    """Distinct refresh tokens of the files sign-out moves (EE and ADC; the
    GOOGLE_APPLICATION_CREDENTIALS file is not ours). Secrets: keep them server-side."""
    reads = store.read_sources()
    tokens: list[str] = []
    for name in ("earthengine", "adc"):
        found = reads.get(name)
        token = found.data.get("refresh_token") if found and found.data else None
        if isinstance(token, str) and token and token not in tokens:
            tokens.append(token)
    return tokens


def revoke_token(revoke_uri: str, token: str, deadline: Deadline) -> None:
    """Revoke one token; raises :class:`GoogleCallError` when Google did not revoke it."""
    reply = request_json(
        "POST",
        revoke_uri,
        deadline,
        what=WHAT,
        data={"token": token},
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    if reply.status == 200:
        return
    if reply.status == 400 and reply.oauth_error() == "invalid_token":
        raise GoogleCallError(
            400,
            "invalid_token",
            "Google says the sign-in was already expired or revoked.",
            "Nothing more to do: the sign-in no longer works anywhere.",
        )
    raise GoogleCallError(
        502,
        "revoke_failed",
        f"Google did not confirm the revocation (HTTP {reply.status}).",
        MANUAL_HELP,
    )


def revoke_tokens(
    revoke_uri: str, tokens: Iterable[str], timeout: float
) -> tuple[bool, GoogleCallError | None]:
    """Revoke every token, each with its own ``timeout``; (all revoked, first error)."""
    revoked_any, first_error = False, None
    for token in tokens:
        try:
            revoke_token(revoke_uri, token, call_deadline(timeout))
            revoked_any = True
        except GoogleCallError as exc:
            if exc.code == "google_unavailable":
                exc = GoogleCallError(502, "revoke_failed", exc.message, MANUAL_HELP)
            first_error = first_error or exc
    return revoked_any and first_error is None, first_error
