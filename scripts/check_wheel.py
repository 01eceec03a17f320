"""Check that a built wheel ships the prebuilt labextension, in its production build, and
enables the server extension."""

import json
import re
import sys
import zipfile

LABEXTENSION = "share/jupyter/labextensions/jupyterlab-google-auth/"


def development_build_signs(names: list[str], read) -> list[str]:
    """What @jupyter/builder (lib/extensionConfig.js) leaves only in a ``--development`` build:
    a ``build_log.json`` next to package.json and ``*.js.map`` source maps (devtool
    "source-map"); a production build instead has ``static/third-party-licenses.json`` (its
    license plugin) and chunk URLs versioned with ``?v=<contenthash>`` in the remote entry."""
    ours = [n for n in names if LABEXTENSION in n]
    static = [n for n in ours if "/static/" in n]
    signs = [n for n in ours if n.endswith("/build_log.json")]
    signs += [n for n in static if n.endswith(".js.map")]
    if not any(n.endswith("/static/third-party-licenses.json") for n in static):
        signs.append("no static/third-party-licenses.json")
    entry = [n for n in static if re.search(r"/remoteEntry\.[0-9a-f]+\.js$", n)]
    if len(entry) != 1:
        signs.append(f"{len(entry)} remoteEntry files")
    elif b".js?v=" not in read(entry[0]):
        signs.append(f"{entry[0].rsplit('/', 1)[-1]} loads chunks without ?v=<contenthash>")
    return signs


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
    dev_signs = development_build_signs(names, zf.read)
if missing:
    sys.exit(f"{wheel} lacks: {missing}")
if not config["ServerApp"]["jpserver_extensions"]["jupyterlab_google_auth"]:
    sys.exit("the wheel's server config does not enable jupyterlab_google_auth")
if tests:
    sys.exit(f"the wheel ships test files: {tests[:3]}")
if dev_signs:
    sys.exit(
        "the wheel ships a development build of the labextension (build it with"
        f" `npm run build:prod`): {dev_signs[:4]}"
    )
print(
    f"check_wheel: {wheel.rsplit('/', 1)[-1]} ships the production labextension and the"
    " server config."
)
