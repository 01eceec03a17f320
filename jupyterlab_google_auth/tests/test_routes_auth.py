"""Every route of the extension refuses a request that carries no Jupyter credentials.

The walk reads the routes from the running server, so a route added later is covered
without editing this test. The OAuth callback is the documented exception: it is open
without the token, but answers nothing but a page unless the state is live and the browser
carries the Jupyter login of the flow's owner (test_callback_owner.py).
"""

import re

import pytest

from jupyterlab_google_auth.handlers.callback import OAuthCallbackHandler

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
GROUP = re.compile(r"\(\?P<\w+>[^)]*\)|\([^)]*\)")


def extension_routes(serverapp):
    """(path, handler class) for every route under <base_url>google-auth/."""
    found = []
    for rule in serverapp.web_app.default_router.rules:
        for inner in getattr(rule.target, "rules", []):
            pattern = getattr(inner.matcher, "regex", None)
            if pattern is not None and "/google-auth/" in pattern.pattern:
                path = GROUP.sub("abc", pattern.pattern).rstrip("$")
                found.append((path, inner.target))
    return found


def implemented(handler, method):
    from tornado.web import RequestHandler

    own = getattr(handler, method.lower(), None)
    return own is not None and own is not getattr(RequestHandler, method.lower())


async def test_routes_are_registered(jp_serverapp):
    paths = {p.rsplit("google-auth/", 1)[1] for p, _ in extension_routes(jp_serverapp)}
    assert {"environment", "credentials", "oauth2callback"} <= paths


async def test_every_route_rejects_requests_without_token(
    jp_serverapp, jp_http_port, http_server_client
):
    client = http_server_client
    checked = 0
    for path, handler in extension_routes(jp_serverapp):
        for method in METHODS:
            if not implemented(handler, method):
                continue
            body = b"{}" if method in ("POST", "PUT", "PATCH") else None
            url = f"{path}?origin=http://127.0.0.1:1"
            response = await client.fetch(url, method=method, body=body, raise_error=False)
            checked += 1
            if handler is OAuthCallbackHandler:
                assert response.code == 400, (method, path, response.code)
                assert b"not recognised" in response.body
            else:
                assert response.code in (401, 403), (method, path, response.code)
                assert b"class" not in response.body and b"sources" not in response.body
    assert checked >= 3


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        ("?state=", 400),
        ("?state=" + "x" * 5000, 400),
        ("?error=access_denied", 400),
        ("?state=nope&code=4/abc", 403),  # a state, but no Jupyter login: not even looked up
    ],
)
async def test_callback_rejects_anything_but_a_live_state(
    jp_serverapp, jp_http_port, http_server_client, query, status
):
    url = f"{jp_serverapp.base_url}google-auth/oauth2callback{query}"
    response = await http_server_client.fetch(url, raise_error=False)
    assert response.code == status
    assert response.headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
