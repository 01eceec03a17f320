"""What a sign-in mode is: a small class with hooks the registry calls.

The registry owns everything modes share (ids, users, caps, expiry, single use, writing the
result, error answers); a mode only knows how to start its consent and how to turn the user's
answer into a :class:`~..model.Grant`:

- ``check(request, ctx)``: raise ``mode_unavailable`` when the mode cannot work for this request.
- ``start(flow, request, ctx)`` (async): set ``flow.consent_url``, ``flow.notes`` and the secrets.
- ``read_input(flow, body)``: the code from ``POST flows/<id>/complete``; 400 errors leave the flow
  pending so the user can paste again. Modes that expect the callback refuse input.
- ``complete(flow, code, ctx)`` (async): exchange; bounded by ``settings.http_timeout``.
- ``discard(flow)``: release what the mode holds (a process, say) when the flow ends any way.

A new mode is one file in this package with one subclass, listed in ``modes/__init__.py``.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar
from urllib.parse import parse_qs, quote, unquote, urlencode

from ...clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from ...config import GoogleAuth
from ...google_pool import GooglePool
from ..custom_client import CustomClients
from ..errors import FlowError, flow_error, from_oauth
from ..model import ClientName, Expects, Flow, Grant, OAuthClient
from ..pkce import nonce, s256
from ..request import StartRequest
from ..transport import Deadline, flow_deadline

T = TypeVar("T")

MAX_INPUT_CHARS = 4096
MAX_CODE_CHARS = 2048
# Google's codes are URL-safe ("4/0AeaY..."); nothing else is accepted as a bare code.
_CODE = re.compile(r"^[A-Za-z0-9/_.~+=-]+$")
_QUERY_HINT = re.compile(r"(?:^|[?&#])(?:code|state|error)=")

EE_PUBLIC_CLIENT = OAuthClient("earthengine", EE_CLIENT_ID, EE_CLIENT_SECRET)


@dataclass
class ModeContext:
    settings: GoogleAuth
    base_url: str
    custom_clients: CustomClients
    google: GooglePool
    instance: str = ""  # this server run's marker (FlowRegistry.instance)

    def state_nonce(self) -> str:
        """A state that says which server run issued it, so a restart can be told apart."""
        return f"{self.instance}.{nonce()}" if self.instance else nonce()

    async def run_blocking(self, user: str, fn: Callable[[], T]) -> T:
        """``fn`` (which calls Google) in the Google pool, counted against ``user``'s cap."""
        return await self.google.run(user, fn)

    def deadline(self) -> Deadline:
        return flow_deadline(self.settings.http_timeout)


class Mode:
    name: ClassVar[str]
    expects: ClassVar[Expects]
    default_client: ClassVar[ClientName] = "earthengine"
    clients: ClassVar[frozenset[str]] = frozenset({"earthengine", "custom"})
    uses_callback: ClassVar[bool] = False  # GET oauth2callback finishes it, by its state
    # A pasted code Google refuses as a paste mistake leaves the flow open for another paste
    # (not for gcloud: its process ends at the first refused code).
    retries_pasted_code: ClassVar[bool] = False

    def check(self, request: StartRequest, ctx: ModeContext) -> None:
        return None

    async def start(self, flow: Flow, request: StartRequest, ctx: ModeContext) -> None:
        raise NotImplementedError

    def read_input(self, flow: Flow, body: dict[str, Any]) -> str:
        raise flow_error(
            "bad_input",
            "This sign-in finishes by itself when Google sends the browser back; there is "
            "nothing to paste.",
        )

    async def complete(self, flow: Flow, code: str, ctx: ModeContext) -> Grant:
        raise NotImplementedError

    def discard(self, flow: Flow) -> None:
        return None


class RedirectMode(Mode):
    """Google's own authorization endpoint with a redirect_uri, state and PKCE S256."""

    def authorization_url(self, flow: Flow, ctx: ModeContext) -> str:
        secrets = flow.secrets
        assert secrets.client and secrets.state and secrets.code_verifier and secrets.redirect_uri
        params = {
            "client_id": secrets.client.client_id,
            "redirect_uri": secrets.redirect_uri,
            "response_type": "code",
            "scope": " ".join(flow.scopes),
            "state": secrets.state,
            "code_challenge": s256(secrets.code_verifier),
            "code_challenge_method": "S256",
            # A refresh token every time, even when the user consented before.
            "access_type": "offline",
            "prompt": "consent",
        }
        base = ctx.settings.auth_uri
        return base + ("&" if "?" in base else "?") + urlencode(params, quote_via=quote)

    async def complete(self, flow: Flow, code: str, ctx: ModeContext) -> Grant:
        secrets = flow.secrets
        assert secrets.client and secrets.code_verifier and secrets.redirect_uri
        settings, deadline = ctx.settings, ctx.deadline()
        from ..exchange import exchange_code  # requests and oauthlib: imported on first use

        return await ctx.run_blocking(
            flow.user,
            lambda: exchange_code(
                client=secrets.client,
                code=code,
                code_verifier=secrets.code_verifier,
                redirect_uri=secrets.redirect_uri,
                scopes=flow.scopes,
                auth_uri=settings.auth_uri,
                token_uri=settings.token_uri,
                userinfo_uri=settings.userinfo_uri,
                deadline=deadline,
            ),
        )


# -- reading what the user pasted ------------------------------------------------------------


def pasted_value(body: dict[str, Any], allowed: tuple[str, ...]) -> tuple[str, str]:
    """``(field, trimmed value)`` of the one input field sent; 400 errors otherwise."""
    given = [name for name in ("code", "redirect_url") if body.get(name) is not None]
    if len(given) != 1:
        raise flow_error("bad_input", "Send exactly one of code or redirect_url.")
    name = given[0]
    if name not in allowed:
        raise flow_error(
            "bad_input", "This sign-in expects the code shown on the page, not an address."
        )
    value = body[name]
    if not isinstance(value, str):
        raise flow_error("bad_input", f"{name} must be a string.")
    value = value.strip()
    if not value:
        raise flow_error("empty_input")
    if len(value) > MAX_INPUT_CHARS:
        raise flow_error("input_too_long", str(MAX_INPUT_CHARS))
    return name, value


def looks_like_url(value: str) -> bool:
    lowered = value.lower()
    return lowered.startswith(("http://", "https://")) or bool(_QUERY_HINT.search(value))


def check_code(value: str) -> str:
    """A bare code as pasted (percent-encoding from an address bar undone)."""
    if "%" in value:
        value = unquote(value)
    if looks_like_url(value):
        raise flow_error(
            "bad_code", " (it looks like an address; paste the code shown on the page)"
        )
    if len(value) > MAX_CODE_CHARS or not _CODE.fullmatch(value):
        raise flow_error("bad_code")
    return value


def code_from_redirect(value: str, expected_state: str) -> str:
    """The code in a redirected address, after checking it carries this flow's state."""
    query = value.split("#", 1)[0]
    query = query.split("?", 1)[1] if "?" in query else query
    try:
        params = parse_qs(query, keep_blank_values=True, max_num_fields=32, strict_parsing=False)
    except ValueError:
        raise flow_error("no_code") from None
    states = params.get("state", [])
    if len(states) != 1 or not hmac.compare_digest(
        states[0].encode("utf-8", "replace"), expected_state.encode("ascii")
    ):
        raise flow_error("state_mismatch")
    errors = params.get("error", [])
    if errors:
        refused = from_oauth(errors[0], params.get("error_description", [None])[0])
        refused.status = 400  # what was pasted is the problem, whatever Google's reason
        raise refused
    codes = params.get("code", [])
    if len(codes) != 1 or not codes[0]:
        raise flow_error("no_code")
    return check_code(codes[0])


__all__ = [
    "EE_PUBLIC_CLIENT",
    "FlowError",
    "Mode",
    "ModeContext",
    "RedirectMode",
    "check_code",
    "code_from_redirect",
    "looks_like_url",
    "pasted_value",
]
