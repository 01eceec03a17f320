import pytest
import requests

from .helpers import EE_SCOPES, bearer, sign_in

CLOUD = "https://www.googleapis.com/auth/cloud-platform"


def list_projects(base: str, token: str, **params) -> requests.Response:
    return requests.get(base + "/v1/projects", params=params, headers=bearer(token), timeout=5)


def test_default_projects_sorted(fake_google):
    token = sign_in(fake_google)["access_token"]
    body = list_projects(fake_google.url, token).json()
    ids = [p["projectId"] for p in body["projects"]]
    assert ids == [
        "alice-analytics",
        "alice-sandbox-1",
        "alice-unregistered",
        "ee-alice",
        "team-shared-data",
    ]
    assert "nextPageToken" not in body
    project = body["projects"][0]
    assert project["lifecycleState"] == "ACTIVE" and project["projectNumber"].isdigit()
    assert set(project) == {"projectNumber", "projectId", "lifecycleState", "name", "createTime"}
    bob = sign_in(fake_google, account="bob@example.com")["access_token"]
    assert len(list_projects(fake_google.url, bob).json()["projects"]) == 1


def test_paging_over_250_projects(fake_google):
    fake_google.set_projects("alice@example.com", count=250)
    token = sign_in(fake_google)["access_token"]
    for size, pages in ((None, 5), (100, 3), (1000, 1)):
        seen, page_token, calls = [], None, 0
        while True:
            params = {"pageSize": size, "pageToken": page_token}
            body = list_projects(fake_google.url, token, **params).json()
            calls += 1
            seen += [p["projectId"] for p in body["projects"]]
            page_token = body.get("nextPageToken")
            if not page_token:
                break
        assert len(seen) == len(set(seen)) == 250 and seen == sorted(seen)
        assert calls == pages
    forged = list_projects(fake_google.url, token, pageToken="garbage")
    assert forged.status_code == 400 and forged.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_filter(fake_google):
    token = sign_in(fake_google)["access_token"]

    def ids(text):
        body = list_projects(fake_google.url, token, filter=text).json()
        return [p["projectId"] for p in body.get("projects", [])]

    # What CRM documents: one field:value term, any case, a trailing * for a prefix.
    assert ids("id:alice*") == ["alice-analytics", "alice-sandbox-1", "alice-unregistered"]
    assert ids("ID:ALICE-S*") == ["alice-sandbox-1"]
    assert ids("name:team*") == ["team-shared-data"]
    assert ids('name:"alice sand*"') == ["alice-sandbox-1"]
    assert ids("id:ee-alice") == ["ee-alice"]
    assert ids("id:ee") == []  # without * the value must match whole
    assert ids("lifecycleState:active") == ids("")
    assert ids("labels.env:*") == [] and ids("parent.type:organization") == []
    assert ids("id:nothing*") == []


@pytest.mark.parametrize(
    "text",
    [
        "lifecycleState:ACTIVE (id:*EE* OR name:*analytics*)",  # OR, parentheses
        "id:x OR name:x",
        "(id:x)",
        "id:*alice*",  # leading *
        "name:al*ce",  # * inside
        "id:alice* lifecycleState:ACTIVE",  # several terms: CRM's pages disagree on AND/OR
        "id:alice* AND name:alice*",
        "bogus:x",  # unknown field
        "projectNumber:123",
        "alice",  # no field
        "id:",
    ],
)
def test_filter_refuses_undocumented_syntax(fake_google, text):
    token = sign_in(fake_google)["access_token"]
    response = list_projects(fake_google.url, token, filter=text)
    assert response.status_code == 400
    assert response.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_auth_errors_and_denied(fake_google):
    no_cloud = sign_in(fake_google, scopes=[EE_SCOPES[0]])["access_token"]
    response = list_projects(fake_google.url, no_cloud)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Request had insufficient authentication scopes."
    missing = requests.get(fake_google.url + "/v1/projects", timeout=5)
    assert missing.status_code == 401 and missing.json()["error"]["status"] == "UNAUTHENTICATED"
    token = sign_in(fake_google)["access_token"]
    one = requests.get(fake_google.url + "/v1/projects/ee-alice", headers=bearer(token))
    assert one.json()["projectId"] == "ee-alice"
    other = requests.get(fake_google.url + "/v1/projects/bob-ee-project", headers=bearer(token))
    assert other.status_code == 403
    fake_google.set_projects("alice@example.com", denied=True)
    assert list_projects(fake_google.url, token).status_code == 403


def test_service_usage(fake_google):
    token = sign_in(fake_google)["access_token"]
    url = fake_google.url + "/v1/projects/ee-alice/services/earthengine.googleapis.com"
    service = requests.get(url, headers=bearer(token)).json()
    number = service["parent"].split("/")[1]
    assert service == {
        "name": f"projects/{number}/services/earthengine.googleapis.com",
        "config": {"name": "earthengine.googleapis.com", "title": "Google Earth Engine API"},
        "state": "ENABLED",
        "parent": f"projects/{number}",
    }
    names = [
        "projects/ee-alice/services/earthengine.googleapis.com",
        "projects/ee-alice/services/generativelanguage.googleapis.com",
    ]
    batch_url = fake_google.url + "/v1/projects/ee-alice/services:batchGet"
    batch = requests.get(batch_url, params={"names": names}, headers=bearer(token)).json()
    assert [s["state"] for s in batch["services"]] == ["ENABLED", "DISABLED"]

    fake_google.set_service(
        "ee-alice", service="generativelanguage.googleapis.com", state="ENABLED"
    )
    batch = requests.get(batch_url, params={"names": names}, headers=bearer(token)).json()
    assert [s["state"] for s in batch["services"]] == ["ENABLED", "ENABLED"]
    by_number = fake_google.url + f"/v1/projects/{number}/services/earthengine.googleapis.com"
    assert requests.get(by_number, headers=bearer(token)).json()["state"] == "ENABLED"

    fake_google.set_service("ee-alice", denied=True)
    denied = requests.get(url, headers=bearer(token))
    assert denied.status_code == 403
    assert "serviceusage.services.use" in denied.json()["error"]["message"]
    hidden = fake_google.url + "/v1/projects/bob-ee-project/services/earthengine.googleapis.com"
    assert requests.get(hidden, headers=bearer(token)).status_code == 403
    assert requests.get(hidden).status_code == 401
