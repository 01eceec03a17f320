"""Real ``ee.Initialize()`` against the fake's Earth Engine API, in this process.

Without a project, ee falls back to the number in its client id (517222506229 for its public
client) and sends it both in the path (``v1/projects/517222506229/algorithms``) and as
``X-Goog-User-Project``. Google refuses that project: 403 PERMISSION_DENIED "Caller does not
have required permission to use project 517222506229", which ee turns into its own "no project
found" error. With a project the account may use, the same credentials initialise.
"""

import ee
import google.oauth2.credentials
import pytest
import requests

from testing.fake_google.google_ids import EE_CLIENT_ID, EE_CLIENT_SECRET, EE_PROJECT_NUMBER

from .helpers import EE_SCOPES, bearer, sign_in

REFUSAL = f"Caller does not have required permission to use project {EE_PROJECT_NUMBER}"


@pytest.fixture
def ee_credentials(fake_google):
    """Credentials of ee's own public client, as ee builds them from its credentials file."""
    tokens = sign_in(fake_google, EE_SCOPES)
    yield google.oauth2.credentials.Credentials(
        token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        token_uri=fake_google.url + "/token",
        client_id=EE_CLIENT_ID,
        client_secret=EE_CLIENT_SECRET,
        scopes=EE_SCOPES,
    )
    ee.Reset()


def algorithm_calls(fake_google) -> list[str]:
    return [e["path"] for e in fake_google.log() if e["route"] == "ee_algorithms"]


def test_initialize_without_a_project_is_refused_like_google(fake_google, ee_credentials):
    with pytest.raises(ee.EEException) as raised:
        ee.Initialize(credentials=ee_credentials, opt_url=fake_google.url)
    # ee recognises Google's refusal of its client-id project and says "no project found";
    # it only does so when the refusal names that project in Google's words.
    assert str(raised.value) == ee.NO_PROJECT_EXCEPTION
    assert REFUSAL in str(raised.value.__context__)
    assert algorithm_calls(fake_google) == [f"/v1/projects/{EE_PROJECT_NUMBER}/algorithms"]


def test_initialize_with_a_usable_project_succeeds(fake_google, ee_credentials):
    ee.Initialize(credentials=ee_credentials, project="ee-alice", opt_url=fake_google.url)
    assert ee.data._get_state().cloud_api_user_project == "ee-alice"
    assert algorithm_calls(fake_google) == ["/v1/projects/ee-alice/algorithms"]


def test_client_id_project_refused_in_path_and_in_header(fake_google):
    token = sign_in(fake_google, EE_SCOPES)["access_token"]
    url = f"{fake_google.url}/v1/projects/{EE_PROJECT_NUMBER}/algorithms"
    as_ee_sends = requests.get(
        url, headers={**bearer(token), "X-Goog-User-Project": EE_PROJECT_NUMBER}, timeout=5
    )
    path_only = requests.get(url, headers=bearer(token), timeout=5)
    header_only = requests.get(
        f"{fake_google.url}/v1/projects/ee-alice/algorithms",
        headers={**bearer(token), "X-Goog-User-Project": EE_PROJECT_NUMBER},
        timeout=5,
    )
    for response in (as_ee_sends, path_only, header_only):
        assert response.status_code == 403
        error = response.json()["error"]
        assert error["code"] == 403 and error["status"] == "PERMISSION_DENIED"
        assert error["message"].startswith(REFUSAL + ". ")
        assert error["details"][0]["reason"] == "USER_PROJECT_DENIED"


def test_client_id_project_refused_even_when_a_test_lists_it(fake_google):
    # Nobody can use Google's own client project, whatever the account's project list says.
    fake_google.set_projects(
        "alice@example.com",
        projects=[{"projectId": "ee-alice", "projectNumber": EE_PROJECT_NUMBER}],
    )
    token = sign_in(fake_google, EE_SCOPES)["access_token"]
    response = requests.get(
        f"{fake_google.url}/v1/projects/{EE_PROJECT_NUMBER}/algorithms",
        headers={**bearer(token), "X-Goog-User-Project": EE_PROJECT_NUMBER},
        timeout=5,
    )
    assert response.status_code == 403
    assert response.json()["error"]["message"].startswith(REFUSAL)
