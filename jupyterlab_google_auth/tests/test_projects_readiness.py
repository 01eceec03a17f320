"""GET projects/<id>/earthengine (asked of the Earth Engine API) and the quota-project check
of PUT project (Cloud Resource Manager testIamPermissions), through a real Jupyter server
(auth and XSRF on) against the fake Google."""

import json

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_google_auth.credentials.store import CredentialStore
from testing import signed_in
from testing.fake_google import ALICE, BOB

SCOPES = [
    "https://www.googleapis.com/auth/earthengine",
    "https://www.googleapis.com/auth/cloud-platform",
    "openid",
    "https://www.googleapis.com/auth/userinfo.email",
]


def sign_in(fake_google, targets=("earthengine", "adc")):
    return signed_in.sign_in(fake_google, SCOPES, account=ALICE, targets=targets)


async def call(jp_fetch, *parts, method="GET", body=None):
    """(status, JSON body), error statuses included."""
    kwargs = {"method": method}
    if body is not None:
        kwargs["body"] = json.dumps(body)
    try:
        response = await jp_fetch("google-auth", *parts, **kwargs)
    except HTTPClientError as exc:
        return exc.code, json.loads(exc.response.body)
    return response.code, json.loads(response.body)


REGISTER = "https://code.earthengine.google.com/register?project="


@pytest.mark.parametrize(
    ("project", "state", "action"),
    [
        ("ee-alice", "ready", None),
        ("alice-sandbox-1", "disabled", "apis/library/earthengine.googleapis.com?project="),
        ("alice-unregistered", "unregistered", REGISTER),
        ("team-shared-data", "denied", None),
    ],
)
async def test_each_readiness_state(jp_fetch, fake_google, project, state, action):
    sign_in(fake_google)
    status, body = await call(jp_fetch, "projects", project, "earthengine")
    assert status == 200 and body["project"] == project and body["state"] == state
    if action is None:
        assert body["action_url"] is None
    else:
        assert action in body["action_url"] and body["action_url"].endswith(project)
    if state == "denied":
        assert "serviceusage.services.use" in body["note"]
    assert fake_google.log("ee_config")


async def test_readiness_follows_registration(jp_fetch, fake_google):
    sign_in(fake_google)
    fake_google.set_projects(ALICE, projects=[{"projectId": "new-ee-thing", "eeRegistered": True}])
    status, body = await call(jp_fetch, "projects", "new-ee-thing", "earthengine")
    assert body["state"] == "disabled"
    fake_google.set_service("new-ee-thing", service="earthengine.googleapis.com", state="ENABLED")
    status, body = await call(jp_fetch, "projects", "new-ee-thing", "earthengine")
    assert body["state"] == "ready"


async def test_readiness_signed_out_revoked_and_google_down(jp_fetch, fake_google):
    status, body = await call(jp_fetch, "projects", "ee-alice", "earthengine")
    assert status == 200 and body["state"] == "unknown" and "Sign in" in body["note"]
    refresh = sign_in(fake_google)
    fake_google.set_faults(route="ee_config", status=503)
    status, body = await call(jp_fetch, "projects", "ee-alice", "earthengine")
    assert body["state"] == "unknown" and "503" in body["note"]
    assert fake_google.call(fake_google.state.revoke, refresh)
    status, body = await call(jp_fetch, "projects", "ee-alice", "earthengine")
    assert body["state"] == "unknown" and "sign in again" in body["note"].lower()
    status, body = await call(jp_fetch, "projects", "NOT_AN_ID", "earthengine")
    assert status == 400 and body["code"] == "bad_project"


async def test_quota_project_written_when_the_account_may_use_it(jp_fetch, fake_google):
    sign_in(fake_google)
    status, body = await call(jp_fetch, "project", method="PUT", body={"project": "ee-alice"})
    assert status == 200 and body["quota_project"] == {"set": True}
    assert {f["target"] for f in body["files"]} == {"earthengine", "adc"}
    paths = CredentialStore().paths
    assert json.loads(paths.adc.read_text())["quota_project_id"] == "ee-alice"
    assert len(fake_google.log("crm_test_iam")) == 1


async def test_no_serviceusage_permission_keeps_the_quota_project(jp_fetch, fake_google):
    sign_in(fake_google)
    assert (await call(jp_fetch, "project", method="PUT", body={"project": "ee-alice"}))[0] == 200
    paths = CredentialStore().paths
    adc_before = paths.adc.read_bytes()
    status, body = await call(
        jp_fetch, "project", method="PUT", body={"project": "team-shared-data"}
    )
    assert status == 200
    quota = body["quota_project"]
    assert quota["set"] is False and quota["code"] == "quota_permission_missing"
    assert (
        f"{ALICE} does not have permission serviceusage.services.use on project "
        "team-shared-data" in quota["message"]
    )
    assert "Earth Engine project was still set" in quota["message"] and quota["help"]
    assert [f["target"] for f in body["files"]] == ["earthengine"]
    assert json.loads(paths.earthengine.read_text())["project"] == "team-shared-data"
    assert paths.adc.read_bytes() == adc_before  # untouched: still ee-alice


async def test_quota_check_that_cannot_be_made_says_so(jp_fetch, fake_google):
    sign_in(fake_google)
    fake_google.set_faults(route="crm_test_iam", status=500)
    status, body = await call(jp_fetch, "project", method="PUT", body={"project": "ee-alice"})
    assert status == 200 and body["quota_project"]["code"] == "quota_unchecked"
    assert [f["target"] for f in body["files"]] == ["earthengine"]


async def test_no_adc_user_file_means_no_check(jp_fetch, fake_google):
    sign_in(fake_google, targets=("earthengine",))
    status, body = await call(jp_fetch, "project", method="PUT", body={"project": "ee-alice"})
    assert status == 200 and body["quota_project"] == {"set": False}
    assert not fake_google.log("crm_test_iam")


async def test_the_report_carries_the_readiness_of_the_chosen_project(jp_fetch, fake_google):
    """A choice's readiness reaches every view through the credentials report: Earth Engine's
    answer and the quota check, remembered without another call to Google on the report."""
    sign_in(fake_google)
    status, body = await call(
        jp_fetch, "project", method="PUT", body={"project": "team-shared-data"}
    )
    assert status == 200
    readiness = body["credentials"]["projects"]["readiness"]
    assert readiness["project"] == "team-shared-data"
    assert readiness["earthengine"]["state"] == "denied"
    assert readiness["quota"]["code"] == "quota_permission_missing"

    calls = len(fake_google.log("ee_config"))
    _, report = await call(jp_fetch, "credentials")
    assert report["projects"]["readiness"] == readiness
    assert len(fake_google.log("ee_config")) == calls  # the report asked Google nothing

    _, body = await call(jp_fetch, "project", method="PUT", body={"project": "ee-alice"})
    ready = body["credentials"]["projects"]["readiness"]
    assert ready["earthengine"]["state"] == "ready" and ready["quota"] is None


async def test_a_project_looked_at_in_the_selector_is_known_to_the_report(jp_fetch, fake_google):
    sign_in(fake_google)
    await call(jp_fetch, "project", method="PUT", body={"project": "alice-unregistered"})
    _, report = await call(jp_fetch, "credentials")
    known = report["projects"]["readiness"]["earthengine"]
    assert known["state"] == "unregistered" and known["action_url"].startswith(REGISTER)
    # Another account's credentials learned nothing yet: the answer is not theirs.
    signed_in.sign_in(fake_google, SCOPES, account=BOB, targets=("earthengine", "adc"))
    _, report = await call(jp_fetch, "credentials")
    assert report["projects"]["readiness"] is None
