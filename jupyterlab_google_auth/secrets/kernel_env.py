""" "Set in kernels": a granted notebook's kernel starts with its "set in kernels" secrets.

jupyter_server starts a notebook's kernel with ``SessionManager.get_kernel_env(path, name)``,
which adds ``JPY_SESSION_NAME`` (the notebook's path) to the server's environment. Wrapping that
one method of this server's session manager is the smallest real hook: kernels of notebooks
granted a secret marked "set in kernels" get it as an environment variable, other kernels never
do. A kernel already running catches up through ``userdata.sync_environment()``, which the kernel
itself runs after an Allow, and the front end runs silently after a change in the panel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..errors import ServerError
from .store import SecretStore, StoreUnreadable, notebook_key

log = logging.getLogger(__name__)


def install(session_manager: Any, enabled: Callable[[], bool]) -> bool:
    """Wrap ``session_manager.get_kernel_env``; False when this server's has none."""
    original = getattr(session_manager, "get_kernel_env", None)
    if original is None or getattr(original, "_google_auth_secrets", False):
        return False

    def get_kernel_env(path: str | None, name: Any = None) -> dict[str, str]:
        env = original(path, name)
        notebook = env.get("JPY_SESSION_NAME")
        if not enabled() or not notebook:
            return env
        try:
            env.update(SecretStore().kernel_environment(notebook_key(notebook)))
        except (StoreUnreadable, ServerError, OSError) as exc:
            # The kernel still starts; the message names the file, never a value.
            log.warning("google-auth: secrets not set in the kernel: %s", exc)
        return env

    get_kernel_env._google_auth_secrets = True  # type: ignore[attr-defined]
    session_manager.get_kernel_env = get_kernel_env
    return True
