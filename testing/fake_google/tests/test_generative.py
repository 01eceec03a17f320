"""The Generative Language API's model list: keys of each kind, tokens, and Google's refusals."""

import pytest
import requests

from .helpers import EE_SCOPES, bearer, sign_in


def models(base: str, *, key: str | None = None, header: bool = True, **kwargs):
    headers = kwargs.pop("headers", {})
    params = kwargs.pop("params", {})
    if key is not None:
        if header:
            headers["x-goog-api-key"] = key
        else:
            params["key"] = key
    return requests.get(base + "/v1beta/models", headers=headers, params=params, timeout=5)


def reason(answer) -> str:
    return answer.json()["error"]["details"][0]["reason"]


@pytest.mark.parametrize("header", [True, False])
def test_a_valid_key_lists_models_in_the_header_or_the_query(fake_google, header):
    key = fake_google.mint_api_key()
    assert key.startswith("AIza") and len(key) == 39
    answer = models(fake_google.url, key=key, header=header)
    assert answer.status_code == 200
    names = [m["name"] for m in answer.json()["models"]]
    assert "models/gemini-2.5-flash" in names


def test_paging(fake_google):
    key = fake_google.mint_api_key()
    first = models(fake_google.url, key=key, params={"pageSize": 2}).json()
    assert len(first["models"]) == 2 and first["nextPageToken"]
    params = {"pageSize": 2, "pageToken": first["nextPageToken"]}
    rest = models(fake_google.url, key=key, params=params).json()
    assert len(rest["models"]) == 1 and "nextPageToken" not in rest


def test_refusals_are_googles(fake_google):
    invalid = models(fake_google.url, key="AIzaSyNotAKeyGoogleEverIssued0000000000")
    assert invalid.status_code == 400
    assert invalid.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert reason(invalid) == "API_KEY_INVALID"

    restricted = models(fake_google.url, key=fake_google.mint_api_key("restricted"))
    assert restricted.status_code == 403 and reason(restricted) == "API_KEY_SERVICE_BLOCKED"
    assert restricted.json()["error"]["status"] == "PERMISSION_DENIED"

    disabled = models(fake_google.url, key=fake_google.mint_api_key("disabled", "ee-alice"))
    assert disabled.status_code == 403 and reason(disabled) == "SERVICE_DISABLED"
    metadata = disabled.json()["error"]["details"][0]["metadata"]
    assert metadata["activationUrl"].startswith("https://console.developers.google.com/apis/api/")

    anonymous = models(fake_google.url)
    assert anonymous.status_code == 403 and "unregistered callers" in anonymous.text


GENERATIVE = "generativelanguage.googleapis.com"


def billed_to(project: str | None) -> dict[str, str]:
    return {"x-goog-user-project": project} if project else {}


def test_a_token_with_a_fitting_scope_and_a_quota_project_lists_models(fake_google):
    fake_google.set_service("ee-alice", service=GENERATIVE, state="ENABLED")
    token = sign_in(fake_google)["access_token"]
    headers = {**bearer(token), **billed_to("ee-alice")}
    assert models(fake_google.url, headers=headers).status_code == 200
    assert models(fake_google.url, headers=bearer("ya29.not-a-token")).status_code == 401


def test_a_token_without_an_acceptable_scope_is_refused(fake_google):
    fake_google.set_service("ee-alice", service=GENERATIVE, state="ENABLED")
    email_only = sign_in(fake_google, scopes=[s for s in EE_SCOPES if "cloud-platform" not in s])
    refused = models(
        fake_google.url, headers={**bearer(email_only["access_token"]), **billed_to("ee-alice")}
    )
    assert refused.status_code == 403 and reason(refused) == "ACCESS_TOKEN_SCOPE_INSUFFICIENT"


def test_a_google_clients_token_without_a_quota_project_is_refused_as_local_adc(fake_google):
    """Earth Engine's (or gcloud's) client belongs to Google's project: without a quota
    project Google answers local ADC's refusal, whatever the user's projects allow."""
    fake_google.set_service("ee-alice", service=GENERATIVE, state="ENABLED")
    refused = models(fake_google.url, headers=bearer(sign_in(fake_google)["access_token"]))
    assert refused.status_code == 403 and reason(refused) == "SERVICE_DISABLED"
    assert "requires a quota project" in refused.json()["error"]["message"]


def test_a_quota_project_needs_the_api_and_the_callers_permission(fake_google):
    token = sign_in(fake_google)["access_token"]
    off = models(fake_google.url, headers={**bearer(token), **billed_to("ee-alice")})
    assert off.status_code == 403 and reason(off) == "SERVICE_DISABLED"
    assert "?project=" in off.json()["error"]["details"][0]["metadata"]["activationUrl"]
    fake_google.set_service("bob-ee-project", service=GENERATIVE, state="ENABLED")
    fake_google.set_service("bob-ee-project", denied=True)
    foreign = models(fake_google.url, headers={**bearer(token), **billed_to("bob-ee-project")})
    assert foreign.status_code == 403 and reason(foreign) == "USER_PROJECT_DENIED"


def test_minting_refuses_an_unknown_kind(fake_google):
    with pytest.raises(ValueError):
        fake_google.mint_api_key("expired")
