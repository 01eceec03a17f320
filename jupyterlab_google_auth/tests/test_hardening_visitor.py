"""#17.5: on a shared JupyterHub server a visitor may not export, sign out or revoke the owner's
credentials (the message says whose they are), and no route shows the owner's account."""

# ruff: noqa: F811

import json

from test_flows_fixtures import api, registry, settings, stored_files  # noqa: F401

from testing.fake_google import ALICE
from testing.signed_in import sign_in

EE = "https://www.googleapis.com/auth/earthengine"
CLOUD = "https://www.googleapis.com/auth/cloud-platform"


async def test_a_visitor_cannot_take_or_end_the_owners_sign_in(api, fake_google, monkeypatch):
    # With Jupyter's token login every request is someone other than JUPYTERHUB_USER.
    monkeypatch.setenv("JUPYTERHUB_USER", "ann")
    token = sign_in(fake_google, [EE, CLOUD], project="ee-alice")
    before = stored_files()
    for route, body in (("token-export", {"confirm": True}), ("sign-out", {"revoke": True})):
        status, answer = await api.call("POST", route, body=body)
        assert (status, answer["code"]) == (403, "not_yours"), answer
        assert "ann's" in answer["message"]
    assert stored_files() == before
    assert token in fake_google.state.refresh_tokens  # not revoked
    assert not fake_google.log("revoke")

    for parts in (
        ("credentials",),
        ("projects",),
        ("environment",),
        ("projects", "ee-alice", "services"),
        ("projects", "ee-alice", "earthengine"),
        ("custom-client",),
    ):
        status, answer = await api.call("GET", *parts)
        assert status == 200 and ALICE not in json.dumps(answer), (parts, answer)
    status, answer = await api.call("PUT", "project", body={"project": "proj-0001"})
    assert ALICE not in json.dumps(answer), answer
