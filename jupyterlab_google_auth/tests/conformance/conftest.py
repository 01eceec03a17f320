"""Conformance harness: write files with CredentialStore into a temp HOME, then let the real
consumers load them in a subprocess whose environment holds nothing of the developer's (no real
HOME, no CLOUDSDK_CONFIG, no GOOGLE_APPLICATION_CREDENTIALS, no proxies, no metadata server)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jupyterlab_google_auth.credentials import CredentialStore

HERE = Path(__file__).parent
NODE_DIR = HERE / "node"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """Just enough to run the interpreter or node; every Google-related input is ours."""
    tools = {str(Path(sys.executable).parent), "/usr/bin", "/bin"}
    node = shutil.which("node")
    if node:
        tools.add(str(Path(node).parent))
    return {
        "HOME": str(home),
        "PATH": os.pathsep.join(sorted(tools)),
        "LANG": "C.UTF-8",
        # Never wait on a metadata server if a consumer looked for one: nothing listens here.
        "GCE_METADATA_HOST": "127.0.0.1:9",
        "GCE_METADATA_IP": "127.0.0.1:9",
        "NO_GCE_CHECK": "True",
        **extra,
    }


def run_json(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> dict:
    """Run a consumer, fail with its output when it fails, return its last JSON line."""
    proc = subprocess.run(
        cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    print(f"$ {' '.join(cmd[-3:])}\n{proc.stdout}{proc.stderr}")
    assert proc.returncode == 0, f"consumer failed:\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "consumer-home"
    h.mkdir()
    return h


@pytest.fixture
def store(home: Path) -> CredentialStore:
    return CredentialStore(env={"HOME": str(home)}, home=home)


@pytest.fixture
def python_consumer(home: Path):
    """``python_consumer("google-auth" | "earthengine", token_uri, **env) -> dict``."""

    def run(mode: str, token_uri: str, **extra: str) -> dict:
        cmd = [sys.executable, str(HERE / "consumer_python.py"), mode, token_uri]
        return run_json(cmd, clean_env(home, **extra))

    return run


@pytest.fixture
def node_consumer(home: Path):
    """Runs node/adc_refresh.mjs; skips when its dependencies are not installed."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH; install Node.js 20+ to run the Node conformance test")
    if not (NODE_DIR / "node_modules" / "google-auth-library").is_dir():
        pytest.skip(
            "google-auth-library is not installed in "
            f"{NODE_DIR}/node_modules; run `make pytest` (or `npm ci` in that folder)"
        )

    def run(token_uri: str, **extra: str) -> dict:
        env = clean_env(home, FAKE_TOKEN_URI=token_uri, **extra)
        return run_json([node, "adc_refresh.mjs"], env, cwd=NODE_DIR)

    return run
