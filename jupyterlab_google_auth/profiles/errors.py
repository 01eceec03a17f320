"""The errors of the profile routes: one ServerError subclass, one constructor per refusal."""

from __future__ import annotations

from ..errors import ServerError
from ..text import short


class ProfileError(ServerError):
    """A profile request refused; ``code`` is one of the profile codes in names.ERROR_CODES."""


def _shown(name: object) -> str:
    return repr(short(name, 64) or "")


def bad_name(message: str) -> ProfileError:
    return ProfileError(400, "bad_profile_name", message)


def unknown(name: object) -> ProfileError:
    return ProfileError(404, "unknown_profile", f"There is no profile named {_shown(name)} here.")


def exists(name: str) -> ProfileError:
    return ProfileError(409, "profile_exists", f"A profile named {name!r} exists already.")


def too_many(limit: int) -> ProfileError:
    return ProfileError(
        409, "too_many_profiles", f"This home holds the most profiles allowed here ({limit})."
    )


def active(name: str) -> ProfileError:
    return ProfileError(
        409, "profile_active", f"{name!r} is the active profile: switch to another one first."
    )
