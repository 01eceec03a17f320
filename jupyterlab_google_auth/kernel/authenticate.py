"""``authenticate()``: show the sign-in panel in the cell's output and wait for the files.

The server writes the credentials; this side only watches the files (``fit.py``) and the
request's status file (``cell_status.py``, for a cancel or a failure), polling twice a second.
A kernel interrupt cancels the wait; the front end then closes the panel, which cancels the
server's flow.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from .. import cell_status
from .. import scopes as scope_lib
from ..credentials.paths import CredentialPaths, resolve_paths
from . import bundle
from .display import show, update
from .errors import (
    AuthenticationCancelled,
    AuthenticationError,
    AuthenticationFailed,
    AuthenticationTimeout,
)
from .fit import TARGETS, SignInSummary, check, ee_project, file_path, signature

POLL_SECONDS = 0.5
EE_PRESETS = ("earthengine", "earthengine-readonly")


def _request(
    preset: str | None, scopes: Sequence[str] | None, targets: Sequence[str] | None
) -> tuple[list[str], list[str]]:
    """(scopes to require, files to watch), with the errors a user can act on."""
    if preset is not None and preset not in scope_lib.PRESETS:
        raise ValueError(
            f"preset must be one of {', '.join(scope_lib.PRESETS)} (got {preset!r}); "
            "or pass scopes=[...] instead."
        )
    if scopes is not None and preset is not None:
        raise ValueError("Pass either preset or scopes, not both.")
    if isinstance(scopes, str):
        scopes = [scopes]
    try:
        wanted = (
            scope_lib.parse_scopes(list(scopes))
            if scopes is not None
            else list(scope_lib.PRESETS[preset or scope_lib.DEFAULT_PRESET])
        )
    except scope_lib.ScopeError as exc:
        raise ValueError(str(exc)) from None
    if targets is None:
        # The file the matching library reads: ee's own for Earth Engine, else ADC.
        ee_like = preset in EE_PRESETS or (preset is None and scope_lib.is_earthengine(wanted))
        watched = ["earthengine" if ee_like else "adc"]
    else:
        watched = list(dict.fromkeys([targets] if isinstance(targets, str) else targets))
        bad = [t for t in watched if t not in TARGETS]
        if bad or not watched:
            raise ValueError(f"targets must be a non-empty list of {' and '.join(TARGETS)}.")
    return scope_lib.required(wanted), watched


def authenticate(
    preset: str | None = None,
    scopes: Sequence[str] | None = None,
    targets: Sequence[str] | None = None,
    force: bool = False,
    project: str | None = None,
    timeout: float = 600,
    profile: str | None = None,
) -> SignInSummary:
    """Sign in to Google from a notebook cell, with the same panel as the Authenticate button.

    Returns at once when the credential files already fit (and ``force`` is false); otherwise
    shows the panel in this cell's output and waits until the server has written fitting
    files. ``preset`` is one of ``earthengine`` (default), ``earthengine-readonly``,
    ``gemini``, ``cloud``; or pass ``scopes``. ``targets`` chooses the files (``earthengine``,
    ``adc``). For Earth Engine, with no ``project`` passed and none in the files, the panel
    also asks for the project: the call returns once one is set, or without one when the user
    chooses "Skip for now". With ``profile``, this kernel uses that profile instead of the
    active one (binding.py: ``GOOGLE_APPLICATION_CREDENTIALS`` and ``ee.Initialize``); a
    profile this home does not have raises ProfileNotFound. Raises AuthenticationCancelled
    (Cancel, closing the panel, or a kernel interrupt), AuthenticationFailed (consent denied, a
    bad code...) or AuthenticationTimeout.
    """
    if not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ValueError("timeout must be a positive number of seconds.")
    if profile is not None:
        from .binding import use_profile

        bound = use_profile(profile)
        if bound["error"]:
            raise AuthenticationFailed(
                f"This kernel now uses the profile {profile!r}, but ee could not be "
                f"initialised with it: {bound['error']}",
                "ee_initialize",
            )
        return SignInSummary(bound["account"], project or _bound_project(), ("adc",), True)
    required, watched = _request(preset, scopes, targets)
    # A kernel bound to a profile (binding.py) signs into that profile: its files are the ones
    # to watch, and the panel writes there (the profile's project stays its own).
    bound, paths = _bound_paths()
    # ee.Initialize() needs a project: with no project= and none that ee would find in the
    # files, the panel's project step asks for one, and the cell waits for it (or for "Skip
    # for now").
    wants_project = project is None and "earthengine" in watched and bound is None
    if not force:
        found = check(paths, watched, required, project)
        if found is not None and (not wants_project or ee_project(paths)):
            return SignInSummary(
                found.account, found.project or ee_project(paths), found.targets, True
            )

    before = {t: signature(file_path(paths, t)) for t in watched}
    request_id = cell_status.new_request_id()
    handle = None
    deadline = time.monotonic() + timeout
    # Everything from showing the panel on is inside the try: an interrupt that lands as soon
    # as the panel shows still cancels cleanly.
    try:
        handle = show(
            bundle.pending(
                request_id,
                preset=preset,
                scopes=list(scopes) if scopes is not None and preset is None else None,
                targets=list(targets) if targets is not None else None,
                force=force,
                project=project,
                timeout=timeout,
                profile=bound,
            )
        )
        while True:
            fresh = not force or any(signature(file_path(paths, t)) != before[t] for t in watched)
            found = check(paths, watched, required, project) if fresh else None
            outcome = cell_status.read_outcome(request_id)
            skipped = outcome is not None and outcome["outcome"] == "skipped"
            if found is not None and (not wants_project or skipped or ee_project(paths)):
                found = replace(found, project=found.project or ee_project(paths))
                update(handle, bundle.done(request_id, found))
                return found
            if outcome is not None and not skipped:
                raise _error_from(outcome)
            if time.monotonic() >= deadline:
                raise AuthenticationTimeout(
                    f"No sign-in finished within {timeout:g} seconds. Run the cell again to "
                    "get a new sign-in panel (or pass a longer timeout=...).",
                    "timeout",
                )
            time.sleep(POLL_SECONDS)
    except KeyboardInterrupt:
        error: AuthenticationError = AuthenticationCancelled(
            "Sign-in cancelled: the kernel was interrupted.", "interrupted"
        )
        update(handle, bundle.ended(request_id, error.code, str(error)))
        raise error from None
    except AuthenticationError as exc:
        update(handle, bundle.ended(request_id, exc.code, str(exc)))
        raise
    finally:
        cell_status.discard(request_id)


def _bound_paths() -> tuple[str | None, CredentialPaths]:
    """(the profile this kernel is bound to, its files), or (None, the standard places) when
    it is not bound or its profile is the active one (then a sign-in is as any other)."""
    import os

    from .follow import BOUND_VARIABLE

    name = os.environ.get(BOUND_VARIABLE)
    if name:
        from ..profiles.errors import ProfileError
        from ..profiles.store import ProfileStore

        try:
            store = ProfileStore()
            found = store.find(name)
            if found != store.active():
                return found, store.files(found).paths
        except ProfileError:
            pass  # gone meanwhile: the server refuses the flow and says so
        return name, resolve_paths()
    return None, resolve_paths()


def _bound_project() -> str | None:
    import os

    return os.environ.get("GOOGLE_CLOUD_PROJECT")


def _error_from(outcome: dict[str, str]) -> AuthenticationError:
    message = outcome.get("message") or ""
    if outcome["outcome"] == "cancelled":
        return AuthenticationCancelled(
            "Sign-in cancelled in the panel. Run the cell again to sign in.", "cancelled"
        )
    code = outcome.get("code") or "failed"
    return AuthenticationFailed(
        f"Sign-in failed ({code}): {message or 'see the panel for details'}. "
        "Run the cell again to retry.",
        code,
    )
