"""The threads that wait on Google: a bounded pool of their own, with a cap per user.

A slow Google (a token endpoint taking 12 s, a listing taking 10 s) once filled the event loop's
shared executor, so routes that read only local state (environment, credentials, flows/<id>)
waited behind it. Every blocking call to Google now runs here instead; the local routes keep the
default executor. When the pool or the user's share of it is full, the request fails at once
with 503 ``busy`` rather than queueing behind calls that may hang until their deadline.

A slot is held until the thread really ends (not when the route stops waiting for it), so a
hung call keeps counting against the cap until its own deadline ends it.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from .errors import ServerError

T = TypeVar("T")
# Reading the credential files around the calls gets this much beyond the HTTP budget.
GRACE_SECONDS = 1.0


def busy(message: str) -> ServerError:
    return ServerError(503, "busy", message)


class GooglePool:
    def __init__(self, size: int, per_user: int) -> None:
        self.size = max(1, size)
        self.per_user = max(1, per_user)
        self._executor = ThreadPoolExecutor(self.size, thread_name_prefix="google-auth-call")
        self._lock = threading.Lock()
        self._running = 0
        self._by_user: Counter[str] = Counter()

    @property
    def running(self) -> int:
        return self._running

    def _take(self, user: str) -> None:
        with self._lock:
            if self._running >= self.size:
                raise busy(
                    f"This server is already waiting on Google for {self._running} calls; "
                    "Google may be slow right now."
                )
            if self._by_user[user] >= self.per_user:
                raise busy(
                    f"You already have {self._by_user[user]} calls to Google waiting; Google may "
                    "be slow right now."
                )
            self._running += 1
            self._by_user[user] += 1

    def _release(self, user: str) -> None:
        with self._lock:
            self._running -= 1
            self._by_user[user] -= 1
            if self._by_user[user] <= 0:
                del self._by_user[user]

    async def run(
        self,
        user: str,
        fn: Callable[[], T],
        timeout: float | None = None,
        on_timeout: Callable[[float], Exception] | None = None,
    ) -> T:
        """``fn()`` on a pool thread; 503 ``busy`` at once when no slot is free. With
        ``timeout``, stop waiting after ``timeout`` + grace seconds and raise ``on_timeout``."""
        self._take(user)
        try:
            future: Future[T] = self._executor.submit(fn)
        except BaseException:
            self._release(user)
            raise
        future.add_done_callback(lambda _f: self._release(user))
        waiting = asyncio.wrap_future(future)
        if timeout is None:
            return await waiting
        try:
            return await asyncio.wait_for(asyncio.shield(waiting), timeout + GRACE_SECONDS)
        except asyncio.TimeoutError:
            if on_timeout is None:
                raise ServerError(
                    504, "endpoint_timeout", f"Google did not answer within {timeout:g} seconds."
                ) from None
            raise on_timeout(timeout) from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
