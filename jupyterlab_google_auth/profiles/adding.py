"""New profiles from each source: a user sign-in (a finished flow), a service-account key, the
runtime's ambient account. Impersonation is impersonation.py. None of these touch the standard
files: a new profile waits until the user switches to it.

Blocking (file writes): the routes run these off the event loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..credentials.store import WRITE_LOCK, WrittenFile
from . import naming
from .migration import ensure_migrated
from .store import ProfileFiles, ProfileStore


def new_profile(
    store: ProfileStore,
    name: str | None,
    kind: str,
    account: str | None,
    limit: int,
    **extra: Any,
) -> tuple[str, ProfileFiles]:
    """Create the profile (named ``name``, else after the account); existing credentials
    become a profile first, so adding never loses the identity in use."""
    ensure_migrated(store)
    if name is None:
        name = naming.from_account(account, store.names())
    return name, store.create(name, kind, account=account, limit=limit, **extra)


def project_only(files: ProfileFiles, project: str | None) -> None:
    """Earth Engine's file with the project and no token: ee then uses ADC (the profile's
    key or impersonation) and bills this project."""
    if project:
        files.install({"earthengine": {"project": project}})


def add_service_account(
    store: ProfileStore, key: Mapping[str, Any], name: str | None, limit: int
) -> tuple[str, list[WrittenFile]]:
    with WRITE_LOCK:
        name, files = new_profile(store, name, "service-account", key["client_email"], limit)
        written = [files.write_service_account(key)]
        project_only(files, key.get("project_id"))
    return name, written


def add_ambient(
    store: ProfileStore, account: str, project: str | None, name: str | None, limit: int
) -> str:
    """The runtime's own account: no credential file at all (the libraries then ask the
    metadata server), only the project for Earth Engine."""
    with WRITE_LOCK:
        name, files = new_profile(store, name, "ambient", account, limit)
        project_only(files, project)
    return name


def add_impersonated(
    store: ProfileStore,
    name: str | None,
    limit: int,
    adc: Mapping[str, Any],
    *,
    account: str,
    project: str | None,
    source: str,
) -> str:
    """An ``impersonated_service_account`` ADC file (impersonation.adc_file, checked at Google
    already) as a new profile acting as ``account`` from the profile ``source``."""
    with WRITE_LOCK:
        name, files = new_profile(store, name, "impersonated", account, limit, source=source)
        files.install({"adc": adc})
        project_only(files, project)
    return name


def add_user_grant(
    store: ProfileStore,
    name: str | None,
    limit: int,
    targets: Iterable[str],
    **grant: Any,
) -> tuple[str, list[WrittenFile]]:
    """A finished sign-in written into a new profile (``grant``: the arguments of
    CredentialStore.write_user_credentials)."""
    with WRITE_LOCK:
        name, files = new_profile(store, name, "user", grant.get("account"), limit)
        written = files.write_user_credentials(list(targets), **grant)  # type: ignore[arg-type]
    return name, written
