"""Profiles on disk (profiles/): migration, names and limits, switching, deletion, sign-out.

No server: the store is used as the routes use it, in a temporary HOME (conftest.py)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from jupyterlab_google_auth.credentials.store import CredentialStore
from jupyterlab_google_auth.profiles import adding, naming, signing_out
from jupyterlab_google_auth.profiles.errors import ProfileError
from jupyterlab_google_auth.profiles.listing import list_profiles
from jupyterlab_google_auth.profiles.migration import ensure_migrated
from jupyterlab_google_auth.profiles.store import ProfileStore, read_identity
from jupyterlab_google_auth.profiles.switching import switch
from testing.fake_google import ALICE, BOB, CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET

SCOPES = ["https://www.googleapis.com/auth/earthengine", "openid"]
KEY_EMAIL = "pipeline@ee-alice.iam.gserviceaccount.com"


def grant(token: str, account: str) -> dict:
    return {
        "refresh_token": token,
        "client_id": CUSTOM_CLIENT_ID,
        "client_secret": CUSTOM_CLIENT_SECRET,
        "scopes": SCOPES,
        "account": account,
        "issue": {"mode": "notebook", "preset": "earthengine", "client": "notebook"},
    }


def sign_in_standard(token="1//alice", account=ALICE, project="ee-alice"):
    g = grant(token, account)
    CredentialStore().write_user_credentials(["earthengine", "adc"], project=project, **g)


def std() -> dict:
    paths = CredentialStore().paths
    read = lambda p: json.loads(p.read_text()) if p.exists() else None  # noqa: E731
    return {"earthengine": read(paths.earthengine), "adc": read(paths.adc)}


@pytest.fixture
def store() -> ProfileStore:
    return ProfileStore()


def test_nothing_signed_in_makes_no_profile(store):
    assert ensure_migrated(store) is None
    assert list_profiles(store) == {"active": None, "profiles": []}


def test_existing_credentials_become_the_first_profile_nothing_lost(store):
    sign_in_standard()
    before = std()
    assert ensure_migrated(store) == ALICE
    assert ensure_migrated(store) is None  # once
    assert std() == before  # the standard files are untouched
    directory = store.directory(ALICE)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    for f in directory.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    copy = read_identity(store.files(ALICE))
    assert copy.adc == before["adc"] and copy.earthengine == before["earthengine"]
    (view,) = list_profiles(store)["profiles"]
    assert view["name"] == ALICE and view["kind"] == "user" and view["account"] == ALICE
    assert view["project"] == "ee-alice" and view["active"] and not view["signed_out"]
    assert view["expires_about"]  # notebook-mode sign-ins end after 7 days
    assert "1//alice" not in json.dumps(list_profiles(store))


def test_a_profile_adc_file_works_alone(store):
    sign_in_standard()
    ensure_migrated(store)
    adc = store.files(ALICE).paths.adc
    assert adc.name == "application_default_credentials.json"
    assert json.loads(adc.read_text())["type"] == "authorized_user"


def test_switching_rewrites_the_standard_files_and_keeps_changes(store):
    sign_in_standard()
    adding.add_user_grant(store, None, 20, ["earthengine", "adc"], **grant("1//bob", BOB))
    assert store.active() == ALICE and std()["adc"]["account"] == ALICE  # adding is not switching
    CredentialStore().set_project("alice-second")  # a change while alice is active
    written = switch(store, BOB)
    assert {w.target for w in written} == {"earthengine", "adc"}
    assert all(w.backup for w in written)  # the previous files are backed up
    assert std()["adc"]["refresh_token"] == "1//bob" and store.active() == BOB
    switch(store, ALICE)
    assert std()["adc"]["refresh_token"] == "1//alice"
    assert std()["earthengine"]["project"] == "alice-second"  # kept through the round trip
    assert switch(store, ALICE) == []


def test_a_service_account_profile_leaves_earth_engine_to_adc(store, key_factory):
    sign_in_standard()
    key = key_factory(KEY_EMAIL)
    name, _ = adding.add_service_account(store, key, "pipeline", 20)
    switch(store, name)
    files = std()
    assert files["adc"]["type"] == "service_account"
    assert files["earthengine"] == {"project": "ee-alice"}  # no token: ee uses ADC
    view = {p["name"]: p for p in list_profiles(store)["profiles"]}["pipeline"]
    assert view["kind"] == "service-account" and view["account"] == KEY_EMAIL
    assert "PRIVATE KEY" not in json.dumps(list_profiles(store))


def test_ambient_profile_moves_the_files_aside(store):
    sign_in_standard()
    adding.add_ambient(store, "vm@developer.gserviceaccount.com", "gce-project", "vm", 20)
    switch(store, "vm")
    assert std() == {"earthengine": {"project": "gce-project"}, "adc": None}
    switch(store, ALICE)
    assert std()["adc"]["account"] == ALICE


@pytest.mark.parametrize(
    "bad", ["", "../x", "a/b", ".hidden", "x" * 65, "with space", "trailing.", "impersonate", 3]
)
def test_bad_names_are_refused(bad):
    with pytest.raises(ProfileError) as caught:
        naming.validate(bad)
    assert caught.value.code == "bad_profile_name" and caught.value.help


def test_names_from_accounts_are_free_and_valid():
    assert naming.from_account(ALICE, []) == ALICE
    assert naming.from_account(ALICE, ["Alice@Example.com"]) == ALICE + "-2"
    assert naming.from_account("odd name/x", []) == "odd-name-x"
    assert naming.from_account(None, [], fallback="default") == "default"


def test_the_count_is_bounded_and_names_are_unique(store):
    sign_in_standard()
    adding.add_ambient(store, "vm@x.com", None, "one", 2)
    with pytest.raises(ProfileError) as caught:
        adding.add_ambient(store, "vm@x.com", None, "two", 2)
    assert caught.value.code == "too_many_profiles"
    with pytest.raises(ProfileError) as caught:
        adding.add_ambient(store, "vm@x.com", None, "ONE", 20)
    assert caught.value.code == "profile_exists"


def test_delete_keeps_a_backup_and_refuses_the_active_one(store):
    sign_in_standard()
    adding.add_user_grant(store, "bob", 20, ["adc"], **grant("1//bob", BOB))
    with pytest.raises(ProfileError) as caught:
        store.delete(ALICE)
    assert caught.value.code == "profile_active"
    backup = store.delete("bob")
    assert "bob" not in store.names()
    assert (
        json.loads((backup / "application_default_credentials.json").read_text())["refresh_token"]
        == "1//bob"
    )
    assert stat.S_IMODE(backup.stat().st_mode) == 0o700


def test_rename_follows_the_active_marker(store):
    sign_in_standard()
    ensure_migrated(store)
    store.rename(ALICE, "work")
    assert store.active() == "work" and store.names() == ["work"]
    with pytest.raises(ProfileError):
        store.rename("nobody", "x")


def test_per_profile_sign_out_moves_only_that_profile(store):
    sign_in_standard()
    adding.add_user_grant(store, "bob", 20, ["adc"], **grant("1//bob", BOB))
    assert signing_out.refresh_tokens(store, "bob") == ["1//bob"]
    result = signing_out.sign_out(store, "bob")
    assert result.refresh_tokens == ["1//bob"] and all(m.backup for m in result.moved)
    assert std()["adc"]["refresh_token"] == "1//alice"  # the active identity is untouched
    views = {p["name"]: p for p in list_profiles(store)["profiles"]}
    assert views["bob"]["signed_out"] and not views[ALICE]["signed_out"]
    result = signing_out.sign_out(store, ALICE)  # the active one: standard files too
    assert std() == {"earthengine": None, "adc": None}
    paths = CredentialStore().paths
    assert {m.path for m in result.moved} >= {paths.earthengine, paths.adc}


def test_a_link_for_a_profile_directory_is_refused(store, tmp_path):
    sign_in_standard()
    ensure_migrated(store)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    os.symlink(elsewhere, store.profiles_dir / "linked")
    assert "linked" not in store.names()


@pytest.fixture
def key_factory():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    def make(email: str) -> dict:
        pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return {
            "type": "service_account",
            "project_id": email.split("@")[1].split(".")[0],
            "private_key_id": "k1",
            "private_key": pem.decode(),
            "client_email": email,
            "client_id": "1234",
            "token_uri": "https://oauth2.googleapis.com/token",
        }

    return make


def test_paths_are_under_home(store):
    assert Path(os.environ["HOME"]) in store.root.parents
