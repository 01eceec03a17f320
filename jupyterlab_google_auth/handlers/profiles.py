"""Profiles: several Google identities in one home (profiles/ holds the rules).

GET profiles                          the list (name, kind, account, project, expiry, active)
POST profiles {kind, name?, key?}     add a service-account key or the ambient account
POST profiles/impersonate {service_account, delegates?, source?, name?, project?}
PATCH profiles/<name> {name}          rename
DELETE profiles/<name>                put a profile away (its directory is kept as a backup)
POST profiles/<name>/switch           make it the identity at the standard places
POST profiles/<name>/sign-out {revoke}  revoke (user sign-ins) and move its files aside

A user sign-in becomes a profile through POST flows {add_profile: true, profile_name?}. Every
change answers the new list; a switch also answers the credentials report (the front end's
``profile-switched`` change, which running kernels follow). A visitor on a shared server sees
no profiles and changes none.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import policy, shared_server
from ..credentials import UnsafeTargetError, clear_cache
from ..credentials.service_account import parse_key, try_key
from ..environment import metadata_identity
from ..profiles import adding, impersonation, signing_out
from ..profiles.errors import ProfileError
from ..profiles.listing import list_profiles
from ..profiles.migration import ensure_migrated
from ..profiles.naming import validate
from ..profiles.store import ProfileStore, read_identity
from ..profiles.switching import switch
from .base import ApiError, GoogleAuthHandler
from .credentials import credentials_report
from .signout import SignOutHandler

T = TypeVar("T")
KINDS_ADDED_HERE = ("service-account", "ambient")


class ProfilesBase(GoogleAuthHandler):
    def refuse_visitor(self) -> None:
        refusal = shared_server.owners_credentials_refusal(
            self.current_user.username, "see or change the profiles"
        )
        if refusal:
            raise ApiError(403, "not_yours", refusal)

    def check(self, refusal: str | None = None) -> ProfileStore:
        """Policy first, then the visitor rule; the store of this server's home."""
        self.refuse_if(policy.profiles_refusal(self.google_auth) or refusal)
        self.refuse_visitor()
        return ProfileStore()

    async def files(self, fn: Callable[[], T]) -> T:
        """Local file work off the event loop; a refused or failed write is ``write_failed``."""
        try:
            return await asyncio.to_thread(fn)
        except ProfileError:
            raise
        except UnsafeTargetError as exc:
            raise ApiError(409, "write_failed", str(exc)[:400]) from None
        except OSError as exc:
            raise ApiError(500, "write_failed", f"The profile files: {exc}"[:400]) from None

    async def listing(self, store: ProfileStore) -> dict[str, Any]:
        def read() -> dict[str, Any]:
            ensure_migrated(store)
            return list_profiles(store)

        data = await self.files(read)
        return {**data, "max_profiles": self.google_auth.max_profiles}


def _name(body: dict[str, Any]) -> str | None:
    name = body.get("name")
    return None if name is None else validate(name)


class ProfilesHandler(ProfilesBase):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        if shared_server.visitor(self.current_user.username):
            self.write_json({"active": None, "profiles": [], "visitor": True})
            return
        self.write_json(await self.listing(self.check()))

    @web.authenticated
    @authorized
    async def post(self) -> None:
        store = self.check()
        body = self.json_body()
        kind, name, limit = body.get("kind"), _name(body), self.google_auth.max_profiles
        if kind not in KINDS_ADDED_HERE:
            raise ApiError(
                400,
                "bad_request",
                'kind must be "service-account" or "ambient" (a user sign-in is added with POST '
                "flows {add_profile: true}, impersonation with POST profiles/impersonate).",
            )
        if kind == "service-account":
            self.refuse_if(policy.mode_refusal(self.google_auth, "service-account"))
            key = parse_key(body.get("key"), self.google_auth)
            if body.get("try", True) is not False:
                await self.google(partial(try_key, key, self.google_auth.http_timeout))
            name, _ = await self.files(lambda: adding.add_service_account(store, key, name, limit))
        else:
            found = await metadata_identity(
                self.google_auth, metadata_probe=self.state.metadata_probe
            )
            if not found or not found.get("email"):
                raise ProfileError(
                    409, "no_ambient_account", "This runtime has no ambient Google account."
                )
            email, project = found["email"], found.get("project_id")
            name = await self.files(lambda: adding.add_ambient(store, email, project, name, limit))
        self.write_json({**await self.listing(store), "added": name}, 201)


class ImpersonateHandler(ProfilesBase):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        settings = self.google_auth
        store = self.check(policy.impersonation_refusal(settings))
        body = self.json_body()
        email = impersonation.service_account_email(body.get("service_account"))
        delegates = impersonation.delegate_list(body.get("delegates"))
        project = body.get("project")
        if project is not None:
            from ..credentials.formats import validate_project_id

            try:
                validate_project_id(project)
            except ValueError as exc:
                raise ApiError(400, "bad_project", str(exc)) from None
        name = _name(body)

        def source() -> tuple[str, dict[str, Any]]:
            ensure_migrated(store)
            source_name = store.find(body["source"]) if body.get("source") else store.active()
            if source_name is None:
                raise ProfileError(
                    409, "no_source_credentials", "Sign in first: there is no profile to act from."
                )
            identity = read_identity(store.files_now(source_name))
            return source_name, impersonation.source_credentials(identity, source_name)

        source_name, user = await self.files(source)
        await self.google(
            partial(
                impersonation.check,
                user,
                email,
                delegates,
                token_uri=settings.token_uri,
                iamcredentials_uri=settings.iamcredentials_uri,
                timeout=settings.http_timeout,
                tokens=self.state.access_tokens,
            ),
            settings.http_timeout * 2,
        )
        project = project or impersonation.project_of(email)
        data = impersonation.adc_file(user, email, delegates, settings.iamcredentials_uri, project)

        added = await self.files(
            lambda: adding.add_impersonated(
                store,
                name,
                settings.max_profiles,
                data,
                account=email,
                project=project,
                source=source_name,
            )
        )
        self.write_json({**await self.listing(store), "added": added}, 201)


class ProfileHandler(ProfilesBase):
    @web.authenticated
    @authorized
    async def patch(self, name: str) -> None:
        store = self.check()
        new = _name(self.json_body())
        if new is None:
            raise ApiError(400, "bad_request", 'Send the new name: {"name": ...}.')
        await self.files(lambda: store.rename(name, new))
        self.write_json(await self.listing(store))

    @web.authenticated
    @authorized
    async def delete(self, name: str) -> None:
        store = self.check()
        backup = await self.files(lambda: store.delete(name))
        self.write_json({**await self.listing(store), "backup": str(backup)})


class ProfileSwitchHandler(ProfilesBase):
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        store = self.check()

        def run() -> list:
            ensure_migrated(store)
            return switch(store, name)

        written = await self.files(run)
        self.state.access_tokens.clear()
        self.write_json(
            {
                **await self.listing(store),
                "files": [w.to_json() for w in written],
                "credentials": await credentials_report(self),
            }
        )


class ProfileSignOutHandler(SignOutHandler, ProfilesBase):
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:  # type: ignore[override]
        store = self.check()
        revoke = self.json_body().get("revoke", True)
        if not isinstance(revoke, bool):
            raise ApiError(400, "bad_json", "revoke must be true or false.")
        tokens = await self.files(lambda: signing_out.refresh_tokens(store, name))
        revoked, error = await self._revoke(tokens) if revoke else (False, None)
        try:
            result = await self.files(lambda: signing_out.sign_out(store, name))
        finally:
            clear_cache()
            self.state.access_tokens.clear()
        self.write_json(
            {
                **await self.listing(store),
                "revoked": revoked,
                "revoke_error": error.to_json() if error else None,
                "moved": [m.to_json() for m in result.moved],
                "credentials": await credentials_report(self),
            }
        )
