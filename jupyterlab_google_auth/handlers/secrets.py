"""The secret store's routes (``secrets``, ``secrets/<name>``, ``secrets/<name>/check``,
``secrets/grants``, ``secrets/requests/<id>``); the store itself is ``secrets/store.py``.

A value arrives once, in ``POST secrets``, and never leaves: every answer is the listing
(name, when set, last four characters, "set in kernels", last check). Notebooks are named by
their path relative to the server's root, as JupyterLab knows them; the grants keep them as
the absolute path a kernel gets in ``JPY_SESSION_NAME`` (``store.notebook_key``).
On a server shared through JupyterHub the store is the owner's: a visitor sees no names and
changes nothing (403 ``not_yours``).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import Any, TypeVar

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import policy, shared_server
from ..credentials import UnsafeTargetError
from ..secrets import answers
from ..secrets.checks import CHECKABLE, check_gemini_key
from ..secrets.errors import SecretError
from ..secrets.store import SecretStore, StoreUnreadable, notebook_key
from ..secrets.validation import KNOWN_NAMES, check_name
from .base import ApiError, GoogleAuthHandler

T = TypeVar("T")


class SecretsBase(GoogleAuthHandler):
    def visitor_refusal(self) -> str | None:
        return shared_server.owners_credentials_refusal(
            self.current_user.username, "see or change the secrets stored here"
        )

    def refuse_unless_allowed(self, name: str | None = None) -> None:
        """Policy, then the shared-server rule, for every route that reads or writes."""
        self.refuse_if(policy.secrets_refusal(self.google_auth, name))
        refusal = self.visitor_refusal()
        if refusal:
            raise ApiError(403, "not_yours", refusal)

    def notebook(self, path: object) -> str:
        root = self.settings.get("server_root_dir")
        return notebook_key(path, os.path.expanduser(root) if root else None)  # type: ignore[arg-type]

    async def in_store(self, fn: Callable[[SecretStore], T]) -> T:
        """A read or write of the store file, off the event loop, with its failures worded."""
        store = SecretStore()
        try:
            return await asyncio.to_thread(fn, store)
        except StoreUnreadable as exc:
            raise ApiError(500, "store_unreadable", str(exc)) from None
        except (UnsafeTargetError, OSError) as exc:
            raise ApiError(
                500, "write_failed", f"The secret store could not be written: {exc}"
            ) from None

    async def listing(self, notebook: str | None = None) -> dict[str, Any]:
        def read(store: SecretStore) -> dict[str, Any]:
            body: dict[str, Any] = {"secrets": store.listing(), "known": list(KNOWN_NAMES)}
            if notebook is not None:
                body["notebook"] = {"path": notebook, "granted": store.grants().get(notebook, [])}
            return body

        return await self.in_store(read)


class SecretsHandler(SecretsBase):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.refuse_if(policy.secrets_refusal(self.google_auth))
        if self.visitor_refusal():  # a visitor sees no names, and is told why
            self.write_json({"secrets": [], "known": [], "hidden": self.visitor_refusal()})
            return
        notebook = self.get_query_argument("notebook", None)
        self.write_json(await self.listing(self.notebook(notebook) if notebook else None))

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.json_body()
        name = check_name(body.get("name"))
        self.refuse_unless_allowed(name)
        env = body.get("env", False)
        if not isinstance(env, bool):
            raise ApiError(400, "bad_request", "env must be true or false.")
        value = body.get("value")
        await self.in_store(lambda store: store.put(name, value, env=env))  # type: ignore[arg-type]
        self.write_json(await self.listing(), 201)


class SecretHandler(SecretsBase):
    @web.authenticated
    @authorized
    async def patch(self, name: str) -> None:
        """``{env: bool}``: whether granted notebooks' kernels get it as a variable."""
        name = check_name(name)
        self.refuse_unless_allowed(name)
        env = self.json_body().get("env")
        if not isinstance(env, bool):
            raise ApiError(400, "bad_request", "env must be true or false.")
        await self.in_store(lambda store: store.set_env(name, env))
        self.write_json(await self.listing())

    @web.authenticated
    @authorized
    async def delete(self, name: str) -> None:
        name = check_name(name)
        self.refuse_unless_allowed()  # a name the policy no longer allows can still go
        await self.in_store(lambda store: store.delete(name))
        self.write_json(await self.listing())


class SecretCheckHandler(SecretsBase):
    @web.authenticated
    @authorized
    async def post(self, name: str) -> None:
        """Check the key against the Generative Language API; the result is stored."""
        name = check_name(name)
        self.refuse_unless_allowed(name)
        if name not in CHECKABLE:
            raise SecretError(
                "not_checkable", f"{name} is not a Google API key this server can check."
            )
        key = await self.in_store(lambda store: store.value(name))
        if key is None:
            raise SecretError("unknown_secret", f"There is no secret named {name}.")
        settings = self.google_auth
        result = await self.google(
            lambda: check_gemini_key(settings.generativelanguage_uri, key, settings.http_timeout),
            settings.http_timeout,
        )
        await self.in_store(lambda store: store.record_check(name, result))
        self.write_json(await self.listing())


class SecretGrantsHandler(SecretsBase):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        """Every notebook's grants (the panel's list), as absolute paths."""
        self.refuse_unless_allowed()
        self.write_json({"grants": await self.in_store(lambda store: store.grants())})

    @web.authenticated
    @authorized
    async def put(self) -> None:
        """``{notebook, name, granted}``: the panel's "Notebook access" switch."""
        body = self.json_body()
        name = check_name(body.get("name"))
        self.refuse_unless_allowed(name)
        granted = body.get("granted")
        if not isinstance(granted, bool):
            raise ApiError(400, "bad_request", "granted must be true or false.")
        notebook = self.notebook(body.get("notebook"))
        await self.in_store(lambda store: store.set_grant(notebook, name, granted))
        self.write_json(await self.listing(notebook))


class SecretRequestHandler(SecretsBase):
    @web.authenticated
    @authorized
    async def post(self, request_id: str) -> None:
        """``{answer, notebook, name}``: the prompt in a cell's output was answered.

        ``notebook`` is the path the kernel named in its prompt. Allow grants it first, so the
        kernel finds the grant when it reads the answer.
        """
        body = self.json_body()
        answers.answer_path(request_id)
        answer = answers.check_answer(body.get("answer"))
        name = check_name(body.get("name"))
        if answer == "deny":  # stopping a waiting kernel needs no policy, only the owner
            refusal = self.visitor_refusal()
            if refusal:
                raise ApiError(403, "not_yours", refusal)
        else:
            self.refuse_unless_allowed(name)
            notebook = self.notebook(body.get("notebook"))
            await self.in_store(lambda store: store.set_grant(notebook, name, True))
        await self.in_store(lambda _store: answers.write_answer(request_id, answer))
        self.write_json({"answer": answer})
