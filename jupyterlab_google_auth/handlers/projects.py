"""The project selector's routes: list and search projects, API states, choose a project.

GET projects?query=&page_token=&page_size=   Cloud Resource Manager, with the stored credentials
GET projects/recent                          the projects chosen lately, newest first
GET projects/<id>/services                   Earth Engine / Generative Language API states
PUT project {"project", "gcloud"}            write the project where the libraries read it

Google is called off the event loop (projects/offloop.py); the access token is cached in this
server's memory (projects/access.py). No response carries a token or a secret.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import ids, shared_server
from ..credentials.formats import validate_project_id
from ..credentials.store import CredentialStore
from ..deadline import Deadline
from ..environment import metadata_identity
from ..ids import is_id
from ..projects import (
    AccessTokenCache,
    GoogleCallError,
    Grant,
    RecentProjects,
    call_off_loop,
    find_grant,
    list_projects,
    sanitise_query,
    service_states,
)
from ..projects.choose import quota_problem, write_project
from ..projects.crm import check_page_token, page_size
from ..projects.earthengine import earthengine_readiness
from ..projects.http import call_deadline
from ..projects.quota import refused, unchecked
from ..projects.services import unknown
from .base import ApiError, GoogleAuthHandler
from .credentials import credentials_report

BAD_PROJECT_MESSAGE = (
    "A project id is 6 to 30 characters: lowercase letters, digits and hyphens, starting with a "
    "letter and not ending with a hyphen (for example my-project-123)."
)
FILE_TIMEOUT = 10.0  # seconds for reading or writing the small local files
BAD_PROJECT_HELP = "Copy the project id (not its name or number) from the Cloud console."


class GoogleCallHandler(GoogleAuthHandler):
    """What the routes calling Google share: the token cache and the credentials to use."""

    @property
    def access_tokens(self) -> AccessTokenCache:
        return self.state.access_tokens

    @property
    def recent_projects(self) -> RecentProjects:
        return self.state.recent_projects

    async def grant_finder(self) -> Callable[[], Grant]:
        """A blocking callable that finds the credentials (the metadata probe is async and
        cached, so it runs here, on the loop)."""
        settings = self.google_auth
        metadata = await metadata_identity(settings, metadata_probe=self.state.metadata_probe)
        return partial(
            find_grant, CredentialStore(), token_uri=settings.token_uri, metadata=metadata
        )

    async def ask_about_project(
        self,
        project: str,
        ask: Callable[[AccessTokenCache, Callable[[], Grant], Deadline], dict[str, Any]],
        unknown_answer: Callable[[str], dict[str, Any]],
    ) -> dict[str, Any]:
        """One project's state from Google: the id checked, the call off the event loop within
        the overall limit, and an "unknown" answer (not an error) when Google is too slow."""
        try:
            # Listed projects may have legacy ids ("example.com:proj") or be given by number.
            validate_project_id(project)
        except ValueError:
            raise ApiError(400, "bad_project", BAD_PROJECT_MESSAGE, BAD_PROJECT_HELP) from None
        settings = self.google_auth
        grant_of = await self.grant_finder()
        cache = self.access_tokens
        try:
            result = await self.google(
                lambda: ask(cache, grant_of, call_deadline(settings.http_timeout)),
                settings.http_timeout,
            )
        except GoogleCallError as exc:  # only the overall time limit gets here
            result = unknown_answer(f"Google could not be asked right now: {exc.message}")
        return result

    async def earthengine_of(self, project: str) -> dict[str, Any]:
        """Earth Engine's readiness of ``project``, remembered for the credentials report
        under the credentials that asked."""
        answer, who = await self._ask_earthengine(project)
        if who is not None:
            self.state.readiness.earthengine(who, project, answer)
        return answer

    async def _ask_earthengine(self, project: str) -> tuple[dict[str, Any], tuple[str, str] | None]:
        """Earth Engine's readiness of ``project`` and who asked (Jupyter user, credentials
        digest), None when no credentials were found to ask with."""
        settings = self.google_auth
        asked: list[str] = []

        def ask(cache: AccessTokenCache, grant_of: Callable[[], Grant], deadline: Deadline):
            def grant() -> Grant:
                found = grant_of()
                asked.append(found.key)
                return found

            return earthengine_readiness(cache, grant, settings.ee_api_uri, project, deadline)

        answer = await self.ask_about_project(
            project,
            ask,
            lambda why: {"project": project, "state": "unknown", "action_url": None, "note": why},
        )
        return answer, ((self.user_key, asked[0]) if asked else None)


class ProjectsHandler(GoogleCallHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        settings = self.google_auth
        try:
            query = sanitise_query(self.get_query_argument("query", ""))
            token = check_page_token(self.get_query_argument("page_token", None))
            size = page_size(self.get_query_argument("page_size", None))
        except GoogleCallError:
            raise
        grant_of = await self.grant_finder()
        cache = self.access_tokens

        def work() -> dict[str, Any]:
            deadline = call_deadline(settings.http_timeout)
            return list_projects(
                cache,
                grant_of(),
                settings.crm_uri,
                deadline,
                query=query,
                page_token=token,
                size=size,
            )

        result = await self.google(work, settings.http_timeout)
        if shared_server.visitor(self.current_user.username):
            result["account"] = None  # the owner's account is not shown to a visitor
        self.write_json(result)


class RecentProjectsHandler(GoogleCallHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        recent = await call_off_loop(self.recent_projects.get, FILE_TIMEOUT)
        self.write_json({"recent": recent})


class ProjectServicesHandler(GoogleCallHandler):
    @web.authenticated
    @authorized
    async def get(self, project: str) -> None:
        settings = self.google_auth
        answer = await self.ask_about_project(
            project,
            lambda cache, grant_of, deadline: service_states(
                cache, grant_of, settings.serviceusage_uri, project, deadline
            ),
            lambda why: unknown(project, why),
        )
        self.write_json(answer)


class ProjectEarthEngineHandler(GoogleCallHandler):
    """GET projects/<id>/earthengine: ready, disabled, unregistered, denied or unknown."""

    @web.authenticated
    @authorized
    async def get(self, project: str) -> None:
        self.write_json(await self.earthengine_of(project))


class ProjectHandler(GoogleCallHandler):
    """PUT project: the Earth Engine ``project`` and the ADC ``quota_project_id`` (and gcloud's
    ``core/project`` when asked); the rules are in projects/choose.py."""

    @web.authenticated
    @authorized
    async def put(self) -> None:
        body = self.json_body()
        project = body.get("project")
        gcloud = body.get("gcloud", False)
        if not is_id(ids.PROJECT_ID, project):
            raise ApiError(400, "bad_project", BAD_PROJECT_MESSAGE)
        if not isinstance(gcloud, bool):
            raise ApiError(400, "bad_json", "gcloud must be true or false.")
        settings = self.google_auth
        check = partial(
            quota_problem,
            self.access_tokens,
            settings.token_uri,
            settings.crm_uri,
            project,
            settings.http_timeout,
        )

        async def quota_check() -> dict[str, Any] | None:
            try:
                return await self.google(check, settings.http_timeout)
            except GoogleCallError as exc:  # the overall time limit
                return unchecked(project, exc.message)

        # The two questions to Google are independent: ask them at once (the choice waits for
        # the slower, not for both in turn). Earth Engine's answer is kept for every view.
        quota, (earthengine, who) = await asyncio.gather(
            quota_check(), self._ask_earthengine(project)
        )
        hidden = shared_server.visitor(self.current_user.username)
        if hidden and quota and quota["code"] == "quota_permission_missing":
            quota = refused(project, None)  # without the owner's account
        written = await call_off_loop(
            partial(write_project, project, gcloud=gcloud, adc=quota is None), FILE_TIMEOUT
        )
        try:
            await call_off_loop(partial(self.recent_projects.add, project), FILE_TIMEOUT)
        except (OSError, GoogleCallError) as exc:  # the project is set; only the list failed
            self.log.warning("google-auth: could not save the recent projects list: %s", exc)
        quota_set = any(w.target == "adc" for w in written)
        # The readiness of the choice, for every view to carry (not only this dialog).
        if who is not None:
            self.state.readiness.earthengine(who, project, earthengine)
            self.state.readiness.quota(who, project, quota or None)
        self.write_json(
            {
                "project": project,
                "files": [w.to_json() for w in written],
                "quota_project": quota or {"set": quota_set},
                # What every view shows next, so the front end needs no GET credentials.
                "credentials": await credentials_report(self),
            }
        )
