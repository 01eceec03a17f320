"""GET projects, GET projects/<id>/services, PUT project and GET projects/recent through a real
Jupyter server (auth and XSRF on) against the fake Google."""

import configparser
import json
import os
import stat
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from tornado.httpclient import HTTPClientError

from jupyterlab_google_auth.credentials.store import CredentialStore
from testing import signed_in
from testing.fake_google import ALICE, BOB, CUSTOM_CLIENT_SECRET

CLOUD = "https://www.googleapis.com/auth/cloud-platform"
EE = "https://www.googleapis.com/auth/earthengine"
SCOPES = [EE, CLOUD, "openid", "https://www.googleapis.com/auth/userinfo.email"]
EE_API = "earthengine.googleapis.com"
GL_API = "generativelanguage.googleapis.com"


def sign_in(fake_google, account=ALICE, scopes=SCOPES, targets=("earthengine", "adc")):
    return signed_in.sign_in(fake_google, scopes, account=account, targets=targets)


def secrets_of(fake_google, *extra):
    tokens = fake_google.call(
        lambda s: list(s.access_tokens) + list(s.refresh_tokens), fake_google.state
    )
    return [*tokens, CUSTOM_CLIENT_SECRET, *extra]


def assert_no_secret(text, secrets):
    for secret in secrets:
        assert secret not in text


async def call(jp_fetch, *parts, method="GET", body=None, **params):
    """(status, JSON body) whether or not the status is an error."""
    kwargs = {"method": method, "params": params}
    if body is not None:
        kwargs["body"] = json.dumps(body)
    try:
        response = await jp_fetch("google-auth", *parts, **kwargs)
    except HTTPClientError as exc:
        return exc.code, json.loads(exc.response.body)
    assert response.headers["Cache-Control"] == "no-store"
    return response.code, json.loads(response.body)


def ids(body):
    return [p["project_id"] for p in body["projects"]]


# -- GET projects ---------------------------------------------------------------------------


async def test_paging_over_250_projects_sees_each_once(jp_fetch, fake_google):
    fake_google.set_projects(ALICE, count=250)
    refresh = sign_in(fake_google)
    seen, token, pages, texts = [], None, 0, []
    while True:
        params = {"page_token": token} if token else {}
        status, body = await call(jp_fetch, "projects", **params)
        assert status == 200, body
        texts.append(json.dumps(body))
        assert body["account"] == ALICE
        seen += ids(body)
        pages += 1
        token = body["next_page_token"]
        if token is None:
            break
    assert pages == 3  # default page size 100
    assert len(seen) == len(set(seen)) == 250
    first = body["projects"][0]
    assert set(first) == {"project_id", "name", "project_number"}
    assert first["project_number"].isdigit() and first["name"].startswith("alice project")
    # One refresh served every page: the access token is cached in memory.
    assert len(fake_google.log("token")) == 1
    assert_no_secret("".join(texts), secrets_of(fake_google, refresh))


async def test_search_pages_both_single_term_streams(jp_fetch, fake_google):
    projects = [{"projectId": f"geo-{i:03d}", "name": f"Geo {i}"} for i in range(120)]
    projects += [{"projectId": f"x-{i:03d}", "name": f"Geology {i}"} for i in range(30)]
    fake_google.set_projects(ALICE, projects=projects)
    sign_in(fake_google)
    seen, token, pages = [], None, 0
    while True:
        params = {"query": "geo", "page_size": "50", **({"page_token": token} if token else {})}
        status, body = await call(jp_fetch, "projects", **params)
        assert status == 200, body
        seen += ids(body)
        pages += 1
        token = body["next_page_token"]
        if token is None:
            break
    # id:geo* holds 120, name:geo* 150 (the 120 and the 30 "Geology"): paged side by side,
    # every project reached; a project both streams return on different pages may repeat
    # (the selector keeps each id once).
    assert set(seen) == {p["projectId"] for p in projects}
    assert pages == 3
    # A page token belongs to its query.
    status, body = await call(jp_fetch, "projects", query="other", page_token=token or "x")
    assert status == 400 and body["code"] == "bad_query"


async def test_google_refusing_our_search_says_it_is_our_bug(jp_fetch, fake_google):
    sign_in(fake_google)
    fake_google.set_faults(route="crm_projects", status=400)
    status, body = await call(jp_fetch, "projects", query="alice")
    assert status == 502 and body["code"] == "search_refused"
    assert "bug in jupyterlab-google-auth" in body["message"]
    assert "letters, digits" not in body["message"] + body["help"]
    assert "project id" in body["help"]


async def test_page_size_is_passed_and_capped(jp_fetch, fake_google):
    fake_google.set_projects(ALICE, count=600)
    sign_in(fake_google)
    status, body = await call(jp_fetch, "projects", page_size="7")
    assert status == 200 and len(body["projects"]) == 7 and body["next_page_token"]
    status, body = await call(jp_fetch, "projects", page_size="100000")
    assert status == 200 and len(body["projects"]) == 500
    for bad in ("abc", "0", "-3"):
        status, body = await call(jp_fetch, "projects", page_size=bad)
        assert status == 400 and body["code"] == "bad_query"


async def test_query_matches_id_or_name_and_active_only(jp_fetch, fake_google):
    sign_in(fake_google)
    # Google matches the first word as a prefix of the id or the name (one documented term
    # per request); every word must appear in the id or the name, in any case.
    assert ids((await call(jp_fetch, "projects", query="alice-s"))[1]) == ["alice-sandbox-1"]
    assert ids((await call(jp_fetch, "projects", query="ee AL"))[1]) == ["ee-alice"]
    assert ids((await call(jp_fetch, "projects", query="team"))[1]) == ["team-shared-data"]
    assert ids((await call(jp_fetch, "projects", query="Alice Analytics"))[1]) == [
        "alice-analytics"
    ]
    assert ids((await call(jp_fetch, "projects", query="nothing-like-it"))[1]) == []
    # Only single documented terms were sent (the fake refuses anything else).
    assert len(fake_google.log("crm_projects")) == 10
    fake_google.set_projects(
        ALICE,
        projects=[
            {"projectId": "old-thing", "name": "Thing", "lifecycleState": "DELETE_REQUESTED"},
            {"projectId": "new-thing", "name": "Thing 2"},
        ],
    )
    assert ids((await call(jp_fetch, "projects", query="thing"))[1]) == ["new-thing"]
    assert ids((await call(jp_fetch, "projects", query="new"))[1]) == ["new-thing"]
    assert ids((await call(jp_fetch, "projects"))[1]) == ["new-thing"]


@pytest.mark.parametrize("query", ["a*b", "id:x", 'a"b', "(x)", "x" * 65, "é", "a OR b)"])
async def test_bad_query_is_400(jp_fetch, fake_google, query):
    sign_in(fake_google)
    status, body = await call(jp_fetch, "projects", query=query)
    assert status == 400 and body["code"] == "bad_query" and body["message"]
    assert not fake_google.log("crm_projects")


async def test_forged_page_token(jp_fetch, fake_google):
    sign_in(fake_google)
    status, body = await call(jp_fetch, "projects", page_token="bm90LWEtdG9rZW4")
    assert status == 400 and body["code"] == "bad_query"
    status, body = await call(jp_fetch, "projects", page_token="<script>")
    assert status == 400 and body["code"] == "bad_query"


async def test_denied_listing_is_403_with_type_the_id_help(jp_fetch, fake_google):
    sign_in(fake_google)
    fake_google.set_projects(ALICE, denied=True)
    status, body = await call(jp_fetch, "projects")
    assert status == 403 and body["code"] == "projects_forbidden"
    assert "type the project id" in body["help"].lower()


async def test_sign_in_without_cloud_scope_is_403_saying_so(jp_fetch, fake_google):
    sign_in(fake_google, scopes=[EE, "openid"])
    status, body = await call(jp_fetch, "projects")
    assert status == 403 and body["code"] == "projects_forbidden"
    assert "Cloud Platform scope" in body["message"]


async def test_signed_out_is_409(jp_fetch, fake_google):
    status, body = await call(jp_fetch, "projects")
    assert status == 409 and body["code"] == "signed_out" and body["help"]
    assert not fake_google.log("token")


async def test_revoked_refresh_token_is_401_reauth_needed(jp_fetch, fake_google):
    refresh = sign_in(fake_google)
    assert fake_google.call(fake_google.state.revoke, refresh)
    status, body = await call(jp_fetch, "projects")
    assert status == 401 and body["code"] == "reauth_needed"
    assert "expired or was revoked" in body["message"]


async def test_cached_access_token_revoked_meanwhile_is_refreshed_once(jp_fetch, fake_google):
    sign_in(fake_google)
    assert (await call(jp_fetch, "projects"))[0] == 200
    access = fake_google.call(lambda s: next(iter(s.access_tokens.values())), fake_google.state)
    fake_google.call(setattr, access, "revoked", True)  # the access token only, not the grant
    assert (await call(jp_fetch, "projects"))[0] == 200
    assert len(fake_google.log("token")) == 2


@pytest.mark.parametrize(
    "fault",
    [
        {"route": "token", "status": 503},
        {"route": "token", "status": 200, "body": "malformed"},
        {"route": "crm_projects", "status": 500},
        {"route": "crm_projects", "status": 200, "body": "html"},
        {"route": "crm_projects", "status": 200, "body": '{"projects": "nope"}'},
    ],
)
async def test_google_faults_are_502_google_unavailable(jp_fetch, fake_google, fault):
    sign_in(fake_google)
    fake_google.set_faults(**fault)
    status, body = await call(jp_fetch, "projects")
    assert status == 502 and body["code"] == "google_unavailable"
    assert body["message"] and body["help"]
    assert "Traceback" not in body["message"]


async def test_slow_google_is_502_within_the_timeout(jp_fetch, jp_serverapp, fake_google):
    jp_serverapp.web_app.settings["google_auth"].http_timeout = 0.5
    sign_in(fake_google)
    fake_google.set_faults(route="crm_projects", delay=3)
    started = time.monotonic()
    status, body = await call(jp_fetch, "projects")
    assert status == 502 and body["code"] == "google_unavailable"
    assert "0.5 seconds" in body["message"]
    assert time.monotonic() - started < 2.5


async def test_earthengine_file_alone_is_used(jp_fetch, fake_google):
    sign_in(fake_google, targets=("earthengine",))
    status, body = await call(jp_fetch, "projects")
    assert status == 200 and "ee-alice" in ids(body)
    assert body["account"] == ALICE  # from the ID token of the refresh


async def test_adc_is_preferred_to_the_earthengine_file(jp_fetch, fake_google):
    sign_in(fake_google, account=ALICE, targets=("earthengine",))
    sign_in(fake_google, account=BOB, targets=("adc",))
    status, body = await call(jp_fetch, "projects")
    assert status == 200 and ids(body) == ["bob-ee-project"] and body["account"] == BOB


async def test_service_account_key_is_used(jp_fetch, fake_google):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    email = "robot@sa-project.iam.gserviceaccount.com"
    fake_google.control("service-accounts", {"email": email, "public_key_pem": public})
    fake_google.set_projects(email, projects=["sa-project"])
    CredentialStore().write_service_account(
        {
            "type": "service_account",
            "project_id": "sa-project",
            "private_key_id": "k1",
            "private_key": pem,
            "client_email": email,
            "client_id": "1",
            "token_uri": fake_google.url + "/token",
        }
    )
    response = await jp_fetch("google-auth", "projects")
    text = response.body.decode()
    body = json.loads(text)
    assert ids(body) == ["sa-project"] and body["account"] == email
    assert "PRIVATE KEY" not in text


async def test_metadata_server_credentials_are_used(jp_fetch, fake_google):
    email = "123-compute@developer.gserviceaccount.com"
    fake_google.set_metadata(enabled=True, email=email, project="gce-project-1")
    status, body = await call(jp_fetch, "projects")
    assert status == 200 and ids(body) == ["gce-project-1"] and body["account"] == email


# -- GET projects/<id>/services -------------------------------------------------------------


async def test_services_enabled_and_disabled(jp_fetch, fake_google):
    refresh = sign_in(fake_google)
    response = await jp_fetch("google-auth", "projects", "ee-alice", "services")
    body = json.loads(response.body)
    assert body["project"] == "ee-alice"
    by_name = {s["name"]: s for s in body["services"]}
    assert list(by_name) == [EE_API, GL_API]
    assert by_name[EE_API]["state"] == "ENABLED" and by_name[EE_API]["title"] == "Earth Engine API"
    assert by_name[GL_API]["state"] == "DISABLED"
    assert by_name[GL_API]["enable_url"] == (
        f"https://console.cloud.google.com/apis/library/{GL_API}?project=ee-alice"
    )
    fake_google.set_service("ee-alice", service=GL_API, state="ENABLED")
    body = (await call(jp_fetch, "projects", "ee-alice", "services"))[1]
    assert [s["state"] for s in body["services"]] == ["ENABLED", "ENABLED"]
    assert len(fake_google.log("token")) == 1
    assert_no_secret(response.body.decode(), secrets_of(fake_google, refresh))


async def test_services_denied_are_unknown_with_a_note(jp_fetch, fake_google):
    sign_in(fake_google)
    fake_google.set_service("ee-alice", denied=True)
    status, body = await call(jp_fetch, "projects", "ee-alice", "services")
    assert status == 200
    assert {s["state"] for s in body["services"]} == {"UNKNOWN"}
    assert all("serviceusage" in s["note"] for s in body["services"])
    assert all(s["enable_url"].endswith("?project=ee-alice") for s in body["services"])


@pytest.mark.parametrize(
    "setup",
    ["signed_out", "unlisted_project", "fault_503", "token_fault"],
)
async def test_services_failures_are_unknown_never_an_error(jp_fetch, fake_google, setup):
    if setup != "signed_out":
        sign_in(fake_google)
    project = "bob-ee-project" if setup == "unlisted_project" else "ee-alice"
    if setup == "fault_503":
        fake_google.set_faults(route="serviceusage", status=503)
    if setup == "token_fault":
        fake_google.set_faults(route="token", status=500)
    status, body = await call(jp_fetch, "projects", project, "services")
    assert status == 200 and body["project"] == project
    assert all(s["state"] == "UNKNOWN" and s["note"] for s in body["services"])


async def test_services_bad_project_id_is_400(jp_fetch, fake_google):
    for bad in ("Bad_Id", "x", "a" * 40):
        status, body = await call(jp_fetch, "projects", bad, "services")
        assert status == 400 and body["code"] == "bad_project"


# -- PUT project, GET projects/recent -------------------------------------------------------


def read_json(path):
    return json.loads(Path(path).read_text())


@pytest.mark.parametrize(
    "project",
    [
        "",
        "ab",
        "My-Project",
        "1project",
        "project-",
        "a" * 31,
        "proj_ect",
        123,
        None,
        "764086051850",
    ],
)
async def test_put_project_validates_the_id(jp_fetch, fake_google, project):
    status, body = await call(jp_fetch, "project", method="PUT", body={"project": project})
    assert status == 400 and body["code"] == "bad_project"
    assert "6 to 30" in body["message"] and "lowercase" in body["message"]
    assert not CredentialStore().paths.earthengine.exists()


async def test_put_project_rejects_a_non_boolean_gcloud(jp_fetch, fake_google):
    status, body = await call(
        jp_fetch, "project", method="PUT", body={"project": "my-project", "gcloud": "yes"}
    )
    assert status == 400


async def test_put_project_updates_both_files_keeps_keys_and_backs_up(jp_fetch, fake_google):
    refresh = sign_in(fake_google)
    paths = CredentialStore().paths
    for path, extra in ((paths.earthengine, {"custom": 1}), (paths.adc, {"note": "mine"})):
        data = read_json(path)
        data.update(extra)
        path.write_text(json.dumps(data))
    before = {p: p.read_text() for p in (paths.earthengine, paths.adc)}
    response = await jp_fetch(
        "google-auth", "project", method="PUT", body=json.dumps({"project": "ee-alice"})
    )
    body = json.loads(response.body)
    assert body["project"] == "ee-alice"
    assert [f["target"] for f in body["files"]] == ["earthengine", "adc"]
    for entry in body["files"]:
        assert entry["backup"] and Path(entry["backup"]).read_text() == before[Path(entry["path"])]
    ee, adc = read_json(paths.earthengine), read_json(paths.adc)
    assert ee["project"] == "ee-alice" and ee["custom"] == 1 and ee["refresh_token"] == refresh
    assert adc["quota_project_id"] == "ee-alice" and adc["note"] == "mine"
    assert adc["refresh_token"] == refresh
    assert not paths.gcloud_configuration(os.environ).exists()  # gcloud only when asked
    assert_no_secret(response.body.decode(), secrets_of(fake_google, refresh))


async def test_put_project_sets_gcloud_only_when_asked(jp_fetch, fake_google):
    sign_in(fake_google)
    config = CredentialStore().paths.gcloud_configuration(os.environ)
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[core]\naccount = alice@example.com\n\n[compute]\nregion = europe-west1\n")
    status, body = await call(
        jp_fetch, "project", method="PUT", body={"project": "alice-analytics", "gcloud": True}
    )
    assert status == 200
    assert [f["target"] for f in body["files"]] == ["gcloud", "earthengine", "adc"]
    # The answer carries the new credentials report: every view updates without a GET.
    assert body["credentials"]["projects"]["earthengine"] == "alice-analytics"
    parser = configparser.ConfigParser()
    parser.read(config)
    assert parser["core"]["project"] == "alice-analytics"
    assert parser["core"]["account"] == "alice@example.com"
    assert parser["compute"]["region"] == "europe-west1"
    status, body = await call(jp_fetch, "project", method="PUT", body={"project": "ee-alice"})
    parser = configparser.ConfigParser()
    parser.read(config)
    assert parser["core"]["project"] == "alice-analytics"  # untouched without the flag


async def test_put_project_with_a_broken_gcloud_config_changes_nothing(jp_fetch, fake_google):
    sign_in(fake_google)
    paths = CredentialStore().paths
    config = paths.gcloud_configuration(os.environ)
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("this is not [ini\n")
    before = paths.earthengine.read_text()
    status, body = await call(
        jp_fetch, "project", method="PUT", body={"project": "ee-alice", "gcloud": True}
    )
    assert status == 409 and body["code"] == "write_failed"
    assert "Nothing was changed" in body["message"]
    assert paths.earthengine.read_text() == before


async def test_put_project_without_credentials_writes_the_earthengine_project(jp_fetch):
    status, body = await call(jp_fetch, "project", method="PUT", body={"project": "ee-alice"})
    assert status == 200 and [f["target"] for f in body["files"]] == ["earthengine"]
    assert read_json(CredentialStore().paths.earthengine) == {"project": "ee-alice"}


async def test_recent_projects_newest_first_and_saved(jp_fetch, fake_google):
    assert (await call(jp_fetch, "projects", "recent"))[1] == {"recent": []}
    for project in ("first-project", "second-project", "first-project"):
        status, _ = await call(jp_fetch, "project", method="PUT", body={"project": project})
        assert status == 200
    status, body = await call(jp_fetch, "projects", "recent")
    assert body == {"recent": ["first-project", "second-project"]}
    path = Path(os.environ["HOME"]) / ".config/jupyterlab-google-auth/recent-projects.json"
    assert read_json(path) == {"recent": ["first-project", "second-project"]}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
