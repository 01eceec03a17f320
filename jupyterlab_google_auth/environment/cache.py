"""A small TTL cache that also shares one in-flight call among concurrent callers.

Used by the metadata probe and the gcloud detection: the first caller starts the work, callers
that arrive while it runs await the same task, and the result (positive or negative) is kept
for ``ttl`` seconds; :meth:`peek` looks at a kept result without starting anything. The event
loop is single-threaded, so looking up the in-flight table and adding a task cannot interleave
with another caller: the table plays the part of a lock, and unlike an ``asyncio.Lock`` it is
not bound to one event loop (tests use a loop per test).
Callers await the task through ``asyncio.shield``, so a caller that is cancelled (a browser that
went away) does not cancel the work for the others.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class SingleFlightCache(Generic[T]):
    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self._clock = clock
        self._results: dict[Hashable, tuple[float, T]] = {}
        self._inflight: dict[Hashable, asyncio.Task] = {}

    def clear(self) -> None:
        self._results.clear()

    def peek(self, key: Hashable) -> tuple[bool, T | None]:
        """``(True, value)`` when a fresh value is cached for ``key`` (a value may be
        ``None``: "absent" is an answer too), else ``(False, None)``; starts nothing."""
        cached = self._results.get(key)
        if cached is not None and cached[0] > self._clock():
            return True, cached[1]
        return False, None

    async def get(
        self, key: Hashable, make: Callable[[], Awaitable[T]], *, refresh: bool = False
    ) -> T:
        """The cached value for ``key``, else the result of ``make()`` (run once at a time)."""
        if not refresh:
            fresh, value = self.peek(key)
            if fresh:
                return value  # type: ignore[return-value]
        loop = asyncio.get_running_loop()
        task = self._inflight.get(key)
        if task is None or task.done() or task.get_loop() is not loop:
            task = loop.create_task(self._run(key, make))
            self._inflight[key] = task
        return await asyncio.shield(task)

    async def _run(self, key: Hashable, make: Callable[[], Awaitable[T]]) -> T:
        try:
            value = await make()
            self._results[key] = (self._clock() + self.ttl, value)
            return value
        finally:
            if self._inflight.get(key) is asyncio.current_task():
                del self._inflight[key]
