"""Shared by the fake's own tests: drive consent over plain HTTP, like a browser would."""

import re
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from testing.fake_google.google_ids import EE_CLIENT_ID, EE_CLIENT_SECRET
from testing.fake_google.jwt_tools import s256

REDIRECT = "http://127.0.0.1:8888/lab/google-auth/oauth2callback"
EE_SCOPES = [
    "https://www.googleapis.com/auth/earthengine",
    "https://www.googleapis.com/auth/cloud-platform",
    "https://www.googleapis.com/auth/userinfo.email",
    "openid",
]


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    return verifier, s256(verifier)


def auth_url(base: str, challenge: str | None, **overrides) -> str:
    params = {
        "client_id": EE_CLIENT_ID,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": " ".join(EE_SCOPES),
        "state": "st/+ate=1",
        "access_type": "offline",
        "prompt": "consent",
    }
    if challenge:
        params.update(code_challenge=challenge, code_challenge_method="S256")
    params.update(overrides)
    return base + "/o/oauth2/auth?" + urlencode({k: v for k, v in params.items() if v is not None})


def form_request_id(html: str) -> str:
    return re.search(r'name="request_id" value="([^"]+)"', html).group(1)


def consent_via_form(url: str, account: str = "alice@example.com", decision: str = "allow"):
    """GET the page, POST its form; returns the approve response (not followed)."""
    page = requests.get(url, timeout=5)
    assert page.status_code == 200, page.text
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    return requests.post(
        origin + action,
        data={"request_id": form_request_id(page.text), "account": account, "decision": decision},
        allow_redirects=False,
        timeout=5,
    )


def query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def exchange(base: str, code: str, verifier: str | None, /, **overrides) -> requests.Response:
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "client_id": EE_CLIENT_ID,
        "client_secret": EE_CLIENT_SECRET,
        "code_verifier": verifier,
    }
    data.update(overrides)
    return requests.post(
        base + "/token", data={k: v for k, v in data.items() if v is not None}, timeout=5
    )


def sign_in(g, scopes=EE_SCOPES, account: str = "alice@example.com") -> dict:
    """Consent + exchange through the control route; returns the token response."""
    verifier, challenge = pkce()
    location = g.approve(auth_url(g.url, challenge, scope=" ".join(scopes)), account)["location"]
    response = exchange(g.url, query(location)["code"], verifier)
    assert response.status_code == 200, response.text
    return response.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
