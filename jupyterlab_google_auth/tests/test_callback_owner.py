"""The OAuth callback belongs to the Jupyter user who started the flow (issue 9, point 1).

Google's redirect carries no API token, so the callback is open without it; what it requires is
the Jupyter login the browser carries as a cookie for this origin. Under the stock token/password
identity provider any valid login will do (its users are anonymous, see handlers/owner.py);
under a provider that names users (JupyterHub's), only the user who started the flow. Without
it the browser gets a page saying where to open the link, and the flow stays pending with its
state still usable. XSRF checks are on (conftest.py), and the login cookies come from Jupyter's
own /login form, as a browser gets them.
"""

# The shared fixtures are imported by name (tests/ is not a package): F811 is expected here.
# ruff: noqa: F811

from urllib.parse import parse_qs, urlsplit

import pytest
from jupyter_server.auth.identity import IdentityProvider, User
from test_flows_fixtures import (  # noqa: F401
    api,
    login_cookie,
    origin,
    registry,
    settings,
    stored_files,
)

from testing.fake_google import ALICE, BOB

REFUSAL = "Open this link in the browser where Jupyter is signed in"
BOB_TOKEN = "bobs-own-token"


class TwoUsers(IdentityProvider):
    """An identity provider that names its users, as JupyterHub's does: the server's token is
    alice's, BOB_TOKEN is bob's. Each logs in at /login and gets a cookie naming them."""

    def _named(self, secret: str) -> User | None:
        if secret and secret == self.token:
            return User("alice")
        if secret == BOB_TOKEN:
            return User("bob")
        return None

    async def get_user_token(self, handler) -> User | None:
        return self._named(self.get_token(handler) or "")

    def process_login_form(self, handler) -> User | None:
        return self._named(handler.get_argument("password", default=""))


@pytest.fixture
def jp_server_config(jp_server_config, request):
    if request.node.get_closest_marker("named_users"):
        jp_server_config["ServerApp"]["identity_provider_class"] = TwoUsers
    return jp_server_config


def state_of(consent_url: str) -> str:
    return parse_qs(urlsplit(consent_url).query)["state"][0]


async def started_and_approved(api, fake_google, origin):
    """A loopback flow the owner started, and Google's redirect after ALICE chose Allow."""
    status, view = await api.start(mode="loopback", origin=origin)
    assert status == 201, view
    location = fake_google.approve(view["consent_url"], ALICE, "allow")["location"]
    return view, location


async def assert_still_pending(api, registry, view) -> None:
    status, again = await api.get(view["id"])
    assert status == 200 and again["state"] == "pending", again
    # The state is still live: not consumed, not marked dead.
    assert registry._callback_states.get(state_of(view["consent_url"])) == view["id"]
    assert stored_files() == {}


# -- the stock token/password identity provider ----------------------------------------------


async def test_stock_provider_needs_a_login_cookie(
    api, fake_google, origin, registry, jp_serverapp
):
    assert type(jp_serverapp.identity_provider) is not TwoUsers
    view, location = await started_and_approved(api, fake_google, origin)

    # Google's redirect in a browser without any Jupyter login (no token, no cookie).
    status, page = await api.callback(location, cookie="")
    assert status == 403 and REFUSAL in page, page
    assert "still waiting" in page
    await assert_still_pending(api, registry, view)

    # A forged or stale login cookie is no login either.
    status, page = await api.callback(location, cookie="username-127-0-0-1=forged; _xsrf=x")
    assert status == 403 and REFUSAL in page
    await assert_still_pending(api, registry, view)

    # The same link in the browser that logged in to Jupyter (any valid login) finishes it.
    status, page = await api.callback(location)
    assert status == 200 and "Signed in as alice@example.com" in page, page
    status, done = await api.get(view["id"])
    assert done["state"] == "succeeded" and done["result"]["account"] == ALICE
    assert sorted(stored_files()) == ["adc", "earthengine"]


async def test_refusal_says_nothing_about_the_state(api, jp_base_url):
    """Without a login, a live state and a made-up one get the same page."""
    url = f"http://127.0.0.1{jp_base_url}google-auth/oauth2callback?state={'A' * 43}&code=4/x"
    status, page = await api.callback(url, cookie="")
    assert status == 403 and REFUSAL in page
    assert "not recognised" not in page


# -- an identity provider that names users (JupyterHub-like) ----------------------------------


@pytest.mark.named_users
async def test_named_users_only_the_owner_finishes(
    api, fake_google, origin, registry, jp_serverapp, http_server_client, jp_base_url, jp_fetch
):
    assert type(jp_serverapp.identity_provider) is TwoUsers
    view, location = await started_and_approved(api, fake_google, origin)  # alice started it
    assert registry.flows[view["id"]].user == "alice"

    # Bob, logged in to this Jupyter server in his own browser, opens the leaked consent link
    # and consents with his own Google account: the redirect carries alice's state.
    bob_cookie = await login_cookie(http_server_client, jp_base_url, BOB_TOKEN)
    bob_location = fake_google.approve(view["consent_url"], BOB, "allow")["location"]
    for leaked in (location, bob_location):
        status, page = await api.callback(leaked, cookie=bob_cookie)
        assert status == 403 and REFUSAL in page, page
        await assert_still_pending(api, registry, view)

    # Bob cannot see or cancel it through the API either.
    response = await jp_fetch(
        "google-auth",
        "flows",
        view["id"],
        headers={"Authorization": f"token {BOB_TOKEN}"},
        raise_error=False,
    )
    assert response.code == 404

    # No login at all: refused the same way.
    status, page = await api.callback(location, cookie="")
    assert status == 403 and REFUSAL in page
    await assert_still_pending(api, registry, view)

    # Alice's own browser (her login cookie) finishes it with her consent.
    alice_cookie = await login_cookie(
        http_server_client, jp_base_url, jp_serverapp.identity_provider.token
    )
    status, page = await api.callback(location, cookie=alice_cookie)
    assert status == 200 and "Signed in as alice@example.com" in page, page
    files = stored_files()
    assert files["adc"]["account"] == ALICE
