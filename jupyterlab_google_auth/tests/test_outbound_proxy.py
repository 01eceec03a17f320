"""Calls to Google follow HTTP_PROXY / HTTPS_PROXY / NO_PROXY as requests does; the metadata
probe never uses a proxy.

A small forward proxy on loopback records the absolute-form request lines it receives and
forwards them to the fake Google. The product is pointed at host names under ``google.test``
that only this proxy resolves (it maps them to the fake), so a call that bypassed the proxy
could not reach anything: it would fail to resolve the name.
"""

import asyncio
import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from jupyterlab_google_auth import outbound
from jupyterlab_google_auth.credentials import validity
from jupyterlab_google_auth.environment.metadata import probe_metadata
from jupyterlab_google_auth.flows import exchange
from jupyterlab_google_auth.projects.errors import GoogleCallError
from jupyterlab_google_auth.projects.http import Deadline, request_json

DOMAIN = "google.test"  # RFC 2606: never resolves anywhere but in the proxy below
CLIENT = {"client_id": "111111111111-custom.apps.googleusercontent.com", "client_secret": "s"}
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


class ForwardProxy:
    """A plain-HTTP forward proxy: ``*.google.test`` goes to ``target`` (host, port)."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.request_lines: list[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self):
                proxy.request_lines.append(self.requestline)
                parts = urlsplit(self.path)
                if not parts.hostname or not parts.hostname.endswith("." + DOMAIN):
                    self.send_error(502, "this proxy only knows *.google.test")
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() != "proxy-connection"}
                upstream = http.client.HTTPConnection(*target, timeout=10)
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                upstream.request(self.command, path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in {"transfer-encoding", "connection", "content-length"}:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = do_POST = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy(fake_google, monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    parts = urlsplit(fake_google.url)
    forward = ForwardProxy((parts.hostname, parts.port))
    validity.clear_cache()
    yield forward
    forward.close()
    validity.clear_cache()


def test_api_calls_go_through_http_proxy(proxy, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    url = f"http://cloudresourcemanager.{DOMAIN}/v1/projects"
    reply = request_json("GET", url, Deadline(5), what="Cloud Resource Manager")
    assert reply.status == 401  # the fake's answer to a call without a token
    assert proxy.request_lines == [f"GET {url} HTTP/1.1"]


def test_token_refresh_goes_through_lowercase_proxy(proxy, monkeypatch):
    monkeypatch.setenv("http_proxy", proxy.url)
    token_uri = f"http://oauth2.{DOMAIN}/token"
    result = validity.check_refresh({"refresh_token": "1//unknown", **CLIENT}, token_uri)
    # A definite refusal from the fake (not "unreachable"): the request got there via the proxy.
    assert result["valid"] is False, result
    assert proxy.request_lines == [f"POST {token_uri} HTTP/1.1"]


def test_no_proxy_excludes_a_host(proxy, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", f"excluded.{DOMAIN},example.org")
    with pytest.raises(GoogleCallError):  # sent directly: the name resolves nowhere
        request_json("GET", f"http://excluded.{DOMAIN}/v1/projects", Deadline(5), what="CRM")
    assert proxy.request_lines == []
    reply = request_json("GET", f"http://crm.{DOMAIN}/v1/projects", Deadline(5), what="CRM")
    assert reply.status == 401
    assert proxy.request_lines == [f"GET http://crm.{DOMAIN}/v1/projects HTTP/1.1"]


def test_loopback_is_reached_directly(proxy, fake_google, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    reply = request_json("GET", fake_google.url + "/v1/projects", Deadline(5), what="CRM")
    assert reply.status == 401
    assert proxy.request_lines == []


def test_every_session_follows_the_one_rule(monkeypatch):
    """The flows' sessions (exchange, userinfo, client fetch) are fitted by the same function:
    requests resolves the environment's proxy for Google and none for loopback."""
    import requests

    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.corp.example:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    google = "https://oauth2.googleapis.com/token"
    session = exchange.prepare_session(requests.Session(), google)
    settings = session.merge_environment_settings(google, {}, None, None, None)
    assert settings["proxies"].get("https") == "http://proxy.corp.example:3128"
    local = "http://127.0.0.1:9/token"
    session = exchange.prepare_session(requests.Session(), local)
    assert session.merge_environment_settings(local, {}, None, None, None)["proxies"] == {}
    assert outbound.google_session(google).trust_env is True


@pytest.mark.asyncio
async def test_metadata_probe_never_uses_the_proxy(proxy, fake_google, monkeypatch):
    import requests

    fake_google.set_metadata(enabled=True, project="p-1")
    for name in PROXY_VARIABLES[:3]:
        monkeypatch.setenv(name, proxy.url)
        monkeypatch.setenv(name.lower(), proxy.url)
    facts = await probe_metadata(urlsplit(fake_google.url).netloc, "169.254.169.254", 2.0)
    assert facts is not None and facts.project_id == "p-1"  # found directly
    # A name only the proxy knows, where a proxied probe would find the server...
    name = f"metadata.{DOMAIN}"
    ping = await asyncio.to_thread(
        requests.get, f"http://{name}/", headers={"Metadata-Flavor": "Google"}, timeout=5
    )
    assert ping.headers.get("Metadata-Flavor") == "Google"
    assert len(proxy.request_lines) == 1
    # ...the probe does not ask the proxy, so it finds nothing.
    assert await probe_metadata(f"{name}:80", "169.254.169.254", 0.5) is None
    assert len(proxy.request_lines) == 1
