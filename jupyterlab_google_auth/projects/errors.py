"""The errors a call to Google ends in, as the API reports them (``{code, message, help}``)."""

from __future__ import annotations

from ..errors import ServerError
from ..help import RETRY as RETRY_HELP
from ..help import SIGN_IN as SIGN_IN_HELP


class GoogleCallError(ServerError):
    """A failed call to Google, with the HTTP status the route answers and a stable ``code``."""


def signed_out(message: str = "", help: str = "") -> GoogleCallError:  # noqa: A002
    return GoogleCallError(
        409,
        "signed_out",
        message or "No Google credentials are stored on this server.",
        help or "Sign in with Authenticate first, or type the project id instead.",
    )


def reauth_needed(message: str = "") -> GoogleCallError:
    return GoogleCallError(
        401,
        "reauth_needed",
        message
        or "Google refused the stored sign-in: it has expired or was revoked (Google also ends "
        "the sign-ins of OAuth clients in testing mode after 7 days).",
        SIGN_IN_HELP,
    )


def unavailable(message: str) -> GoogleCallError:
    return GoogleCallError(502, "google_unavailable", message, RETRY_HELP)
