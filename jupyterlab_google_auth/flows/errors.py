"""Every way a sign-in can fail, as ``{code, message, help}`` in plain words.

One table: the code is stable (the panel may switch on it), ``message`` says what happened,
``help`` says what to do next. A message may carry ``{detail}`` (our own words: an origin, a
field name, a status) and gets Google's own description appended as plain text (tags stripped,
control characters dropped, length capped): the panel renders text, never HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

RESTART = "Start the sign-in again from the Authenticate button."
CUSTOM_CLIENT_HOWTO = (
    "In Google Cloud console, APIs & Services > Credentials, create an OAuth client ID of type "
    "Desktop app, download its client_secret.json and upload it in the panel."
)


@dataclass(frozen=True)
class Entry:
    status: int  # HTTP status when the error answers a request (400 unless said otherwise)
    message: str
    help: str


TABLE: dict[str, Entry] = {
    # -- what Google says about the consent or the code --------------------------------------
    "access_denied": Entry(
        400,
        "Access was not granted: the consent page was answered with Cancel or Deny.",
        "Start again and choose Allow. If the page said your organisation blocks the app, ask "
        "its administrator, or sign in with a custom Desktop client.",
    ),
    "redirect_uri_mismatch": Entry(
        400,
        "Google refused the address it was asked to send the browser back to{detail}.",
        "Loopback sign-in needs JupyterLab opened at http://localhost or http://127.0.0.1 (an SSH "
        "tunnel is fine). A custom client must be of type Desktop app, not Web application. "
        "Otherwise choose the notebook or paste-url mode.",
    ),
    "invalid_grant": Entry(
        400,
        "Google refused the sign-in code: it expired, was already used, or was not issued for "
        "this sign-in.",
        "Start the sign-in again and paste the newest code within a few minutes. If a sign-in "
        "that worked stops working after a week: clients whose consent screen is in Testing "
        "status get refresh tokens that expire after 7 days; publish the app or sign in again.",
    ),
    "invalid_scope": Entry(
        400,
        "Google refused one of the requested scopes{detail}.",
        "Choose another scope preset, or check the custom scope names. The client may also not "
        "be allowed that scope: try a custom Desktop client from your own project.",
    ),
    "org_internal": Entry(
        400,
        "This OAuth client is limited to the users of its Google Workspace organisation.",
        "Sign in with an account of that organisation, or use a client whose consent screen is "
        "External.",
    ),
    "admin_policy_enforced": Entry(
        400,
        "Your Google Workspace administrator does not allow this app to access your account.",
        "Ask the administrator to trust the app's client ID, or use a custom Desktop client "
        "from a project of your organisation.",
    ),
    "invalid_client": Entry(
        400,
        "Google does not accept this OAuth client (incompatible OAuth2 client configuration): "
        "it was deleted, its secret is wrong, or it is not a Desktop app client.",
        CUSTOM_CLIENT_HOWTO,
    ),
    "unauthorized_client": Entry(
        400,
        "This OAuth client is not allowed to sign in this way (incompatible OAuth2 client "
        "configuration).",
        CUSTOM_CLIENT_HOWTO,
    ),
    "oauth_error": Entry(
        400,
        "Google refused the sign-in{detail}.",
        RESTART + " If it keeps failing, try another mode or client.",
    ),
    "no_refresh_token": Entry(
        502,
        "Google signed you in but sent no refresh token, so nothing could be stored.",
        "Remove the app at https://myaccount.google.com/permissions, then sign in again.",
    ),
    # -- our own flow checks -----------------------------------------------------------------
    "state_mismatch": Entry(
        400,
        "The pasted address does not belong to this sign-in (its state does not match).",
        "Paste the address from the tab that opened from this panel's consent link, or start "
        "again.",
    ),
    "unknown_state": Entry(
        400,
        "This sign-in link is not recognised: it was not started here, or the server restarted.",
        RESTART,
    ),
    "started_before_restart": Entry(
        410,
        "This sign-in was started before the server restarted: start it again.",
        RESTART,
    ),
    "state_used": Entry(400, "This sign-in link was already used.", RESTART),
    "callback_not_signed_in": Entry(
        403,
        "This browser is not signed in to JupyterLab as the user who started this sign-in, so "
        "it cannot finish it. The sign-in is still waiting.",
        "Open this link in the browser where JupyterLab is signed in (copy the whole address "
        "from the address bar), or sign in to JupyterLab in this browser and load this page "
        "again.",
    ),
    "flow_expired": Entry(
        400,
        "This sign-in expired: it was not finished within {detail}.",
        RESTART,
    ),
    "cancelled": Entry(400, "This sign-in was cancelled.", RESTART),
    "no_code": Entry(
        400,
        "The pasted value holds no sign-in code.",
        "Paste the whole address from the browser's address bar after choosing Allow, or the "
        "code shown on the page.",
    ),
    "bad_code": Entry(
        400,
        "The pasted value does not look like a sign-in code{detail}.",
        "Copy the code again from the page that showed it, without spaces.",
    ),
    "empty_input": Entry(400, "Nothing was pasted.", "Paste the code or the whole address."),
    "input_too_long": Entry(
        400,
        "The pasted value is longer than {detail} characters.",
        "Paste only the code, or only the address from the address bar.",
    ),
    "bad_input": Entry(400, "{detail}", "Paste the code or the whole address."),
    # -- the services we call ----------------------------------------------------------------
    "endpoint_unavailable": Entry(
        502,
        "{detail} is not available right now.",
        "Try again in a minute. If it keeps failing, check this server's network connection "
        "or proxy settings.",
    ),
    "endpoint_timeout": Entry(
        504,
        "{detail} did not answer in time.",
        "Try again. If it keeps happening, this server's network may be slow or blocking "
        "Google (an administrator can raise c.GoogleAuth.http_timeout).",
    ),
    "malformed_response": Entry(
        502,
        "{detail} sent an answer that could not be understood.",
        "Try again. A proxy between this server and Google may be changing the answers.",
    ),
    "client_auth_failed": Entry(
        400,
        "Earth Engine's authenticator did not release its client for this sign-in{detail}.",
        "Start again and paste the code shown after choosing Allow, within a few minutes.",
    ),
    "insecure_endpoint": Entry(
        503,
        "The configured endpoint {detail} is plain http on another machine; codes and tokens are "
        "only sent over https (or http to this machine).",
        "Ask the administrator to fix the c.GoogleAuth endpoint settings.",
    ),
    "write_failed": Entry(
        500,
        "Signed in, but the credential files could not be written: {detail}",
        "Fix the file or directory named above (permissions, a link, a directory in the way), "
        "then sign in again.",
    ),
    # -- starting a flow ---------------------------------------------------------------------
    "unknown_mode": Entry(
        400, "{detail}", "Choose one of the modes: loopback, notebook, paste-url or gcloud."
    ),
    "mode_unavailable": Entry(400, "{detail}", "Choose another mode in the panel."),
    "turned_off": Entry(
        403,
        "{detail}",
        "Choose another way to sign in in the panel, or ask your administrator to allow this one.",
    ),
    "unknown_preset": Entry(
        400, "{detail}", "Use earthengine, earthengine-readonly, gemini or cloud, or a scopes list."
    ),
    "bad_scopes": Entry(400, "{detail}", "Send a list of Google OAuth scopes."),
    "bad_targets": Entry(
        400,
        "{detail}",
        'targets is a non-empty list of "earthengine" (Earth Engine\'s file) and "adc" '
        "(Application Default Credentials).",
    ),
    "bad_client": Entry(400, "{detail}", 'client is "earthengine" or "custom".'),
    "bad_request": Entry(400, "{detail}", "This is a bug in the caller; reload the page."),
    "bad_origin": Entry(
        400, "{detail}", "Send the browser's window.location.origin, e.g. http://127.0.0.1:8888."
    ),
    "internal_error": Entry(
        500,
        "Something went wrong on this server while finishing the sign-in.",
        "Look at the Jupyter server log for details, then start again.",
    ),
    "no_custom_client": Entry(
        400,
        "No custom OAuth client is configured{detail}.",
        CUSTOM_CLIENT_HOWTO + " An administrator can also set c.GoogleAuth.client_secrets_file.",
    ),
    "too_many_flows": Entry(
        429,
        "{detail} sign-ins are already waiting to be finished.",
        "Finish or cancel one of them (closing its panel cancels it), or wait until they expire.",
    ),
    "unknown_flow": Entry(
        404,
        "This sign-in does not exist (any more): it finished long ago, or the server restarted.",
        RESTART,
    ),
    "not_pending": Entry(409, "This sign-in is already {detail}.", RESTART),
}

# Google error codes that mean "try again later", not "you did something wrong".
TRANSIENT = frozenset({"server_error", "temporarily_unavailable"})

MAX_GOOGLE_TEXT = 300
_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_SAFE_CODE = re.compile(r"^[a-z0-9_]{1,64}$")


def plain_text(text: object, limit: int = MAX_GOOGLE_TEXT) -> str:
    """Text from elsewhere (Google, a proxy) made safe to show: no tags, no control or
    direction characters, whitespace collapsed, at most ``limit`` characters."""
    if not isinstance(text, str):
        return ""
    text = html.unescape(_TAG.sub(" ", text))
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FlowError(Exception):
    """A failure the panel shows: stable code, plain message, next step, HTTP status."""

    def __init__(self, code: str, message: str, help: str, status: int = 400) -> None:  # noqa: A002
        super().__init__(message)
        self.code = code
        self.message = message
        self.help = help
        self.status = status

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "help": self.help}


def flow_error(code: str, detail: str = "", *, google: object = None) -> FlowError:
    """The table's entry for ``code``, with ``detail`` filled in and Google's words appended."""
    entry = TABLE.get(code) or TABLE["oauth_error"]
    message = entry.message.replace("{detail}", detail)
    said = plain_text(google)
    if said:
        message = f"{message} Google said: {said}"
    return FlowError(code if code in TABLE else "oauth_error", message, entry.help, entry.status)


def from_oauth(error: object, description: object = None) -> FlowError:
    """Map an OAuth ``error`` (token endpoint body, or a redirect's ``error=``) to our table.

    Unknown codes keep their name in the message (sanitised), under the generic ``oauth_error``.
    """
    code = error if isinstance(error, str) else ""
    if code in TRANSIENT:
        return flow_error("endpoint_unavailable", "Google's sign-in service", google=description)
    if code in TABLE and code not in _OWN_CODES:
        return flow_error(code, google=description)
    shown = code if _SAFE_CODE.match(code or "") else "unknown error"
    return flow_error("oauth_error", f" ({shown})", google=description)


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
