"""Everything that can go wrong in a flow, through the real server and the fake Google's fault
injection: each answer is a plain {code, message, help}, never a 500, never a secret."""

# The shared fixtures are imported by name (tests/ is not a package and conftest.py is shared),
# so each test argument "redefines" one: F811 is expected here.
# ruff: noqa: F811

import json
import socket

import pytest
from test_flows_fixtures import (  # noqa: F401
    api,
    origin,
    registry,
    secret_scan,
    settings,
    stored_files,
)

from jupyterlab_google_auth.help import HELP
from testing.fake_google import (
    ALICE,
    CUSTOM_CLIENT_SECRET,
    custom_client_secret_json,
    web_client_secret_json,
)


def token_fault(status, body):
    return {"route": "token", "status": status, "body": json.dumps(body)}


async def notebook_code(api, fake_google):
    """A started notebook flow and the code the user would paste."""
    status, view = await api.start(mode="notebook")
    assert status == 201
    return view, fake_google.approve(view["consent_url"], ALICE, "allow")["code"]


async def finish_with_fault(api, fake_google, **fault):
    view, code = await notebook_code(api, fake_google)
    fake_google.set_faults(**fault)
    status, view = await api.complete(view["id"], code=code)
    assert status == 200, (fault, view)
    assert view["state"] == "failed" and stored_files() == {}, (fault, view)
    error = view["error"]
    assert error["message"] and error["help"] and "<" not in error["message"]
    return error


# -- faults of the token endpoint and of Earth Engine's client-auth/fetch ---------------------


FAULTS = [
    ({"route": "token", "status": 503}, "endpoint_unavailable"),
    ({"route": "token", "status": 502, "body": "html"}, "endpoint_unavailable"),
    ({"route": "token", "status": 429}, "endpoint_unavailable"),
    ({"route": "token", "status": 200, "body": "malformed"}, "malformed_response"),
    ({"route": "token", "status": 200, "body": "html"}, "malformed_response"),
    ({"route": "token", "status": 200, "body": "empty"}, "malformed_response"),
    ({"route": "token", "status": 200, "body": "[1, 2]"}, "malformed_response"),
    ({"route": "token", "status": 403, "body": "html"}, "malformed_response"),
    (
        {"route": "token", "status": 200, "body": '{"token_type": "Bearer"}'},
        "malformed_response",
    ),
    (
        {
            "route": "token",
            "status": 200,
            "body": '{"access_token": "a", "token_type": "Bearer"}',
        },
        "no_refresh_token",
    ),
    (
        {"route": "token", "status": 500, "body": '{"error": "server_error"}'},
        "endpoint_unavailable",
    ),
    (
        {
            "route": "token",
            "status": 401,
            "body": '{"error": "invalid_client", "error_description": "<b>Unauthorized</b>"}',
        },
        "invalid_client",
    ),
    (
        {"route": "token", "status": 400, "body": '{"error": "unauthorized_client"}'},
        "unauthorized_client",
    ),
    ({"route": "token", "status": 400, "body": '{"error": "invalid_scope"}'}, "invalid_scope"),
    (
        {"route": "token", "status": 400, "body": '{"error": "redirect_uri_mismatch"}'},
        "redirect_uri_mismatch",
    ),
    ({"route": "token", "status": 400, "body": '{"error": "org_internal"}'}, "org_internal"),
    (
        {"route": "token", "status": 400, "body": '{"error": "admin_policy_enforced"}'},
        "admin_policy_enforced",
    ),
    # An OAuth server may not pose as one of our own codes.
    ({"route": "token", "status": 400, "body": '{"error": "state_mismatch"}'}, "oauth_error"),
    ({"route": "client_auth_fetch", "status": 503}, "endpoint_unavailable"),
    ({"route": "client_auth_fetch", "status": 200, "body": "html"}, "malformed_response"),
    ({"route": "client_auth_fetch", "status": 200, "body": "malformed"}, "malformed_response"),
    ({"route": "client_auth_fetch", "status": 200, "body": "{}"}, "malformed_response"),
    (
        {"route": "client_auth_fetch", "status": 200, "body": '{"error": "Request expired."}'},
        "client_auth_failed",
    ),
]


async def test_faults_are_explained(api, fake_google):
    # One server for every case (a server per case would cost ~0.3 s each).
    for fault, code in FAULTS:
        error = await finish_with_fault(api, fake_google, **fault)
        assert error["code"] == code, (fault, error)
        if "Unauthorized" in fault.get("body", ""):
            assert "Google said: Unauthorized" in error["message"]


@pytest.mark.parametrize("route", ["token", "client_auth_fetch"])
async def test_slow_endpoint_times_out(api, fake_google, settings, route):
    settings.http_timeout = 0.4
    error = await finish_with_fault(api, fake_google, route=route, delay=1.0)
    assert error["code"] == "endpoint_timeout"


async def test_unreachable_token_endpoint(api, fake_google, settings):
    view, code = await notebook_code(api, fake_google)
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.token_uri = f"http://127.0.0.1:{port}/token"
    _, view = await api.complete(view["id"], code=code)
    assert view["error"]["code"] == "endpoint_unavailable"


async def test_plain_http_elsewhere_is_refused(api, settings):
    settings.token_uri = "http://oauth2.example.com/token"
    status, body = await api.call("POST", "flows", body={"mode": "notebook"}, allow_5xx=True)
    assert status == 503 and body["code"] == "insecure_endpoint"


async def test_no_identity_in_token_falls_back_to_userinfo(api, fake_google):
    # Strip the id_token: the account then comes from userinfo with the access token.
    view, code = await notebook_code(api, fake_google)
    state = fake_google.state
    record = state.codes[code]
    token = state.issue_access_token(record.client_id, ALICE, record.scopes)
    refresh = state.issue_refresh_token(record.client_id, ALICE, record.scopes)
    body = {
        "access_token": token.value,
        "refresh_token": refresh.value,
        "token_type": "Bearer",
        "expires_in": 3599,
        "scope": " ".join(record.scopes),
    }
    fake_google.set_faults(route="token", status=200, body=json.dumps(body))
    _, view = await api.complete(view["id"], code=code)
    assert view["state"] == "succeeded" and view["result"]["account"] == ALICE
    assert fake_google.log("userinfo")


async def test_write_failure_is_reported(api, fake_google, tmp_path):
    # A directory where the ADC file should be: the store refuses, the flow says where.
    from jupyterlab_google_auth.credentials.store import CredentialStore

    CredentialStore().paths.adc.mkdir(parents=True)
    view, code = await notebook_code(api, fake_google)
    _, view = await api.complete(view["id"], code=code)
    assert view["state"] == "failed" and view["error"]["code"] == "write_failed"
    assert "application_default_credentials.json" in view["error"]["message"]


# -- hostile or malformed requests ------------------------------------------------------------

HOSTILE_STARTS = [
    {},
    {"mode": 1},
    {"mode": "x" * 1000},
    {"mode": "<script>"},
    {"mode": "notebook", "scopes": "cloud-platform"},
    {"mode": "notebook", "scopes": [1]},
    {"mode": "notebook", "scopes": []},
    {"mode": "notebook", "scopes": ["a b"]},
    {"mode": "notebook", "scopes": ["javascript:alert(1)"]},
    {"mode": "notebook", "scopes": ["x" * 300]},
    {"mode": "notebook", "scopes": ["cloud-platform"] * 31},
    {"mode": "notebook", "preset": "nope"},
    {"mode": "notebook", "preset": 5},
    {"mode": "notebook", "targets": "adc"},
    {"mode": "notebook", "targets": []},
    {"mode": "notebook", "targets": ["gcloud"]},
    {"mode": "notebook", "targets": [{}]},
    {"mode": "notebook", "client": 5},
    {"mode": "notebook", "client": "web"},
    {"mode": "loopback", "origin": 5},
    {"mode": "loopback", "origin": "javascript:alert(1)"},
    {"mode": "loopback", "origin": "http://a@127.0.0.1"},
    {"mode": "loopback", "origin": "http://127.0.0.1:8888/path"},
    {"mode": "loopback", "origin": "http://\u202e127.0.0.1"},
    {"mode": "notebook", "force": "yes"},
    {"mode": "paste-url", "client": "custom"},
]


# One server per test costs ~0.2 s, so hostile cases loop inside a test; each assertion
# message names its case.
async def test_hostile_starts_are_400s(api):
    for body in HOSTILE_STARTS:
        status, answer = await api.start(**body)
        assert 400 <= status < 500, (body, answer)
        assert answer["code"] and answer["message"] and answer["help"], body


HOSTILE_BODIES = [b"", b"[]", b'"x"', b"{", b"\xff\xfe", b"[" * 40000, b"{" + b" " * 70000 + b"}"]


async def test_hostile_bodies(api):
    for raw in HOSTILE_BODIES:
        for method, path in (("POST", "flows"), ("PUT", "custom-client")):
            status, answer = await api.call(method, path, raw=raw)
            assert 400 <= status < 500 and answer["code"], (raw[:20], answer)


HOSTILE_INPUTS = [
    {},
    {"code": 5},
    {"code": None},
    {"code": ""},
    {"code": "   \n"},
    {"code": "x" * 5000},
    {"code": "4/abc", "redirect_url": "http://127.0.0.1:1/?code=4/abc"},
    {"code": "4/\u0000abc"},
    {"code": "4/abc def"},
    {"code": "<script>alert(1)</script>"},
    {"code": "http://127.0.0.1:1/?state=x&code=4/abc"},
    {"redirect_url": "http://127.0.0.1:1/?" + "&".join(["a=b"] * 1000)},
    {"redirect_url": "http://[::1"},
    {"redirect_url": "\u202ehttp://127.0.0.1:1/?state=x&code=y"},
    {"redirect_url": ["http://127.0.0.1:1/"]},
]


@pytest.mark.parametrize("mode", ["notebook", "paste-url"])
async def test_hostile_completes_are_400s(api, fake_google, mode):
    if mode == "paste-url":
        secret = custom_client_secret_json(fake_google.url)
        await api.call("PUT", "custom-client", body={"client_secret": secret})
    _, view = await api.start(mode=mode, preset="cloud")
    for body in HOSTILE_INPUTS:
        status, answer = await api.complete(view["id"], **body)
        assert 400 <= status < 500, (body, answer)
        assert answer["code"] and answer["help"], body
        assert "<script>" not in answer["message"], body
    _, view = await api.get(view["id"])
    assert view["state"] == "pending"  # bad input never ends a flow


async def test_complete_of_a_loopback_flow_is_refused(api, origin):
    _, view = await api.start(mode="loopback", origin=origin)
    status, answer = await api.complete(view["id"], code="4/abc")
    assert status == 400 and answer["code"] == "bad_input"


async def test_unknown_flow_ids(api, registry):
    """A malformed id is 400 ``bad_id`` (with help); a well-formed one nobody started, 404."""
    for flow_id in ("..%2F..%2Fetc", "x" * 3000, "%00", "%E2%80%AE", "abc"):
        for call in (api.get(flow_id), api.cancel(flow_id), api.complete(flow_id, code="4/x")):
            status, answer = await call
            assert (status, answer["code"]) == (400, "bad_id"), flow_id
            assert answer["help"] == HELP["bad_id"] and flow_id not in answer["message"]
    unknown = registry.instance + ".AAAAAAAAAAAAAAAA"
    for call in (api.get(unknown), api.cancel(unknown), api.complete(unknown, code="4/x")):
        status, answer = await call
        assert (status, answer["code"]) == (404, "unknown_flow"), answer


HOSTILE_CALLBACKS = [
    "?state=" + "s" * 3000 + "&code=4/x",
    "?state=abc&code=<script>",
    "?state=abc&error=<b>x</b>",
    "?state=&code=",
    "?state=abc&state=def",
]


async def test_hostile_callbacks(api, jp_base_url):
    for query in HOSTILE_CALLBACKS:
        url = f"http://127.0.0.1{jp_base_url}google-auth/oauth2callback{query}"
        status, page = await api.callback(url)
        assert status == 400 and "<script>" not in page and "<b>x" not in page, query


# -- custom client -------------------------------------------------------------------------


async def test_custom_client_cycle(api, fake_google):
    status, info = await api.call("GET", "custom-client")
    assert (status, info) == (200, {"configured": False, "source": None})
    status, info = await api.call(
        "PUT", "custom-client", body={"client_secret": custom_client_secret_json(fake_google.url)}
    )
    assert info["source"] == "upload" and info["project_number"] == "111111111111"
    assert CUSTOM_CLIENT_SECRET not in json.dumps(info)
    status, info = await api.call("DELETE", "custom-client")
    assert (status, info) == (200, {"configured": False, "source": None})


def _without(field):
    data = custom_client_secret_json("https://accounts.example")
    del data["installed"][field]
    return data


BAD_CLIENT_FILES = [
    (web_client_secret_json("https://x.example"), "web_client", "Desktop app"),
    (_without("client_secret"), "bad_client_secret", "installed.client_secret"),
    (_without("token_uri"), "bad_client_secret", "installed.token_uri"),
    (_without("client_id"), "bad_client_secret", "installed.client_id"),
    ({"other": {}}, "bad_client_secret", '"installed"'),
    ({"installed": []}, "bad_client_secret", "not an object"),
    ("a string", "bad_client_secret", "JSON object"),
    ([], "bad_client_secret", "JSON object"),
    (
        {"installed": {**_without("auth_uri")["installed"], "auth_uri": 5}},
        "bad_client_secret",
        "installed.auth_uri",
    ),
    (
        {"installed": {**_without("auth_uri")["installed"], "auth_uri": "a\nb"}},
        "bad_client_secret",
        "control",
    ),
]


async def test_custom_client_validation(api):
    for secret, code, words in BAD_CLIENT_FILES:
        status, answer = await api.call("PUT", "custom-client", body={"client_secret": secret})
        assert status == 400 and answer["code"] == code and words in answer["message"], answer
    _, info = await api.call("GET", "custom-client")
    assert info["configured"] is False


async def test_custom_client_body_must_name_the_file(api):
    status, answer = await api.call("PUT", "custom-client", body={"installed": {}})
    assert status == 400 and answer["code"] == "bad_client_secret"


async def test_broken_admin_file_is_not_configured(api, settings, tmp_path):
    path = tmp_path / "client_secret.json"
    path.write_text("{not json")
    settings.client_secrets_file = str(path)
    _, info = await api.call("GET", "custom-client")
    assert info == {"configured": False, "source": None}
    status, answer = await api.start(mode="paste-url")
    assert status == 400 and answer["code"] == "no_custom_client"
    assert "client_secret.json" in answer["message"]


def test_secret_scan_catches_a_leak(fake_google):
    token = fake_google.state.issue_refresh_token("c", ALICE, ["openid"]).value

    class NoFlows:
        flows = {}

    with pytest.raises(AssertionError):
        secret_scan([json.dumps({"x": token})], NoFlows(), fake_google)
    with pytest.raises(AssertionError):
        secret_scan([CUSTOM_CLIENT_SECRET], NoFlows(), fake_google)
