"""CredentialStore: exact formats, merge rules, service accounts, projects and sign-out."""

import configparser
import json
import os
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from jupyterlab_google_auth.clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from jupyterlab_google_auth.credentials import (
    CredentialStore,
    InvalidServiceAccountKey,
    SymlinkTargetError,
)

EE_SCOPES = [
    "https://www.googleapis.com/auth/earthengine",
    "https://www.googleapis.com/auth/cloud-platform",
]
CUSTOM_ID = "111111111111-custom.apps.googleusercontent.com"


@pytest.fixture
def store(tmp_path):
    home = tmp_path / "home"
    return CredentialStore(env={"HOME": str(home)}, home=home)


def read(path):
    return json.loads(path.read_text())


def sign_in(store, targets=("earthengine", "adc"), **kw):
    args = {
        "refresh_token": "rt-1",
        "client_id": EE_CLIENT_ID,
        "client_secret": EE_CLIENT_SECRET,
        "scopes": EE_SCOPES,
    }
    args.update(kw)
    return store.write_user_credentials(list(targets), **args)


def make_key(**overrides):
    pem = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    key = {
        "type": "service_account",
        "project_id": "sa-project",
        "private_key_id": "abc123",
        "private_key": pem,
        "client_email": "robot@sa-project.iam.gserviceaccount.com",
        "client_id": "123",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    key.update(overrides)
    return key


def test_earthengine_client_formats(store):
    written = sign_in(store, account="alice@example.com", project="ee-alice")
    assert [w.target for w in written] == ["earthengine", "adc"]
    assert all(w.backup is None for w in written)
    ee = read(store.paths.earthengine)
    # ee's own client is implied: ee supplies it when the file has none.
    assert ee == {"refresh_token": "rt-1", "scopes": EE_SCOPES, "project": "ee-alice"}
    adc = read(store.paths.adc)
    assert adc == {
        "type": "authorized_user",
        "client_id": EE_CLIENT_ID,
        "client_secret": EE_CLIENT_SECRET,
        "refresh_token": "rt-1",
        "quota_project_id": "ee-alice",
        "account": "alice@example.com",
        "universe_domain": "googleapis.com",
    }
    if os.name != "nt":
        for path in (store.paths.earthengine, store.paths.adc):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_custom_client_is_written_to_ee_file(store):
    sign_in(store, ["earthengine"], client_id=CUSTOM_ID, client_secret="s3")
    ee = read(store.paths.earthengine)
    assert ee["client_id"] == CUSTOM_ID and ee["client_secret"] == "s3"
    assert not store.paths.adc.exists()


def test_project_survives_reauthentication_and_unknown_keys_are_kept(store):
    sign_in(store, project="ee-alice")
    ee_path, adc_path = store.paths.earthengine, store.paths.adc
    ee_path.write_text(json.dumps({**read(ee_path), "x-note": "mine"}))
    adc_path.write_text(json.dumps({**read(adc_path), "x-note": "mine"}))
    written = sign_in(store, refresh_token="rt-2")
    assert all(w.backup is not None for w in written)
    ee, adc = read(ee_path), read(adc_path)
    assert ee["refresh_token"] == "rt-2" and ee["project"] == "ee-alice" and ee["x-note"] == "mine"
    assert adc["refresh_token"] == "rt-2" and adc["quota_project_id"] == "ee-alice"
    assert adc["x-note"] == "mine"


def test_new_project_overrides_and_stale_grant_is_dropped(store):
    sign_in(store, ["earthengine"], client_id=CUSTOM_ID, client_secret="s3", project="p-old1")
    ee_path = store.paths.earthengine
    ee_path.write_text(json.dumps({**read(ee_path), "token": "ya29.old", "expiry": "x"}))
    sign_in(store, ["earthengine"], project="p-new1")
    ee = read(ee_path)
    # Back to ee's own client: the custom client must not survive, nor the old access token.
    assert ee == {"refresh_token": "rt-1", "scopes": EE_SCOPES, "project": "p-new1"}


def test_adc_sign_in_over_service_account_keeps_nothing_of_the_key(store):
    store.write_service_account(make_key())
    sign_in(store, ["adc"])
    adc = read(store.paths.adc)
    assert "private_key" not in adc and "client_email" not in adc
    assert adc["type"] == "authorized_user"


def test_empty_client_secret_is_refused(store):
    with pytest.raises(ValueError, match="client_secret"):
        sign_in(store, ["adc"], client_id=CUSTOM_ID, client_secret="")
    assert not store.paths.adc.exists()


def test_unknown_target_is_refused(store):
    with pytest.raises(ValueError, match="unknown target"):
        sign_in(store, ["gcloud"])


def test_service_account_written_as_is(store):
    key = make_key()
    written = store.write_service_account(key)
    assert written.target == "adc" and written.path == store.paths.adc
    assert read(store.paths.adc) == key


@pytest.mark.parametrize(
    "field", ["type", "client_email", "private_key", "token_uri", "project_id"]
)
def test_service_account_missing_field_is_named(store, field):
    key = make_key()
    del key[field]
    with pytest.raises(InvalidServiceAccountKey, match=field) as info:
        store.write_service_account(key)
    assert info.value.missing == [field]
    assert not store.paths.adc.exists()


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        ({"type": "authorized_user"}, "not a service account key"),
        ({"private_key": "not a key"}, "PEM"),
        (
            {"private_key": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"},
            "cannot be read",
        ),
        ({"client_email": "robot"}, "e-mail"),
        ({"token_uri": "http://evil.example/token"}, "https"),
    ],
)
def test_service_account_damaged(store, overrides, match):
    with pytest.raises(InvalidServiceAccountKey, match=match):
        store.write_service_account(make_key(**overrides))


def test_service_account_not_an_object(store):
    with pytest.raises(InvalidServiceAccountKey):
        store.write_service_account(["not", "a", "dict"])  # type: ignore[arg-type]


def test_set_project(store):
    sign_in(store)
    written = store.set_project("my-project-1")
    assert [w.target for w in written] == ["earthengine", "adc"]
    assert read(store.paths.earthengine)["project"] == "my-project-1"
    assert read(store.paths.adc)["quota_project_id"] == "my-project-1"
    assert read(store.paths.adc)["refresh_token"] == "rt-1"


def test_set_project_without_files(store):
    written = store.set_project("my-project-1")
    # ee reads a project-only file; a project-only ADC file would break google.auth.default().
    assert [w.target for w in written] == ["earthengine"]
    assert read(store.paths.earthengine) == {"project": "my-project-1"}
    assert not store.paths.adc.exists()


def test_set_project_leaves_service_account_key_alone(store):
    key = make_key()
    store.write_service_account(key)
    assert [w.target for w in store.set_project("my-project-1", earthengine=False)] == []
    assert read(store.paths.adc) == key


@pytest.mark.parametrize("bad", ["", "a", "My-Project", "proj\n[core]", "x" * 40, "-abcdef"])
def test_set_project_validates(store, bad):
    with pytest.raises(ValueError, match="project id"):
        store.set_project(bad)
    assert not store.paths.earthengine.exists()


def test_set_gcloud_project_in_active_configuration(store):
    cfg = store.paths.gcloud_config
    (cfg / "configurations").mkdir(parents=True)
    (cfg / "active_config").write_text("work")
    conf = cfg / "configurations" / "config_work"
    conf.write_text(
        "[core]\naccount = alice@example.com\nproject = old-proj\n\n[compute]\nzone = x\n"
    )
    written = store.set_project("new-proj", earthengine=False, adc=False, gcloud=True)
    assert [(w.target, w.path) for w in written] == [("gcloud", conf)]
    assert written[0].backup is not None
    parser = configparser.RawConfigParser()
    parser.read(conf)
    assert parser.get("core", "project") == "new-proj"
    assert parser.get("core", "account") == "alice@example.com"
    assert parser.get("compute", "zone") == "x"


def test_set_gcloud_project_creates_default_configuration(store):
    store.set_project("new-proj", earthengine=False, adc=False, gcloud=True)
    conf = store.paths.gcloud_config / "configurations" / "config_default"
    assert "project = new-proj" in conf.read_text()


def test_sign_out_moves_files_and_returns_tokens(store):
    sign_in(store)
    result = store.sign_out()
    assert result.refresh_tokens == ["rt-1"]
    assert "rt-1" not in repr(result)
    assert sorted(w.target for w in result.moved) == ["adc", "earthengine"]
    assert not store.paths.earthengine.exists() and not store.paths.adc.exists()
    for w in result.moved:
        assert w.backup is not None and read(w.backup)["refresh_token"] == "rt-1"
    assert store.sign_out().moved == []


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_write_refuses_symlinked_target(store, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("{}")
    store.paths.earthengine.parent.mkdir(parents=True)
    store.paths.earthengine.symlink_to(real)
    with pytest.raises(SymlinkTargetError):
        sign_in(store, ["earthengine"])
    assert real.read_text() == "{}"


def test_written_file_json(store):
    (w,) = sign_in(store, ["adc"])
    assert w.to_json() == {"target": "adc", "path": str(store.paths.adc), "backup": None}
