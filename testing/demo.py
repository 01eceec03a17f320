"""`make demo`: JupyterLab wired to the fake Google, with a throw-away HOME.

Every screen of the extension can be tried without a Google account or network: the fake's
consent page offers two accounts, and credentials are written under a temporary HOME, never
into the real ~/.config.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from testing.fake_google import endpoints

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    home = tempfile.mkdtemp(prefix="google-auth-demo-home-")
    fake = subprocess.Popen(
        [sys.executable, "-m", "testing.fake_google", "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = json.loads(fake.stdout.readline())["url"]
        traits = endpoints(url)
        env = {**os.environ, "HOME": home, "GCE_METADATA_HOST": traits["metadata_host"]}
        env.pop("GOOGLE_APPLICATION_CREDENTIALS", None)
        env.pop("CLOUDSDK_CONFIG", None)
        args = [f"--GoogleAuth.{name}={value}" for name, value in traits.items()]
        print(f"Fake Google at {url}; credentials go to {home}", flush=True)
        command = ["jupyter", "lab", f"--notebook-dir={REPO}", *args, *sys.argv[1:]]
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0
    finally:
        fake.terminate()


if __name__ == "__main__":
    sys.exit(main())
