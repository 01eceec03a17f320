"""The classification table: class, recommended mode, and each mode's availability and reason."""

import json

import pytest

from jupyterlab_google_auth.environment.classify import MODES, classify
from jupyterlab_google_auth.environment.metadata import MetadataFacts
from jupyterlab_google_auth.environment.origin import parse_origin

SA = MetadataFacts(
    host="169.254.169.254",
    email="123-compute@developer.gserviceaccount.com",
    scopes=("https://www.googleapis.com/auth/cloud-platform",),
    project_id="my-project",
)
NO_SA = MetadataFacts(host="169.254.169.254", email=None, scopes=(), project_id="p")
GCLOUD_OK = {"available": True, "path": "/usr/bin/gcloud", "version": "467.0.0", "reason": None}
GCLOUD_NONE = {
    "available": False,
    "path": None,
    "version": None,
    "reason": "gcloud is not installed on the server host",
}
LOCAL = "http://localhost:8888"
REMOTE = "https://hub.example.org"


def facts(**kw):
    base = {
        "colab_release_tag": None,
        "vertex_product": None,
        "cloud_shell": False,
        "jupyterhub": None,
        "binder": {"present": False, "variables": []},
        "codespaces": False,
        "gcloud": GCLOUD_NONE,
    }
    base.update(kw)
    return base


def run(f=None, origin=LOCAL, metadata=None, **kw):
    parsed = parse_origin(origin) if origin else None
    result = classify(f or facts(), parsed, metadata, **kw)
    json.dumps(result)
    assert set(result["modes"]) == set(MODES)
    assert result["modes"][result["recommended_mode"]]["available"]
    for mode in result["modes"].values():
        assert mode["available"] == (mode["reason"] is None)
    return result


@pytest.mark.parametrize(
    ("f", "origin", "metadata", "cls", "recommended", "reason_part"),
    [
        (facts(), LOCAL, None, "local", "loopback", "http://localhost:8888, a loopback"),
        (facts(), "http://127.0.0.1:9999", None, "local", "loopback", "loopback address"),
        (facts(), "http://[::1]:8888", None, "local", "loopback", "loopback address"),
        (facts(), REMOTE, None, "remote", "notebook", "not a loopback address"),
        (facts(), None, None, "remote", "notebook", "did not say its origin"),
        (facts(), REMOTE, SA, "colab-like", "ambient", "Metadata-Flavor: Google"),
        (facts(), LOCAL, SA, "colab-like", "ambient", "123-compute@developer"),
        (facts(), None, SA, "colab-like", "ambient", "platform credentials"),
        (facts(colab_release_tag="release-colab_20240101"), REMOTE, None, "colab-like",
         "notebook", "COLAB_RELEASE_TAG"),
        (facts(vertex_product="COLAB_ENTERPRISE"), REMOTE, SA, "colab-like", "ambient",
         "VERTEX_PRODUCT"),
        (facts(cloud_shell=True), LOCAL, None, "colab-like", "loopback", "CLOUD_SHELL"),
        (facts(), LOCAL, NO_SA, "colab-like", "loopback", "Metadata-Flavor"),
        (facts(jupyterhub={"api_url": "http://hub:8081/hub/api", "user": "a"}), REMOTE, None,
         "remote", "notebook", "JupyterHub"),
        (facts(binder={"present": True, "variables": ["BINDER_REPO_URL"]}), REMOTE, None,
         "remote", "notebook", "Binder"),
        (facts(codespaces=True), REMOTE, None, "remote", "notebook", "Codespace"),
    ],
)  # fmt: skip
def test_class_table(f, origin, metadata, cls, recommended, reason_part):
    result = run(f, origin, metadata)
    assert result["class"] == cls
    assert result["recommended_mode"] == recommended
    assert any(reason_part in r for r in result["reasons"]), result["reasons"]


def test_loopback_unavailable_on_remote_names_the_host():
    reason = run(origin=REMOTE)["modes"]["loopback"]["reason"]
    assert reason == (
        "The browser reaches this server at hub.example.org, not a loopback address, "
        "so Google cannot redirect back to it."
    )


def test_loopback_unavailable_without_origin():
    reason = run(origin=None)["modes"]["loopback"]["reason"]
    assert "did not say its origin" in reason


def test_origin_note_replaces_default_sentence():
    result = classify(facts(), None, None, origin_note="Opaque origin.")
    assert result["reasons"] == ["Opaque origin."]


def test_loopback_available_on_colab_like_with_loopback_origin():
    assert run(origin=LOCAL, metadata=SA)["modes"]["loopback"]["available"]


@pytest.mark.parametrize("origin", [LOCAL, REMOTE, None])
@pytest.mark.parametrize("metadata", [None, SA])
def test_always_available(origin, metadata):
    modes = run(origin=origin, metadata=metadata)["modes"]
    assert modes["notebook"] == {"available": True, "reason": None}
    assert modes["service-account"] == {"available": True, "reason": None}


def test_gcloud_mode():
    modes = run(facts(gcloud=GCLOUD_OK))["modes"]
    assert modes["gcloud"] == {"available": True, "reason": None}
    modes = run(facts(gcloud=GCLOUD_NONE))["modes"]
    assert modes["gcloud"]["reason"] == "gcloud is not installed on the server host"
    broken = dict(GCLOUD_NONE, path="/x/gcloud", reason="gcloud at /x/gcloud did not answer")
    assert run(facts(gcloud=broken))["modes"]["gcloud"]["reason"] == broken["reason"]
    del_gcloud = facts()
    del del_gcloud["gcloud"]
    assert not run(del_gcloud)["modes"]["gcloud"]["available"]


def test_ambient_mode():
    assert run(metadata=SA)["modes"]["ambient"] == {"available": True, "reason": None}
    assert "No GCE metadata server answered" in run()["modes"]["ambient"]["reason"]
    assert "no default service account" in run(metadata=NO_SA)["modes"]["ambient"]["reason"]


def test_paste_url_mode():
    assert run(custom_client_configured=True)["modes"]["paste-url"] == {
        "available": True,
        "reason": None,
    }
    reason = run(custom_client_configured=False)["modes"]["paste-url"]["reason"]
    assert "client_secret.json" in reason


def test_local_reasons_name_absent_platform():
    reasons = run()["reasons"]
    assert reasons[0].startswith("No GCE metadata server answered")
