"""A bounded probe for the GCE metadata server, and a cache in front of it.

google-auth's own probe (``_metadata.ping``) waits 3 s per attempt and retries 3 times, so on a
network that swallows packets it can block for many seconds. This one has a hard total budget
(``GoogleAuth.metadata_timeout``, 0.3 s by default) covering everything: name resolution, the
TCP connect, the ping and the three detail requests. It speaks minimal HTTP/1.1 over asyncio
streams, so cancelling it at the deadline really stops it (name resolution runs in the loop's
executor thread; we stop waiting for it at the deadline and let the thread finish on its own).

What counts as "a metadata server is there": any HTTP response carrying the header
``Metadata-Flavor: Google`` to a request that sent it (the real server sets it on every
response, a captive portal or a random web server does not). Details (default service account
e-mail, its scopes, the project id) are read only from 200 responses carrying that header.

Where to look (``host`` is ``GoogleAuth.metadata_host``, which defaults to
``$GCE_METADATA_HOST``): when ``host`` names a port (``127.0.0.1:8080``, ``[::1]:8080``, an
emulator) only it is tried; otherwise the name and ``ip`` (``169.254.169.254``, may also carry a
port) are tried concurrently and the first to answer with the header wins.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from .cache import SingleFlightCache

METADATA_FLAVOR = "Google"
PING_PATH = "/"
EMAIL_PATH = "/computeMetadata/v1/instance/service-accounts/default/email"
SCOPES_PATH = "/computeMetadata/v1/instance/service-accounts/default/scopes"
PROJECT_PATH = "/computeMetadata/v1/project/project-id"

_MAX_HEADER_BYTES = 16 * 1024
_MAX_BODY_BYTES = 64 * 1024
_DEFAULT_TTL = 300.0


@dataclass(frozen=True)
class MetadataFacts:
    """What the metadata server said. Nothing here is a secret (no token is ever fetched)."""

    host: str
    email: str | None
    scopes: tuple[str, ...]
    project_id: str | None

    def to_dict(self) -> dict:
        return {
            "present": True,
            "host": self.host,
            "email": self.email,
            "scopes": list(self.scopes),
            "project_id": self.project_id,
        }


@dataclass
class _Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def is_metadata(self) -> bool:
        return self.headers.get("metadata-flavor", "").strip() == METADATA_FLAVOR


def split_host_port(value: str, default_port: int = 80) -> tuple[str, int, bool]:
    """``host[:port]`` or ``[v6][:port]`` -> ``(host without brackets, port, port_given)``."""
    value = value.strip()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            raise ValueError(f"bad metadata host {value!r}")
        host, rest = value[1:end], value[end + 1 :]
        if rest.startswith(":") and rest[1:].isdigit():
            return host, int(rest[1:]), True
        if rest:
            raise ValueError(f"bad metadata host {value!r}")
        return host, default_port, False
    if value.count(":") == 1:
        host, _, port = value.partition(":")
        if not port.isdigit():
            raise ValueError(f"bad metadata host {value!r}")
        return host, int(port), True
    if ":" in value:  # a bare IPv6 literal
        return value, default_port, False
    if not value:
        raise ValueError("empty metadata host")
    return value, default_port, False


def _host_header(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return shown if port == 80 else f"{shown}:{port}"


async def _get(host: str, port: int, path: str) -> _Response:
    """One ``GET`` with ``Metadata-Flavor: Google``; no timeout here, the caller bounds it."""
    reader, writer = await asyncio.open_connection(host, port, limit=_MAX_HEADER_BYTES)
    try:
        writer.write(
            (
                f"GET {path} HTTP/1.1\r\n"
                f"Host: {_host_header(host, port)}\r\n"
                "Metadata-Flavor: Google\r\n"
                "Accept: text/plain\r\n"
                "Connection: close\r\n\r\n"
            ).encode("ascii")
        )
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
            raise ValueError("not an HTTP/1.x response")
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if ":" in line:
                name, _, val = line.partition(":")
                headers[name.strip().lower()] = val.strip()
        return _Response(int(parts[1]), headers, await _read_body(reader, headers))
    finally:
        writer.close()


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = bytearray()
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0 or len(body) + size > _MAX_BODY_BYTES:
                return bytes(body)
            body += await reader.readexactly(size)
            await reader.readexactly(2)
    length = headers.get("content-length")
    if length is not None and length.isdigit():
        return await reader.readexactly(min(int(length), _MAX_BODY_BYTES))
    return await reader.read(_MAX_BODY_BYTES)


async def _ping(host: str, port: int) -> tuple[str, int] | None:
    try:
        response = await _get(host, port, PING_PATH)
    except Exception:  # refused, reset, not HTTP, too big: all mean "not a metadata server"
        return None
    return (host, port) if response.is_metadata else None


async def _first_answer(candidates: list[tuple[str, int]]) -> tuple[str, int] | None:
    """Ping all candidates at once; the first to answer as a metadata server wins."""
    tasks = [asyncio.ensure_future(_ping(h, p)) for h, p in candidates]
    try:
        for next_done in asyncio.as_completed(tasks):
            found = await next_done
            if found:
                return found
        return None
    finally:
        for task in tasks:
            task.cancel()


async def _text(host: str, port: int, path: str) -> str | None:
    try:
        response = await _get(host, port, path)
    except Exception:  # refused, reset, not HTTP, too big: all mean "not a metadata server"
        return None
    if response.status != 200 or not response.is_metadata:
        return None
    return response.body.decode("utf-8", "replace").strip()


async def probe_metadata(
    host: str, ip: str, timeout: float = 0.3, *, default_port: int = 80
) -> MetadataFacts | None:
    """Is a GCE metadata server there? ``None`` when nothing answered within ``timeout`` s.

    ``timeout`` bounds the whole call. When the ping succeeds but some detail request does not
    finish in the remaining budget, the facts are returned with that field empty: the server is
    there, which is what decides the environment class. ``default_port`` exists for tests.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max(0.0, timeout)
    try:
        name, name_port, port_given = split_host_port(host, default_port)
    except ValueError:
        return None
    candidates = [(name, name_port)]
    if not port_given and ip:
        try:
            ip_host, ip_port, _ = split_host_port(ip, default_port)
        except ValueError:
            ip_host, ip_port = "", 0
        if ip_host and (ip_host, ip_port) != (name, name_port):
            candidates.append((ip_host, ip_port))

    try:
        found = await asyncio.wait_for(_first_answer(candidates), deadline - loop.time())
    except asyncio.TimeoutError:
        return None
    if found is None:
        return None

    fhost, fport = found
    tasks = {
        key: asyncio.ensure_future(_text(fhost, fport, path))
        for key, path in (("email", EMAIL_PATH), ("scopes", SCOPES_PATH), ("project", PROJECT_PATH))
    }
    remaining = deadline - loop.time()
    if remaining > 0:
        await asyncio.wait(tasks.values(), timeout=remaining)
    values: dict[str, str | None] = {}
    for key, task in tasks.items():
        if task.done() and not task.cancelled():
            values[key] = task.result()
        else:
            task.cancel()
            values[key] = None
    scopes = tuple(s.strip() for s in (values["scopes"] or "").splitlines() if s.strip())
    return MetadataFacts(
        host=_host_header(fhost, fport),
        email=(values["email"] or None),
        scopes=scopes,
        project_id=(values["project"] or None),
    )


class MetadataProbe:
    """:func:`probe_metadata` behind a cache (answers kept ``ttl`` s, positive or negative)
    that shares one in-flight probe among concurrent callers; ``refresh=True`` probes again."""

    def __init__(self, ttl: float = _DEFAULT_TTL, probe=probe_metadata, clock=time.monotonic):
        self._probe = probe
        self._cache: SingleFlightCache[MetadataFacts | None] = SingleFlightCache(ttl, clock)

    def clear(self) -> None:
        self._cache.clear()

    async def get(
        self, host: str, ip: str, timeout: float = 0.3, *, refresh: bool = False, **kwargs
    ) -> MetadataFacts | None:
        key = (host, ip, timeout, tuple(sorted(kwargs.items())))
        return await self._cache.get(
            key, lambda: self._probe(host, ip, timeout, **kwargs), refresh=refresh
        )
