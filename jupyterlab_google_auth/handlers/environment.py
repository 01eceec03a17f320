"""GET environment: where this server runs and which sign-in mode fits."""

import asyncio
import os

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import shared_server
from ..credentials.transfer import from_environment
from ..environment import describe_environment
from ..environment.origin import OriginError
from .base import ApiError, GoogleAuthHandler

MAX_ORIGIN_CHARS = 300


class EnvironmentHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        origin = self.get_query_argument("origin", None)
        if origin is not None and len(origin) > MAX_ORIGIN_CHARS:
            raise ApiError(
                400, "bad_origin", "The origin is too long.", "Send window.location.origin."
            )
        # ?refresh=1 (the panel's "Check again"): probe now instead of answering from the cache.
        refresh = self.get_query_argument("refresh", "") in ("1", "true")
        # An uploaded client_secret.json makes paste-url available, not just the admin's file.
        # (It may read the administrator's file: off the event loop, like the flow registry.)
        custom = await asyncio.to_thread(
            self.state.custom_client.resolve, self.google_auth.client_secrets_file
        )
        try:
            facts = await describe_environment(
                self.google_auth,
                origin,
                custom_client_configured=custom.client is not None,
                refresh=refresh,
                metadata_probe=self.state.metadata_probe,
                gcloud_probe=self.state.gcloud_probe,
            )
        except OriginError as exc:
            raise ApiError(
                400,
                "bad_origin",
                f"The origin {origin!r} is not a valid http(s) origin: {exc}",
                "Send the browser's window.location.origin, e.g. http://127.0.0.1:8888.",
            ) from exc
        facts["shared_server"] = shared_server.describe(self.current_user.username)
        # Only the variable's name: the panel offers to import it (token-import).
        found = from_environment(os.environ)
        facts["token_in_environment"] = found[0] if found else None
        if custom.problem:
            # The administrator's client is broken: say so now, not when a flow starts.
            problem = f"The administrator's client_secret.json is unusable: {custom.problem}"
            facts["admin_client_problem"] = problem
            paste_url = facts["modes"]["paste-url"]
            if not paste_url["available"] and not paste_url.get("turned_off"):
                paste_url["reason"] = (
                    f"{problem} Ask the administrator to fix GoogleAuth.client_secrets_file, or "
                    "upload a client_secret.json (Desktop app) of your own."
                )
        self.write_json(facts)
