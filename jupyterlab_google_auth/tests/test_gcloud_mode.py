"""The gcloud sign-in mode through the flows API: a real Jupyter server (auth and XSRF on), the
fake gcloud first on PATH, the fake Google behind it. Every response is secret-scanned
(test_flows_fixtures.api)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from pathlib import Path

import pytest
import test_flows_fixtures as flows_fixtures

from jupyterlab_google_auth.clients import GCLOUD_CLIENT_ID
from jupyterlab_google_auth.credentials.store import CredentialStore
from jupyterlab_google_auth.flows.modes.gcloud import GcloudMode
from testing.fake_gcloud import fake_gcloud_env, install_fake_gcloud, register_gcloud_client
from testing.fake_google import ALICE

# The flows tests' fixtures: a secret-scanning API client, the registry, fast settings.
api = flows_fixtures.api
registry = flows_fixtures.registry
settings = flows_fixtures.settings
stored_files = flows_fixtures.stored_files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the bridge needs a POSIX pty")

G = "https://www.googleapis.com/auth/"


@pytest.fixture
def gcloud_record(tmp_path, monkeypatch, fake_google):
    """The fake gcloud on the server's PATH (the server is this process), talking to the fake
    Google; returns the file where the fake records how it was started."""
    register_gcloud_client(fake_google)
    bin_dir = install_fake_gcloud(tmp_path / "bin").parent
    record = tmp_path / "gcloud-run.json"
    env = fake_gcloud_env(
        bin_dir,
        tmp_path / "unused-config",
        fake_google=fake_google,
        FAKE_GCLOUD_RECORD=str(record),
    )
    for name in ("PATH", "FAKE_GCLOUD_PARENT_PID", "FAKE_GCLOUD_RECORD") + tuple(
        k for k in env if k.startswith("FAKE_GCLOUD_")
    ):
        monkeypatch.setenv(name, env[name])
    # A shell would export these; the fake refuses to run when it sees them.
    for name in ("PWD", "SHLVL", "_", "OLDPWD"):
        monkeypatch.delenv(name, raising=False)
    return record


def user_gcloud_config() -> Path:
    return CredentialStore().paths.gcloud_config


async def approve_and_complete(api, fake_google, view):
    code = fake_google.approve(view["consent_url"], account=ALICE)["code"]
    return await api.complete(view["id"], code=code)


async def test_gcloud_mode_end_to_end(api, fake_google, gcloud_record, caplog):
    caplog.set_level(logging.DEBUG)
    # The user's gcloud settings, and an ADC file with a quota project from earlier.
    config = user_gcloud_config()
    (config / "configurations").mkdir(parents=True)
    config.chmod(0o700)  # as gcloud creates it
    (config / "configurations" / "config_default").write_text("[core]\nproject = ee-alice\n")
    (config / "active_config").write_text("default")
    previous = {"type": "authorized_user", "quota_project_id": "ee-alice", "refresh_token": "x"}
    (config / "application_default_credentials.json").write_text(json.dumps(previous))

    status, view = await api.start(mode="gcloud", preset="earthengine", force=True)

    assert status == 201, view
    assert view["mode"] == "gcloud" and view["expects"] == "code" and view["client"] == "gcloud"
    assert view["consent_url"].startswith(fake_google.url + "/o/oauth2/auth?")
    assert G + "drive" not in view["scopes"] and G + "earthengine" in view["scopes"]
    assert any(G + "drive" in note for note in view["notes"])
    run = json.loads(gcloud_record.read_text())
    assert run["problem"] is None
    # gcloud wrote into a private directory seeded with the settings, not the user's.
    private = Path(run["config_dir"])
    assert private != config
    assert "configurations/config_default" in run["config_files"]
    assert "application_default_credentials.json" not in run["config_files"]

    status, done = await approve_and_complete(api, fake_google, view)

    assert status == 200, done
    assert done["state"] == "succeeded", done
    assert done["result"]["account"] == ALICE
    assert {f["target"] for f in done["result"]["files"]} == {"earthengine", "adc"}
    files = stored_files()  # 0600 files in 0700 directories
    adc = files["adc"]
    assert adc["client_id"] == GCLOUD_CLIENT_ID and adc["account"] == ALICE
    assert adc["quota_project_id"] == "ee-alice"  # kept by the merge
    assert fake_google.state.refresh_tokens[adc["refresh_token"]].account == ALICE
    assert files["earthengine"]["refresh_token"] == adc["refresh_token"]
    backup = next(f["backup"] for f in done["result"]["files"] if f["target"] == "adc")
    assert json.loads(Path(backup).read_text()) == previous
    for _ in range(50):  # the private directory goes when the flow ends
        if not private.exists():
            break
        await asyncio.sleep(0.05)
    assert not private.exists()
    assert view["consent_url"] not in caplog.text
    assert "Credentials saved" not in caplog.text


async def test_gcloud_mode_wrong_code(api, fake_google, gcloud_record):
    status, view = await api.start(mode="gcloud", preset="cloud", force=True)
    assert status == 201
    status, done = await api.complete(view["id"], code="4/0never-issued")
    assert done["state"] == "failed"
    assert done["error"]["code"] == "invalid_grant"
    assert stored_files() == {}


async def test_gcloud_mode_refuses_a_url_and_another_client(api, fake_google, gcloud_record):
    status, view = await api.start(mode="gcloud", preset="cloud", force=True)
    status, body = await api.complete(view["id"], redirect_url="http://127.0.0.1:1/?code=4/x")
    assert (status, body["code"]) == (400, "bad_input")
    status, again = await api.get(view["id"])
    assert again["state"] == "pending"
    await api.cancel(view["id"])
    status, body = await api.start(mode="gcloud", preset="cloud", client="custom", force=True)
    assert (status, body["code"]) == (400, "mode_unavailable")


async def test_gcloud_mode_cancel_ends_gcloud(api, registry, fake_google, gcloud_record):
    status, view = await api.start(mode="gcloud", preset="cloud", force=True)
    login = registry.flows[view["id"]].secrets.extra["gcloud"]
    pgid = login.pgid
    os.killpg(pgid, 0)
    status, cancelled = await api.cancel(view["id"])
    assert cancelled["state"] == "cancelled"
    for _ in range(100):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            break
        await asyncio.sleep(0.05)
    else:
        pytest.fail("gcloud's process group outlived the cancel")


async def test_gcloud_missing(api, fake_google, monkeypatch, tmp_path):
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    status, body = await api.start(mode="gcloud", preset="cloud", force=True)
    assert (status, body["code"]) == (400, "gcloud_missing")
    assert "Google Cloud CLI" in body["help"]


async def test_gcloud_hanging_is_reported(api, fake_google, gcloud_record, monkeypatch):
    monkeypatch.setenv("FAKE_GCLOUD_MODE", "hang")
    monkeypatch.setattr(GcloudMode, "start_timeout", 1.0)
    status, body = await api.call(
        "POST", "flows", body={"mode": "gcloud", "preset": "cloud", "force": True}, allow_5xx=True
    )
    assert (status, body["code"]) == (504, "gcloud_hung")
    assert not Path(json.loads(gcloud_record.read_text())["config_dir"]).exists()
