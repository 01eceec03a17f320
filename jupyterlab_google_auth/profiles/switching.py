"""Switching: the chosen profile's files go to the standard places, through the store.

The active profile's truth is the standard files, so they are copied back into its directory
first (a project chosen or a sign-in made since the last switch is kept), then the chosen
profile's two files replace them (each previous file backed up; a file the profile does not
have is moved aside, so Earth Engine falls back to ADC for a service account). The caller
clears the caches and answers the new credentials report, which the front end announces as
``profile-switched``; running kernels then follow exactly as after a sign-in.
"""

from __future__ import annotations

from ..credentials import validity
from ..credentials.store import WRITE_LOCK, WrittenFile
from .store import ProfileStore, read_identity


def switch(store: ProfileStore, name: str) -> list[WrittenFile]:
    """Make ``name`` active; the standard files written (none when it already was)."""
    with WRITE_LOCK:
        target = store.find(name)
        current = store.active()
        if current == target:
            return []
        chosen = read_identity(store.files(target))
        if current is not None:
            now = read_identity(store.standard)
            store.files(current).install(now.contents, now.records)
        written = store.standard.install(chosen.contents, chosen.records)
        store.set_active(target)
    validity.clear_cache()
    return written
