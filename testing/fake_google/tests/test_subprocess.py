import json
import signal
import subprocess
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[3]


def test_cli_prints_url_writes_port_and_stops_on_sigterm(tmp_path):
    port_file = tmp_path / "port"
    process = subprocess.Popen(
        [sys.executable, "-m", "testing.fake_google", "--port", "0", "--port-file", str(port_file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = json.loads(process.stdout.readline())["url"]
        assert url == f"http://127.0.0.1:{port_file.read_text()}"
        response = requests.get(url + "/o/oauth2/auth?client_id=x", timeout=5)
        assert response.status_code == 401
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, _ = process.communicate(timeout=10)
    assert process.returncode == 0
    assert stdout == ""  # quiet: no access log
