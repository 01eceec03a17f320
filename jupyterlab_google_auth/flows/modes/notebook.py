"""notebook: Earth Engine's Notebook Authenticator, as ``ee.Authenticate(auth_mode="notebook")``.

The consent link is ``<ee_client_auth_uri>?scopes=&request_id=&tc=&cc=``: three nonces, where
``tc`` is the S256 challenge of the token verifier (the PKCE verifier of the code) and ``cc`` the
challenge of the client verifier. Earth Engine's page shows a code after consent. To finish, the
server posts ``{request_id, client_verifier}`` to ``<ee_client_auth_uri>/fetch``, which answers
the client that issued the code, then exchanges the code for that client with the out-of-band
redirect_uri and the token verifier. The written files then name that client (it is not Earth
Engine's public client, so the credential store writes client_id and client_secret).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ...clients import OOB_REDIRECT_URI
from ..model import Flow, Grant
from ..pkce import nonce, s256
from ..request import StartRequest
from .base import Mode, ModeContext, check_code, pasted_value


class NotebookMode(Mode):
    name = "notebook"
    expects = "code"
    clients = frozenset({"earthengine"})
    retries_pasted_code = True

    async def start(self, flow: Flow, request: StartRequest, ctx: ModeContext) -> None:
        secrets = flow.secrets
        secrets.request_id = nonce()
        secrets.code_verifier = nonce()  # ee's "token_verifier"
        secrets.client_verifier = nonce()
        secrets.redirect_uri = OOB_REDIRECT_URI
        base = ctx.settings.ee_client_auth_uri
        flow.consent_url = (
            f"{base}{'&' if '?' in base else '?'}scopes={quote(' '.join(flow.scopes))}"
            f"&request_id={secrets.request_id}&tc={s256(secrets.code_verifier)}"
            f"&cc={s256(secrets.client_verifier)}"
        )
        flow.notes.append(
            "Earth Engine's page shows a code after you choose Allow: copy it and paste it here."
        )
        flow.notes.append(
            "Earth Engine documents that credentials from its notebook authenticator expire "
            "after 7 days; sign in again when they do."
        )

    def read_input(self, flow: Flow, body: dict[str, Any]) -> str:
        _, value = pasted_value(body, ("code",))
        return check_code(value)

    async def complete(self, flow: Flow, code: str, ctx: ModeContext) -> Grant:
        secrets, settings, deadline = flow.secrets, ctx.settings, ctx.deadline()
        assert secrets.request_id and secrets.client_verifier and secrets.code_verifier
        fetch_uri = settings.ee_client_auth_uri.split("?", 1)[0].rstrip("/") + "/fetch"
        from ..exchange import exchange_code, fetch_ee_client  # imported on first use

        def run() -> Grant:
            # Fetched once: a second paste after a mistyped code reuses the released client.
            client = secrets.fetched_client
            if client is None:
                client, _ = fetch_ee_client(
                    fetch_uri,
                    request_id=secrets.request_id,
                    client_verifier=secrets.client_verifier,
                    deadline=deadline,
                )
                secrets.fetched_client = secrets.client = client
            return exchange_code(
                client=client,
                code=code,
                code_verifier=secrets.code_verifier,
                redirect_uri=OOB_REDIRECT_URI,
                scopes=flow.scopes,
                auth_uri=settings.auth_uri,
                token_uri=settings.token_uri,
                userinfo_uri=settings.userinfo_uri,
                deadline=deadline,
            )

        return await ctx.run_blocking(flow.user, run)
