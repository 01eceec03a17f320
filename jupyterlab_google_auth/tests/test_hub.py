"""The extension under a real JupyterHub (testing/hub): two users, named and shared servers.

The hub runs on 127.0.0.1 with the DummyAuthenticator and the SimpleLocalProcessSpawner, one
home per user, and passes the fake Google to each single-user server on its command line. Each
user is a ``requests`` session that logged in at the hub and followed its OAuth hop, as a
browser does, so every call carries only cookies and the _xsrf token.

"Non-loopback host name": the browser's origin is what the server classifies (the panel sends
``window.location.origin``); here the client says ``http://hub.test:<port>`` while its
connection goes to 127.0.0.1, which needs no /etc/hosts entry. The Galata test maps the name
for real with Chromium's host resolver rules.
"""

import json
import os
import stat
from urllib.parse import parse_qs, urlsplit

import pytest

from testing.fake_google import ALICE, BOB
from testing.hub import Hub, proxy_available

pytestmark = pytest.mark.skipif(
    not proxy_available(),
    reason="configurable-http-proxy is missing: `make testing/hub/node_modules/.installed`",
)

# Hub user names; their Google accounts are the fake's ALICE and BOB.
ANN, BEN = "ann", "ben"


@pytest.fixture(scope="module")
def hub(fake_google_server, tmp_path_factory):
    hub = Hub(tmp_path_factory.mktemp("hub"), fake_google_server.url).start()
    hub.prefixes = {user: hub.spawn(user) for user in (ANN, BEN)}
    yield hub
    hub.stop()


@pytest.fixture
def ann(hub, fake_google):
    browser = hub.browser(ANN)
    browser.open(hub.prefixes[ANN])
    return browser


@pytest.fixture
def ben(hub, fake_google):
    browser = hub.browser(BEN)
    browser.open(hub.prefixes[BEN])
    return browser


def ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.text[:500])
    return response.json()


def sign_in_loopback(browser, fake_google, prefix, account):
    flow = ok(
        browser.api(
            "POST", prefix, "flows", {"mode": "loopback", "origin": browser.hub.url, "force": True}
        ),
        201,
    )
    redirect = parse_qs(urlsplit(flow["consent_url"]).query)["redirect_uri"][0]
    assert redirect == f"{browser.hub.url}{prefix}google-auth/oauth2callback"
    location = fake_google.approve(flow["consent_url"], account, "allow")["location"]
    page = browser.follow(location)
    assert page.status_code == 200 and f"Signed in as {account}" in page.text, page.text
    return ok(browser.api("GET", prefix, f"flows/{flow['id']}"))


def sign_in_notebook(browser, fake_google, prefix, account):
    flow = ok(browser.api("POST", prefix, "flows", {"mode": "notebook", "force": True}), 201)
    code = fake_google.approve(flow["consent_url"], account, "allow")["code"]
    return ok(browser.api("POST", prefix, f"flows/{flow['id']}/complete", {"code": code}))


def stored(hub, user):
    """{target: file data} in the user's home; checks the modes on the way."""
    home = hub.home(user)
    files = {}
    for target, path in (
        ("earthengine", home / ".config/earthengine/credentials"),
        ("adc", home / ".config/gcloud/application_default_credentials.json"),
    ):
        if path.exists():
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
            # (gcloud's own directory may predate us with gcloud's mode; we never chmod it.)
            assert not stat.S_IMODE(os.stat(path.parent).st_mode) & 0o022
            files[target] = json.loads(path.read_text())
    return files


def tokens_of(fake_google, account):
    return {t for t, rt in fake_google.state.refresh_tokens.items() if rt.account == account}


def test_two_users_sign_in_into_their_own_homes(hub, ann, ben, fake_google):
    # ann: loopback through the hub's loopback origin.
    view = sign_in_loopback(ann, fake_google, hub.prefixes[ANN], ALICE)
    assert view["state"] == "succeeded" and view["result"]["account"] == ALICE

    # ben: a non-loopback host name; the environment says remote, JupyterHub, notebook mode.
    origin = f"http://hub.test:{hub.port}"
    env = ok(ben.api("GET", hub.prefixes[BEN], f"environment?origin={origin}"))
    assert env["class"] == "remote" and env["recommended_mode"] == "notebook"
    assert any("JupyterHub" in reason for reason in env["reasons"])
    assert env["modes"]["loopback"]["available"] is False
    view = sign_in_notebook(ben, fake_google, hub.prefixes[BEN], BOB)
    assert view["state"] == "succeeded" and view["result"]["account"] == BOB

    ann_files, ben_files = stored(hub, ANN), stored(hub, BEN)
    assert set(ann_files) == set(ben_files) == {"earthengine", "adc"}
    assert {f["refresh_token"] for f in ann_files.values()} <= tokens_of(fake_google, ALICE)
    assert {f["refresh_token"] for f in ben_files.values()} <= tokens_of(fake_google, BOB)
    assert ann_files["adc"]["account"] == ALICE and ben_files["adc"]["account"] == BOB

    # Each user's report names only their own account.
    for browser, user, account in ((ann, ANN, ALICE), (ben, BEN, BOB)):
        report = ok(browser.api("GET", hub.prefixes[user], "credentials"))
        accounts = {s["account"] for s in report["sources"] if s["account"]}
        assert accounts == {account}


def test_one_user_cannot_touch_the_others_flows_or_credentials(hub, ann, ben, fake_google):
    prefix = hub.prefixes[ANN]
    body = {"mode": "loopback", "origin": hub.url, "force": True}
    flow = ok(ann.api("POST", prefix, "flows", body), 201)

    # ben's cookies do not open ann's server: reading, cancelling, completing all refused.
    for method, path, body in (
        ("GET", f"flows/{flow['id']}", None),
        ("DELETE", f"flows/{flow['id']}", None),
        ("POST", f"flows/{flow['id']}/complete", {"code": "4/x"}),
        ("GET", "credentials", None),
        ("GET", "environment", None),
    ):
        answer = ben.api(method, prefix, path, body)
        assert answer.status_code in (302, 403), (method, path, answer.status_code)

    # A leaked consent link finished in ben's browser does not write into ann's home.
    location = fake_google.approve(flow["consent_url"], BOB, "allow")["location"]
    page = ben.follow(location)
    assert "Signed in" not in page.text
    assert ok(ann.api("GET", prefix, f"flows/{flow['id']}"))["state"] == "pending"
    assert BOB not in json.dumps(stored(hub, ANN))

    # ann's own browser still finishes it (a fresh consent: the leaked code was not used).
    location = fake_google.approve(flow["consent_url"], ALICE, "allow")["location"]
    assert "Signed in as" in ann.follow(location).text


def test_a_named_server_has_its_own_callback_path(hub, ann, fake_google):
    prefix = hub.spawn(ANN, "second")
    assert prefix == f"/user/{ANN}/second/"
    ann.open(prefix)
    view = sign_in_loopback(ann, fake_google, prefix, ALICE)
    assert view["state"] == "succeeded"


def test_a_shared_server_warns_its_visitor(hub, ann, ben, fake_google):
    prefix = hub.prefixes[ANN]
    sign_in_loopback(ann, fake_google, prefix, ALICE)
    hub.share(ANN, "", BEN)
    ben.open(prefix)

    env = ok(ben.api("GET", prefix, f"environment?origin={hub.url}"))
    shared = env["shared_server"]
    assert shared["owner"] == ANN and shared["visitor"] == BEN
    assert f"written into {ANN}'s home" in shared["warning"]
    assert ok(ann.api("GET", prefix, f"environment?origin={hub.url}"))["shared_server"] is None

    # The owner's account is not shown to a visitor who did not sign in here...
    report = ok(ben.api("GET", prefix, "credentials"))
    assert ALICE not in json.dumps(report)
    assert any(s.get("hidden") for s in report["sources"])
    assert ALICE in json.dumps(ok(ann.api("GET", prefix, "credentials")))

    # ...but once the visitor signs in (into the owner's home), their own account shows.
    sign_in_notebook(ben, fake_google, prefix, BOB)
    assert stored(hub, ANN)["adc"]["account"] == BOB
    report = ok(ben.api("GET", prefix, "credentials"))
    assert BOB in json.dumps(report)
