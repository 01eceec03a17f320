"""POST flows, GET/DELETE flows/<id>, POST flows/<id>/complete: sign-in flows for the panel.

The rules live in flows/registry.py; these handlers authenticate the Jupyter user, read the
body and turn a FlowError into the API's ``{code, message, help}``.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from jupyter_server.auth.decorator import authorized
from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider
from tornado import web

from ..flows import FlowError, FlowRegistry
from .base import ApiError, GoogleAuthHandler

T = TypeVar("T")

SHARED_SECRET_PROVIDERS = (IdentityProvider, PasswordIdentityProvider)
SHARED_SECRET_USER = "<token holder>"


class FlowHandlerBase(GoogleAuthHandler):
    @property
    def registry(self) -> FlowRegistry:
        return self.state["flows"]

    @property
    def user_key(self) -> str:
        """Flows belong to the Jupyter user who started them.

        With Jupyter's stock token/password identity provider there is one principal (whoever
        holds the token or password), and its "users" are random: an anonymous name per login
        cookie, and a new one for every request that carries only the token. Keying by that
        name would make a flow unknown on its next request, so such servers use one key.
        Identity providers that name real users (JupyterHub's, for one) key by username.
        """
        if type(self.identity_provider) in SHARED_SECRET_PROVIDERS:
            return SHARED_SECRET_USER
        user = self.current_user
        return str(getattr(user, "username", None) or user)

    def body(self) -> dict[str, Any]:
        return self.json_body()

    async def answer(self, work: Callable[[], Awaitable[T]] | Callable[[], T]) -> T:
        try:
            result = work()
            if inspect.isawaitable(result):
                result = await result
            return result  # type: ignore[return-value]
        except FlowError as exc:
            raise ApiError(exc.status, exc.code, exc.message, exc.help) from None


class FlowsHandler(FlowHandlerBase):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.body()
        status, data = await self.answer(lambda: self.registry.start(self.user_key, body))
        self.write_json(data, status)


class FlowHandler(FlowHandlerBase):
    @web.authenticated
    @authorized
    async def get(self, flow_id: str) -> None:
        flow = await self.answer(lambda: self.registry.get(self.user_key, flow_id))
        self.write_json(flow.view())

    @web.authenticated
    @authorized
    async def delete(self, flow_id: str) -> None:
        flow = await self.answer(lambda: self.registry.cancel(self.user_key, flow_id))
        self.write_json(flow.view())


class FlowCompleteHandler(FlowHandlerBase):
    @web.authenticated
    @authorized
    async def post(self, flow_id: str) -> None:
        body = self.body()
        flow = await self.answer(lambda: self.registry.complete(self.user_key, flow_id, body))
        self.write_json(flow.view())
