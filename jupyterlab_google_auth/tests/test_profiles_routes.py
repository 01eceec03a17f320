"""The profile routes through a real Jupyter server (token auth, XSRF on) and the fake Google:
profiles from each source, switching, per-profile sign-out and revoke, deletion, policy, the
visitor rule, and acting as a service account (IAM Credentials generateAccessToken)."""

# ruff: noqa: F811

import json
from pathlib import Path

from test_flows_fixtures import api, registry, settings  # noqa: F401

from jupyterlab_google_auth.credentials.store import CredentialStore
from jupyterlab_google_auth.profiles.store import ProfileStore
from testing.fake_google import ALICE, BOB
from testing.signed_in import sign_in

EE = "https://www.googleapis.com/auth/earthengine"
CLOUD = "https://www.googleapis.com/auth/cloud-platform"
SA = "pipeline@ee-alice.iam.gserviceaccount.com"
HOP = "hop@ee-alice.iam.gserviceaccount.com"


def by_name(answer: dict) -> dict:
    return {p["name"]: p for p in answer["profiles"]}


def standard_adc() -> dict:
    return json.loads(CredentialStore().paths.adc.read_text())


async def add_bob(api, fake_google, **extra):
    status, view = await api.start(mode="notebook", add_profile=True, **extra)
    assert status == 201 and view["add_profile"] is True, view
    code = fake_google.approve(view["consent_url"], BOB, "allow")["code"]
    status, view = await api.complete(view["id"], code=code)
    assert status == 200 and view["state"] == "succeeded", view
    return view


async def test_sign_in_adds_a_profile_and_a_switch_is_one_call(api, fake_google):
    alice = sign_in(fake_google, [EE, CLOUD], project="ee-alice")
    status, answer = await api.call("GET", "profiles")
    assert status == 200 and answer["active"] == ALICE and answer["max_profiles"] == 20
    view = await add_bob(api, fake_google)
    assert view["result"]["profile"] == BOB and view["result"]["account"] == BOB
    assert standard_adc()["refresh_token"] == alice  # adding did not replace alice
    status, answer = await api.call("GET", "profiles")
    profiles = by_name(answer)
    assert set(profiles) == {ALICE, BOB} and profiles[BOB]["kind"] == "user"
    assert not profiles[BOB]["active"] and profiles[BOB]["expires_about"]

    status, answer = await api.call("POST", "profiles", BOB, "switch")
    assert status == 200 and answer["active"] == BOB
    assert answer["credentials"]["profile"] == BOB
    adc = next(s for s in answer["credentials"]["sources"] if s["name"] == "adc")
    assert adc["account"] == BOB
    assert standard_adc()["account"] == BOB
    status, report = await api.call("GET", "credentials")
    assert report["profile"] == BOB


async def test_a_taken_name_or_a_full_list_is_refused_before_consent(api, fake_google, settings):
    sign_in(fake_google, [EE, CLOUD])
    status, answer = await api.start(mode="notebook", add_profile=True, profile_name=ALICE)
    assert (status, answer["code"]) == (409, "profile_exists"), answer
    status, answer = await api.start(mode="notebook", add_profile=True, profile_name="../x")
    assert (status, answer["code"]) == (400, "bad_profile_name") and answer["help"]
    settings.max_profiles = 1
    await api.call("GET", "profiles")  # alice becomes the first profile
    status, answer = await api.start(mode="notebook", add_profile=True)
    assert (status, answer["code"]) == (409, "too_many_profiles")


async def test_per_profile_sign_out_revokes_only_that_profile(api, fake_google):
    alice = sign_in(fake_google, [EE, CLOUD], project="ee-alice")
    await add_bob(api, fake_google)
    bob = json.loads(ProfileStore().files(BOB).paths.adc.read_text())["refresh_token"]
    status, answer = await api.call("POST", "profiles", BOB, "sign-out", body={"revoke": True})
    assert status == 200 and answer["revoked"] is True, answer
    assert fake_google.state.refresh_tokens[bob].revoked
    assert not fake_google.state.refresh_tokens[alice].revoked
    assert by_name(answer)[BOB]["signed_out"] and not by_name(answer)[ALICE]["signed_out"]
    assert standard_adc()["refresh_token"] == alice
    assert bob not in json.dumps(answer)


async def test_delete_and_rename(api, fake_google, jp_fetch):
    sign_in(fake_google, [EE, CLOUD])
    await add_bob(api, fake_google, profile_name="bob")
    status, answer = await api.call("DELETE", "profiles", ALICE)
    assert (status, answer["code"]) == (409, "profile_active")
    response = await jp_fetch(
        "google-auth", "profiles", "bob", method="PATCH", body=json.dumps({"name": "teaching"})
    )
    assert set(by_name(json.loads(response.body))) == {ALICE, "teaching"}
    status, answer = await api.call("DELETE", "profiles", "teaching")
    assert status == 200 and set(by_name(answer)) == {ALICE}
    assert (Path(answer["backup"]) / "application_default_credentials.json").is_file()
    status, answer = await api.call("DELETE", "profiles", "teaching")
    assert (status, answer["code"]) == (404, "unknown_profile")


async def test_a_service_account_key_becomes_a_profile(api, fake_google):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from test_profiles_store import KEY_EMAIL

    sign_in(fake_google, [EE, CLOUD])
    pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    key = {
        "type": "service_account",
        "project_id": "ee-alice",
        "private_key_id": "k1",
        "private_key": pem.decode(),
        "client_email": KEY_EMAIL,
        "client_id": "1",
        "token_uri": fake_google.url + "/token",
    }
    body = {"kind": "service-account", "key": key, "name": "pipeline"}
    status, answer = await api.call("POST", "profiles", body=body)
    assert status == 201 and answer["added"] == "pipeline", answer
    assert by_name(answer)["pipeline"]["account"] == KEY_EMAIL
    assert "PRIVATE KEY" not in json.dumps(answer)


async def test_impersonation_is_checked_at_google_and_written_as_adc(api, fake_google):
    sign_in(fake_google, [EE, CLOUD], project="ee-alice")
    fake_google.add_service_account(SA, token_creators=[ALICE])
    status, answer = await api.call("POST", "profiles/impersonate", body={"service_account": SA})
    assert status == 201 and answer["added"] == SA, answer
    view = by_name(answer)[SA]
    assert view["kind"] == "impersonated" and view["account"] == SA
    assert view["impersonating"] == {
        "service_account": SA,
        "delegates": [],
        "source_account": ALICE,
    }
    assert len(fake_google.log("iam_generate_access_token")) == 1
    data = json.loads(ProfileStore().files(SA).paths.adc.read_text())
    assert data["type"] == "impersonated_service_account"
    assert data["service_account_impersonation_url"].endswith(f"/{SA}:generateAccessToken")
    assert data["source_credentials"]["type"] == "authorized_user"
    assert data["quota_project_id"] == "ee-alice"  # from the service account's address


async def test_impersonation_refusals_name_the_missing_role(api, fake_google):
    sign_in(fake_google, [EE, CLOUD])
    fake_google.add_service_account(SA, token_creators=[])
    status, answer = await api.call("POST", "profiles/impersonate", body={"service_account": SA})
    assert (status, answer["code"]) == (403, "impersonation_denied")
    assert "roles/iam.serviceAccountTokenCreator" in answer["message"] + answer["help"]
    status, answer = await api.call(
        "POST", "profiles/impersonate", body={"service_account": "nobody@x.iam.gserviceaccount.com"}
    )
    assert (status, answer["code"]) == (404, "unknown_service_account")
    status, answer = await api.call("POST", "profiles/impersonate", body={"service_account": "x"})
    assert (status, answer["code"]) == (400, "bad_service_account")
    status, answer = await api.call("GET", "profiles")
    assert set(by_name(answer)) == {ALICE}  # nothing was added


async def test_impersonation_through_delegates(api, fake_google):
    sign_in(fake_google, [EE, CLOUD])
    fake_google.add_service_account(HOP, token_creators=[ALICE])
    fake_google.add_service_account(SA, token_creators=[HOP])
    body = {"service_account": SA, "name": "chain"}
    status, answer = await api.call("POST", "profiles/impersonate", body=body)
    assert (status, answer["code"]) == (403, "impersonation_denied")  # alice alone may not
    status, answer = await api.call(
        "POST", "profiles/impersonate", body={**body, "delegates": [HOP]}
    )
    assert status == 201, answer
    assert by_name(answer)["chain"]["impersonating"]["delegates"] == [HOP]


async def test_policy_turns_profiles_and_impersonation_off(api, fake_google, settings):
    sign_in(fake_google, [EE, CLOUD])
    settings.allow_impersonation = False
    status, answer = await api.call("POST", "profiles/impersonate", body={"service_account": SA})
    assert (status, answer["code"]) == (403, "turned_off")
    assert "allow_impersonation" in answer["message"]
    settings.allow_profiles = False
    for method, parts in (("GET", ("profiles",)), ("POST", ("profiles", ALICE, "switch"))):
        status, answer = await api.call(method, *parts)
        assert (status, answer["code"]) == (403, "turned_off"), parts
    status, answer = await api.start(mode="notebook", add_profile=True)
    assert (status, answer["code"]) == (403, "turned_off")
    assert not ProfileStore().names()  # nothing was migrated either


async def test_a_visitor_sees_no_profiles_and_changes_none(api, fake_google, monkeypatch):
    sign_in(fake_google, [EE, CLOUD])
    await api.call("GET", "profiles")  # the owner's first use
    monkeypatch.setenv("JUPYTERHUB_USER", "ann")
    status, answer = await api.call("GET", "profiles")
    assert status == 200 and answer["profiles"] == [] and ALICE not in json.dumps(answer)
    status, answer = await api.call("POST", "profiles", ALICE, "switch")
    assert (status, answer["code"]) == (403, "not_yours")
    status, answer = await api.call("GET", "credentials")
    assert answer["profile"] is None


async def test_impersonation_uses_the_shared_token_cache(api, fake_google):
    """The user's access token for generateAccessToken comes from the server's cache, as every
    other call made with a sign-in: two checks refresh once; a revoked sign-in says sign in."""
    refresh = sign_in(fake_google, [EE, CLOUD])
    fake_google.add_service_account(SA, token_creators=[])
    for _ in range(2):
        status, answer = await api.call(
            "POST", "profiles/impersonate", body={"service_account": SA}
        )
        assert (status, answer["code"]) == (403, "impersonation_denied")
    assert len(fake_google.log("token")) == 1
    assert len(fake_google.log("iam_generate_access_token")) == 2

    assert fake_google.call(fake_google.state.revoke, refresh)
    fake_google.add_service_account(HOP, token_creators=[ALICE])
    await api.call("POST", "profiles", ALICE, "switch")  # a switch drops cached tokens
    status, answer = await api.call("POST", "profiles/impersonate", body={"service_account": HOP})
    assert (status, answer["code"]) == (401, "reauth_needed"), answer


async def test_signing_out_an_impersonated_profile_keeps_its_source_signed_in(api, fake_google):
    """Its only token is the source profile's sign-in: revoking it would sign alice out too."""
    refresh = sign_in(fake_google, [EE, CLOUD])
    fake_google.add_service_account(SA, token_creators=[ALICE])
    status, answer = await api.call("POST", "profiles/impersonate", body={"service_account": SA})
    assert status == 201, answer
    status, answer = await api.call("POST", "profiles", SA, "sign-out", body={"revoke": True})
    assert status == 200 and answer["revoked"] is False, answer
    assert by_name(answer)[SA]["signed_out"]
    assert not fake_google.call(lambda: fake_google.state.refresh_tokens[refresh].revoked)
    assert standard_adc()["refresh_token"] == refresh  # alice, the active profile, untouched
