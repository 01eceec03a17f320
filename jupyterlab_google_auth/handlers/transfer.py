"""POST token-export and POST token-import: credentials for ephemeral homes.

Export is the one route that answers a refresh token, and only to an explicit, confirmed
request of the server's own user (POST, XSRF-checked, ``Cache-Control: no-store``; never to a
visitor of a shared server); administrators turn it off with ``GoogleAuth.allow_token_export``.
Import is checked against the administrator's policy (``allow_token_import``, the modes that can
use its client, the presets), its token_uri must be Google's own, and it is tried with Google
(a refresh, in the Google pool) before the store writes it. Nothing here is logged.
"""

from __future__ import annotations

import asyncio
import os
from functools import partial

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import policy, shared_server
from ..credentials import clear_cache
from ..credentials.formats import client_kind
from ..credentials.importing import write_import
from ..credentials.store import CredentialStore
from ..credentials.transfer import TransferError, export_earthengine, from_environment, parse_import
from ..credentials.validity import check_refresh
from ..errors import ServerError
from ..outbound import check_file_url
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
        refusal = shared_server.owners_credentials_refusal(
            self.current_user.username, "export them"
        )
        if refusal:
            raise ApiError(403, "not_yours", refusal)
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
            raise ApiError(404, "nothing_to_export", str(exc)) from None
        self.write_json({"name": "EARTHENGINE_TOKEN", "value": value, "warning": EXPORT_WARNING})


class TokenImportHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        settings = self.google_auth
        self.refuse_if(policy.import_refusal(settings, None))
        body = self.json_body()
        if body.get("from_environment") is True:
            found = from_environment(os.environ)
            if found is None:
                raise ApiError(
                    404,
                    "no_token_in_environment",
                    "Neither EARTHENGINE_TOKEN nor GOOGLE_APPLICATION_CREDENTIALS_JSON is set "
                    "in the server's environment.",
                )
            source, value = found
        else:
            source, value = "pasted", body.get("value")
        try:
            imported = parse_import(value)
        except TransferError as exc:
            raise ApiError(400, "not_credentials", str(exc)) from None
        check_file_url(imported.token_uri, settings, "token_uri", "these credentials")
        self.refuse_if(policy.import_refusal(settings, client_kind(imported.client_id)))
        if imported.scopes:  # refuse before asking Google when the value names its scopes
            self.refuse_if(policy.scopes_refusal(settings, imported.scopes))
        info = {
            "refresh_token": imported.refresh_token,
            "client_id": imported.client_id,
            "client_secret": imported.client_secret,
        }
        check = await self.google(
            partial(check_refresh, info, settings.token_uri, settings.http_timeout, ttl=0)
        )
        if check["valid"] is False:
            raise ApiError(
                400,
                "token_refused",
                f"Google refused these credentials ({check.get('error') or 'refused'}): they "
                "expired or were revoked.",
            )
        if check["valid"] is None:
            raise ServerError(
                503,
                "endpoint_unavailable",
                "Google's token service could not be reached to check these credentials.",
                "Try again in a moment.",
            )
        scopes = imported.scopes or check.get("scopes") or []
        self.refuse_if(policy.scopes_refusal(settings, scopes))
        account = imported.account or check.get("account")
        written = await asyncio.to_thread(partial(write_import, imported, scopes, account))
        clear_cache()
        self.write_json(
            {
                "source": source,
                "account": account,
                "project": imported.project,
                "files": [f.to_json() for f in written],
            }
        )
