"""The one time budget shared by the calls of one operation (a code exchange, a listing).

``remaining(what)`` answers the seconds left, or raises the operation's own timeout error: the
flows answer ``endpoint_timeout`` (504), the project routes ``google_unavailable`` (502); each
passes its factory. Without one, ``endpoint_timeout`` naming ``what``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from .errors import ServerError


def _default_expired(what: str, seconds: float) -> ServerError:
    return ServerError(
        504, "endpoint_timeout", f"{what} did not answer within {seconds:g} seconds."
    )


class Deadline:
    def __init__(
        self,
        seconds: float,
        expired: Callable[[str, float], Exception] = _default_expired,
    ) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._expired = expired

    def remaining(self, what: str = "Google") -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise self._expired(what, self.seconds)
        return left
