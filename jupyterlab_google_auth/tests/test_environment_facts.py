"""Cheap host facts from an environment mapping and the file system."""

import json
import os

import pytest

from jupyterlab_google_auth.environment.facts import (
    display_fact,
    gather_facts,
    gcloud_config_dir,
    is_writable_dir,
)


def test_bare_environment(tmp_path):
    facts = gather_facts({"HOME": str(tmp_path)}, platform="linux")
    json.dumps(facts)
    assert facts["colab_release_tag"] is None
    assert facts["vertex_product"] is None
    assert facts["cloud_shell"] is False
    assert facts["jupyterhub"] is None
    assert facts["binder"] == {"present": False, "variables": []}
    assert facts["codespaces"] is False
    assert facts["display"] == {"present": False, "source": None}
    assert facts["google_application_credentials"] is None
    ee = facts["config_dirs"]["earthengine"]
    assert ee["path"] == str(tmp_path / ".config" / "earthengine")
    assert ee["writable"] is True  # does not exist yet; its nearest ancestor is writable
    assert ee["file_exists"] is False
    assert facts["config_dirs"]["gcloud"]["path"] == str(tmp_path / ".config" / "gcloud")


def test_hosted_variables(tmp_path):
    env = {
        "HOME": str(tmp_path),
        "COLAB_RELEASE_TAG": "release-colab_20240101-060124_RC00",
        "VERTEX_PRODUCT": "COLAB_ENTERPRISE",
        "CLOUD_SHELL": "true",
        "JUPYTERHUB_API_URL": "http://hub:8081/hub/api",
        "JUPYTERHUB_USER": "alice",
        "JUPYTERHUB_API_TOKEN": "secret-token-value",
        "BINDER_REPO_URL": "https://github.com/a/b",
        "CODESPACES": "true",
        "WAYLAND_DISPLAY": "wayland-0",
    }
    facts = gather_facts(env, platform="linux")
    assert facts["colab_release_tag"] == env["COLAB_RELEASE_TAG"]
    assert facts["vertex_product"] == "COLAB_ENTERPRISE"
    assert facts["cloud_shell"] is True
    assert facts["jupyterhub"] == {"api_url": "http://hub:8081/hub/api", "user": "alice"}
    assert facts["binder"] == {"present": True, "variables": ["BINDER_REPO_URL"]}
    assert facts["codespaces"] is True
    assert facts["display"] == {"present": True, "source": "WAYLAND_DISPLAY"}
    assert "secret-token-value" not in json.dumps(facts)


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", {"present": True, "source": "DISPLAY"}),
        ({"DISPLAY": ""}, "linux", {"present": False, "source": None}),
        ({}, "darwin", {"present": True, "source": "macOS"}),
        ({}, "win32", {"present": True, "source": "Windows"}),
    ],
)
def test_display(env, platform, expected):
    assert display_fact(env, platform) == expected


def test_google_application_credentials_path_only(tmp_path):
    key = tmp_path / "key.json"
    key.write_text('{"private_key": "SECRET"}')
    facts = gather_facts({"HOME": str(tmp_path), "GOOGLE_APPLICATION_CREDENTIALS": str(key)})
    assert facts["google_application_credentials"] == {"path": str(key), "exists": True}
    assert "SECRET" not in json.dumps(facts)
    facts = gather_facts({"HOME": str(tmp_path), "GOOGLE_APPLICATION_CREDENTIALS": "/no/such"})
    assert facts["google_application_credentials"] == {"path": "/no/such", "exists": False}


def test_gcloud_config_dir_choice(tmp_path):
    assert gcloud_config_dir({"CLOUDSDK_CONFIG": "/x/gc", "HOME": "/h"}) == "/x/gc"
    assert gcloud_config_dir({"APPDATA": "C:/AppData", "HOME": "/h"}, "win32") == os.path.join(
        "C:/AppData", "gcloud"
    )
    assert gcloud_config_dir({"HOME": "/h"}, "linux") == os.path.join("/h", ".config", "gcloud")


def test_existing_credential_files_reported(tmp_path):
    gcloud = tmp_path / "gc"
    gcloud.mkdir()
    (gcloud / "application_default_credentials.json").write_text("{}")
    facts = gather_facts({"HOME": str(tmp_path), "CLOUDSDK_CONFIG": str(gcloud)})
    assert facts["config_dirs"]["gcloud"]["file_exists"] is True
    assert facts["config_dirs"]["gcloud"]["writable"] is True


def test_writable_nearest_ancestor(tmp_path):
    assert is_writable_dir(str(tmp_path / "a" / "b" / "c"))
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert not is_writable_dir(str(blocker))  # exists but is not a directory
    assert not is_writable_dir(str(blocker / "gcloud"))  # nearest existing ancestor is a file


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere"
)
def test_read_only_ancestor(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert not is_writable_dir(str(ro / ".config" / "gcloud"))
    finally:
        ro.chmod(0o700)
