"""check_refresh: valid / invalid_grant / unreachable, bounded in time, cached by digest."""

import base64
import json
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jupyterlab_google_auth.credentials import validity
from jupyterlab_google_auth.credentials.validity import check_refresh

CLIENT = {"client_id": "111111111111-custom.apps.googleusercontent.com", "client_secret": "s"}


def fake_id_token(email: str) -> str:
    def part(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'RS256'})}.{part({'email': email, 'sub': '1'})}.c2ln"


class TokenEndpoint(BaseHTTPRequestHandler):
    """A minimal token endpoint; the behaviour is chosen by the refresh token."""

    hits: list[dict] = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        form = dict(urllib.parse.parse_qsl(body))
        self.hits.append(form)
        token = form.get("refresh_token")
        if token == "slow":
            time.sleep(2)
        if token == "good":
            status, reply = (
                200,
                {
                    "access_token": "ya29.x",
                    "expires_in": 3599,
                    "token_type": "Bearer",
                    "scope": "openid https://www.googleapis.com/auth/earthengine",
                    "id_token": fake_id_token("alice@example.com"),
                },
            )
        elif token == "broken-server":
            status, reply = 503, {"error": "server_error"}
        elif token == "gone-client":
            status, reply = 401, {"error": "invalid_client"}
        else:
            status, reply = 400, {"error": "invalid_grant", "error_description": "Bad Request"}
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def endpoint():
    TokenEndpoint.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), TokenEndpoint)
    server.daemon_threads = True  # a handler still sleeping must not hold up the teardown
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    validity.clear_cache()
    yield f"http://127.0.0.1:{server.server_address[1]}/token"
    server.shutdown()
    server.server_close()
    validity.clear_cache()


def test_valid_token(endpoint):
    result = check_refresh({"refresh_token": "good", **CLIENT}, endpoint)
    assert result == {
        "valid": True,
        "error": None,
        "account": "alice@example.com",
        "scopes": ["openid", "https://www.googleapis.com/auth/earthengine"],
    }
    assert TokenEndpoint.hits[0]["grant_type"] == "refresh_token"
    assert TokenEndpoint.hits[0]["client_id"] == CLIENT["client_id"]


def test_uses_given_token_uri_not_the_files(endpoint):
    info = {"refresh_token": "good", "token_uri": "http://127.0.0.1:9/nowhere", **CLIENT}
    assert check_refresh(info, endpoint)["valid"] is True


def test_invalid_grant(endpoint):
    result = check_refresh({"refresh_token": "revoked", **CLIENT}, endpoint)
    assert result["valid"] is False and result["error"] == "invalid_grant"


def test_invalid_client(endpoint):
    result = check_refresh({"refresh_token": "gone-client", **CLIENT}, endpoint)
    assert result["valid"] is False and result["error"] == "invalid_client"


def test_server_error_is_undecided_without_retries(endpoint):
    start = time.monotonic()
    result = check_refresh({"refresh_token": "broken-server", **CLIENT}, endpoint, timeout=3)
    assert result["valid"] is None and result["error"] == "unreachable"
    assert len(TokenEndpoint.hits) == 1 and time.monotonic() - start < 1


def test_timeout_is_bounded(endpoint):
    start = time.monotonic()
    result = check_refresh({"refresh_token": "slow", **CLIENT}, endpoint, timeout=0.3)
    assert time.monotonic() - start < 1.5
    assert result == {"valid": None, "error": "unreachable", "account": None, "scopes": None}


def test_connection_refused_is_unreachable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    validity.clear_cache()
    result = check_refresh({"refresh_token": "x", **CLIENT}, f"http://127.0.0.1:{port}/token")
    assert result["valid"] is None and result["error"] == "unreachable"


def test_missing_fields_do_not_call_the_endpoint(endpoint):
    result = check_refresh({"refresh_token": "good", "client_id": "c"}, endpoint)
    assert result["valid"] is False and result["error"] == "missing_fields"
    assert TokenEndpoint.hits == []


def test_results_are_cached(endpoint, monkeypatch):
    info = {"refresh_token": "good", **CLIENT}
    for _ in range(3):
        assert check_refresh(info, endpoint)["valid"] is True
    assert len(TokenEndpoint.hits) == 1
    # Another token, client or endpoint is another entry.
    check_refresh({"refresh_token": "revoked", **CLIENT}, endpoint)
    assert len(TokenEndpoint.hits) == 2
    real = time.monotonic
    # A good answer lasts as long as the access token it got (3599 s here, less the margin):
    # a status check every minute of an idle hour costs Google nothing more.
    monkeypatch.setattr(validity.time, "monotonic", lambda: real() + 3000)
    check_refresh(info, endpoint)
    assert len(TokenEndpoint.hits) == 2
    # A refusal is asked about again after DEFAULT_TTL (the user may have fixed it elsewhere).
    check_refresh({"refresh_token": "revoked", **CLIENT}, endpoint)
    assert len(TokenEndpoint.hits) == 3
    # Once the access token would have expired, the endpoint is asked again.
    monkeypatch.setattr(validity.time, "monotonic", lambda: real() + 3599)
    check_refresh(info, endpoint)
    assert len(TokenEndpoint.hits) == 4


def test_cache_keys_hold_no_token(endpoint):
    check_refresh({"refresh_token": "good", **CLIENT}, endpoint)
    assert all("good" not in key and len(key) == 64 for key in validity._cache)
