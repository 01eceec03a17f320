"""The errors a call to Google ends in, as the API reports them (``{code, message, help}``)."""

from __future__ import annotations

RETRY_HELP = (
    "Try again in a minute. If it keeps happening, check this server's network connection "
    "(or its proxy) to Google."
)
SIGN_IN_HELP = "Sign in again with Authenticate (or Re-authenticate)."


class GoogleCallError(Exception):
    """A failed call, with the HTTP status the route answers and a stable ``code``."""

    def __init__(self, status: int, code: str, message: str, help: str = "") -> None:  # noqa: A002
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.help = help

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "help": self.help}


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
