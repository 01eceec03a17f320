"""Find the gcloud CLI on the server host, and ask its version when asked to.

``GoogleAuth.gcloud_path`` wins when set (an absolute path, or a name looked up on PATH);
otherwise ``gcloud`` is looked up on PATH. Whether gcloud is there is a file-system fact, known
at once; the version needs ``gcloud version --format=json``, which takes about a second (gcloud
is Python, and it looks for a metadata server), so :class:`GcloudProbe` answers with gcloud's
presence and runs gcloud only when asked to check again (the panel's "Check again"). Starting
the gcloud mode runs gcloud anyway, and says plainly when it fails.

gcloud is run directly (never through a shell), with prompts and the update check off, stdin
closed, in its own process group so that a timeout kills gcloud's Python child too (the
``gcloud`` launcher is a shell script that starts Python), and with ``CLOUDSDK_CONFIG`` set to
a private throw-away directory, removed afterwards: any gcloud command creates its config
directory (logs, configurations) where that points, and probing must write nothing into the
user's home. A gcloud that does not answer within the timeout (8 s: it only runs when asked,
and a busy host may need a few seconds) is reported as not available, with the reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass

from .cache import SingleFlightCache

DEFAULT_TIMEOUT = 8.0
_DEFAULT_TTL = 300.0
_MAX_OUTPUT = 64 * 1024


@dataclass(frozen=True)
class GcloudInfo:
    """Whether gcloud can be used, where it is, its version, or why it cannot be used."""

    available: bool
    path: str | None
    version: str | None
    reason: str | None

    def to_dict(self) -> dict:
        return {
            "available": self.available,
            "path": self.path,
            "version": self.version,
            "reason": self.reason,
        }


def find_gcloud(configured_path: str = "", env: Mapping[str, str] | None = None) -> str | None:
    """The gcloud executable to use, or ``None``. Looks at the file system only."""
    env = os.environ if env is None else env
    search_path = env.get("PATH", os.defpath)
    name = configured_path or "gcloud"
    if os.path.dirname(name):
        name = os.path.expanduser(name)
        return name if os.path.isfile(name) and os.access(name, os.X_OK) else None
    return shutil.which(name, path=search_path)


# These describe the server's Python, not gcloud's (gcloud runs its bundled Python or
# CLOUDSDK_PYTHON): with them it dies with "gcloud failed to load ... SRE module mismatch".
# gcloud's own CLOUDSDK_PYTHON_SITEPACKAGES is the supported way in.
_SERVER_PYTHON_VARS = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONEXECUTABLE")


def gcloud_child_env(env: Mapping[str, str]) -> dict[str, str]:
    """The environment every gcloud this server starts gets: the server's, without its
    Python's variables, with prompts and the update check off."""
    child = {k: v for k, v in env.items() if k not in _SERVER_PYTHON_VARS}
    child.update(
        # No yes/no questions (a plain input() such as the code prompt still shows).
        CLOUDSDK_CORE_DISABLE_PROMPTS="1",
        CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK="1",
    )
    return child


def missing_gcloud(configured_path: str = "") -> GcloudInfo:
    if configured_path:
        return GcloudInfo(
            False, None, None, f"gcloud was not found at {configured_path} (GoogleAuth.gcloud_path)"
        )
    return GcloudInfo(False, None, None, "gcloud is not installed on the server host")


def parse_version(stdout: str) -> str | None:
    """The Cloud SDK version from ``gcloud version --format=json`` (or the plain text form)."""
    try:
        data = json.loads(stdout)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("Google Cloud SDK"), str):
        return data["Google Cloud SDK"].strip()[:64] or None
    match = re.search(r"Google Cloud SDK\s+([0-9][0-9A-Za-z.\-+]*)", stdout)
    return match.group(1)[:64] if match else None


async def detect_gcloud(
    configured_path: str = "",
    env: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> GcloudInfo:
    """Locate gcloud and run ``gcloud version --format=json``, giving up after ``timeout`` s."""
    env = dict(os.environ if env is None else env)
    path = await asyncio.to_thread(find_gcloud, configured_path, env)
    if path is None:
        return missing_gcloud(configured_path)

    config = await asyncio.to_thread(tempfile.mkdtemp, prefix="google-auth-gcloud-probe-")
    try:
        return await _run_version(path, env, timeout, config)
    finally:
        await asyncio.to_thread(shutil.rmtree, config, True)


async def _run_version(path: str, env: dict[str, str], timeout: float, config: str) -> GcloudInfo:
    env = gcloud_child_env(env)
    env["CLOUDSDK_CONFIG"] = config  # gcloud's logs and configurations go there, not into HOME
    posix = sys.platform != "win32"
    try:
        proc = await asyncio.create_subprocess_exec(
            path,
            "version",
            "--format=json",
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
            start_new_session=posix,
        )
    except OSError as exc:
        return GcloudInfo(False, path, None, f"gcloud at {path} could not be started: {exc}")

    try:
        stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout)
    except asyncio.TimeoutError:
        _kill(proc, posix)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(proc.wait(), 1.0)
        return GcloudInfo(
            False, path, None, f"gcloud at {path} did not answer within {timeout:g} s"
        )
    except BaseException:
        _kill(proc, posix)
        raise

    out = stdout[:_MAX_OUTPUT].decode("utf-8", "replace")
    if proc.returncode != 0:
        last = stderr[:_MAX_OUTPUT].decode("utf-8", "replace").strip().splitlines()[-1:]
        detail = f": {last[0][:200]}" if last else ""
        return GcloudInfo(
            False, path, None, f"gcloud at {path} failed with exit status {proc.returncode}{detail}"
        )
    version = parse_version(out)
    if version is None:
        return GcloudInfo(False, path, None, f"gcloud at {path} did not report its version")
    return GcloudInfo(True, path, version, None)


def _kill(proc: asyncio.subprocess.Process, posix: bool) -> None:
    if proc.returncode is not None:
        return
    try:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: gcloud and its children
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass


class GcloudProbe:
    """gcloud's presence at once; its version (:func:`detect_gcloud`) when asked.

    :meth:`get` looks at the file system only: gcloud found means available, with the version
    (or the reason it is broken: it fails, hangs or prints no version) when a check ran within
    ``ttl`` s, else ``None``. ``refresh=True`` runs the check and waits for it (bounded by
    ``timeout``). One check runs at a time; the key includes the configured path and PATH, so
    changing either is noticed at once.
    """

    def __init__(self, ttl: float = _DEFAULT_TTL, detect=detect_gcloud, clock=time.monotonic):
        self._detect = detect
        self._cache: SingleFlightCache[GcloudInfo] = SingleFlightCache(ttl, clock)

    def clear(self) -> None:
        self._cache.clear()

    async def get(
        self,
        configured_path: str = "",
        env: Mapping[str, str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        refresh: bool = False,
    ) -> GcloudInfo:
        env = os.environ if env is None else env
        key = (configured_path, env.get("PATH", ""), timeout)
        if refresh:
            return await self._cache.get(
                key, lambda: self._detect(configured_path, env, timeout), refresh=True
            )
        path = await asyncio.to_thread(find_gcloud, configured_path, env)
        if path is None:
            return missing_gcloud(configured_path)
        _, checked = self._cache.peek(key)
        if checked is not None and checked.path == path:
            return checked
        return GcloudInfo(True, path, None, None)
