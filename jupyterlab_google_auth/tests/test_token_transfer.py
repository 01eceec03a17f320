"""Token export and import for ephemeral homes (POST token-export, POST token-import), through a
real Jupyter server (XSRF on) and the fake Google, with real and malformed values."""

# ruff: noqa: F811

import json

import pytest
from test_flows_fixtures import api, origin, registry, settings, stored_files  # noqa: F401

from jupyterlab_google_auth.clients import EE_CLIENT_ID
from jupyterlab_google_auth.credentials.transfer import TransferError, parse_import
from testing.fake_google import ALICE, CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET
from testing.signed_in import sign_in

EE = "https://www.googleapis.com/auth/earthengine"


async def test_export_needs_confirmation_and_credentials(api, fake_google):
    status, answer = await api.call("POST", "token-export", body={})
    assert status == 400 and answer["code"] == "confirm_required"
    status, answer = await api.call("POST", "token-export", body={"confirm": True})
    assert status == 404 and answer["code"] == "nothing_to_export"


async def test_export_then_import_round_trip(api, fake_google, tmp_path, monkeypatch):
    scopes = [EE, "openid", "https://www.googleapis.com/auth/userinfo.email"]
    token = sign_in(fake_google, scopes, project="ee-alice")
    status, answer = await api.call("POST", "token-export", body={"confirm": True})
    assert status == 200 and answer["name"] == "EARTHENGINE_TOKEN" and answer["warning"]
    value = answer["value"]
    assert "\n" not in value and json.loads(value)["refresh_token"] == token
    api.bodies.remove(json.dumps(answer))  # the one answer allowed to hold a token

    # A new, empty home (an ephemeral one) imports the pasted value.
    monkeypatch.setenv("HOME", str(tmp_path / "new-home"))
    status, answer = await api.call("POST", "token-import", body={"value": value})
    assert status == 200, answer
    assert answer["account"] == ALICE and answer["project"] == "ee-alice"
    files = stored_files()
    assert files["earthengine"]["refresh_token"] == token
    assert files["earthengine"]["project"] == "ee-alice"
    assert files["adc"]["quota_project_id"] == "ee-alice"
    assert files["adc"]["client_id"] == CUSTOM_CLIENT_ID


async def test_import_from_the_environment(api, fake_google, monkeypatch, jp_fetch):
    status, answer = await api.call("POST", "token-import", body={"from_environment": True})
    assert status == 404 and answer["code"] == "no_token_in_environment"
    token = fake_google.call(
        fake_google.state.issue_refresh_token, CUSTOM_CLIENT_ID, ALICE, [EE]
    ).value
    value = json.dumps(
        {
            "refresh_token": token,
            "client_id": CUSTOM_CLIENT_ID,
            "client_secret": CUSTOM_CLIENT_SECRET,
        }
    )
    monkeypatch.setenv("EARTHENGINE_TOKEN", value)
    response = await jp_fetch("google-auth", "environment", params={"origin": "http://127.0.0.1:1"})
    env = json.loads(response.body)
    assert env["token_in_environment"] == "EARTHENGINE_TOKEN"
    assert token not in response.body.decode()
    status, answer = await api.call("POST", "token-import", body={"from_environment": True})
    assert status == 200 and answer["source"] == "EARTHENGINE_TOKEN"
    assert stored_files()["adc"]["refresh_token"] == token


async def test_a_revoked_token_is_refused_and_nothing_written(api, fake_google):
    value = json.dumps(
        {
            "refresh_token": "1//dead",
            "client_id": CUSTOM_CLIENT_ID,
            "client_secret": CUSTOM_CLIENT_SECRET,
        }
    )
    status, answer = await api.call("POST", "token-import", body={"value": value})
    assert status == 400 and answer["code"] == "token_refused"
    assert stored_files() == {}


async def test_export_turned_off_by_the_administrator(api, settings, fake_google):
    sign_in(fake_google, [EE])
    settings.allow_token_export = False
    status, answer = await api.call("POST", "token-export", body={"confirm": True})
    assert status == 403 and answer["code"] == "turned_off"


@pytest.mark.parametrize(
    "value, words",
    [
        ("", "Nothing was pasted"),
        ("1//0abcdefghijklmnop", "bare refresh token"),
        ("ya29.a0AfB_byC", "access token"),
        ("4/0AeaYSHB-code", "sign-in code"),
        ("hello", "not credentials JSON"),
        ('{"refresh_token": "1//x"', "not valid JSON"),
        ("[1, 2]", "not credentials JSON"),
        ('{"type": "service_account", "private_key": "x"}', "service-account key"),
        ('{"type": "external_account"}', "cannot be imported"),
        ('{"client_id": "x"}', "no refresh_token"),
        ('{"refresh_token": "1//x", "client_id": "other.apps"}', "without its client_secret"),
        ('{"refresh_token": "1//x", "scopes": "earthengine"}', "list of scope names"),
        ('{"refresh_token": "1//x", "project": "Not A Project!"}', "project"),
        ("{" + " " * 20000 + "}", "far longer"),
    ],
)
def test_malformed_imports_say_what_they_are(value, words):
    with pytest.raises(TransferError, match=words):
        parse_import(value)


def test_an_ee_file_without_a_client_uses_earth_engines():
    imported = parse_import('{"refresh_token": "1//x", "scopes": ["a"], "project": "ee-project-1"}')
    assert imported.client_id == EE_CLIENT_ID and imported.client_secret
    assert imported.project == "ee-project-1" and imported.scopes == ["a"]


async def test_malformed_import_through_the_route(api):
    status, answer = await api.call("POST", "token-import", body={"value": "4/0Aea-code"})
    assert status == 400 and answer["code"] == "not_credentials"
    assert "sign-in code" in answer["message"]
