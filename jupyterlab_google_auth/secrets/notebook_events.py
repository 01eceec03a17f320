"""Grants follow their notebook: a deleted notebook's grants are dropped, a renamed one's move.

Grants are kept per notebook path (``store.py``), so without this a new notebook created at a
deleted notebook's path would read the old one's secrets without a prompt. jupyter_server's
contents manager announces every delete and rename as an event (the ``contents_service``
schema); listening to it covers the file browser, the REST API and every contents manager that
emits it (all of jupyter_server's do). A move of a directory carries the grants inside it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from ..errors import ServerError
from .store import SecretStore, StoreUnreadable, notebook_key

log = logging.getLogger(__name__)


def install(server_app: Any) -> bool:
    """Listen to the contents manager's events; False where this server emits none."""
    manager = getattr(server_app, "contents_manager", None)
    schema_id = getattr(manager, "event_schema_id", None)
    events = getattr(server_app, "event_logger", None)
    if not schema_id or events is None:
        return False
    root_dir = server_app.root_dir

    async def listener(logger: Any, schema_id: str, data: dict[str, Any]) -> None:  # noqa: ARG001
        # jupyter_events passes the three by keyword.
        action, path = data.get("action"), data.get("path")
        if action not in ("delete", "rename") or not isinstance(path, str):
            return
        try:
            if action == "delete":
                gone, moved_to = notebook_key(path, root_dir), None
            else:
                gone = notebook_key(str(data.get("source_path", "")), root_dir)
                moved_to = notebook_key(path, root_dir)
            await asyncio.to_thread(SecretStore().notebook_gone, gone, moved_to)
        except (StoreUnreadable, ServerError, OSError, ValueError) as exc:
            log.warning("google-auth: grants not updated after a %s: %s", action, exc)

    events.add_listener(schema_id=schema_id, listener=listener)
    return True
