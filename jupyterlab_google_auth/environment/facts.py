"""Cheap facts about the server host: environment variables and a few ``stat`` calls.

Nothing here touches the network or runs a program, and no file is opened: only the *names*
and *paths* are reported, never values that could be secrets (for example ``JUPYTERHUB_API_TOKEN``
is never read). Every function takes the environment as a mapping so tests can pass their own.

Decisions:

* Colab: ``COLAB_RELEASE_TAG`` set. Vertex AI Workbench / Colab Enterprise: ``VERTEX_PRODUCT``
  set. Cloud Shell: ``CLOUD_SHELL`` equal to ``true`` (it is set to that string there).
* JupyterHub: ``JUPYTERHUB_API_URL`` set (``JUPYTERHUB_USER`` reported alongside).
* Binder: any of ``BINDER_LAUNCH_HOST``, ``BINDER_REPO_URL``, ``BINDER_REQUEST``,
  ``BINDER_PERSISTENT_REQUEST`` (set by BinderHub in the user's pod) or
  ``BINDER_SERVICE_HOST`` (Kubernetes' service variable in a BinderHub namespace).
* Codespaces: ``CODESPACES`` equal to ``true``.
* A display on the server host: ``DISPLAY`` or ``WAYLAND_DISPLAY`` non-empty; macOS and Windows
  are assumed to have one. This says whether a browser *could* open on the server host, which
  is not the same as the user's browser (that is what the origin tells).
* Config directories: Earth Engine's ``~/.config/earthengine``; gcloud's ``$CLOUDSDK_CONFIG``,
  else ``%APPDATA%\\gcloud`` on Windows, else ``~/.config/gcloud``. Writable means: the
  directory exists and is writable, or it does not exist and its nearest existing ancestor is
  a writable directory (``os.access``, so it speaks for the server's own user).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

BINDER_VARIABLES = (
    "BINDER_LAUNCH_HOST",
    "BINDER_REPO_URL",
    "BINDER_REQUEST",
    "BINDER_PERSISTENT_REQUEST",
    "BINDER_SERVICE_HOST",
)


def _set(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name)
    return value if value else None


def home_dir(env: Mapping[str, str]) -> str:
    home = env.get("HOME") or (env.get("USERPROFILE") if sys.platform == "win32" else None)
    return home or os.path.expanduser("~")


def earthengine_dir(env: Mapping[str, str]) -> str:
    return os.path.join(home_dir(env), ".config", "earthengine")


def gcloud_config_dir(env: Mapping[str, str], platform: str = sys.platform) -> str:
    if env.get("CLOUDSDK_CONFIG"):
        return env["CLOUDSDK_CONFIG"]
    if platform == "win32" and env.get("APPDATA"):
        return os.path.join(env["APPDATA"], "gcloud")
    return os.path.join(home_dir(env), ".config", "gcloud")


def is_writable_dir(path: str) -> bool:
    """Could this process create files in ``path`` (creating the directory first if needed)?"""
    path = os.path.abspath(path)
    while True:
        if os.path.exists(path):
            return os.path.isdir(path) and os.access(path, os.W_OK | os.X_OK)
        parent = os.path.dirname(path)
        if parent == path:
            return False
        path = parent


def _config_dir(directory: str, filename: str) -> dict:
    file_path = os.path.join(directory, filename)
    return {
        "path": directory,
        "writable": is_writable_dir(directory),
        "file": file_path,
        "file_exists": os.path.isfile(file_path),
    }


def display_fact(env: Mapping[str, str], platform: str = sys.platform) -> dict:
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        if env.get(name):
            return {"present": True, "source": name}
    if platform == "darwin":
        return {"present": True, "source": "macOS"}
    if platform == "win32":
        return {"present": True, "source": "Windows"}
    return {"present": False, "source": None}


def gather_facts(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> dict:
    """All the cheap facts, as a JSON-serialisable dict."""
    env = os.environ if env is None else env
    hub_url = _set(env, "JUPYTERHUB_API_URL")
    binder_vars = [name for name in BINDER_VARIABLES if env.get(name)]
    gac = _set(env, "GOOGLE_APPLICATION_CREDENTIALS")
    return {
        "colab_release_tag": _set(env, "COLAB_RELEASE_TAG"),
        "vertex_product": _set(env, "VERTEX_PRODUCT"),
        "cloud_shell": env.get("CLOUD_SHELL", "").lower() == "true",
        "jupyterhub": (
            {"api_url": hub_url, "user": _set(env, "JUPYTERHUB_USER")} if hub_url else None
        ),
        "binder": {"present": bool(binder_vars), "variables": binder_vars},
        "codespaces": env.get("CODESPACES", "").lower() == "true",
        "display": display_fact(env, platform),
        "google_application_credentials": (
            {"path": gac, "exists": os.path.isfile(gac)} if gac else None
        ),
        "config_dirs": {
            "earthengine": _config_dir(earthengine_dir(env), "credentials"),
            "gcloud": _config_dir(
                gcloud_config_dir(env, platform), "application_default_credentials.json"
            ),
        },
        "platform": platform,
    }
