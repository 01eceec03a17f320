"""The bounded metadata probe against tiny local listeners (no fake Google needed)."""

import asyncio
import contextlib
import socket
import time

import pytest

from jupyterlab_google_auth.environment.metadata import (
    MetadataProbe,
    probe_metadata,
    split_host_port,
)

EMAIL = "sa@my-project.iam.gserviceaccount.com"
SCOPES = "https://www.googleapis.com/auth/cloud-platform\nhttps://www.googleapis.com/auth/userinfo.email\n"
BODIES = {
    "/": "computeMetadata/\n",
    "/computeMetadata/v1/instance/service-accounts/default/email": EMAIL,
    "/computeMetadata/v1/instance/service-accounts/default/scopes": SCOPES,
    "/computeMetadata/v1/project/project-id": "my-project",
}


class Listener:
    """A tiny HTTP/1.1 server. ``mode``: "google" (with the header, 403 when the request lacks
    it, like the real server), "plain" (no header), "hang" (accept, never answer)."""

    def __init__(self, mode="google", chunked=False, detail_delay=0.0):
        self.mode = mode
        self.chunked = chunked
        self.detail_delay = detail_delay
        self.connections = 0
        self.paths = []
        self.writers = []
        self.server = None
        self.port = None

    async def start(self, host="127.0.0.1", port=0):
        self.server = await asyncio.start_server(self._handle, host, port)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def stop(self):
        self.server.close()
        for writer in self.writers:
            writer.close()
        await self.server.wait_closed()

    async def _handle(self, reader, writer):
        self.connections += 1
        self.writers.append(writer)
        try:
            if self.mode == "hang":
                await reader.read()
                return
            head = (await reader.readuntil(b"\r\n\r\n")).decode()
            lines = head.split("\r\n")
            path = lines[0].split(" ")[1]
            self.paths.append(path)
            flavor_asked = any(line.lower() == "metadata-flavor: google" for line in lines)
            if path != "/" and self.detail_delay:
                await asyncio.sleep(self.detail_delay)
            body = BODIES.get(path, "not found").encode()
            status = "200 OK" if path in BODIES else "404 Not Found"
            headers = ["Content-Type: text/plain", "Connection: close"]
            if self.mode == "google":
                headers.append("Metadata-Flavor: Google")
                if not flavor_asked:
                    status, body = "403 Forbidden", b"missing header"
            if self.chunked:
                headers.append("Transfer-Encoding: chunked")
                half = len(body) // 2
                payload = b"".join(
                    b"%x\r\n%s\r\n" % (len(part), part)
                    for part in (body[:half], body[half:])
                    if part
                )
                payload += b"0\r\n\r\n"
            else:
                headers.append(f"Content-Length: {len(body)}")
                payload = body
            head = f"HTTP/1.1 {status}\r\n" + "".join(f"{h}\r\n" for h in headers) + "\r\n"
            writer.write(head.encode() + payload)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


@contextlib.asynccontextmanager
async def listening(mode="google", **kw):
    listener = await Listener(mode, **kw).start(kw.pop("host", "127.0.0.1"))
    try:
        yield listener
    finally:
        await listener.stop()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.asyncio
@pytest.mark.parametrize("chunked", [False, True])
async def test_found_with_header(chunked):
    async with listening("google", chunked=chunked) as srv:
        facts = await probe_metadata(f"127.0.0.1:{srv.port}", "169.254.169.254", 0.3)
    assert facts is not None
    assert facts.host == f"127.0.0.1:{srv.port}"
    assert facts.email == EMAIL
    assert facts.scopes == tuple(SCOPES.split())
    assert facts.project_id == "my-project"
    assert sorted(srv.paths) == sorted(BODIES)
    assert facts.to_dict()["present"] is True


@pytest.mark.asyncio
async def test_without_header_is_not_found():
    async with listening("plain") as srv:
        assert await probe_metadata(f"127.0.0.1:{srv.port}", "", 0.3) is None
        assert srv.paths == ["/"]


@pytest.mark.asyncio
async def test_black_hole_gives_up_in_time():
    async with listening("hang") as srv:
        started = time.perf_counter()
        assert await probe_metadata(f"127.0.0.1:{srv.port}", "", 0.3) is None
        elapsed = time.perf_counter() - started
    assert srv.connections == 1
    assert elapsed < 0.5, elapsed


@pytest.mark.asyncio
async def test_closed_port_is_not_found_quickly():
    started = time.perf_counter()
    assert await probe_metadata(f"127.0.0.1:{closed_port()}", "", 0.3) is None
    assert time.perf_counter() - started < 0.3


@pytest.mark.asyncio
async def test_hanging_name_resolution_is_bounded(monkeypatch):
    loop = asyncio.get_running_loop()

    async def slow_getaddrinfo(*args, **kwargs):
        await asyncio.sleep(10)

    monkeypatch.setattr(loop, "getaddrinfo", slow_getaddrinfo)
    started = time.perf_counter()
    assert await probe_metadata("metadata.google.internal", "", 0.2) is None
    assert time.perf_counter() - started < 0.4


@pytest.mark.asyncio
async def test_slow_details_return_partial_facts_in_time():
    async with listening("google", detail_delay=5) as srv:
        started = time.perf_counter()
        facts = await probe_metadata(f"127.0.0.1:{srv.port}", "", 0.3)
        elapsed = time.perf_counter() - started
    assert facts is not None and facts.email is None and facts.scopes == ()
    assert elapsed < 0.5, elapsed


async def _pair(mode_a, mode_b):
    """Two listeners on the same port, one on 127.0.0.1 and one on 127.0.0.2."""
    for _ in range(20):
        a = await Listener(mode_a).start("127.0.0.1")
        try:
            b = await Listener(mode_b).start("127.0.0.2", a.port)
        except OSError:
            await a.stop()
            continue
        return a, b
    pytest.skip("could not bind 127.0.0.2")


@pytest.mark.asyncio
async def test_name_and_ip_race_ip_wins_when_name_is_closed():
    async with listening("google") as srv:
        facts = await probe_metadata("127.0.0.3", "127.0.0.1", 0.3, default_port=srv.port)
    assert facts is not None and facts.host == f"127.0.0.1:{srv.port}"


@pytest.mark.asyncio
async def test_name_and_ip_race_answer_beats_black_hole():
    good, hole = await _pair("google", "hang")
    try:
        started = time.perf_counter()
        facts = await probe_metadata("127.0.0.2", "127.0.0.1", 0.3, default_port=good.port)
        assert time.perf_counter() - started < 0.25
    finally:
        await good.stop()
        await hole.stop()
    assert facts is not None and facts.host == f"127.0.0.1:{good.port}"


@pytest.mark.asyncio
async def test_only_a_response_with_the_header_counts():
    plain, good = await _pair("plain", "google")
    try:
        facts = await probe_metadata("127.0.0.1", "127.0.0.2", 0.3, default_port=plain.port)
    finally:
        await plain.stop()
        await good.stop()
    assert facts is not None and facts.host == f"127.0.0.2:{good.port}"


@pytest.mark.asyncio
async def test_host_with_port_is_used_alone():
    async with listening("google") as srv:
        # The ip would answer, but a host:port (an emulator) is used on its own.
        assert await probe_metadata(f"127.0.0.1:{closed_port()}", f"127.0.0.1:{srv.port}") is None
        assert srv.connections == 0


@pytest.mark.asyncio
async def test_single_flight_and_cache():
    probe = MetadataProbe()
    async with listening("google") as srv:
        host = f"127.0.0.1:{srv.port}"
        first, second = await asyncio.gather(probe.get(host, "", 0.3), probe.get(host, "", 0.3))
        assert first == second and first.email == EMAIL
        assert srv.paths.count("/") == 1
        assert srv.connections == 4  # one ping, three details
        assert await probe.get(host, "", 0.3) == first
        assert srv.connections == 4
        await probe.get(host, "", 0.3, refresh=True)
        assert srv.paths.count("/") == 2


@pytest.mark.asyncio
async def test_single_flight_black_hole_one_connection_and_negative_cache():
    probe = MetadataProbe()
    async with listening("hang") as srv:
        host = f"127.0.0.1:{srv.port}"
        results = await asyncio.gather(*(probe.get(host, "", 0.2) for _ in range(5)))
        assert results == [None] * 5
        assert srv.connections == 1
        started = time.perf_counter()
        assert await probe.get(host, "", 0.2) is None
        assert time.perf_counter() - started < 0.05
        assert srv.connections == 1


@pytest.mark.asyncio
async def test_cache_expires():
    now = [0.0]
    calls = []

    async def fake_probe(host, ip, timeout):
        calls.append(host)
        return None

    probe = MetadataProbe(ttl=300, probe=fake_probe, clock=lambda: now[0])
    await probe.get("h", "i")
    await probe.get("h", "i")
    now[0] = 299
    await probe.get("h", "i")
    assert len(calls) == 1
    now[0] = 301
    await probe.get("h", "i")
    assert len(calls) == 2


@pytest.mark.asyncio
async def test_cancelled_caller_does_not_cancel_shared_probe():
    async def slow_probe(host, ip, timeout):
        await asyncio.sleep(0.05)
        return "facts"

    probe = MetadataProbe(probe=slow_probe)
    first = asyncio.ensure_future(probe.get("h", "i"))
    second = asyncio.ensure_future(probe.get("h", "i"))
    await asyncio.sleep(0.01)
    first.cancel()
    assert await second == "facts"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("metadata.google.internal", ("metadata.google.internal", 80, False)),
        ("169.254.169.254", ("169.254.169.254", 80, False)),
        ("127.0.0.1:8080", ("127.0.0.1", 8080, True)),
        ("[::1]:8080", ("::1", 8080, True)),
        ("[::1]", ("::1", 80, False)),
        ("fd00::1", ("fd00::1", 80, False)),
    ],
)
def test_split_host_port(value, expected):
    assert split_host_port(value) == expected


@pytest.mark.parametrize("value", ["", "host:abc", "[::1", "[::1]x"])
def test_split_host_port_bad(value):
    with pytest.raises(ValueError):
        split_host_port(value)


@pytest.mark.asyncio
async def test_bad_host_is_not_found():
    assert await probe_metadata("host:abc", "", 0.1) is None
