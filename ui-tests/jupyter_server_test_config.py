"""Server configuration for the Galata tests (never use it in production: no token, no XSRF).

Besides Galata's own settings it starts the project's fake Google on a free loopback port,
points every `GoogleAuth` endpoint at it, and gives the server a throw-away HOME, so the tests
write credentials nowhere near the real ones. The fake's URL and that HOME are written to
.state/env.json for the specs.
"""

import atexit
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyterlab.galata import configure_jupyter_server

HERE = Path(__file__).parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from testing.fake_google import endpoints  # noqa: E402

configure_jupyter_server(c)  # noqa: F821
c.ServerApp.port = int(os.environ.get("GALATA_PORT", "8876"))  # noqa: F821
c.ServerApp.allow_root = True  # CI machines run the tests as root  # noqa: F821

state_dir = HERE / ".state"
state_dir.mkdir(exist_ok=True)
home = Path(tempfile.mkdtemp(prefix="google-auth-home-"))
port_file = state_dir / "fake_google.port"
port_file.unlink(missing_ok=True)

fake = subprocess.Popen(
    [sys.executable, "-m", "testing.fake_google", "--port", "0", "--port-file", str(port_file)],
    cwd=REPO,
    stdout=subprocess.PIPE,
    text=True,
)
fake_url = json.loads(fake.stdout.readline())["url"]
atexit.register(fake.terminate)

for name in ("GOOGLE_APPLICATION_CREDENTIALS", "CLOUDSDK_CONFIG", "GCE_METADATA_IP"):
    os.environ.pop(name, None)
os.environ["HOME"] = str(home)
# The metadata probe must look at the fake (off by default), never at a real one.
os.environ["GCE_METADATA_HOST"] = endpoints(fake_url)["metadata_host"]

for trait, value in endpoints(fake_url).items():
    setattr(c.GoogleAuth, trait, value)  # noqa: F821

(state_dir / "env.json").write_text(json.dumps({"fake_google": fake_url, "home": str(home)}))
