"""Files written by CredentialStore load and refresh in Python google-auth and earthengine-api.

Each test writes with the store into a temp HOME, then runs the consumer in a clean subprocess
(consumer_python.py, which explains how the token endpoint is redirected to the fake)."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from jupyterlab_google_auth.clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from jupyterlab_google_auth.credentials import check_refresh, clear_cache, describe_sources
from testing.fake_google import ALICE, CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET

EE_SCOPES = [
    "https://www.googleapis.com/auth/earthengine",
    "https://www.googleapis.com/auth/cloud-platform",
    "https://www.googleapis.com/auth/drive",
    "https://www.googleapis.com/auth/devstorage.full_control",
]
CLOUD_SCOPES = ["openid", "https://www.googleapis.com/auth/cloud-platform"]


# Every sign-in here also writes the issue record beside the files (credentials/issued.py):
# the consumers must not mind it.
ISSUE = {"mode": "notebook", "preset": "earthengine", "client": "notebook"}


def token_uri(fake) -> str:
    return fake.url + "/token"


def seed_refresh_token(fake, client_id: str, scopes: list[str]) -> str:
    """What a completed sign-in leaves at Google: a live refresh token for ALICE."""
    return fake.call(fake.state.issue_refresh_token, client_id, ALICE, scopes).value


def issued_by_fake(fake, access_token: str, refresh_token: str | None = None) -> bool:
    """The consumer's access token was minted by the fake (from ``refresh_token``, if given)."""
    token = fake.state.access_tokens.get(access_token)
    return token is not None and (refresh_token is None or token.refresh_token == refresh_token)


def test_google_auth_default_loads_adc_and_refreshes(fake_google, store, python_consumer):
    rt = seed_refresh_token(fake_google, CUSTOM_CLIENT_ID, CLOUD_SCOPES)
    store.write_user_credentials(
        ["adc"],
        issue=ISSUE,
        refresh_token=rt,
        client_id=CUSTOM_CLIENT_ID,
        client_secret=CUSTOM_CLIENT_SECRET,
        scopes=CLOUD_SCOPES,
        account=ALICE,
        project="ee-alice",
    )
    got = python_consumer("google-auth", token_uri(fake_google))
    assert got["class"] == "google.oauth2.credentials.Credentials"
    assert got["token_uri"] == token_uri(fake_google)
    assert got["quota_project_id"] == "ee-alice"
    assert got["client_id"] == CUSTOM_CLIENT_ID
    assert got["account"] == ALICE
    assert issued_by_fake(fake_google, got["token"], rt)


def test_google_auth_default_with_earthengine_client(fake_google, store, python_consumer):
    rt = seed_refresh_token(fake_google, EE_CLIENT_ID, EE_SCOPES)
    store.write_user_credentials(
        ["adc"],
        issue=ISSUE,
        refresh_token=rt,
        client_id=EE_CLIENT_ID,
        client_secret=EE_CLIENT_SECRET,
        scopes=EE_SCOPES,
    )
    store.set_project("ee-alice")  # selecting a project later sets quota_project_id
    got = python_consumer("google-auth", token_uri(fake_google))
    assert got["quota_project_id"] == "ee-alice"
    assert issued_by_fake(fake_google, got["token"], rt)


def test_google_auth_default_loads_service_account_key(fake_google, store, python_consumer):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    email = "robot@sa-project.iam.gserviceaccount.com"
    fake_google.control(
        "service-accounts",
        {
            "email": email,
            "public_key_pem": private.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode(),
        },
    )
    key = {
        "type": "service_account",
        "project_id": "sa-project",
        "private_key_id": "k1",
        "private_key": private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
        "client_email": email,
        "client_id": "1",
        # google-auth honours a key's own token_uri: point it at the fake, no patch needed.
        "token_uri": token_uri(fake_google),
    }
    store.write_service_account(key)
    assert json.loads(store.paths.adc.read_text()) == key  # stored as is
    got = python_consumer("google-auth", token_uri(fake_google))
    assert got["class"] == "google.oauth2.service_account.Credentials"
    assert got["project"] == "sa-project"
    assert got["account"] == email
    assert fake_google.state.access_tokens[got["token"]].account == email


def test_ee_initialize_uses_earthengine_file_and_its_project(fake_google, store, python_consumer):
    rt = seed_refresh_token(fake_google, EE_CLIENT_ID, EE_SCOPES)
    store.write_user_credentials(
        ["earthengine"],
        issue=ISSUE,
        refresh_token=rt,
        client_id=EE_CLIENT_ID,
        client_secret=EE_CLIENT_SECRET,
        scopes=EE_SCOPES,
        project="ee-alice",
    )
    got = python_consumer("earthengine", token_uri(fake_google))
    # ee.oauth.get_credentials_arguments() returns the file's project as the quota project,
    assert got["ee_file_quota_project"] == "ee-alice"
    assert got["ee_file_token_uri"] == token_uri(fake_google)
    # ee.Initialize() took the EE file (ee's own client, implied), refreshed it at the fake
    # (get_persistent_credentials checks validity by refreshing) and chose the file's project.
    assert got["client_id"] == EE_CLIENT_ID
    assert got["quota_project_id"] == "ee-alice"
    assert got["initialize_project"] == "ee-alice"
    assert issued_by_fake(fake_google, got["token"], rt)


def test_ee_project_survives_reauthentication(fake_google, store, python_consumer):
    first = seed_refresh_token(fake_google, CUSTOM_CLIENT_ID, EE_SCOPES)
    common = {"client_id": CUSTOM_CLIENT_ID, "client_secret": CUSTOM_CLIENT_SECRET}
    store.write_user_credentials(["earthengine"], refresh_token=first, scopes=EE_SCOPES, **common)
    store.set_project("ee-alice", adc=False)
    second = seed_refresh_token(fake_google, CUSTOM_CLIENT_ID, EE_SCOPES)
    store.write_user_credentials(["earthengine"], refresh_token=second, scopes=EE_SCOPES, **common)
    got = python_consumer("earthengine", token_uri(fake_google))
    assert got["initialize_project"] == "ee-alice"
    assert got["client_id"] == CUSTOM_CLIENT_ID  # a custom client is written into the file
    assert issued_by_fake(fake_google, got["token"], second)


def test_ee_initialize_falls_back_to_adc(fake_google, store, python_consumer):
    rt = seed_refresh_token(fake_google, EE_CLIENT_ID, EE_SCOPES)
    store.write_user_credentials(
        ["adc"],
        issue=ISSUE,
        refresh_token=rt,
        client_id=EE_CLIENT_ID,
        client_secret=EE_CLIENT_SECRET,
        scopes=EE_SCOPES,
        project="ee-alice",
    )
    got = python_consumer("earthengine", token_uri(fake_google))
    assert got["ee_file_quota_project"] is None  # no EE file
    assert got["initialize_project"] == "ee-alice"  # ADC's quota_project_id
    assert issued_by_fake(fake_google, got["token"], rt)


def test_report_and_validity_against_the_fake(fake_google, store):
    rt = seed_refresh_token(fake_google, EE_CLIENT_ID, EE_SCOPES + ["openid"])
    store.write_user_credentials(
        ["earthengine", "adc"],
        issue=ISSUE,
        refresh_token=rt,
        client_id=EE_CLIENT_ID,
        client_secret=EE_CLIENT_SECRET,
        scopes=EE_SCOPES,
        project="ee-alice",
    )
    clear_cache()
    rep = describe_sources(store, token_uri=token_uri(fake_google), check=check_refresh)
    ee = next(s for s in rep["sources"] if s["name"] == "earthengine")
    assert ee["valid"] is True and ee["account"] == ALICE
    assert rt not in json.dumps(rep)
    # Revoked at Google: the next (uncached) check says invalid_grant.
    assert fake_google.call(fake_google.state.revoke, rt)
    clear_cache()
    rep = describe_sources(store, token_uri=token_uri(fake_google), check=check_refresh)
    ee = next(s for s in rep["sources"] if s["name"] == "earthengine")
    assert ee["valid"] is False and [p["code"] for p in ee["problems"]] == ["invalid_grant"]
