"""Metadata-probe latency against a black hole: ours versus google-auth's ``is_on_gce``.

A "black hole" is a TCP listener on 127.0.0.1 that accepts connections and never answers, the
worst case for a metadata probe (a firewall that swallows packets behaves alike, minus the
connect). Both probes are pointed at it through the environment (``GCE_METADATA_HOST`` for ours
and google-auth's ``get``; ``GCE_METADATA_IP`` for google-auth's ping, which reads only that) and
timed in the same run. google-auth runs in a subprocess with an overall cap so the bench always
ends. Run from the repository root: ``.venv/bin/python bench/probe_bench.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
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

    # describe_environment with a cold metadata cache; gcloud is warmed first so its (real,
    # possibly slow) version call does not hide the probe being measured.
    gcloud = GcloudProbe()
    await gcloud.get(settings.gcloud_path, env)
    for _ in range(runs):
        started = time.perf_counter()
        result = await describe_environment(
            settings,
            "http://localhost:8888",
            env,
            metadata_probe=MetadataProbe(),
            gcloud_probe=gcloud,
        )
        describe_rows.append(
            ((time.perf_counter() - started) * 1000, _found(result["facts"]["metadata"]["present"]))
        )
    return {
        f"ours: MetadataProbe (timeout {settings.metadata_timeout:g} s)": probe_rows,
        "ours: describe_environment (cold probe)": describe_rows,
    }


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
    parser.add_argument(
        "--cap", type=float, default=120.0, help="seconds google-auth may take in all"
    )
    args = parser.parse_args()

    hole = BlackHole()
    target = f"127.0.0.1:{hole.port}"
    os.environ["GCE_METADATA_HOST"] = target
    os.environ["GCE_METADATA_IP"] = target
    env = dict(os.environ)
    try:
        table = asyncio.run(time_ours(args.ours_runs, env))
        ga_rows, capped = time_google_auth(args.google_auth_runs, env, args.cap)
    finally:
        hole.close()
    ga_name = "google-auth: _metadata.is_on_gce(Request())"
    table[ga_name] = ga_rows

    print(f"Black hole at {target} (accepts TCP, never answers); {len(hole.accepted)} connections")
    print(f"{'probe':<48} {'runs':>4} {'median ms':>10} {'max ms':>9}  result")
    for name, rows in table.items():
        if not rows:
            print(f"{name:<48} {0:>4} {'-':>10} {'-':>9}  (no run finished within the cap)")
            continue
        ms = [r[0] for r in rows]
        results = ",".join(sorted({r[1] for r in rows}))
        print(
            f"{name:<48} {len(rows):>4} {statistics.median(ms):>10.1f} {max(ms):>9.1f}  {results}"
        )
    if capped:
        print(f"google-auth hit the {args.cap:g} s cap; figures cover the runs that finished.")
    ours = [r[0] for r in next(iter(table.values()))]
    if ga_rows and ours:
        ratio = statistics.median(r[0] for r in ga_rows) / statistics.median(ours)
        print(f"ratio google-auth / ours (median): {ratio:.1f}x")


if __name__ == "__main__":
    main()
