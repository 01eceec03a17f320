"""Run the blocking Google calls of this package off the server's event loop, with a limit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from .http import timed_out

T = TypeVar("T")

# Reading the credential files around the calls gets this much beyond the HTTP budget.
GRACE_SECONDS = 1.0


async def call_off_loop(fn: Callable[[], T], timeout: float) -> T:
    """``fn()`` in the default executor; ``google_unavailable`` once ``timeout`` (+ grace) s
    have passed (the thread then finishes on its own; its own deadline ends it soon after)."""
    future = asyncio.get_running_loop().run_in_executor(None, fn)
    try:
        return await asyncio.wait_for(future, timeout + GRACE_SECONDS)
    except asyncio.TimeoutError:
        raise timed_out(timeout) from None
