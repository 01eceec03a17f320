"""Where the client libraries keep their credential files.

Everything takes the environment mapping and the home directory as arguments so the tests can
point the whole package at a temporary HOME and never touch the real one. The rules mirror what
the consumers do: ``earthengine-api`` expands ``~/.config/earthengine/credentials``; google-auth
and gcloud use ``$CLOUDSDK_CONFIG``, else ``~/.config/gcloud`` (``%APPDATA%\\gcloud`` on Windows).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import ids
from ..ids import is_id

EE_RELATIVE = Path(".config") / "earthengine" / "credentials"
ADC_FILENAME = "application_default_credentials.json"
DEFAULT_GCLOUD_CONFIGURATION = "default"
# gcloud's own rule for configuration names; anything else could escape the directory.
# active_config holds one short name; never read a large or odd file in full.
_ACTIVE_CONFIG_MAX_BYTES = 256


@dataclass(frozen=True)
class CredentialPaths:
    """The resolved locations; ``env_credentials`` is ``GOOGLE_APPLICATION_CREDENTIALS``."""

    home: Path
    earthengine: Path
    gcloud_config: Path
    adc: Path
    env_credentials: Path | None

    def gcloud_configuration(self, env: Mapping[str, str]) -> Path:
        """The file holding gcloud's active configuration (``core/project`` lives there)."""
        name = active_configuration_name(self.gcloud_config, env)
        return self.gcloud_config / "configurations" / f"config_{name}"


def resolve_home(env: Mapping[str, str], home: str | os.PathLike[str] | None = None) -> Path:
    """HOME as the consumers see it: explicit argument, then ``$HOME``, then the OS's idea."""
    if home is not None:
        return Path(home)
    if os.name == "nt" and env.get("USERPROFILE"):
        return Path(env["USERPROFILE"])
    if env.get("HOME"):
        return Path(env["HOME"])
    return Path.home()


def gcloud_config_dir(env: Mapping[str, str], home: Path, *, windows: bool | None = None) -> Path:
    """gcloud's config directory, by google-auth's and gcloud's rules."""
    if env.get("CLOUDSDK_CONFIG"):
        return Path(env["CLOUDSDK_CONFIG"])
    if windows if windows is not None else os.name == "nt":
        # Untested branch: Windows keeps gcloud's config under %APPDATA%.
        appdata = env.get("APPDATA")
        if appdata:
            return Path(appdata) / "gcloud"
        return Path(env.get("SystemDrive", "C:") + "\\") / "gcloud"
    return home / ".config" / "gcloud"


def active_configuration_name(config_dir: Path, env: Mapping[str, str]) -> str:
    """gcloud's active configuration: the env override, then ``active_config``, else default."""
    name = env.get("CLOUDSDK_ACTIVE_CONFIG_NAME", "").strip()
    if not name:
        try:
            with open(config_dir / "active_config", "rb") as f:
                name = f.read(_ACTIVE_CONFIG_MAX_BYTES).decode("utf-8", "replace").strip()
        except OSError:
            name = ""
    if not is_id(ids.CONFIGURATION_NAME, name):
        return DEFAULT_GCLOUD_CONFIGURATION
    return name


def resolve_paths(
    env: Mapping[str, str] | None = None,
    home: str | os.PathLike[str] | None = None,
    *,
    windows: bool | None = None,
) -> CredentialPaths:
    """All the credential locations for one environment (``os.environ`` when None)."""
    env = os.environ if env is None else env
    home_path = resolve_home(env, home)
    config = gcloud_config_dir(env, home_path, windows=windows)
    explicit = env.get("GOOGLE_APPLICATION_CREDENTIALS", "")
    return CredentialPaths(
        home=home_path,
        earthengine=home_path / EE_RELATIVE,
        gcloud_config=config,
        adc=config / ADC_FILENAME,
        env_credentials=Path(explicit) if explicit else None,
    )
