"""A finished exchange, written: the credential files, and the result the panel shows.

Also tells the validity cache that the grant is good for its access token's life, so the
credentials report that follows asks Google nothing.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..credentials import validity
from ..credentials.store import WRITE_LOCK, CredentialStore
from ..profiles.adding import add_user_grant
from ..profiles.errors import ProfileError
from ..profiles.store import profile_store
from .errors import flow_error, plain_text
from .model import Flow, Grant


def issued_client(flow: Flow) -> str:
    """Which OAuth client issued the sign-in, as recorded beside the files: the notebook
    mode's per-user client is its own kind (Google ends its tokens after 7 days)."""
    return "notebook" if flow.mode == "notebook" else flow.client


async def write_grant(
    store: CredentialStore, flow: Flow, grant: Grant, token_uri: str, *, max_profiles: int = 20
) -> dict[str, Any]:
    """Writes ``grant`` to the flow's targets (in a new profile when the flow adds one); the
    flow's result (no secret in it)."""
    credentials = {
        "refresh_token": grant.refresh_token,
        "client_id": grant.client.client_id,
        "client_secret": grant.client.client_secret,
        "scopes": grant.scopes,
        "account": grant.account,
        "issue": {"mode": flow.mode, "preset": flow.preset, "client": issued_client(flow)},
    }
    profile: str | None = None

    def write():  # noqa: ANN202
        nonlocal profile
        if flow.add_profile:
            profile, files = add_user_grant(
                profile_store(store), flow.profile_name, max_profiles, flow.targets, **credentials
            )
            return files
        if flow.profile_name is not None:
            # A notebook bound to this profile signed in: its files, or the standard ones
            # when it has become the active profile meanwhile.
            with WRITE_LOCK:
                profiles = profile_store(store)
                profile = profiles.find(flow.profile_name)
                target = profiles.files_now(profile)
                return target.write_user_credentials(flow.targets, **credentials)
        return store.write_user_credentials(flow.targets, **credentials)

    try:  # a profile refusal (name taken meanwhile, list full) fails the flow as it is
        written = await asyncio.to_thread(write)
    except (OSError, ValueError) as exc:
        raise flow_error("write_failed", plain_text(str(exc), 400)) from None
    except ProfileError as exc:  # the bound profile was deleted during the sign-in
        raise flow_error("write_failed", exc.message) from None
    validity.clear_cache()  # the stored credentials changed
    validity.remember_good(
        grant.refresh_token,
        grant.client.client_id,
        token_uri,
        account=grant.account,
        scopes=grant.scopes,
        lifetime=grant.lifetime,
    )
    result: dict[str, Any] = {
        "account": grant.account,
        "scopes": grant.scopes,
        "files": [f.to_json() for f in written],
        "profile": profile,
    }
    if grant.missing_scopes:
        result["scope_note"] = (
            "Google did not grant " + ", ".join(grant.missing_scopes) + " (a box on the "
            "consent page may have been left unticked). Code that needs it will fail; sign "
            "in again and allow everything to get it."
        )
    return result
