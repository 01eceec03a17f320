"""Colab-compatible secrets in a kernel: ``from jupyterlab_google_auth import userdata``.

``userdata.get("GEMINI_API_KEY")`` returns the value stored in the Secrets panel when this
notebook was granted access to it. For a notebook not granted yet, the cell's output shows a
prompt (``secrets/prompt.py``) and the call waits: Allow returns the value, Deny or the timeout
raise ``NotebookAccessError``, an interrupt stops it. An unknown name raises
``SecretNotFoundError``, as Colab's ``google.colab.userdata`` does.

The kernel reads the store file itself (``secrets/store.py``): the kernel runs as the same user
as the server, so the grant protects against accidents (a shared notebook quietly reading a
key), not against code the user chooses to run. The notebook is the one jupyter_server started
this kernel for (``JPY_SESSION_NAME``). No server imports: this loads in milliseconds.
"""

from __future__ import annotations

import os
import secrets as _random
import time
from typing import Any

from .kernel.display import show, update
from .kernel.follow import JsonResult
from .secrets import answers, prompt, published_policy, sessions
from .secrets.store import SecretStore, StoreUnreadable, notebook_key
from .secrets.validation import NAME_PATTERN

POLL_SECONDS = 0.25
DEFAULT_TIMEOUT = 300.0


class SecretNotFoundError(Exception):
    """No secret of that name is stored."""


class NotebookAccessError(Exception):
    """This notebook may not read the secret: denied, not answered in time, or no notebook."""


def get(key: str, *, timeout: float = DEFAULT_TIMEOUT) -> str:
    """The secret ``key`` for this notebook; asks the user first when it was not granted."""
    if not isinstance(key, str) or not NAME_PATTERN.fullmatch(key):
        raise SecretNotFoundError(
            f"{key!r} is not a secret's name: names are written like environment variables "
            "(GEMINI_API_KEY)."
        )
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ValueError("timeout must be a positive number of seconds.")
    refused = published_policy.refusal(key)
    if refused:
        raise NotebookAccessError(refused)
    store = SecretStore()
    if _read(store, lambda: store.value(key)) is None:
        raise SecretNotFoundError(
            f"No secret named {key}. Add it in the Secrets panel (the key icon in JupyterLab's "
            "left sidebar)."
        )
    notebook = _notebook()
    if not _read(store, lambda: store.granted(notebook, key)):
        _ask(store, key, notebook, timeout)
    value = _read(store, lambda: store.value(key))
    if value is None:  # deleted while the prompt was up
        raise SecretNotFoundError(f"The secret {key} was deleted from the Secrets panel.")
    return value


def sync_environment() -> JsonResult:
    """Set this notebook's granted "set in kernels" secrets as environment variables, and
    remove those no longer granted (only where the variable still holds the stored value, so a
    variable the user set by hand stays). The names changed, never a value; the front end runs
    it silently after a change in the Secrets panel (as JSON: ``JsonResult``)."""
    store = SecretStore()
    try:
        notebook = _notebook()
    except NotebookAccessError:
        return JsonResult(set=[], removed=[])
    data = _read(store, store.read)
    wanted = {
        name: value
        for name, value in _read(store, lambda: store.kernel_environment(notebook)).items()
        if published_policy.refusal(name) is None
    }
    changed = JsonResult(set=[], removed=[])
    for name, entry in data["secrets"].items():
        if not isinstance(entry, dict):
            continue
        if name in wanted:
            if os.environ.get(name) != wanted[name]:
                os.environ[name] = wanted[name]
                changed["set"].append(name)
        elif os.environ.get(name) is not None and os.environ.get(name) == entry.get("value"):
            del os.environ[name]
            changed["removed"].append(name)
    return changed


def _notebook() -> str:
    """The notebook this kernel belongs to now: after a rename, what the server last said
    (``secrets/sessions.py``), else what it gave the kernel at start (``JPY_SESSION_NAME``)."""
    renamed = sessions.current_notebook(sessions.this_kernels_id())
    if renamed:
        return renamed
    session = os.environ.get("JPY_SESSION_NAME", "")
    if not session:
        raise NotebookAccessError(
            "This kernel was not started for a notebook (it has no JPY_SESSION_NAME), so no "
            "notebook can be granted access. Run the code in a notebook opened in JupyterLab."
        )
    return notebook_key(session)


def _read(store: SecretStore, fn: Any) -> Any:
    try:
        return fn()
    except StoreUnreadable as exc:
        raise NotebookAccessError(str(exc)) from None


def _ask(store: SecretStore, key: str, notebook: str, timeout: float) -> None:
    """Show the prompt and wait for Allow (return), Deny or the timeout (raise)."""
    request_id = _random.token_hex(16)
    deadline = time.monotonic() + timeout
    handle = None
    try:
        handle = show(prompt.pending(request_id, key, notebook, timeout))
        while True:
            answer = answers.read_answer(request_id)
            if answer == "deny":
                raise _ended(handle, request_id, key, "denied", _denied(key))
            if answer == "allow" or _read(store, lambda: store.granted(notebook, key)):
                sync_environment()
                update(
                    handle,
                    prompt.ended(request_id, key, "allowed", f"This notebook may read {key}."),
                )
                return
            if time.monotonic() >= deadline:
                raise _ended(
                    handle,
                    request_id,
                    key,
                    "timeout",
                    f"No answer within {timeout:g} seconds: this notebook may not read {key}. "
                    "Run the cell again to be asked again.",
                )
            time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        update(
            handle,
            prompt.ended(request_id, key, "interrupted", f"Stopped waiting for access to {key}."),
        )
        raise
    finally:
        answers.discard(request_id)


def _denied(key: str) -> str:
    return (
        f"Access to {key} was denied for this notebook. To allow it later, turn on Notebook "
        "access in the Secrets panel (the key icon in the left sidebar), or run the cell again."
    )


def _ended(handle: Any, request_id: str, key: str, state: str, message: str) -> Exception:
    update(handle, prompt.ended(request_id, key, state, message))
    return NotebookAccessError(message)


__all__ = ["NotebookAccessError", "SecretNotFoundError", "get", "sync_environment"]
