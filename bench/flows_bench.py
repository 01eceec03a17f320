"""Time to a consent URL: ``POST flows`` (notebook mode) on a real Jupyter server versus
``ee.Authenticate(auth_mode="notebook", quiet=True)`` printing its URL; and user actions per mode.

Everything runs on 127.0.0.1 and in throw-away directories: the fake Google in a subprocess
(``python -m testing.fake_google``), then ``jupyter server`` in a subprocess with the extension,
a token, a free port, its own HOME and Jupyter directories, and ``c.GoogleAuth`` pointed at the
fake. Run from the repository root: ``.venv/bin/python bench/flows_bench.py``.

Ours: ``--calls`` (50) timed ``POST <base>google-auth/flows {"mode": "notebook"}`` over one
keep-alive connection after ``--warmup`` (3) untimed calls, from sending the request to the
parsed JSON with ``consent_url`` in hand. Without ``force``, as the panel sends it the first time:
the "already signed in?" look at the (absent) credential files is included. Each flow is
cancelled afterwards (not timed) so the per-user cap never interferes. The first call after
start-up is reported on its own (cold thread pool and caches).

Peer: ``python -c "import ee; ee.Authenticate(auth_mode='notebook', quiet=True)"``, ``--ee-runs``
(5) times, wall time from spawning it to the consent URL appearing on its stdout (unbuffered),
then it is killed (it waits for a pasted code). HOME is a fresh temporary directory so it never
finds credentials; ``NO_GCE_CHECK=true`` skips google-auth's metadata-server probe and
``BROWSER=true`` makes its browser launch a no-op, both of which can only make ee faster. Also
shown: ee's own URL construction in-process, after ``import ee`` (``ee.oauth.Flow("notebook")``),
the cost without interpreter start-up and imports.

User actions from "open notebook" to "files written", derived from each mode's ``expects`` in
the server's answer (``ACTIONS_BY_EXPECTS``), each mode then run to the end against the fake to
show the count buys a working sign-in. Google's consent page is counted as two actions (choose
the account, click Allow); Earth Engine's real page may add its own steps (choosing a project).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testing.fake_google import ALICE, custom_client_secret_json, endpoints  # noqa: E402

BASE = "/"
TOKEN = "bench-token"

COMMON_ACTIONS = [
    "click Authenticate in the notebook toolbar (opens Google's page in a new tab)",
    "choose the account on Google's page",
    "click Allow",
]
ACTIONS_BY_EXPECTS = {
    "callback": [],  # Google sends the browser back to this server; the panel updates itself
    # The paste field has the focus and sends a paste by itself: no Submit click.
    "code": ["copy the code shown", "paste it into the panel"],
    "redirect_url": ["copy the address from the address bar", "paste it into the panel"],
}
# The project step right after the sign-in, in the same panel.
PROJECT_ACTIONS = ["click a project in the panel"]
# A mode that is not the recommended one is chosen once under "Other ways to sign in";
# Authenticate remembers it.
FIRST_TIME_ONLY = {
    "paste-url": [
        "click Upload client_secret.json",
        "choose the file",
        "choose paste-url under Other ways to sign in",
    ]
}
# ee.Authenticate(auth_mode="notebook") in a notebook, as a user goes through it.
EE_ACTIONS = [
    "run the cell",
    "click the printed link",
    "choose the account",
    "click Allow",
    "copy the code",
    "paste it into the input box",
    "press Enter",
]
# Written by ui-tests/tests/flows-oneclick.spec.ts: counts and click-to-consent in Chromium.
GALATA_FIGURES = ROOT / "ui-tests" / ".state"

EE_CHILD = "import ee; ee.Authenticate(auth_mode='notebook', quiet=True)"
EE_IN_PROCESS = r"""
import time, statistics, json
import ee.oauth
rows = []
for _ in range(200):
    started = time.perf_counter()
    ee.oauth.Flow("notebook")
    rows.append((time.perf_counter() - started) * 1000)
print(json.dumps(rows))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


class Server:
    """The fake Google and a Jupyter server with the extension, in throw-away directories."""

    def __init__(self, extra_args: tuple[str, ...] = ()) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="flows-bench-"))
        self.extra_args = extra_args
        self.fake: subprocess.Popen | None = None
        self.jupyter: subprocess.Popen | None = None

    def start(self) -> None:
        self.fake = subprocess.Popen(
            [sys.executable, "-m", "testing.fake_google", "--port", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.fake_url = json.loads(self.fake.stdout.readline())["url"]
        home, config = self.tmp / "home", self.tmp / "config"
        for path in (home, config, self.tmp / "data", self.tmp / "runtime", self.tmp / "root"):
            path.mkdir()
        (config / "jupyter_server_config.json").write_text(
            json.dumps(
                {
                    "ServerApp": {"jpserver_extensions": {"jupyterlab_google_auth": True}},
                    "GoogleAuth": endpoints(self.fake_url),
                }
            )
        )
        env = {
            **os.environ,
            "HOME": str(home),
            "JUPYTER_CONFIG_DIR": str(config),
            "JUPYTER_DATA_DIR": str(self.tmp / "data"),
            "JUPYTER_RUNTIME_DIR": str(self.tmp / "runtime"),
            "NO_GCE_CHECK": "true",
        }
        for name in ("GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_CONFIG", "GCE_METADATA_HOST"):
            env.pop(name, None)
        self.port = free_port()
        self.jupyter = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_server",
                "--no-browser",
                f"--port={self.port}",
                "--ip=127.0.0.1",
                f"--IdentityProvider.token={TOKEN}",
                f"--ServerApp.root_dir={self.tmp / 'root'}",
                "--ServerApp.port_retries=0",
                "--allow-root",  # containers often run as root; harmless otherwise
                *self.extra_args,
            ],
            cwd=self.tmp,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "api/status")[0] == 200:
                    return
            except OSError:
                self.conn.close()
                time.sleep(0.1)
        raise RuntimeError("jupyter server did not start")

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"token {TOKEN}", "Content-Type": "application/json"}
        self.conn.request(method, BASE + path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        return response.status, json.loads(payload) if payload else {}

    def login_cookie(self) -> str:
        """The login cookie a browser gets when it opens JupyterLab with the token."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", f"{BASE}api/status?token={TOKEN}")
        response = conn.getresponse()
        response.read()
        conn.close()
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        return "; ".join(f"{k}={m.value}" for k, m in cookies.items() if k.startswith("username"))

    def approve(self, consent_url: str) -> dict:
        data = json.dumps({"auth_url": consent_url, "account": ALICE, "decision": "allow"})
        request = urllib.request.Request(
            self.fake_url + "/_control/approve", data=data.encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return json.loads(response.read())

    def stop(self) -> None:
        for proc in (self.jupyter, self.fake):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def time_ours(server: Server, calls: int, warmup: int) -> tuple[float, list[float]]:
    body = {"mode": "notebook"}
    rows: list[float] = []
    first = None
    for i in range(warmup + calls):
        started = time.perf_counter()
        status, view = server.request("POST", "google-auth/flows", body)
        elapsed = (time.perf_counter() - started) * 1000
        assert status == 201 and view["consent_url"], (status, view)
        server.request("DELETE", f"google-auth/flows/{view['id']}")
        if first is None:
            first = elapsed
        if i >= warmup:
            rows.append(elapsed)
    return first, rows


def time_ee(runs: int) -> list[float]:
    rows = []
    for _ in range(runs):
        home = tempfile.mkdtemp(prefix="flows-bench-ee-")
        env = {
            **os.environ,
            "HOME": home,
            "PYTHONUNBUFFERED": "1",
            "NO_GCE_CHECK": "true",
            "BROWSER": "true",
        }
        for name in ("GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_CONFIG", "EE_CREDENTIALS_PATH"):
            env.pop(name, None)
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", EE_CHILD],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=home,
            text=True,
        )
        try:
            for line in proc.stdout:
                if "client-auth?" in line:
                    rows.append((time.perf_counter() - started) * 1000)
                    break
            else:
                raise RuntimeError("ee.Authenticate printed no URL")
        finally:
            proc.kill()
            proc.wait()
            shutil.rmtree(home, ignore_errors=True)
    return rows


def ee_in_process() -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", EE_IN_PROCESS], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def count_actions(server: Server) -> list[tuple[str, str, int, list[str], str]]:
    """Start and finish each mode against the fake; the count comes from ``expects``."""
    secret = custom_client_secret_json(server.fake_url)
    server.request("PUT", "google-auth/custom-client", {"client_secret": secret})
    origin = f"http://127.0.0.1:{server.port}"
    rows = []
    for mode, body in (
        ("loopback", {"mode": "loopback", "origin": origin}),
        ("notebook", {"mode": "notebook"}),
        ("paste-url", {"mode": "paste-url", "preset": "cloud"}),
    ):
        status, view = server.request("POST", "google-auth/flows", {**body, "force": True})
        assert status == 201, view
        expects = view["expects"]
        answer = server.approve(view["consent_url"])
        if expects == "callback":
            location = urllib.parse.urlsplit(answer["location"])
            # The browser follows Google's redirect: no Jupyter token, its login cookie.
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            cookie = {"Cookie": server.login_cookie()}
            conn.request("GET", f"{location.path}?{location.query}", headers=cookie)
            conn.getresponse().read()
            conn.close()
            _, view = server.request("GET", f"google-auth/flows/{view['id']}")
        elif expects == "code":
            _, view = server.request(
                "POST", f"google-auth/flows/{view['id']}/complete", {"code": answer["code"]}
            )
        else:
            _, view = server.request(
                "POST",
                f"google-auth/flows/{view['id']}/complete",
                {"redirect_url": answer["location"]},
            )
        actions = COMMON_ACTIONS + ACTIONS_BY_EXPECTS[expects]
        written = ", ".join(f["target"] for f in (view.get("result") or {}).get("files", []))
        rows.append((mode, expects, len(actions), actions, f"{view['state']} ({written})"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--ee-runs", type=int, default=5)
    args = parser.parse_args(argv)

    server = Server()
    try:
        started = time.perf_counter()
        server.start()
        print(f"jupyter server + fake Google up in {time.perf_counter() - started:.1f} s")
        first, ours = time_ours(server, args.calls, args.warmup)
        actions = count_actions(server)
    finally:
        server.stop()
    ee_rows = time_ee(args.ee_runs)
    ee_warm = ee_in_process()

    ours_p50, ours_p95 = statistics.median(ours), percentile(ours, 95)
    ee_p50 = statistics.median(ee_rows)
    print()
    print("Time to a consent URL (notebook mode)")
    print(
        f"  ours  POST flows, {len(ours)} calls:  p50 {ours_p50:7.2f} ms   p95 {ours_p95:7.2f} ms"
        f"   (min {min(ours):.2f}, max {max(ours):.2f}; first call after start {first:.1f} ms)"
    )
    print(
        f"  ee.Authenticate(auth_mode='notebook', quiet=True), {len(ee_rows)} runs:"
        f"  median {ee_p50:7.1f} ms   (min {min(ee_rows):.1f}, max {max(ee_rows):.1f})"
    )
    print(f"  ratio ee / ours (p50): {ee_p50 / ours_p50:.0f}x")
    print(
        f"  for reference, ee's URL construction alone after `import ee`: "
        f"p50 {statistics.median(ee_warm) * 1000:.1f} µs (no HTTP, no process start)"
    )
    print()
    print('User actions from "open notebook" to "files written" (derived from `expects`)')
    for mode, expects, count, steps, outcome in actions:
        extra = FIRST_TIME_ONLY.get(mode)
        more = f" (+{len(extra)} the first time: {'; '.join(extra)})" if extra else ""
        print(f"  {mode:<9} expects={expects:<12} {count} actions{more} -> {outcome}")
        print(f"            {'; '.join(steps)}; then {PROJECT_ACTIONS[0]} (+1 for the project)")
    ee_count = len(EE_ACTIONS)
    print(f"  ee.Authenticate(auth_mode='notebook'): {ee_count} actions, then no project step")
    print(f"            {'; '.join(EE_ACTIONS)}")
    print_galata_figures()
    return 0


def print_galata_figures() -> None:
    """The last one-click Galata run's figures, measured in Chromium (click to consent page)."""
    files = sorted(GALATA_FIGURES.glob("oneclick-*.json"))
    print()
    if not files:
        print("Click-to-consent in the browser: run ui-tests/tests/flows-oneclick.spec.ts first")
        return
    print("In Chromium (last flows-oneclick.spec.ts run): actions and click-to-consent-page")
    for file in files:
        row = json.loads(file.read_text())
        print(
            f"  {row['mode']:<9} signed in after {row['signed_in_actions']} actions, "
            f"project set after {row['project_actions']}; consent page "
            f"{row['consent_ms']} ms after the click"
        )


if __name__ == "__main__":
    sys.exit(main())
