"""Where the fake is as strict as Google documents: PKCE S256 challenges and verifiers, the
Notebook Authenticator's challenges, service-account assertion lifetimes, access token
lifetimes, single-use codes."""

import hashlib
import json
import re
import time
from urllib.parse import quote

import ee.oauth
import pytest
import requests

from testing.fake_google.google_ids import EE_CLIENT_ID, EE_CLIENT_SECRET
from testing.fake_google.jwt_tools import b64url, s256

from .helpers import EE_SCOPES, auth_url, bearer, exchange, query, sign_in

UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"


def consent(fake_google, challenge: str) -> requests.Response:
    return requests.get(auth_url(fake_google.url, challenge), timeout=5)


def code_for(fake_google, challenge: str) -> str:
    return query(fake_google.approve(auth_url(fake_google.url, challenge))["location"])["code"]


@pytest.mark.parametrize(
    "challenge",
    [
        "a" * 42,  # a SHA-256 digest in base64url is 43 characters
        "a" * 44,
        "a" * 128,  # long enough for a verifier, not a S256 challenge
        "a" * 42 + "~",  # "~" and "." are unreserved but never in base64url
        "a" * 42 + "=",  # no padding
    ],
)
def test_s256_challenge_must_be_a_base64url_sha256(fake_google, challenge):
    response = consent(fake_google, challenge)
    assert response.status_code == 400 and "Invalid code_challenge" in response.text


def test_a_real_s256_challenge_is_accepted(fake_google):
    assert consent(fake_google, s256("v" * 43)).status_code == 200


@pytest.mark.parametrize(
    "verifier",
    [
        "v" * 42,  # too short
        "v" * 129,  # too long
        "v" * 42 + "+",  # "+" and "/" are not unreserved
        "v" * 42 + "/",
        "v" * 42 + " ",
        "v" * 42 + "é",
    ],
)
def test_verifier_must_be_43_to_128_unreserved_characters(fake_google, verifier):
    # The challenge matches the verifier, so only the verifier's form can be refused.
    digest = hashlib.sha256(verifier.encode("utf-8")).digest()
    code = code_for(fake_google, b64url(digest))
    response = exchange(fake_google.url, code, verifier)
    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_grant",
        "error_description": "Invalid code verifier.",
    }


@pytest.mark.parametrize("verifier", [UNRESERVED[:43], UNRESERVED, "~" * 128])
def test_verifiers_of_the_whole_unreserved_set_and_both_lengths_pass(fake_google, verifier):
    code = code_for(fake_google, s256(verifier))
    assert exchange(fake_google.url, code, verifier).status_code == 200


def test_client_auth_refuses_challenges_that_are_not_s256(fake_google):
    nonces = ee.oauth._nonce_table("request_id", "token_verifier", "client_verifier")

    def page(tc: str, cc: str) -> requests.Response:
        url = (
            f"{fake_google.url}/client-auth?scopes={quote(' '.join(EE_SCOPES))}"
            f"&request_id={nonces['request_id']}&tc={tc}&cc={cc}"
        )
        return requests.get(url, timeout=5)

    good_tc, good_cc = nonces["token_challenge"], nonces["client_challenge"]
    assert page(good_tc, good_cc).status_code == 200
    assert page("short", good_cc).status_code == 400
    assert page(good_tc, "c" * 64).status_code == 400


def test_access_tokens_live_3599_seconds_whatever_the_grant(fake_google):
    tokens = sign_in(fake_google)
    assert tokens["expires_in"] == 3599
    refreshed = requests.post(
        fake_google.url + "/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": EE_CLIENT_ID,
            "client_secret": EE_CLIENT_SECRET,
        },
        timeout=5,
    ).json()
    assert refreshed["expires_in"] == 3599
    robot = assertion(time.time(), 3600)
    assert jwt_grant(fake_google, robot).json()["expires_in"] == 3599

    def alive(token: str) -> bool:
        url = fake_google.url + "/v1/userinfo"
        return requests.get(url, headers=bearer(token), timeout=5).status_code == 200

    fake_google.advance(3590)
    assert alive(refreshed["access_token"])
    fake_google.advance(10)
    assert not alive(refreshed["access_token"]) and not alive(tokens["access_token"])


def assertion(issued_at: float, lifetime: float | None, **claims) -> str:
    """An unsigned service-account assertion (no key is registered, so none is checked)."""
    body = {
        "iss": "robot@fake-project.iam.gserviceaccount.com",
        "aud": "https://oauth2.googleapis.com/token",
        "scope": "https://www.googleapis.com/auth/cloud-platform",
        "iat": int(issued_at),
        **claims,
    }
    if lifetime is not None:
        body["exp"] = int(issued_at + lifetime)
    head = b64url(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    return f"{head}.{b64url(json.dumps(body).encode())}.{b64url(b'sig')}"


def jwt_grant(fake_google, value: str) -> requests.Response:
    grant = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    data = {"grant_type": grant, "assertion": value}
    return requests.post(fake_google.url + "/token", data=data, timeout=5)


def test_assertion_lives_at_most_one_hour_after_its_iat(fake_google):
    now = time.time()
    assert jwt_grant(fake_google, assertion(now, 3600)).status_code == 200
    for value in (
        assertion(now, 3601),  # more than an hour
        assertion(now, 0),  # exp not after iat
        assertion(now, None),  # no exp
        assertion(now - 7200, 3600),  # expired
        assertion(now, 3600, iat="now"),  # not a time
    ):
        refused = jwt_grant(fake_google, value)
        assert refused.status_code == 400
        assert refused.json()["error"] == "invalid_grant"
        assert re.match(
            r"Invalid JWT: Token must be a short-lived token \(60 minutes\)",
            refused.json()["error_description"],
        )
