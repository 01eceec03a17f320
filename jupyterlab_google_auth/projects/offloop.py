"""Run blocking local work (reading and moving credential files) off the event loop, with a limit.

Calls to Google do not come here: they run in the Google pool (google_pool.py, through
``GoogleAuthHandler.google``), so a hanging Google never holds the default executor's threads.
"""

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
