# ruff: noqa: F811

"""A kernel bound to a profile other than the active one: google.auth.default() and ee act as
that profile's account (in a real kernel, against the fake Google), while the standard files
stay the active profile's; a profile this home lacks says what to do."""

from __future__ import annotations

import json

import pytest
from test_kernel_follow import kernel  # noqa: F401 - the fixture: a kernel redirected to the fake

from jupyterlab_google_auth.credentials.store import CredentialStore
from jupyterlab_google_auth.kernel.magic import parse_line
from jupyterlab_google_auth.profiles import adding
from jupyterlab_google_auth.profiles.migration import ensure_migrated
from jupyterlab_google_auth.profiles.store import ProfileStore
from jupyterlab_google_auth.scopes import PRESETS
from testing import signed_in
from testing.fake_google import ALICE, BOB, CUSTOM_CLIENT_ID, CUSTOM_CLIENT_SECRET

EE_SCOPES = list(PRESETS["earthengine"])
WHO = (
    "import google.auth, google.auth.transport.requests, json\n"
    "c, _ = google.auth.default(scopes=['https://www.googleapis.com/auth/cloud-platform'])\n"
    "c.refresh(google.auth.transport.requests.Request())\n"
    "print(json.dumps(c.token))"
)


@pytest.fixture
def two_profiles(fake_google):
    signed_in.sign_in(fake_google, EE_SCOPES, project="ee-alice")
    store = ProfileStore()
    ensure_migrated(store)
    token = fake_google.call(
        fake_google.state.issue_refresh_token, CUSTOM_CLIENT_ID, BOB, EE_SCOPES
    ).value
    adding.add_user_grant(
        store,
        "bob",
        20,
        ["earthengine", "adc"],
        refresh_token=token,
        client_id=CUSTOM_CLIENT_ID,
        client_secret=CUSTOM_CLIENT_SECRET,
        scopes=EE_SCOPES,
        account=BOB,
        project="bob-ee-project",
    )
    return store


def account_of(fake_google, kernel, code=WHO) -> str:
    token = json.loads(kernel.run(code).stdout().strip().splitlines()[-1])
    return fake_google.state.access_tokens[token].account


def test_a_bound_kernel_acts_as_its_profile(kernel, fake_google, two_profiles):
    assert account_of(fake_google, kernel) == ALICE  # before: the active profile
    out = kernel.run(
        "from jupyterlab_google_auth.kernel import authenticate\n"
        "s = authenticate(profile='bob')\nprint(s.account, s.project)"
    ).stdout()
    assert out.strip() == f"{BOB} bob-ee-project"
    assert account_of(fake_google, kernel) == BOB
    ee_who = (
        f"import ee, json\nee.Initialize(opt_url={fake_google.url!r})\n"
        "import google.auth.transport.requests\n"
        "c = ee.data._get_state().credentials\n"
        "c.refresh(google.auth.transport.requests.Request())\nprint(json.dumps(c.token))"
    )
    assert account_of(fake_google, kernel, ee_who) == BOB
    calls = [e for e in fake_google.log() if e["route"] == "ee_algorithms"]
    assert calls[-1]["path"] == "/v1/projects/bob-ee-project/algorithms"
    # The standard files still hold the active profile, alice.
    assert json.loads(CredentialStore().paths.adc.read_text())["account"] == ALICE
    # A switch of the active profile (kernel-follow) leaves the bound kernel as it is.
    answer = kernel.run(
        "from jupyterlab_google_auth.kernel import follow\nprint(follow(project='ee-alice'))"
    ).stdout()
    assert "'touched': False" in answer
    assert account_of(fake_google, kernel, ee_who) == BOB


def test_a_missing_profile_says_what_to_do(kernel, two_profiles):
    out = kernel.run(
        "from jupyterlab_google_auth.kernel import authenticate, ProfileNotFound\n"
        "try:\n    authenticate(profile='nobody')\n"
        "except ProfileNotFound as e:\n    print(e.code, '|', e)"
    ).stdout()
    assert out.startswith("unknown_profile |") and "Add account" in out


def test_the_magic_takes_a_profile():
    assert parse_line("--profile work")["profile"] == "work"
    assert parse_line("")["profile"] is None
