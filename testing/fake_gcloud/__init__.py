"""A fake ``gcloud`` executable for the gcloud bridge's tests (see cli.py for what it does).

    bin_dir = install_fake_gcloud(tmp_path / "bin")     # writes bin_dir/gcloud
    env = fake_gcloud_env(bin_dir, tmp_path / "gcloud-config", mode="ok")

The executable is a two-line wrapper whose shebang is the absolute path of the running
interpreter (the venv's), so it runs the same Python as the tests whatever ``python3`` is on
PATH; it imports :mod:`testing.fake_gcloud.cli` from this source tree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .cli import AUTH_PROXY_REDIRECT_URI, CLOUD_SCOPES, GCLOUD_CLIENT_ID, VERSION

REPO_ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PATH = "/usr/bin:/bin"

__all__ = [
    "AUTH_PROXY_REDIRECT_URI",
    "CLOUD_SCOPES",
    "GCLOUD_CLIENT_ID",
    "VERSION",
    "fake_gcloud_env",
    "install_fake_gcloud",
    "register_gcloud_client",
]


def install_fake_gcloud(bin_dir: Path) -> Path:
    """Write the ``gcloud`` wrapper into ``bin_dir`` (created) and return its path."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    script = bin_dir / "gcloud"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"sys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "from testing.fake_gcloud.cli import main\n"
        "sys.exit(main())\n"
    )
    script.chmod(0o755)
    return script


def fake_gcloud_env(
    bin_dir: Path,
    config_dir: Path,
    *,
    mode: str | None = None,
    fake_google=None,
    parent_pid: int | None = None,
    **extra: str,
) -> dict[str, str]:
    """An environment with the fake first on PATH and gcloud's config in ``config_dir``.

    With ``fake_google`` the fake gcloud points at it (consent URL and token exchange); call
    :func:`register_gcloud_client` on it first. ``parent_pid`` defaults to this process (the
    bridge starts gcloud directly); ``extra`` adds ``FAKE_GCLOUD_*`` or other variables.
    """
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{SYSTEM_PATH}",
        "HOME": str(config_dir.parent),
        "CLOUDSDK_CONFIG": str(config_dir),
        "LANG": "C.UTF-8",
        "FAKE_GCLOUD_PARENT_PID": str(os.getpid() if parent_pid is None else parent_pid),
    }
    if mode:
        env["FAKE_GCLOUD_MODE"] = mode
    if fake_google is not None:
        from testing.fake_google import GCLOUD_CLIENT_SECRET

        env["FAKE_GCLOUD_AUTH_URI"] = fake_google.url + "/o/oauth2/auth"
        env["FAKE_GCLOUD_TOKEN_URI"] = fake_google.url + "/token"
        env["FAKE_GCLOUD_CLIENT_SECRET"] = GCLOUD_CLIENT_SECRET
    env.update(extra)
    return env


def register_gcloud_client(
    fake_google, client_id: str = GCLOUD_CLIENT_ID, client_secret: str | None = None
) -> None:
    """Let gcloud's client redirect to Google's auth-code page at the fake, as it may at
    Google (the fake's default gcloud client only knows loopback redirects). The real gcloud
    brings its own secret (``client_secret``); the fake gcloud uses the fake's."""
    from testing.fake_google import GCLOUD_CLIENT_SECRET
    from testing.fake_google.clients import GCLOUD_SCOPES

    fake_google.add_client(
        client_id=client_id,
        client_secret=client_secret or GCLOUD_CLIENT_SECRET,
        name="Google Cloud SDK",
        redirect_uris=[AUTH_PROXY_REDIRECT_URI],
        loopback=True,
        allowed_scopes=sorted(GCLOUD_SCOPES),
    )
