"""The kernel side of the cell route (docs/ARCHITECTURE.md), importable without Jupyter server.

- ``authenticate()`` shows the sign-in panel in the cell's output and waits for the files.
- ``install()`` is what the front end runs, silently, when a notebook's kernel starts: it routes
  ``ee.Authenticate()`` to ``authenticate()``.
- ``follow()`` is what it runs after a sign-in, a sign-out or a project change.
- ``use_profile()`` / ``release_profile()``: a notebook bound to a profile, and unbound.
- ``%google_auth`` comes with ``%load_ext jupyterlab_google_auth``.

Only the standard library, the package's own pure modules (credential paths and reading,
scopes) and, lazily, IPython: importing this in a kernel costs milliseconds.
"""

from __future__ import annotations

from .authenticate import authenticate
from .binding import BindingTurnedOff, ProfileNotFound, bind, release_profile, use_profile
from .ee_route import install_ee_route
from .errors import (
    AuthenticationCancelled,
    AuthenticationError,
    AuthenticationFailed,
    AuthenticationTimeout,
)
from .fit import SignInSummary
from .follow import JsonResult, follow


def install() -> JsonResult:
    """Route ``ee.Authenticate()`` here; the front end reads the answer as JSON."""
    return JsonResult(installed=True, ee_wrapped=install_ee_route())


__all__ = [
    "AuthenticationCancelled",
    "AuthenticationError",
    "AuthenticationFailed",
    "AuthenticationTimeout",
    "BindingTurnedOff",
    "ProfileNotFound",
    "SignInSummary",
    "authenticate",
    "bind",
    "follow",
    "install",
    "release_profile",
    "use_profile",
]
