"""What every API handler shares: the Jupyter-user check, JSON errors, and the settings."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from jupyter_server.base.handlers import APIHandler

from ..config import GoogleAuth
from ..errors import ServerError, turned_off
from ..projects.http import timed_out
from ..state import ServerState
from .owner import flow_owner

T = TypeVar("T")

# Resource name for Jupyter's authorizer (`@authorized` checks "<action>" on it).
AUTH_RESOURCE = "google-auth"

# Request bodies larger than this are refused: nothing in this API needs more
# (a service-account key is ~2.5 kB, a client_secret.json under 1 kB).
MAX_BODY_BYTES = 64 * 1024

# Longest integer literal a body may hold. Python refuses to convert integers past 4,300
# digits (a ValueError while parsing); nothing in this API needs more than a few digits.
MAX_INT_DIGITS = 100


class _NumberTooLong(ValueError):
    pass


def _bounded_int(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        raise _NumberTooLong
    return int(literal)


# The one error class the routes raise (errors.py); kept under the handlers' old name.
ApiError = ServerError


class GoogleAuthHandler(APIHandler):
    """Base of every authenticated route of the extension."""

    auth_resource = AUTH_RESOURCE

    @property
    def google_auth(self) -> GoogleAuth:
        return self.settings["google_auth"]

    @property
    def state(self) -> ServerState:
        """Per-server objects shared by handlers (probe caches, flow registry, Google pool)."""
        return self.settings["google_auth_state"]

    @property
    def user_key(self) -> str:
        """Whose calls and flows these are (see owner.py)."""
        return flow_owner(self) or ""

    async def google(self, fn: Callable[[], T], timeout: float | None = None) -> T:
        """A blocking call to Google, in the Google pool under this user's cap (503 when full),
        bounded by ``timeout`` (+ grace) when given (then ``google_unavailable``)."""
        return await self.state.google.run(self.user_key, fn, timeout, on_timeout=timed_out)

    def refuse_if(self, refusal: str | None) -> None:
        """Answer 403 ``turned_off`` with the administrator policy's sentence (policy.py)."""
        if refusal:
            raise turned_off(refusal)

    def json_body(self) -> dict[str, Any]:
        raw = self.request.body or b""
        if len(raw) > MAX_BODY_BYTES:
            raise ApiError(413, "too_large", "The request body is too large.")
        try:
            data = json.loads(raw.decode("utf-8") or "{}", parse_int=_bounded_int)
        except _NumberTooLong:
            raise ApiError(
                400,
                "bad_json",
                f"The request body holds a number longer than {MAX_INT_DIGITS} digits.",
                "Send the value as a shorter number or as a string.",
            ) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, "bad_json", f"The request body is not valid JSON: {exc}.") from exc
        except RecursionError:  # "[[[[..." deeper than the json module recurses
            raise ApiError(400, "bad_json", "The request body is nested too deeply.") from None
        if not isinstance(data, dict):
            raise ApiError(400, "bad_json", "The request body must be a JSON object.")
        return data

    def write_json(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data))

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """A ServerError is an answer, not a crash: one line, no traceback (5xx at warning)."""
        if isinstance(value, ServerError):
            log = self.log.warning if value.status >= 500 else self.log.debug
            log(
                "google-auth: %s %s -> %s %s",
                self.request.method,
                self.request.path,
                value.status,
                value.code,
            )
            return
        super().log_exception(typ, value, tb)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Errors as `{code, message, help}` JSON; never a traceback or HTML."""
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, ServerError):
            self.set_status(exc.status)
            body = exc.to_json()
        else:
            reason = self._reason if status_code != 500 else "Internal server error"
            body = {"code": f"http_{status_code}", "message": reason, "help": ""}
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps(body))
