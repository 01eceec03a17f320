"""How a kernel waiting in ``authenticate()`` learns that its sign-in ended without credentials.

Success needs no message: the kernel watches the credential files. A cancel (the panel's Cancel
or close button) or a failure (consent denied, a bad code) leaves no file behind, so the front
end tells the server (``POST google-auth/cell-requests/<id>``) and the server writes a small
status file named after the request id the kernel chose. It holds only the outcome, an error
code and a plain message: never a token or a code. The kernel cannot be told through a comm
because its shell channel is busy running the very cell that waits.

Both sides run on the kernel host and share Jupyter's runtime directory (kernels inherit the
server's environment). Pure standard library plus jupyter_core, so a kernel can import it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from . import ids
from .credentials.atomic import atomic_write_json
from .credentials.reading import read_json_file
from .ids import is_id

# "skipped": signed in, but the user skipped the project step (the kernel returns then).
OUTCOMES = ("cancelled", "failed", "skipped")
MAX_MESSAGE_CHARS = 500
MAX_CODE_CHARS = 64


class BadOutcome(ValueError):
    """What the front end sent cannot be stored; the message says which field."""


def status_dir() -> Path:
    from jupyter_core.paths import jupyter_runtime_dir

    return Path(jupyter_runtime_dir()) / "google-auth-cell"


def new_request_id() -> str:
    return secrets.token_hex(16)


def status_path(request_id: str) -> Path:
    if not is_id(ids.REQUEST_ID, request_id):
        raise BadOutcome("The request id must be 32 lowercase hexadecimal characters.")
    return status_dir() / f"{request_id}.json"


def parse_outcome(body: dict[str, Any]) -> dict[str, str]:
    """The stored record: ``{outcome, code?, message?}``, each checked and length-capped."""
    outcome = body.get("outcome")
    if outcome not in OUTCOMES:
        raise BadOutcome(f"outcome must be one of {', '.join(OUTCOMES)}.")
    record = {"outcome": outcome}
    code = body.get("code")
    if code is not None:
        if not isinstance(code, str) or len(code) > MAX_CODE_CHARS or not is_id(ids.CODE, code):
            raise BadOutcome("code must be a short snake_case error code.")
        record["code"] = code
    message = body.get("message")
    if message is not None:
        if not isinstance(message, str):
            raise BadOutcome("message must be a string.")
        record["message"] = message[:MAX_MESSAGE_CHARS]
    return record


def write_outcome(request_id: str, body: dict[str, Any]) -> Path:
    """Validate and store the outcome (0600, atomic; no backup: it is not a credential)."""
    path = status_path(request_id)
    atomic_write_json(path, parse_outcome(body), backup=False)
    return path


def read_outcome(request_id: str) -> dict[str, str] | None:
    found = read_json_file(status_path(request_id))
    data = found.data
    if not data or data.get("outcome") not in OUTCOMES:
        return None
    return {k: v for k, v in data.items() if isinstance(v, str)}


def discard(request_id: str) -> None:
    try:
        os.unlink(status_path(request_id))
    except OSError:
        pass
