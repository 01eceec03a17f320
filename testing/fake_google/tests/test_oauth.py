import json
import re

import requests

from testing.fake_google import CUSTOM_CLIENT_ID, WEB_CLIENT_ID
from testing.fake_google.google_ids import EE_CLIENT_ID, EE_CLIENT_SECRET, GCLOUD_CLIENT_ID
from testing.fake_google.jwt_tools import b64url_decode

from .helpers import (
    EE_SCOPES,
    REDIRECT,
    auth_url,
    consent_via_form,
    exchange,
    form_request_id,
    pkce,
    query,
    sign_in,
)


def test_form_flow_with_pkce(fake_google):
    verifier, challenge = pkce()
    url = auth_url(fake_google.url, challenge, login_hint="bob@example.com")
    page = requests.get(url, timeout=5)
    assert "<title>Sign in - Fake Google</title>" in page.text
    assert 'value="bob@example.com" checked' in page.text
    for text in ("alice@example.com", ">Allow</button>", ">Deny</button>", EE_SCOPES[0]):
        assert text in page.text

    approved = consent_via_form(url)
    assert approved.status_code == 302
    location = approved.headers["Location"]
    assert location.startswith(REDIRECT + "?")
    params = query(location)
    assert params["state"] == "st/+ate=1"
    assert params["scope"] == " ".join(EE_SCOPES)
    assert params["code"].startswith("4/0fake-")
    assert (params["authuser"], params["prompt"]) == ("0", "consent")

    token = exchange(fake_google.url, params["code"], verifier)
    assert token.status_code == 200
    assert token.headers["Content-Type"] == "application/json; charset=utf-8"
    body = token.json()
    assert body["access_token"].startswith("ya29.fake-")
    assert body["refresh_token"].startswith("1//fake-")
    assert body["expires_in"] == 3599 and body["token_type"] == "Bearer"
    assert body["scope"] == " ".join(EE_SCOPES)
    header, payload, _ = body["id_token"].split(".")
    assert json.loads(b64url_decode(header))["alg"] == "RS256"
    claims = json.loads(b64url_decode(payload))
    assert claims["iss"] == "https://accounts.google.com"
    assert claims["aud"] == EE_CLIENT_ID
    assert claims["email"] == "alice@example.com" and claims["email_verified"] is True
    assert claims["sub"] == fake_google.state.accounts["alice@example.com"].sub
    assert claims["exp"] > claims["iat"]


def test_control_approve_and_deny(fake_google):
    _, challenge = pkce()
    url = auth_url(fake_google.url, challenge)
    allowed = requests.post(
        fake_google.url + "/_control/approve",
        json={"auth_url": url, "account": "bob@example.com", "decision": "allow"},
        timeout=5,
    ).json()
    assert query(allowed["location"])["code"].startswith("4/0fake-")
    denied = fake_google.approve(url, decision="deny")["location"]
    assert query(denied) == {"error": "access_denied", "state": "st/+ate=1"}
    assert "code" not in query(denied)


def test_form_deny_redirects_with_access_denied(fake_google):
    response = consent_via_form(auth_url(fake_google.url, None), decision="deny")
    assert response.status_code == 302
    assert query(response.headers["Location"])["error"] == "access_denied"


def test_unknown_client_and_redirect_mismatch_never_redirect(fake_google):
    unknown = requests.get(auth_url(fake_google.url, None, client_id="nope"), allow_redirects=False)
    assert unknown.status_code == 401 and "Error 401: invalid_client" in unknown.text
    for client, redirect in [
        (EE_CLIENT_ID, "https://evil.example.com/cb"),
        (EE_CLIENT_ID, "http://localhost.evil.com/cb"),
        (WEB_CLIENT_ID, "http://127.0.0.1:8888/cb"),
    ]:
        url = auth_url(fake_google.url, None, client_id=client, redirect_uri=redirect)
        response = requests.get(url, allow_redirects=False, timeout=5)
        assert response.status_code == 400
        assert "Error 400: redirect_uri_mismatch" in response.text
    for redirect in ("http://localhost/x", "http://[::1]:9/", "http://127.0.0.1"):
        url = auth_url(fake_google.url, None, client_id=CUSTOM_CLIENT_ID, redirect_uri=redirect)
        assert requests.get(url, timeout=5).status_code == 200


def test_page_escapes_input_and_refuses_plain_pkce(fake_google):
    evil = '<script>alert("x")</script>'
    url = auth_url(fake_google.url, None, login_hint=evil, scope="openid", state=evil)
    assert "<script>" not in requests.get(url, timeout=5).text
    bad_scope = requests.get(auth_url(fake_google.url, None, scope=evil), timeout=5)
    assert bad_scope.status_code == 400 and "<script>" not in bad_scope.text
    plain = auth_url(fake_google.url, "a" * 43, code_challenge_method="plain")
    response = requests.get(plain, timeout=5)
    assert response.status_code == 400 and "invalid_request" in response.text


def test_exchange_errors(fake_google):
    verifier, challenge = pkce()
    code = query(fake_google.approve(auth_url(fake_google.url, challenge))["location"])["code"]
    cases = [
        ({"client_secret": "wrong"}, 401, "invalid_client"),
        ({"client_id": "nope"}, 401, "invalid_client"),
        ({"code": None}, 400, "invalid_request"),
        ({"redirect_uri": "http://127.0.0.1:9999/cb"}, 400, "redirect_uri_mismatch"),
        ({"code_verifier": None}, 400, "invalid_grant"),
        ({"code_verifier": verifier + "x"}, 400, "invalid_grant"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"grant_type": None}, 400, "invalid_request"),
    ]
    for overrides, status, error in cases:
        response = exchange(fake_google.url, code, verifier, **overrides)
        assert (response.status_code, response.json()["error"]) == (status, error), overrides
    unknown = exchange(fake_google.url, "4/0fake-unknown", verifier).json()
    assert unknown == {"error": "invalid_grant", "error_description": "Malformed auth code."}
    assert exchange(fake_google.url, code, None).json()["error_description"] == (
        "Missing code verifier."
    )
    assert exchange(fake_google.url, code, "v" * 50).json()["error_description"] == (
        "Invalid code verifier."
    )
    # Failed attempts do not burn the code; the right one still works.
    assert exchange(fake_google.url, code, verifier).status_code == 200


def test_code_reuse_is_refused_and_revokes_its_tokens(fake_google):
    verifier, challenge = pkce()
    code = query(fake_google.approve(auth_url(fake_google.url, challenge))["location"])["code"]
    first = exchange(fake_google.url, code, verifier).json()
    again = exchange(fake_google.url, code, verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert refresh(fake_google.url, first["refresh_token"]).status_code == 400


def test_expired_code(fake_google):
    verifier, challenge = pkce()
    code = query(fake_google.approve(auth_url(fake_google.url, challenge))["location"])["code"]
    fake_google.advance(601)
    assert exchange(fake_google.url, code, verifier).json()["error"] == "invalid_grant"


def test_basic_auth_client_credentials(fake_google):
    verifier, challenge = pkce()
    code = query(fake_google.approve(auth_url(fake_google.url, challenge))["location"])["code"]
    response = requests.post(
        fake_google.url + "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "code_verifier": verifier,
        },
        auth=(EE_CLIENT_ID, EE_CLIENT_SECRET),
        timeout=5,
    )
    assert response.status_code == 200


def refresh(base: str, token: str, **extra) -> requests.Response:
    data = {
        "grant_type": "refresh_token",
        "refresh_token": token,
        "client_id": EE_CLIENT_ID,
        "client_secret": EE_CLIENT_SECRET,
        **extra,
    }
    return requests.post(base + "/token", data=data, timeout=5)


def test_refresh_revoke_userinfo_tokeninfo(fake_google):
    tokens = sign_in(fake_google)
    renewed = refresh(fake_google.url, tokens["refresh_token"])
    assert renewed.status_code == 200
    body = renewed.json()
    assert body["access_token"] != tokens["access_token"] and "id_token" in body
    assert "refresh_token" not in body
    narrowed = refresh(fake_google.url, tokens["refresh_token"], scope=EE_SCOPES[0]).json()
    assert narrowed["scope"] == EE_SCOPES[0] and "id_token" not in narrowed
    wider = refresh(fake_google.url, tokens["refresh_token"], scope="https://mail.google.com/")
    assert wider.json()["error"] == "invalid_scope"

    for path in ("/v1/userinfo", "/oauth2/v3/userinfo"):
        info = requests.get(
            fake_google.url + path, headers={"Authorization": "Bearer " + body["access_token"]}
        )
        assert info.json() == {
            "sub": "100000000000000000001",
            "email": "alice@example.com",
            "email_verified": True,
        }
    tokeninfo = requests.get(
        fake_google.url + "/tokeninfo", params={"access_token": body["access_token"]}
    ).json()
    assert tokeninfo["aud"] == EE_CLIENT_ID and tokeninfo["email"] == "alice@example.com"
    assert int(tokeninfo["expires_in"]) > 3500

    revoked = requests.post(fake_google.url + "/revoke", data={"token": tokens["refresh_token"]})
    assert revoked.status_code == 200 and revoked.json() == {}
    assert fake_google.state.revoked == [tokens["refresh_token"]]
    after = refresh(fake_google.url, tokens["refresh_token"])
    assert after.status_code == 400
    assert after.json() == {
        "error": "invalid_grant",
        "error_description": "Token has been expired or revoked.",
    }
    info = requests.get(
        fake_google.url + "/v1/userinfo",
        headers={"Authorization": "Bearer " + body["access_token"]},
    )
    assert info.status_code == 401 and "WWW-Authenticate" in info.headers
    again = requests.post(fake_google.url + "/revoke", params={"token": tokens["refresh_token"]})
    assert again.status_code == 400 and again.json()["error"] == "invalid_token"
    bad = requests.get(fake_google.url + "/tokeninfo", params={"access_token": "ya29.nope"})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_token"
    summary = requests.get(fake_google.url + "/_control/state", timeout=5).json()
    assert summary["revoked"] == 1 and summary["codes_used"] == 1


def test_revoking_access_token_revokes_grant(fake_google):
    tokens = sign_in(fake_google)
    assert requests.post(fake_google.url + "/revoke", data={"token": tokens["access_token"]}).ok
    assert refresh(fake_google.url, tokens["refresh_token"]).status_code == 400


def test_userinfo_needs_identity_scope_and_refresh_needs_same_client(fake_google):
    tokens = sign_in(fake_google, scopes=EE_SCOPES[:2])
    assert "id_token" not in tokens
    info = requests.get(
        fake_google.url + "/v1/userinfo",
        headers={"Authorization": "Bearer " + tokens["access_token"]},
    )
    assert info.status_code == 401 and "insufficient_scope" in info.headers["WWW-Authenticate"]
    other_client = requests.post(
        fake_google.url + "/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "client_id": CUSTOM_CLIENT_ID,
            "client_secret": "fake-custom-secret",
        },
    )
    assert other_client.json()["error"] == "invalid_grant"


def test_account_errors_show_google_error_page(fake_google):
    fake_google.set_account_error("bob@example.com", "org_internal")
    url = auth_url(fake_google.url, None)
    response = consent_via_form(url, account="bob@example.com")
    assert response.status_code == 403 and "Error 403: org_internal" in response.text
    assert "Location" not in response.headers
    assert fake_google.approve(url, "bob@example.com") == {
        "error": "org_internal",
        "error_description": "bob@example.com cannot use this app.",
    }
    assert "location" in fake_google.approve(url, "alice@example.com")


def test_drop_scopes_grants_fewer(fake_google):
    fake_google.drop_scopes(EE_SCOPES[1])
    tokens = sign_in(fake_google)
    assert tokens["scope"].split() == [s for s in EE_SCOPES if s != EE_SCOPES[1]]


def test_consent_form_is_single_use(fake_google):
    page = requests.get(auth_url(fake_google.url, None), timeout=5)
    data = {"request_id": form_request_id(page.text), "account": "alice@example.com"}
    data["decision"] = "allow"
    first = requests.post(fake_google.url + "/o/oauth2/approve", data=data, allow_redirects=False)
    second = requests.post(fake_google.url + "/o/oauth2/approve", data=data, allow_redirects=False)
    assert (first.status_code, second.status_code) == (302, 400)


def test_gcloud_auth_code_page_shows_the_code(fake_google):
    """gcloud's remote login redirects to Google's auth-code page, which shows the code: the
    fake shows it itself (no redirect to sdk.cloud.google.com), and the code exchanges."""
    from testing.fake_gcloud import AUTH_PROXY_REDIRECT_URI, register_gcloud_client
    from testing.fake_google import GCLOUD_CLIENT_SECRET
    from testing.fake_google.jwt_tools import s256

    register_gcloud_client(fake_google)
    verifier = "v" * 43
    url = auth_url(
        fake_google.url,
        s256(verifier),
        client_id=GCLOUD_CLIENT_ID,
        redirect_uri=AUTH_PROXY_REDIRECT_URI,
        scope="openid https://www.googleapis.com/auth/cloud-platform",
    )
    page = requests.get(url, timeout=5)
    data = {"request_id": form_request_id(page.text), "account": "alice@example.com"}
    shown = requests.post(
        fake_google.url + "/o/oauth2/approve",
        data={**data, "decision": "allow"},
        allow_redirects=False,
        timeout=5,
    )
    assert shown.status_code == 200 and "Location" not in shown.headers
    assert "gcloud CLI" in shown.text
    code = re.search(r'<code id="code"[^>]*>([^<]+)</code>', shown.text).group(1)
    tokens = requests.post(
        fake_google.url + "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": GCLOUD_CLIENT_ID,
            "client_secret": GCLOUD_CLIENT_SECRET,
            "redirect_uri": AUTH_PROXY_REDIRECT_URI,
            "code_verifier": verifier,
        },
        timeout=5,
    )
    assert tokens.status_code == 200 and tokens.json()["refresh_token"]


def test_service_account_jwt_bearer(fake_google):
    import time

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    from testing.fake_google.jwt_tools import b64url

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    email = "robot@fake-project.iam.gserviceaccount.com"
    pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    fake_google.control("service-accounts", {"email": email, "public_key_pem": pem.decode()})
    now = int(time.time())
    claims = {
        "iss": email,
        "aud": fake_google.url + "/token",
        "scope": "https://www.googleapis.com/auth/cloud-platform",
        "iat": now,
        "exp": now + 3600,
    }
    head = b64url(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    signing_input = f"{head}.{b64url(json.dumps(claims).encode())}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    grant = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    good = requests.post(
        fake_google.url + "/token",
        data={"grant_type": grant, "assertion": f"{signing_input}.{b64url(signature)}"},
    )
    assert good.status_code == 200 and good.json()["access_token"].startswith("ya29.fake-")
    forged = requests.post(
        fake_google.url + "/token",
        data={"grant_type": grant, "assertion": f"{signing_input}.{b64url(b'x' * 256)}"},
    )
    assert forged.json()["error"] == "invalid_grant"
