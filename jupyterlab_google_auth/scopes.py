"""Scope presets and the checks on a scopes list sent by the panel.

Presets are the docs/ARCHITECTURE.md lists; Earth Engine's is exactly what ``ee.Authenticate``
requests today. The identity scopes (``openid``, ``userinfo.email``) are added to every request so
the account can be shown; they are never required for "already signed in".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

GOOGLE = "https://www.googleapis.com/auth/"
OPENID = "openid"
EMAIL = GOOGLE + "userinfo.email"
PROFILE = GOOGLE + "userinfo.profile"
IDENTITY_SCOPES = (OPENID, EMAIL)

EARTHENGINE_SCOPES = frozenset({GOOGLE + "earthengine", GOOGLE + "earthengine.readonly"})

PRESETS: dict[str, tuple[str, ...]] = {
    "earthengine": (
        GOOGLE + "earthengine",
        GOOGLE + "cloud-platform",
        GOOGLE + "drive",
        GOOGLE + "devstorage.full_control",
    ),
    "earthengine-readonly": (
        GOOGLE + "earthengine.readonly",
        GOOGLE + "cloud-platform.read-only",
        GOOGLE + "devstorage.read_only",
    ),
    "gemini": (GOOGLE + "cloud-platform", GOOGLE + "generative-language.retriever"),
    "cloud": (GOOGLE + "cloud-platform",),
}
DEFAULT_PRESET = "earthengine"

MAX_SCOPES = 30
MAX_SCOPE_CHARS = 256
# Google's short aliases, as its authorization endpoint accepts them.
_ALIASES = {"email": EMAIL, "profile": PROFILE}
_BARE_NAME = re.compile(r"^[a-z][a-z0-9._-]*$")  # "cloud-platform" -> GOOGLE + "cloud-platform"
_URL_SCOPE = re.compile(r"^https://[A-Za-z0-9.-]+/[A-Za-z0-9._~:/-]*$")


class ScopeError(ValueError):
    """The scopes list is not usable; the message names the offending entry."""


def normalize(scope: str) -> str:
    """The long form Google grants for ``scope`` (aliases and bare names expanded)."""
    if scope in _ALIASES:
        return _ALIASES[scope]
    if scope != OPENID and _BARE_NAME.fullmatch(scope):
        return GOOGLE + scope
    return scope


def parse_scopes(value: object) -> list[str]:
    """Validate a list sent by the panel; returns it normalised, order kept, no duplicates."""
    if not isinstance(value, list) or not value:
        raise ScopeError("scopes must be a non-empty list of scope strings.")
    if len(value) > MAX_SCOPES:
        raise ScopeError(f"At most {MAX_SCOPES} scopes can be requested at once.")
    out: dict[str, None] = {}
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ScopeError("Every scope must be a non-empty string.")
        scope = item.strip()
        if len(scope) > MAX_SCOPE_CHARS:
            raise ScopeError(f"A scope is longer than {MAX_SCOPE_CHARS} characters.")
        scope = normalize(scope)
        if scope != OPENID and not _URL_SCOPE.fullmatch(scope):
            raise ScopeError(
                f"{scope!r} is not a Google OAuth scope; use a full scope such as "
                f"{GOOGLE}cloud-platform."
            )
        out.setdefault(scope, None)
    return list(out)


def with_identity(scopes: Iterable[str]) -> list[str]:
    """``scopes`` plus openid and userinfo.email, so the account can be named."""
    out = dict.fromkeys(scopes)
    for scope in IDENTITY_SCOPES:
        out.setdefault(scope, None)
    return list(out)


def required(scopes: Iterable[str]) -> list[str]:
    """The scopes that matter for "already signed in" (identity scopes left out)."""
    return [s for s in scopes if s not in (OPENID, EMAIL, PROFILE)]


def is_earthengine(scopes: Iterable[str]) -> bool:
    return any(s in EARTHENGINE_SCOPES for s in scopes)


def missing(requested: Iterable[str], granted: Iterable[str]) -> list[str]:
    """Requested scopes (identity ones left out) that are not in the granted list."""
    have = {normalize(s) for s in granted}
    return [s for s in required(requested) if normalize(s) not in have]
