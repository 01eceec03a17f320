"""Consent: checking an authorization request and turning the user's answer into an outcome.

The HTML form, /_control/approve and Earth Engine's client-auth page all come through here, so
tests that skip the browser meet exactly the same rules.
"""

import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from . import scopes as scope_names
from .clients import EE_NOTEBOOK_CLIENT_ID
from .google_ids import GCLOUD_ADC_CODE_PAGE, GCLOUD_LOGIN_CODE_PAGE, OOB_REDIRECT_URI
from .jwt_tools import is_s256_challenge
from .state import (
    ACCOUNT_ERROR_STATUS,
    CODE_TTL,
    AuthCode,
    AuthRequest,
    ClientAuthSession,
    State,
    new_secret,
)

# Google-hosted pages that show the code they are redirected to, for the user to copy (gcloud's
# remote login: ``gcloud auth application-default login --no-launch-browser`` and
# ``gcloud auth login --no-launch-browser``). The fake stands in for them: it shows the code
# itself instead of redirecting to a host this machine cannot reach.
CODE_PAGE_REDIRECTS = {
    GCLOUD_ADC_CODE_PAGE: "Sign in to the gcloud CLI",
    GCLOUD_LOGIN_CODE_PAGE: "Sign in to the gcloud CLI",
}


@dataclass
class Outcome:
    kind: str  # "page" (show consent), "redirect", "code", "denied" or "error"
    status: int = 200
    request: AuthRequest | None = None
    location: str | None = None
    code: str | None = None
    error: str | None = None
    description: str = ""


def _error(status: int, error: str, description: str = "") -> Outcome:
    return Outcome("error", status=status, error=error, description=description)


def _check_scopes(text: str | None, client) -> tuple[list[str], Outcome | None]:
    if not text or not text.strip():
        return [], _error(400, "invalid_request", "Missing required parameter: scope")
    requested = scope_names.split(text)
    invalid = [s for s in requested if not scope_names.is_valid(s)]
    invalid += client.refused_scopes([s for s in requested if s not in invalid])
    if invalid:
        return [], _error(
            400, "invalid_scope", f"Some requested scopes were invalid. {{invalid={invalid}}}"
        )
    return requested, None


def open_auth_request(state: State, args: dict[str, str]) -> Outcome:
    """GET /o/oauth2/auth: the consent page to show, or Google's error page (never a redirect
    for a bad client or redirect_uri)."""
    client_id = args.get("client_id")
    if not client_id:
        return _error(400, "invalid_request", "Missing required parameter: client_id")
    client = state.clients.get(client_id)
    if client is None:
        return _error(401, "invalid_client", "The OAuth client was not found.")
    redirect_uri = args.get("redirect_uri")
    if not redirect_uri:
        return _error(400, "invalid_request", "Missing required parameter: redirect_uri")
    if not client.allows_redirect(redirect_uri):
        return _error(
            400,
            "redirect_uri_mismatch",
            f"You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 "
            f"policy. redirect_uri={redirect_uri}",
        )
    if args.get("response_type") != "code":
        return _error(400, "unsupported_response_type", "response_type must be code")
    requested, problem = _check_scopes(args.get("scope"), client)
    if problem:
        return problem
    challenge = args.get("code_challenge")
    method = args.get("code_challenge_method")
    if challenge or method:
        if method != "S256":
            return _error(400, "invalid_request", "code_challenge_method must be S256")
        if not is_s256_challenge(challenge):
            return _error(400, "invalid_request", "Invalid code_challenge")
    request = AuthRequest(
        id=secrets.token_urlsafe(16),
        kind="oauth",
        client_id=client_id,
        redirect_uri=redirect_uri,
        scopes=requested,
        created=state.now(),
        state=args.get("state"),
        code_challenge=challenge or None,
        access_type=args.get("access_type"),
        login_hint=args.get("login_hint"),
    )
    state.pending[request.id] = request
    return Outcome("page", request=request)


def open_client_auth(state: State, args: dict[str, str]) -> Outcome:
    """GET /client-auth (Earth Engine's Notebook Authenticator)."""
    for name in ("scopes", "request_id", "tc", "cc"):
        if not args.get(name):
            return _error(400, "invalid_request", f"Missing required parameter: {name}")
    # tc is the S256 challenge of the verifier the code will be exchanged with; cc that of the
    # verifier client-auth/fetch will want: both are SHA-256 digests, base64url.
    if not (is_s256_challenge(args["tc"]) and is_s256_challenge(args["cc"])):
        return _error(400, "invalid_request", "Invalid code_challenge")
    client = state.clients[EE_NOTEBOOK_CLIENT_ID]
    requested, problem = _check_scopes(args["scopes"], client)
    if problem:
        return problem
    request = AuthRequest(
        id=secrets.token_urlsafe(16),
        kind="client_auth",
        client_id=client.client_id,
        redirect_uri=OOB_REDIRECT_URI,
        scopes=requested,
        created=state.now(),
        code_challenge=args["tc"],
        ee_request_id=args["request_id"],
        client_challenge=args["cc"],
    )
    state.pending[request.id] = request
    return Outcome("page", request=request)


def _with_query(uri: str, params: dict[str, str]) -> str:
    # Google leaves ':' and '/' readable in the scope list; everything else is escaped.
    query = urlencode(params, quote_via=quote, safe=":/")
    return uri + ("&" if "?" in uri else "?") + query


def decide(state: State, request_id: str, account: str | None, decision: str) -> Outcome:
    """The user's answer on a consent page (single use)."""
    request = state.pending.pop(request_id or "", None)
    if request is None or state.now() - request.created > CODE_TTL:
        return _error(400, "invalid_request", "This sign-in request expired or was already used.")
    if decision not in ("allow", "deny"):
        return _error(400, "invalid_request", "decision must be allow or deny")
    state_param = {"state": request.state} if request.state is not None else {}
    if decision == "deny":
        if request.kind == "client_auth":
            return Outcome("denied")
        return Outcome(
            "redirect",
            status=302,
            location=_with_query(request.redirect_uri, {"error": "access_denied", **state_param}),
        )
    if not account or account not in state.accounts:
        return _error(400, "invalid_request", "Choose an account.")
    error = state.accounts[account].error
    if error:
        return _error(ACCOUNT_ERROR_STATUS[error], error, f"{account} cannot use this app.")
    granted = [s for s in request.scopes if s not in state.drop_scopes]
    code = AuthCode(
        value=new_secret("4/0fake-"),
        client_id=request.client_id,
        redirect_uri=request.redirect_uri,
        scopes=granted,
        account=account,
        created=state.now(),
        code_challenge=request.code_challenge,
        access_type=request.access_type,
    )
    state.codes[code.value] = code
    if request.kind == "client_auth":
        state.client_auth[request.ee_request_id] = ClientAuthSession(
            request.client_challenge, request.client_id, list(request.scopes)
        )
        return Outcome("code", code=code.value)
    if request.redirect_uri in CODE_PAGE_REDIRECTS:
        return Outcome(
            "code", code=code.value, description=CODE_PAGE_REDIRECTS[request.redirect_uri]
        )
    params = {
        **state_param,
        "code": code.value,
        "scope": " ".join(granted),
        "authuser": "0",
        "prompt": "consent",
    }
    return Outcome("redirect", status=302, location=_with_query(request.redirect_uri, params))


def approve_url(state: State, auth_url: str, account: str, decision: str) -> tuple[int, dict]:
    """/_control/approve: open the consent URL and answer it, as a browser user would."""
    parts = urlsplit(auth_url)
    args = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    if parts.path.rstrip("/").endswith("/client-auth"):
        outcome = open_client_auth(state, args)
    else:
        outcome = open_auth_request(state, args)
    if outcome.kind == "page":
        outcome = decide(state, outcome.request.id, account, decision)
    if outcome.kind == "redirect":
        return 200, {"location": outcome.location}
    if outcome.kind == "code":
        return 200, {"code": outcome.code}
    if outcome.kind == "denied":
        return 200, {"error": "access_denied"}
    return outcome.status, {"error": outcome.error, "error_description": outcome.description}
