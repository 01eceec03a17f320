"""The Earth Engine API calls of ee.Initialize(): discovery and algorithms, and their refusals."""

import requests

from .helpers import EE_SCOPES, bearer, sign_in

CLOUD_ONLY = ["https://www.googleapis.com/auth/userinfo.email"]


def algorithms(base, project, token, quota=None):
    headers = bearer(token) if token else {}
    if quota:
        headers["X-Goog-User-Project"] = quota
    return requests.get(f"{base}/v1/projects/{project}/algorithms", headers=headers, timeout=5)


def test_discovery_describes_the_algorithms_list(fake_google):
    doc = requests.get(fake_google.url + "/$discovery/rest?version=v1", timeout=5).json()
    assert doc["rootUrl"] == fake_google.url + "/"
    method = doc["resources"]["projects"]["resources"]["algorithms"]["methods"]["list"]
    assert method["path"] == "v1/{+parent}/algorithms"
    assert (
        requests.get(fake_google.url + "/$discovery/rest?version=v9", timeout=5).status_code == 404
    )
    dead = requests.get(
        fake_google.url + "/$discovery/rest?version=v1", headers=bearer("ya29.x"), timeout=5
    )
    assert dead.status_code == 401


def test_algorithms_need_a_token_a_scope_a_project_and_the_api(fake_google):
    assert algorithms(fake_google.url, "ee-alice", None).status_code == 401
    narrow = sign_in(fake_google, CLOUD_ONLY)["access_token"]
    assert algorithms(fake_google.url, "ee-alice", narrow).status_code == 403
    token = sign_in(fake_google, EE_SCOPES)["access_token"]
    ok = algorithms(fake_google.url, "ee-alice", token, quota="ee-alice")
    assert ok.status_code == 200 and any(
        a["name"] == "algorithms/Image.constant" for a in ok.json()["algorithms"]
    )
    assert (
        algorithms(fake_google.url, "ee-alice", token, quota="alice-analytics").status_code == 400
    )
    assert algorithms(fake_google.url, "bob-ee-project", token).status_code == 403
    disabled = algorithms(fake_google.url, "alice-analytics", token)
    assert disabled.status_code == 403
    assert "Earth Engine API has not been used in project" in disabled.json()["error"]["message"]
    assert disabled.json()["error"]["details"][0]["reason"] == "SERVICE_DISABLED"
