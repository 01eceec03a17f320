"""Administrator policy (GoogleAuth.allowed_modes and friends), each trait allowed and refused,
through a real Jupyter server (token auth, XSRF on) and the fake Google.

The environment report shows a refused mode as unavailable with the administrator's sentence
and ``turned_off: true``; the API refuses it with 403 ``turned_off``."""

# ruff: noqa: F811

import json

import pytest
from test_flows_fixtures import api, origin, registry, settings  # noqa: F401
from traitlets import TraitError

from jupyterlab_google_auth.config import GoogleAuth

TURNED_OFF = "Turned off by your administrator"
KEY = {"type": "service_account", "client_email": "x@p.iam.gserviceaccount.com"}


async def environment(jp_fetch, origin_url="http://127.0.0.1:8888"):
    response = await jp_fetch("google-auth", "environment", params={"origin": origin_url})
    return json.loads(response.body)


def refused(status, answer):
    assert status == 403, answer
    assert answer["code"] == "turned_off"
    assert answer["message"].startswith(TURNED_OFF) and answer["help"]


async def test_everything_is_allowed_by_default(jp_fetch, settings):
    data = await environment(jp_fetch)
    assert not any(m.get("turned_off") for m in data["modes"].values())
    assert data["policy"] == {
        "presets": ["earthengine", "earthengine-readonly", "gemini", "cloud"],
        "default_preset": "earthengine",
        "allow_custom_scopes": True,
        "allow_service_account_keys": True,
        "allow_token_export": True,
        "allow_token_import": True,
        "allow_secrets": True,
        "allowed_secret_names": [],
        "allow_profiles": True,
        "allow_impersonation": True,
        "allow_notebook_binding": True,
        "max_profiles": 20,
    }


async def test_allowed_modes(jp_fetch, api, settings, origin):
    settings.allowed_modes = ["notebook"]
    data = await environment(jp_fetch)
    loopback = data["modes"]["loopback"]
    assert loopback == {
        "available": False,
        "reason": f"{TURNED_OFF} (GoogleAuth.allowed_modes).",
        "turned_off": True,
    }
    assert data["recommended_mode"] == "notebook"  # a loopback origin would pick loopback
    assert data["modes"]["service-account"]["turned_off"] is True
    refused(*await api.start(mode="loopback", origin=origin))
    status, flow = await api.start(mode="notebook")
    assert status == 201 and flow["mode"] == "notebook"


async def test_no_sign_in_mode_left_recommends_nothing(jp_fetch, settings):
    settings.allowed_modes = ["service-account"]
    data = await environment(jp_fetch)
    assert data["recommended_mode"] is None


async def test_allow_gcloud(jp_fetch, api, settings):
    settings.allow_gcloud = False
    data = await environment(jp_fetch)
    assert data["modes"]["gcloud"]["turned_off"] is True
    assert "allow_gcloud" in data["modes"]["gcloud"]["reason"]
    refused(*await api.start(mode="gcloud"))


async def test_allowed_presets_and_default(jp_fetch, api, settings):
    settings.allowed_presets = ["cloud", "gemini"]
    data = await environment(jp_fetch)
    assert data["policy"]["presets"] == ["gemini", "cloud"]
    # The default (earthengine) is not offered: the first offered preset stands in.
    assert data["policy"]["default_preset"] == "cloud"
    refused(*await api.start(mode="notebook", preset="earthengine"))
    status, flow = await api.start(mode="notebook", preset="gemini")
    assert status == 201, flow
    status, flow = await api.start(mode="notebook")  # no preset: the default that is offered
    assert status == 201 and "earthengine" not in flow["consent_url"]


async def test_default_preset(api, settings):
    settings.default_preset = "gemini"
    status, flow = await api.start(mode="notebook")
    assert status == 201
    assert "generative-language.retriever" in flow["consent_url"]


async def test_allow_custom_scopes(jp_fetch, api, settings):
    scopes = ["https://www.googleapis.com/auth/cloud-platform"]
    status, _ = await api.start(mode="notebook", scopes=scopes)
    assert status == 201
    settings.allow_custom_scopes = False
    assert (await environment(jp_fetch))["policy"]["allow_custom_scopes"] is False
    refused(*await api.start(mode="notebook", scopes=scopes))
    status, _ = await api.start(mode="notebook", preset="cloud")
    assert status == 201


async def test_allow_service_account_keys(jp_fetch, api, settings):
    status, answer = await api.call("POST", "service-account", body={"key": KEY})
    assert status == 400 and answer["code"] == "bad_key"  # allowed: the key itself is checked
    settings.allow_service_account_keys = False
    data = await environment(jp_fetch)
    assert data["modes"]["service-account"]["turned_off"] is True
    refused(*await api.call("POST", "service-account", body={"key": KEY}))


async def test_allow_token_export_is_reported(jp_fetch, settings):
    settings.allow_token_export = False
    assert (await environment(jp_fetch))["policy"]["allow_token_export"] is False


@pytest.mark.parametrize(
    "trait, value",
    [
        ("allowed_modes", ["loopbak"]),
        ("allowed_presets", ["earth"]),
        ("default_preset", "drive"),
    ],
)
def test_a_misspelt_policy_fails_at_start_up(trait, value):
    with pytest.raises(TraitError, match=trait):
        GoogleAuth(**{trait: value})


async def test_broken_admin_client_shows_in_environment(jp_fetch, settings, tmp_path):
    broken = tmp_path / "client_secret.json"
    broken.write_text("{not json")
    settings.client_secrets_file = str(broken)
    data = await environment(jp_fetch)
    assert "administrator's client_secret.json is unusable" in data["admin_client_problem"]
    assert str(broken) in data["admin_client_problem"]
    assert data["modes"]["paste-url"]["available"] is False
    assert "GoogleAuth.client_secrets_file" in data["modes"]["paste-url"]["reason"]
    settings.client_secrets_file = str(tmp_path / "missing.json")
    data = await environment(jp_fetch)
    assert "cannot be read" in data["admin_client_problem"]


async def test_jupyterhub_is_named_on_a_loopback_origin(jp_fetch, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_URL", "http://127.0.0.1:8081/hub/api")
    data = await environment(jp_fetch, "http://127.0.0.1:8000")
    text = " ".join(data["reasons"])
    assert "JupyterHub" in text
    assert "SSH tunnel" not in text


async def test_a_flow_from_before_a_restart_says_so(api, registry, origin):
    status, flow = await api.start(mode="notebook")
    assert status == 201 and flow["id"].startswith(registry.instance + ".")
    old = "0" * len(registry.instance) + "." + flow["id"].split(".", 1)[1]
    status, answer = await api.get(old)
    assert status == 410 and answer["code"] == "started_before_restart"
    assert "before the server restarted" in answer["message"]
    status, answer = await api.get(registry.instance + ".no-such-flow-xyz")
    assert status == 404 and answer["code"] == "unknown_flow"


async def test_a_callback_from_before_a_restart_says_so(api, registry):
    state = "f" * len(registry.instance) + ".abc"
    status, text = await api.callback(
        f"{api.base_url}google-auth/oauth2callback?state={state}&code=4/x"
    )
    assert status == 400
    assert "before the server restarted" in text
