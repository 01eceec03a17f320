import json
import re
from urllib.parse import quote

import ee.oauth
import requests

from testing.fake_google import EE_NOTEBOOK_CLIENT_ID, EE_NOTEBOOK_CLIENT_SECRET
from testing.fake_google.google_ids import OOB_REDIRECT_URI

from .helpers import EE_SCOPES, consent_via_form

NONCES = ("request_id", "token_verifier", "client_verifier")


def client_auth_url(base: str) -> tuple[str, dict]:
    """The URL as ee.oauth builds it (AUTH_URL_TEMPLATE), with ee's own nonce maker."""
    nonces = ee.oauth._nonce_table(*NONCES)
    url = (
        f"{base}/client-auth?scopes={quote(' '.join(EE_SCOPES))}"
        f"&request_id={nonces['request_id']}&tc={nonces['token_challenge']}"
        f"&cc={nonces['client_challenge']}"
    )
    return url, nonces


def fetch(base: str, request_id: str, verifier: str) -> requests.Response:
    body = {"request_id": request_id, "client_verifier": verifier}
    return requests.post(base + "/client-auth/fetch", json=body, timeout=5)


def test_page_code_fetch_and_exchange(fake_google):
    url, nonces = client_auth_url(fake_google.url)
    page = requests.get(url, timeout=5)
    assert page.status_code == 200 and 'action="/client-auth/approve"' in page.text
    assert fetch(fake_google.url, nonces["request_id"], nonces["client_verifier"]).json()[
        "error"
    ]  # nothing released before consent

    shown = consent_via_form(url)
    assert shown.status_code == 200
    assert "Copy this code and paste it in your notebook" in shown.text
    code = re.search(r'<code id="code"[^>]*>([^<]+)</code>', shown.text).group(1)
    assert code.startswith("4/0fake-")

    wrong = fetch(fake_google.url, nonces["request_id"], nonces["token_verifier"])
    assert wrong.status_code == 200 and "error" in wrong.json()
    unknown = fetch(fake_google.url, "nope", nonces["client_verifier"])
    assert "error" in unknown.json()
    client = fetch(fake_google.url, nonces["request_id"], nonces["client_verifier"]).json()
    assert client == {
        "client_id": EE_NOTEBOOK_CLIENT_ID,
        "client_secret": EE_NOTEBOOK_CLIENT_SECRET,
        "scopes": EE_SCOPES,
    }

    data = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": client["client_id"],
        "client_secret": client["client_secret"],
        "redirect_uri": OOB_REDIRECT_URI,
        "code_verifier": nonces["client_verifier"],  # the wrong verifier first
    }
    assert requests.post(fake_google.url + "/token", data=data).json()["error"] == "invalid_grant"
    data["code_verifier"] = nonces["token_verifier"]
    token = requests.post(fake_google.url + "/token", data=data)
    assert token.status_code == 200 and token.json()["refresh_token"].startswith("1//fake-")


def test_real_ee_client_completes_notebook_mode(fake_google, tmp_path, monkeypatch):
    """ee.oauth's own fetch + exchange code, pointed at the fake."""
    url, nonces = client_auth_url(fake_google.url)
    code = fake_google.approve(url)["code"]
    monkeypatch.setattr(ee.oauth, "FETCH_URL", fake_google.url + "/client-auth/fetch")
    monkeypatch.setattr(ee.oauth, "TOKEN_URI", fake_google.url + "/token")
    path = tmp_path / "earthengine" / "credentials"
    monkeypatch.setattr(ee.oauth, "get_credentials_path", lambda: str(path))
    ee.oauth._obtain_and_write_token(code, ":".join(nonces[k] for k in NONCES))
    written = json.loads(path.read_text())
    assert written["client_id"] == EE_NOTEBOOK_CLIENT_ID
    assert written["refresh_token"] in fake_google.state.refresh_tokens
    assert written["scopes"] == EE_SCOPES


def test_missing_params_deny_and_bad_fetch_body(fake_google):
    url, _ = client_auth_url(fake_google.url)
    missing = requests.get(url.split("&tc=")[0], timeout=5)
    assert missing.status_code == 400 and "text/html" in missing.headers["Content-Type"]
    denied = consent_via_form(url, decision="deny")
    assert denied.status_code == 200 and "Access denied" in denied.text
    assert 'id="code"' not in denied.text
    assert fake_google.approve(client_auth_url(fake_google.url)[0], decision="deny") == {
        "error": "access_denied"
    }
    bad = requests.post(fake_google.url + "/client-auth/fetch", data="not json", timeout=5)
    assert bad.status_code == 400
