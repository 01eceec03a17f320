"""The MIME bundle a waiting ``authenticate()`` displays, and its updates when it ends.

JupyterLab renders the extension's own type with the auth panel; any other front end shows the
text/html or text/plain fallback, which says what to do there. The bundle carries the request
(preset, scopes, files, force, project) and the id the server names its status file after;
never a token, a code or a client secret.
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from typing import Any

from .fit import SignInSummary

MIME_TYPE = "application/vnd.google-auth.signin+json"
VERSION = 1

_PENDING_TEXT = (
    "Google sign-in is waiting. This output is shown by the jupyterlab-google-auth extension "
    "in JupyterLab or Notebook 7; in this front end it cannot show the sign-in panel. "
    "Sign in another way (the Authenticate button in JupyterLab, `earthengine authenticate` or "
    "`gcloud auth application-default login` in a terminal on the kernel's host), and this cell "
    "continues by itself once the credential files are written. Interrupt the kernel to stop "
    "waiting."
)


def pending(
    request_id: str,
    *,
    preset: str | None,
    scopes: Sequence[str] | None,
    targets: Sequence[str] | None,
    force: bool,
    project: str | None,
    timeout: float,
    profile: str | None = None,
) -> dict[str, Any]:
    data = {
        "version": VERSION,
        "request_id": request_id,
        "state": "pending",
        "preset": preset,
        "scopes": list(scopes) if scopes else None,
        "targets": list(targets) if targets else None,
        "force": force,
        "project": project,
        # A kernel bound to a profile: the sign-in goes into that profile (a name, no secret).
        "profile": profile,
        # Seconds since the epoch: a saved notebook reopened later must not show a live panel.
        "expires_at": time.time() + timeout,
    }
    return {
        MIME_TYPE: data,
        "text/plain": _PENDING_TEXT,
        "text/html": f"<p>{html.escape(_PENDING_TEXT)}</p>",
    }


def done(request_id: str, summary: SignInSummary) -> dict[str, Any]:
    text = f"Signed in to Google: {summary!r}"
    return {
        MIME_TYPE: {
            "version": VERSION,
            "request_id": request_id,
            "state": "done",
            "account": summary.account,
            "project": summary.project,
            "targets": list(summary.targets),
        },
        "text/plain": text,
        "text/html": f"<p>{html.escape(text)}</p>",
    }


def ended(request_id: str, reason: str, message: str) -> dict[str, Any]:
    return {
        MIME_TYPE: {
            "version": VERSION,
            "request_id": request_id,
            "state": "ended",
            "reason": reason,
            "message": message,
        },
        "text/plain": message,
        "text/html": f"<p>{html.escape(message)}</p>",
    }
