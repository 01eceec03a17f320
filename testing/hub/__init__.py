"""A real JupyterHub on 127.0.0.1 for the tests: DummyAuthenticator, SimpleLocalProcessSpawner,
one home directory per user, named servers and sharing on, and the fake Google passed to every
single-user server on its command line (``Spawner.args``), as an administrator would.

``Hub`` starts ``jupyterhub`` (and through it configurable-http-proxy from
``testing/hub/node_modules``) as a subprocess, and gives each test user a ``requests`` session
that logged in through the hub's login form and its OAuth hop to the single-user server, as a
browser does: cookies only, XSRF on.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from testing.fake_google import endpoints

HERE = Path(__file__).resolve().parent
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "hub-test-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def proxy_available() -> bool:
    return PROXY.exists()


class Hub:
    def __init__(self, root: Path, fake_google_url: str, extra_args: list[str] | None = None):
        self.root = root
        self.homes = root / "homes"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api_token = secrets.token_hex(16)
        self.fake_google_url = fake_google_url
        self.extra_args = extra_args or []
        self.process: subprocess.Popen | None = None

    # -- life cycle -------------------------------------------------------------------------

    def config(self) -> str:
        google = [f"--GoogleAuth.{k}={v}" for k, v in endpoints(self.fake_google_url).items()]
        args = ["--allow-root", *google, *self.extra_args]
        return f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.JupyterHub.db_url = "sqlite:///{self.root / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(self.root / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(self.root / "jupyterhub.pid")!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(self.homes / "{username}")!r}
c.Spawner.cmd = [{sys.executable!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 60
# Single-user servers start with only what the spawner gives them: no developer credentials.
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV"]
c.JupyterHub.allow_named_servers = True
c.JupyterHub.load_roles = [
    {{"name": "user", "scopes": ["self", "shares!user"]}},
    {{"name": "tests", "scopes": ["admin:users", "admin:servers", "shares", "tokens"],
      "services": ["tests"]}},
]
c.JupyterHub.services = [{{"name": "tests", "api_token": {self.api_token!r}}}]
"""

    def start(self) -> Hub:
        self.homes.mkdir(parents=True, exist_ok=True)
        config = self.root / "jupyterhub_config.py"
        config.write_text(self.config())
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GOOGLE_", "CLOUDSDK_"))}
        env["HOME"] = str(self.root)
        self.log = open(self.root / "jupyterhub.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=self.root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyterhub exited:\n{self.log_text()}")
            try:
                if requests.get(self.url + "/hub/api/", timeout=1).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"jupyterhub did not answer in 60 s:\n{self.log_text()}")

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            for name in self.api("GET", "users").json():
                for server in name.get("servers", {}):
                    self.api("DELETE", f"users/{name['name']}/servers/{server}")
        except requests.RequestException:
            pass
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()
        self.process = None

    def log_text(self) -> str:
        self.log.flush()
        return (self.root / "jupyterhub.log").read_text(errors="replace")[-4000:]

    # -- the hub's REST API (as the "tests" service) ----------------------------------------

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.api_token}"}
        return requests.request(
            method, f"{self.url}/hub/api/{path}", headers=headers, timeout=60, **kwargs
        )

    def spawn(self, user: str, server: str = "") -> str:
        """Start the user's (named) server; returns its URL prefix, e.g. /user/alice/."""
        self.api("POST", "users", json={"usernames": [user]})
        path = f"users/{user}/servers/{server}" if server else f"users/{user}/server"
        answer = self.api("POST", path)
        assert answer.status_code in (201, 202, 400), answer.text  # 400: already running
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            model = self.api("GET", f"users/{user}").json()
            state = model.get("servers", {}).get(server) or {}
            if state.get("ready"):
                return state["url"]
            time.sleep(0.3)
        raise RuntimeError(f"{user}/{server} did not start:\n{self.log_text()}")

    def share(self, owner: str, server: str, visitor: str) -> None:
        answer = self.api("POST", f"shares/{owner}/{server}", json={"user": visitor})
        assert answer.status_code in (200, 201), answer.text

    def home(self, user: str) -> Path:
        return self.homes / user

    # -- browsers ---------------------------------------------------------------------------

    def browser(self, user: str) -> HubBrowser:
        return HubBrowser(self, user)


class HubBrowser:
    """A user's browser: logged in at the hub; carries cookies and the _xsrf token like one."""

    def __init__(self, hub: Hub, user: str) -> None:
        self.hub = hub
        self.user = user
        self.session = requests.Session()
        login = self.session.get(f"{hub.url}/hub/login", timeout=30)
        xsrf = self.session.cookies.get("_xsrf", path="/hub/")
        answer = self.session.post(
            f"{hub.url}/hub/login",
            data={"username": user, "password": PASSWORD, "_xsrf": xsrf},
            timeout=60,
        )
        assert answer.ok and login.ok, answer.text[:500]

    def open(self, prefix: str) -> None:
        """Visit the server's page: the hub's OAuth hop leaves its login cookie and an _xsrf."""
        page = self.session.get(urljoin(self.hub.url, prefix + "lab"), timeout=60)
        if urlsplit(page.url).path.endswith("/hub/api/oauth2/authorize"):
            # Someone else's (shared) server: the hub asks the visitor to authorize it first.
            fields = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text)
            page = self.session.post(page.url, data=[(k, html.unescape(v)) for k, v in fields])
        assert page.ok and "/hub/" not in urlsplit(page.url).path, (page.status_code, page.url)

    def api(self, method: str, prefix: str, path: str, body=None) -> requests.Response:
        """Call the extension under ``prefix`` (e.g. /user/alice/) as the panel does."""
        headers = {}
        xsrf = self.session.cookies.get("_xsrf", path=prefix.rstrip("/"))
        xsrf = xsrf or self.session.cookies.get("_xsrf", path=prefix)
        if xsrf:
            headers["X-XSRFToken"] = xsrf
        return self.session.request(
            method,
            urljoin(self.hub.url, prefix + "google-auth/" + path),
            data=None if body is None else json.dumps(body),
            headers=headers,
            timeout=60,
            allow_redirects=False,
        )

    def follow(self, location: str) -> requests.Response:
        """Follow Google's redirect back to the server as this browser (cookies, no header)."""
        return self.session.get(location, timeout=60, allow_redirects=False)
