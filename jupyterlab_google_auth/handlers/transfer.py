"""POST token-export and POST token-import: credentials for ephemeral homes.

Export is the one route that answers a refresh token, and only to an explicit, confirmed
request of the signed-in Jupyter user (POST, XSRF-checked, ``Cache-Control: no-store``);
administrators turn it off with ``GoogleAuth.allow_token_export``. Nothing here is logged.
Import checks the value with Google (a refresh) before writing it through the store.
"""

from __future__ import annotations

import asyncio
import os
from functools import partial

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import policy
from ..credentials import UnsafeTargetError, clear_cache
from ..credentials.store import CredentialStore
from ..credentials.transfer import (
    TransferError,
    export_earthengine,
    from_environment,
    parse_import,
)
from ..credentials.validity import check_refresh
from .base import ApiError, GoogleAuthHandler

EXPORT_WARNING = (
    "Anyone who has this value can use your Google account with the scopes you granted, until "
    "you sign out (which revokes it). Keep it only in a secret store (a CI secret, a hub's "
    "secret environment), never in a notebook or a repository."
)


class TokenExportHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        self.refuse_if(policy.export_refusal(self.google_auth))
        if self.json_body().get("confirm") is not True:
            raise ApiError(
                400,
                "confirm_required",
                "Exporting hands out your sign-in: confirm it first.",
                EXPORT_WARNING,
            )
        try:
            value = await asyncio.to_thread(export_earthengine, CredentialStore())
        except TransferError as exc:
            raise ApiError(404, "nothing_to_export", str(exc), "Sign in first.") from None
        self.write_json({"name": "EARTHENGINE_TOKEN", "value": value, "warning": EXPORT_WARNING})


class TokenImportHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.json_body()
        if body.get("from_environment") is True:
            found = from_environment(os.environ)
            if found is None:
                raise ApiError(
                    404,
                    "no_token_in_environment",
                    "Neither EARTHENGINE_TOKEN nor GOOGLE_APPLICATION_CREDENTIALS_JSON is set "
                    "in the server's environment.",
                    "Paste the credentials JSON instead.",
                )
            source, value = found
        else:
            source, value = "pasted", body.get("value")
        try:
            imported = parse_import(value)
        except TransferError as exc:
            raise ApiError(400, "not_credentials", str(exc), "") from None

        settings = self.google_auth
        info = {
            "refresh_token": imported.refresh_token,
            "client_id": imported.client_id,
            "client_secret": imported.client_secret,
        }
        check = await asyncio.to_thread(
            partial(check_refresh, info, settings.token_uri, settings.http_timeout, ttl=0)
        )
        if check["valid"] is False:
            raise ApiError(
                400,
                "token_refused",
                f"Google refused these credentials ({check.get('error') or 'refused'}): they "
                "expired or were revoked.",
                "Sign in here instead, or export fresh credentials from a machine where you are "
                "signed in.",
            )
        if check["valid"] is None:
            raise ApiError(
                503,
                "endpoint_unavailable",
                "Google's token service could not be reached to check these credentials.",
                "Try again in a moment.",
            )
        store = CredentialStore()
        try:
            written = await asyncio.to_thread(
                partial(
                    store.write_user_credentials,
                    ["earthengine", "adc"],
                    refresh_token=imported.refresh_token,
                    client_id=imported.client_id,
                    client_secret=imported.client_secret,
                    scopes=imported.scopes or check.get("scopes") or [],
                    account=imported.account or check.get("account"),
                    project=imported.project,
                )
            )
        except (UnsafeTargetError, OSError, ValueError) as exc:
            raise ApiError(500, "write_failed", str(exc)[:400], "") from None
        clear_cache()
        self.write_json(
            {
                "source": source,
                "account": imported.account or check.get("account"),
                "project": imported.project,
                "files": [f.to_json() for f in written],
            }
        )
