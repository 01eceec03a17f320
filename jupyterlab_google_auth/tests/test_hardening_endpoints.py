"""#17.1: a URL that comes from a file a user supplied (a key's token_uri, a client_secret.json,
an imported or hand-edited credential file) is used only when it is Google's own endpoint or the
administrator's; no call to Google follows a redirect; a body that is not Google's JSON error
shape is never echoed (the status is said instead)."""

# ruff: noqa: F811

import json

import pytest
from listeners import Listener
from test_flows_fixtures import api, registry, settings  # noqa: F401
from test_service_account_route import make_key, private_key, register  # noqa: F401

from jupyterlab_google_auth.credentials.store import CredentialStore
from jupyterlab_google_auth.outbound import trusted_file_url
from testing.fake_google import CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET


@pytest.fixture
def elsewhere():
    listener = Listener(200, '{"access_token": "x", "expires_in": 3600}')
    yield listener
    listener.close()


@pytest.mark.parametrize(
    "where",
    ["listener", "https://evil.example/token", "https://oauth2.googleapis.com.evil.example/token"],
)
async def test_a_key_with_a_foreign_token_uri_is_refused_naming_the_field(
    api, fake_google, private_key, elsewhere, where
):
    key = make_key(fake_google, private_key)
    key["token_uri"] = elsewhere.url + "/token" if where == "listener" else where
    status, answer = await api.call("POST", "service-account", body={"key": key})
    assert status == 400 and answer["code"] == "untrusted_endpoint", answer
    assert "token_uri" in answer["message"]
    assert elsewhere.requests == []
    assert not CredentialStore().paths.adc.exists()


def test_google_and_the_administrator_are_trusted(settings):
    for url in (
        "https://oauth2.googleapis.com/token",
        "https://accounts.google.com/o/oauth2/token",
        settings.token_uri,
    ):
        assert trusted_file_url(url, settings, "token_uri")
    for url in (
        "https://oauth2.googleapis.com/token/../x",
        "http://oauth2.googleapis.com/token",
        "https://oauth2.googleapis.com/token\n",
        "https://oauth2.googleapis.com@evil.example/token",
    ):
        assert not trusted_file_url(url, settings, "token_uri")


async def test_a_stored_key_with_a_foreign_token_uri_is_never_called(
    api, fake_google, private_key, elsewhere
):
    """A hand-edited ADC file: GET projects does not sign an assertion for that address."""
    key = make_key(fake_google, private_key)
    key["token_uri"] = elsewhere.url + "/token"
    path = CredentialStore().paths.adc
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(key))
    status, answer = await api.call("GET", "projects")
    assert status >= 400 and elsewhere.requests == [], answer
    assert "token_uri" in answer["message"]


async def test_redirects_from_the_token_endpoint_are_not_followed(
    api, fake_google, private_key, settings
):
    target = Listener(200, '{"access_token": "x", "expires_in": 3600}')
    redirector = Listener(307, "", {"Location": target.url + "/token"})
    try:
        settings.token_uri = redirector.url + "/token"  # the administrator's own endpoint
        register(fake_google, private_key)
        key = make_key(fake_google, private_key)
        key["token_uri"] = settings.token_uri
        status, answer = await api.call("POST", "service-account", body={"key": key})
        assert redirector.requests and target.requests == [], answer
        assert status >= 400 and "307" in answer["message"]
    finally:
        target.close()
        redirector.close()


async def test_a_body_that_is_not_googles_error_shape_is_not_echoed(
    api, fake_google, private_key, settings
):
    page = Listener(400, "<html>internal-banner-42 and whatever else</html>")
    try:
        settings.token_uri = page.url + "/token"
        key = make_key(fake_google, private_key)
        key["token_uri"] = settings.token_uri
        status, answer = await api.call("POST", "service-account", body={"key": key})
        assert status == 400 and page.requests
        assert "internal-banner" not in json.dumps(answer)
        assert "HTTP 400" in answer["message"]
    finally:
        page.close()


async def test_a_client_secret_with_a_foreign_token_uri_is_refused(api, fake_google):
    secret = {
        "installed": {
            "client_id": CUSTOM_CLIENT_ID,
            "client_secret": CUSTOM_CLIENT_SECRET,
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": "https://evil.example/token",
            "redirect_uris": ["http://localhost"],
        }
    }
    status, answer = await api.call("PUT", "custom-client", body={"client_secret": secret})
    assert status == 400 and answer["code"] == "untrusted_endpoint"
    assert "token_uri" in answer["message"]


async def test_an_import_with_a_foreign_token_uri_is_refused(api, fake_google, elsewhere):
    value = json.dumps(
        {
            "type": "authorized_user",
            "refresh_token": "1//x",
            "client_id": CUSTOM_CLIENT_ID,
            "client_secret": CUSTOM_CLIENT_SECRET,
            "token_uri": elsewhere.url + "/token",
        }
    )
    status, answer = await api.call("POST", "token-import", body={"value": value})
    assert status == 400 and answer["code"] == "untrusted_endpoint"
    assert "token_uri" in answer["message"] and elsewhere.requests == []
