"""loopback: Google sends the browser back to this Jupyter server's own callback route.

The redirect_uri is built from the browser's origin (``window.location.origin``), not from the
server's idea of its address: the Jupyter cookie and Google's loopback rule both depend on the
host name the browser used, and through an SSH tunnel the browser's port is not the server's.
Google accepts any port on ``localhost``, ``127.0.0.1`` or ``[::1]`` for Desktop clients, so only
loopback origins qualify. The callback (handlers/callback.py) finishes the flow by its state.
"""

from __future__ import annotations

from jupyter_server.utils import url_path_join

from ..errors import flow_error
from ..model import Flow
from ..pkce import nonce
from ..request import StartRequest
from .base import ModeContext, RedirectMode

CALLBACK_PATH = "google-auth/oauth2callback"


class LoopbackMode(RedirectMode):
    name = "loopback"
    expects = "callback"
    uses_callback = True

    def check(self, request: StartRequest, ctx: ModeContext) -> None:
        if request.origin is None:
            raise flow_error(
                "mode_unavailable",
                "Loopback sign-in needs the browser's origin (window.location.origin) to know "
                "where Google should send the browser back.",
            )
        if not request.origin.is_loopback:
            raise flow_error(
                "mode_unavailable",
                f"The browser reached Jupyter at {request.origin.url}, which is not "
                "localhost, 127.0.0.1 or [::1], so Google cannot send it back here. Use the "
                "notebook or paste-url mode, or open Jupyter through an SSH tunnel at "
                "http://localhost.",
            )

    async def start(self, flow: Flow, request: StartRequest, ctx: ModeContext) -> None:
        assert request.origin is not None
        flow.secrets.state = ctx.state_nonce()
        flow.secrets.code_verifier = nonce()
        flow.secrets.redirect_uri = request.origin.url + url_path_join(
            "/", ctx.base_url, CALLBACK_PATH
        )
        flow.consent_url = self.authorization_url(flow, ctx)
        flow.notes.append(
            "After you choose Allow, Google sends your browser back to this Jupyter server at "
            f"{request.origin.url}; this panel then updates by itself."
        )
