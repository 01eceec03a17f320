"""POST sign-out through a real Jupyter server (auth and XSRF on) against the fake Google."""

import json
import time
from pathlib import Path

from tornado.httpclient import HTTPClientError

from jupyterlab_google_auth.credentials.store import CredentialStore
from testing import signed_in
from testing.fake_google import ALICE, BOB, CUSTOM_CLIENT_SECRET

SCOPES = ["https://www.googleapis.com/auth/cloud-platform", "openid"]


def sign_in(fake_google, account=ALICE, targets=("earthengine", "adc")):
    return signed_in.sign_in(fake_google, SCOPES, account=account, targets=targets)


def is_revoked(fake_google, token):
    return fake_google.call(lambda s: s.refresh_tokens[token].revoked, fake_google.state)


async def sign_out(jp_fetch, body):
    try:
        response = await jp_fetch("google-auth", "sign-out", method="POST", body=json.dumps(body))
    except HTTPClientError as exc:
        return exc.code, json.loads(exc.response.body), exc.response.body.decode()
    text = response.body.decode()
    return response.code, json.loads(text), text


def assert_moved(body, paths):
    assert sorted(m["path"] for m in body["moved"]) == sorted(str(p) for p in paths)
    for entry in body["moved"]:
        assert not Path(entry["path"]).exists()
        assert json.loads(Path(entry["backup"]).read_text())["refresh_token"]


async def test_sign_out_revokes_once_and_moves_both_files(jp_fetch, fake_google):
    token = sign_in(fake_google)
    paths = CredentialStore().paths
    status, body, text = await sign_out(jp_fetch, {"revoke": True})
    assert status == 200
    assert body["revoked"] is True and body["revoke_error"] is None
    assert_moved(body, [paths.earthengine, paths.adc])
    assert is_revoked(fake_google, token)
    assert len(fake_google.log("revoke")) == 1  # one token in two files: revoked once
    assert token not in text and CUSTOM_CLIENT_SECRET not in text


async def test_revoke_is_the_default_and_every_distinct_token_is_revoked(jp_fetch, fake_google):
    alice = sign_in(fake_google, ALICE, targets=("earthengine",))
    bob = sign_in(fake_google, BOB, targets=("adc",))
    status, body, _ = await sign_out(jp_fetch, {})
    assert status == 200 and body["revoked"] is True
    assert is_revoked(fake_google, alice) and is_revoked(fake_google, bob)
    assert len(fake_google.log("revoke")) == 2


async def test_revoke_false_only_moves_the_files(jp_fetch, fake_google):
    token = sign_in(fake_google)
    status, body, _ = await sign_out(jp_fetch, {"revoke": False})
    assert status == 200 and body["revoked"] is False and body["revoke_error"] is None
    assert len(body["moved"]) == 2
    assert not is_revoked(fake_google, token) and not fake_google.log("revoke")


async def test_failed_revoke_still_signs_out_and_says_so(jp_fetch, fake_google):
    token = sign_in(fake_google)
    paths = CredentialStore().paths
    fake_google.set_faults(route="revoke", status=503)
    status, body, text = await sign_out(jp_fetch, {"revoke": True})
    assert status == 200 and body["revoked"] is False
    error = body["revoke_error"]
    assert error["code"] == "revoke_failed" and "503" in error["message"]
    assert "myaccount.google.com/permissions" in error["help"]
    assert_moved(body, [paths.earthengine, paths.adc])
    assert not is_revoked(fake_google, token)
    assert token not in text


async def test_slow_revoke_times_out_and_still_signs_out(jp_fetch, jp_serverapp, fake_google):
    jp_serverapp.web_app.settings["google_auth"].http_timeout = 0.5
    sign_in(fake_google)
    fake_google.set_faults(route="revoke", delay=3)
    started = time.monotonic()
    status, body, _ = await sign_out(jp_fetch, {"revoke": True})
    assert time.monotonic() - started < 2.5
    assert status == 200 and body["revoked"] is False
    assert body["revoke_error"]["code"] == "revoke_failed"
    assert "0.5 seconds" in body["revoke_error"]["message"]
    assert len(body["moved"]) == 2


async def test_already_revoked_token_is_reported(jp_fetch, fake_google):
    token = sign_in(fake_google)
    fake_google.call(fake_google.state.revoke, token)
    status, body, _ = await sign_out(jp_fetch, {"revoke": True})
    assert status == 200 and body["revoked"] is False
    assert body["revoke_error"]["code"] == "invalid_token"
    assert len(body["moved"]) == 2


async def test_no_credentials_is_still_200_with_nothing_moved(jp_fetch, fake_google):
    status, body, _ = await sign_out(jp_fetch, {"revoke": True})
    assert status == 200
    assert body == {"revoked": False, "revoke_error": None, "moved": []}
    assert not fake_google.log("revoke")


async def test_sign_out_forgets_the_cached_access_token(jp_fetch, fake_google):
    sign_in(fake_google)
    assert (await jp_fetch("google-auth", "projects")).code == 200
    await sign_out(jp_fetch, {"revoke": False})
    try:
        await jp_fetch("google-auth", "projects")
        raise AssertionError("listing after sign-out should fail")
    except HTTPClientError as exc:
        assert exc.code == 409 and json.loads(exc.response.body)["code"] == "signed_out"


async def test_bad_revoke_value_is_400_and_nothing_moves(jp_fetch, fake_google):
    sign_in(fake_google)
    status, body, _ = await sign_out(jp_fetch, {"revoke": "yes"})
    assert status == 400 and body["code"] == "bad_json"
    assert CredentialStore().paths.adc.exists()


async def test_env_credentials_file_is_left_alone(jp_fetch, fake_google, monkeypatch, tmp_path):
    env_file = tmp_path / "elsewhere.json"
    env_file.write_text(json.dumps({"type": "authorized_user", "refresh_token": "not-ours"}))
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(env_file))
    sign_in(fake_google)
    status, body, _ = await sign_out(jp_fetch, {"revoke": True})
    assert status == 200 and body["revoked"] is True and len(body["moved"]) == 2
    assert env_file.exists()
    assert len(fake_google.log("revoke")) == 1
