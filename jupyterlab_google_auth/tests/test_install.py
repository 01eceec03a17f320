"""The installed package shows up in Jupyter's own listings, enabled and loading cleanly."""

import re
import shutil
import subprocess

import pytest

ANSI = re.compile(r"\x1b\[[0-9;]*m")

pytestmark = pytest.mark.skipif(not shutil.which("jupyter"), reason="jupyter is not on PATH")


def listing(*args: str) -> str:
    done = subprocess.run(["jupyter", *args], capture_output=True, text=True, timeout=120)
    return ANSI.sub("", done.stdout + done.stderr)


def test_labextension_is_enabled_and_ok():
    out = listing("labextension", "list")
    assert re.search(r"jupyterlab-google-auth v\S+ enabled OK", out), out
    # Jupyter lists incompatible extensions after this sentence; ours must not be there.
    _, _, incompatible = out.partition("may be outdated")
    assert "jupyterlab-google-auth" not in incompatible


def test_server_extension_is_enabled_and_loads_without_warnings():
    out = listing("server", "extension", "list")
    assert re.search(r"jupyterlab_google_auth enabled", out), out
    assert re.search(r"jupyterlab_google_auth \S+ OK", out), out
    ours = [line for line in out.splitlines() if "google_auth" in line.lower()]
    assert not [line for line in ours if "warn" in line.lower() or "error" in line.lower()]
