"""GET credentials: every credential source on the kernel host, and which one each library uses.

Local files only on the request's path; whether a sign-in still refreshes is asked of Google in
the Google pool and never makes this route wait on a hanging Google (credentials/checked_report).
"""

from functools import partial

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import shared_server
from ..credentials.checked_report import checked_report
from ..credentials.store import CredentialStore
from ..environment import metadata_identity
from .base import GoogleAuthHandler


class CredentialsHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        settings = self.google_auth
        metadata = await metadata_identity(settings, metadata_probe=self.state.metadata_probe)
        report = await checked_report(
            CredentialStore(),
            token_uri=settings.token_uri,
            timeout=settings.http_timeout,
            metadata=metadata,
            on_google=partial(self.state.google.run, self.user_key),
        )
        user = self.current_user.username
        if shared_server.visitor(user):
            mine = self.state.flows.accounts_by_user.get(user, ())
            report = shared_server.hide_accounts(report, mine)
        self.write_json(report)
