"""Find the gcloud CLI on the server host and ask its version, with a bound.

``GoogleAuth.gcloud_path`` wins when set (an absolute path, or a name looked up on PATH);
otherwise ``gcloud`` is looked up on PATH. The version comes from ``gcloud version
--format=json`` run directly (never through a shell), with prompts and the update check off,
stdin closed, in its own process group so that a timeout kills gcloud's Python child too (the
``gcloud`` launcher is a shell script that starts Python). A gcloud that does not answer within
the timeout (3 s) is reported as not available, with the reason.
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
import time
from collections.abc import Mapping
from dataclasses import dataclass

from .cache import SingleFlightCache

DEFAULT_TIMEOUT = 3.0
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
    path = find_gcloud(configured_path, env)
    if path is None:
        if configured_path:
            return GcloudInfo(
                False,
                None,
                None,
                f"gcloud was not found at {configured_path} (GoogleAuth.gcloud_path)",
            )
        return GcloudInfo(False, None, None, "gcloud is not installed on the server host")

    env.update(
        CLOUDSDK_CORE_DISABLE_PROMPTS="1",
        CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK="1",
    )
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
    """:func:`detect_gcloud` behind a cache (``ttl`` s) that shares one in-flight run.

    The key includes the configured path and PATH, so changing either is noticed at once."""

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
        return await self._cache.get(
            key, lambda: self._detect(configured_path, env, timeout), refresh=refresh
        )
