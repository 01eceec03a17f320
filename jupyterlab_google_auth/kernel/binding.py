"""A notebook bound to a profile: this kernel uses that profile, not the active one.

``authenticate(profile="bob")`` / ``%google_auth --profile bob`` (and the front end, for a
notebook whose metadata names a profile) run :func:`use_profile`:

- ``GOOGLE_APPLICATION_CREDENTIALS`` points to the profile's ADC file, which works alone, so
  ``google.auth.default()`` and every Cloud client in this kernel act as that profile;
- ``ee.Initialize`` is wrapped so that a call without credentials gets the profile's (Earth
  Engine would otherwise read its standard file first, the active profile's) and, without a
  project, the profile's project; where ``ee`` is initialised already it is initialised again
  the same way, keeping its URL.

The binding holds a profile *name*; the files stay where the server keeps them. Standard
library and the package's pure modules only; google-auth and ee are imported when used.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import AuthenticationError
from .follow import BINDING_OFF_VARIABLE, BOUND_VARIABLE, PROJECT_VARIABLES, JsonResult, follow

EE_SCOPES = (
    "https://www.googleapis.com/auth/earthengine",
    "https://www.googleapis.com/auth/cloud-platform",
)
_WRAPPED = "__google_auth_profile__"
# The variables a binding sets, as they were before the first one: release_profile puts them back.
_SET_BY_BINDING = ("GOOGLE_APPLICATION_CREDENTIALS", BOUND_VARIABLE, *PROJECT_VARIABLES)
_before: dict[str, str | None] | None = None


class BindingTurnedOff(AuthenticationError):
    """The administrator turned notebook binding off (GoogleAuth.allow_notebook_binding)."""


class ProfileNotFound(AuthenticationError):
    """The notebook names a profile this home does not have."""


@dataclass(frozen=True)
class Bound:
    name: str
    account: str | None
    project: str | None
    adc: Path


def find_profile(name: str) -> Bound:
    """The profile's files and description; ProfileNotFound (says what to do) when absent."""
    from ..profiles.describe import describe
    from ..profiles.errors import ProfileError
    from ..profiles.naming import validate
    from ..profiles.store import ProfileStore, read_identity

    try:
        validate(name)
        store = ProfileStore()
        found = store.find(name)
    except ProfileError as exc:
        raise ProfileNotFound(
            f"{exc.message} Add it from the Google account menu in the status bar (Add "
            "account), or run authenticate() to sign in here.",
            exc.code,
        ) from None
    files = store.files(found)
    seen = describe(read_identity(files))
    if seen.kind in (None, "ambient"):
        raise ProfileNotFound(
            f"The profile {found!r} has no credential file a notebook can use "
            f"({'the runtime account' if seen.kind else 'it is signed out'}). Switch to it "
            "from the status bar instead, or sign in to it again.",
            "profile_signed_out",
        )
    return Bound(found, seen.account, seen.project, files.paths.adc)


def _credentials(bound: Bound) -> Any:
    import google.auth

    creds, _ = google.auth.load_credentials_from_file(str(bound.adc), scopes=list(EE_SCOPES))
    return creds


def _wrap_ee(ee: Any, bound: Bound) -> None:
    original = getattr(ee.Initialize, _WRAPPED, None) or ee.Initialize

    def Initialize(credentials: Any = "persistent", *args: Any, **kwargs: Any) -> Any:  # noqa: N802
        if credentials in (None, "persistent"):
            credentials = _credentials(bound)
        if kwargs.get("project") is None:
            kwargs["project"] = bound.project
        return original(credentials, *args, **kwargs)

    setattr(Initialize, _WRAPPED, original)
    Initialize.__doc__ = original.__doc__
    ee.Initialize = Initialize


def use_profile(name: str) -> JsonResult:
    """Bind this kernel to the profile ``name``; what changed, as JSON for the front end."""
    global _before
    refusal = os.environ.get(BINDING_OFF_VARIABLE)
    if refusal:
        raise BindingTurnedOff(
            f"{refusal} This notebook uses the active Google account.", "turned_off"
        )
    bound = find_profile(name)
    if _before is None:
        _before = {variable: os.environ.get(variable) for variable in _SET_BY_BINDING}
    os.environ["GOOGLE_APPLICATION_CREDENTIALS"] = str(bound.adc)
    os.environ[BOUND_VARIABLE] = bound.name  # follow() leaves a bound kernel as it is
    for variable in PROJECT_VARIABLES:
        if bound.project:
            os.environ[variable] = bound.project
        else:
            os.environ.pop(variable, None)
    result = JsonResult(
        profile=bound.name, account=bound.account, project=bound.project, ee=False, error=None
    )
    ee = sys.modules.get("ee")
    if ee is None:
        try:
            import ee  # noqa: PLC0415 - only to wrap Initialize before the user calls it
        except ImportError:
            return result
    _wrap_ee(ee, bound)
    data = getattr(ee, "data", None)
    if data is not None and data.is_initialized():
        url = data._get_state().cloud_api_base_url
        ee.Reset()
        result["ee"] = True
        try:
            ee.Initialize(url=url)
        except Exception as exc:  # noqa: BLE001 - reported to the caller
            result["error"] = str(exc).splitlines()[0][:300]
    return result


def bind(name: str) -> JsonResult:
    """What the front end runs silently for a notebook whose metadata names ``name``:
    :func:`use_profile`, with a refusal as an answer (its code and words) instead of an
    exception, so that the front end can say what to do."""
    try:
        return use_profile(name)
    except AuthenticationError as exc:
        return JsonResult(profile=None, code=exc.code, message=str(exc))


def release_profile(project: str | None = None, signed_in: bool = True) -> JsonResult:
    """Undo :func:`use_profile`: the variables as they were before, ``ee.Initialize`` as ee
    has it, and from now on this kernel follows the active profile (``follow``), starting
    now with its ``project`` where ee was initialised."""
    global _before
    was = os.environ.get(BOUND_VARIABLE)
    for variable, value in (_before or {}).items():
        if value is None:
            os.environ.pop(variable, None)
        else:
            os.environ[variable] = value
    os.environ.pop(BOUND_VARIABLE, None)
    _before = None
    ee = sys.modules.get("ee")
    original = getattr(getattr(ee, "Initialize", None), _WRAPPED, None)
    if original is not None:
        ee.Initialize = original
    result = follow(project=project, signed_in=signed_in)
    result["released"] = was
    return result
