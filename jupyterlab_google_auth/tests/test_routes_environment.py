"""GET environment and GET credentials through a real Jupyter server with auth on."""

import json
import os
import time
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from testing.fake_google import CUSTOM_CLIENT_SECRET
from testing.signed_in import sign_in


async def get_json(jp_fetch, *parts, **params):
    response = await jp_fetch("google-auth", *parts, params=params)
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.body)


async def test_loopback_origin_is_local(jp_fetch):
    data = await get_json(jp_fetch, "environment", origin="http://127.0.0.1:8888")
    assert data["class"] == "local"
    assert data["recommended_mode"] == "loopback"
    assert data["modes"]["loopback"]["available"] is True
    assert data["reasons"]


async def test_named_host_is_remote(jp_fetch):
    data = await get_json(jp_fetch, "environment", origin="https://hub.example.org")
    assert data["class"] == "remote"
    assert data["recommended_mode"] == "notebook"
    assert data["modes"]["loopback"]["available"] is False
    assert "hub.example.org" in data["modes"]["loopback"]["reason"]


async def test_metadata_server_makes_it_colab_like(jp_fetch, fake_google):
    fake_google.set_metadata(enabled=True, email="sa@p.iam.gserviceaccount.com", project="p-1")
    data = await get_json(jp_fetch, "environment", origin="http://127.0.0.1:8888")
    assert data["class"] == "colab-like"
    assert data["recommended_mode"] == "ambient"


@pytest.mark.parametrize(
    "origin",
    ["javascript:alert(1)", "http://a@b", "http://exa mple.com", "http://[::1", "x" * 400],
)
async def test_hostile_origin_is_400_with_a_message(jp_fetch, origin):
    with pytest.raises(HTTPClientError) as info:
        await jp_fetch("google-auth", "environment", params={"origin": origin})
    assert info.value.code == 400
    body = json.loads(info.value.response.body)
    assert body["code"] == "bad_origin"
    assert body["message"] and body["help"]


async def test_credentials_report_lists_every_source(jp_fetch):
    data = await get_json(jp_fetch, "credentials")
    names = [s["name"] for s in data["sources"]]
    assert names == ["earthengine", "adc", "env", "metadata"]
    assert not any(s["present"] for s in data["sources"])
    assert data["used_by"] == {"earthengine": None, "google_auth": None}


async def test_credentials_report_checks_validity_and_hides_secrets(jp_fetch, fake_google):
    # A real refresh token from the fake, written by the store as a sign-in would.
    scopes = ["https://www.googleapis.com/auth/cloud-platform", "openid"]
    refresh_token = sign_in(fake_google, scopes, project="ee-alice")
    response = await jp_fetch("google-auth", "credentials")
    text = response.body.decode()
    data = json.loads(text)
    ee = next(s for s in data["sources"] if s["name"] == "earthengine")
    assert ee["present"] and ee["valid"] is True and ee["project"] == "ee-alice"
    assert data["used_by"] == {"earthengine": "earthengine", "google_auth": "adc"}
    for secret in (refresh_token, CUSTOM_CLIENT_SECRET, "ya29."):
        assert secret not in text


# -- gcloud: found at once, version from the background, nothing written into HOME ----------

REAL_GCLOUD = "/usr/bin/gcloud"


async def test_first_answer_does_not_wait_for_gcloud(jp_fetch, jp_serverapp, tmp_path):
    slow = tmp_path / "slow-gcloud"
    slow.write_text('#!/bin/sh\nsleep 2\necho \'{"Google Cloud SDK": "528.0.0"}\'\n')
    slow.chmod(0o755)
    jp_serverapp.web_app.settings["google_auth"].gcloud_path = str(slow)
    started = time.perf_counter()
    data = await get_json(jp_fetch, "environment", origin="http://127.0.0.1:8888")
    assert time.perf_counter() - started < 1.5  # gcloud takes 2 s
    assert data["facts"]["gcloud"] == {
        "available": True,
        "path": str(slow),
        "version": None,
        "reason": None,
    }
    assert data["modes"]["gcloud"]["available"] is True
    # "Check again" runs gcloud and waits for it; later answers keep what it said.
    data = await get_json(jp_fetch, "environment", origin="http://127.0.0.1:8888", refresh="1")
    assert data["facts"]["gcloud"]["version"] == "528.0.0"
    data = await get_json(jp_fetch, "environment", origin="http://127.0.0.1:8888")
    assert data["facts"]["gcloud"]["version"] == "528.0.0"


@pytest.mark.skipif(not os.path.exists(REAL_GCLOUD), reason=f"no Google Cloud CLI at {REAL_GCLOUD}")
async def test_real_gcloud_probe_writes_nothing_into_home(jp_fetch, jp_serverapp):
    home = Path(os.environ["HOME"])  # the test's own HOME (conftest.py)
    settings = jp_serverapp.web_app.settings["google_auth"]
    settings.gcloud_path = REAL_GCLOUD
    data = await get_json(jp_fetch, "environment", origin="http://127.0.0.1:8888")
    assert data["facts"]["gcloud"]["available"] is True
    assert data["facts"]["gcloud"]["version"] is None  # found, not run
    assert not (home / ".config").exists()
    data = await get_json(jp_fetch, "environment", origin="http://127.0.0.1:8888", refresh="1")
    gcloud = data["facts"]["gcloud"]
    assert gcloud["available"] and gcloud["version"][0].isdigit(), gcloud
    assert not (home / ".config" / "gcloud").exists()
    assert not (home / ".config").exists()
