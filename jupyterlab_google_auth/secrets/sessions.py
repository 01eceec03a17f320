"""Which notebook a kernel belongs to now, after a rename.

jupyter_server gives a notebook's kernel ``JPY_SESSION_NAME`` (the notebook's absolute path)
once, when it starts the kernel; a rename or "Save as" moves the session to another path but
the kernel's variable stays. Grants are per notebook path, so a kernel must not keep the old
name: a new ``Untitled.ipynb`` would otherwise inherit the access of the notebook renamed away
from that name. The server (``kernel_env.py`` wraps the session manager's ``update_session``)
writes the new path to a small file in Jupyter's runtime directory named after the kernel's
id; the kernel, which knows its id from its connection file, reads it before
``JPY_SESSION_NAME``. The file holds a path only.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..credentials.atomic import atomic_write_json
from ..credentials.reading import read_json_file
from .answers import answers_dir

# jupyter_server's kernel ids are UUIDs; connection files are named kernel-<id>.json.
_KERNEL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CONNECTION_FILE = re.compile(r"kernel-(.+)\.json")


def _path(kernel_id: str) -> Path | None:
    if not _KERNEL_ID.fullmatch(kernel_id):
        return None
    return answers_dir() / f"kernel-{kernel_id}.notebook.json"


def remember(kernel_id: str, notebook: str) -> None:
    """The server's part: ``kernel_id`` now belongs to ``notebook`` (an absolute path)."""
    path = _path(kernel_id)
    if path is not None:
        atomic_write_json(path, {"notebook": notebook}, backup=False)


def current_notebook(kernel_id: str | None) -> str | None:
    """The kernel's part: the notebook the server last said it belongs to, if it said."""
    path = _path(kernel_id) if kernel_id else None
    data = read_json_file(path).data if path is not None else None
    notebook = data.get("notebook") if data else None
    return notebook if isinstance(notebook, str) and os.path.isabs(notebook) else None


def this_kernels_id() -> str | None:
    """This kernel's id, from the name of its connection file (None outside a kernel)."""
    try:
        from ipykernel.connect import get_connection_file

        found = _CONNECTION_FILE.fullmatch(os.path.basename(get_connection_file()))
    except Exception:  # noqa: BLE001 - not in a kernel, or an ipykernel without it
        return None
    return found.group(1) if found else None
