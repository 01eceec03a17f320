"""The MIME bundle ``userdata.get`` displays while it waits for Allow or Deny, and its updates.

JupyterLab renders the extension's type as a small prompt ("Allow this notebook to read
GEMINI_API_KEY?"); any other front end shows the text fallback, which says what to do there
(the Secrets panel's "Notebook access" switch also ends the wait). The bundle names the secret
and the notebook, never the value.
"""

from __future__ import annotations

import html
import os
import time
from typing import Any

MIME_TYPE = "application/vnd.google-auth.secret-request+json"
VERSION = 1


def _bundle(data: dict[str, Any], text: str) -> dict[str, Any]:
    return {
        MIME_TYPE: {"version": VERSION, **data},
        "text/plain": text,
        "text/html": f"<p>{html.escape(text)}</p>",
    }


def pending(request_id: str, name: str, notebook: str, timeout: float) -> dict[str, Any]:
    text = (
        f"This notebook ({os.path.basename(notebook)}) asks to read the secret {name}. "
        "Allow it with the prompt that JupyterLab shows here, or with the Secrets panel's "
        "Notebook access switch (the key icon in the left sidebar); interrupt the kernel to "
        "stop waiting."
    )
    return _bundle(
        {
            "request_id": request_id,
            "state": "pending",
            "name": name,
            "notebook": notebook,
            # Seconds since the epoch: a saved notebook reopened later shows no live prompt.
            "expires_at": time.time() + timeout,
        },
        text,
    )


def ended(request_id: str, name: str, state: str, message: str) -> dict[str, Any]:
    """``state``: ``allowed``, ``denied``, ``timeout`` or ``interrupted``."""
    return _bundle(
        {"request_id": request_id, "state": state, "name": name, "message": message}, message
    )
