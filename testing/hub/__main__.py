"""`python -m testing.hub [--arg=--GoogleAuth.x=y ...]`: the fake Google and a real JupyterHub,
for the Galata hub test. Prints one JSON line {"hub": url, "fake_google": url, "homes": dir}
once the hub answers; stops both on SIGTERM or SIGINT."""

import argparse
import json
import signal
import tempfile
import threading
from pathlib import Path

from testing.fake_google.server import FakeGoogle

from . import Hub


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arg", action="append", default=[], help="extra single-user argument")
    options = parser.parse_args()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with tempfile.TemporaryDirectory(prefix="google-auth-hub-") as root, FakeGoogle() as google:
        hub = Hub(Path(root), google.url, extra_args=options.arg).start()
        try:
            line = {"hub": hub.url, "fake_google": google.url, "homes": str(hub.homes)}
            print(json.dumps(line), flush=True)
            stop.wait()
        finally:
            hub.stop()


if __name__ == "__main__":
    main()
