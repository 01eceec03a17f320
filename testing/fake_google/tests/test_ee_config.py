"""The fake's Earth Engine readiness (``projects/<id>/config``) and testIamPermissions."""

import requests

from .helpers import bearer, sign_in

USER_INFO = "https://www.googleapis.com/auth/userinfo.email"


def config(g, token: str, project: str, quota: str | None = None) -> requests.Response:
    headers = bearer(token)
    if quota:
        headers["X-Goog-User-Project"] = quota
    return requests.get(f"{g.url}/v1/projects/{project}/config", headers=headers, timeout=5)


def test_each_readiness_state(fake_google):
    token = sign_in(fake_google)["access_token"]
    ready = config(fake_google, token, "ee-alice", quota="ee-alice")
    assert ready.status_code == 200 and ready.json()["name"] == "projects/ee-alice/config"

    disabled = config(fake_google, token, "alice-sandbox-1").json()["error"]
    assert disabled["status"] == "PERMISSION_DENIED"
    assert disabled["details"][0]["reason"] == "SERVICE_DISABLED"
    assert "earthengine.googleapis.com" in disabled["details"][0]["metadata"]["activationUrl"]

    unregistered = config(fake_google, token, "alice-unregistered").json()["error"]
    assert (
        unregistered["code"] == 403
        and "not registered to use Earth Engine" in (unregistered["message"])
    )
    assert "register?project=alice-unregistered" in unregistered["message"]

    denied = config(fake_google, token, "team-shared-data").json()["error"]
    assert denied["status"] == "PERMISSION_DENIED" and "earthengine.config.get" in denied["message"]
    billed = config(fake_google, token, "team-shared-data", quota="team-shared-data").json()
    assert billed["error"]["details"][0]["reason"] == "USER_PROJECT_DENIED"
    # Someone else's project looks the same as one that does not exist.
    assert config(fake_google, token, "bob-ee-project").status_code == 403


def test_readiness_follows_the_fixtures(fake_google):
    token = sign_in(fake_google)["access_token"]
    ee = "earthengine.googleapis.com"
    fake_google.set_service("alice-analytics", service=ee, state="ENABLED")
    refused = config(fake_google, token, "alice-analytics").json()["error"]
    assert "not registered" in refused["message"]
    fake_google.set_projects(
        "alice@example.com", projects=[{"projectId": "alice-analytics", "eeRegistered": True}]
    )
    assert config(fake_google, token, "alice-analytics").status_code == 200


def test_algorithms_route_checks_registration_too(fake_google):
    token = sign_in(fake_google)["access_token"]
    headers = {**bearer(token), "X-Goog-User-Project": "alice-unregistered"}
    answer = requests.get(
        f"{fake_google.url}/v1/projects/alice-unregistered/algorithms", headers=headers, timeout=5
    )
    assert answer.status_code == 403 and "not registered" in answer.json()["error"]["message"]


def test_config_needs_an_earth_engine_or_cloud_scope(fake_google):
    token = sign_in(fake_google, scopes=[USER_INFO])["access_token"]
    answer = config(fake_google, token, "ee-alice").json()["error"]
    assert answer["details"][0]["reason"] == "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
    assert config(fake_google, "ya29.nonsense", "ee-alice").status_code == 401


def test_iam_permissions(fake_google):
    token = sign_in(fake_google)["access_token"]

    def held(project, permissions):
        response = requests.post(
            f"{fake_google.url}/v1/projects/{project}:testIamPermissions",
            json={"permissions": permissions},
            headers=bearer(token),
            timeout=5,
        )
        return response.status_code, response.json()

    use = "serviceusage.services.use"
    assert held("ee-alice", [use]) == (200, {"permissions": [use]})
    assert held("team-shared-data", [use]) == (200, {})
    assert held("bob-ee-project", [use])[0] == 403
    assert held("ee-alice", ["not a permission"])[0] == 400
    assert held("ee-alice", "serviceusage.services.use")[0] == 400
    fake_google.set_service("ee-alice", denied=True)
    assert held("ee-alice", [use, "resourcemanager.projects.get"]) == (
        200,
        {"permissions": ["resourcemanager.projects.get"]},
    )
