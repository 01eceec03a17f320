"""paste-url: a custom Desktop client redirects to a loopback address where nothing listens;
the user pastes the whole address from the address bar (or just the code).

The redirect is ``http://127.0.0.1:1/``. Google accepts any loopback port for a Desktop client;
port 1 (tcpmux) is on the blocked-port lists of Chrome, Firefox and Safari, so the browser does
not even try to connect: the code never reaches a program that may listen on the user's machine,
and the address bar keeps the full URL with ``state`` and ``code`` for the user to copy. The same
string is sent as redirect_uri in the token request, as Google requires.
"""

from __future__ import annotations

from typing import Any

from ..model import Flow
from ..pkce import nonce
from ..request import StartRequest
from .base import (
    ModeContext,
    RedirectMode,
    check_code,
    code_from_redirect,
    looks_like_url,
    pasted_value,
)

PASTE_REDIRECT_URI = "http://127.0.0.1:1/"


class PasteUrlMode(RedirectMode):
    name = "paste-url"
    expects = "redirect_url"
    default_client = "custom"
    clients = frozenset({"custom"})
    retries_pasted_code = True

    async def start(self, flow: Flow, request: StartRequest, ctx: ModeContext) -> None:
        flow.secrets.state = ctx.state_nonce()
        flow.secrets.code_verifier = nonce()
        flow.secrets.redirect_uri = PASTE_REDIRECT_URI
        flow.consent_url = self.authorization_url(flow, ctx)
        flow.notes.append(
            f"After you choose Allow, the browser opens {PASTE_REDIRECT_URI} and shows an error "
            'page (such as "This site can\'t be reached" or ERR_UNSAFE_PORT). That is expected: '
            "copy the whole address from the address bar and paste it here."
        )
        flow.notes.append(
            "Nothing on your computer receives the code: browsers never connect to port 1."
        )

    def read_input(self, flow: Flow, body: dict[str, Any]) -> str:
        _, value = pasted_value(body, ("code", "redirect_url"))
        assert flow.secrets.state
        if looks_like_url(value):
            return code_from_redirect(value, flow.secrets.state)
        return check_code(value)
