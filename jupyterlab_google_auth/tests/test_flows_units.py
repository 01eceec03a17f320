"""The pieces of flows/ on their own: error table, scopes, inputs, client files, transport."""

import logging
import os
from types import SimpleNamespace

import pytest

from jupyterlab_google_auth import scopes as scope_lib
from jupyterlab_google_auth.clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from jupyterlab_google_auth.credentials.google_http import email_from_id_token
from jupyterlab_google_auth.flows.custom_client import (
    ClientSecretError,
    CustomClients,
    parse_client_secret,
)
from jupyterlab_google_auth.flows.errors import TABLE, flow_error, from_oauth, plain_text
from jupyterlab_google_auth.flows.exchange import exchange_code
from jupyterlab_google_auth.flows.model import Flow, OAuthClient, Secrets
from jupyterlab_google_auth.flows.modes import KNOWN_MODES, MODE_CLASSES
from jupyterlab_google_auth.flows.modes.base import check_code, code_from_redirect
from jupyterlab_google_auth.flows.pkce import nonce, s256
from jupyterlab_google_auth.flows.transport import check_endpoint, flow_deadline, library_url
from testing.fake_google import ALICE, custom_client_secret_json
from testing.fake_google.jwt_tools import make_jwt

# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(TABLE))
def test_every_error_reads_well(code):
    error = flow_error(code, "DETAIL")
    assert error.code == code and error.message and error.help
    assert "{" not in error.message and "{" not in error.help
    assert 400 <= error.status < 600


def test_google_text_is_plain():
    error = flow_error("invalid_grant", google="<b>Bad</b>\x00 \u202eRequest &amp; more")
    assert error.message.endswith("Google said: Bad Request & more")
    assert len(plain_text("x" * 1000)) == 300
    assert plain_text(None) == "" and plain_text(5) == ""


@pytest.mark.parametrize(
    "error, code",
    [
        ("access_denied", "access_denied"),
        ("invalid_grant", "invalid_grant"),
        ("unauthorized_client", "unauthorized_client"),
        ("temporarily_unavailable", "endpoint_unavailable"),
        ("interaction_required", "oauth_error"),
        ("state_mismatch", "oauth_error"),  # only we say that
        ("write_failed", "oauth_error"),
        (None, "oauth_error"),
    ],
)
def test_oauth_errors_map(error, code):
    assert from_oauth(error).code == code


def test_unknown_oauth_error_names_only_a_safe_code():
    assert "(interaction_required)" in from_oauth("interaction_required").message
    assert "<" not in from_oauth("<script>").message


# -- scopes ----------------------------------------------------------------------------------


def test_earthengine_preset_is_what_ee_asks_for():
    from ee import oauth

    assert list(scope_lib.PRESETS["earthengine"]) == list(oauth.SCOPES)


def test_scopes_are_normalised_and_checked():
    assert scope_lib.parse_scopes(["email", "cloud-platform", "openid", "cloud-platform"]) == [
        scope_lib.EMAIL,
        scope_lib.GOOGLE + "cloud-platform",
        "openid",
    ]
    assert scope_lib.parse_scopes(["https://mail.google.com/"]) == ["https://mail.google.com/"]
    for bad in (["a b"], ["http://x/"], [""], "x", [], ["javascript:alert(1)"]):
        with pytest.raises(scope_lib.ScopeError):
            scope_lib.parse_scopes(bad)


def test_identity_scopes_are_added_but_never_required():
    asked = scope_lib.with_identity([scope_lib.GOOGLE + "cloud-platform"])
    assert asked[-2:] == ["openid", scope_lib.EMAIL]
    assert scope_lib.missing(asked, [scope_lib.GOOGLE + "cloud-platform"]) == []
    assert scope_lib.missing(asked, ["openid"]) == [scope_lib.GOOGLE + "cloud-platform"]


# -- pasted input ----------------------------------------------------------------------------


def test_redirect_urls():
    state = nonce()
    url = f"http://127.0.0.1:1/?state={state}&code=4/0Ab-c_d&scope=openid%20email"
    assert code_from_redirect(url, state) == "4/0Ab-c_d"
    assert code_from_redirect(url + "#frag", state) == "4/0Ab-c_d"
    assert code_from_redirect(url.replace("4/", "4%2F"), state) == "4/0Ab-c_d"
    assert code_from_redirect(f"127.0.0.1:1/?code=4/x&state={state}", state) == "4/x"
    for bad, code in [
        (url.replace(state, state[:-1]), "state_mismatch"),
        (f"{url}&state={state}", "state_mismatch"),
        (f"http://127.0.0.1:1/?state={state}", "no_code"),
        (f"http://127.0.0.1:1/?state={state}&code=a&code=b", "no_code"),
        (f"http://127.0.0.1:1/?state={state}&error=access_denied", "access_denied"),
        (f"http://127.0.0.1:1/?state={state}&code=<x>", "bad_code"),
    ]:
        with pytest.raises(Exception) as info:
            code_from_redirect(bad, state)
        assert info.value.code == code and info.value.status == 400, bad


def test_bare_codes():
    assert check_code("4%2F0AbC") == "4/0AbC"
    for bad in ("4/ab cd", "x" * 3000, "https://x/?code=1", "<b>", "é"):
        with pytest.raises(Exception) as info:
            check_code(bad)
        assert info.value.code == "bad_code"


# -- client files ----------------------------------------------------------------------------


def test_client_secret_parsing():
    client = parse_client_secret(custom_client_secret_json("https://x.example"))
    assert client.kind == "custom" and client.client_id.endswith(".apps.googleusercontent.com")
    assert "fake-custom-secret" not in repr(client)
    with pytest.raises(ClientSecretError) as info:
        parse_client_secret({"installed": {"client_id": "a"}})
    assert "installed.client_secret, installed.auth_uri, installed.token_uri" in str(info.value)


def test_admin_file_is_reread_when_it_changes(tmp_path):
    path = tmp_path / "client.json"
    clients = CustomClients()
    assert clients.resolve(str(path)).problem  # missing file: a problem, not an exception
    path.write_text('{"installed": {}}')
    assert "missing" in clients.resolve(str(path)).problem
    import json

    path.write_text(json.dumps(custom_client_secret_json("https://x.example")) + " ")
    found = clients.resolve(str(path))
    assert found.source == "admin" and found.client is not None
    uploaded = custom_client_secret_json("https://y.example", client_id="9-up")
    admin = SimpleNamespace(**{k: uploaded["installed"][k] for k in ("token_uri", "auth_uri")})
    clients.upload(uploaded, admin)  # its endpoints are the administrator's: trusted
    assert clients.resolve(str(path)).source == "upload"
    clients.clear()
    assert clients.resolve(str(path)).source == "admin"


# -- transport -------------------------------------------------------------------------------


def test_endpoint_policy():
    for ok in ("https://oauth2.googleapis.com/token", "http://127.0.0.9:5/t", "http://[::1]:1/t"):
        check_endpoint(ok)
    check_endpoint("http://localhost/token")
    for bad in ("http://example.com/token", "ftp://127.0.0.1/", "http://10.0.0.1/", "nonsense"):
        with pytest.raises(Exception) as info:
            check_endpoint(bad)
        assert info.value.code == "insecure_endpoint"
    assert library_url("http://127.0.0.1:5/token") == "https://127.0.0.1:5/token"
    assert library_url("http://example.com/token") == "http://example.com/token"


def test_deadline_runs_out():
    deadline = flow_deadline(0)
    with pytest.raises(Exception) as info:
        deadline.remaining("X")
    assert info.value.code == "endpoint_timeout" and "X did not answer" in info.value.message


def test_exchange_against_the_fake_without_process_wide_switches(fake_google):
    """Plain http to the loopback fake and a narrowed grant, with no OAUTHLIB_* variable."""
    endpoints = fake_google.endpoints()
    verifier, state = nonce(), nonce()
    asked = scope_lib.with_identity(scope_lib.PRESETS["earthengine"])
    fake_google.drop_scopes(scope_lib.GOOGLE + "drive")
    from urllib.parse import quote, urlencode

    url = (
        endpoints["auth_uri"]
        + "?"
        + urlencode(
            {
                "client_id": EE_CLIENT_ID,
                "redirect_uri": "http://127.0.0.1:9/",
                "response_type": "code",
                "scope": " ".join(asked),
                "state": state,
                "code_challenge": s256(verifier),
                "code_challenge_method": "S256",
            },
            quote_via=quote,
        )
    )
    location = fake_google.approve(url, ALICE)["location"]
    code = code_from_redirect(location, state)
    grant = exchange_code(
        client=OAuthClient("earthengine", EE_CLIENT_ID, EE_CLIENT_SECRET),
        code=code,
        code_verifier=verifier,
        redirect_uri="http://127.0.0.1:9/",
        scopes=asked,
        auth_uri=endpoints["auth_uri"],
        token_uri=endpoints["token_uri"],
        userinfo_uri=endpoints["userinfo_uri"],
        deadline=flow_deadline(5),
    )
    assert grant.account == ALICE and grant.refresh_token in fake_google.state.refresh_tokens
    assert grant.missing_scopes == [scope_lib.GOOGLE + "drive"]
    assert not [k for k in os.environ if k.startswith("OAUTHLIB_")]


def test_library_debug_logs_stay_off():
    # requests-oauthlib logs request bodies (code, verifier) and tokens at DEBUG.
    assert logging.getLogger("requests_oauthlib").getEffectiveLevel() >= logging.INFO


# -- model and modes -------------------------------------------------------------------------


def test_id_token_account():
    assert email_from_id_token(make_jwt({"email": ALICE})) == ALICE
    for bad in (None, "x", "a.b.c", make_jwt({"sub": "1"}), make_jwt({"email": 5})):
        assert email_from_id_token(bad) is None


def test_view_never_holds_secrets():
    secrets = Secrets(state="S" * 43, code_verifier="V" * 43, client_verifier="C" * 43)
    secrets.client = OAuthClient("custom", "id", "TOPSECRET")
    flow = Flow("id", "u", "notebook", "code", "earthengine", ["adc"], ["openid"], 0, 600)
    flow.secrets = secrets
    text = repr(flow) + str(flow.view()) + repr(secrets)
    for value in ("S" * 43, "V" * 43, "C" * 43, "TOPSECRET"):
        assert value not in text
    assert flow.view()["expires_at"] == "1970-01-01T00:10:00Z"


def test_modes_are_registered_once():
    names = [cls.name for cls in MODE_CLASSES]
    assert len(names) == len(set(names)) and set(names) <= set(KNOWN_MODES)
    for cls in MODE_CLASSES:
        assert cls.expects in ("callback", "code", "redirect_url")
        assert cls.default_client in cls.clients
