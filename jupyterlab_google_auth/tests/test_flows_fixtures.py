"""Fixtures shared by the test_flows_* files (imported from them; no tests here).

``api`` talks to a real Jupyter server (pytest-jupyter, token auth, XSRF on) and keeps every
response body; ``secret_scan`` then checks that none of them holds a token, a client secret, a
verifier, an authorization code, or a flow's state outside its consent URL.
"""

import json
import os
import stat
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_google_auth.clients import EE_CLIENT_SECRET
from jupyterlab_google_auth.credentials.store import CredentialStore
from testing.fake_google import (
    CUSTOM_CLIENT_SECRET,
    EE_NOTEBOOK_CLIENT_SECRET,
    GCLOUD_CLIENT_SECRET,
    WEB_CLIENT_SECRET,
    custom_client_secret_json,
)

CLIENT_SECRETS = (
    EE_CLIENT_SECRET,
    EE_NOTEBOOK_CLIENT_SECRET,
    CUSTOM_CLIENT_SECRET,
    WEB_CLIENT_SECRET,
    GCLOUD_CLIENT_SECRET,
)


class Api:
    """The server API as the panel uses it; answers (status, parsed body), never raises."""

    def __init__(self, jp_fetch, http_server_client, base_url: str, token: str) -> None:
        self._fetch = jp_fetch
        self._client = http_server_client
        self._token = token
        self._cookie: str | None = None
        self.base_url = base_url
        self.bodies: list[str] = []

    async def call(self, method: str, *parts: str, body=None, raw=None, allow_5xx=False):
        kwargs = {"method": method}
        if method in ("POST", "PUT", "PATCH"):
            kwargs["body"] = raw if raw is not None else json.dumps(body or {})
        try:
            response = await self._fetch("google-auth", *parts, **kwargs)
        except HTTPClientError as exc:
            response = exc.response
        text = response.body.decode("utf-8", "replace")
        self.bodies.append(text)
        assert allow_5xx or response.code < 500, (method, parts, response.code, text)
        assert response.headers["Content-Type"].startswith("application/json"), text
        return response.code, json.loads(text)

    async def start(self, **body):
        return await self.call("POST", "flows", body=body)

    async def get(self, flow_id: str):
        return await self.call("GET", "flows", flow_id)

    async def complete(self, flow_id: str, **body):
        return await self.call("POST", "flows", flow_id, "complete", body=body)

    async def cancel(self, flow_id: str):
        return await self.call("DELETE", "flows", flow_id)

    async def callback(self, location: str, *, cookie: str | None = None):
        """Follow Google's redirect to the callback as the browser does: no Jupyter token, the
        browser's Jupyter login cookie (``cookie``; by default one from logging in with the
        server's token, as the user who started the flow did; ``""`` for none)."""
        if cookie is None:
            if self._cookie is None:
                self._cookie = await login_cookie(self._client, self.base_url, self._token)
            cookie = self._cookie
        parts = urlsplit(location)
        response = await self._client.fetch(
            f"{parts.path}?{parts.query}",
            headers={"Cookie": cookie} if cookie else {},
            raise_error=False,
            follow_redirects=False,
        )
        text = response.body.decode("utf-8", "replace")
        self.bodies.append(text)
        assert response.code < 500, text
        return response.code, text


async def upload_custom_client(api, fake_google):
    status, info = await api.call(
        "PUT", "custom-client", body={"client_secret": custom_client_secret_json(fake_google.url)}
    )
    assert status == 200 and info["configured"] is True
    return info


async def login_cookie(client, base_url: str, password: str) -> str:
    """Log in at Jupyter's /login form as a browser does (XSRF on): GET the form for the
    ``_xsrf`` cookie, POST the token or password, keep the login cookie it sets. Answers a
    ``Cookie`` header value holding both."""
    form = await client.fetch(f"{base_url}login", raise_error=False, follow_redirects=False)
    assert form.code == 200, form.code
    jar = SimpleCookie()
    for header in form.headers.get_list("Set-Cookie"):
        jar.load(header)
    xsrf = jar["_xsrf"].value
    answer = await client.fetch(
        f"{base_url}login",
        method="POST",
        body=urlencode({"password": password, "_xsrf": xsrf}),
        headers={"Cookie": f"_xsrf={xsrf}"},
        raise_error=False,
        follow_redirects=False,
    )
    assert answer.code == 302, (answer.code, answer.body[:300])
    for header in answer.headers.get_list("Set-Cookie"):
        jar.load(header)
    assert any(name.startswith("username-") for name in jar), "no login cookie was set"
    return "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())


@pytest.fixture
def registry(jp_serverapp):
    return jp_serverapp.web_app.settings["google_auth_state"].flows


@pytest.fixture
def settings(jp_serverapp):
    settings = jp_serverapp.web_app.settings["google_auth"]
    settings.http_timeout = 3.0  # keep failing tests fast; slow-endpoint tests lower it
    return settings


@pytest.fixture
def origin(jp_http_port):
    return f"http://127.0.0.1:{jp_http_port}"


@pytest.fixture
def api(jp_fetch, http_server_client, jp_base_url, jp_serverapp, registry, settings, fake_google):
    token = jp_serverapp.identity_provider.token
    api = Api(jp_fetch, http_server_client, jp_base_url, token)
    yield api
    secret_scan(api.bodies, registry, fake_google)


def secret_scan(bodies, registry, fake_google) -> None:
    """No response body holds a secret; a state may appear only inside a consent_url."""
    state = fake_google.state
    secrets = set(CLIENT_SECRETS)
    secrets |= set(state.refresh_tokens) | set(state.access_tokens) | set(state.codes)
    states = set()
    for flow in registry.flows.values():
        s = flow.secrets
        secrets |= {v for v in (s.code_verifier, s.client_verifier) if v}
        if s.client is not None:
            secrets.add(s.client.client_secret)
        if s.state:
            states.add(s.state)
    for text in bodies:
        try:
            stripped = json.dumps(_without_consent_url(json.loads(text)))
        except ValueError:
            stripped = text  # the callback's HTML page: nothing may appear in it
        for secret in secrets:
            assert secret not in text, f"secret leaked in {text[:200]}"
        for value in states:
            assert value not in stripped, f"state leaked in {text[:200]}"


def _without_consent_url(data):
    if isinstance(data, dict):
        return {k: _without_consent_url(v) for k, v in data.items() if k != "consent_url"}
    if isinstance(data, list):
        return [_without_consent_url(v) for v in data]
    return data


def stored_files():
    """{target: parsed JSON} of the credential files, after checking they are 0600."""
    paths = CredentialStore().paths
    found = {}
    for target, path in (("earthengine", paths.earthengine), ("adc", paths.adc)):
        if path.exists():
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
            assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700, path.parent
            found[target] = json.loads(path.read_text())
    return found
