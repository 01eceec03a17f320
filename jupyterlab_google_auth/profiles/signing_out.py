"""Signing one profile out: its refresh tokens (to revoke), then its files moved to backups.

The active profile's identity is also at the standard places, so both are moved aside. An
impersonated profile's only token is its source profile's sign-in: nothing of it is revoked
(that would sign the source profile out too); its files are moved aside all the same.
"""

from __future__ import annotations

from ..credentials import validity
from ..credentials.store import WRITE_LOCK, CredentialStore, SignOutResult
from ..projects.revoke import stored_refresh_tokens
from .store import ProfileStore


def _stores(store: ProfileStore, name: str) -> list[CredentialStore]:
    found = store.find(name)
    files: list[CredentialStore] = [store.files(found)]
    if found == store.active():
        files.append(store.standard)
    return files


def refresh_tokens(store: ProfileStore, name: str) -> list[str]:
    """Distinct refresh tokens of the profile (secrets: keep them server-side)."""
    tokens: list[str] = []
    for files in _stores(store, name):
        tokens += [t for t in stored_refresh_tokens(files) if t not in tokens]
    return tokens


def sign_out(store: ProfileStore, name: str) -> SignOutResult:
    moved, tokens = [], []
    with WRITE_LOCK:
        for files in _stores(store, name):
            result = files.sign_out()
            moved += result.moved
            tokens += [t for t in result.refresh_tokens if t not in tokens]
    validity.clear_cache()
    return SignOutResult(moved=moved, refresh_tokens=tokens)
