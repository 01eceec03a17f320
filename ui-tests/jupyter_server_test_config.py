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
import urllib.request
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
# Kernels inherit this: google-genai's documented base-URL variable sends `genai.Client()`'s
# calls to the fake's Generative Language API (as the conformance test does), so a cell needs
# no edit to run against it.
os.environ["GOOGLE_GEMINI_BASE_URL"] = fake_url

for trait, value in endpoints(fake_url).items():
    setattr(c.GoogleAuth, trait, value)  # noqa: F821

(state_dir / "env.json").write_text(json.dumps({"fake_google": fake_url, "home": str(home)}))

# --- Added for the flow specs: fake gcloud, the server log, and per-port state. ---------------
# Several test servers may run at once (one per GALATA_PORT), so each also writes its own
# .state/env-<port>.json; the specs read that one first.
from testing.fake_gcloud import install_fake_gcloud  # noqa: E402
from testing.fake_gcloud.cli import AUTH_PROXY_REDIRECT_URI, GCLOUD_CLIENT_ID  # noqa: E402
from testing.fake_google import GCLOUD_CLIENT_SECRET  # noqa: E402
from testing.fake_google.clients import GCLOUD_SCOPES  # noqa: E402

galata_port = c.ServerApp.port  # noqa: F821

# The fake gcloud (testing/fake_gcloud), exchanging codes at the fake Google like the real one.
gcloud_bin = install_fake_gcloud(home / "fake-gcloud-bin")
c.GoogleAuth.gcloud_path = str(gcloud_bin)  # noqa: F821
os.environ.update(
    {
        "FAKE_GCLOUD_AUTH_URI": fake_url + "/o/oauth2/auth",
        "FAKE_GCLOUD_TOKEN_URI": fake_url + "/token",
        "FAKE_GCLOUD_CLIENT_SECRET": GCLOUD_CLIENT_SECRET,
        "FAKE_GCLOUD_PARENT_PID": str(os.getpid()),  # the server starts gcloud itself
    }
)
# `npm start` runs this server from a shell, whose exported PWD, SHLVL and _ the fake reads
# as "gcloud was started through a shell"; the bridge passes the server's environment on.
for name in ("PWD", "OLDPWD", "SHLVL", "_"):
    os.environ.pop(name, None)
# gcloud's client sends the browser to Google's auth-code page; teach the fake that redirect.
_gcloud_client = {
    "client_id": GCLOUD_CLIENT_ID,
    "client_secret": GCLOUD_CLIENT_SECRET,
    "name": "Google Cloud SDK",
    "redirect_uris": [AUTH_PROXY_REDIRECT_URI],
    "loopback": True,
    "allowed_scopes": sorted(GCLOUD_SCOPES),
}
_register = urllib.request.Request(  # noqa: S310 - the loopback fake
    fake_url + "/_control/clients",
    data=json.dumps(_gcloud_client).encode(),
    headers={"Content-Type": "application/json"},
)
urllib.request.urlopen(_register, timeout=10).read()  # noqa: S310

# Everything the server logs also goes to a file the secret scan reads after each flow.
server_log = state_dir / f"server-{galata_port}.log"
server_log.write_text("")
c.ServerApp.logging_config = {  # noqa: F821
    "handlers": {
        "scan_file": {
            "class": "logging.FileHandler",
            "level": "DEBUG",
            "filename": str(server_log),
            "formatter": "console",
        }
    },
    "loggers": {
        "ServerApp": {"level": "DEBUG", "handlers": ["console", "scan_file"]},
        "jupyterlab_google_auth": {"level": "DEBUG", "handlers": ["scan_file"]},
        "tornado": {"level": "INFO", "handlers": ["scan_file"]},
    },
}

(state_dir / f"env-{galata_port}.json").write_text(
    json.dumps({"fake_google": fake_url, "home": str(home), "server_log": str(server_log)})
)

# --- The cell route: kernels refresh ee's and google-auth's tokens at the fake. -----------------
# Both pin Google's token URL; an IPython startup file in the test HOME (kernels inherit it)
# rebinds the one function they refresh through (testing/token_redirect.py). Test kernels only.
_startup = home / ".ipython" / "profile_default" / "startup"
_startup.mkdir(parents=True, exist_ok=True)
(_startup / "00-fake-google-token.py").write_text(
    "import sys\n"
    f"sys.path.insert(0, {str(REPO)!r})\n"
    "from testing.token_redirect import redirect_token_endpoint\n"
    f"redirect_token_endpoint({fake_url + '/token'!r})\n"
    "del sys.path[0], redirect_token_endpoint\n"
)

# Every spec signs in as the same Jupyter user on this one server. A spec that leaves a sign-in
# open (its page closed before the end) holds one of the user's pending flows until flow_ttl
# (10 minutes), so the default cap of 5 made a later spec's "Sign in" depend on how fast the
# earlier ones ran. The cap itself is tested in pytest (test_flows_modes.py).
c.GoogleAuth.max_pending_flows = 50  # noqa: F821
