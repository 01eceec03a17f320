"""GET oauth2callback: where Google sends the browser back in loopback mode.

It is the one route open without the API token (Google's redirect carries no header), so it
accepts nothing but a live, single-use `state` held by this server, and only from a browser
that carries the Jupyter login (the cookie for this origin) of the user who started the flow
(owner.py); anything else gets a small self-contained page, and a live flow stays pending.
"""

from html import escape

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler

from .owner import flow_owner

MAX_PARAM_CHARS = 2048
# Replaces Jupyter's own policy for this page, so it keeps Jupyter's framing rule (stricter):
# nobody may frame the page that finishes a sign-in.
CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;
line-height:1.5}}h1{{font-size:1.3rem}}</style></head>
<body><main><h1>{title}</h1><p>{message}</p></main></body></html>"""


def render_page(title: str, message: str) -> str:
    return PAGE.format(title=escape(title), message=escape(message))


class OAuthCallbackHandler(JupyterHandler):
    """Finishes a loopback flow identified by its state; refuses everything else."""

    auth_resource = "google-auth"

    def check_xsrf_cookie(self) -> None:  # GET only; nothing to check
        return None

    @allow_unauthenticated
    async def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Content-Security-Policy", CSP)
        state = self.get_query_argument("state", "")
        if not state or len(state) > MAX_PARAM_CHARS:
            return self._answer(
                400,
                "Sign-in link not recognised",
                "This page expects a live sign-in started from Jupyter. "
                "Start again with Authenticate in your notebook.",
            )
        args = {
            k: self.get_query_argument(k, "")[:MAX_PARAM_CHARS] for k in ("code", "error", "scope")
        }
        flows = self.settings["google_auth_state"].flows
        status, title, message = await flows.finish_callback(state, flow_owner(self), **args)
        self._answer(status, title, message)

    def _answer(self, status: int, title: str, message: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(render_page(title, message))
