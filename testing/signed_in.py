"""Put a real sign-in on disk for a test: a refresh token minted by the fake Google for its
custom Desktop client, written by the credential store exactly as a finished flow would."""

from __future__ import annotations

from collections.abc import Sequence

from jupyterlab_google_auth.credentials.store import CredentialStore
from testing.fake_google import ALICE, CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET


def sign_in(
    fake_google,
    scopes: Sequence[str],
    *,
    account: str = ALICE,
    targets: Sequence[str] = ("earthengine", "adc"),
    project: str | None = None,
) -> str:
    """Returns the refresh token (tests look for it in responses to prove it never leaks)."""
    token = fake_google.call(
        fake_google.state.issue_refresh_token, CUSTOM_CLIENT_ID, account, list(scopes)
    ).value
    CredentialStore().write_user_credentials(
        list(targets),
        refresh_token=token,
        client_id=CUSTOM_CLIENT_ID,
        client_secret=CUSTOM_CLIENT_SECRET,
        scopes=list(scopes),
        account=account,
        project=project,
    )
    return token
