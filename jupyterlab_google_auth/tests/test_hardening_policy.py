"""#17.2: the administrator's policy holds whatever route brings credentials (sign-in, key
upload, token import, custom client), with the same 403 ``turned_off``."""

# ruff: noqa: F811

import json

from test_flows_fixtures import api, registry, settings, stored_files  # noqa: F401

from testing.fake_google import ALICE, CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET

GOOGLE = "https://www.googleapis.com/auth/"
SECRET = {
    "installed": {
        "client_id": CUSTOM_CLIENT_ID,
        "client_secret": CUSTOM_CLIENT_SECRET,
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "redirect_uris": ["http://localhost"],
    }
}


def refused(status, answer, trait):
    assert status == 403 and answer["code"] == "turned_off", answer
    assert answer["message"].startswith("Turned off by your administrator")
    assert trait in answer["message"]


def grant(fake_google, scopes):
    token = fake_google.call(
        fake_google.state.issue_refresh_token, CUSTOM_CLIENT_ID, ALICE, scopes
    ).value
    return json.dumps(
        {
            "refresh_token": token,
            "client_id": CUSTOM_CLIENT_ID,
            "client_secret": CUSTOM_CLIENT_SECRET,
        }
    )


def lock_down(settings):
    settings.allowed_modes = ["notebook"]
    settings.allowed_presets = ["earthengine"]
    settings.allow_custom_scopes = False


async def test_import_of_a_custom_clients_grant_is_refused_under_notebook_only(
    api, settings, fake_google
):
    lock_down(settings)
    value = grant(fake_google, [GOOGLE + "drive", GOOGLE + "gmail.readonly"])
    refused(*await api.call("POST", "token-import", body={"value": value}), "allowed_modes")
    assert stored_files() == {}


async def test_import_outside_the_presets_is_refused(api, settings, fake_google):
    settings.allowed_presets = ["earthengine"]
    settings.allow_custom_scopes = False
    value = grant(fake_google, [GOOGLE + "drive", GOOGLE + "gmail.readonly"])
    refused(*await api.call("POST", "token-import", body={"value": value}), "allowed_presets")
    assert stored_files() == {}
    # Within the preset, the same import is accepted.
    value = grant(fake_google, [GOOGLE + "earthengine", GOOGLE + "cloud-platform"])
    status, answer = await api.call("POST", "token-import", body={"value": value})
    assert status == 200, answer


async def test_import_can_be_turned_off(api, settings, fake_google):
    settings.allow_token_import = False
    value = grant(fake_google, [GOOGLE + "earthengine"])
    refused(*await api.call("POST", "token-import", body={"value": value}), "allow_token_import")
    refused(
        *await api.call("POST", "token-import", body={"from_environment": True}),
        "allow_token_import",
    )
    assert stored_files() == {}


async def test_custom_client_upload_is_refused_when_no_mode_can_use_it(api, settings):
    lock_down(settings)
    status, answer = await api.call("PUT", "custom-client", body={"client_secret": SECRET})
    refused(status, answer, "allowed_modes")
    settings.allowed_modes = ["paste-url"]
    status, answer = await api.call("PUT", "custom-client", body={"client_secret": SECRET})
    assert status == 200 and answer["configured"] is True
