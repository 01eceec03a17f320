"""#17.6 and #17.7: weak directories on the way to a credential file are refused (named, with
the command to run) and reported; a sign-in writes both files or neither."""

# ruff: noqa: F811

import json
import os

import pytest
from test_flows_fixtures import api, registry, settings, stored_files  # noqa: F401

from jupyterlab_google_auth.credentials import UnsafeTargetError
from jupyterlab_google_auth.credentials.store import CredentialStore

EE = "https://www.googleapis.com/auth/earthengine"


def write(store=None):
    return (store or CredentialStore()).write_user_credentials(
        ["earthengine", "adc"],
        refresh_token="1//new",
        client_id="c",
        client_secret="s",
        scopes=[EE],
    )


def test_a_symlinked_config_directory_is_refused(tmp_path):
    elsewhere = tmp_path / "open"
    elsewhere.mkdir()
    os.chmod(elsewhere, 0o777)
    config = CredentialStore().paths.earthengine.parent
    config.parent.mkdir(parents=True, exist_ok=True)
    config.symlink_to(elsewhere)
    with pytest.raises(UnsafeTargetError) as info:
        write()
    assert str(config) in str(info.value) and "symbolic link" in str(info.value)
    assert list(elsewhere.iterdir()) == []


def test_a_group_writable_cloudsdk_config_is_refused_and_reported(tmp_path, monkeypatch):
    shared = tmp_path / "gcloud-shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(shared))
    with pytest.raises(UnsafeTargetError) as info:
        write()
    assert f"chmod 700 {shared}" in str(info.value)
    assert not (shared / "application_default_credentials.json").exists()
    assert not CredentialStore().paths.earthengine.exists()  # checked before anything written
    from jupyterlab_google_auth.credentials.report import describe_sources

    report = describe_sources(CredentialStore(), token_uri="https://x/token", metadata=None)
    adc = next(s for s in report["sources"] if s["name"] == "adc")
    assert any(
        p["code"] == "unsafe_directory" and "chmod 700" in p["message"] for p in adc["problems"]
    )


def test_a_failure_on_the_second_target_restores_the_first(monkeypatch):
    store = CredentialStore()
    ee = store.paths.earthengine
    ee.parent.mkdir(parents=True)
    os.chmod(ee.parent, 0o700)
    ee.write_text(json.dumps({"refresh_token": "1//old", "project": "keep-me"}))
    from jupyterlab_google_auth.credentials import atomic

    def fail_on_adc(tmp, target):
        if target.name == "application_default_credentials.json":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "before_replace", fail_on_adc)
    with pytest.raises(OSError) as info:
        write(store)
    assert str(ee) in str(info.value) and "restored" in str(info.value)
    assert json.loads(ee.read_text())["refresh_token"] == "1//old"
    assert not store.paths.adc.exists()


async def test_a_link_at_the_adc_path_leaves_the_earth_engine_file_alone(
    api, fake_google, tmp_path
):
    from testing.signed_in import sign_in

    sign_in(fake_google, [EE], targets=["earthengine"], project="ee-alice")
    before = stored_files()
    adc = CredentialStore().paths.adc
    adc.parent.mkdir(parents=True, exist_ok=True)
    adc.symlink_to(tmp_path / "nowhere.json")
    with pytest.raises(UnsafeTargetError):
        write()
    assert json.loads(CredentialStore().paths.earthengine.read_text()) == before["earthengine"]


async def test_the_callback_page_may_not_be_framed(api):
    response = await api._client.fetch(
        f"{api.base_url}google-auth/oauth2callback?state=x", raise_error=False
    )
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
