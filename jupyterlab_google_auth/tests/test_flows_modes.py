"""Each sign-in mode end to end through a real Jupyter server and the fake Google, plus the
rules every flow follows: single use, expiry, caps, cancel, "already signed in", XSRF.
Every response body is scanned for secrets when each test ends (see test_flows_fixtures)."""

# The shared fixtures are imported by name (tests/ is not a package and conftest.py is shared),
# so each test argument "redefines" one: F811 is expected here.
# ruff: noqa: F811

import json
import re
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

from test_flows_fixtures import (  # noqa: F401
    api,
    origin,
    registry,
    settings,
    stored_files,
    upload_custom_client,
)

from jupyterlab_google_auth.clients import EE_CLIENT_ID
from testing.fake_google import (
    ALICE,
    BOB,
    CUSTOM_CLIENT_ID,
    CUSTOM_CLIENT_SECRET,
    EE_NOTEBOOK_CLIENT_ID,
    custom_client_secret_json,
)
from testing.signed_in import sign_in

EE = "https://www.googleapis.com/auth/earthengine"
CLOUD = "https://www.googleapis.com/auth/cloud-platform"
DRIVE = "https://www.googleapis.com/auth/drive"


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def assert_files_hold(fake_google, targets, client_id, account=ALICE):
    files = stored_files()
    assert sorted(files) == sorted(targets)
    tokens = {t for t, rt in fake_google.state.refresh_tokens.items() if rt.account == account}
    for target, data in files.items():
        assert data["refresh_token"] in tokens
    if "adc" in files:
        assert files["adc"]["type"] == "authorized_user"
        assert files["adc"]["client_id"] == client_id
        assert files["adc"]["account"] == account
    return files


# -- loopback --------------------------------------------------------------------------------


async def test_loopback_end_to_end(api, fake_google, origin, jp_base_url):
    status, view = await api.start(mode="loopback", origin=origin)
    assert status == 201
    assert view["state"] == "pending" and view["expects"] == "callback"
    assert view["client"] == "earthengine" and view["targets"] == ["earthengine", "adc"]
    assert view["expires_at"].endswith("Z") and view["notes"]
    assert set(view) >= {"id", "mode", "consent_url", "scopes"}
    params = query(view["consent_url"])
    assert params["redirect_uri"] == f"{origin}{jp_base_url}google-auth/oauth2callback"
    assert params["client_id"] == EE_CLIENT_ID and params["code_challenge_method"] == "S256"
    assert params["access_type"] == "offline" and params["prompt"] == "consent"
    assert len(params["state"]) >= 43 and EE in params["scope"].split()

    answer = fake_google.approve(view["consent_url"], ALICE, "allow")
    status, page = await api.callback(answer["location"])
    assert status == 200
    assert "Signed in as alice@example.com. You can close this tab." in page

    status, view = await api.get(view["id"])
    assert view["state"] == "succeeded"
    result = view["result"]
    assert result["account"] == ALICE and EE in result["scopes"]
    assert [f["target"] for f in result["files"]] == ["earthengine", "adc"]
    files = assert_files_hold(fake_google, ["earthengine", "adc"], EE_CLIENT_ID)
    assert "client_id" not in files["earthengine"]  # ee's own client is implied

    # The state is single use: the same redirect again is refused, nothing changes.
    status, page = await api.callback(answer["location"])
    assert status == 400 and "already used" in page


async def test_loopback_needs_a_loopback_origin(api):
    for browser_origin in ("https://hub.example.org", None, "null"):
        status, body = await api.start(mode="loopback", origin=browser_origin)
        assert status == 400 and body["code"] == "mode_unavailable", body
        assert body["message"] and body["help"]


async def test_loopback_deny_fails_the_flow(api, fake_google, origin):
    _, view = await api.start(mode="loopback", origin=origin)
    answer = fake_google.approve(view["consent_url"], ALICE, "deny")
    status, page = await api.callback(answer["location"])
    assert status == 400 and "not granted" in page
    _, view = await api.get(view["id"])
    assert view["state"] == "failed" and view["error"]["code"] == "access_denied"
    assert stored_files() == {}


async def test_callback_errors_are_explained(api, fake_google, origin):
    cases = {
        "org_internal": "org_internal",
        "admin_policy_enforced": "admin_policy_enforced",
        "server_error": "endpoint_unavailable",
        "x<b>": "oauth_error",
    }
    for error, expected in cases.items():
        _, view = await api.start(mode="loopback", origin=origin)
        params = query(view["consent_url"])
        location = f"{params['redirect_uri']}?state={params['state']}&error={error}"
        status, page = await api.callback(location)
        assert status == 400 and "<b>" not in page, error
        _, view = await api.get(view["id"])
        assert view["error"]["code"] == expected, (error, view)


async def test_callback_with_unknown_or_missing_code(api, fake_google, origin):
    _, view = await api.start(mode="loopback", origin=origin)
    redirect = query(view["consent_url"])["redirect_uri"]
    status, page = await api.callback(redirect + "?state=" + "A" * 43 + "&code=4/x")
    assert status == 400 and "not recognised" in page
    _, still = await api.get(view["id"])
    assert still["state"] == "pending"  # a wrong state touches no flow
    state = query(view["consent_url"])["state"]
    status, page = await api.callback(redirect + f"?state={state}")
    assert status == 400
    _, view = await api.get(view["id"])
    assert view["error"]["code"] == "no_code"


# -- notebook ------------------------------------------------------------------------------


async def test_notebook_end_to_end(api, fake_google, settings):
    status, view = await api.start(mode="notebook")
    assert status == 201 and view["expects"] == "code" and view["client"] == "earthengine"
    assert view["consent_url"].startswith(settings.ee_client_auth_uri + "?scopes=")
    params = query(view["consent_url"])
    assert set(params) == {"scopes", "request_id", "tc", "cc"}
    assert EE in params["scopes"].split(" ")

    code = fake_google.approve(view["consent_url"], BOB, "allow")["code"]
    status, view = await api.complete(view["id"], code=f"  {code}\n")  # pasted with blanks
    assert status == 200 and view["state"] == "succeeded", view
    assert view["result"]["account"] == BOB
    files = assert_files_hold(fake_google, ["earthengine", "adc"], EE_NOTEBOOK_CLIENT_ID, BOB)
    # Not ee's public client, so the EE file names the client (ee reads it from there).
    assert files["earthengine"]["client_id"] == EE_NOTEBOOK_CLIENT_ID
    assert files["earthengine"]["client_secret"]
    token_posts = [e for e in fake_google.log("token")]
    # One call to Google's token endpoint: the exchange. The answer also carries the
    # credentials report (the front end needs no GET credentials), which knows the new grant
    # is good without asking Google again.
    assert len(token_posts) == 1 and fake_google.log("client_auth_fetch")
    used = view["credentials"]["used_by"]["earthengine"]
    assert used == "earthengine"
    ee_source = next(s for s in view["credentials"]["sources"] if s["name"] == used)
    assert ee_source["valid"] is True

    status, body = await api.complete(view["id"], code=code)
    assert status == 409 and body["code"] == "not_pending"


async def test_notebook_takes_only_a_code(api, fake_google):
    _, view = await api.start(mode="notebook")
    status, body = await api.complete(view["id"], redirect_url="http://127.0.0.1:1/?code=x")
    assert status == 400 and body["code"] == "bad_input"
    status, body = await api.complete(view["id"], code="http://127.0.0.1:1/?code=4/abc")
    assert status == 400 and body["code"] == "bad_code"
    _, view = await api.get(view["id"])
    assert view["state"] == "pending"


async def test_notebook_refuses_a_custom_client(api):
    status, body = await api.start(mode="notebook", client="custom")
    assert status == 400 and body["code"] == "mode_unavailable"


async def test_wrong_client_verifier_is_client_auth_failed(api, fake_google, registry):
    _, view = await api.start(mode="notebook")
    code = fake_google.approve(view["consent_url"], ALICE, "allow")["code"]
    registry.flows[view["id"]].secrets.client_verifier = "W" * 43
    _, view = await api.complete(view["id"], code=code)
    assert view["error"]["code"] == "client_auth_failed"
    assert "Client verifier does not match" in view["error"]["message"]


# -- paste-url -----------------------------------------------------------------------------


async def test_paste_url_end_to_end(api, fake_google):
    await upload_custom_client(api, fake_google)
    status, view = await api.start(mode="paste-url", preset="gemini")
    assert status == 201 and view["expects"] == "redirect_url" and view["client"] == "custom"
    assert view["targets"] == ["adc"]
    params = query(view["consent_url"])
    assert params["redirect_uri"] == "http://127.0.0.1:1/"
    assert params["client_id"] == CUSTOM_CLIENT_ID

    location = fake_google.approve(view["consent_url"], ALICE, "allow")["location"]
    assert location.startswith("http://127.0.0.1:1/?")
    status, view = await api.complete(view["id"], redirect_url=f"\t{location}  ")
    assert status == 200 and view["state"] == "succeeded", view
    files = assert_files_hold(fake_google, ["adc"], CUSTOM_CLIENT_ID)
    assert files["adc"]["client_secret"] == CUSTOM_CLIENT_SECRET
    assert "generative-language.retriever" in " ".join(view["result"]["scopes"])


async def test_paste_url_accepts_a_bare_code(api, fake_google):
    await upload_custom_client(api, fake_google)
    _, view = await api.start(mode="paste-url", preset="cloud")
    location = fake_google.approve(view["consent_url"], ALICE, "allow")["location"]
    code = query(location)["code"]
    _, view = await api.complete(view["id"], code=code)
    assert view["state"] == "succeeded"


async def test_paste_url_state_checks(api, fake_google):
    await upload_custom_client(api, fake_google)
    _, first = await api.start(mode="paste-url", preset="cloud")
    _, second = await api.start(mode="paste-url", preset="cloud")
    stale = fake_google.approve(first["consent_url"], ALICE, "allow")["location"]
    # A URL from another flow, a URL without state, a tampered state: all refused, flow alive.
    bad = [stale, re.sub(r"state=[^&]+&?", "", stale), stale.replace("state=", "state=x")]
    for url in bad:
        status, body = await api.complete(second["id"], redirect_url=url)
        assert status == 400 and body["code"] == "state_mismatch", (url, body)
    _, view = await api.get(second["id"])
    assert view["state"] == "pending"
    # The right URL still works for the first flow.
    _, view = await api.complete(first["id"], redirect_url=stale)
    assert view["state"] == "succeeded"


async def test_paste_url_with_denial_in_the_url(api, fake_google):
    await upload_custom_client(api, fake_google)
    _, view = await api.start(mode="paste-url", preset="cloud")
    location = fake_google.approve(view["consent_url"], ALICE, "deny")["location"]
    status, body = await api.complete(view["id"], redirect_url=location)
    assert status == 400 and body["code"] == "access_denied"
    _, view = await api.get(view["id"])
    assert view["state"] == "pending"  # the user may open the consent link again


async def test_paste_url_needs_a_custom_client(api):
    status, body = await api.start(mode="paste-url")
    assert status == 400 and body["code"] == "no_custom_client"
    status, body = await api.start(mode="paste-url", client="earthengine")
    assert status == 400 and body["code"] == "mode_unavailable"


async def test_admin_client_from_settings(api, fake_google, settings, tmp_path):
    path = tmp_path / "client_secret.json"
    path.write_text(json.dumps(custom_client_secret_json(fake_google.url)))
    settings.client_secrets_file = str(path)
    status, info = await api.call("GET", "custom-client")
    assert info == {
        "configured": True,
        "source": "admin",
        "client_id": CUSTOM_CLIENT_ID,
        "project_number": "111111111111",
    }
    status, view = await api.start(mode="paste-url", preset="cloud")
    assert status == 201 and query(view["consent_url"])["client_id"] == CUSTOM_CLIENT_ID


async def test_scope_dropped_by_google_is_a_note(api, fake_google, origin):
    fake_google.drop_scopes(DRIVE)
    _, view = await api.start(mode="loopback", origin=origin)
    location = fake_google.approve(view["consent_url"], ALICE, "allow")["location"]
    await api.callback(location)
    _, view = await api.get(view["id"])
    assert view["state"] == "succeeded"
    assert DRIVE not in view["result"]["scopes"]
    assert DRIVE in view["result"]["scope_note"]
    assert stored_files()["earthengine"]["scopes"] == view["result"]["scopes"]


async def test_loopback_with_custom_client(api, fake_google, origin):
    await upload_custom_client(api, fake_google)
    _, view = await api.start(mode="loopback", origin=origin, client="custom", preset="cloud")
    location = fake_google.approve(view["consent_url"], ALICE, "allow")["location"]
    status, page = await api.callback(location)
    assert status == 200
    assert_files_hold(fake_google, ["adc"], CUSTOM_CLIENT_ID)


# -- rules of every flow -------------------------------------------------------------------


async def test_expiry(api, fake_google, registry, origin):
    _, view = await api.start(mode="loopback", origin=origin)
    _, other = await api.start(mode="notebook")
    location = fake_google.approve(view["consent_url"], ALICE, "allow")["location"]
    code = fake_google.approve(other["consent_url"], ALICE, "allow")["code"]
    real = registry.clock
    registry.clock = lambda: real() + 601
    _, expired = await api.get(view["id"])
    assert expired["state"] == "expired" and expired["error"]["code"] == "flow_expired"
    status, page = await api.callback(location)
    assert status == 400 and "expired" in page
    status, body = await api.complete(other["id"], code=code)
    assert status == 409 and body["code"] == "not_pending"
    assert stored_files() == {}
    # Long after, finished flows are forgotten.
    registry.clock = lambda: real() + 601 + 700
    status, body = await api.get(view["id"])
    assert status == 404 and body["code"] == "unknown_flow"


async def test_cap_per_user(api, settings):
    settings.max_pending_flows = 2
    ids = []
    for _ in range(2):
        status, view = await api.start(mode="notebook")
        assert status == 201
        ids.append(view["id"])
    status, body = await api.start(mode="notebook")
    assert status == 429 and body["code"] == "too_many_flows"
    status, view = await api.cancel(ids[0])
    assert status == 200 and view["state"] == "cancelled"
    status, _ = await api.start(mode="notebook")
    assert status == 201


async def test_cancel(api, fake_google, origin):
    _, view = await api.start(mode="loopback", origin=origin)
    location = fake_google.approve(view["consent_url"], ALICE, "allow")["location"]
    status, cancelled = await api.cancel(view["id"])
    assert status == 200 and cancelled["state"] == "cancelled"
    status, page = await api.callback(location)
    assert status == 400 and "cancelled" in page
    status, again = await api.cancel(view["id"])
    assert status == 200 and again["state"] == "cancelled"
    assert stored_files() == {}


async def test_flows_of_another_user_are_unknown(api, registry):
    _, view = await api.start(mode="notebook")
    registry.flows[view["id"]].user = "somebody-else"
    for call in (api.get(view["id"]), api.cancel(view["id"]), api.complete(view["id"], code="4/x")):
        status, body = await call
        assert status == 404 and body["code"] == "unknown_flow"


def _write_signed_in(fake_google, scopes, targets=("earthengine", "adc")):
    sign_in(fake_google, scopes, targets=targets)


async def test_already_signed_in_and_force(api, fake_google):
    _write_signed_in(
        fake_google, [EE, CLOUD, DRIVE, "https://www.googleapis.com/auth/devstorage.full_control"]
    )
    status, body = await api.start(mode="notebook")
    assert status == 200
    assert body["already_signed_in"] is True and body["account"] == ALICE
    assert body["source"] == "earthengine" and EE in body["scopes"]
    status, view = await api.start(mode="notebook", force=True)
    assert status == 201 and view["state"] == "pending"


async def test_missing_scope_or_target_starts_a_flow(api, fake_google):
    _write_signed_in(fake_google, [CLOUD])
    status, _ = await api.start(mode="notebook")  # Earth Engine scopes missing
    assert status == 201
    status, body = await api.start(mode="notebook", preset="cloud", targets=["adc"])
    assert status == 200 and body["source"] == "adc"


async def test_revoked_credentials_start_a_flow(api, fake_google):
    _write_signed_in(fake_google, [CLOUD], targets=["adc"])
    for token in list(fake_google.state.refresh_tokens.values()):
        token.revoked = True
    status, _ = await api.start(mode="notebook", preset="cloud", targets=["adc"])
    assert status == 201


async def test_cookie_post_without_xsrf_is_refused(jp_fetch, http_server_client, jp_base_url):
    # A token request sets the login cookie; a browser-like request then carries only it.
    response = await jp_fetch("google-auth", "custom-client")
    jar = SimpleCookie()
    for header in response.headers.get_list("Set-Cookie"):
        jar.load(header)
    cookie = "; ".join(f"{k}={m.value}" for k, m in jar.items())
    url = f"{jp_base_url}google-auth/flows"
    body = json.dumps({"mode": "notebook"})
    refused = await http_server_client.fetch(
        url, method="POST", body=body, headers={"Cookie": cookie}, raise_error=False
    )
    assert refused.code == 403
    xsrf = "2|aaaaaaaa|" + "b" * 32 + "|1700000000"
    accepted = await http_server_client.fetch(
        url,
        method="POST",
        body=body,
        headers={"Cookie": f"{cookie}; _xsrf={xsrf}", "X-XSRFToken": xsrf},
        raise_error=False,
    )
    assert accepted.code == 201, accepted.body
