import requests

from testing.fake_google import custom_client_secret_json, endpoints, web_client_secret_json

from .helpers import auth_url, exchange, pkce, query


def test_log_has_routes_without_queries(fake_google):
    requests.get(fake_google.url + "/tokeninfo?access_token=secret", timeout=5)
    requests.get(fake_google.url + "/v1/projects", timeout=5)
    log = requests.get(fake_google.url + "/_control/log", timeout=5).json()
    assert [(e["route"], e["method"], e["path"]) for e in log] == [
        ("tokeninfo", "GET", "/tokeninfo"),
        ("crm_projects", "GET", "/v1/projects"),
    ]
    assert all(isinstance(e["time"], float) for e in log)
    assert fake_google.log("tokeninfo")[0]["path"] == "/tokeninfo"


def test_reset_and_state_summary(fake_google):
    fake_google.set_metadata(enabled=True)
    requests.post(fake_google.url + "/_control/reset", timeout=5).raise_for_status()
    assert fake_google.state.metadata.enabled is False
    summary = requests.get(fake_google.url + "/_control/state", timeout=5).json()
    assert summary["revoked"] == 0 and summary["codes_used"] == 0


def test_registered_client_and_secret_json_helpers(fake_google):
    spec = {
        "client_id": "333-extra.apps.googleusercontent.com",
        "client_secret": "extra-secret",
        "name": "Extra",
    }
    assert requests.post(fake_google.url + "/_control/clients", json=spec, timeout=5).ok
    verifier, challenge = pkce()
    url = auth_url(fake_google.url, challenge, client_id=spec["client_id"])
    code = query(fake_google.approve(url)["location"])["code"]
    response = exchange(
        fake_google.url,
        code,
        verifier,
        client_id=spec["client_id"],
        client_secret=spec["client_secret"],
    )
    assert response.status_code == 200

    installed = custom_client_secret_json(fake_google.url)["installed"]
    assert installed["token_uri"] == fake_google.url + "/token"
    assert installed["client_secret"] == "fake-custom-secret"
    assert "web" in web_client_secret_json(fake_google.url)


def test_endpoints():
    assert endpoints("http://127.0.0.1:1234") == {
        "auth_uri": "http://127.0.0.1:1234/o/oauth2/auth",
        "token_uri": "http://127.0.0.1:1234/token",
        "revoke_uri": "http://127.0.0.1:1234/revoke",
        "userinfo_uri": "http://127.0.0.1:1234/v1/userinfo",
        "ee_client_auth_uri": "http://127.0.0.1:1234/client-auth",
        "crm_uri": "http://127.0.0.1:1234",
        "serviceusage_uri": "http://127.0.0.1:1234",
        "ee_api_uri": "http://127.0.0.1:1234",
        "generativelanguage_uri": "http://127.0.0.1:1234",
        "iamcredentials_uri": "http://127.0.0.1:1234",
        "metadata_host": "127.0.0.1:1234",
    }
