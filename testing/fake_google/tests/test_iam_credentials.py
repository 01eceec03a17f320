"""IAM Credentials generateAccessToken as Google documents it: the body's rules, the chain of
Token Creator grants, the refusals, and a token the fake's other APIs accept as the account."""

import requests

from .helpers import bearer, sign_in

CLOUD = "https://www.googleapis.com/auth/cloud-platform"
SA = "pipeline@ee-alice.iam.gserviceaccount.com"
HOP = "hop@ee-alice.iam.gserviceaccount.com"


def generate(fake, token, email=SA, **body):
    body.setdefault("scope", [CLOUD])
    url = f"{fake.url}/v1/projects/-/serviceAccounts/{email}:generateAccessToken"
    return requests.post(url, json=body, headers=bearer(token), timeout=5)


def test_a_token_creator_gets_a_token_that_acts_as_the_service_account(fake_google):
    fake_google.add_service_account(SA, token_creators=["alice@example.com"])
    token = sign_in(fake_google, [CLOUD, "openid", "email"])["access_token"]
    answer = generate(fake_google, token, lifetime="1800s")
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert set(data) == {"accessToken", "expireTime"} and data["expireTime"].endswith("Z")
    info = requests.get(
        fake_google.url + "/tokeninfo", params={"access_token": data["accessToken"]}, timeout=5
    ).json()
    assert info["scope"] == CLOUD and 1700 < int(info["expires_in"]) <= 1800
    assert fake_google.state.access_tokens[data["accessToken"]].account == SA


def test_refusals(fake_google):
    fake_google.add_service_account(SA, token_creators=[])
    token = sign_in(fake_google, [CLOUD])["access_token"]
    denied = generate(fake_google, token)
    assert denied.status_code == 403
    error = denied.json()["error"]
    assert error["status"] == "PERMISSION_DENIED"
    assert "iam.serviceAccounts.getAccessToken" in error["message"]
    assert generate(fake_google, token, email="nobody@x.com").status_code == 404
    assert generate(fake_google, "ya29.not-a-token").status_code == 401
    fake_google.add_service_account(SA, token_creators=["alice@example.com"])
    assert generate(fake_google, token, scope=[]).status_code == 400  # scope is required
    for lifetime in ("3601s", "3600", "1h", 3600):
        assert generate(fake_google, token, lifetime=lifetime).status_code == 400, lifetime
    unknown_delegate = [f"projects/-/serviceAccounts/{HOP}"]
    assert generate(fake_google, token, delegates=unknown_delegate).status_code == 404
    wildcard = f"{fake_google.url}/v1/projects/ee-alice/serviceAccounts/{SA}:generateAccessToken"
    bad = requests.post(wildcard, json={"scope": [CLOUD]}, headers=bearer(token), timeout=5)
    assert bad.status_code == 400


def test_each_delegate_needs_the_role_on_the_next(fake_google):
    token = sign_in(fake_google, [CLOUD])["access_token"]
    fake_google.add_service_account(HOP, token_creators=["alice@example.com"])
    fake_google.add_service_account(SA, token_creators=[])
    chain = [f"projects/-/serviceAccounts/{HOP}"]
    assert generate(fake_google, token, delegates=chain).status_code == 403
    fake_google.add_service_account(SA, token_creators=[HOP])
    assert generate(fake_google, token, delegates=chain).status_code == 200
    assert generate(fake_google, token, delegates=[HOP]).status_code == 400  # bare e-mail
