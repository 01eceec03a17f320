""" "Set in kernels": a granted notebook's kernel starts with its "set in kernels" secrets.

jupyter_server starts a notebook's kernel with ``SessionManager.get_kernel_env(path, name)``,
which adds ``JPY_SESSION_NAME`` (the notebook's path) to the server's environment. Wrapping that
one method of this server's session manager is the smallest real hook: kernels of notebooks
granted a secret marked "set in kernels" get it as an environment variable, other kernels never
do. A rename moves a session to another path but not its kernel's variable: the wrapped
``update_session`` tells the kernel its new notebook (``sessions.py``). A kernel already running
catches up through ``userdata.sync_environment()``, which the kernel
itself runs after an Allow, and the front end runs silently after a change in the panel.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from ..errors import ServerError
from . import published_policy, sessions
from .store import SecretStore, StoreUnreadable, notebook_key

log = logging.getLogger(__name__)


def install(
    session_manager: Any,
    enabled: Callable[[], bool],
    root_dir: str | None = None,
    policy: Callable[[], dict[str, str]] | None = None,
) -> bool:
    """Wrap ``session_manager.get_kernel_env`` (variables at start) and ``update_session``
    (a rename: ``sessions.py``); False when this server's has no such methods. ``policy``
    gives the administrator's variables every kernel starts with (``policy.kernel_variables``),
    granted notebook or not."""
    original = getattr(session_manager, "get_kernel_env", None)
    update = getattr(session_manager, "update_session", None)
    if original is None or update is None or getattr(original, "_google_auth_secrets", False):
        return False

    def get_kernel_env(path: str | None, name: Any = None) -> dict[str, str]:
        env = original(path, name)
        if policy is not None:
            env.update(policy())
        notebook = env.get("JPY_SESSION_NAME")
        if not enabled() or not notebook:
            return env
        try:
            granted = SecretStore().kernel_environment(notebook_key(notebook))
            env.update({n: v for n, v in granted.items() if published_policy.refusal(n) is None})
        except (StoreUnreadable, ServerError, OSError) as exc:
            # The kernel still starts; the message names the file, never a value.
            log.warning("google-auth: secrets not set in the kernel: %s", exc)
        return env

    async def update_session(session_id: str, **kwargs: Any) -> None:
        await update(session_id, **kwargs)
        if "path" not in kwargs:
            return
        try:
            model = await session_manager.get_session(session_id=session_id)
            kernel_id = (model.get("kernel") or {}).get("id")
            if kernel_id and model.get("path"):
                notebook = notebook_key(model["path"], root_dir)
                await asyncio.to_thread(sessions.remember, kernel_id, notebook)
        except Exception as exc:  # noqa: BLE001 - a rename must never fail because of this
            log.warning("google-auth: a renamed notebook's kernel keeps its old name: %s", exc)

    get_kernel_env._google_auth_secrets = True  # type: ignore[attr-defined]
    session_manager.get_kernel_env = get_kernel_env
    session_manager.update_session = update_session
    return True
