"""A wrong paste keeps the sign-in open: a code cut short, a code already used, another sign-in's
code or an expired one answer 400 with what is wrong with the paste, the flow stays pending, and
the right code still finishes it. Only the fake Google's own answers decide, as Google's would."""

# The shared fixtures are imported by name (tests/ is not a package): F811 is expected here.
# ruff: noqa: F811

import json

import pytest
from test_flows_fixtures import (  # noqa: F401
    api,
    origin,
    registry,
    settings,
    stored_files,
    upload_custom_client,
)

from testing.fake_google import ALICE


async def notebook_code(api, fake_google):
    status, view = await api.start(mode="notebook", force=True)
    assert status == 201
    return view, fake_google.approve(view["consent_url"], ALICE, "allow")["code"]


async def refused(api, flow_id, code, **body):
    status, answer = await api.complete(flow_id, code=code, **body)
    assert status == 400, answer
    assert answer["message"] and answer["help"] and "7 days" not in answer["help"]
    return answer


async def state_of(api, flow_id):
    _, view = await api.get(flow_id)
    return view["state"]


async def test_a_code_cut_short_keeps_the_sign_in_open(api, fake_google):
    view, code = await notebook_code(api, fake_google)
    answer = await refused(api, view["id"], code[:20])
    assert answer["code"] == "code_incomplete"
    assert "Google said" not in answer["message"]  # our words say it; Google's only repeat it
    assert "still open" in answer["help"]
    assert await state_of(api, view["id"]) == "pending" and stored_files() == {}
    _, done = await api.complete(view["id"], code=code)
    assert done.get("state") == "succeeded", done
    assert done["result"]["account"] == ALICE


async def test_a_used_code_is_refused_here_before_google_revokes_its_tokens(api, fake_google):
    first, code = await notebook_code(api, fake_google)
    _, done = await api.complete(first["id"], code=code)
    assert done["state"] == "succeeded"
    tokens_before = set(fake_google.state.refresh_tokens)

    second, fresh = await notebook_code(api, fake_google)
    answer = await refused(api, second["id"], code)
    assert answer["code"] == "code_used"
    # Google answers a replayed code by revoking what it issued for it; we never replayed it.
    assert set(fake_google.state.refresh_tokens) == tokens_before
    assert await state_of(api, second["id"]) == "pending"
    _, done = await api.complete(second["id"], code=fresh)
    assert done["state"] == "succeeded"


async def test_another_sign_ins_code_names_the_mix_up(api, fake_google):
    first, other = await notebook_code(api, fake_google)
    second, own = await notebook_code(api, fake_google)
    answer = await refused(api, second["id"], other)
    # Both codes come from Earth Engine's notebook client: Google tells them apart by PKCE.
    assert answer["code"] in ("code_other_sign_in", "invalid_grant")
    assert await state_of(api, second["id"]) == "pending"
    _, done = await api.complete(second["id"], code=own)
    assert done["state"] == "succeeded"


async def test_a_wrong_pkce_verifier_is_another_sign_ins_code(api, fake_google, registry):
    view, code = await notebook_code(api, fake_google)
    registry.flows[view["id"]].secrets.code_verifier = "W" * 43  # not the one behind tc
    answer = await refused(api, view["id"], code)
    assert answer["code"] == "code_other_sign_in"
    assert await state_of(api, view["id"]) == "pending" and stored_files() == {}


async def test_an_expired_code_says_so_without_unrelated_notes(api, fake_google):
    view, code = await notebook_code(api, fake_google)
    fake_google.advance(601)  # Google's codes last about 10 minutes
    answer = await refused(api, view["id"], code)
    assert answer["code"] == "invalid_grant"
    assert await state_of(api, view["id"]) == "pending"


async def test_paste_url_mode_keeps_its_flow_open_too(api, fake_google):
    await upload_custom_client(api, fake_google)
    status, view = await api.start(mode="paste-url", preset="gemini")
    assert status == 201, view
    redirect = fake_google.approve(view["consent_url"], ALICE, "allow")["location"]
    cut = redirect.split("code=", 1)
    short = cut[0] + "code=" + cut[1][:15]
    answer = await refused(api, view["id"], None, redirect_url=short)
    assert answer["code"] == "code_incomplete"
    _, done = await api.complete(view["id"], redirect_url=redirect)
    assert done["state"] == "succeeded"


@pytest.mark.parametrize("word", ["Bad Request", "Malformed auth code.", "Invalid code verifier."])
async def test_a_loopback_refusal_still_ends_the_flow(api, fake_google, origin, word):
    """Nothing was pasted in loopback: Google's code came straight back, so a refusal is final."""
    status, view = await api.start(mode="loopback", origin=origin)
    assert status == 201, view
    fake_google.set_faults(
        route="token",
        status=400,
        body=json.dumps({"error": "invalid_grant", "error_description": word}),
    )
    await api.callback(fake_google.approve(view["consent_url"], ALICE, "allow")["location"])
    _, final = await api.get(view["id"])
    assert final["state"] == "failed" and final["error"]["code"] != "oauth_error"
