"""Why ``authenticate()`` ended without credentials; ``code`` is the panel's error code."""

from __future__ import annotations


class AuthenticationError(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class AuthenticationCancelled(AuthenticationError):
    """Cancel or close in the panel, or a kernel interrupt."""


class AuthenticationFailed(AuthenticationError):
    """The sign-in failed: consent denied, an expired or wrong code, Google refused."""


class AuthenticationTimeout(AuthenticationError, TimeoutError):
    """Nobody finished the sign-in in time."""
