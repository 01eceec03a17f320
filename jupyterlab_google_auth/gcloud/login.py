"""The gcloud bridge: ``gcloud auth application-default login --no-launch-browser`` in a pty.

A notebook cell cannot answer gcloud's prompt (``ee.Authenticate(auth_mode='gcloud')`` fails
there), so the server runs gcloud itself: :meth:`GcloudLogin.start` shows the consent URL gcloud
prints, :meth:`GcloudLogin.complete` types the pasted code into gcloud's prompt and reports the
outcome, :meth:`GcloudLogin.cancel` ends gcloud's whole process group.

Bounds: ``start`` gives up when no URL shows within ``start_timeout`` (20 s: gcloud starts in a
few seconds), ``complete`` when gcloud has not finished ``complete_timeout`` (60 s) after the
code, and the whole login ends ``timeout`` (300 s) after it started, since the user may leave.
Each ends the process group.

Nothing gcloud prints is logged (the echo of the code is in it): the output stays in this
object's memory, only parsed facts and sanitized ``ERROR:`` lines leave, and the output is
dropped when the login ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..environment.gcloud import find_gcloud, gcloud_child_env
from ..errors import ServerError
from . import output
from .pty_process import PtyProcess
from .scopes import DEFAULT_SCOPES, gcloud_scopes

log = logging.getLogger(__name__)

START_TIMEOUT = 20.0
COMPLETE_TIMEOUT = 60.0
TOTAL_TIMEOUT = 300.0
PROMPT_WAIT = 5.0
MAX_CODE_CHARS = 512
_NETWORK = re.compile(
    r"ConnectionError|ProxyError|Could not reach the login server|Failed to resolve|timed out",
    re.IGNORECASE,
)
# Authorization codes are URL-safe text ("4/0Ab...-xyz"); a newline would answer a later prompt.
_CODE = re.compile(r"^[\x21-\x7e]+$")

INSTALL_HELP = (
    "Install the Google Cloud CLI on the server host (https://cloud.google.com/sdk/docs/install) "
    "or set GoogleAuth.gcloud_path, or pick another sign-in mode (notebook or loopback)."
)
RUN_BY_HAND = (
    "Run `gcloud auth application-default login --no-launch-browser` in a terminal on the "
    "server to see gcloud's full output, or pick another sign-in mode."
)
_HELP = {
    "invalid_grant": "Google did not accept the code: codes work once and only for a few "
    "minutes, and must be copied whole. Start again to get a new link.",
    "invalid_scope": "Google refused a scope for gcloud's client. Start again with the Cloud "
    "preset, or use the notebook mode.",
    "access_denied": "The consent was declined. Start again and choose Allow.",
    "gcloud_failed": RUN_BY_HAND,
}


# HTTP status for each bridge error; the rest are 400 (the user's input or choice).
_STATUS = {"gcloud_failed": 502, "gcloud_hung": 504}


class GcloudError(ServerError):
    """A failure the panel shows: ``code`` (``gcloud_missing``, ``gcloud_failed``,
    ``gcloud_hung``, ``invalid_grant``, ``invalid_scope``, ``access_denied``, ``bad_code``,
    ``flow_expired``, ``cancelled``, ``not_waiting``), a message and the next step. A
    :class:`~..errors.ServerError` like every error a route answers: the gcloud mode lets it
    through as it is (the registry ends the flow with it, the base handler renders it)."""

    def __init__(self, code: str, message: str, help: str | None = None) -> None:  # noqa: A002
        super().__init__(_STATUS.get(code, 400), code, message, help)


class GcloudLogin:
    """One run of ``gcloud auth application-default login``; states ``new``, ``waiting_code``,
    ``exchanging``, ``succeeded``, ``failed``, ``cancelled``, ``expired``."""

    def __init__(
        self,
        gcloud_path: str = "",
        scopes: Iterable[str] = DEFAULT_SCOPES,
        env: Mapping[str, str] | None = None,
        *,
        timeout: float = TOTAL_TIMEOUT,
        start_timeout: float = START_TIMEOUT,
        complete_timeout: float = COMPLETE_TIMEOUT,
        prompt_wait: float = PROMPT_WAIT,
    ) -> None:
        self.gcloud_path = gcloud_path
        self.env: dict[str, str] = dict(os.environ if env is None else env)
        self.scopes, self.notes = gcloud_scopes(scopes)
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.complete_timeout = complete_timeout
        self.prompt_wait = prompt_wait
        self.state = "new"
        self.consent_url: str | None = None
        self._pty: PtyProcess | None = None
        self._expiry: asyncio.TimerHandle | None = None
        self._ending: asyncio.Task | None = None

    @property
    def pgid(self) -> int | None:
        """gcloud's process group (for tests and diagnostics)."""
        return self._pty.pgid if self._pty else None

    def argv(self, path: str) -> list[str]:
        return [
            path,
            "auth",
            "application-default",
            "login",
            "--no-launch-browser",
            "--scopes=" + ",".join(self.scopes),
        ]

    def _child_env(self) -> dict[str, str]:
        # Prompts off: the GCE "use your personal account?" and GOOGLE_APPLICATION_CREDENTIALS
        # questions default to yes; the code prompt is a plain input() and still shows.
        env = gcloud_child_env(self.env)
        env["TERM"] = "dumb"  # fewer terminal escapes from readline
        return env

    # -- start -------------------------------------------------------------------------------

    async def start(self) -> dict[str, Any]:
        """Run gcloud until it shows the consent URL: ``{"consent_url", "notes", "scopes"}``."""
        if self.state != "new":
            raise GcloudError("not_waiting", "This gcloud sign-in was already started.")
        path = find_gcloud(self.gcloud_path, self.env)
        if path is None:
            self.state = "failed"
            where = f" at {self.gcloud_path}" if self.gcloud_path else " on the server host"
            raise GcloudError("gcloud_missing", f"gcloud was not found{where}.", INSTALL_HELP)
        self._pty = PtyProcess(self.argv(path), self._child_env())
        try:
            await self._pty.spawn()
        except OSError as exc:
            self.state = "failed"
            raise GcloudError(
                "gcloud_missing",
                f"gcloud at {path} could not be started ({exc.strerror or exc}).",
                INSTALL_HELP,
            ) from None
        if self.state != "new":  # cancelled while the process was being created
            await self._end(self.state)
            raise self._ended_error()
        log.info("gcloud sign-in started (process group %s)", self._pty.pgid)
        self._expiry = asyncio.get_running_loop().call_later(self.timeout, self._expire)
        try:
            url = await self._pty.wait_for(output.find_consent_url, self.start_timeout)
        except BaseException:
            await self._end("failed")
            raise
        if self.state in ("cancelled", "expired"):  # cancelled while starting
            await self._end(self.state)
            raise self._ended_error()
        if url is None:
            raise await self._failure_before_url()
        self.consent_url = url
        self.state = "waiting_code"
        return {"consent_url": url, "notes": list(self.notes), "scopes": list(self.scopes)}

    async def _failure_before_url(self) -> GcloudError:
        assert self._pty is not None
        running = self._pty.returncode is None
        text = self._pty.text
        await self._end("failed")
        if running:
            return GcloudError(
                "gcloud_hung",
                f"gcloud showed no sign-in link within {self.start_timeout:g} s and was stopped.",
                "gcloud may be waiting on the network or on a question. " + RUN_BY_HAND,
            )
        return self._exit_error(text, None)

    # -- complete ----------------------------------------------------------------------------

    async def complete(self, code: str) -> dict[str, Any]:
        """Type ``code`` into gcloud's prompt; ``{"account", "adc_path", "scopes",
        "quota_project", "notes"}`` when gcloud saved the credentials, else GcloudError."""
        code = code.strip() if isinstance(code, str) else ""
        if not code or len(code) > MAX_CODE_CHARS or not _CODE.fullmatch(code):
            raise GcloudError(
                "bad_code",
                "Paste the code shown after consenting: one piece of text without spaces.",
                "Copy the code from the page you reached after choosing Allow.",
            )
        if self.state in ("expired", "cancelled"):
            raise self._ended_error()
        if self.state != "waiting_code" or self._pty is None:
            raise GcloudError("not_waiting", "This gcloud sign-in is not waiting for a code.")
        self.state = "exchanging"
        pty_proc = self._pty
        try:
            # gcloud prints the prompt right after the URL; type the code once it is there
            # (or anyway after a short wait: the terminal keeps it until gcloud reads).
            await pty_proc.wait_for(output.prompt_shown, self.prompt_wait)
            if pty_proc.returncode is None:
                with contextlib.suppress(OSError):
                    pty_proc.write(code + "\n")
            status = await pty_proc.wait_exit(self.complete_timeout)
        except BaseException:
            await self._end("failed")
            raise
        if self.state != "exchanging":  # cancelled or expired meanwhile
            raise self._ended_error()
        text = pty_proc.text
        if status is None:
            await self._end("failed")
            raise GcloudError(
                "gcloud_hung",
                f"gcloud did not finish within {self.complete_timeout:g} s after the code was "
                "sent and was stopped.",
                "gcloud may be unable to reach Google's token endpoint. " + RUN_BY_HAND,
            )
        path = output.saved_path(text)
        if status != 0 or path is None:
            await self._end("failed")
            raise self._exit_error(text, code)
        result = {
            "account": None,  # gcloud's ADC file names no account; the caller may look it up
            "adc_path": path,
            "scopes": list(self.scopes),
            "quota_project": output.quota_project(text),
            "notes": list(self.notes) + output.quota_notes(text),
        }
        await self._end("succeeded")
        return result

    def _exit_error(self, text: str, typed: str | None) -> GcloudError:
        status = self._pty.returncode if self._pty else None
        lines = output.error_lines(text, typed)
        code = output.classify_error(lines)
        if lines:
            message = "gcloud failed: " + " ".join(lines[-2:])
        else:
            message = f"gcloud ended (exit status {status}) without saving credentials."
        help_text = _HELP[code]
        if code == "gcloud_failed" and _NETWORK.search(" ".join(lines)):
            help_text = (
                "gcloud could not reach Google from the server host: check its network and proxy "
                "settings (HTTPS_PROXY, or gcloud's proxy/* properties), or pick another mode."
            )
        return GcloudError(code, message, help_text)

    def _ended_error(self) -> GcloudError:
        if self.state == "expired":
            return GcloudError(
                "flow_expired",
                f"This gcloud sign-in ran out of time ({self.timeout:g} s) and was stopped.",
                "Start again and paste the code within a few minutes.",
            )
        return GcloudError("cancelled", "This gcloud sign-in was cancelled.", "Start again.")

    # -- ending ------------------------------------------------------------------------------

    async def cancel(self) -> None:
        """End gcloud's whole process group; harmless when it already ended."""
        if self.state in ("new", "waiting_code", "exchanging"):
            await self._end("cancelled")
        elif self._ending is not None:
            await asyncio.shield(self._ending)

    def _expire(self) -> None:
        if self.state in ("waiting_code", "exchanging", "new"):
            self._ending = asyncio.ensure_future(self._end("expired"))

    async def _end(self, state: str) -> None:
        """Record the final state, kill the process group, forget the output."""
        if self.state not in ("succeeded", "failed", "cancelled", "expired"):
            self.state = state
        if self._expiry is not None:
            self._expiry.cancel()
            self._expiry = None
        if self._pty is not None:
            await self._pty.kill()
            self._pty.forget_output()
            log.info("gcloud sign-in ended: %s", self.state)
