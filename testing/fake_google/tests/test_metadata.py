import requests
from google.auth import compute_engine
from google.auth.compute_engine import _metadata
from google.auth.transport.requests import Request

from .helpers import bearer

FLAVOR = {"Metadata-Flavor": "Google"}
SA_PATH = "/computeMetadata/v1/instance/service-accounts/default/"


def test_off_by_default(fake_google):
    for path in ("/", SA_PATH + "email", "/computeMetadata/v1/project/project-id"):
        response = requests.get(fake_google.url + path, headers=FLAVOR, timeout=5)
        assert response.status_code == 404 and "Metadata-Flavor" not in response.headers


def test_on(fake_google):
    fake_google.set_metadata(enabled=True, project="ee-alice")
    base = fake_google.url
    no_header = requests.get(base + SA_PATH + "email", timeout=5)
    assert no_header.status_code == 403
    email = requests.get(base + SA_PATH + "email", headers=FLAVOR, timeout=5)
    assert email.headers["Metadata-Flavor"] == "Google"
    assert email.text == fake_google.state.metadata.email
    scopes = requests.get(base + SA_PATH + "scopes", headers=FLAVOR).text.split()
    assert "https://www.googleapis.com/auth/cloud-platform" in scopes
    info = requests.get(base + SA_PATH, params={"recursive": "true"}, headers=FLAVOR).json()
    assert info["email"] == email.text and info["aliases"] == ["default"]
    project = requests.get(base + "/computeMetadata/v1/project/project-id", headers=FLAVOR)
    assert project.text == "ee-alice"
    number = requests.get(base + "/computeMetadata/v1/project/numeric-project-id", headers=FLAVOR)
    assert number.text.isdigit()

    token = requests.get(base + SA_PATH + "token", headers=FLAVOR).json()["access_token"]
    userinfo = requests.get(base + "/v1/userinfo", headers=bearer(token)).json()
    assert userinfo["email"] == email.text
    projects = requests.get(base + "/v1/projects", headers=bearer(token)).json()["projects"]
    assert [p["projectId"] for p in projects] == ["ee-alice"]


def test_google_auth_ping_and_credentials(fake_google, monkeypatch):
    host = fake_google.endpoints()["metadata_host"]
    monkeypatch.setenv("GCE_METADATA_IP", host)  # read by ping() at call time
    monkeypatch.setattr(_metadata, "_GCE_METADATA_HOST", host)  # read at import
    request = Request()
    assert _metadata.ping(request, timeout=2, retry_count=1) is False
    fake_google.set_metadata(enabled=True)
    assert _metadata.ping(request, timeout=2, retry_count=1) is True
    credentials = compute_engine.Credentials()
    credentials.refresh(request)
    assert credentials.token.startswith("ya29.fake-")
    assert credentials.service_account_email == fake_google.state.metadata.email
