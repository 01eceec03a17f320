"""Refresh tokens that stop working: the 7-day life of "Testing" clients' tokens, and the
organisation's session length (invalid_rapt)."""

import requests

from testing.fake_google import ALICE, EE_NOTEBOOK_CLIENT_ID, EE_NOTEBOOK_CLIENT_SECRET
from testing.fake_google.google_ids import EE_CLIENT_ID, EE_CLIENT_SECRET

from .helpers import EE_SCOPES

DAY = 24 * 3600


def refresh(g, client_id: str, secret: str):
    """(refresh token, a function that refreshes it now) for a fresh sign-in of alice."""
    token = g.call(g.state.issue_refresh_token, client_id, ALICE, EE_SCOPES).value
    return token, lambda: requests.post(
        g.url + "/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": token,
            "client_id": client_id,
            "client_secret": secret,
        },
        timeout=5,
    )


def test_testing_clients_tokens_end_after_seven_days(fake_google):
    _, notebook = refresh(fake_google, EE_NOTEBOOK_CLIENT_ID, EE_NOTEBOOK_CLIENT_SECRET)
    _, published = refresh(fake_google, EE_CLIENT_ID, EE_CLIENT_SECRET)
    fake_google.advance(7 * DAY - 60)
    assert notebook().status_code == 200
    fake_google.advance(120)
    answer = notebook()
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
    assert published().status_code == 200  # a published client's token lives on
    # A custom client registered as "Testing" gets the same rule.
    fake_google.add_client(client_id="x-testing", client_secret="s", testing=True)
    _, custom = refresh(fake_google, "x-testing", "s")
    fake_google.advance(8 * DAY)
    assert custom().json()["error"] == "invalid_grant"


def test_session_length_policy_answers_invalid_rapt(fake_google):
    _, published = refresh(fake_google, EE_CLIENT_ID, EE_CLIENT_SECRET)
    fake_google.control("accounts", {"account": ALICE, "reauth_required": True})
    answer = published()
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "invalid_grant" and body["error_subtype"] == "invalid_rapt"
    fake_google.control("accounts", {"account": ALICE, "reauth_required": False})
    assert published().status_code == 200
