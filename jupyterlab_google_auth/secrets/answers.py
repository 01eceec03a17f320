"""How a kernel waiting in ``userdata.get`` learns the user's Allow or Deny.

The same channel as the cell's sign-in (``cell_status.py``): the kernel's shell is busy running
the cell that waits, so no comm can reach it; the front end posts the answer to the server
(``POST google-auth/secrets/requests/<id>``), which records the grant (for Allow) and then
writes a small status file named after the request id the kernel chose, in Jupyter's runtime
directory. The file holds only the answer, never a value.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import ids
from ..credentials.atomic import atomic_write_json
from ..credentials.reading import read_json_file
from ..ids import is_id
from ..names import SECRET_ANSWERS
from .errors import SecretError

ANSWERS = SECRET_ANSWERS


def answers_dir() -> Path:
    from jupyter_core.paths import jupyter_runtime_dir

    return Path(jupyter_runtime_dir()) / "google-auth-secrets"


def answer_path(request_id: str) -> Path:
    if not isinstance(request_id, str) or not is_id(ids.REQUEST_ID, request_id):
        raise SecretError("bad_id", "The request id must be 32 lowercase hexadecimal characters.")
    return answers_dir() / f"{request_id}.json"


def check_answer(answer: object) -> str:
    if answer not in ANSWERS:
        raise SecretError("bad_answer", 'answer is "allow" or "deny".')
    return str(answer)


def write_answer(request_id: str, answer: str) -> None:
    atomic_write_json(answer_path(request_id), {"answer": check_answer(answer)}, backup=False)


def read_answer(request_id: str) -> str | None:
    data = read_json_file(answer_path(request_id)).data
    answer = data.get("answer") if data else None
    return answer if answer in ANSWERS else None


def discard(request_id: str) -> None:
    try:
        os.unlink(answer_path(request_id))
    except OSError:
        pass
