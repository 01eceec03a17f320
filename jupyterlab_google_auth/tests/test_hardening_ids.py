"""#17.3: every route that takes an id refuses a trailing newline, a NUL and a Unicode line
separator, and nothing reaches a file."""

# ruff: noqa: F811

import json
from urllib.parse import quote

import pytest
from test_flows_fixtures import api, registry, settings, stored_files  # noqa: F401

from jupyterlab_google_auth.credentials.store import CredentialStore
from jupyterlab_google_auth.help import HELP
from jupyterlab_google_auth.ids import ANY_PROJECT, FLOW_ID, PROJECT_ID, REQUEST_ID, is_id
from testing.fake_google import CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET
from testing.signed_in import sign_in

TAILS = ["\n", "\x00", "\u2028"]
EE = "https://www.googleapis.com/auth/earthengine"


@pytest.mark.parametrize("tail", TAILS)
@pytest.mark.parametrize(
    "pattern, good",
    [
        (PROJECT_ID, "proj-0001"),
        (ANY_PROJECT, "proj-0001"),
        (REQUEST_ID, "a" * 32),
        (FLOW_ID, "0123abcd.AbCd-_0123456789"),
    ],
)
def test_the_id_rule_matches_the_whole_string(pattern, good, tail):
    assert is_id(pattern, good)
    assert not is_id(pattern, good + tail)
    assert not is_id(pattern, tail + good)


@pytest.mark.parametrize("tail", TAILS)
async def test_put_project(api, fake_google, tail):
    sign_in(fake_google, [EE], project="ee-alice")
    before = stored_files()
    status, answer = await api.call("PUT", "project", body={"project": "proj-0001" + tail})
    assert status == 400 and answer["code"] == "bad_project"
    assert stored_files() == before


@pytest.mark.parametrize("tail", TAILS)
async def test_token_import_project(api, fake_google, tail):
    token = fake_google.call(
        fake_google.state.issue_refresh_token, CUSTOM_CLIENT_ID, "alice@example.com", [EE]
    ).value
    value = json.dumps(
        {
            "refresh_token": token,
            "client_id": CUSTOM_CLIENT_ID,
            "client_secret": CUSTOM_CLIENT_SECRET,
            "project": "ee-alice" + tail,
        }
    )
    status, answer = await api.call("POST", "token-import", body={"value": value})
    assert status == 400 and answer["code"] == "not_credentials"
    assert stored_files() == {}


@pytest.mark.parametrize("tail", TAILS)
async def test_cell_request_id(api, tail):
    rid = quote("a" * 32 + tail, safe="")
    status, answer = await api.call("POST", "cell-requests", rid, body={"outcome": "cancelled"})
    assert status == 400, answer
    home = CredentialStore().paths.earthengine.parents[2]
    assert not [p for p in home.rglob("*") if p.name.startswith("a" * 32)]


@pytest.mark.parametrize("tail", TAILS)
@pytest.mark.parametrize("what", ["services", "earthengine"])
async def test_project_routes(api, tail, what):
    status, answer = await api.call("GET", "projects", quote("proj-0001" + tail, safe=""), what)
    assert status == 400 and answer["code"] == "bad_project"


@pytest.mark.parametrize("tail", TAILS + ["\u00e9", "x" * 5000, "%2F..%2F..", ""])
async def test_flow_routes(api, registry, tail):
    """A flow id with anything after it is 400 ``bad_id`` (help from help.py, the id never
    echoed) on GET, DELETE and complete; a well-formed id nobody started is 404; the real flow
    stays pending."""
    status, flow = await api.start(mode="notebook")
    assert status == 201 and is_id(FLOW_ID, flow["id"])
    bad = quote(flow["id"] + tail, safe="") if tail != "%2F..%2F.." else flow["id"] + tail
    unknown = registry.instance + "." + "Z" * 16
    for method, parts in (
        ("GET", ("flows", "{}")),
        ("DELETE", ("flows", "{}")),
        ("POST", ("flows", "{}", "complete")),
    ):
        if tail:
            status, answer = await api.call(
                method, *[p.format(bad) for p in parts], body={"code": "4/x"}
            )
            assert (status, answer["code"]) == (400, "bad_id"), answer
            assert answer["help"] == HELP["bad_id"] and flow["id"] not in answer["message"]
        status, answer = await api.call(
            method, *[p.format(unknown) for p in parts], body={"code": "4/x"}
        )
        assert (status, answer["code"]) == (404, "unknown_flow"), answer
    assert (await api.get(flow["id"]))[1]["state"] == "pending"
