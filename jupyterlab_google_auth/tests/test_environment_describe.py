"""describe_environment: the JSON the environment route returns."""

import asyncio
import json
import socket
import sys
import time

import pytest

from jupyterlab_google_auth.config import GoogleAuth
from jupyterlab_google_auth.environment import (
    GcloudInfo,
    GcloudProbe,
    MetadataFacts,
    MetadataProbe,
    OriginError,
    describe_environment,
    metadata_identity,
)

SA = MetadataFacts("169.254.169.254", "sa@p.iam.gserviceaccount.com", ("s1", "s2"), "p")
KEYS = {"class", "reasons", "recommended_mode", "modes", "facts", "origin", "probe_ms", "policy"}


def probes(metadata=None, gcloud_available=False):
    async def fake_metadata(host, ip, timeout, **kw):
        return metadata

    async def fake_gcloud(path, env, timeout):
        if gcloud_available:
            return GcloudInfo(True, path, "467.0.0", None)
        return GcloudInfo(False, None, None, "gcloud is not installed on the server host")

    return {
        "metadata_probe": MetadataProbe(probe=fake_metadata),
        "gcloud_probe": GcloudProbe(detect=fake_gcloud),
    }


async def describe(origin, env=None, metadata=None, gcloud_available=False, **kw):
    env = env if env is not None else {"HOME": "/nonexistent-home"}
    kw = {**probes(metadata, gcloud_available), **kw}
    settings = GoogleAuth()
    if gcloud_available:
        # An executable stands for gcloud on the file system; the fake detect says what
        # running it would say, and a check ("Check again") already ran.
        settings.gcloud_path = sys.executable
        await kw["gcloud_probe"].get(sys.executable, env, refresh=True)
    result = await describe_environment(settings, origin, env, **kw)
    assert set(result) == KEYS
    json.loads(json.dumps(result))
    return result


@pytest.mark.asyncio
async def test_local():
    result = await describe("http://127.0.0.1:8888", gcloud_available=True)
    assert result["class"] == "local"
    assert result["recommended_mode"] == "loopback"
    assert result["origin"] == {
        "scheme": "http",
        "host": "127.0.0.1",
        "port": 8888,
        "is_loopback": True,
        "url": "http://127.0.0.1:8888",
    }
    assert result["modes"]["gcloud"]["available"]
    assert result["facts"]["gcloud"]["version"] == "467.0.0"
    assert result["facts"]["metadata"]["present"] is False
    assert isinstance(result["probe_ms"], float)


@pytest.mark.asyncio
@pytest.mark.parametrize("origin", [None, "", "null"])
async def test_missing_origin_is_remote(origin):
    result = await describe(origin)
    assert result["class"] == "remote"
    assert result["recommended_mode"] == "notebook"
    assert result["origin"] is None
    assert "did not say its origin" in result["reasons"][0]
    assert not result["modes"]["loopback"]["available"]


@pytest.mark.asyncio
async def test_invalid_origin_raises():
    with pytest.raises(OriginError):
        await describe("javascript:alert(1)")


@pytest.mark.asyncio
async def test_colab_like_from_metadata():
    result = await describe("https://x.example", metadata=SA)
    assert result["class"] == "colab-like"
    assert result["recommended_mode"] == "ambient"
    assert result["facts"]["metadata"]["email"] == SA.email
    assert result["facts"]["metadata"]["scopes"] == ["s1", "s2"]


@pytest.mark.asyncio
async def test_custom_client_from_settings_or_argument():
    result = await describe("https://x.example")
    assert not result["modes"]["paste-url"]["available"]
    result = await describe("https://x.example", custom_client_configured=True)
    assert result["modes"]["paste-url"]["available"]
    settings = GoogleAuth(client_secrets_file="/etc/jupyter/client_secret.json")
    result = await describe_environment(settings, "https://x.example", {}, **probes())
    assert result["modes"]["paste-url"]["available"]


@pytest.mark.asyncio
async def test_no_secrets_in_output(tmp_path):
    env = {
        "HOME": str(tmp_path),
        "JUPYTERHUB_API_URL": "http://hub/api",
        "JUPYTERHUB_API_TOKEN": "hub-token-SECRET",
        "GOOGLE_API_KEY": "api-key-SECRET",
        "GOOGLE_APPLICATION_CREDENTIALS": str(tmp_path / "k.json"),
    }
    (tmp_path / "k.json").write_text('{"private_key": "pk-SECRET"}')
    result = await describe("https://hub.example", env)
    assert "SECRET" not in json.dumps(result)
    assert result["facts"]["google_application_credentials"]["exists"] is True


@pytest.mark.asyncio
async def test_end_to_end_with_local_metadata_server(tmp_path):
    """Real probes: a metadata listener on loopback, gcloud absent from PATH."""
    sa = "/computeMetadata/v1/instance/service-accounts/default"
    bodies = {
        "/": "",
        f"{sa}/email": "vm@p.iam.gserviceaccount.com",
        f"{sa}/scopes": "https://www.googleapis.com/auth/cloud-platform\n",
        "/computeMetadata/v1/project/project-id": "p",
    }

    async def handle(reader, writer):
        head = (await reader.readuntil(b"\r\n\r\n")).decode()
        body = bodies.get(head.split(" ")[1], "").encode()
        writer.write(
            b"HTTP/1.1 200 OK\r\nMetadata-Flavor: Google\r\nContent-Length: %d\r\n\r\n%s"
            % (len(body), body)
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        settings = GoogleAuth(metadata_host=f"127.0.0.1:{port}")
        result = await describe_environment(
            settings,
            "http://localhost:8888",
            {"HOME": str(tmp_path), "PATH": str(tmp_path)},
            metadata_probe=MetadataProbe(),
            gcloud_probe=GcloudProbe(),
        )
    finally:
        server.close()
        await server.wait_closed()
    assert result["class"] == "colab-like"
    assert result["recommended_mode"] == "ambient"
    assert result["facts"]["metadata"]["email"] == "vm@p.iam.gserviceaccount.com"
    assert result["facts"]["metadata"]["looked_at"] == [f"127.0.0.1:{port}"]
    assert result["modes"]["gcloud"]["reason"] == "gcloud is not installed on the server host"
    assert result["modes"]["loopback"]["available"]


@pytest.mark.asyncio
async def test_black_hole_metadata_is_bounded_and_cached(tmp_path):
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(16)  # accepts (in the kernel) and never answers
    try:
        settings = GoogleAuth(metadata_host=f"127.0.0.1:{hole.getsockname()[1]}")
        env = {"HOME": str(tmp_path), "PATH": str(tmp_path)}
        kw = {"metadata_probe": MetadataProbe(), "gcloud_probe": GcloudProbe()}
        started = time.perf_counter()
        result = await describe_environment(settings, "http://localhost:1", env, **kw)
        assert time.perf_counter() - started < 0.5
        assert result["class"] == "local"
        started = time.perf_counter()
        await describe_environment(settings, "http://localhost:1", env, **kw)
        assert time.perf_counter() - started < 0.1
    finally:
        hole.close()


@pytest.mark.asyncio
async def test_metadata_identity_shares_the_probe():
    kw = probes(metadata=SA)
    assert await metadata_identity(GoogleAuth(), metadata_probe=kw["metadata_probe"]) == {
        "present": True,
        "host": "169.254.169.254",
        "email": SA.email,
        "scopes": ["s1", "s2"],
        "project_id": "p",
    }
    assert await metadata_identity(GoogleAuth(), metadata_probe=probes()["metadata_probe"]) is None


@pytest.mark.asyncio
async def test_against_the_fake_google_metadata_server(fake_google, tmp_path):
    """Contract check with testing/fake_google: off by default, then on."""
    settings = GoogleAuth(metadata_host=fake_google.url.split("://", 1)[1].rstrip("/"))
    env = {"HOME": str(tmp_path), "PATH": str(tmp_path)}

    async def run():
        return await describe_environment(
            settings, "http://localhost:8888", env, metadata_probe=MetadataProbe()
        )

    assert (await run())["class"] == "local"
    fake_google.set_metadata(enabled=True)
    result = await run()
    assert result["class"] == "colab-like"
    assert (
        result["facts"]["metadata"]["email"] == "123456789012-compute@developer.gserviceaccount.com"
    )
    assert result["facts"]["metadata"]["project_id"] == "fake-gce-project"
    assert result["facts"]["metadata"]["scopes"]
