"""GET credentials: every credential source on the kernel host, and which one each library uses.

Local files only on the request's path; whether a sign-in still refreshes is asked of Google in
the Google pool and never makes this route wait on a hanging Google (credentials/checked_report).
"""

import asyncio
from functools import partial

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import shared_server
from ..credentials.checked_report import checked_report
from ..credentials.store import CredentialStore
from ..environment import metadata_identity
from ..profiles.store import ProfileStore
from ..projects import GoogleCallError, find_grant
from .base import GoogleAuthHandler


async def credentials_report(handler: GoogleAuthHandler) -> dict:
    """The report as this user may see it. Routes that change the credentials (a finished
    flow, PUT project) answer it too, so the front end needs no second request to see them."""
    settings = handler.google_auth
    metadata = await metadata_identity(settings, metadata_probe=handler.state.metadata_probe)
    report = await checked_report(
        CredentialStore(),
        token_uri=settings.token_uri,
        timeout=settings.http_timeout,
        metadata=metadata,
        on_google=partial(handler.state.google.run, handler.user_key),
    )
    user = handler.current_user.username
    visitor = shared_server.visitor(user)
    # One trip off the event loop for what the report itself does not hold.
    grant, profile = await asyncio.to_thread(
        _grant_and_profile, report, settings.token_uri, metadata, not visitor
    )
    projects = report.get("projects")
    if isinstance(projects, dict):
        # What the selector or a choice learned about ee's project: every view shows it.
        who = (handler.user_key, grant) if grant else None
        projects["readiness"] = handler.state.readiness.of(who, projects.get("earthengine"))
    if visitor:
        mine = handler.state.flows.accounts_by_user.get(user, ())
        report = shared_server.hide_accounts(report, mine)
    report["profile"] = profile  # a visitor sees none of the owner's profiles
    return report


def _grant_and_profile(
    report: dict, token_uri: str, metadata: object, with_profile: bool
) -> tuple[str | None, str | None]:
    """The digest of the credentials the project routes ask Google with (from the report just
    made, not a second description of the files) and the active profile's name."""
    try:
        grant = find_grant(
            CredentialStore(), token_uri=token_uri, metadata=metadata, report=report
        ).key
    except GoogleCallError:  # signed out, or nothing usable: nothing was learned for it
        grant = None
    return grant, (ProfileStore().active() if with_profile else None)


class CredentialsHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.write_json(await credentials_report(self))
