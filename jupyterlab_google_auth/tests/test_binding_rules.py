"""A notebook bound to a profile, the server's and the kernel's rules: a sign-in from a bound
kernel is written into that profile (the active one exactly as any sign-in), the administrator's
``allow_notebook_binding=False`` refuses such flows and reaches kernels through the one kernel
environment hook, and a released kernel is as it was before it was bound."""

# ruff: noqa: F811

import json

from test_flows_fixtures import api, registry, settings  # noqa: F401
from test_kernel_binding import account_of, two_profiles  # noqa: F401
from test_kernel_follow import kernel  # noqa: F401
from test_secrets_kernel_env import kernel_says

from jupyterlab_google_auth import policy
from jupyterlab_google_auth.credentials.store import CredentialStore
from jupyterlab_google_auth.kernel.follow import BINDING_OFF_VARIABLE
from jupyterlab_google_auth.profiles.store import ProfileStore
from testing.fake_google import ALICE, BOB

EE = "https://www.googleapis.com/auth/earthengine"
CLOUD = "https://www.googleapis.com/auth/cloud-platform"


def adc(store) -> dict:
    return json.loads(store.paths.adc.read_text())


async def sign_in_from_bound_kernel(api, fake_google, profile: str, account: str) -> dict:
    status, view = await api.start(mode="notebook", profile_name=profile, force=True)
    assert status == 201 and view["add_profile"] is False, view
    code = fake_google.approve(view["consent_url"], account, "allow")["code"]
    status, view = await api.complete(view["id"], code=code)
    assert status == 200 and view["state"] == "succeeded", view
    return view


async def test_a_bound_kernels_sign_in_goes_into_its_profile(api, fake_google, two_profiles):
    before = adc(CredentialStore())
    bob_before = adc(ProfileStore().files("bob"))
    view = await sign_in_from_bound_kernel(api, fake_google, "BOB", BOB)  # any case
    assert view["result"]["profile"] == "bob"
    bob_after = adc(ProfileStore().files("bob"))
    assert bob_after["account"] == BOB
    assert bob_after["refresh_token"] != bob_before["refresh_token"]
    assert adc(CredentialStore()) == before  # the active profile, alice, is untouched
    assert ProfileStore().active() == ALICE


async def test_a_sign_in_into_the_active_profile_is_an_ordinary_sign_in(
    api, fake_google, two_profiles
):
    old = adc(CredentialStore())["refresh_token"]
    view = await sign_in_from_bound_kernel(api, fake_google, ALICE, ALICE)
    assert view["result"]["profile"] is None  # written at the standard places, as today
    new = adc(CredentialStore())["refresh_token"]
    assert new != old
    # The active profile's truth is the standard files; its directory catches up at a switch.
    assert adc(ProfileStore().files(ALICE))["refresh_token"] != new


async def test_a_sign_in_into_a_missing_profile_is_refused_before_consent(
    api, fake_google, two_profiles
):
    status, answer = await api.start(mode="notebook", profile_name="nobody")
    assert (status, answer["code"]) == (404, "unknown_profile"), answer


async def test_binding_turned_off_refuses_a_flow_into_a_profile(
    api, fake_google, settings, two_profiles
):
    settings.allow_notebook_binding = False
    status, answer = await api.start(mode="notebook", profile_name="bob", force=True)
    assert (status, answer["code"]) == (403, "turned_off"), answer
    assert "allow_notebook_binding" in answer["message"]
    # Adding a profile is another policy (allow_profiles), still offered.
    status, answer = await api.start(mode="notebook", add_profile=True, profile_name="carol")
    assert status == 201, answer


def test_binding_turned_off_is_told_to_kernels(settings):
    assert policy.kernel_variables(settings) == {}
    settings.allow_notebook_binding = False
    variables = policy.kernel_variables(settings)
    assert list(variables) == [BINDING_OFF_VARIABLE]
    assert "allow_notebook_binding" in variables[BINDING_OFF_VARIABLE]


async def test_every_kernel_of_this_server_starts_with_the_policy(jp_serverapp, jp_root_dir):
    settings = jp_serverapp.web_app.settings["google_auth"]
    code = f"import os; print(os.environ.get({BINDING_OFF_VARIABLE!r}))"
    assert await kernel_says(jp_serverapp, "a.ipynb", code) == "None"
    settings.allow_notebook_binding = False
    said = await kernel_says(jp_serverapp, "a.ipynb", code)
    assert said.startswith("Turned off by your administrator") and "notebook_binding" in said


def test_use_profile_refuses_when_turned_off(kernel, fake_google, two_profiles):
    out = kernel.run(
        "import os\n"
        f"os.environ[{BINDING_OFF_VARIABLE!r}] = 'Turned off by your administrator "
        "(GoogleAuth.allow_notebook_binding).'\n"
        "from jupyterlab_google_auth.kernel import use_profile, BindingTurnedOff\n"
        "try:\n    use_profile('bob')\n"
        "except BindingTurnedOff as e:\n    print(e.code, '|', e)\n"
        "print(os.environ.get('GOOGLE_APPLICATION_CREDENTIALS'))"
    ).stdout()
    lines = out.strip().splitlines()
    assert lines[0].startswith("turned_off | Turned off by your administrator"), out
    assert "active Google account" in lines[0]
    assert lines[1] == "None"  # nothing was bound


def test_release_puts_the_kernel_back_on_the_active_profile(kernel, fake_google, two_profiles):
    kernel.run("import os\nos.environ['GOOGLE_CLOUD_PROJECT'] = 'mine'")
    ee_who = (
        f"import ee, json\nee.Initialize(opt_url={fake_google.url!r})\n"
        "import google.auth.transport.requests\n"
        "c = ee.data._get_state().credentials\n"
        "c.refresh(google.auth.transport.requests.Request())\nprint(json.dumps(c.token))"
    )
    kernel.run("from jupyterlab_google_auth.kernel import use_profile\nuse_profile('bob')")
    assert account_of(fake_google, kernel) == BOB
    assert account_of(fake_google, kernel, ee_who) == BOB
    out = kernel.run(
        "from jupyterlab_google_auth.kernel import release_profile\n"
        "r = release_profile(project='ee-alice')\nprint(r['released'], r['ee'], r['error'])\n"
        "import os, ee\n"
        "print(os.environ.get('GOOGLE_APPLICATION_CREDENTIALS'), "
        "os.environ.get('JUPYTERLAB_GOOGLE_AUTH_PROFILE'), "
        "hasattr(ee.Initialize, '__google_auth_profile__'))\n"
        "print(ee.data._get_state().cloud_api_user_project)"
    ).stdout()
    lines = out.strip().splitlines()
    assert lines[0] == "bob True None", out
    assert lines[1] == "None None False"
    assert lines[2] == "ee-alice"  # re-initialised as the active profile, with its project
    assert account_of(fake_google, kernel) == ALICE
    code = "from jupyterlab_google_auth.kernel import follow\nprint(follow(project='x')['touched'])"
    assert kernel.run(code).stdout().strip() == "True"  # follows switches again


def test_a_bound_kernel_asks_for_its_profile_and_watches_its_files(monkeypatch, two_profiles):
    import importlib

    module = importlib.import_module("jupyterlab_google_auth.kernel.authenticate")
    from jupyterlab_google_auth.kernel.bundle import MIME_TYPE, pending
    from jupyterlab_google_auth.kernel.follow import BOUND_VARIABLE

    monkeypatch.delenv(BOUND_VARIABLE, raising=False)
    assert module._bound_paths() == (None, module.resolve_paths())
    monkeypatch.setenv(BOUND_VARIABLE, "bob")
    name, paths = module._bound_paths()
    assert name == "bob" and paths.adc == ProfileStore().files("bob").paths.adc
    monkeypatch.setenv(BOUND_VARIABLE, ALICE)  # the active profile: the standard places
    assert module._bound_paths() == (ALICE, module.resolve_paths())
    shown = pending(
        "0" * 32,
        preset=None,
        scopes=None,
        targets=None,
        force=False,
        project=None,
        timeout=5,
        profile="bob",
    )
    assert shown[MIME_TYPE]["profile"] == "bob"


def test_the_front_ends_bind_answers_a_refusal_with_its_code(kernel, fake_google, two_profiles):
    out = kernel.run(
        "from jupyterlab_google_auth.kernel import bind\n"
        "print(bind('nobody')['code'])\nr = bind('bob')\nprint(r['account'], r['project'])"
    ).stdout()
    assert out.strip().splitlines() == ["unknown_profile", f"{BOB} bob-ee-project"]
