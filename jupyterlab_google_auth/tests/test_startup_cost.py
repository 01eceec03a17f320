"""Loading the server extension must not slow JupyterLab's start-up.

The HTTP and OAuth libraries (google-auth, oauthlib, requests, cryptography) cost about half a
second to import; they are imported on the first request that needs them, never when Jupyter
loads the extension. A subprocess gives a clean interpreter to look at.
"""

import subprocess
import sys

PROBE = """
import sys, jupyter_server.serverapp
before = set(sys.modules)
import jupyterlab_google_auth, jupyterlab_google_auth.routes
new = set(sys.modules) - before
heavy = {"google", "google_auth_oauthlib", "oauthlib", "requests", "requests_oauthlib",
         "cryptography", "ee"}
print(sorted({m.split(".")[0] for m in new} & heavy))
"""


def test_loading_the_extension_imports_no_http_or_oauth_library():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
