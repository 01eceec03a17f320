"""First use: credentials already at the standard places become a profile, nothing lost.

Runs before every profile operation. When no profile is active and the standard files hold an
identity (the first start, or a sign-in made while no profile was active), that identity
becomes a new profile named after its account and the active one. The standard files stay
where they are; the profile's directory gets a copy.
"""

from __future__ import annotations

from ..credentials.store import WRITE_LOCK
from . import naming
from .describe import describe, has_credentials
from .store import ProfileStore, read_identity


def ensure_migrated(store: ProfileStore) -> str | None:
    """The name of the profile made, or None when there was nothing to do."""
    with WRITE_LOCK:
        if store.active() is not None:
            return None
        identity = read_identity(store.standard)
        if not has_credentials(identity):
            return None
        seen = describe(identity)
        name = naming.from_account(seen.account, store.names(), fallback="default")
        # No limit here: the identity in use must never be lost to a full list.
        files = store.create(name, seen.kind or "user", account=seen.account, limit=None)
        files.install(identity.contents, identity.records)
        store.set_active(name)
        return name
