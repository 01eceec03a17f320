"""The credential report for GET credentials, without waiting on a hanging Google.

The report itself reads only local files. Whether a stored sign-in still refreshes is asked of
Google's token endpoint (validity.py), in the Google pool (google_pool.py), never inline:

- a result in the cache (fresh, or stale: older than its minute) is reported at once; a stale
  one is refreshed in the background, so the next report has it;
- a sign-in never checked yet (just written) is checked now, waiting at most ``first_wait``
  seconds; past that, or when the pool is full, it is reported as not checked (``valid: null``)
  and the check goes on in the background.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import ServerError
from .report import describe_sources
from .store import CredentialStore
from .validity import CheckResult, check_refresh, peek

FIRST_WAIT = 2.0
NOT_CHECKED: CheckResult = {"valid": None, "error": "unreachable", "account": None, "scopes": None}


async def checked_report(
    store: CredentialStore,
    *,
    token_uri: str,
    timeout: float,
    metadata: Mapping[str, Any] | None,
    on_google: Callable[[Callable[[], Any]], Any],
    first_wait: float = FIRST_WAIT,
) -> dict[str, Any]:
    """``on_google(fn)`` is a coroutine running ``fn`` in the Google pool (it may raise 503)."""
    unchecked: list[Mapping[str, Any]] = []
    stale: list[Mapping[str, Any]] = []

    def from_cache(info: Mapping[str, Any], token_uri: str) -> CheckResult:
        result, fresh = peek(info, token_uri)
        if result is None:
            unchecked.append(info)
            return NOT_CHECKED
        if not fresh:
            stale.append(info)
        return result

    def report() -> dict[str, Any]:
        return describe_sources(store, token_uri=token_uri, metadata=metadata, check=from_cache)

    answer = await asyncio.to_thread(report)
    for info in stale:
        _start(on_google, info, token_uri, timeout)
    first = [_start(on_google, info, token_uri, timeout) for info in unchecked]
    if first:
        await asyncio.wait(first, timeout=first_wait)
        unchecked.clear()
        stale.clear()
        answer = await asyncio.to_thread(report)
    return answer


def _start(
    on_google: Callable[[Callable[[], Any]], Any],
    info: Mapping[str, Any],
    token_uri: str,
    timeout: float,
) -> asyncio.Task[Any]:
    async def run() -> None:
        try:
            await on_google(lambda: check_refresh(info, token_uri=token_uri, timeout=timeout))
        except ServerError:  # the pool is full: the next report asks again
            pass

    task = asyncio.ensure_future(run())
    _background.add(task)  # kept referenced until done (the loop holds only weak references)
    task.add_done_callback(_background.discard)
    return task


_background: set[asyncio.Task[Any]] = set()
