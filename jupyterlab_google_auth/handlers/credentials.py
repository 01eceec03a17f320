"""GET credentials: every credential source on the kernel host, and which one each library uses."""

import asyncio
from functools import partial

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import shared_server
from ..credentials.report import describe_sources
from ..credentials.store import CredentialStore
from ..credentials.validity import check_refresh
from ..environment import metadata_identity
from .base import GoogleAuthHandler


class CredentialsHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        settings = self.google_auth
        metadata = await metadata_identity(settings, metadata_probe=self.state["metadata_probe"])
        check = partial(check_refresh, token_uri=settings.token_uri, timeout=settings.http_timeout)
        # Reading files and refreshing tokens block: keep them off the event loop.
        report = await asyncio.get_running_loop().run_in_executor(
            None,
            partial(
                describe_sources,
                CredentialStore(),
                token_uri=settings.token_uri,
                metadata=metadata,
                check=check,
            ),
        )
        user = self.current_user.username
        if shared_server.visitor(user):
            mine = self.state["flows"].accounts_by_user.get(user, ())
            report = shared_server.hide_accounts(report, mine)
        self.write_json(report)
