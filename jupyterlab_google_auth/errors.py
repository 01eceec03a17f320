"""The one error shape of the server API: an HTTP status, a stable code, a message, a help.

Every error a route answers is a :class:`ServerError` (or a subclass kept for the package that
raises it: ``FlowError``, ``GoogleCallError``); the base handler renders it as
``{code, message, help}`` with its status. The help sentence for a code lives in ``help.py``
(used when the raiser gives none); codes are listed in ``names.ERROR_CODES``.
"""

from __future__ import annotations

from .help import HELP


class ServerError(Exception):
    """A failure the panel shows: status, stable code, plain message, next step."""

    def __init__(self, status: int, code: str, message: str, help: str | None = None) -> None:  # noqa: A002
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.help = HELP.get(code, "") if help is None else help

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "help": self.help}


def turned_off(message: str) -> ServerError:
    """The administrator's policy refused (policy.py words the message)."""
    return ServerError(403, "turned_off", message)
