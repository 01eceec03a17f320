"""POST service-account {"key": <object or JSON text>, "try": true}: validate, try, store as ADC.

Parse, call, answer: the rules (fields, trusted token_uri, the trial, the write) live in
credentials/service_account.py; the trial runs in the Google pool.
"""

from __future__ import annotations

import asyncio
from functools import partial

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import policy
from ..credentials.service_account import parse_key, store_key, try_key
from .base import ApiError, GoogleAuthHandler


class ServiceAccountHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        settings = self.google_auth
        self.refuse_if(policy.mode_refusal(settings, "service-account"))
        body = self.json_body()
        want_try = body.get("try", True)
        if not isinstance(want_try, bool):
            raise ApiError(400, "bad_request", '"try" must be true or false.')
        key = parse_key(body.get("key"), settings)
        if want_try:
            await self.google(partial(try_key, key, settings.http_timeout))
        written, notes = await asyncio.to_thread(store_key, key)
        self.write_json(
            {
                "client_email": key["client_email"],
                "project_id": key["project_id"],
                "files": [written.to_json()],
                "tried": want_try,
                "notes": notes,
            }
        )
