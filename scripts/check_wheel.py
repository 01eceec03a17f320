"""Check that a built wheel ships the prebuilt labextension and enables the server extension."""

import json
import sys
import zipfile

REQUIRED = [
    "share/jupyter/labextensions/jupyterlab-google-auth/package.json",
    "share/jupyter/labextensions/jupyterlab-google-auth/install.json",
    "share/jupyter/labextensions/jupyterlab-google-auth/static/style.js",
    "share/jupyter/labextensions/jupyterlab-google-auth/schemas/jupyterlab-google-auth/plugin.json",
    "etc/jupyter/jupyter_server_config.d/jupyterlab_google_auth.json",
    "jupyterlab_google_auth/__init__.py",
    "jupyterlab_google_auth/_version.py",
]

(wheel,) = sys.argv[1:]
with zipfile.ZipFile(wheel) as zf:
    names = zf.namelist()
    missing = [r for r in REQUIRED if not any(n.endswith(r) for n in names)]
    config_name = next(n for n in names if n.endswith("jupyterlab_google_auth.json"))
    config = json.loads(zf.read(config_name))
    tests = [n for n in names if "/tests/" in n]
if missing:
    sys.exit(f"{wheel} lacks: {missing}")
if not config["ServerApp"]["jpserver_extensions"]["jupyterlab_google_auth"]:
    sys.exit("the wheel's server config does not enable jupyterlab_google_auth")
if tests:
    sys.exit(f"the wheel ships test files: {tests[:3]}")
print(f"check_wheel: {wheel.rsplit('/', 1)[-1]} ships the labextension and the server config.")
