"""Earth Engine's Notebook Authenticator: code.earthengine.google.com/client-auth and /fetch.

Wire protocol as `ee.oauth` speaks it: the page gets scopes, request_id, a token challenge (tc,
the PKCE challenge of the code) and a client challenge (cc); after consent it shows a code for
Earth Engine's notebook client. /fetch releases that client to whoever holds the verifier of cc.
"""

import hmac
import json

from .base import JSON_TYPE, BaseHandler
from .consent import open_client_auth
from .jwt_tools import s256
from .oauth import ConsentPageMixin


class ClientAuthHandler(ConsentPageMixin):
    route = "client_auth"
    approve_path = "/client-auth/approve"

    def get(self) -> None:
        self.show(open_client_auth(self.state, self.args()))


class ClientAuthFetchHandler(BaseHandler):
    route = "client_auth_fetch"

    def post(self) -> None:
        try:
            data = json.loads(self.request.body)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            self.set_status(400)
            self.set_header("Content-Type", JSON_TYPE)
            self.finish(json.dumps({"error": "Request body must be a JSON object."}))
            return
        session = self.state.client_auth.get(str(data.get("request_id", "")))
        verifier = data.get("client_verifier")
        # ee reads "error" from a 200 body, so refusals are 200 too.
        if session is None:
            self.write_json({"error": "Unknown or unauthorized request_id."})
        elif (
            not isinstance(verifier, str)
            or not verifier.isascii()
            or not hmac.compare_digest(s256(verifier), session.client_challenge)
        ):
            self.write_json({"error": "Client verifier does not match."})
        else:
            client = self.state.clients[session.client_id]
            self.write_json(
                {
                    "client_id": client.client_id,
                    "client_secret": client.client_secret,
                    "scopes": session.scopes,
                }
            )
