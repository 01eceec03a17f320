"""POST flows, GET/DELETE flows/<id>, POST flows/<id>/complete: sign-in flows for the panel.

The rules live in flows/registry.py; these handlers authenticate the Jupyter user, read the
body and answer; a FlowError is rendered by the base handler like every ServerError.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..flows import FlowRegistry
from .base import GoogleAuthHandler
from .credentials import credentials_report
from .owner import flow_owner

T = TypeVar("T")


class FlowHandlerBase(GoogleAuthHandler):
    @property
    def registry(self) -> FlowRegistry:
        return self.state.flows

    @property
    def user_key(self) -> str:
        """Flows belong to the Jupyter user who started them (see owner.py)."""
        owner = flow_owner(self)
        if owner is None:  # @web.authenticated ran first; never reached
            raise web.HTTPError(403)
        return owner

    def body(self) -> dict[str, Any]:
        return self.json_body()

    async def answer(self, work: Callable[[], Awaitable[T]] | Callable[[], T]) -> T:
        result = work()
        if inspect.isawaitable(result):
            result = await result
        return result  # type: ignore[return-value]

    async def view_of(self, flow: Any) -> dict[str, Any]:
        """The flow's view; once it succeeded, with the credentials it wrote (one request)."""
        view = flow.view()
        if view.get("state") == "succeeded":
            view["credentials"] = await credentials_report(self)
        return view


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
        self.write_json(await self.view_of(flow))

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
        self.write_json(await self.view_of(flow))
