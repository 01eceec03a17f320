"""POST sign-out {"revoke": true}: revoke the stored sign-in at Google, then move the files aside.

A revocation that fails (Google down, slow, or the token already dead) never stops the local
sign-out: the files are moved to backups anyway and the answer says what happened
(``revoked: false`` with ``revoke_error``). ``{"revoke": false}`` only moves the files.

The revocation runs in the Google pool like every other call to Google (google_pool.py): a
hanging revocation endpoint holds a pool slot, never a thread the local routes need, and a full
pool ends the revocation at once (``busy``) while the files are still moved aside.
"""

from __future__ import annotations

from functools import partial

from jupyter_server.auth.decorator import authorized
from tornado import web

from .. import shared_server
from ..credentials import UnsafeTargetError, clear_cache
from ..credentials.store import CredentialStore, SignOutResult
from ..errors import ServerError
from ..projects import GoogleCallError, call_off_loop, revoke_tokens
from ..projects.revoke import MANUAL_HELP, stored_refresh_tokens
from .base import ApiError, GoogleAuthHandler

FILE_TIMEOUT = 10.0  # seconds for reading or moving the credential files


class SignOutHandler(GoogleAuthHandler):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        refusal = shared_server.owners_credentials_refusal(
            self.current_user.username, "sign them out or revoke them"
        )
        if refusal:
            raise ApiError(403, "not_yours", refusal)
        body = self.json_body()
        revoke = body.get("revoke", True)
        if not isinstance(revoke, bool):
            raise ApiError(400, "bad_json", "revoke must be true or false.")
        store = CredentialStore()

        tokens = await call_off_loop(partial(stored_refresh_tokens, store), FILE_TIMEOUT)
        revoked, error = await self._revoke(tokens) if revoke else (False, None)
        try:
            result: SignOutResult = await call_off_loop(store.sign_out, FILE_TIMEOUT)
        except (UnsafeTargetError, OSError, GoogleCallError) as exc:
            state = "The sign-in was revoked at Google, but " if revoked else ""
            raise ApiError(
                409 if isinstance(exc, UnsafeTargetError) else 500,
                "write_failed",
                f"{state}the credential files could not be moved aside: {exc}",
                "Fix what the message names, then sign out again.",
            ) from exc
        finally:
            # Whatever happened, cached answers about the old sign-in are stale now.
            clear_cache()
            self.state.access_tokens.clear()
        late = [t for t in result.refresh_tokens if t not in tokens]
        if revoke and late:  # written between the read and the move: revoke those too
            more, late_error = await self._revoke(late)
            revoked, error = (revoked or not tokens) and more, error or late_error
        self.write_json(
            {
                "revoked": revoked,
                "revoke_error": error.to_json() if error else None,
                "moved": [
                    {"path": str(m.path), "backup": str(m.backup) if m.backup else None}
                    for m in result.moved
                ],
            }
        )

    async def _revoke(self, tokens: list[str]) -> tuple[bool, ServerError | None]:
        if not tokens:
            return False, None
        timeout = self.google_auth.http_timeout
        try:
            return await self.google(
                partial(revoke_tokens, self.google_auth.revoke_uri, tokens, timeout),
                timeout * len(tokens),
            )
        except ServerError as exc:
            # busy (the pool is full) keeps its code; a timeout becomes revoke_failed.
            code = exc.code if exc.code == "busy" else "revoke_failed"
            return False, ServerError(
                exc.status if code == "busy" else 502, code, exc.message, MANUAL_HELP
            )
