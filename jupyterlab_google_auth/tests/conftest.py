"""A real Jupyter server with the extension, auth required on every endpoint, XSRF on,
and Google's endpoints pointed at the fake Google."""

import pytest

from testing.fake_google import endpoints

# Variables that would make the code under test look at the developer's real credentials
# or a real metadata server.
ISOLATED_VARS = (
    "GOOGLE_APPLICATION_CREDENTIALS",
    "CLOUDSDK_CONFIG",
    "CLOUDSDK_ACTIVE_CONFIG_NAME",
    "GCE_METADATA_HOST",
    "GCE_METADATA_IP",
    "COLAB_RELEASE_TAG",
    "VERTEX_PRODUCT",
    "CLOUD_SHELL",
    "JUPYTERHUB_API_URL",
)


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, tmp_path):
    for name in ISOLATED_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir(exist_ok=True)


@pytest.fixture
def jp_server_config(jp_server_config, fake_google):
    return {
        "ServerApp": {
            "jpserver_extensions": {"jupyterlab_google_auth": True},
            "allow_unauthenticated_access": False,
            "disable_check_xsrf": False,
        },
        "GoogleAuth": endpoints(fake_google.url),
    }
