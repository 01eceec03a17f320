"""Files written by CredentialStore load and refresh in Node google-auth-library 10.x.

node/adc_refresh.mjs uses `new GoogleAuth({scopes, clientOptions})` and `getClient()` /
`getAccessToken()`, exactly as a Node program finds ADC; the token endpoint is redirected with
the documented client option `endpoints.oauth2TokenUrl` (see the script). Skipped when
node/node_modules is not installed (`make pytest` installs it)."""

from __future__ import annotations

import pytest

from jupyterlab_google_auth.clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from testing.fake_google import ALICE, CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET

SCOPES = ["openid", "https://www.googleapis.com/auth/cloud-platform"]
# Every sign-in here also writes the issue record beside the files (credentials/issued.py):
# the consumers must not mind it.
ISSUE = {"mode": "notebook", "preset": "earthengine", "client": "notebook"}


@pytest.mark.parametrize(
    ("client_id", "client_secret"),
    [(CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET), (EE_CLIENT_ID, EE_CLIENT_SECRET)],
    ids=["custom-client", "earthengine-client"],
)
def test_google_auth_library_loads_adc_and_refreshes(
    fake_google, store, node_consumer, client_id, client_secret
):
    rt = fake_google.call(fake_google.state.issue_refresh_token, client_id, ALICE, SCOPES).value
    store.write_user_credentials(
        ["earthengine", "adc"],
        issue=ISSUE,
        refresh_token=rt,
        client_id=client_id,
        client_secret=client_secret,
        scopes=SCOPES,
        account=ALICE,
        project="ee-alice",
    )
    got = node_consumer(fake_google.url + "/token")
    print("node google-auth-library got:", {**got, "token": got["token"][:14] + "..."})
    assert got["clientType"] == "UserRefreshClient"
    assert got["tokenUrl"] == fake_google.url + "/token"
    assert got["quotaProjectId"] == "ee-alice"
    assert got["universeDomain"] == "googleapis.com"
    minted = fake_google.state.access_tokens.get(got["token"])
    assert minted is not None and minted.refresh_token == rt and minted.account == ALICE


def test_google_auth_library_honours_cloudsdk_config(fake_google, tmp_path, node_consumer):
    from jupyterlab_google_auth.credentials import CredentialStore

    home = tmp_path / "consumer-home"
    config = tmp_path / "gcloud-config"
    store = CredentialStore(env={"HOME": str(home), "CLOUDSDK_CONFIG": str(config)}, home=home)
    rt = fake_google.call(
        fake_google.state.issue_refresh_token, CUSTOM_CLIENT_ID, ALICE, SCOPES
    ).value
    (written,) = store.write_user_credentials(
        ["adc"],
        issue=ISSUE,
        refresh_token=rt,
        client_id=CUSTOM_CLIENT_ID,
        client_secret=CUSTOM_CLIENT_SECRET,
        scopes=SCOPES,
    )
    assert written.path == config / "application_default_credentials.json"
    got = node_consumer(fake_google.url + "/token", CLOUDSDK_CONFIG=str(config))
    assert fake_google.state.access_tokens[got["token"]].refresh_token == rt
