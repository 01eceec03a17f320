"""POST cell-requests/<id> {outcome, code?, message?}: a cell's sign-in ended without credentials.

The panel in a cell's output calls this when its user cancels, closes it, or the sign-in fails,
so the kernel waiting in ``authenticate()`` stops with a clear exception. The server writes the
small status file the kernel watches (``cell_status.py``); nothing secret is in it.
"""

from __future__ import annotations

import asyncio

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import cell_status
from ..credentials import UnsafeTargetError
from .base import ApiError, GoogleAuthHandler


class CellRequestHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def post(self, request_id: str) -> None:
        body = self.json_body()
        try:
            cell_status.status_path(request_id)
            cell_status.parse_outcome(body)
        except cell_status.BadOutcome as exc:
            raise ApiError(400, "bad_request", str(exc)) from None
        try:
            await asyncio.to_thread(cell_status.write_outcome, request_id, body)
        except (UnsafeTargetError, OSError) as exc:
            raise ApiError(
                500,
                "write_failed",
                f"The cell's sign-in status could not be written: {exc}",
                "Interrupt the kernel to stop the waiting cell.",
            ) from exc
        self.set_status(204)
        self.finish()
