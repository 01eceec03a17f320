"""gcloud: ``gcloud auth application-default login --no-launch-browser`` run by the server
(jupyterlab_google_auth/gcloud), for hosts where gcloud is installed.

The link shown is the one gcloud prints; the user pastes the code Google's page shows and the
bridge types it into gcloud's prompt. gcloud runs with ``CLOUDSDK_CONFIG`` set to a private
temporary directory (0700) seeded with the user's gcloud configurations (project, proxy,
endpoints), so what gcloud writes lands there, not over the user's files: the mode reads the
refresh token and gcloud's client from that file, asks the token endpoint once for the account
and the granted scopes, and hands a :class:`~..model.Grant` to the registry, which writes the
requested targets the usual way (merged, 0600, previous files backed up). The temporary
directory is removed when the flow ends, whatever the outcome.

Scopes outside Google Cloud (``drive``...) are dropped before gcloud starts, with a note
(gcloud/scopes.py); the flow's ``scopes`` become what gcloud was asked for.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from ... import scopes as scope_lib
from ...credentials.paths import ADC_FILENAME, resolve_paths
from ...credentials.validity import check_refresh
from ...gcloud import GcloudLogin
from ...gcloud.login import START_TIMEOUT
from ..errors import FlowError
from ..model import Flow, Grant, OAuthClient
from ..request import StartRequest
from .base import Mode, ModeContext, check_code, pasted_value

_MAX_CONFIG_FILE = 64 * 1024
# Never give up on gcloud before the registry does (it bounds complete by http_timeout + 2 s).
_CHECK_SHARE = 0.25


def _copy_small_file(src: Path, dst: Path) -> None:
    """Copy a regular file (never a link) of at most 64 KB, as 0600."""
    try:
        st = os.lstat(src)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_CONFIG_FILE:
        return
    with contextlib.suppress(OSError):
        dst.write_bytes(src.read_bytes())
        dst.chmod(0o600)


def seed_config(user_config: Path, private: Path) -> None:
    """gcloud's settings without its credentials: ``active_config`` and ``configurations/``."""
    _copy_small_file(user_config / "active_config", private / "active_config")
    source = user_config / "configurations"
    if source.is_dir() and not source.is_symlink():
        target = private / "configurations"
        target.mkdir(mode=0o700, exist_ok=True)
        with contextlib.suppress(OSError):
            for entry in list(source.iterdir())[:50]:
                if entry.name.startswith("config_"):
                    _copy_small_file(entry, target / entry.name)


class GcloudMode(Mode):
    name = "gcloud"
    expects = "code"
    default_client = "gcloud"  # type: ignore[assignment]  # gcloud's own; never held here
    clients = frozenset({"gcloud"})
    start_timeout: ClassVar[float] = START_TIMEOUT  # seconds for gcloud to print the link

    async def start(self, flow: Flow, request: StartRequest, ctx: ModeContext) -> None:
        settings = ctx.settings
        env = dict(os.environ)
        private = Path(tempfile.mkdtemp(prefix="google-auth-gcloud-"))  # 0700
        flow.secrets.extra["gcloud_dir"] = private
        await asyncio.to_thread(seed_config, resolve_paths(env).gcloud_config, private)
        env["CLOUDSDK_CONFIG"] = str(private)
        login = GcloudLogin(
            settings.gcloud_path,
            flow.scopes,
            env,
            timeout=max(1.0, flow.expires_at - flow.created),
            start_timeout=self.start_timeout,
            complete_timeout=max(1.0, settings.http_timeout * (1 - _CHECK_SHARE)),
        )
        flow.secrets.extra["gcloud"] = login
        started = await login.start()  # a GcloudError (a ServerError): the registry discards
        flow.consent_url = started["consent_url"]
        flow.scopes = list(started["scopes"])
        flow.notes.extend(started["notes"])
        flow.notes.append(
            "gcloud prints this link. After you choose Allow, Google's page shows a code: copy "
            "it and paste it here, and the server types it into gcloud."
        )

    def read_input(self, flow: Flow, body: dict[str, Any]) -> str:
        _, value = pasted_value(body, ("code",))
        return check_code(value)

    async def complete(self, flow: Flow, code: str, ctx: ModeContext) -> Grant:
        login: GcloudLogin = flow.secrets.extra["gcloud"]
        private: Path = flow.secrets.extra["gcloud_dir"]
        await login.complete(code)  # a GcloudError (a ServerError) ends the flow as failed
        settings = ctx.settings
        timeout = max(1.0, settings.http_timeout * _CHECK_SHARE)

        def read_and_check() -> tuple[dict[str, Any], dict[str, Any]]:
            # The file gcloud wrote in the private directory (not the path it printed).
            data = json.loads((private / ADC_FILENAME).read_text("utf-8"))
            if not isinstance(data, dict) or not all(
                isinstance(data.get(k), str) and data.get(k)
                for k in ("refresh_token", "client_id", "client_secret")
            ):
                raise ValueError("incomplete")
            info = {k: data[k] for k in ("refresh_token", "client_id", "client_secret")}
            return info, dict(check_refresh(info, token_uri=settings.token_uri, timeout=timeout))

        try:
            info, check = await ctx.run_blocking(flow.user, read_and_check)
        except (OSError, ValueError):
            raise FlowError(
                "gcloud_failed",
                "gcloud said it saved the credentials, but its file could not be read.",
                "Run `gcloud auth application-default login --no-launch-browser` in a terminal "
                "on the server, or pick another sign-in mode.",
                502,
            ) from None
        granted = check.get("scopes") or list(login.scopes)
        return Grant(
            refresh_token=info["refresh_token"],
            client=OAuthClient("gcloud", info["client_id"], info["client_secret"]),
            scopes=granted,
            missing_scopes=scope_lib.missing(login.scopes, granted),
            account=check.get("account"),
        )

    def discard(self, flow: Flow) -> None:
        login: GcloudLogin | None = flow.secrets.extra.pop("gcloud", None)
        private: Path | None = flow.secrets.extra.pop("gcloud_dir", None)

        running = login is not None and login.state in ("new", "waiting_code", "exchanging")
        try:
            loop = asyncio.get_running_loop() if running else None
        except RuntimeError:
            loop = None
        if loop is None or login is None:
            # Nothing to stop (or no loop to stop it from): remove the directory now.
            if private is not None:
                shutil.rmtree(private, ignore_errors=True)
            return

        async def end() -> None:
            try:
                await login.cancel()  # ends gcloud's process group
            finally:
                if private is not None:
                    await asyncio.to_thread(shutil.rmtree, private, True)

        task = loop.create_task(end())
        _PENDING.add(task)
        task.add_done_callback(_PENDING.discard)


# Clean-up tasks are kept referenced until they finish (asyncio holds tasks weakly).
_PENDING: set[asyncio.Task] = set()
