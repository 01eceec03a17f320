"""Profile names: what a name may be, and the name a new profile gets from its account.

A name is also the profile's directory name, so it must never be able to leave the profiles
directory (no separators, no leading dot) and must mean the same on case-insensitive file
systems (two names differing only in case are one name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import errors

MAX_CHARS = 64
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}")
_NOT_ALLOWED = re.compile(r"[^A-Za-z0-9._@+-]")
RULE = (
    "A profile name is 1 to 64 letters, digits, '.', '_', '@', '+' or '-', starting with a "
    "letter or digit (an e-mail address is fine), for example work or alice@example.com."
)


# A route's own word (POST profiles/impersonate) cannot name a profile.
RESERVED = ("impersonate",)


def validate(name: object) -> str:
    """``name`` when it is a valid profile name; ProfileError ``bad_profile_name`` otherwise."""
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name.endswith("."):
        raise errors.bad_name(RULE)
    if name.casefold() in RESERVED:
        raise errors.bad_name(f"{name!r} is a reserved word; choose another name.")
    return name


def same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def taken(name: str, existing: Iterable[str]) -> bool:
    return any(same(name, other) for other in existing)


def from_account(account: str | None, existing: Iterable[str], fallback: str = "profile") -> str:
    """A free name for a new profile: the account itself when it is a valid name, else its
    characters that are allowed; ``-2``, ``-3``... when it is taken."""
    existing = list(existing)
    base = _NOT_ALLOWED.sub("-", account or "").strip(".-_+@")[: MAX_CHARS - 4] or fallback
    if not _NAME.fullmatch(base):
        base = fallback
    name, n = base, 1
    while taken(name, existing):
        n += 1
        name = f"{base}-{n}"
    return name
