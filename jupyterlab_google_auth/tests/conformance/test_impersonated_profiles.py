"""Profiles in the real consumers: an impersonated ADC file written by the extension gives
google-auth, earthengine-api and Node google-auth-library a token *as the service account*
from the fake's IAM Credentials; a second profile's ADC file works alone as
GOOGLE_APPLICATION_CREDENTIALS (what a notebook bound to that profile gets)."""

from __future__ import annotations

import shutil

import pytest

from conftest import NODE_DIR, clean_env, run_json
from jupyterlab_google_auth.profiles import adding, impersonation
from jupyterlab_google_auth.profiles.migration import ensure_migrated
from jupyterlab_google_auth.profiles.store import ProfileStore, read_identity
from jupyterlab_google_auth.profiles.switching import switch
from testing.fake_google import ALICE, BOB, CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET

SCOPES = ["openid", "https://www.googleapis.com/auth/cloud-platform"]
SA = "pipeline@ee-alice.iam.gserviceaccount.com"
ISSUE = {"mode": "loopback", "preset": "cloud", "client": "custom"}


def user_grant(fake, account: str) -> dict:
    token = fake.call(fake.state.issue_refresh_token, CUSTOM_CLIENT_ID, account, SCOPES).value
    return {
        "refresh_token": token,
        "client_id": CUSTOM_CLIENT_ID,
        "client_secret": CUSTOM_CLIENT_SECRET,
        "scopes": SCOPES,
        "account": account,
        "issue": ISSUE,
    }


@pytest.fixture
def profiles(home, store, fake_google) -> ProfileStore:
    """alice signed in (the active profile), bob added beside her."""
    store.write_user_credentials(
        ["earthengine", "adc"], project="ee-alice", **user_grant(fake_google, ALICE)
    )
    found = ProfileStore(env={"HOME": str(home)}, home=home)
    ensure_migrated(found)
    adding.add_user_grant(found, BOB, 20, ["earthengine", "adc"], **user_grant(fake_google, BOB))
    return found


@pytest.fixture
def acting_as_sa(profiles, fake_google) -> ProfileStore:
    """What POST profiles/impersonate does, then a switch to the new profile."""
    fake_google.add_service_account(SA, token_creators=[ALICE])
    source = impersonation.source_credentials(read_identity(profiles.standard), ALICE)
    impersonation.check(
        source,
        SA,
        [],
        token_uri=fake_google.url + "/token",
        iamcredentials_uri=fake_google.url,
        timeout=10,
    )
    data = impersonation.adc_file(source, SA, [], fake_google.url, "ee-alice")
    adding.add_impersonated(profiles, None, 20, data, account=SA, project="ee-alice", source=ALICE)
    switch(profiles, SA)
    return profiles


def minted_for(fake, token: str) -> str:
    return fake.state.access_tokens[token].account


def test_google_auth_default_acts_as_the_service_account(
    acting_as_sa, fake_google, python_consumer
):
    got = python_consumer("google-auth", fake_google.url + "/token", FAKE_IAM_URI=fake_google.url)
    assert got["class"] == "google.auth.impersonated_credentials.Credentials"
    assert minted_for(fake_google, got["token"]) == SA
    assert got["quota_project_id"] == "ee-alice"


def test_ee_initialize_acts_as_the_service_account(acting_as_sa, fake_google, python_consumer):
    got = python_consumer("earthengine", fake_google.url + "/token", FAKE_IAM_URI=fake_google.url)
    assert got["class"] == "google.auth.impersonated_credentials.Credentials"
    assert minted_for(fake_google, got["token"]) == SA
    assert got["initialize_project"] in (None, "ee-alice")
    assert got["quota_project_id"] == "ee-alice"


def test_node_google_auth_library_acts_as_the_service_account(acting_as_sa, fake_google, home):
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "google-auth-library").is_dir():
        pytest.skip("node or node/node_modules missing; run `make pytest`")
    env = clean_env(home, FAKE_TOKEN_URI=fake_google.url + "/token", FAKE_IAM_URI=fake_google.url)
    got = run_json([node, "impersonated_refresh.mjs"], env, cwd=NODE_DIR)
    assert got["clientType"] == "Impersonated" and got["targetPrincipal"] == SA
    assert got["sourceType"] == "UserRefreshClient"
    assert minted_for(fake_google, got["token"]) == SA


def test_a_second_profile_works_alone_as_google_application_credentials(
    profiles, fake_google, python_consumer
):
    bob_adc = profiles.files(BOB).paths.adc
    got = python_consumer(
        "google-auth", fake_google.url + "/token", GOOGLE_APPLICATION_CREDENTIALS=str(bob_adc)
    )
    assert minted_for(fake_google, got["token"]) == BOB
    got = python_consumer("google-auth", fake_google.url + "/token")  # the active one
    assert minted_for(fake_google, got["token"]) == ALICE


def test_after_a_switch_each_library_follows(profiles, fake_google, python_consumer):
    switch(profiles, BOB)
    for mode in ("google-auth", "earthengine"):
        got = python_consumer(mode, fake_google.url + "/token")
        assert minted_for(fake_google, got["token"]) == BOB, mode
