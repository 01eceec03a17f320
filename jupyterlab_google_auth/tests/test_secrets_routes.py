"""The secret store's routes on a real server (token auth, XSRF on) against the fake Google:
values go in once and never come back, in any answer or log line; checks, grants, the
answer to a kernel's prompt, the administrator's policy and a shared server's visitor."""

# ruff: noqa: F811

import json
import logging
import os
import stat

import pytest
from test_flows_fixtures import api, registry, settings  # noqa: F401

from jupyterlab_google_auth.secrets import answers
from jupyterlab_google_auth.secrets.store import SecretStore, store_path

REQUEST_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def logged(jp_serverapp, caplog):
    """Every log line the server writes during the test (its own logger does not propagate)."""
    caplog.set_level(logging.DEBUG)
    jp_serverapp.log.addHandler(caplog.handler)
    yield caplog
    jp_serverapp.log.removeHandler(caplog.handler)


@pytest.fixture
def key(fake_google):
    return fake_google.mint_api_key()


async def add(api, name, value, **extra):
    return await api.call("POST", "secrets", body={"name": name, "value": value, **extra})


def assert_never_shown(api, logged, *values):
    for value in values:
        assert not any(value in body for body in api.bodies), "a value reached a response"
        assert value not in logged.text, "a value reached the server log"


async def test_a_value_goes_in_once_and_never_comes_back(api, key, logged):
    status, body = await add(api, "GEMINI_API_KEY", key)
    assert status == 201
    [entry] = body["secrets"]
    assert entry["name"] == "GEMINI_API_KEY" and entry["last4"] == key[-4:]
    assert entry["set_at"].endswith("Z") and entry["check"] is None and entry["env"] is False
    assert "GEMINI_API_KEY" in body["known"] and "GOOGLE_API_KEY" in body["known"]
    assert (await api.call("GET", "secrets"))[1]["secrets"] == [entry]
    # Stored privately, as the credential files are.
    path = store_path()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert SecretStore().value("GEMINI_API_KEY") == key
    # Replaced, then deleted: gone from the file, with no backup left behind.
    await add(api, "GEMINI_API_KEY", key + "x")
    status, body = await api.call("DELETE", "secrets", "GEMINI_API_KEY")
    assert status == 200 and body["secrets"] == []
    assert not any(key in p.read_text() for p in path.parent.iterdir() if p.is_file())
    assert_never_shown(api, logged, key)


async def test_a_short_value_shows_no_last_characters(api):
    status, body = await add(api, "SHORT", "abcdefgh")
    assert status == 201 and body["secrets"][0]["last4"] == ""


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("gemini_api_key", "AIzaSyX", "bad_secret_name"),
        ("1KEY", "AIzaSyX", "bad_secret_name"),
        ("K" * 65, "AIzaSyX", "bad_secret_name"),
        (None, "AIzaSyX", "bad_secret_name"),
        ("GEMINI_API_KEY", "", "bad_secret_value"),
        ("GEMINI_API_KEY", "   ", "bad_secret_value"),
        ("GEMINI_API_KEY", "a\nb", "bad_secret_value"),
        ("GEMINI_API_KEY", "x" * 5000, "bad_secret_value"),
        ("GEMINI_API_KEY", 42, "bad_secret_value"),
    ],
)
async def test_bad_names_and_values_are_refused_with_what_to_send(api, name, value, code):
    status, body = await add(api, name, value)
    assert (status, body["code"]) == (400, code) and body["help"]
    assert not store_path().exists()


async def test_the_store_is_bounded(api, monkeypatch):
    from jupyterlab_google_auth.secrets import store

    monkeypatch.setattr(store, "MAX_SECRETS", 2)
    for name in ("A_KEY", "B_KEY"):
        assert (await add(api, name, "value-of-" + name))[0] == 201
    status, body = await add(api, "C_KEY", "value-of-c")
    assert (status, body["code"]) == (409, "too_many_secrets")
    assert (await add(api, "A_KEY", "a-new-value"))[0] == 201  # replacing is not adding


@pytest.mark.parametrize(
    ("kind", "state"),
    [("valid", "ok"), ("restricted", "key_restricted"), ("disabled", "api_disabled")],
)
async def test_a_gemini_key_is_checked_against_the_model_list(
    api, fake_google, logged, kind, state
):
    key = fake_google.mint_api_key(kind)
    await add(api, "GEMINI_API_KEY", key)
    status, body = await api.call("POST", "secrets", "GEMINI_API_KEY", "check")
    assert status == 200
    check = body["secrets"][0]["check"]
    assert check["state"] == state and check["message"] and check["checked_at"]
    if kind == "disabled":
        assert check["link"].startswith("https://console.developers.google.com/apis/api/")
    elif kind == "restricted":
        assert check["link"] == "https://aistudio.google.com/apikey"
    # Google was asked with the key in a header, not in the URL a proxy might log.
    [call] = fake_google.log("generativelanguage_models")
    assert key not in call["path"]
    assert (await api.call("GET", "secrets"))[1]["secrets"][0]["check"] == check
    assert_never_shown(api, logged, key)


async def test_a_key_google_never_issued_is_invalid(api, fake_google):
    await add(api, "GOOGLE_API_KEY", "AIzaSyNotAKeyGoogleEverIssued0000000000")
    status, body = await api.call("POST", "secrets", "GOOGLE_API_KEY", "check")
    assert status == 200 and body["secrets"][0]["check"]["state"] == "key_invalid"


async def test_checks_that_cannot_be_done(api, fake_google):
    await add(api, "GOOGLE_MAPS_API_KEY", "AIzaSyMapsKey000000000000000000000000000")
    status, body = await api.call("POST", "secrets", "GOOGLE_MAPS_API_KEY", "check")
    assert (status, body["code"]) == (400, "not_checkable")
    status, body = await api.call("POST", "secrets", "GEMINI_API_KEY", "check")
    assert (status, body["code"]) == (404, "unknown_secret")
    # Google unreachable: an error of the call, not a fact about the key (nothing recorded).
    await add(api, "GEMINI_API_KEY", fake_google.mint_api_key())
    fake_google.set_faults(route="generativelanguage_models", status=503)
    status, body = await api.call("POST", "secrets", "GEMINI_API_KEY", "check", allow_5xx=True)
    assert (status, body["code"]) == (502, "google_unavailable")
    assert SecretStore().listing()[1]["check"] is None


async def test_grants_per_notebook(api, jp_fetch, jp_root_dir, key):
    await add(api, "GEMINI_API_KEY", key)
    await add(api, "GOOGLE_API_KEY", key)
    grant = {"notebook": "work/a.ipynb", "name": "GEMINI_API_KEY", "granted": True}
    status, body = await api.call("PUT", "secrets", "grants", body=grant)
    absolute = str(jp_root_dir / "work" / "a.ipynb")
    assert status == 200
    assert body["notebook"] == {"path": absolute, "granted": ["GEMINI_API_KEY"]}
    listed = (await api.call("GET", "secrets", "grants"))[1]
    assert listed == {"grants": {absolute: ["GEMINI_API_KEY"]}}
    for path, granted in (("work/a.ipynb", ["GEMINI_API_KEY"]), ("work/b.ipynb", [])):
        answer = await jp_fetch("google-auth", "secrets", params={"notebook": path})
        assert json.loads(answer.body)["notebook"]["granted"] == granted
    # Revoked; and a deleted secret takes its grants with it.
    await api.call("PUT", "secrets", "grants", body={**grant, "granted": False})
    assert (await api.call("GET", "secrets", "grants"))[1]["grants"] == {}
    await api.call("PUT", "secrets", "grants", body=grant)
    await api.call("DELETE", "secrets", "GEMINI_API_KEY")
    assert (await api.call("GET", "secrets", "grants"))[1]["grants"] == {}
    status, body = await api.call("PUT", "secrets", "grants", body=grant)
    assert (status, body["code"]) == (404, "unknown_secret")
    status, body = await api.call("PUT", "secrets", "grants", body={**grant, "notebook": ""})
    assert (status, body["code"]) == (400, "bad_notebook")


async def test_the_answer_to_a_kernels_prompt(api, jp_runtime_dir, key):
    await add(api, "GEMINI_API_KEY", key)
    notebook = "/srv/notebooks/shared.ipynb"  # as the kernel named it (JPY_SESSION_NAME)
    body = {"answer": "deny", "notebook": notebook, "name": "GEMINI_API_KEY"}
    status, _ = await api.call("POST", "secrets", "requests", REQUEST_ID, body=body)
    assert status == 200 and answers.read_answer(REQUEST_ID) == "deny"
    assert SecretStore().grants() == {}
    other = "fedcba9876543210fedcba9876543210"
    body["answer"] = "allow"
    assert (await api.call("POST", "secrets", "requests", other, body=body))[0] == 200
    assert answers.read_answer(other) == "allow"
    assert SecretStore().granted(notebook, "GEMINI_API_KEY")
    path = jp_runtime_dir / "google-auth-secrets" / f"{other}.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and key not in path.read_text()
    for bad_id, bad_body, code in (
        ("ABC", body, "bad_id"),
        (REQUEST_ID, {**body, "answer": "maybe"}, "bad_answer"),
        (REQUEST_ID, {**body, "name": "nope"}, "bad_secret_name"),
    ):
        status, answer = await api.call("POST", "secrets", "requests", bad_id, body=bad_body)
        assert (status, answer["code"]) == (400, code)


async def test_set_in_kernels_is_a_switch(api, key):
    await add(api, "GEMINI_API_KEY", key, env=True)
    assert SecretStore().listing()[0]["env"] is True
    status, body = await api.call("PATCH", "secrets", "GEMINI_API_KEY", body={"env": False})
    assert status == 200 and body["secrets"][0]["env"] is False
    status, body = await api.call("PATCH", "secrets", "GEMINI_API_KEY", body={"env": "yes"})
    assert (status, body["code"]) == (400, "bad_request")


async def test_the_administrator_can_turn_the_store_off(api, settings, key):
    settings.allow_secrets = False
    for method, parts, body in (
        ("GET", ("secrets",), None),
        ("POST", ("secrets",), {"name": "GEMINI_API_KEY", "value": key}),
        ("PUT", ("secrets", "grants"), {"notebook": "a.ipynb", "name": "X", "granted": True}),
    ):
        status, answer = await api.call(method, *parts, body=body)
        assert (status, answer["code"]) == (403, "turned_off"), answer
        assert "GoogleAuth.allow_secrets" in answer["message"]
    assert not store_path().exists()
    # A kernel still waiting can be stopped: Deny needs no store.
    deny = {"answer": "deny", "notebook": "/x/a.ipynb", "name": "GEMINI_API_KEY"}
    assert (await api.call("POST", "secrets", "requests", REQUEST_ID, body=deny))[0] == 200
    assert answers.read_answer(REQUEST_ID) == "deny"


async def test_the_administrator_can_restrict_the_names(api, settings, key):
    settings.allowed_secret_names = ["GEMINI_API_KEY"]
    assert (await add(api, "GEMINI_API_KEY", key))[0] == 201
    status, answer = await add(api, "OPENAI_API_KEY", "sk-0000000000000000")
    assert (status, answer["code"]) == (403, "turned_off")
    assert "GEMINI_API_KEY" in answer["message"]


async def test_a_visitor_sees_no_names_and_grants_nothing(api, key, monkeypatch, logged):
    SecretStore().put("GEMINI_API_KEY", key)
    monkeypatch.setenv("JUPYTERHUB_USER", "ann")  # every token request is someone else
    status, body = await api.call("GET", "secrets")
    assert status == 200 and body["secrets"] == [] and "ann's" in body["hidden"]
    grant = {"notebook": "a.ipynb", "name": "GEMINI_API_KEY", "granted": True}
    answer = {"answer": "allow", "notebook": "/x/a.ipynb", "name": "GEMINI_API_KEY"}
    for method, parts, payload in (
        ("POST", ("secrets",), {"name": "OTHER_KEY", "value": "x" * 20}),
        ("PUT", ("secrets", "grants"), grant),
        ("GET", ("secrets", "grants"), None),
        ("POST", ("secrets", "requests", REQUEST_ID), answer),
        ("POST", ("secrets", "requests", REQUEST_ID), {**answer, "answer": "deny"}),
        ("POST", ("secrets", "GEMINI_API_KEY", "check"), None),
        ("DELETE", ("secrets", "GEMINI_API_KEY"), None),
    ):
        status, body = await api.call(method, *parts, body=payload)
        assert (status, body["code"]) == (403, "not_yours"), (parts, body)
    assert SecretStore().grants() == {} and SecretStore().names() == ["GEMINI_API_KEY"]
    assert "GEMINI_API_KEY" not in json.dumps(api.bodies)
    assert_never_shown(api, logged, key)


def test_a_misspelt_allowed_name_fails_at_start_up():
    from traitlets import TraitError

    from jupyterlab_google_auth.config import GoogleAuth

    with pytest.raises(TraitError, match="gemini_api_key"):
        GoogleAuth(allowed_secret_names=["gemini_api_key"])
    assert GoogleAuth(allowed_secret_names=["GEMINI_API_KEY"]).allowed_secret_names == [
        "GEMINI_API_KEY"
    ]
