"""The real client libraries talk to the fake as they would to Google."""

import google.oauth2.credentials
from google.auth.transport.requests import Request
from google_auth_oauthlib.flow import Flow

from testing.fake_google.google_ids import EE_CLIENT_ID, EE_CLIENT_SECRET

from .helpers import EE_SCOPES, REDIRECT, sign_in


def test_google_auth_refreshes_against_fake(fake_google):
    refresh_token = sign_in(fake_google)["refresh_token"]
    credentials = google.oauth2.credentials.Credentials(
        token=None,
        refresh_token=refresh_token,
        token_uri=fake_google.url + "/token",
        client_id=EE_CLIENT_ID,
        client_secret=EE_CLIENT_SECRET,
    )
    credentials.refresh(Request())
    assert credentials.token.startswith("ya29.fake-")
    assert credentials.valid
    assert fake_google.log("token")[-1]["method"] == "POST"


def test_oauthlib_flow_with_pkce(fake_google, monkeypatch):
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the fake is plain http
    config = {
        "installed": {
            "client_id": EE_CLIENT_ID,
            "client_secret": EE_CLIENT_SECRET,
            "auth_uri": fake_google.url + "/o/oauth2/auth",
            "token_uri": fake_google.url + "/token",
        }
    }
    flow = Flow.from_client_config(config, scopes=EE_SCOPES, redirect_uri=REDIRECT)
    url, _ = flow.authorization_url(access_type="offline", prompt="consent")
    location = fake_google.approve(url)["location"]
    flow.fetch_token(authorization_response=location.replace("http://", "https://"))
    assert flow.credentials.refresh_token in fake_google.state.refresh_tokens
