"""Do the credential files on this host fit a request? Read from the files alone.

The kernel never asks Google and never receives a token: it reads the same files ee and
google-auth read (paths and defensive reading from ``credentials/``) and checks what a sign-in
wrote there: a refresh token, the scopes asked for (the Earth Engine file records them; the ADC
file does not, so any user or service-account ADC fits) and, when asked, the project.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import scopes as scope_lib
from ..credentials.paths import CredentialPaths
from ..credentials.reading import read_json_file

TARGETS = ("earthengine", "adc")


@dataclass(frozen=True)
class SignInSummary:
    """What ``authenticate()`` returns: who is signed in and for which project (no secret)."""

    account: str | None
    project: str | None
    targets: tuple[str, ...]
    already_signed_in: bool = False

    def __repr__(self) -> str:
        who = self.account or "an account whose e-mail was not recorded"
        project = self.project or "no project set"
        return f"<Google sign-in: {who}, {project}, files: {', '.join(self.targets)}>"


def file_path(paths: CredentialPaths, target: str) -> Path:
    return paths.earthengine if target == "earthengine" else paths.adc


def signature(path: Path) -> tuple[int, int, int] | None:
    """Changes whenever a sign-in replaces the file (a rename gives a new inode)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _project_of(target: str, data: dict) -> str | None:
    value = data.get("project") if target == "earthengine" else data.get("quota_project_id")
    return value if isinstance(value, str) and value else None


def ee_project(paths: CredentialPaths) -> str | None:
    """The project ``ee.Initialize()`` falls back to without an argument: the Earth Engine
    file's ``project``, else the ADC file's ``quota_project_id``."""
    for target in ("earthengine", "adc"):
        found = _project_of(target, read_json_file(file_path(paths, target)).data or {})
        if found:
            return found
    return None


def _fits(target: str, data: dict | None, required: Sequence[str]) -> bool:
    if not data:
        return False
    if target == "adc":
        if data.get("type") == "service_account":
            return isinstance(data.get("client_email"), str)
        return data.get("type") == "authorized_user" and isinstance(data.get("refresh_token"), str)
    if not isinstance(data.get("refresh_token"), str) or not data["refresh_token"]:
        return False
    recorded = data.get("scopes")
    # ee treats a file without "scopes" as holding its default (the Earth Engine preset).
    granted = recorded if isinstance(recorded, list) else scope_lib.PRESETS["earthengine"]
    return not scope_lib.missing(required, [s for s in granted if isinstance(s, str)])


def check(
    paths: CredentialPaths,
    targets: Sequence[str],
    required: Sequence[str],
    project: str | None = None,
) -> SignInSummary | None:
    """A summary when every target fits (and holds ``project``, when given); else None."""
    accounts: list[str] = []
    projects: list[str] = []
    for target in targets:
        data = read_json_file(file_path(paths, target)).data
        if not _fits(target, data, required):
            return None
        assert data is not None
        found = _project_of(target, data)
        if project and found != project:
            return None
        if found:
            projects.append(found)
        account = data.get("account") or data.get("client_email")
        if isinstance(account, str) and account:
            accounts.append(account)
    return SignInSummary(
        account=accounts[0] if accounts else None,
        project=project or (projects[0] if projects else None),
        targets=tuple(targets),
    )
