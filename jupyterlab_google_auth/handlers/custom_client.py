"""GET/PUT/DELETE custom-client: the Desktop OAuth client used by paste-url (and loopback when
chosen). The answer never holds the secret: ``{configured, source, client_id?, project_number?}``.
"""

from __future__ import annotations

import asyncio

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import policy
from ..flows import CustomClients
from .base import ApiError, GoogleAuthHandler


class CustomClientHandler(GoogleAuthHandler):
    @property
    def clients(self) -> CustomClients:
        return self.state.custom_client

    async def describe(self) -> None:
        # The administrator's file is read off the event loop (it may sit on a slow disk).
        data = await asyncio.to_thread(self.clients.describe, self.google_auth.client_secrets_file)
        self.write_json(data)

    @web.authenticated
    @authorized
    async def get(self) -> None:
        await self.describe()

    @web.authenticated
    @authorized
    async def put(self) -> None:
        body = self.json_body()
        if "client_secret" not in body:
            raise ApiError(
                400,
                "bad_client_secret",
                "Send {client_secret: <the content of client_secret.json>}.",
                "Choose the client_secret.json file of a Desktop app OAuth client.",
            )
        self.refuse_if(policy.custom_client_refusal(self.google_auth))
        self.clients.upload(body["client_secret"], self.google_auth)
        await self.describe()

    @web.authenticated
    @authorized
    async def delete(self) -> None:
        self.clients.clear()
        await self.describe()
