"""Every way a sign-in can fail, as ``{code, message, help}`` in plain words.

One table: the code is stable (the panel may switch on it), ``message`` says what happened,
``help`` says what to do next. A message may carry ``{detail}`` (our own words: an origin, a
field name, a status) and gets Google's own description appended as plain text (tags stripped,
control characters dropped, length capped): the panel renders text, never HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ServerError
from ..help import HELP
from ..text import plain


@dataclass(frozen=True)
class Entry:
    status: int  # HTTP status when the error answers a request (400 unless said otherwise)
    message: str


TABLE: dict[str, Entry] = {
    "access_denied": Entry(
        400, "Access was not granted: the consent page was answered with Cancel or Deny."
    ),
    "redirect_uri_mismatch": Entry(
        400, "Google refused the address it was asked to send the browser back to{detail}."
    ),
    "invalid_grant": Entry(
        400,
        "Google refused this code: it expired, was already used, or was issued for another "
        "sign-in.",
    ),
    # invalid_grant told apart by Google's own description (or, for a used code, by us).
    "code_incomplete": Entry(
        400, "Google does not recognise this code: part of it is missing or was changed."
    ),
    "code_used": Entry(400, "This code was already used: each code works only once."),
    "code_other_sign_in": Entry(400, "This code was issued for another sign-in, not this one."),
    "invalid_scope": Entry(400, "Google refused one of the requested scopes{detail}."),
    "org_internal": Entry(
        400, "This OAuth client is limited to the users of its Google Workspace organisation."
    ),
    "admin_policy_enforced": Entry(
        400, "Your Google Workspace administrator does not allow this app to access your account."
    ),
    "invalid_client": Entry(
        400,
        "Google does not accept this OAuth client (incompatible OAuth2 client configuration): it "
        "was deleted, its secret is wrong, or it is not a Desktop app client.",
    ),
    "unauthorized_client": Entry(
        400,
        "This OAuth client is not allowed to sign in this way (incompatible OAuth2 client "
        "configuration).",
    ),
    "oauth_error": Entry(400, "Google refused the sign-in{detail}."),
    "no_refresh_token": Entry(
        502, "Google signed you in but sent no refresh token, so nothing could be stored."
    ),
    "state_mismatch": Entry(
        400, "The pasted address does not belong to this sign-in (its state does not match)."
    ),
    "unknown_state": Entry(
        400,
        "This sign-in link is not recognised: it was not started here, or the server restarted.",
    ),
    "started_before_restart": Entry(
        410, "This sign-in was started before the server restarted: start it again."
    ),
    "state_used": Entry(400, "This sign-in link was already used."),
    "callback_not_signed_in": Entry(
        403,
        "This browser is not signed in to Jupyter as the user who started this sign-in, so it "
        "cannot finish it. The sign-in is still waiting.",
    ),
    "flow_expired": Entry(400, "This sign-in expired: it was not finished within {detail}."),
    "cancelled": Entry(400, "This sign-in was cancelled."),
    "no_code": Entry(400, "The pasted value holds no sign-in code."),
    "bad_code": Entry(400, "The pasted value does not look like a sign-in code{detail}."),
    "empty_input": Entry(400, "Nothing was pasted."),
    "input_too_long": Entry(400, "The pasted value is longer than {detail} characters."),
    "bad_input": Entry(400, "{detail}"),
    "endpoint_unavailable": Entry(502, "{detail} is not available right now."),
    "endpoint_timeout": Entry(504, "{detail} did not answer in time."),
    "malformed_response": Entry(502, "{detail} sent an answer that could not be understood."),
    "client_auth_failed": Entry(
        400, "Earth Engine's authenticator did not release its client for this sign-in{detail}."
    ),
    "insecure_endpoint": Entry(
        503,
        "The configured endpoint {detail} is plain http on another machine; codes and tokens are "
        "only sent over https (or http to this machine).",
    ),
    "write_failed": Entry(
        500, "Signed in, but the credential files could not be written: {detail}"
    ),
    "unknown_mode": Entry(400, "{detail}"),
    "mode_unavailable": Entry(400, "{detail}"),
    "turned_off": Entry(403, "{detail}"),
    "unknown_preset": Entry(400, "{detail}"),
    "bad_scopes": Entry(400, "{detail}"),
    "bad_targets": Entry(400, "{detail}"),
    "bad_client": Entry(400, "{detail}"),
    "bad_request": Entry(400, "{detail}"),
    "bad_origin": Entry(400, "{detail}"),
    "internal_error": Entry(
        500, "Something went wrong on this server while finishing the sign-in."
    ),
    "no_custom_client": Entry(400, "No custom OAuth client is configured{detail}."),
    "too_many_flows": Entry(429, "{detail} sign-ins are already waiting to be finished."),
    "unknown_flow": Entry(
        404,
        "This sign-in does not exist (any more): it finished long ago, or the server restarted.",
    ),
    "not_pending": Entry(409, "This sign-in is already {detail}."),
}

# Google error codes that mean "try again later", not "you did something wrong".
TRANSIENT = frozenset({"server_error", "temporarily_unavailable"})

_SAFE_CODE = re.compile(r"[a-z0-9_]{1,64}")
plain_text = plain  # the one sanitiser (text.py), under the name this package used


class FlowError(ServerError):
    """A failure of a sign-in: stable code, plain message, next step, HTTP status."""

    def __init__(self, code: str, message: str, help: str, status: int = 400) -> None:  # noqa: A002
        super().__init__(status, code, message, help)


def flow_error(code: str, detail: str = "", *, google: object = None) -> FlowError:
    """The table's entry for ``code``, with ``detail`` filled in and Google's words appended."""
    entry = TABLE.get(code) or TABLE["oauth_error"]
    message = entry.message.replace("{detail}", detail)
    said = plain_text(google)
    if said:
        message = f"{message} Google said: {said}"
    code = code if code in TABLE else "oauth_error"
    return FlowError(code, message, HELP[code], entry.status)


def from_oauth(error: object, description: object = None) -> FlowError:
    """Map an OAuth ``error`` (token endpoint body, or a redirect's ``error=``) to our table.

    Unknown codes keep their name in the message (sanitised), under the generic ``oauth_error``.
    """
    code = error if isinstance(error, str) else ""
    if code == "invalid_grant":
        told = _invalid_grant_kind(description)
        if told:
            return flow_error(told)  # our words say it all; Google's would only repeat it
    if code in TRANSIENT:
        return flow_error("endpoint_unavailable", "Google's sign-in service", google=description)
    if code in TABLE and code not in _OWN_CODES:
        return flow_error(code, google=description)
    shown = code if _SAFE_CODE.fullmatch(code or "") else "unknown error"
    return flow_error("oauth_error", f" ({shown})", google=description)


def _invalid_grant_kind(description: object) -> str | None:
    """Which paste mistake an ``invalid_grant`` names. Google's token endpoint says
    "Malformed auth code." for a code that is cut short or altered, and "Invalid code
    verifier." (or "Missing code verifier.") for a code whose PKCE challenge is another
    sign-in's; its plain "Bad Request" (used, expired, other client) stays generic."""
    said = description.lower() if isinstance(description, str) else ""
    if "malformed" in said:
        return "code_incomplete"
    if "code verifier" in said or "code_verifier" in said:
        return "code_other_sign_in"
    return None


# A pasted code Google refused for one of these reasons leaves the sign-in open: the grant it
# stands for is still waiting for its own code.
PASTE_MISTAKES = frozenset({"code_incomplete", "code_used", "code_other_sign_in", "invalid_grant"})

# Codes we raise ourselves; an OAuth server's "error" must not be able to pose as one.
_OWN_CODES = frozenset(TABLE) - {
    "access_denied",
    "redirect_uri_mismatch",
    "invalid_grant",
    "invalid_scope",
    "org_internal",
    "admin_policy_enforced",
    "invalid_client",
    "unauthorized_client",
}
