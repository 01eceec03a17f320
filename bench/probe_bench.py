"""Metadata-probe latency against a black hole: ours versus google-auth's ``is_on_gce``, and the
cold first ``GET environment`` of a fresh server with the real gcloud present.

A "black hole" is a TCP listener on 127.0.0.1 that accepts connections and never answers, the
worst case for a metadata probe (a firewall that swallows packets behaves alike, minus the
connect). Both probes are pointed at it through the environment (``GCE_METADATA_HOST`` for ours
and google-auth's ``get``; ``GCE_METADATA_IP`` for google-auth's ping, which reads only that) and
timed in the same run. google-auth runs in a subprocess with an overall cap so the bench always
ends. The cold case starts a fresh ``jupyter server`` (token, throw-away HOME, gcloud on PATH,
metadata black-holed) per run and times its first ``GET google-auth/environment``; nothing is
warmed. Run from the repository root: ``.venv/bin/python bench/probe_bench.py``.
"""

from __future__ import annotations

import argparse
import asyncio
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
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jupyterlab_google_auth.config import GoogleAuth
from jupyterlab_google_auth.environment import (
    GcloudProbe,
    MetadataProbe,
    describe_environment,
)

GOOGLE_AUTH_CHILD = r"""
import json, sys, time
import google.auth.transport.requests as tr
from google.auth.compute_engine import _metadata
for _ in range(int(sys.argv[1])):
    started = time.perf_counter()
    on_gce = _metadata.is_on_gce(tr.Request())
    print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "result": on_gce}), flush=True)
"""


class BlackHole:
    """Accepts TCP connections on 127.0.0.1 and holds them open without a byte of answer."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.accepted:
            conn.close()


async def time_ours(runs: int, env: dict) -> dict[str, list[tuple[float, str]]]:
    settings = GoogleAuth()  # metadata_host comes from GCE_METADATA_HOST
    probe_rows: list[tuple[float, str]] = []
    describe_rows: list[tuple[float, str]] = []
    probe = MetadataProbe()
    for _ in range(runs):
        started = time.perf_counter()
        facts = await probe.get(
            settings.metadata_host, settings.metadata_ip, settings.metadata_timeout, refresh=True
        )
        probe_rows.append(((time.perf_counter() - started) * 1000, _found(facts is not None)))

    # describe_environment with everything cold: a new metadata probe and a new gcloud probe
    # (gcloud found on PATH, not run).
    for _ in range(runs):
        gcloud = GcloudProbe()
        started = time.perf_counter()
        result = await describe_environment(
            settings,
            "http://localhost:8888",
            env,
            metadata_probe=MetadataProbe(),
            gcloud_probe=gcloud,
        )
        elapsed = (time.perf_counter() - started) * 1000
        describe_rows.append((elapsed, _gcloud_and_metadata(result)))
    return {
        f"ours: MetadataProbe (timeout {settings.metadata_timeout:g} s)": probe_rows,
        "ours: describe_environment, all cold": describe_rows,
    }


def _gcloud_and_metadata(result: dict) -> str:
    gcloud = result["facts"]["gcloud"]
    seen = "gcloud " + ("present" if gcloud["available"] else "absent")
    return f"{seen}, metadata {_found(result['facts']['metadata']['present'])}"


def time_cold_servers(
    runs: int, env: dict
) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """The first GET environment of fresh servers, and then "Check again" (refresh=1, which
    runs gcloud for its version): (ms, result) rows for each."""
    first_rows: list[tuple[float, str]] = []
    again_rows: list[tuple[float, str]] = []
    for _ in range(runs):
        with ColdServer(env) as server:
            for rows, refresh in ((first_rows, False), (again_rows, True)):
                started = time.perf_counter()
                result = server.environment(refresh)
                elapsed = (time.perf_counter() - started) * 1000
                rows.append((elapsed, _gcloud_and_metadata(result)))
            wrote = server.gcloud_dir_in_home()
            if wrote:  # probing must write nothing into HOME
                first_rows[-1] = (first_rows[-1][0], first_rows[-1][1] + f"; WROTE {wrote}")
    return first_rows, again_rows


class ColdServer:
    """A fresh jupyter server with the extension: token, free port, throw-away HOME and
    Jupyter directories, the environment given (gcloud on PATH, metadata black-holed)."""

    TOKEN = "probe-bench-token"

    def __init__(self, env: dict) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="probe-bench-"))
        self.env = env

    def __enter__(self) -> ColdServer:
        home, config = self.tmp / "home", self.tmp / "config"
        for path in (home, config, self.tmp / "data", self.tmp / "runtime", self.tmp / "root"):
            path.mkdir()
        settings = {"ServerApp": {"jpserver_extensions": {"jupyterlab_google_auth": True}}}
        (config / "jupyter_server_config.json").write_text(json.dumps(settings))
        env = {
            **self.env,
            "HOME": str(home),
            "JUPYTER_CONFIG_DIR": str(config),
            "JUPYTER_DATA_DIR": str(self.tmp / "data"),
            "JUPYTER_RUNTIME_DIR": str(self.tmp / "runtime"),
        }
        for name in ("GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_CONFIG"):
            env.pop(name, None)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_server",
                "--no-browser",
                f"--port={self.port}",
                "--ip=127.0.0.1",
                f"--IdentityProvider.token={self.TOKEN}",
                f"--ServerApp.root_dir={self.tmp / 'root'}",
                "--ServerApp.port_retries=0",
                "--allow-root",
            ],
            cwd=self.tmp,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self._get("/api/status")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("jupyter server did not start")

    def _get(self, path: str) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Authorization": f"token {self.TOKEN}"})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def environment(self, refresh: bool = False) -> dict:
        origin = f"http://127.0.0.1:{self.port}"
        again = "&refresh=1" if refresh else ""
        status, body = self._get(f"/google-auth/environment?origin={origin}{again}")
        assert status == 200, (status, body[:200])
        return json.loads(body)

    def gcloud_dir_in_home(self) -> str | None:
        path = self.tmp / "home" / ".config" / "gcloud"
        return str(path) if path.exists() else None

    def __exit__(self, *exc: object) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def time_google_auth(runs: int, env: dict, cap: float) -> tuple[list[tuple[float, str]], bool]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", GOOGLE_AUTH_CHILD, str(runs)],
            env=env,
            capture_output=True,
            timeout=cap,
            check=False,
        )
        out, capped = done.stdout, False
    except subprocess.TimeoutExpired as exc:
        out, capped = exc.stdout or b"", True
    rows = []
    for line in out.decode().splitlines():
        record = json.loads(line)
        rows.append((record["ms"], "present" if record["result"] else "absent"))
    return rows, capped


def _found(present: bool) -> str:
    return "present" if present else "absent"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours-runs", type=int, default=5)
    parser.add_argument("--google-auth-runs", type=int, default=3)
    parser.add_argument("--server-runs", type=int, default=3, help="fresh servers, cold case")
    parser.add_argument(
        "--cap", type=float, default=120.0, help="seconds google-auth may take in all"
    )
    args = parser.parse_args()

    hole = BlackHole()
    target = f"127.0.0.1:{hole.port}"
    os.environ["GCE_METADATA_HOST"] = target
    os.environ["GCE_METADATA_IP"] = target
    env = dict(os.environ)
    gcloud = shutil.which("gcloud", path=env.get("PATH"))
    try:
        table = asyncio.run(time_ours(args.ours_runs, env))
        first_rows, again_rows = time_cold_servers(args.server_runs, env)
        table["ours: first GET environment, fresh server"] = first_rows
        table["ours: then Check again (refresh=1, runs gcloud)"] = again_rows
        ga_rows, capped = time_google_auth(args.google_auth_runs, env, args.cap)
    finally:
        hole.close()
    ga_name = "google-auth: _metadata.is_on_gce(Request())"
    table[ga_name] = ga_rows

    print(f"Black hole at {target} (accepts TCP, never answers); {len(hole.accepted)} connections")
    print(f"gcloud on PATH: {gcloud or 'none (the cold case then has no gcloud to wait for)'}")
    width = 48
    print(f"{'probe':<{width}} {'runs':>4} {'median ms':>10} {'max ms':>9}  result")
    for name, rows in table.items():
        if not rows:
            print(f"{name:<{width}} {0:>4} {'-':>10} {'-':>9}  (no run finished within the cap)")
            continue
        ms = [r[0] for r in rows]
        results = "; ".join(sorted({r[1] for r in rows}))
        print(
            f"{name:<{width}} {len(rows):>4} {statistics.median(ms):>10.1f} {max(ms):>9.1f}"
            f"  {results}"
        )
    if capped:
        print(f"google-auth hit the {args.cap:g} s cap; figures cover the runs that finished.")
    ours = [r[0] for r in next(iter(table.values()))]
    if ga_rows and ours:
        ratio = statistics.median(r[0] for r in ga_rows) / statistics.median(ours)
        print(f"ratio google-auth / ours (median): {ratio:.1f}x")


if __name__ == "__main__":
    main()
