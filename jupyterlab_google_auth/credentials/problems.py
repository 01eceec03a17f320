"""The shape of a problem in the credential report: a stable code and a plain sentence."""

from __future__ import annotations

from typing import TypedDict


class Problem(TypedDict):
    """``code`` is stable for the front end; ``message`` says what is wrong and what to do."""

    code: str
    message: str


def problem(code: str, message: str) -> Problem:
    """Build a problem entry (a function so call sites stay one line)."""
    return {"code": code, "message": message}
