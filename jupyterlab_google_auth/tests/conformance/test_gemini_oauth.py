"""OAuth for Gemini, as far as it is true: the ADC file the extension writes for the Gemini
choice (paste-url, the user's own Desktop client, the preset's two scopes, a project chosen)
lets the real google-auth list models from the fake's Generative Language API the way the
Gemini OAuth page's curl does (bearer token, the quota project as ``x-goog-user-project``).

The google-genai SDK (3.6.1) on the Gemini Developer API takes only an API key (its
``_api_client.py``: no key and no ``vertexai`` raises "No API key was provided"; credentials
switch it to Vertex AI), so this REST call is what OAuth serves; test_genai_in_kernel.py covers
the SDK with a key and without one. The fake refuses what Google refuses: no quota project and
the client's own project without the API, the API off in the quota project.
"""

# The flow fixtures are imported by name: each test argument "redefines" one.
# ruff: noqa: F811

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from jupyterlab_google_auth.credentials import CredentialStore
from jupyterlab_google_auth.tests.conformance.conftest import HERE, clean_env, run_json
from jupyterlab_google_auth.tests.test_flows_fixtures import (  # noqa: F401
    api,
    registry,
    settings,
    upload_custom_client,
)
from testing.fake_google import ALICE, CUSTOM_CLIENT_ID, CUSTOM_CLIENT_PROJECT

GENERATIVE = "generativelanguage.googleapis.com"


async def sign_in_for_gemini(api, fake_google) -> dict:
    """The panel's OAuth choice for Gemini through the server's routes, then a project."""
    await upload_custom_client(api, fake_google)
    status, view = await api.start(mode="paste-url", preset="gemini")
    assert status == 201 and view["client"] == "custom" and view["targets"] == ["adc"]
    location = fake_google.approve(view["consent_url"], ALICE, "allow")["location"]
    status, view = await api.complete(view["id"], redirect_url=location)
    assert status == 200 and view["state"] == "succeeded", view
    status, _ = await api.call("PUT", "project", body={"project": "ee-alice"})
    assert status == 200
    return json.loads(CredentialStore().paths.adc.read_text())


def list_models(fake_google) -> dict:
    env = clean_env(Path(os.environ["HOME"]), FAKE_MODELS_URL=fake_google.url + "/v1/models")
    cmd = [sys.executable, str(HERE / "consumer_python.py"), "generative-models"]
    return run_json([*cmd, fake_google.url + "/token"], env)


async def test_the_gemini_adc_file_lists_models_through_google_auth(api, fake_google):
    adc = await sign_in_for_gemini(api, fake_google)
    assert adc["client_id"] == CUSTOM_CLIENT_ID and adc["quota_project_id"] == "ee-alice"
    fake_google.set_service("ee-alice", service=GENERATIVE, state="ENABLED")
    got = list_models(fake_google)
    assert got["status"] == 200, got["error"]
    assert got["sent_quota_project"] == "ee-alice"
    assert "models/gemini-2.5-flash" in got["models"]
    assert fake_google.log("generativelanguage_models")


async def test_the_api_off_in_the_quota_project_is_googles_refusal(api, fake_google):
    await sign_in_for_gemini(api, fake_google)
    got = list_models(fake_google)
    assert got["status"] == 403 and got["models"] == []
    assert got["error"]["details"][0]["reason"] == "SERVICE_DISABLED"
    assert "?project=" in got["error"]["details"][0]["metadata"]["activationUrl"]


async def test_without_a_quota_project_the_clients_own_project_pays(api, fake_google):
    """google-auth sends no x-goog-user-project: the Desktop client's project is billed, and
    it must have the API on (the user's own client: their project, unlike gcloud's)."""
    adc = await sign_in_for_gemini(api, fake_google)
    adc.pop("quota_project_id")
    CredentialStore().paths.adc.write_text(json.dumps(adc))
    fake_google.set_service("ee-alice", service=GENERATIVE, state="ENABLED")
    refused = list_models(fake_google)
    assert refused["status"] == 403 and refused["sent_quota_project"] is None
    assert refused["error"]["details"][0]["reason"] == "SERVICE_DISABLED"
    fake_google.set_service(CUSTOM_CLIENT_PROJECT, service=GENERATIVE, state="ENABLED")
    assert list_models(fake_google)["status"] == 200
